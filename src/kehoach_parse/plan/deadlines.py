"""Read a Thời gian hoàn thành / thực hiện cell into a Deadline (SPEC §2 Deadline).

Cells mix exact dates ("Trước ngày 31/12/2021"), months, quarters (Roman or Arabic, OCR
"1"/"11" for I/II), half years, years, ranges ("Quý IV/2023 - Quý I/2024"), lists
("Quý I và Quý III/2023"), recurrences ("Thường xuyên", "Hàng quý") and events ("Khi có
Thông tư mới"). Matching works on an accent-free, lower-case copy of the text whose
characters stay aligned with the original, so parts keep their printed wording.

Decisions worth knowing:
- A date ("15/8/2022", "Trước ngày 15/8/2022") is a deadline: start null, end that day.
- "Trước <month|quarter|year>" ("Trước tháng 01/2022") is kind "date" ending the day
  before that period starts (2021-12-31): the work must be done before the month begins.
- A phrase without a year takes the year of the nearest phrase with one on its right
  ("Quý I và Quý III/2023"), else on its left, else the plan's start year, else none.
- A recurrence spans the plan period (or the years it names); a "multiple" spans its
  parts: start = earliest known date (a part's start, or its end when it has no start),
  end = latest end.
- Parenthesised remarks are ignored ("Tháng 03/2022 (Gửi KH về Sở Nội vụ)") unless
  nothing else can be read.
"""

from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from ..files import read_data
from ..lexicon.deadlines import phrase_pattern as _phrase  # one phrase syntax for reader and recogniser
from ..model import Deadline, DeadlineKind, Recurrence
from ..vietnamese.keys import fold
from .lists import strip_markup

__all__ = ["MAX_CHARS", "parse_deadline"]

# The longest real cell seen is ~150 characters ("Trước ngày 31/12/2021 Trong Quý IV năm 2022 ...");
# a cell far longer is prose or filler and is kept as text, kind "unspecified", unread.
MAX_CHARS = 4000

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1v": 4, "1": 1, "11": 2, "111": 3, "2": 2, "3": 3, "4": 4}
_NUM_Q = r"(?:111|11|1v|iv|iii|ii|i|[1-4])(?![a-z0-9])"
_YEAR = r"(?:19|20)\d{2}(?!\d)"


def _opt_year(name: str) -> str:
    """An optional year after a month/quarter: "/2022", "/ năm 2022", " năm 2022"."""
    return r"(?:\s*[/,.-]?\s*(?:nam\s*)?(?P<" + name + ">" + _YEAR + r"))?"


