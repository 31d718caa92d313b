"""Table rows -> logical rows -> PlanRecords.

A logical row is one activity (or one task where the table has no activity column).
Where the source knows merged cells, a cell's value applies to every row it spans.
Where it does not (text exports), the hierarchy columns are filled down as SPEC §1 says:
an empty objective inherits the one above; an empty task only when the objective was
inherited too; an empty activity only when the task was inherited too. A row with an
empty STT right after a page break whose cells continue mid-sentence is stitched onto
the row before it. Hierarchy values are shared objects, so stitching the tail of a task
onto one row completes it for every row that owns that task.

OCR'd cells carry a confidence and, where a second read disagreed, that read: each record
field gets the lowest confidence of the cells it was read from (`provenance.field_confidence`),
and `TableState.findings` collects `W_LOW_CONFIDENCE_FIELD` (below `LOW_CONFIDENCE`) and
`W_OCR_DISAGREEMENT` — once per source cell, however many records share it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..files import read_data
from ..findings import finding
from ..lexicon.deadlines import time_vocabulary
from ..lexicon.text import is_mark
from ..model import Budget, Deadline, Finding, Item, PlanRecord, Provenance, Repair, Section
from ..source import Cell, Table
from ..vietnamese.keys import fold
from ..vietnamese.numerals import section_value
from .agencies import Gazetteer, closest_alias, load_gazetteer, match_agency
from .budget import is_plain_amount, parse_budget
from .columns import ColumnMap, is_column_number_row, is_header_row, is_repeated_header
from .deadlines import parse_deadline, time_atoms  # the grammar's time phrases, to account for every token
from .guessed_cells import agencies_in, claim_deadline, rejoin_deadline, time_phrase_in
from .items import parse_item
from .lists import split_agencies, split_outputs
from .lost_sections import place_sections
from .numbering import COUNTED_CONFIDENCE, read_number, restore_numbers
from .quarters import document_writes_roman, fix_quarters
from .responsibility import split_responsibility
from .sections import distinct_filled, make_section, roman_numbered, section_row
from .stitching import is_continuation, starts_mid_sentence
from .text import ROMAN, repair_method, squash

HIERARCHY = ("objective", "task", "activity")
FLAT = ("outputs", "lead", "partners", "deadline", "budget", "notes")
NO_SECTION = Section(number="0", title="", area="other")
# Below this a field read by OCR gets W_LOW_CONFIDENCE_FIELD. On the scan bench (dev) 0.6 flags
# most misread deadline/agency cells while leaving ~90 % of correctly read cells unflagged.
LOW_CONFIDENCE = 0.6
# A field whose cell two reads disagree on is worth no more than this, whatever tesseract said.
DISAGREEMENT_CONFIDENCE = 0.5


@dataclass(eq=False)
class _Shared:
    """A hierarchy value that several logical rows may own."""

    text: str
    orig: str  # the same value as read before the repair stage
    read: _Read | None = None  # OCR confidence / disagreement of the cells it came from

    def extend(self, text: str, orig: str, read: _Read | None = None) -> None:
        self.text = f"{self.text.rstrip()} {text.strip()}"
        self.orig = f"{self.orig.rstrip()} {orig.strip()}"
        self.read = _Read.merge(self.read, read)


@dataclass(eq=False)
class _Read:
    """How a field was read: confidence 0..1 and a disagreeing second read (OCR'd sources only)."""

    conf: float | None
    first: str = ""
    second: str | None = None

    @staticmethod
    def of(cell: Cell | None) -> _Read | None:
        if cell is None or (cell.confidence is None and cell.second_read is None):
            return None
        conf = cell.confidence
        if cell.second_read is not None:
            conf = min(conf if conf is not None else 1.0, DISAGREEMENT_CONFIDENCE)
        return _Read(conf, cell.source_text, cell.second_read)

    @staticmethod
    def merge(a: _Read | None, b: _Read | None) -> _Read | None:
        """Two pieces of one field (a page-split row): the lower confidence, both reads."""
        if a is None or b is None:
            return a or b
        confs = [c for c in (a.conf, b.conf) if c is not None]
        second = None
        if a.second is not None or b.second is not None:
            second = f"{a.second or a.first} {b.second or b.first}"
        return _Read(min(confs) if confs else None, f"{a.first} {b.first}", second)


@dataclass
class _Logical:
    rows: list[int]
    line: int | None
    page: int | None
    section: Section
    stt: str | None
    hier: dict[str, _Shared | None]
    flat: dict[str, str] = field(default_factory=dict)
    flat_orig: dict[str, str] = field(default_factory=dict)
    flat_read: dict[str, _Read] = field(default_factory=dict)  # OCR'd flat fields: how they were read
    bbox: tuple[float, float, float, float] | None = None  # the row on its page, from its cells' boxes
    extra: dict[str, str] = field(default_factory=dict)  # header text -> cell text, columns with no role
    parent: bool = False  # only hierarchy text, no outputs/agencies/deadline: may head the rows below
    carried: set[str] = field(default_factory=set)  # hierarchy levels taken from such a heading row
    stt_read: str | None = None  # the STT cell as OCR read it, where the count gave its number back


@dataclass
class TableState:
    """What carries from one plan table to the next in a document: the current section."""

    section: Section = field(default_factory=lambda: NO_SECTION)
    inferred: list[tuple[Section, int | None, int | None]] = field(default_factory=list)  # (section, line, page)
    per_section: dict[str, int] = field(default_factory=dict)  # records so far per section number, for ids
    findings: list[Finding] = field(default_factory=list)  # low-confidence fields and OCR disagreements
    # the reads already reported, held by identity (_Read has eq=False): an id() of a read let go
    # with its logical row could be reused by a later read
    reported: set[_Read] = field(default_factory=set)
    # ("lead"|"deadline", text) -> its Agency/Deadline (frozen models): a 100,000-row table names a
    # few hundred agencies and deadlines, so records share them instead of holding 400,000 copies
    memo: dict[tuple[str, str], Any] = field(default_factory=dict)
    # this table's section rows: (logical row below, section, numeral read on the row)
    headings: list[tuple[int, Section, int | None]] = field(default_factory=list)


def logical_rows(table: Table, cmap: ColumnMap, state: TableState | None = None) -> list[_Logical]:
    state = state if state is not None else TableState()
    grid = table.grid()
    out: list[_Logical] = []
    section = state.section
    after_header = False
    last_page: int | None = None  # the page of the last data row: a row on a later one follows a break
    shared_by_cell: dict[int, _Shared] = {}
    stt_col = cmap.col("stt")
    flat_cols = [c for role in ("outputs", "lead", "partners", "deadline") if (c := cmap.col(role)) is not None]
    roman = roman_numbered([row[stt_col] for row in grid]) if stt_col is not None else False
    leaf = next((role for role in reversed(HIERARCHY) if cmap.col(role) is not None), None)
    for r, row in enumerate(table.rows):
        cells = grid[r]
        if r in cmap.header_rows:
            continue
        if (
            row.is_header
            or is_repeated_header(cmap, cells)
            or is_column_number_row(cells)
            or _ocr_column_numbers(cells)
            or (not cmap.inferred and is_header_row(cells, strict=True))
        ):
            after_header = True  # a header repeated on a new page, or the column-number row under it
            continue
        page_break = (
            after_header or row.page_break_before or (None not in (row.page, last_page) and row.page != last_page)
        )
        after_header = False
        last_page = row.page if row.page is not None else last_page
        if not distinct_filled(cells):
            continue
        found = section_row(
            cells,
            flat_cols,
            section if section is not NO_SECTION else None,
            own=row.cells,
            roman=roman,
            ocr=table.confidence < 1.0,
        )
        if found is not None:
            section = found[0]
            state.headings.append((len(out), section, _numeral_read(cells, stt_col)))
            if found[1]:
                state.inferred.append((section, row.line, row.page))
            continue

        def cell_of(role: str, cells=cells) -> Cell | None:
            c = cmap.col(role)
            return cells[c] if c is not None else None

        stt_cell = cells[stt_col] if stt_col is not None else None
        stt = squash(stt_cell.text) if stt_cell is not None and stt_cell in row.cells else ""
        prev = out[-1] if out and out[-1].section is section else None
        roles = (*HIERARCHY, *FLAT)
        values = {role: cell.text if (cell := cell_of(role)) is not None else "" for role in roles}
        origs = {role: cell.source_text if (cell := cell_of(role)) is not None else "" for role in roles}
        reads = {role: read for role in roles if (read := _Read.of(cell_of(role))) is not None}
        extra = {
            title: cell.text
            for col, title in cmap.extra.items()
            if (cell := cells[col]) is not None and cell.text.strip()
        }
        if not any(values[role].strip() for role in roles):
            continue  # an STT alone, a blank form row: not an activity
        own = {role: values[role] if (oc := cell_of(role)) is not None and oc in row.cells else "" for role in roles}
        if prev is not None and is_continuation(own, prev.flat, stt=stt, prev_stt=prev.stt, page_break=page_break):
            _stitch(prev, own, origs, r, reads)
            for title, text in extra.items():
                prev.extra[title] = f"{prev.extra[title].rstrip()} {text.strip()}" if title in prev.extra else text
            continue
        hier: dict[str, _Shared | None] = {}
        inherited: dict[str, bool] = {}
        # a row numbered apart from the one above is an item of its own: its empty lowest-level cell
        # is text OCR lost, not the cell above merged down (that would repeat the item above)
        own_leaf = leaf if stt and stt != (prev.stt if prev is not None else None) else None
        carried: set[str] = set()
        parent_inherited = True  # the level above a missing column counts as inherited
        for role in HIERARCHY:
            c = cmap.col(role)
            if c is None:
                hier[role], inherited[role] = None, parent_inherited
                continue
            cell = cells[c]
            text = values[role]
            if table.spans_known:
                if cell is not None and text.strip():
                    hier[role] = shared_by_cell.setdefault(id(cell), _Shared(text, origs[role], reads.get(role)))
                    inherited[role] = cell not in row.cells
                elif (
                    prev is not None
                    and (prev.parent or role in prev.carried)
                    and prev.hier.get(role) is not None
                    and parent_inherited
                ):
                    hier[role], inherited[role] = prev.hier[role], True  # under a heading row of the level above
                    carried.add(role)
                else:
                    hier[role], inherited[role] = None, False
            elif text.strip():
                # (not the lowest-level cell of a row numbered apart: its words are its own item's,
                # whose opening OCR lost; joined above, they would repeat the item above in both)
                mid = role != own_leaf and starts_mid_sentence(text)
                if prev is not None and prev.hier.get(role) is not None and mid:
                    shared = prev.hier[role]
                    assert shared is not None
                    shared.extend(text, origs[role], reads.get(role))
                    hier[role], inherited[role] = shared, True
                else:
                    hier[role], inherited[role] = _Shared(text, origs[role], reads.get(role)), False
            elif prev is not None and parent_inherited and prev.hier.get(role) is not None and role != own_leaf:
                hier[role], inherited[role] = prev.hier[role], True
            else:
                hier[role], inherited[role] = None, False
            parent_inherited = inherited[role]
        if prev is not None and prev.parent and _heads(prev, hier):
            out.pop()  # the row above only named the task (objective) of this one and those below
            prev = out[-1] if out and out[-1].section is section else None
        lg = _Logical(
            rows=[r],
            line=row.line,
            page=row.page,
            section=section,
            stt=stt or None,
            hier=hier,
            flat={role: values[role] for role in FLAT},
            flat_orig={role: origs[role] for role in FLAT},
            flat_read={role: reads[role] for role in FLAT if role in reads and values[role].strip()},
            extra=extra,
            carried=carried,
            bbox=_row_box(row.cells),
        )
        lg.parent = not any(values[role].strip() for role in FLAT) and _deepest(lg, cmap) is not None
        out.append(lg)
    state.section = section
    return out


def _numeral_read(cells: list[Cell | None], stt_col: int | None) -> int | None:
    """The section numeral as it stands in a section row's STT cell, where it was read as such
    (not re-spelled from OCR's slips, not given by the sequence), or None."""
    cell = cells[stt_col] if stt_col is not None else None
    if cell is None or cell.original is not None:
        return None
    return section_value(squash(cell.text))


def _settle_sections(table: Table, rows: list[_Logical], incoming: Section, state: TableState, mark: int) -> None:
    """Sections OCR lost: placed from the rows' content where a loss shows (`plan/lost_sections.py`);
    otherwise rows above the first section row join it or the section lost above it."""
    if table.confidence < 1.0 and rows:
        inferred = {id(sec) for sec, _, _ in state.inferred[mark:]}
        texts = [
            " ".join([*(h.text for h in lg.hier.values() if h is not None), lg.flat.get("outputs", "")]) for lg in rows
        ]
        given = incoming if incoming is not NO_SECTION else None
        placed = place_sections(state.headings, texts, given, inferred, guessed=table.guessed_grid)
        if placed is not None and any(p != lg.section for p, lg in zip(placed, rows, strict=True)):
            had = {id(lg.section) for lg in rows}  # a heading over no row keeps its report; the rest are placed anew
            kept = {id(sec) for sec in placed} | {id(sec) for _, sec, _ in state.headings if id(sec) not in had}
            state.inferred[mark:] = [entry for entry in state.inferred[mark:] if id(entry[0]) in kept]
            known = {id(sec) for sec, _, _ in state.inferred} | {id(lg.section) for lg in rows}
            for lg, sec in zip(rows, placed, strict=True):
                if id(sec) not in known:  # a lost section, or one renumbered: the numbers are inferred
                    known.add(id(sec))
                    state.inferred.append((sec, lg.line, lg.page))
                lg.section = sec
            state.section = placed[-1]
            return
    if incoming is NO_SECTION and state.headings and state.headings[0][0] > 0:
        _no_section_zero(rows, state.headings[0][1], state)


def _no_section_zero(before: list[_Logical], first: Section, state: TableState) -> None:
    """Rows above a table's first section row whose own heading was lost: never section 0.

    Below a first section `II` they are section I (its title unread); otherwise they join the
    first section. Either way the number is inferred and reported.
    """
    orphans = list(itertools.takewhile(lambda lg: lg.section is NO_SECTION, before))
    if not orphans:
        return
    lost = {"II": "I", "2": "1"}.get(first.number)
    sec = make_section(lost, "") if lost is not None else first
    for lg in orphans:
        lg.section = sec
    state.inferred.append((sec, orphans[0].line, orphans[0].page))


_COLUMN_NUMBER = re.compile(r"\(?\s*(\d{1,2})\s*\)?")


def _ocr_column_numbers(cells: list[Cell | None]) -> bool:
    """`(1) (2) @) (4) (5)`: a column-number row with one number OCR garbled (`@)`, `Œ)`) or misread."""
    texts = [c for c in dict.fromkeys(c for c in cells if c is not None and c.text.strip())]
    if len(texts) < 4:
        return False
    read = [(c, _COLUMN_NUMBER.fullmatch(squash(c.text))) for c in texts]
    numbered = [(c.col, int(m.group(1))) for c, m in read if m]
    # `1 (2) (5) (4) (5) (6)`: every cell a number, most of them their own column's (a digit or two misread)
    if len(numbered) == len(texts) and sum(1 for col, n in numbered if n == col + 1) >= max(3, len(texts) - 2):
        return True
    digits = [n for _, n in numbered]
    odd = [c for c, m in read if not m]
    if len(odd) != 1 or odd[0].confidence is None or len(squash(odd[0].text)) > 3 or ")" not in odd[0].text + "(":
        return False
    return all(b > a for a, b in itertools.pairwise(digits)) and digits[-1] - digits[0] <= len(texts) - 1


def _row_box(cells: list[Cell]) -> tuple[float, float, float, float] | None:
    """The union of the row's own cell boxes (the loader's page coordinates), None when none is known."""
    boxes = [c.bbox for c in cells if c.bbox is not None]
    if not boxes:
        return None
    # a cell merged down over later rows would stretch the row: its height comes from one-row cells
    own = [c.bbox for c in cells if c.bbox is not None and c.row_span == 1] or boxes
    return (min(b[0] for b in boxes), min(b[1] for b in own), max(b[2] for b in boxes), max(b[3] for b in own))


def _deepest(lg: _Logical, cmap: ColumnMap) -> str | None:
    """The hierarchy level a content-only row stops at, when the table has a deeper level."""
    levels = [role for role in HIERARCHY if cmap.col(role) is not None]
    filled = [role for role in levels if lg.hier.get(role) is not None]
    if not filled or filled[-1] == levels[-1]:
        return None
    return filled[-1]


def _heads(parent: _Logical, hier: dict[str, _Shared | None]) -> bool:
    """Does the row below carry the parent's values and add the level the parent lacks?"""
    shared = [role for role in HIERARCHY if parent.hier.get(role) is not None]
    deeper = [role for role in HIERARCHY if parent.hier.get(role) is None and hier.get(role) is not None]
    return bool(shared) and bool(deeper) and all(hier.get(role) is parent.hier[role] for role in shared)


def _stitch(
    prev: _Logical, values: dict[str, str], origs: dict[str, str], r: int, reads: dict[str, _Read] | None = None
) -> None:
    """Join a page-split row's cells onto the row it continues (texts joined by one space)."""
    reads = reads or {}
    prev.rows.append(r)
    for role, text in values.items():
        if not text.strip():
            continue
        if role in HIERARCHY:
            shared = prev.hier.get(role)
            if shared is None:
                prev.hier[role] = _Shared(text, origs[role], reads.get(role))
            else:
                shared.extend(text, origs[role], reads.get(role))
        else:
            for target, value in ((prev.flat, text), (prev.flat_orig, origs[role])):
                old = target.get(role, "")
                target[role] = f"{old.rstrip()} {value.strip()}" if old.strip() else value
            merged = _Read.merge(prev.flat_read.get(role), reads.get(role))
            if merged is not None:
                prev.flat_read[role] = merged


def build_records(
    table: Table,
    cmap: ColumnMap,
    period: tuple[int, int] | None,
    start_seq: int = 1,
    gazetteer: Gazetteer | None = None,
    state: TableState | None = None,
) -> list[PlanRecord]:
    """PlanRecords for one plan table, numbered from `start_seq`; `state` carries across a document's tables."""
    state = state if state is not None else TableState()
    records: list[PlanRecord] = []
    incoming, mark = state.section, len(state.inferred)
    state.headings = []
    pending = logical_rows(table, cmap, state)
    _settle_sections(table, pending, incoming, state, mark)
    # deadline cells read by OCR (they carry a confidence): quarter numerals read as look-alikes
    if ocr_read := [lg for lg in pending if lg.flat.get("deadline") and lg.flat_read.get("deadline") is not None]:
        roman = document_writes_roman(lg.flat["deadline"] for lg in ocr_read)
        for lg in ocr_read:
            lg.flat["deadline"] = fix_quarters(lg.flat["deadline"], roman)
    if table.confidence < 1.0:  # OCR'd: STT numbers lost or garbled are given back from the count
        restored = restore_numbers([lg.stt for lg in pending], [id(lg.section) for lg in pending])
        for lg, number in zip(pending, restored, strict=True):
            if number is not None:
                lg.stt_read, lg.stt = lg.stt or "", number
    guessed = table.guessed_grid
    pending.reverse()  # taken from the end, each logical row (~1.7 KB) is let go once its record exists
    while pending:
        lg = pending.pop()
        n = state.per_section[lg.section.number] = state.per_section.get(lg.section.number, 0) + 1
        record_id = f"{lg.section.number}.{n}"
        cuts: list[Repair] = []
        fields = _fields(lg, cmap, period, gazetteer, original=False, memo=state.memo, guessed=guessed, cuts=cuts)
        confidence = _field_confidence(lg, record_id, state, fields["deadline"], period)
        if lg.stt_read is not None and read_number(lg.stt_read) is None:  # a number not read: counted
            confidence["stt"] = COUNTED_CONFIDENCE
        repaired = lg.flat != lg.flat_orig or any(h is not None and h.text != h.orig for h in lg.hier.values())
        records.append(
            PlanRecord(
                id=record_id,
                seq=start_seq + len(records),
                stt=lg.stt,
                section=lg.section,
                **fields,
                extra={title: squash(text) for title, text in lg.extra.items()},
                provenance=Provenance(
                    page=lg.page,
                    line=lg.line,
                    table=table.index,
                    rows=lg.rows,
                    confidence=table.confidence,
                    bbox=lg.bbox,
                    field_confidence=confidence,
                ),
                repairs=(
                    _repairs(
                        _fields(lg, cmap, period, gazetteer, original=True, memo=state.memo, guessed=guessed), fields
                    )
                    if repaired
                    else []
                )
                + cuts
                + (
                    [Repair(field="stt", before=lg.stt_read, after=lg.stt or "", method="ocr")]
                    if lg.stt_read is not None
                    else []
                ),
            )
        )
    return records


def _field_confidence(
    lg: _Logical,
    record_id: str,
    state: TableState,
    deadline: Deadline | None = None,
    period: tuple[int, int] | None = None,
) -> dict[str, float]:
    """Per-field confidence of an OCR'd row; findings for weak fields and disagreeing reads, once per cell.

    An OCR'd deadline with a doubt (`deadline_doubts`) is worth at most DOUBT_CONFIDENCE.
    """
    reads: dict[str, _Read] = {role: s.read for role in HIERARCHY if (s := lg.hier.get(role)) and s.read}
    reads.update(lg.flat_read)
    out: dict[str, float] = {}
    for role, read in reads.items():
        conf = read.conf
        doubts = (
            deadline_doubts(
                squash(lg.flat.get("deadline", "")), squash(lg.flat_orig.get("deadline", "")), deadline, period
            )
            if role == "deadline"
            else []
        )
        if doubts:
            conf = min(conf if conf is not None else 1.0, DOUBT_CONFIDENCE)
        if conf is not None:
            out[role] = conf
        if read in state.reported:
            continue
        state.reported.add(read)
        if read.second is not None:
            first, second = squash(read.first), squash(read.second)
            state.findings.append(_field_finding("W_OCR_DISAGREEMENT", record_id, role, lg, first=first, second=second))
        elif conf is not None and conf < LOW_CONFIDENCE:
            why = f"; {'; '.join(doubts)}" if doubts else ""  # what made an OCR'd deadline doubtful
            state.findings.append(
                _field_finding("W_LOW_CONFIDENCE_FIELD", record_id, role, lg, confidence=conf, why=why)
            )
    return out


# --- deadlines: what tesseract's word confidences miss (issue 11, "nothing changes silently") --------
#
# Two reads of a cell can agree on a misread (`Quý 1/2024` for `Quý I/2024`, `nắm` for `năm`) and
# a lost word leaves no low-confidence trace (`Thường` for `Thường xuyên`, `Quý 2022` for
# `Quý I/2022`). An OCR'd deadline is therefore also checked against what deadlines look like;
# any doubt caps its confidence at DOUBT_CONFIDENCE, below LOW_CONFIDENCE, so it is reported.
DOUBT_CONFIDENCE = 0.5
_WORD = re.compile(r"[^\W\d_]+")
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMERAL = re.compile(r"\d+|(?<![^\W\d_])[IVXL]+(?![^\W\d_])")
# A quarter written with ones: `1`, `11`, `111` are how tesseract reads I, II, III, and a lost
# stroke turns one into another with both reads agreeing.
_ONES_QUARTER = re.compile(r"(?<![a-z])quy\s*(?:1{1,3}|1v)(?![0-9a-z])")
_UNIT = r"(?:quy|thang|nam|tuan|ngay)"


@lru_cache(maxsize=1)
def _recurring() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a bare unit, a recurrence followed by a number) over folded text, from deadline_phrases.json.

    `quý`/`tháng` must carry their number unless a word before them repeats or counts them (`hàng
    quý`, `các tháng`, `6 tháng đầu năm`, `theo quy định`). "Every quarter / month / year" followed
    by a number names no one period: `Hàng quý 3` is `Hàng quý` with a stray figure (a neighbouring
    row's, or a stroke), not the third quarter.
    """
    raw = read_data("deadline_phrases.json")
    every = sorted({fold(w) for w in raw["every_words"]})
    before = "".join(f"(?<!{re.escape(w)} )" for w in sorted({*every, *(fold(w) for w in raw["counting_words"])}))
    bare = re.compile(
        r"(?<![a-z0-9])" + before + r"(?<!\d )"
        r"(?:quy(?!\s*(?:[ivx]+|[1-4]|1{2,3})(?![0-9a-z]))|thang(?!\s*\d{1,2}(?!\d)))"
        r"(?![a-z])(?!\s+(?:dinh|cuoi|dau))"
    )
    numbered = re.compile(r"(?<![a-z])(?:" + "|".join(every) + r")\s+" + _UNIT + r"\s*(?:\d|[ivx]+(?![0-9a-z]))")
    return bare, numbered


_VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_GLUED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")  # `Tháng07`, `202s`: the spacing OCR lost may hide a stroke


# A quarter with its year, if any: the same quarter twice in one cell (`Quý II - Quý II/2024`) is a
# stroke lost from one of them.
_QUARTER = re.compile(
    r"(?<![a-z])quy\s*(?P<q>iv|1v|i{1,3}|1{1,3}|[2-4])(?![0-9a-z])(?:\s*[/,.-]?\s*(?:nam\s*)?(?P<y>(?:19|20)\d\d))?"
)
_QUARTER_VALUE = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1v": 4, "1": 1, "11": 2, "111": 3, "2": 2, "3": 3, "4": 4}


def _quarter_twice(work: str) -> bool:
    seen: list[tuple[int, str | None]] = []
    for m in _QUARTER.finditer(work):
        q, y = _QUARTER_VALUE[m.group("q")], m.group("y")
        if any(q == q0 and (y is None or y0 is None or y == y0) for q0, y0 in seen):
            return True
        seen.append((q, y))
    return False


# Every token of a deadline must be accounted for: the grammar's time phrases (dates, months, quarters,
# years and the lists continuing them, `deadlines.time_atoms`), vocabulary words, a number beside its unit
# ("ngày 20", "6 tháng"), connectors between two parts, parentheses around a remark.
_TOKEN = re.compile(r"\d+|[^\W\d_]+|\S")
_AFTER_UNIT = {"ngay": 31, "thang": 12, "tuan": 53}  # "ngày 20 của tháng cuối quý": the largest number it takes
_BEFORE_UNIT = frozenset(("ngay", "thang", "tuan", "quy", "nam"))  # "6 tháng", "2 năm"
_CONNECTORS = frozenset("-–—,;")


def _unaccounted(shown: str) -> list[str]:
    """Tokens no part of the deadline grammar explains, as doubts; [] when every token is accounted for.

    Case counts: the vocabulary is lower case, a word may open with a capital (`Quý`), and a cell
    may be all capitals — but one all-capital word inside a lower-case deadline (`Hàng QUÝ`) or a
    word of mixed case (`tHáng`) is a misread, as is a Roman numeral in lower case. Outside the
    time phrases a number must stand beside its unit and a numeral inside a quarter, so what
    follows a complete date or quarter (`15/03/2024 3`) is unexplained, and punctuation other than
    a connector between two parts or a remark's parentheses is stray (`Hàng quý.`, `Tháng 6/`).
    """
    doubts: list[str] = []
    words = _WORD.findall(re.sub(r"\([^()]*\)", " ", shown))  # a remark's abbreviations (`KH`) are prose
    romans = [w for w in words if len(w) <= 4 and ROMAN.fullmatch(w.upper())]
    plain = [w for w in words if w not in romans]
    if not all(w.isupper() for w in plain if len(w) > 1):  # an all-capital cell is a style
        caps = [w for w in plain if len(w) > 1 and w.isupper()]
        mixed = [w for w in plain if not (w.islower() or w.isupper() or (w[0].isupper() and w[1:].islower()))]
        if odd := caps + mixed + [w for w in romans if not w.isupper()]:
            doubts.append("case:" + ",".join(odd))
    work = fold(shown)
    if len(work) != len(shown):  # the folded copy must line up with the text
        return doubts
    covered = [False] * len(work)
    for atom in time_atoms(work):
        covered[atom.begin : atom.end] = [True] * (atom.end - atom.begin)
    tokens: list[tuple[str, str]] = []  # (kind, folded text); a time phrase is one token "time"
    depth = 0
    for m in _TOKEN.finditer(work):
        tok = m.group()
        if tok == "(":
            depth += 1
        inside, depth = depth > 0, depth - (tok == ")" and depth > 0)
        if inside and tok not in "()":
            continue  # a remark is prose: its words meet the vocabulary check, not the grammar
        if any(covered[m.start() : m.end()]):
            if not tokens or tokens[-1][0] != "time":
                tokens.append(("time", tok))
            continue
        kind = "number" if tok.isdigit() else "word" if tok[0].isalpha() else "mark"
        tokens.append((kind, tok))
    numbers, numerals, marks = [], [], []
    for i, (kind, tok) in enumerate(tokens):
        before = tokens[i - 1][1] if i > 0 else ""
        after = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if kind == "number":
            if not (int(tok) <= _AFTER_UNIT.get(before, -1) or after in _BEFORE_UNIT):
                numbers.append(tok)
        elif kind == "word" and tok in {w.lower() for w in romans}:
            numerals.append(tok.upper())
        elif kind == "mark" and tok not in "()":
            between = 0 < i < len(tokens) - 1 and tokens[i - 1][0] != "mark" and tokens[i + 1][0] != "mark"
            if not (tok in _CONNECTORS and between):
                marks.append(tok)
    if shown.count("(") != shown.count(")"):
        marks.append("(" if shown.count("(") > shown.count(")") else ")")
    if numbers:
        doubts.append("a number no time phrase explains:" + ",".join(numbers))
    if numerals:
        doubts.append("a numeral outside a quarter:" + ",".join(numerals))
    if marks:
        doubts.append("stray punctuation:" + "".join(marks))
    return doubts


def deadline_doubts(text: str, read_as: str, deadline: Deadline | None, period: tuple[int, int] | None) -> list[str]:
    """Why an OCR'd deadline may say something else than the page, [] when nothing is suspect.

    `text` is the cell after repair, `read_as` as OCR gave it. Each check is one way a
    misread survives two agreeing reads: a vocabulary word with other accents (`nắm`, `Quy`)
    or any other word no time phrase uses (`Cảnăm`; events, which are prose, excepted), a
    letter Vietnamese does not write (`Ï`), a stray letter, letters glued to digits
    (`Tháng07`), a phrase that reads as no time at all (`Thường`), the same quarter twice
    (`Quý II - Quý II/2024`), a quarter or month without its number (`Trong Quý 2022`), a
    quarter in ones (`Quý 1/2024`), a year outside the plan's period (give or take one),
    digits the repair stage changed, or any token the grammar does not account for
    (`_unaccounted`: `Hàng QUÝ.`, `Trước ngày 15/03/2024 3`).
    """
    doubts: list[str] = []
    shown = unicodedata.normalize("NFC", text)
    spelled, folded = time_vocabulary()
    words = _WORD.findall(shown.casefold())
    if deadline is None or deadline.kind != "event":  # an event is prose: "Khi có Thông tư mới"
        unknown = [w for w in words if w not in spelled and not ROMAN.match(w.upper())]
        if near := [w for w in unknown if fold(w) in folded]:
            doubts.append("accents:" + ",".join(near))
        if glued := [w for w in unknown if w not in near]:
            doubts.append("unknown word:" + ",".join(glued))  # `Cảnăm`, `IInăm`: words run together
        doubts += _unaccounted(shown)  # case, numbers, numerals and punctuation the grammar does not explain
    if any(c not in _VIETNAMESE_LETTERS for w in words for c in w):
        doubts.append("a letter Vietnamese does not use")  # `Quy Ï`, `năm Š 2024`
    if any(len(w) == 1 and w not in "ivx" for w in words):
        doubts.append("a stray letter")  # `năm ị 2025`
    if _GLUED.search(shown):
        doubts.append("letters glued to digits")
    if deadline is None or deadline.kind == "unspecified":
        doubts.append("no time read")
    work = " ".join(fold(shown).split())
    bare_unit, every_numbered = _recurring()
    if (bare := bare_unit.search(work)) is not None:
        doubts.append(f"{bare.group().strip()} without its number")
    if _ONES_QUARTER.search(work):
        doubts.append("quarter in ones")
    if every_numbered.search(work):
        doubts.append("a recurrence followed by a number")
    if _quarter_twice(work):
        doubts.append("the same quarter twice")
    if period is not None:
        far = [y for y in _YEARS.findall(shown) if not period[0] - 1 <= int(y) <= period[1] + 1]
        if far:
            doubts.append("year outside the plan period:" + ",".join(far))
    if _NUMERAL.findall(read_as) != _NUMERAL.findall(text):
        doubts.append("numerals changed by repair")
    return doubts


def _field_finding(code: str, record_id: str, role: str, lg: _Logical, **params: Any) -> Finding:
    """A finding about one field of one record, located at the record's row."""
    return finding(code, record_id=record_id, field=role, page=lg.page, line=lg.line, **params)


MEMO_SIZE = 4096  # distinct agency/deadline texts remembered per document (cleared when full)


def _fields(
    lg: _Logical,
    cmap: ColumnMap,
    period: tuple[int, int] | None,
    gazetteer: Gazetteer | None,
    *,
    original: bool,
    memo: dict[tuple[str, str], Any] | None = None,
    guessed: bool = False,
    cuts: list[Repair] | None = None,
) -> dict[str, Any]:
    """The record's content fields, from the repaired texts or from the texts as read.

    `memo` (one per document: the gazetteer and period are fixed there) shares the Agency and
    Deadline read from equal texts between records. In a `guessed` grid agency and deadline
    cells keep what their grammar recognises (`guessed_cells`); each cut goes to `cuts`.
    """
    flat = lg.flat_orig if original else lg.flat
    memo = memo if memo is not None else {}
    if guessed and (joined := rejoin_deadline(flat) or claim_deadline(flat)) is not None:
        # a wrapped deadline's halves in two cells, or a whole one in a neighbour's
        whole, role, rest, _ = joined
        if cuts is not None:
            cuts.append(Repair(field="deadline.text", before=squash(flat["deadline"]), after=whole, method="ocr"))
            cuts.append(Repair(field=role, before=flat[role], after=rest, method="ocr"))
        flat = {**flat, "deadline": whole, role: rest}

    def remembered(kind: str, text: str, read: Callable[[], Any]) -> Any:
        if (hit := memo.get((kind, text))) is None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            hit = memo[(kind, text)] = read()
        return hit

    def agency(text: str) -> Any:
        return remembered("lead", text, lambda: match_agency(text, gazetteer))

    def spelling(text: str) -> str:  # "" for none: the memo keeps only what is not None
        return remembered("spelled", text, lambda: closest_alias(text, gazetteer or load_gazetteer()) or "")

    def deadline(text: str) -> Any:
        return remembered("deadline", text, lambda: parse_deadline(text, period))

    def item(role: str) -> Item | None:
        shared = lg.hier.get(role)
        return parse_item(shared.orig if original else shared.text) if shared is not None else None

    budget, notes = _budget_and_notes(flat, cmap)
    deadline_text = squash(flat.get("deadline", ""))
    lead_text, partners_text = flat.get("lead", ""), flat.get("partners", "")
    if (split := split_responsibility(lead_text)) is not None and (
        not partners_text.strip() or partners_text == lead_text
    ):
        lead_text, partners_text = split  # "Sở Nội vụ chủ trì, phối hợp với các sở, ngành"
    if guessed and deadline_text and (phrase := time_phrase_in(deadline_text)) is not None:
        if cuts is not None:
            cuts.append(Repair(field="deadline.text", before=deadline_text, after=phrase, method="ocr"))
        deadline_text = phrase

    def agencies(role: str, text: str) -> list[Any]:
        items = split_agencies(text)
        if guessed or role in lg.flat_read:  # read by OCR: names may be damaged, or run into their neighbours'
            items = _known_agencies(role, items, agency, spelling, gazetteer or load_gazetteer(), cuts, cut=guessed)
        return [agency(t) for t in items]

    return {
        "objective": item("objective"),
        "task": item("task"),
        "activity": item("activity"),
        "outputs": split_outputs(flat.get("outputs", "")),
        "lead": agencies("lead", lead_text),
        "partners": agencies("partners", partners_text),
        "deadline": deadline(deadline_text) if deadline_text else None,
        "budget": budget,
        "notes": notes,
    }


def _known_agencies(
    role: str,
    items: list[str],
    read: Callable[[str], Any],
    spelling: Callable[[str], str],
    gazetteer: Gazetteer,
    cuts: list[Repair] | None,
    *,
    cut: bool,
) -> list[str]:
    """OCR'd agency items: a known name OCR damaged is written as the gazetteer writes it
    (`fuzzy` repairs; `spelling` is the record's memoised `agencies.closest_alias`); with `cut` (a
    guessed grid) an item naming known agencies among other words is cut to them (`ocr`
    repairs). An item `read` (the memoised agency reader) does not recognise, and that names
    none, stays."""
    out: list[str] = []
    for item in items:
        if cut and (clean := _without_marks(item)) != item:  # `Trung tâm Phục vụ hành = chính công tỉnh`
            if cuts is not None:
                cuts.append(Repair(field=role, before=item, after=clean, method="ocr"))
            if not clean:
                continue
            item = clean
        known = None if not cut or read(item).name else agencies_in(item, gazetteer)
        if known is None:
            spelled = spelling(item) if read(item).name else ""
            if spelled and spelled != item:  # a known name OCR damaged: as the gazetteer writes it
                if cuts is not None:
                    cuts.append(Repair(field=role, before=item, after=spelled, method="fuzzy"))
                item = spelled
            out.append(item)
            continue
        known = [spelling(name) or name for name in known]  # each as the gazetteer writes it (`SỞ Tài chính`)
        if cuts is not None:
            cuts.append(Repair(field=role, before=item, after="; ".join(known), method="ocr"))
        out.extend(known)
    return out


_NAME_MARKS = frozenset("-–&/()")  # marks a name may hold as words of their own (`Văn thư - Lưu trữ`)


def _without_marks(item: str) -> str:
    """An OCR'd agency item without the words that hold no letter or figure (rule remnants and
    grain: `: : Sở Tư pháp`, `hành = chính`), but the marks a name is written with."""
    return " ".join(w for w in item.split() if not is_mark(w) or w in _NAME_MARKS)


def _repairs(before: dict[str, Any], after: dict[str, Any]) -> list[Repair]:
    """One Repair per changed text field, with field paths such as 'activity.text', 'lead[0].text'."""
    pairs: list[tuple[str, str | None, str | None]] = []
    for role in HIERARCHY:
        b, a = before[role], after[role]
        if a is not None:
            pairs.append((f"{role}.label", b.label if b else None, a.label))
            pairs.append((f"{role}.text", b.text if b else None, a.text))
    for role in ("outputs",):
        pairs.extend((f"{role}[{i}]", b, a) for i, (b, a) in enumerate(zip(before[role], after[role], strict=False)))
    for role in ("lead", "partners"):
        for i, (b, a) in enumerate(zip(before[role], after[role], strict=False)):
            pairs.append((f"{role}[{i}].text", b.text, a.text))
    for role in ("deadline", "budget"):
        b, a = before[role], after[role]
        if a is not None:
            pairs.append((f"{role}.text", b.text if b else None, a.text))
    pairs.append(("notes", before["notes"], after["notes"]))
    return [
        Repair(field=f, before=b, after=a, method=repair_method(b, a))
        for f, b, a in pairs
        if a is not None and b is not None and a != b
    ]


def _budget_and_notes(flat: dict[str, str], cmap: ColumnMap) -> tuple[Budget | None, str | None]:
    budget_text = squash(flat.get("budget", ""))
    notes = squash(flat.get("notes", "")) or None
    if cmap.mixed_budget_notes and budget_text and not is_plain_amount(budget_text):
        return None, budget_text if notes is None else f"{budget_text} {notes}"
    return parse_budget(budget_text), notes
