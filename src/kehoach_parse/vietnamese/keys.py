"""Accent-folded forms of Vietnamese text for matching, shared by the loaders and the plan layer.

Plans reach us with and without diacritics (OCR, stripped exports) and in any case, so
phrases are compared on folded forms. `fold` keeps one character per character, so a match
found in the folded text maps back to the original by position; `key` is the one matching
key built on it: its words only, punctuation ignored (`&` is kept: KH&ĐT). Characters are
folded one by one on purpose: OCR symbols (`¢`, `€`) and unknown ones become one letter or a
space, never a transliteration that splits or lengthens a word (`€` is not "EUR").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

__all__ = ["fold", "key"]

_KEY_WORD = re.compile(r"[a-z0-9&]+")


def fold(text: str) -> str:
    """Lower-case ASCII form of `text` ("Uỷ ban" and "ủy ban" -> "uy ban"), one char per char.

    Each character is transliterated on its own so that positions in the folded string
    map back to the (NFC) original; multi-character transliterations keep their first char.
    """
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first sight of each character (one C call per text
    instead of a Python call per character); bounded like the cache it replaces."""

    def __missing__(self, o: int) -> str:
        c = _fold_char(chr(o))
        if len(self) < 65536:
            self[o] = c
        return c


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c.isascii():
        return c.lower()
    if c in "đĐ":
        return "d"
    if c.isspace():
        return " "
    t = unidecode(c).lower()
    return t[:1] if t else " "


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key ("Sở Nội vụ" and "SO NOI VU" -> "so noi vu")."""
    return " ".join(_KEY_WORD.findall(fold(text)))