@dataclass(frozen=True)
class _Vocab:
    event_prefixes: tuple[str, ...]
    event_contains: tuple[str, ...]
    recurrence: tuple[tuple[Recurrence, re.Pattern[str]], ...]
    before: re.Pattern[str]
    range_connectors: tuple[str, ...]
    whole_year: re.Pattern[str]
    atoms: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw = read_data("deadline_phrases.json")
    rec: list[tuple[Recurrence, re.Pattern[str]]] = []
    for kind in ("monthly", "quarterly", "yearly", "continuous"):  # most specific first
        alt = "|".join(_phrase(p) for p in raw["recurrence"][kind])
        # "cuối quý III/2022" is a quarter, not a recurrence: no numeral may follow.
        rec.append((kind, re.compile(r"(?<![a-z])(?:" + alt + r")(?![a-z])(?!\s*(?:" + _NUM_Q + r"|\d))")))
    first = "|".join(_phrase(p) for p in raw["half_year"]["first"])
    second = "|".join(_phrase(p) for p in raw["half_year"]["second"])
    atoms = "|".join(
        [
            # ngày 15 tháng 8 năm 2022
            r"(?P<lday>ngay\s+(?P<ld>\d{1,2})\s+thang\s+(?P<lm>\d{1,2})\s+nam\s+(?P<ly>" + _YEAR + r"))",
            # 15/8/2022, 28-02-2022
            r"(?P<date>(?<![\d/])(?P<dd>\d{1,2})\s*[/.-]\s*(?P<dm>\d{1,2})\s*[/.-]\s*(?P<dy>" + _YEAR + r"))",
            r"(?P<half>(?:(?P<h1>" + first + r")|(?P<h2>" + second + r"))(?![a-z])" + _opt_year("hy") + ")",
            r"(?P<quarter>(?<![a-z])quy\s*(?P<q>" + _NUM_Q + r")" + _opt_year("qy") + ")",
            r"(?P<month>(?<![a-z])thang\s*(?P<m>\d{1,2})(?!\d)"
            r"(?:(?:\s*[/.-]\s*(?:nam\s*)?|\s+nam\s+)(?P<my>" + _YEAR + r"))?)",
            # 01/2022 without "tháng"
            r"(?P<bmonth>(?<![\d/])(?P<bm>\d{1,2})\s*/\s*(?P<bmy>" + _YEAR + r")(?![/]))",
            # 30/6 without a year
            r"(?P<sdate>(?<![\d/])(?P<sd>\d{1,2})\s*/\s*(?P<sm>\d{1,2})(?![\d/]))",
            r"(?P<year>(?<![\d/])(?P<y>" + _YEAR + r")(?![/]))",
        ]
    )
    before = "|".join(_phrase(p) for p in raw["before"])
    return _Vocab(
        event_prefixes=tuple(sorted((" ".join(fold(p).split()) for p in raw["event_prefixes"]), key=len, reverse=True)),
        event_contains=tuple(" ".join(fold(p).split()) for p in raw["event_contains"]),
        recurrence=tuple(rec),
        before=re.compile(r"(?<![a-z])(?:" + before + r")(?:\s+(?:ngay|vao|het|nam))?\s*$"),
        range_connectors=tuple(fold(p) for p in raw["range_connectors"]),
        whole_year=re.compile(r"(?<![a-z])(?:" + "|".join(_phrase(p) for p in raw["whole_year"]) + r")(?![a-z])"),
        atoms=re.compile(atoms),
    )


_CONTINUE_Q = re.compile(r"\s*(?:,|va|-|–|den)\s*(?:quy\s*)?(?P<q>" + _NUM_Q + r")" + _opt_year("qy"))
_CONTINUE_M = re.compile(
    r"\s*(?:,|va)\s*(?P<m>\d{1,2})(?![\d/])(?:(?:\s*[/.-]\s*(?:nam\s*)?|\s+nam\s+)(?P<my>" + _YEAR + r"))?"
)
_SEPARATORS = " ,;:-–—/.+[]|{}"


