"""The appendix table of an OCR'd plain-text plan (seed 002's shape), rebuilt from markers.

OCR without layout interleaves the table's columns line by line, with `|` and `[` as
stray cell separators and the header block repeated on every page. What survives are
the markers: section titles (`CẢI CÁCH THỂ CHẾ`), objectives at the start of a line
(`1. Tiếp tục …`), `Nhiệm vụ N:` and `Hoạt động N:`; and, near each activity marker,
deadline phrases and agency names. The grid built from them is a best effort: it has
`confidence` below 1, and interpretation says so with `W_LOW_CONFIDENCE_TABLE`.

Markers are found on an accent-folded copy of each line that keeps character positions,
so the cells keep the OCR text (the repair stage fixes it later and records the change).
"""

from __future__ import annotations

import re

from ..source import Cell, Row, Table
from ..vietnamese.keys import fold
from ..vietnamese.numerals import to_roman

CONFIDENCE = 0.4
COLUMNS = ("STT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian", "Kinh phí")

_ACTIVITY = re.compile(r"ho\W{0,2}[a-z]{0,2}t\W{0,4}[a-z]?\W{0,3}d\W{0,3}[a-z]{0,4}\W{0,4}g?\W{0,3}[\d}]{1,2}\s*[:.]?")
_TASK = re.compile(r"(?:\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*)?n[a-z]{1,3}[a-z]?m\s+v[a-z]?\s*\d{1,2}\s*[:.]?")
_OBJECTIVE = re.compile(r"^\W{0,2}(\d{1,2})\s*\.\s*(?!\d)\S")
_CELL_END = re.compile(r"\s[|\[]|[|\[]\s|\s{3,}")
_DEADLINE = re.compile(
    r"(nam\s+20\d\d|quy\s+[ivxl1|]{1,4}\b[^|\[]{0,12}|thang\s+\d{1,2}[^|\[]{0,10}|thuong\s+xuyen|"
    r"truoc\s+\d{1,2}/\d{1,2}/20\d\d|khi\s+co\s+phat\s+sinh|theo\s+ke\s+hoach)"
)
_AGENCY = re.compile(
    r"\b(van\s+phong\s+ubnd(\s+tinh)?|cac\s+so\W+(ban\W+)?nganh|so\s+[a-z]{2,6}(\s+[a-z]{2,6})?|ubnd\s+cap\s+huyen)"
)
_AREA_WORDS = re.compile(r"cai cach|cong tac|chi [dp]ao|chinh quyen|[dp]ieu hanh")


def is_appendix_start(line: str) -> bool:
    return fold(line).strip() in ("phu luc", "phu luc i", "phu luc 1")


def _segment(line: str, start: int, after: int | None = None) -> str:
    """From `start` to the next cell separator or marker (searched from `after`) on the line."""
    rest = line[start:]
    folded = fold(rest)
    skip = max((after or start) - start, 1)
    found = (_CELL_END.search(rest, skip), _ACTIVITY.search(folded, skip), _TASK.search(folded, skip))
    ends = [m.start() for m in found if m]
    return rest[: min(ends)].strip(" |[]") if ends else rest.strip(" |[]")


def _labelled(kind: str, marker: re.Match[str], segment: str) -> tuple[str, str]:
    """(text with the marker spelled out, text as read): the marker itself is structure."""
    number = re.findall(r"\d+", marker.group(0))
    prefix = f"{number[0]}.{number[1]}. " if kind == "Nhiệm vụ" and len(number) >= 3 else ""
    rest = segment[len(marker.group(0)) :].lstrip(" :.")
    return f"{prefix}{kind} {number[-1] if number else ''}: {rest}".strip(), segment


def _section_title(line: str) -> str | None:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    folded = fold(line)
    m = _AREA_WORDS.search(folded)
    if not m or "ke hoach" in folded:
        return None
    return line[m.start() :].strip(" |[]")


def _is_header(folded: str) -> bool:
    s = folded.strip()
    return s in ("kinh", "kinh phi") or ("muc tieu" in s and "hoat dong" in s) or s.startswith(("pham", "dong)"))


def rebuild_appendix(lines: list[str], first: int) -> Table | None:
    """A grid of the appendix starting at line index `first` (0-based), or None without markers."""
    rows: list[Row] = [Row(cells=[Cell(t, c, line=first + 1) for c, t in enumerate(COLUMNS)], line=first + 1)]
    n_sections = 0
    objective = ""
    task_cell: tuple[str, str] | None = None
    current: list[Cell] | None = None
    lookahead = 0
    for i in range(first, len(lines)):
        line, folded, no = lines[i], fold(lines[i]), i + 1
        if not line.strip() or _is_header(folded):
            continue
        title = _section_title(line)
        if title:
            number = to_roman(min(n_sections, 9) + 1)
            rows.append(Row(cells=[Cell(number, 0, line=no), Cell(title, 1, line=no)], line=no))
            n_sections += 1
            objective, task_cell = "", None
            current, lookahead = None, 0
            continue
        if m := _OBJECTIVE.match(line):
            objective = _segment(line, m.start(1), m.end())
        for m in _TASK.finditer(folded):
            task_cell = _labelled("Nhiệm vụ", m, _segment(line, m.start(), m.end()))
        activities = list(_ACTIVITY.finditer(folded))
        for m in activities:
            text = _segment(line, m.start(), m.end())
            current = [Cell("", c, line=no) for c in range(len(COLUMNS))]
            current[1].text = objective
            if task_cell:
                current[2].text, current[2].original = task_cell
            current[3].text, current[3].original = _labelled("Hoạt động", m, text)
            objective, task_cell = "", None  # later rows of the same objective/task inherit them
            rows.append(Row(cells=current, line=no))
            lookahead = 4
            tail_from = m.end() + len(text)
            _fill_tail(current, line[tail_from:], fold(line[tail_from:]))
        if current is not None and not activities and lookahead > 0:
            lookahead -= 1
            _fill_tail(current, line, folded)
    if len(rows) == 1:
        return None
    cells_rows = [Row(cells=[c for c in r.cells], line=r.line) for r in rows]
    for r in cells_rows:
        if len(r.cells) == 2:  # section rows: pad to the grid
            r.cells.extend(Cell("", c, line=r.line) for c in range(2, len(COLUMNS)))
    return Table(rows=cells_rows, n_cols=len(COLUMNS), spans_known=False, confidence=CONFIDENCE)


def _fill_tail(cells: list[Cell], raw: str, folded: str) -> None:
    """Deadline and lead agency phrases near an activity marker go to their columns."""
    if not cells[7].text and (m := _DEADLINE.search(folded)):
        cells[7].text = raw[m.start() : m.end()].strip(" |[],;")
    if not cells[5].text and (m := _AGENCY.search(folded)):
        cells[5].text = raw[m.start() : m.end()].strip(" |[],;")
