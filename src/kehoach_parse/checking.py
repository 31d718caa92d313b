"""`kehoach validate`: plans or parse-JSON in, findings out as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .model import Finding, PlanDocument

SEVERITY_ANNOTATION = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass
class CheckResult:
    file: str  # as given
    source: str | None = None  # the plan's source document (annotations point there)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the input could not be read or parsed

    def failed(self, strict: bool) -> bool:
        bad = {"error", "warning"} if strict else {"error"}
        return any(f.severity in bad for f in self.findings)


MAX_DEPTH = 32  # a plan's JSON nests 7 deep (records > deadline > parts > …); far deeper is not a plan
_BOM = b"\xef\xbb\xbf"
_HINT = "đưa tài liệu kế hoạch, hoặc JSON/JSONL do `kehoach parse` tạo ra"


class NotAPlan(Exception):
    """A JSON, JSONL or CSV input that cannot be a plan; the message is the one line to show."""


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def _loads(text: str, path: str, what: str = "JSON", line: int | None = None) -> Any:
    """json.loads with every failure as one line (truncated, damaged, or nested far too deep)."""
    where = f" dòng {line}" if line else ""
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
        deep = True
    except ValueError as exc:
        err = exc if isinstance(exc, json.JSONDecodeError) else None
        at = f" (dòng {err.lineno}, cột {err.colno}: {err.msg})" if err and not line else ""
        raise NotAPlan(f"{path}: {what}{where} bị cắt cụt hoặc hỏng, không đọc được{at} — {_HINT}") from None
    else:
        deep = _depth(value) > MAX_DEPTH
    if deep:
        raise NotAPlan(
            f"{path}: {what}{where} lồng sâu hơn {MAX_DEPTH} cấp, không phải kế hoạch (nested too deep) — {_HINT}"
        )
    return value


def _plan_dict(value: Any, path: str, what: str = "JSON") -> dict[str, Any]:
    """The parsed JSON if it is shaped like a plan (contract 1.0 or 1.1), else NotAPlan."""
    kind = {list: "một danh sách", str: "một chuỗi", bool: "một giá trị logic", type(None): "null"}.get(
        type(value), "một số" if isinstance(value, int | float) else ""
    )
    if kind:
        raise NotAPlan(f"{path}: {what} là {kind}, không phải kế hoạch (not a plan) — {_HINT}")
    if not {"schema_version", "source", "records"} <= value.keys():
        raise NotAPlan(
            f"{path}: {what} không phải kế hoạch (not a plan): thiếu schema_version, source hoặc records — {_HINT}"
        )
    if value["schema_version"] not in ("1.0", "1.1"):
        raise NotAPlan(
            f"{path}: schema_version {value['schema_version']!r} không được hỗ trợ (đọc 1.0 và 1.1)"
            " — tạo lại bằng `kehoach parse` của phiên bản này"
        )
    return value


_JSONL_DOC_KEYS = ("source", "metadata", "generator")


def _plans_from_jsonl(lines: list[str], path: str) -> list[dict[str, Any]]:
    """Records of `parse --format jsonl` or `batch --combined`, grouped back into plans by source.sha256."""
    plans: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = _loads(line, path, "JSONL", n)
        if not isinstance(row, dict) or not isinstance(row.get("source"), dict) or "id" not in row:
            raise NotAPlan(
                f"{path}: JSONL dòng {n} không phải bản ghi của `kehoach parse` (not a plan record) — {_HINT}"
            )
        key = str(row["source"].get("sha256"))
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = {
                "schema_version": "1.1", "generator": row.get("generator", ""), "source": row["source"],
                "metadata": row.get("metadata", {}), "records": [], "repairs": [], "findings": [],
            }  # fmt: skip
        plan["findings"].extend(row.get("findings") or [])
        plan["records"].append({k: v for k, v in row.items() if k not in (*_JSONL_DOC_KEYS, "findings")})
    if not plans:
        raise NotAPlan(f"{path}: JSONL rỗng, không có bản ghi nào (empty JSONL) — {_HINT}")
    return list(plans.values())


def _is_export_csv(first_line: str) -> bool:
    """The header row of `parse --format csv` (`--headers en` or `vi`, or any CSV whose header is field names)."""
    from .export import csv_header

    cells = [c.strip().strip('"') for c in first_line.strip().lstrip("\ufeff").split(",")]
    for header in (csv_header("en"), csv_header("vi")):
        if len(cells) >= 4 and cells[: len(header)] == header[: len(cells)]:
            return True
    return len(cells) >= 4 and all(c.isidentifier() and c.islower() for c in cells)


def read_structured(path: str) -> list[dict[str, Any]] | None:
    """The plans held by a JSON / JSONL / CSV input (as dicts), None for anything else (a
    document `parse` reads). Raises NotAPlan with the one line to show."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None  # missing, a folder, unreadable: parse says so in its own words
    body = head[3:] if head.startswith(_BOM) else head
    stripped = body.lstrip()
    first = stripped.split(b"\n", 1)[0].decode("utf-8", "replace")
    if stripped[:1] not in (b"{", b"[", b'"') and not _is_export_csv(first):
        if path.lower().endswith(".jsonl") and not stripped:
            raise NotAPlan(f"{path}: JSONL rỗng, không có bản ghi nào (empty JSONL) — {_HINT}")
        return None
    if _is_export_csv(first):
        raise NotAPlan(
            f"{path}: đây là bảng CSV xuất từ `kehoach parse --format csv`, không phải kế hoạch (an export, not a plan)"
            " — kiểm tra tệp JSON hoặc tài liệu gốc"
        )
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        raise NotAPlan(f"{path}: JSON không phải UTF-8 hợp lệ, không đọc được — {_HINT}") from None
    lines = text.splitlines()
    first_row = next((ln for ln in lines if ln.strip()), "")
    try:
        row = json.loads(first_row)
    except (ValueError, RecursionError):
        row = None
    if isinstance(row, dict) and "schema_version" not in row and {"id", "source"} <= row.keys():
        # JSONL: one record per line (a plan's JSON, pretty or compact, has schema_version first)
        return [_plan_dict(p, path) for p in _plans_from_jsonl(lines, path)]
    if stripped[:1] != b"{":  # "[…" or "\"…": JSON only if it all reads as JSON, else a text plan
        try:
            json.loads(text)
        except ValueError:
            return None
        except RecursionError:
            pass  # nested far too deep: _loads says so
    return [_plan_dict(_loads(text, path), path)]


