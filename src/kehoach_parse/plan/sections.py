"""Section rows: the content areas that group a plan table's activities (SPEC §1 "Sections").

A section row is a row whose output, agency and deadline cells are empty (or covered by
one cell spanning the row) and whose text is a Roman numeral with a title — in the STT
cell and the next non-empty cell (`I | Cải cách thể chế`, `II | | CẢI CÁCH THỂ CHẾ`) or
in one cell (`VII XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ…`) — or a title alone that is upper case
or an NQ76 area title (`CẢI CÁCH THỂ CHẾ`, `Cải cách tài chính công`). A title without its
numeral takes the next number of the sequence, and the caller reports it as inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Section
from ..source import Cell
from .areas import area_of_title, classify_area
from .text import ROMAN, is_roman, squash

_NUMBERED_TITLE = re.compile(r"^\s*(?P<num>[IVXL]+)\s*[.:)\-]?\s+(?P<title>\S.*)$", re.S)
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def distinct_filled(cells: Sequence[Cell | None]) -> list[Cell]:
    """The row's non-empty cells, each merged cell once, in column order."""
    seen: dict[int, Cell] = {}
    for c in cells:
        if c is not None and c.text.strip() and id(c) not in seen:
            seen[id(c)] = c
    return list(seen.values())


def section_of(cells: Sequence[Cell | None]) -> Section | None:
    """The section a row opens when it carries its Roman numeral, else None."""
    filled = distinct_filled(cells)
    if not filled or len(filled) > 2:
        return None
    first = squash(filled[0].text)
    if len(filled) == 2 and is_roman(first):
        return make_section(first.rstrip("."), squash(filled[1].text))
    if len(filled) == 1:
        m = _NUMBERED_TITLE.match(first)
        if m and is_roman(m.group("num")):
            return make_section(m.group("num"), squash(m.group("title")))
    return None


def section_row(
    cells: Sequence[Cell | None], flat_cols: Sequence[int], previous: Section | None
) -> tuple[Section, bool] | None:
    """(section, number inferred?) when the row is a section row by shape and text, else None."""
    filled = distinct_filled(cells)
    if not filled or len(filled) > 2:
        return None
    title_cell = filled[-1]
    for c in flat_cols:  # empty, or covered by the title cell spanning the row
        cell = cells[c] if c < len(cells) else None
        if cell is not None and cell.text.strip() and not (cell is title_cell and cell.col_span > 1):
            return None
    if (sec := section_of(cells)) is not None:
        if previous is not None and _not_after(sec.number, previous.number):
            # "II" again after "II", or "I" after "IV": a misread numeral (OCR) — the sequence decides
            return make_section(next_number(previous), sec.title), True
        return sec, False
    title = squash(filled[-1].text)
    if len(filled) == 2 and not re.fullmatch(r"(?:\d{1,2}|[a-zđ])[.)]?", squash(filled[0].text)):
        return None
    if not (is_title_case_heading(title) or area_of_title(title) is not None):
        return None
    if len(filled) == 2:  # "3 | CẢI CÁCH TÀI CHÍNH CÔNG": numbered as printed
        return make_section(squash(filled[0].text).rstrip(".)"), title), False
    return make_section(next_number(previous), title), True


def _not_after(number: str, previous: str) -> bool:
    """Does Roman `number` repeat or go back from `previous` (a gap forward is kept as printed)?"""
    if number not in _ROMANS or previous not in _ROMANS:
        return False
    return _ROMANS.index(number) <= _ROMANS.index(previous)


def is_title_case_heading(text: str) -> bool:
    """Upper-case text of a few words: how plans print section titles."""
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    return 2 <= len(words) <= 25 and len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def next_number(previous: Section | None) -> str:
    """The number after `previous` in its own sequence (I, II, … or 1, 2, …); 'I' at the start."""
    if previous is None or previous.number == "0":
        return "I"
    num = previous.number
    if num in _ROMANS[:-1]:
        return _ROMANS[_ROMANS.index(num) + 1]
    if num.isdigit():
        return str(int(num) + 1)
    return "I" if not ROMAN.match(num) else num


def make_section(number: str, title: str) -> Section:
    return Section(number=number, title=title, area=classify_area(title))
