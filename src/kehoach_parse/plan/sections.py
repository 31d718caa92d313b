"""Section rows: the Roman-numbered content areas that group the appendix's activities.

Three shapes occur: the numeral in the STT cell and the title in the next non-empty
cell (`I | Cải cách thể chế`, `II | | CẢI CÁCH THỂ CHẾ`), or numeral and title in one
cell (`VII XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ…`, `I. Cải cách thể chế` merged across a row).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Section
from ..source import Cell
from .areas import classify_area
from .text import is_roman, squash

_NUMBERED_TITLE = re.compile(r"^\s*(?P<num>[IVXL]+)\s*[.:)\-]?\s+(?P<title>\S.*)$", re.S)


def distinct_filled(cells: Sequence[Cell | None]) -> list[Cell]:
    """The row's non-empty cells, each merged cell once, in column order."""
    seen: dict[int, Cell] = {}
    for c in cells:
        if c is not None and c.text.strip() and id(c) not in seen:
            seen[id(c)] = c
    return list(seen.values())


def section_of(cells: Sequence[Cell | None]) -> Section | None:
    """The section a row opens, or None when it is not a section row."""
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


def make_section(number: str, title: str) -> Section:
    return Section(number=number, title=title, area=classify_area(title))