def check_path(path: str, *, gazetteer: str | None = None) -> list[CheckResult]:
    """Findings for one input: one result per plan it holds (a JSONL may hold several)."""
    try:
        plans = read_structured(path)
    except NotAPlan as exc:
        return [CheckResult(path, error=str(exc))]
    if plans is None:
        return [_check_document(path, gazetteer)]
    return [_check_plan_dict(path, data) for data in plans]


def check_file(path: str, *, gazetteer: str | None = None) -> CheckResult:
    """The first result of `check_path` (a single-plan input has only one)."""
    return check_path(path, gazetteer=gazetteer)[0]


def _check_plan_dict(path: str, data: dict[str, Any]) -> CheckResult:
    from pydantic import ValidationError

    from .validate import RULE_CODES, validate

    try:
        plan = PlanDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        return CheckResult(path, error=f"{path}: JSON không khớp lược đồ plan.schema.json ({where}: {first['msg']})"
                           " — tạo lại bằng `kehoach parse`")  # fmt: skip
    except RecursionError:
        return CheckResult(path, error=f"{path}: JSON lồng quá sâu, không phải kế hoạch — {_HINT}")
    kept = [f for f in plan.findings if f.code not in RULE_CODES]
    return CheckResult(path, plan.source.path, kept + validate(plan))


def _check_document(path: str, gazetteer: str | None) -> CheckResult:
    from .errors import KehoachError
    from .pipeline import parse

    try:
        plan = parse(path, gazetteer=gazetteer)
    except KehoachError as exc:
        return CheckResult(path, error=str(exc))
    except Exception as exc:  # never a traceback for a person
        return CheckResult(path, error=f"{path}: không phân tích được tệp ({type(exc).__name__}: {exc})")
    return CheckResult(path, plan.source.path, plan.findings)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _where(f: Finding) -> str:
    bits = []
    if f.record_id:
        bits.append(f"bản ghi {f.record_id}")
    if f.location.page:
        bits.append(f"trang {f.location.page}")
    return f" ({', '.join(bits)})" if bits else ""


def render_findings(results: list[CheckResult], fmt: str) -> str:
    if fmt == "json":
        rows = [
            {"file": r.file, "source": r.source, "error": r.error,
             "findings": [f.model_dump(mode="json") for f in r.findings]}
            for r in results
        ]  # fmt: skip
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    for r in results:
        target = r.source or r.file
        for f in r.findings:
            if fmt == "github":
                props = [f"file={_escape_prop(target)}"]
                if f.location.line:
                    props.append(f"line={f.location.line}")
                props.append(f"title={_escape_prop(f.code)}")
                lines.append(
                    f"::{SEVERITY_ANNOTATION[f.severity]} {','.join(props)}::{_escape_data(f.message + _where(f))}"
                )
            else:
                line = f.location.line or "-"
                lines.append(f"{target}:{line}: {f.severity} {f.code}{_where(f)}: {f.message}")
    return "".join(x + "\n" for x in lines)
