"""PlanDocuments -> one Excel workbook, for the officials who compile plans in Excel.

Sheets: `Hoạt động` (one row per record, province and plan number on every row),
`Phát hiện` (findings, linked to record ids) and `Kế hoạch` (one row per plan). Full
dates are Excel dates; partial ones (`2021-08`) stay text. openpyxl is imported only here.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from .export import COLUMN_TITLES_VI
from .model import PlanDocument

# Titles shared with `parse --format csv --headers vi` (export.COLUMN_TITLES_VI); widths are the sheet's own.
RECORD_COLUMNS: tuple[tuple[str, int], ...] = tuple(
    (COLUMN_TITLES_VI[key], width)
    for key, width in (
        ("file", 28), ("province", 14), ("province_current", 14), ("number", 16), ("id", 8), ("stt", 6),
        ("section_number", 6), ("section_title", 30), ("area", 18), ("objective", 40), ("task", 50),
        ("activity", 50), ("outputs", 36), ("lead", 30), ("partners", 30), ("deadline", 20),
        ("deadline_kind", 12), ("deadline_start", 12), ("deadline_end", 12), ("budget", 14),
        ("budget_million_vnd", 12), ("notes", 30), ("extra", 30), ("page", 6), ("line", 6), ("confidence", 8),
    )
)  # fmt: skip
FINDING_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Tệp", 28), ("Mã bản ghi", 10), ("Mã phát hiện", 26), ("Mức độ", 10), ("Nội dung", 80), ("Trường", 14),
    ("Trang", 6), ("Dòng", 6),
)  # fmt: skip
PLAN_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Tệp", 28), ("Tỉnh", 14), ("Tỉnh (nay)", 14), ("Số kế hoạch", 16), ("Tên kế hoạch", 50), ("Ngày ban hành", 14),
    ("Giai đoạn", 12), ("Người ký", 24), ("Số hoạt động", 10), ("Lỗi", 6), ("Cảnh báo", 8),
)  # fmt: skip
_FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook properties: no wall-clock time in the output


def excel_date(iso: str | None) -> dt.date | str | None:
    """'2025-03-31' -> a date; '2021-08' / '2021' stay text (Excel has no partial dates)."""
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso) if len(iso) == 10 else iso
    except ValueError:
        return iso


def _item(item: Any) -> str:
    if item is None:
        return ""
    prefix = " ".join(x for x in (item.number, item.label) if x)
    return f"{prefix}: {item.text}" if prefix else item.text


def _agencies(agencies: Sequence[Any]) -> str:
    return "\n".join(a.name or a.text for a in agencies)


def record_rows(plan: PlanDocument) -> list[list[Any]]:
    md = plan.metadata
    rows = []
    for r in plan.records:
        dl, budget = r.deadline, r.budget
        rows.append(
            [
                plan.source.path, md.province, md.province_current, md.number, r.id, r.stt, r.section.number,
                r.section.title, r.section.area, _item(r.objective), _item(r.task), _item(r.activity),
                "\n".join(r.outputs), _agencies(r.lead), _agencies(r.partners),
                dl.text if dl else None, dl.kind if dl else None, excel_date(dl.start if dl else None),
                excel_date(dl.end if dl else None), budget.text if budget else None,
                budget.amount_million_vnd if budget else None, r.notes,
                "\n".join(f"{k}: {v}" for k, v in r.extra.items()), r.provenance.page, r.provenance.line,
                r.provenance.confidence,
            ]
        )  # fmt: skip
    return rows


# The `Kế hoạch` sheet's columns, in order (PLAN_COLUMNS); batch's summary.json/csv carry the same.
PLAN_FIELDS = (
    "file", "province", "province_current", "number", "title", "issued_date", "period", "signer", "records",
    "errors", "warnings",
)  # fmt: skip


def plan_fields(plan: PlanDocument) -> dict[str, Any]:
    """One plan's row of the `Kế hoạch` sheet by PLAN_FIELDS name: shared with batch's summaries."""
    md = plan.metadata
    period = f"{md.period.start_year}–{md.period.end_year}" if md.period else None
    if md.period and md.period.start_year == md.period.end_year:
        period = str(md.period.start_year)
    severities = [f.severity for f in plan.findings]
    return {
        "file": plan.source.path, "province": md.province, "province_current": md.province_current,
        "number": md.number, "title": md.title, "issued_date": md.issued_date, "period": period,
        "signer": md.signer.name if md.signer else None, "records": len(plan.records),
        "errors": severities.count("error"), "warnings": severities.count("warning"),
    }  # fmt: skip


def plan_row(plan: PlanDocument) -> list[Any]:
    fields = plan_fields(plan)
    fields["issued_date"] = excel_date(fields["issued_date"])
    return [fields[name] for name in PLAN_FIELDS]


def to_xlsx(plans: Sequence[PlanDocument]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    sheets = (
        ("Hoạt động", RECORD_COLUMNS, [row for p in plans for row in record_rows(p)]),
        (
            "Phát hiện",
            FINDING_COLUMNS,
            [
                [p.source.path, f.record_id, f.code, f.severity, f.message, f.field, f.location.page, f.location.line]
                for p in plans
                for f in p.findings
            ],
        ),
        ("Kế hoạch", PLAN_COLUMNS, [plan_row(p) for p in plans]),
    )
    for i, (title, columns, rows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append([name for name, _ in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                elif isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
