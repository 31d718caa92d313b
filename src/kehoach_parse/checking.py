"""`kehoach validate`: plans or parse-JSON in, findings out as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

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


def _as_parse_json(path: str) -> dict | None:
    """The JSON of a `kehoach parse` output, or None when the file is something else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64).lstrip()
        if not head.startswith(b"{"):
            return None
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "schema_version" in data else None


def check_file(path: str, *, gazetteer: str | None = None) -> CheckResult:
    from pydantic import ValidationError

    from .errors import KehoachError
    from .pipeline import parse
    from .validate import RULE_CODES, validate

    data = _as_parse_json(path)
    if data is not None:
        try:
            plan = PlanDocument.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            return CheckResult(path, error=f"{path}: JSON không khớp lược đồ plan.schema.json ({where}: {first['msg']})"
                               " — tạo lại bằng `kehoach parse`")  # fmt: skip
        kept = [f for f in plan.findings if f.code not in RULE_CODES]
        return CheckResult(path, plan.source.path, kept + validate(plan))
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
