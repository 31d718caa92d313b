"""Small text helpers shared by the interpretation modules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from unidecode import unidecode

_SPACE = re.compile(r"\s+")
ROMAN = re.compile(r"^(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})$")


def squash(text: str) -> str:
    """Collapse every run of whitespace (line wraps included) into one space."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key for fuzzy matching."""
    text = unidecode(text.replace("đ", "d").replace("Đ", "D")).lower()
    return squash(re.sub(r"[^a-z0-9&]+", " ", text))


def is_roman(text: str) -> bool:
    return bool(text) and bool(ROMAN.match(text.strip().rstrip(".")))


def repair_method(before: str, after: str) -> Literal["ocr", "diacritics"]:
    """'diacritics' when only accents changed, 'ocr' when letters changed too."""
    return "diacritics" if key(before) == key(after) else "ocr"