@dataclass
class _Atom:
    """One recognised time phrase inside the cell, with its span in the text."""

    kind: Literal["date", "month", "quarter", "half_year", "year"]
    begin: int
    end: int
    year: int | None
    explicit_year: bool
    month: int = 0
    day: int = 0
    quarter: int = 0
    half: int = 0
    before: bool = False

    def bounds(self) -> tuple[date | None, date | None]:
        if self.year is None:
            return None, None
        y = self.year
        if self.kind == "date":
            return None, date(y, self.month, self.day)
        if self.kind == "month":
            first, last = date(y, self.month, 1), date(y, self.month, calendar.monthrange(y, self.month)[1])
        elif self.kind == "quarter":
            m = 3 * (self.quarter - 1) + 1
            first, last = date(y, m, 1), date(y, m + 2, calendar.monthrange(y, m + 2)[1])
        elif self.kind == "half_year":
            first, last = (date(y, 1, 1), date(y, 6, 30)) if self.half == 1 else (date(y, 7, 1), date(y, 12, 31))
        else:
            first, last = date(y, 1, 1), date(y, 12, 31)
        if self.before:
            return None, first - timedelta(days=1)
        return first, last


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def time_atoms(work: str) -> list[_Atom]:
    """Every time phrase of the folded text, left to right."""
    out: list[_Atom] = []
    pos = 0
    pattern = _vocab().atoms
    while True:
        m = pattern.search(work, pos)
        if not m:
            break
        g = m.groupdict()
        atom: _Atom | None = None
        y: int | None
        if g["lday"] or g["date"]:
            d, mo, y = (
                (int(g["ld"]), int(g["lm"]), int(g["ly"]))
                if g["lday"]
                else (
                    int(g["dd"]),
                    int(g["dm"]),
                    int(g["dy"]),
                )
            )
            if _valid_date(y, mo, d):
                atom = _Atom("date", m.start(), m.end(), y, True, month=mo, day=d)
        elif g["sdate"]:
            d, mo = int(g["sd"]), int(g["sm"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                atom = _Atom("date", m.start(), m.end(), None, False, month=mo, day=d)
        elif g["half"]:
            y = int(g["hy"]) if g["hy"] else None
            atom = _Atom("half_year", m.start(), m.end(), y, y is not None, half=1 if g["h1"] else 2)
        elif g["quarter"]:
            y = int(g["qy"]) if g["qy"] else None
            atom = _Atom("quarter", m.start(), m.end(), y, y is not None, quarter=_ROMAN[g["q"]])
        elif g["month"] or g["bmonth"]:
            mo = int(g["m"] or g["bm"])
            ys = g["my"] or g["bmy"]
            y = int(ys) if ys else None
            if 1 <= mo <= 12:
                atom = _Atom("month", m.start(), m.end(), y, y is not None, month=mo)
        elif g["year"]:
            atom = _Atom("year", m.start(), m.end(), int(g["y"]), True)
        pos = m.end() if m.end() > m.start() else m.start() + 1
        if atom is None:
            continue
        out.append(atom)
        # "Quý III, IV năm 2025", "Quý II - IV/2023", "Tháng 3, 6, 9": numerals continuing a list.
        cont = {"quarter": _CONTINUE_Q, "month": _CONTINUE_M}.get(atom.kind)
        while cont is not None and atom.year is None:
            c = cont.match(work, pos)
            if not c:
                break
            gd = c.groupdict()
            if atom.kind == "quarter":
                y = int(gd["qy"]) if gd["qy"] else None
                nxt = _Atom("quarter", c.start("q"), c.end(), y, y is not None, quarter=_ROMAN[gd["q"]])
            else:
                mo = int(gd["m"])
                if not 1 <= mo <= 12:
                    break
                y = int(gd["my"]) if gd["my"] else None
                nxt = _Atom("month", c.start("m"), c.end(), y, y is not None, month=mo)
            out.append(nxt)
            atom = nxt
            pos = c.end()
    return out


def _fill_years(atoms: list[_Atom], work: str, period: tuple[int, int] | None) -> None:
    """Give year-less atoms the year of a neighbour (right first), else the plan's start year."""
    before = _vocab().before
    # Nearest explicit year on each side, found in one pass each way: a cell of thousands of
    # year-less phrases ("Quý I/" × 100k) must not rescan its neighbours for every phrase.
    right_years: list[int | None] = [None] * len(atoms)
    nearest: int | None = None
    for i in range(len(atoms) - 1, -1, -1):
        right_years[i] = nearest
        if atoms[i].explicit_year:
            nearest = atoms[i].year
    left: int | None = None
    prev_end = 0
    for i, a in enumerate(atoms):
        if a.kind != "date":
            a.before = bool(before.search(work[prev_end : a.begin]))
        prev_end = a.end
        own = a.year if a.explicit_year else None
        if a.year is None:
            a.year = right_years[i] or left or (period[0] if period else None)
        if own is not None:
            left = own
        if a.kind == "date" and a.year is not None and not _valid_date(a.year, a.month, a.day):
            a.year = None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _atom_deadline(a: _Atom, text: str) -> Deadline:
    start, end = a.bounds()
    kind: DeadlineKind = "date" if a.before else a.kind
    return Deadline(text=text, kind=kind, start=_iso(start), end=_iso(end))


def _segment(shown: str, begin: int, end: int) -> str:
    """Printed words of one part: from the previous part's end, separators trimmed."""
    seg = shown[begin:end].strip(_SEPARATORS + " ")
    seg = re.sub(r"^(?:và|va|hoặc|hoac)\s+", "", seg, flags=re.IGNORECASE)
    return seg.strip() or shown[begin:end].strip()


def _combine(atoms: list[_Atom], shown: str, work: str) -> Deadline:
    if len(atoms) == 1:
        return _atom_deadline(atoms[0], shown)
    connectors = [work[a.end : b.begin] for a, b in itertools.pairwise(atoms)]
    ranges = _vocab().range_connectors
    if all(any(r in c for r in ranges) for c in connectors):
        first_start, first_end = atoms[0].bounds()
        _, last_end = atoms[-1].bounds()
        return Deadline(text=shown, kind="range", start=_iso(first_start or first_end), end=_iso(last_end))
    parts: list[Deadline] = []
    prev = 0
    for i, a in enumerate(atoms):
        stop = len(shown) if i == len(atoms) - 1 else a.end
        parts.append(_atom_deadline(a, _segment(shown, prev, stop)))
        prev = a.end
    starts = [d for d in (p.start or p.end for p in parts) if d]
    ends = [d for d in (p.end for p in parts) if d]
    return Deadline(
        text=shown, kind="multiple", start=min(starts) if starts else None, end=max(ends) if ends else None, parts=parts
    )


def _period_bounds(period: tuple[int, int] | None) -> tuple[str | None, str | None]:
    if not period:
        return None, None
    return date(period[0], 1, 1).isoformat(), date(period[1], 12, 31).isoformat()


def _read(shown: str, work: str, period: tuple[int, int] | None) -> Deadline | None:
    """Interpret `work` (folded, masked) or return None when it says nothing readable."""
    vocab = _vocab()
    s = " ".join(work.split())
    if not s:
        return None
    for prefix in vocab.event_prefixes:
        if s.startswith(prefix) and (len(s) == len(prefix) or not s[len(prefix)].isalnum()):
            return Deadline(text=shown, kind="event")
    atoms = time_atoms(work)
    for kind, pattern in vocab.recurrence:
        if pattern.search(work):
            dated = [a for a in atoms if a.explicit_year]
            if dated:
                _fill_years(atoms, work, period)
                bounds = [a.bounds() for a in dated]
                starts = [d for d in (b[0] or b[1] for b in bounds) if d]
                ends = [d for d in (b[1] for b in bounds) if d]
                start, end = (_iso(min(starts)) if starts else None), (_iso(max(ends)) if ends else None)
            else:
                start, end = _period_bounds(period)
            return Deadline(text=shown, kind="recurring", start=start, end=end, recurrence=kind)
    if atoms:
        _fill_years(atoms, work, period)
        return _combine(atoms, shown, work)
    if vocab.whole_year.search(work):
        y = period[0] if period else None
        return Deadline(
            text=shown,
            kind="year",
            start=date(y, 1, 1).isoformat() if y else None,
            end=date(y, 12, 31).isoformat() if y else None,
        )
    if any(re.search(r"(?<![a-z])" + re.escape(p) + r"(?![a-z])", s) for p in vocab.event_contains):
        return Deadline(text=shown, kind="event")
    return None


def _mask_parentheses(work: str) -> str:
    """Blank out parenthesised remarks, keeping every position in place."""
    out = list(work)
    depth = 0
    for i, c in enumerate(work):
        if c == "(":
            depth += 1
        if depth:
            out[i] = " "
        if c == ")" and depth:
            depth -= 1
    return "".join(out)


def parse_deadline(text: str, period: tuple[int, int] | None = None) -> Deadline | None:
    """Deadline of a cell; None for an empty cell, kind "unspecified" when unreadable.

    `period` is the plan's (start_year, end_year): year-less phrases take its start
    year and recurrences span it.
    """
    if text is None:
        return None
    shown = " ".join(unicodedata.normalize("NFC", strip_markup(text)).split())
    if not shown:
        return None
    if len(shown) > MAX_CHARS:  # a pasted paragraph or hostile filler, not a time phrase
        return Deadline(text=shown, kind="unspecified")
    # Folded copy aligned with `shown`; OCR table debris (| [ ] { }) becomes spaces.
    work = re.sub(r"[|\[\]{}]", " ", fold(shown))
    masked = _mask_parentheses(work)
    result = _read(shown, masked, period)
    if result is None and masked != work:
        result = _read(shown, work.replace("(", " ").replace(")", " "), period)
    return result or Deadline(text=shown, kind="unspecified")
