"""Write a DRAFT expectation file (samples/expected/README.md format) from a parse, for review.

A draft is a typing aid, not an expectation: it carries `reviewed_by = ""`, which the
expectation tests refuse. A person must check every field against the source document,
correct what the parser got wrong (and list it under `known_failure`), comment each
judgment call, and only then fill in `reviewed_by`.

    python scripts/draft_expectation.py SOURCE > /tmp/draft.toml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kehoach_parse.pipeline import parse  # noqa: E402


def s(value: object) -> str:
    """A TOML value (JSON strings and numbers are valid TOML)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {s(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(s(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def item(it: dict | None) -> dict | None:
    if it is None:
        return None
    return {k: v for k, v in (("number", it["number"]), ("label", it["label"]), ("text", it["text"])) if v is not None}


def draft(source: str) -> str:
    plan = parse(source).model_dump(mode="json")
    md = plan["metadata"]
    out = [
        f"# DRAFT from the parser's output of {source}: check every field against the source before use.",
        "[document]",
        f"sources = [{s(source)}]",
        'set = ""',
        'reviewed_by = ""',
        "complete = true",
        "",
        "[metadata]",
    ]
    nulls = []
    for k in ("title", "number", "symbol", "issuer", "province", "province_current", "issued_date", "issued_place"):
        if md[k] is None:
            nulls.append(k)
        else:
            out.append(f"{k} = {s(md[k])}")
    if md["period"]:
        out.append(f"period = [{md['period']['start_year']}, {md['period']['end_year']}]")
    else:
        nulls.append("period")
    if md["signer"]:
        out.append(f"signer = {s({k: v for k, v in md['signer'].items() if v is not None})}")
    else:
        nulls.append("signer")
    out.append(f"legal_basis = {len(md['legal_basis'])}")
    out.append(f"nulls = {s(nulls)}")
    for r in plan["records"]:
        out += ["", "[[records]]", f"section = {s(r['section']['number'])}"]
        if r["stt"] is not None:
            out.append(f"stt = {s(r['stt'])}")
        for role in ("objective", "task", "activity"):
            if r[role] is not None:
                out.append(f"{role} = {s(item(r[role]))}")
        if r["outputs"]:
            out.append(f"outputs = {s(r['outputs'])}")
        for role in ("lead", "partners"):
            if r[role]:
                out.append(f"{role} = {s([a['text'] for a in r[role]])}")
        if (d := r["deadline"]) is not None:
            dl = {"text": d["text"], "kind": d["kind"], "start": d["start"], "end": d["end"]}
            dl["recurrence"] = d["recurrence"]
            if d["parts"]:
                dl["parts"] = [p["kind"] for p in d["parts"]]
            out.append(f"deadline = {s({k: v for k, v in dl.items() if v is not None})}")
        if (b := r["budget"]) is not None:
            budget = {k: v for k, v in (("text", b["text"]), ("amount", b["amount_million_vnd"])) if v is not None}
            out.append(f"budget = {s(budget)}")
        if r["notes"] is not None:
            out.append(f"notes = {s(r['notes'])}")
        if r.get("extra"):
            out.append(f"extra = {s(r['extra'])}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(draft(sys.argv[1]))
