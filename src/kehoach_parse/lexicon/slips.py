"""How OCR without a Vietnamese model misreads a word: its marked vowels come out as other
vowels, digits or symbols (`Sở` -> `Sé`, `S6`, `S@`, `S¢`; `Trước` -> `Truéc`; `năm` -> `ném`).

A word that carries a mark only a Vietnamese model writes (hook, dot below, tilde, horn,
breve, circumflex, `đ`) was read with diacritics: its vowels are what was printed, not slips.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..vietnamese.keys import fold
from ..vietnamese.orthography import is_skeleton

__all__ = ["read_with_marks", "reads_as_syllable", "vowel_slip"]

VOWELS = frozenset("aeiouy")
# what the folded OCR text holds where a marked vowel was printed (`¢` folds to `c`)
SLIP_CHARS = frozenset("aeiouy0123456789@cd")
_VIET_MARKS = frozenset("\u0309\u0323\u0303\u031b\u0306\u0302")


def read_with_marks(word: str) -> bool:
    """`word` (as OCR wrote it) carries a mark only a Vietnamese OCR model writes."""
    return "đ" in word.lower() or any(ch in _VIET_MARKS for ch in unicodedata.normalize("NFD", word))


def vowel_slip(vocab_word: str, word: str, allowed: int = 1) -> bool:
    """The folded `word` is `vocab_word` with up to `allowed` vowels misread (same length)."""
    if len(vocab_word) != len(word) or vocab_word == word:
        return vocab_word == word
    slips = [(a, b) for a, b in zip(vocab_word, word, strict=True) if a != b]
    return len(slips) <= allowed and all(a in VOWELS and b in SLIP_CHARS for a, b in slips)


SLIP_LENGTH = 4  # letters: a shorter word with a slip could be almost any vowels (`ee` for `eo`)


@lru_cache(maxsize=65536)
def reads_as_syllable(word: str) -> bool:
    """A syllable's letters as OCR read them: with its marks or without (`kiém`, `kiem`), or with one
    marked vowel read as another letter (`cudi` for `cuối`, `Thyc` for `Thực`)."""
    w = fold(word)
    if is_skeleton(w):
        return True
    return len(w) >= SLIP_LENGTH and any(
        is_skeleton(w[:k] + v + w[k + 1 :]) for k, ch in enumerate(w) if ch in SLIP_CHARS for v in VOWELS if v != ch
    )
