"""interpret(source) -> metadata, records: the format-neutral half of the pipeline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Metadata, PlanRecord
from ..source import SourceDocument, Table
from .agencies import Gazetteer
from .columns import ColumnMap, infer_roles, map_header
from .metadata import extract_metadata
from .records import build_records

_YEAR = re.compile(r"\b(20\d\d)\b")


@dataclass
class Interpretation:
    metadata: Metadata
    records: list[PlanRecord] = field(default_factory=list)
    tables: list[tuple[Table, ColumnMap]] = field(default_factory=list)  # the appendix tables used


def find_plan_tables(source: SourceDocument) -> list[tuple[Table, ColumnMap]]:
    """Tables that look like a plan appendix: a mapped header, or content that fills the roles."""
    found: list[tuple[Table, ColumnMap]] = []
    for table in source.tables:
        if table.n_cols < 4 or len(table.rows) < 2:
            continue
        cmap = map_header(table)
        if cmap is None and len(table.rows) >= 3:
            cmap = infer_roles(table)
        if cmap is not None and ("task" in cmap.roles or "activity" in cmap.roles) and len(cmap.roles) >= 4:
            found.append((table, cmap))
    return found


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


def interpret(source: SourceDocument, gazetteer: Gazetteer | None = None) -> Interpretation:
    metadata = extract_metadata(source.paragraphs)
    tables = find_plan_tables(source)
    period = plan_years(metadata, tables)
    records: list[PlanRecord] = []
    for table, cmap in tables:
        records.extend(build_records(table, cmap, period, start_seq=len(records) + 1, gazetteer=gazetteer))
    return Interpretation(metadata=metadata, records=records, tables=tables)
