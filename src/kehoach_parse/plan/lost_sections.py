"""Section rows OCR lost whole, placed from what the activities are about (SPEC §1 "Sections").

A psm 6 page read or a faint scan can drop a section row (`III | CẢI CÁCH TỔ CHỨC BỘ MÁY`)
without a trace: where the STT numbers run on across sections, nothing in the table marks
where it stood, and its activities end up in the section above. Two things are still known:
plans order their sections as Nghị quyết 76/NQ-CP orders the areas (`data/areas.json`), and
each activity names what it is about (`thủ tục hành chính`, `biên chế`, `ngân sách`: the
areas' `activities` words). So between two section rows read, a lost one can only be of an
area in between, and it holds the rows about that area.

The rows are divided into sections as a whole (dynamic programming over the rows): a row
scores the words it uses of its section's area; every section no row printed costs
NEW_SECTION; a numeral printed on a section row must be the count of sections up to it
(MISCOUNT per number off), one read cleanly out of the reader's sequence should be
(MISREAD). Rows above a table's first section row either join it or form
the sections lost above it, whichever scores better. Only for tables where a loss shows
(a section numeral the loader or the reader had to infer, a printed numeral that skips, rows
above the first section row) and only when most section titles read name an area; and for a
guessed grid (OCR'd plain text) where no section row was read at all, when its rows speak of
two areas or more.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..files import read_data
from ..model import Area, Section
from ..vietnamese.numerals import is_roman, section_value, to_roman
from .sections import next_number
from .text import key

__all__ = ["MISCOUNT", "NEW_SECTION", "about", "place_sections"]

NEW_SECTION = 1.5  # a lost section must be worth more than this many words of its area to its rows
UNHEADED_ROWS = 6  # rows a table without any section row read needs before sections are placed in it
MAX_LOST = 3  # sections lost with every row of theirs between two read, at most
MISCOUNT = 6.0  # per number a printed numeral is off the count of sections to it: printed numerals decide
MISREAD = 2.0  # per number a numeral read cleanly but out of the reader's sequence is off the count


@lru_cache(maxsize=1)
def _areas() -> tuple[tuple[Area, tuple[tuple[str, float], ...]], ...]:
    """(area, ((folded word, weight), …)) in the order plans print them; a word that two areas
    use counts half for each."""
    raw = read_data("areas.json")["areas"]
    uses: dict[str, int] = {}
    for a in raw:
        for w in {key(w) for w in a["activities"]}:
            uses[w] = uses.get(w, 0) + 1
    return tuple((a["area"], tuple((w, 1.0 / uses[w]) for w in sorted({key(w) for w in a["activities"]}))) for a in raw)


def about(text: str) -> tuple[float, ...]:
    """How much `text` (an activity, its task and outputs) speaks of each area, in `_areas()` order."""
    padded = f" {key(text)} "
    return tuple(sum(wt for w, wt in words if f" {w} " in padded) for _, words in _areas())


@dataclass(frozen=True)
class _Anchor:
    """A section row read: the area its title names (None: unread or none); the number printed on
    it where the reader took it as printed (`number`), else the numeral read on it cleanly but
    out of the reader's sequence (`read`: a misread one or the one before it), else the number
    the reader gave it through OCR's slips or the sequence (`given`: a floor, as far as the areas
    before this one leave room)."""

    area: int | None
    number: int | None
    read: int | None
    given: int | None
    roman: bool = False  # `number` printed in Roman numerals: a stroke of it may have merged with the rule


def _names() -> tuple[Area, ...]:
    return tuple(a for a, _ in _areas())


def _area_index(area: Area) -> int | None:
    return _names().index(area) if area in _names() else None


def place_sections(
    headings: Sequence[tuple[int, Section, int | None]],
    texts: Sequence[str],
    incoming: Section | None,
    inferred: set[int],
    guessed: bool = False,
) -> list[Section] | None:
    """Each row's section once lost ones are placed, or None when the table shows no loss or no
    better division. `headings` are the table's section rows read, as (index of the row below
    it, section, the numeral read cleanly on the row or None); rows above the first go on with
    `incoming` (the document's section when the table began), or, without one, sit above the
    first heading. `inferred` holds the ids of sections whose number was not read as printed.

    A table whose grid was `guessed` (OCR'd plain text: a psm 6 read drops a bold section row
    whole, and the STT numbers run on) may have lost every section row: with no heading read, no
    section it began in, UNHEADED_ROWS rows or more, it is divided the same way where the rows
    speak of two areas or more in the plans' order (each lost section worth NEW_SECTION words)."""
    if not texts:
        return None
    if not headings:
        if not guessed or incoming is not None or len(texts) < UNHEADED_ROWS:
            return None
        scores = [about(t) for t in texts]
        path = _best(scores, {}, None, True)
        if path is None or sum(1 for _, _, lost in path if lost) < 2:
            return None  # one area or none: nothing says a section row was lost
        return _sections(path, scores, {}, None)
    anchors: dict[int, list[tuple[Section, _Anchor]]] = {}
    before: int | None = None  # the reader's number for the heading before
    for pos, sec, read in headings:
        area, given = _area_index(sec.area), section_value(sec.number)
        if id(sec) not in inferred:
            anchor = _Anchor(area, given, None, None, is_roman(sec.number))
        elif read is not None:
            anchor = _Anchor(area, None, read, None)
        else:
            # a number the reader counted on from the heading before says no more than the sequence
            # does (and repeats that heading's misreading: `I1` read II for I, then III, IV…); only the
            # first, or one it skipped to, is a floor
            counted_on = before is not None and given is not None and given == before + 1
            floor = None if counted_on else given
            anchor = _Anchor(area, None, None, min(floor or 0, area + 1) if area is not None else floor)
        before = given
        anchors.setdefault(pos, []).append((sec, anchor))
    titled = [a for s, a in itertools.chain(*anchors.values()) if s.title]
    if 2 * sum(a.area is not None for a in titled) < len(titled):
        return None  # sections that are not the NQ76 areas: their order says nothing
    head = incoming is None and min(anchors) > 0
    printed = [a.number for _, a in itertools.chain(*anchors.values()) if a.number is not None]
    gap = any(b - a > 1 for a, b in itertools.pairwise(printed))
    if not (head or gap or any(id(s) in inferred for _, s, _ in headings)):
        return None
    scores = [about(t) for t in texts]
    path = _best(scores, anchors, incoming, head)
    return None if path is None else _sections(path, scores, anchors, incoming)


_State = tuple[int, int]  # (area index of the current section: -2 above the first heading, -1 unknown; count)
_Path = tuple[tuple[int, int, bool], ...]  # per row: (area index, sections counted, opens a lost section?)


def _through(
    state: _State, value: float, anchors: Sequence[tuple[Section, _Anchor]], k: int
) -> list[tuple[_State, float]]:
    """The states after the section rows `anchors` (in order). Each takes a later area than the
    section before (its own, when its title names one; any, when not; beyond all NQ76 areas only
    such a one) and the next number, or a later one where sections were lost with all their rows
    (NEW_SECTION each, as many as the areas between leave room for); a number the reader gave is
    a floor, a printed one the count (MISCOUNT per number off)."""
    out = [(state, value)]
    for _, anchor in anchors:
        nxt: list[tuple[_State, float]] = []
        for (a, c), v in out:
            if anchor.area is not None:
                options = [anchor.area] if anchor.area > a else []
            else:
                options = list(range(max(a + 1, 0), k + 1)) if a < k else [k]
            for b in options:
                # (above the first heading no section is lost bare: the rows above would be its rows)
                for lost in range(min(b - max(a, -1) - 1, MAX_LOST) + 1 if a != -2 else 1):
                    counted = c + 1 + lost
                    cost = NEW_SECTION * lost
                    if anchor.number is not None:
                        nxt.append(((b, anchor.number), v - cost - MISCOUNT * abs(anchor.number - counted)))
                        if anchor.roman and _one_stroke(anchor.number, counted):
                            nxt.append(((b, counted), v - cost - MISREAD))
                    elif anchor.read is not None:
                        nxt.append(((b, counted), v - cost - MISREAD * abs(anchor.read - counted)))
                    else:
                        # the reader's number is a floor; below it only as a misread (`IH.` read III for II)
                        floor = anchor.given or 0
                        nxt.append(((b, max(counted, floor)), v - cost))
                        if counted < floor:
                            nxt.append(((b, counted), v - cost - MISREAD * (floor - counted)))
        out = nxt
    return out


def _one_stroke(printed: int, counted: int) -> bool:
    """Do the two Roman numerals differ by one I at an end (`II` printed for III, `V` for IV)? The
    numeral stands against the table's left rule: OCR merges a stroke with it, or reads the rule as one."""
    a, b = sorted((to_roman(printed), to_roman(counted)), key=len)
    return len(b) == len(a) + 1 and b in (f"I{a}", f"{a}I")


def _best(
    scores: Sequence[tuple[float, ...]],
    anchors: dict[int, list[tuple[Section, _Anchor]]],
    incoming: Section | None,
    head: bool,
) -> _Path | None:
    """The best division of the rows into sections, None when none keeps the areas in order."""
    k = len(_areas())  # index k: after every NQ76 area (`Nhiệm vụ khác`), only for a heading naming none

    def emit(i: int, a: int) -> float:
        return scores[i][a] if 0 <= a < k else 0.0

    start: _State = (-2, 0) if head else (-1, 0)
    if incoming is not None:
        begun = _area_index(incoming.area)
        start = (begun if begun is not None else -1, section_value(incoming.number) or 1)
    best: dict[_State, float] = {start: 0.0}
    back: list[
        dict[_State, tuple[_State, bool]]
    ] = []  # per row: state -> (state on the row above, opened a lost section?)
    for i in range(len(scores)):
        nxt: dict[_State, float] = {}
        came: dict[_State, tuple[_State, bool]] = {}
        for (a, c), v in best.items():
            moves: list[tuple[_State, float, bool]] = []
            if i in anchors:
                first = anchors[i][0][1].area
                for (b, count), value in _through((a, c), v, anchors[i], k):
                    if a == -2:  # the rows above join the first heading
                        above = b if first is None and len(anchors[i]) == 1 else first
                        value += sum(emit(r, above) for r in range(i)) if above is not None else 0.0
                    moves.append(((b, count), value + emit(i, b), False))
            elif a == -2:
                moves.append(((a, c), v, False))  # still above the first heading
                if i == 0:  # a lost section opens at the top or not at all: the rows above stay together
                    moves += [((b, 1), v + emit(i, b) - NEW_SECTION, True) for b in range(k)]
            else:
                if a != k:
                    moves.append(((a, c), v + emit(i, a), False))
                moves += [((b, c + 1), v + emit(i, b) - NEW_SECTION, True) for b in range(max(a + 1, 0), k)]
            for state, value, lost in moves:
                if state not in nxt or value > nxt[state]:
                    nxt[state], came[state] = value, ((a, c), lost)
        best = nxt
        back.append(came)
    final = [(v, state) for state, v in best.items() if state[0] != -2]
    if not final:
        return None
    state = max(final, key=lambda vs: (vs[0], -vs[1][1], -vs[1][0]))[1]  # a tie: the fewer sections
    path: list[tuple[int, int, bool]] = []
    for came in reversed(back):
        before, lost = came[state]
        path.append((state[0], state[1], lost))
        state = before
    return tuple(reversed(path))


def _numeral(count: int, prev: Section | None) -> str:
    """The `count`-th section's number, in the numerals of the section before (Roman unless digits)."""
    return str(count) if prev is not None and prev.number.isdigit() else to_roman(count)


def _sections(
    path: _Path,
    scores: Sequence[tuple[float, ...]],
    anchors: dict[int, list[tuple[Section, _Anchor]]],
    incoming: Section | None,
) -> list[Section]:
    """The rows' sections along `path`: printed sections kept, inferred ones renumbered, lost ones new."""
    names = _names()
    out: list[Section] = []
    prev = incoming
    above: list[int] = []  # rows above the first heading: they take its section
    i = 0
    while i < len(path):
        end = i + 1
        while end < len(path) and end not in anchors and not path[end][2]:
            end += 1
        rows = range(i, end)
        a = path[i][0]
        spoken = 0 <= a < len(names) and sum(scores[r][a] for r in rows) > 0
        if a == -2:
            above = list(rows)
        elif i in anchors:
            new = prev
            for n, (sec, anchor) in enumerate(anchors[i]):
                last = n == len(anchors[i]) - 1
                area: Area = names[a] if last and not sec.title and spoken else sec.area  # a title OCR lost
                number = next_number(prev) if not last else _numeral(path[i][1], prev)
                if anchor.number is not None and (not last or anchor.number == path[i][1]):
                    number = sec.number  # as printed, unless a stroke of it was misread (`_one_stroke`)
                same = (number, area) == (sec.number, sec.area)
                new = prev = sec if same else Section(number=number, title=sec.title, area=area)
                if n == 0 and above:
                    out.extend([new] * len(above))
                    above = []
            assert new is not None  # anchors[i] holds one section row at least
            out.extend([new] * len(rows))
        elif not path[i][2] and incoming is not None:
            out.extend([incoming] * len(rows))  # the rows go on with the section the table began in
        else:
            prev = Section(number=_numeral(path[i][1], prev), title="", area=names[a] if spoken else "other")
            out.extend([prev] * len(rows))
        i = end
    return out
