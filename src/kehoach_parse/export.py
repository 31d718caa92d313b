"""PlanDocument -> json | jsonl | csv, deterministically (same input, same bytes)."""

from __future__ import annotations

import csv
import gc
import io
import json
import textwrap
from typing import Any

from .model import PlanDocument

FORMATS = ("json", "jsonl", "csv")


def to_data(plan: PlanDocument) -> dict[str, Any]:
    return plan.model_dump(mode="json")


def dumps_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json(plan: PlanDocument) -> str:
    """The document as indented JSON, built record by record (the same bytes as dumping it whole).

    Dumping the whole model at once holds every record twice more (dicts, then text); one record
    at a time keeps only the text. The garbage collector is paused meanwhile: the dump allocates
    many small objects and none of them is cyclic garbage.
    """
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        head = plan.model_dump(mode="json", exclude={"records"})
        ordered = {
            k: (_RECORDS if k == "records" else head[k]) for k in type(plan).model_fields if k in head or k == "records"
        }
        text = dumps_json(ordered)
        if plan.records:
            parts = (json.dumps(r.model_dump(mode="json"), ensure_ascii=False, indent=2) for r in plan.records)
            block = "[\n" + ",\n".join(textwrap.indent(p, "    ") for p in parts) + "\n  ]"
        else:
            block = "[]"
        return text.replace(f'\n  "records": "{_RECORDS}"', f'\n  "records": {block}', 1)
    finally:
        if gc_was_on:
            gc.enable()


_RECORDS = "@@kehoach:records@@"  # replaced together with its key, so a value that equals it is left alone


def to_jsonl(plan: PlanDocument) -> str:
    """One record per line, each carrying the document's source and metadata."""
    data = to_data(plan)
    by_record = findings_by_record(data)
    lines = []
    for rec in data["records"]:
        row = {
            "source": data["source"],
            "metadata": data["metadata"],
            "generator": data["generator"],
            **rec,
            "findings": by_record.get(rec["id"], []),
        }
        lines.append(json.dumps(row, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


CSV_COLUMNS = (
    "file", "id", "seq", "stt", "section_number", "section_title", "area", "objective", "task", "activity",
    "outputs", "lead", "partners", "deadline", "deadline_kind", "deadline_start", "deadline_end",
    "budget", "budget_million_vnd", "notes", "extra", "findings", "page", "line",
)  # fmt: skip


def findings_by_record(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The document's findings grouped by the record they are about (so per-record exports keep them)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for f in data["findings"]:
        if f.get("record_id"):
            out.setdefault(f["record_id"], []).append(f)
    return out


def _item_text(item: dict[str, Any] | None) -> str:
    if not item:
        return ""
    prefix = " ".join(x for x in (item.get("number"), item.get("label")) if x)
    return f"{prefix}: {item['text']}" if prefix else item["text"]


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def to_csv(plan: PlanDocument) -> str:
    """One row per record, UTF-8 with BOM so Excel shows Vietnamese."""
    data = to_data(plan)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    by_record = findings_by_record(data)
    for rec in data["records"]:
        dl = rec.get("deadline") or {}
        budget = rec.get("budget") or {}
        writer.writerow(
            [
                data["source"]["path"], rec["id"], rec["seq"], rec["stt"] or "",
                rec["section"]["number"], rec["section"]["title"], rec["section"]["area"],
                _item_text(rec["objective"]), _item_text(rec["task"]), _item_text(rec["activity"]),
                "; ".join(rec["outputs"]),
                "; ".join(a["name"] or a["text"] for a in rec["lead"]),
                "; ".join(a["name"] or a["text"] for a in rec["partners"]),
                dl.get("text", ""), dl.get("kind", ""), dl.get("start") or "", dl.get("end") or "",
                budget.get("text", ""), _amount(budget.get("amount_million_vnd")),
                rec["notes"] or "", "; ".join(f"{k}: {v}" for k, v in rec.get("extra", {}).items()),
                "; ".join(f"{f['code']}: {f['message']}" for f in by_record.get(rec["id"], [])),
                rec["provenance"]["page"] or "", rec["provenance"]["line"] or "",
            ]
        )  # fmt: skip
    return "\ufeff" + buf.getvalue()


def render(plan: PlanDocument, fmt: str) -> str:
    if fmt == "json":
        return to_json(plan)
    if fmt == "jsonl":
        return to_jsonl(plan)
    if fmt == "csv":
        return to_csv(plan)
    raise ValueError(f"unknown format {fmt!r}")
