"""Quarter numerals in OCR'd deadline cells, written back as the document prints them.

OCR reads a Roman numeral's `I` as `1`, `l` or `!` and `II` as `H` (`Quý 11/2025` or `Quý H/2025` for
`Quý II/2025`, `Quý 1v` for `Quý IV`), the language model may restore `Quy` as `Quỹ` (fund)
where the grammar wants `Quý` (quarter), and tesseract's Vietnamese model writes a fraction
slash `⁄` for `/`. A quarter numeral made of those look-alikes but impossible in Arabic digits
(`11`, `111`, `1v`, `l`) is Roman in every document; a lone `1` is Roman unless the document
writes its other quarters in digits (`Quý 2`) more than in Roman (`Quý II`). Only cells read by
OCR (carrying a confidence) get this; each change is a repair of the cell, so its `before` is
kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..vietnamese.keys import fold

__all__ = ["document_writes_roman", "fix_quarters"]

# the quarter word (any accents, any case) and the numeral after it, up to the year, a range or the end
_QUARTER = re.compile(
    r"(?<![^\W\d_])(?P<word>[Qq][Uu][^\W\d_])\s*(?P<num>HI|IH|H|!|[1lI]{1,3}|[1lI][vV]|IV|V)(?=\s*(?:[/⁄\-–,;.)]|n[aă]m|$|\s))"
)
_LOOK_ALIKE = str.maketrans({"1": "I", "l": "I", "!": "I", "v": "V", "H": "II"})
# Roman evidence: any numeral but a lone `1` (`I`, `II`, and look-alikes no digit reading explains: `11`, `1v`)
_ROMAN_WRITTEN = re.compile(r"(?<![^\W\d_])qu[^\W\d_]\s*(?:iii|ii|iv|i|111|11|1v|l{1,3})(?![^\W\d_]|\d)", re.I)
_ARABIC_WRITTEN = re.compile(r"(?<![^\W\d_])qu[^\W\d_]\s*[2-4](?![\d])", re.I)


def document_writes_roman(cells: Iterable[str]) -> bool:
    """Whether the document writes quarters in Roman: unless its deadline cells show more quarters
    in digits (`Quý 2`) than in Roman (`Quý II`). Without evidence, Roman: the corpus's legal texts
    write 150 quarters in Roman against 21 in digits (`../shared/corpus/legal_*`, counted 2026-11-29)."""
    roman = arabic = 0
    for text in cells:
        work = fold(text)
        roman += len(_ROMAN_WRITTEN.findall(work))
        arabic += len(_ARABIC_WRITTEN.findall(work))
    return roman >= arabic


def fix_quarters(text: str, roman: bool) -> str:
    """`text` with look-alike quarter numerals written in Roman and their quarter word as `Quý`."""
    if "⁄" in text:
        text = text.replace("⁄", "/")

    def one(m: re.Match[str]) -> str:
        word, num = m.group("word"), m.group("num")
        if fold(word).lower() != "quy":
            return m.group()
        fixed = num if num == "1" and not roman else num.translate(_LOOK_ALIKE).upper()
        if fixed not in ("I", "II", "III", "IV", "1"):
            return m.group()
        quy = "QUÝ" if word.isupper() else "Quý" if word[0].isupper() else "quý"
        return quy + (m.group()[len(word) : m.start("num") - m.start()] or " ") + fixed  # `Quy!`: `Quý I`

    return _QUARTER.sub(one, text)
