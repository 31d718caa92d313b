"""Roman numerals as plans number their sections (1 to 89 in Roman figures), and STT numbers as
OCR reads them, shared by the loaders and the plan layer.

One pattern decides what a section number is, wherever it is read: a table cell, the
first word of a line, an OCR'd row number, a token the repair stage must not touch; and
one what an OCR'd STT cell's number is (`stt_digits`).
"""

from __future__ import annotations

import re

__all__ = [
    "ROMAN",
    "ROMAN_LETTERS",
    "ROMAN_PATTERN",
    "STT_DEBRIS",
    "STT_NUMBER",
    "is_roman",
    "roman_value",
    "section_value",
    "stt_digits",
    "to_roman",
]

# Unanchored, for embedding in larger patterns; the lookahead keeps it from matching nothing.
ROMAN_PATTERN = r"(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
ROMAN = re.compile(rf"^{ROMAN_PATTERN}$")
# The letters numerals are written with: a token made only of them (VII, CV, CCVC) is no syllable to repair.
ROMAN_LETTERS = frozenset("IVXLCM")

_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def is_roman(text: str) -> bool:
    """True for a bare section numeral, a trailing dot allowed ("IV", " VII. ")."""
    return bool(text) and bool(ROMAN.match(text.strip().rstrip(".")))


def roman_value(text: str) -> int | None:
    """The number a bare section numeral stands for ("IV." -> 4), None when `text` is none."""
    if not is_roman(text):
        return None
    s, n = text.strip().rstrip("."), 0
    for value, sym in _VALUES:
        while s.startswith(sym):
            n, s = n + value, s[len(sym) :]
    return n


def section_value(text: str) -> int | None:
    """The number of a section as plans print it, in Roman figures or digits ("IV", "3."), or None."""
    plain = text.strip().rstrip(".")
    return int(plain) if plain.isdigit() and len(plain) <= 2 else roman_value(plain)


def to_roman(n: int) -> str:
    """Upper-case Roman numeral of `n` (empty for n < 1), as Word's upperRoman numbering writes it."""
    out = ""
    for value, sym in _VALUES:
        while n >= value:
            out, n = out + sym, n - value
    return out


# An STT cell as OCR reads it: a number (or Roman numeral), with a speck OCR put beside it (`#2`, `8ˆ`, `2_`)
STT_DEBRIS = "#„*'\"`~^ˆ‘’“”"
STT_NUMBER = re.compile(
    r"^[" + re.escape(STT_DEBRIS) + r"]?(?:\d{1,3}|[ivxl]{1,5})[._,:" + re.escape(STT_DEBRIS) + r"]?$", re.IGNORECASE
)


def stt_digits(text: str) -> str:
    """The number of an STT cell as OCR read it (`#2` -> `2`, `3.` -> `3`), '' when it is no number."""
    t = text.strip()
    if not STT_NUMBER.match(t):
        return ""
    core = t.strip(STT_DEBRIS + "._,:")
    if core in ("I", "l"):
        return "1"  # OCR reads a lone 1 as I or l
    return core if core.isdigit() else ""
