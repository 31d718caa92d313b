"""PlanDocument -> json | jsonl | csv, deterministically (same input, same bytes)."""

from __future__ import annotations

import gc
import io
import json
import re
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .model import PlanDocument

FORMATS = ("json", "jsonl", "csv")


def to_data(plan: PlanDocument) -> dict[str, Any]:
    return plan.model_dump(mode="json")


def dumps_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json(plan: PlanDocument) -> str:
    """The document as indented JSON (the same text as dumping it whole); see `to_json_bytes`."""
    return to_json_bytes(plan).decode("utf-8")


def to_json_bytes(plan: PlanDocument) -> bytes:
    """The document as indented UTF-8 JSON (`write_json` into one growing buffer, handed over
    by `BytesIO.getvalue()` without a copy)."""
    out = io.BytesIO()
    write_json(plan, out)
    return out.getvalue()


def write_json(plan: PlanDocument, out: BinaryIO) -> None:
    """Write the document as indented UTF-8 JSON to `out`, record by record.

    Dumping the whole model at once holds every record three more times (dicts, the text, its
    UTF-8 copy): 100,000 records took 2 GB. Here only one record's text lives at a time;
    written to a file, the output never is in memory at all. The bytes equal
    `json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"`.
    The automatic collector is paused meanwhile (it would walk every record again and again as
    the dump allocates): only the youngest generation is swept now and then, for the reference
    cycles `json.dumps(indent=...)` leaves behind when a record takes the `json_bytes` fallback.
    """
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        head = json_bytes(plan, exclude={"records"})
        names = list(type(plan).model_fields)
        after = names[names.index("records") + 1 :]
        # the top-level key that follows "records": at two spaces' indent it can only be a key of
        # the document (a newline inside a string is written as \n, nested keys are indented more)
        cut = head.index(f'\n  "{after[0]}": '.encode()) if after else head.rindex(b"\n}")
        out.write(head[:cut] if after else head[:cut] + b",")
        out.write(b'\n  "records": ')
        if plan.records:
            out.write(b"[\n")
            for n, record in enumerate(plan.records):
                # JSON lines are never blank and strings hold no raw newline: indent every line
                out.write(b",\n    " if n else b"    ")
                out.write(json_bytes(record).replace(b"\n", b"\n    "))
                if n % 256 == 255:
                    gc.collect(0)  # json's indenting encoder (the fallback) leaves closure cycles per call
            out.write(b"\n  ]")
        else:
            out.write(b"[]")
        out.write((b"," if after else b"") + head[cut:] + b"\n")
    finally:
        if gc_was_on:
            gc.enable()


# Numbers pydantic-core writes differently from `json.dumps` (Python's float repr): exponents
# (1e-7 vs 1e-07) and fractions below 1e-4 (0.00001 vs 1e-05). Indented JSON has a number only
# after ": " or at the start of an array line; a string that happens to match (": 12e") only
# costs the slow path, which writes the same bytes.
_UNLIKE_PYTHON = re.compile(rb"(?:: |\n +)-?(?:[0-9]+(?:\.[0-9]+)?[eE]|0\.0000)")


def json_bytes(model: BaseModel, exclude: set[str] | None = None) -> bytes:
    """`model` as indented UTF-8 JSON, byte for byte `json.dumps(model.model_dump(mode="json",
    exclude=exclude), ensure_ascii=False, indent=2)`.

    pydantic-core writes the JSON itself, ~15x faster than building the dicts and running
    Python's indenting encoder (pure Python: its C encoder cannot indent); non-finite floats
    are written as `json.dumps` does (`ser_json_inf_nan="constants"` in `model._Model`). A
    value it cannot encode (a lone surrogate) or a number it writes differently takes the
    slow path, which raises or writes exactly what it always did.
    """
    try:
        data = model.__pydantic_serializer__.to_json(model, indent=2, exclude=exclude)
    except Exception:  # the slow path raises the error people know (UnicodeEncodeError)
        data = None
    if data is None or _UNLIKE_PYTHON.search(data):
        text = json.dumps(model.model_dump(mode="json", exclude=exclude), ensure_ascii=False, indent=2)
        return text.encode("utf-8")
    return data


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


# The Vietnamese title of each record column, shared by `--headers vi` CSV and the xlsx sheet `Hoạt động`
# (one table: a title changed here changes both).
COLUMN_TITLES_VI: dict[str, str] = {
    "file": "Tệp", "province": "Tỉnh", "province_current": "Tỉnh (nay)", "number": "Số kế hoạch", "id": "Mã",
    "seq": "Thứ tự", "stt": "STT", "section_number": "Mục", "section_title": "Tên mục", "area": "Lĩnh vực",
    "objective": "Mục tiêu", "task": "Nhiệm vụ", "activity": "Hoạt động", "outputs": "Sản phẩm",
    "lead": "Cơ quan chủ trì", "partners": "Cơ quan phối hợp", "deadline": "Thời gian",
    "deadline_kind": "Loại thời gian", "deadline_start": "Từ ngày", "deadline_end": "Đến ngày", "budget": "Kinh phí",
    "budget_million_vnd": "Kinh phí (triệu đồng)", "notes": "Ghi chú", "extra": "Cột khác", "findings": "Phát hiện",
    "page": "Trang", "line": "Dòng", "confidence": "Độ tin cậy",
}  # fmt: skip


def csv_header(headers: str = "en") -> list[str]:
    """The CSV header row: field names (`en`, what scripts read) or Vietnamese titles (`vi`)."""
    if headers == "vi":
        return [COLUMN_TITLES_VI[c] for c in CSV_COLUMNS]
    if headers != "en":
        raise ValueError(f"headers must be 'en' or 'vi', not {headers!r}")
    return list(CSV_COLUMNS)


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


def to_csv(plan: PlanDocument, headers: str = "en") -> str:
    """One row per record, UTF-8 with BOM so Excel shows Vietnamese; `headers="vi"` titles the
    columns as the Excel sheet `Hoạt động` does (`COLUMN_TITLES_VI`), for people who read them."""
    import csv  # only this format needs it

    data = to_data(plan)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(csv_header(headers))
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


def render_bytes(plan: PlanDocument, fmt: str, headers: str = "en") -> bytes:
    """The export as UTF-8 bytes, what a file gets: JSON is built as bytes directly (no text copy)."""
    if fmt == "json":
        return to_json_bytes(plan)
    return render(plan, fmt, headers).encode("utf-8")


def render(plan: PlanDocument, fmt: str, headers: str = "en") -> str:
    if fmt == "json":
        return to_json(plan)
    if fmt == "jsonl":
        return to_jsonl(plan)
    if fmt == "csv":
        return to_csv(plan, headers)
    raise ValueError(f"unknown format {fmt!r}")
