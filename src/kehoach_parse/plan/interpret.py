"""interpret(source) -> metadata, records: the format-neutral half of the pipeline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..findings import finding
from ..model import Finding, Metadata, PlanRecord, Section
from ..source import Paragraph, SourceDocument, Table
from .agencies import Gazetteer
from .areas import area_of_title
from .body_tasks import body_task_records
from .columns import ColumnMap, complete_header, garbled_titles, infer_roles, map_header
from .metadata import extract_metadata
from .records import TableState, build_records
from .sections import make_section
from .text import squash

_YEAR = re.compile(r"\b(20\d\d)\b")
_HEADING = re.compile(r"^(?P<num>[IVXL]+|\d{1,2}|[a-zđ])\s*[.)]\s*(?P<title>\S.{2,150})$")


@dataclass
class Interpretation:
    metadata: Metadata
    records: list[PlanRecord] = field(default_factory=list)
    tables: list[tuple[Table, ColumnMap]] = field(default_factory=list)  # the plan tables found
    findings: list[Finding] = field(default_factory=list)  # what interpretation noticed (inferred sections)


def find_plan_tables(source: SourceDocument) -> list[tuple[Table, ColumnMap]]:
    """Plan tables anywhere in the document (SPEC §1 "Tables"), in document order.

    A table with a header is one when its header names a content column and a lead or
    deadline column; a header-less one when its content fills those roles.
    """
    found: list[tuple[Table, ColumnMap]] = []
    for table in source.tables:
        if table.n_cols < 3 or len(table.rows) < 2:
            continue
        cmap = map_header(table)
        if cmap is not None and not cmap.is_plan_table() and table.confidence < 1.0:
            cmap = complete_header(table, cmap)  # OCR read some titles: the content names the other columns
            if not (cmap.is_plan_table() and len(cmap.roles) >= 4):
                continue
        elif cmap is not None and table.confidence < 1.0 and (garbled := garbled_titles(table, cmap)):
            cmap = complete_header(table, cmap, garbled)  # a plan table with a title or two garbled
        if cmap is not None:
            if table.guessed_columns and not cmap.guessed:  # the loader named these columns from content
                cmap.guessed = tuple(r for r, c in cmap.roles.items() if c in table.guessed_columns)
            if cmap.is_plan_table():
                found.append((table, cmap))
            continue
        if table.n_cols >= 4 and len(table.rows) >= 3:
            cmap = infer_roles(table)
            if cmap.is_plan_table() and len(cmap.roles) >= 4:
                found.append((table, cmap))
    return found


def _body_section(paragraph: Paragraph) -> Section | None:
    """A body heading that names a CCHC area ('1. Cải cách thể chế', 'II. CẢI CÁCH TTHC'), numbered as printed."""
    m = _HEADING.match(squash(paragraph.text))
    if m is None or area_of_title(m.group("title")) is None:
        return None
    return make_section(m.group("num"), m.group("title"))


def plan_years(metadata: Metadata, tables: list[tuple[Table, ColumnMap]]) -> tuple[int, int] | None:
    """The plan period; without one, the year most deadline cells name (for 'Cả năm', 'Quý I')."""
    if metadata.period is not None:
        return metadata.period.start_year, metadata.period.end_year
    years: Counter[str] = Counter()
    for table, cmap in tables:
        c = cmap.col("deadline")
        if c is None:
            continue
        for row in table.rows:
            for cell in row.cells:
                if cell.col == c:
                    years.update(_YEAR.findall(cell.text))
    if not years:
        return None
    year = int(years.most_common(1)[0][0])
    return year, year


_ROLE_NAMES = {
    "stt": "STT", "objective": "mục tiêu", "task": "nhiệm vụ", "activity": "hoạt động", "outputs": "sản phẩm",
    "lead": "chủ trì", "partners": "phối hợp", "deadline": "thời gian", "budget": "kinh phí", "notes": "ghi chú",
}  # fmt: skip


def _columns_inferred(table: Table, cmap: ColumnMap) -> Finding:
    """W_COLUMNS_INFERRED: which columns took their role from their content, the header being unreadable."""
    cols = sorted((c, role) for role, c in cmap.roles.items() if role in cmap.guessed)
    page = next((row.page for row in table.rows if row.page is not None), None)
    roles = ", ".join(f"cột {c + 1}: {_ROLE_NAMES.get(role, role)}" for c, role in cols)
    return finding("W_COLUMNS_INFERRED", page=page, table=table.index + 1, roles=roles)


def interpret(source: SourceDocument, gazetteer: Gazetteer | None = None) -> Interpretation:
    metadata = extract_metadata(source.paragraphs)
    tables = find_plan_tables(source)
    period = plan_years(metadata, tables)
    records: list[PlanRecord] = []
    state = TableState()
    plan_tables = {id(t): cmap for t, cmap in tables}
    for block in source.blocks:
        if isinstance(block, Paragraph):
            if (heading := _body_section(block)) is not None:
                state.section = heading
        elif id(block) in plan_tables:
            records.extend(build_records(block, plan_tables[id(block)], period, len(records) + 1, gazetteer, state))
    used = [(t, cmap) for t, cmap in tables if any(r.provenance.table == t.index for r in records)]
    if not records:
        records = body_task_records(source.paragraphs, period, gazetteer)
    findings = [
        finding("I_SECTION_INFERRED", number=sec.number, title=sec.title, line=line, page=page)
        for sec, line, page in state.inferred
    ]
    findings += [_columns_inferred(t, cmap) for t, cmap in used if cmap.guessed]
    findings += state.findings  # field-level findings (low OCR confidence, second reads that disagree)
    return Interpretation(metadata=metadata, records=records, tables=used or tables, findings=findings)
