"""Small text helpers shared by the interpretation modules.

The matching key, the repair method and the Roman numerals live in `vietnamese/` (the
loaders need them too, and SPEC §7 keeps loaders and plan apart); they are re-exported here.
"""

from __future__ import annotations

from ..vietnamese.keys import key
from ..vietnamese.numerals import ROMAN, is_roman
from ..vietnamese.orthography import repair_method

__all__ = ["ROMAN", "is_roman", "key", "repair_method", "squash"]


def squash(text: str) -> str:
    """Collapse every run of whitespace (line wraps included) into one space."""
    return " ".join(text.split())  # str.split() splits at exactly the characters `\\s` matches
