#!/usr/bin/env python3
"""Score every source against its reviewed expectation: record precision/recall/F1, field accuracy.

    python scripts/eval.py [--dir DIR] [--set NAME] [--quick] [--by-condition] [--jobs N] [--json FILE]
    (`make eval`; `make eval-scans` scores the scan bench, samples/scanbench/README.md)

Reads every DIR/**/*.toml (default samples/expected; format samples/expected/README.md),
parses each of its `sources` and `eval_only` sources with the full pipeline and scores the
parse with kehoach_parse.evaluation: one row per source, then micro totals per set and
overall. P and F1 are `-` where the expectation is not `complete` (a hand list may miss
rows). A source that cannot be read is an error row scored as an empty parse; a scanned
source without tesseract is skipped with a note. Drafts (empty reviewed_by) and sources
that do not exist (the scan bench's PDFs are generated: `make scanbench`) are refused:
exit 2. `--by-condition` adds, per set, the mean and the worst document record F1
(sections counted) and field accuracy — the scan bench's sets are its scan conditions.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kehoach_parse.errors import InputError  # noqa: E402
from kehoach_parse.evaluation import (  # noqa: E402
    FIELDS,
    DocScore,
    Expectation,
    ExpectationError,
    combine,
    load_expectation,
    score,
    short_source,
)

HEADS = {
    "section": "sec",
    "stt": "stt",
    "objective": "obj",
    "task": "task",
    "activity": "act",
    "outputs": "out",
    "lead": "lead",
    "partners": "part",
    "deadline": "dl",
    "budget": "bud",
    "notes": "note",
    "extra": "xtra",
}
EMPTY_PLAN: dict = {"records": [], "metadata": {}, "findings": []}


@dataclass
class Row:
    """One source's result: its score, or why it has none (skipped) or an empty one (error)."""

    expectation: Expectation
    source: str
    score: DocScore | None
    status: str = "ok"  # ok | error | skipped
    note: str = ""


def evaluate(exp: Expectation, source: str, jobs: int = 1) -> Row:
    from kehoach_parse.pipeline import parse

    try:
        plan = parse(source, jobs=jobs)
    except InputError as exc:
        if "tesseract" in str(exc):
            return Row(exp, source, None, "skipped", str(exc))
        return Row(exp, source, score(exp, EMPTY_PLAN, source=source), "error", str(exc))
    except Exception as exc:  # a parser crash is a result to report, not a reason to stop
        return Row(exp, source, score(exp, EMPTY_PLAN, source=source), "error", f"{type(exc).__name__}: {exc}")
    return Row(exp, source, score(exp, plan, source=source))


def pct(value: float | None) -> str:
    """100 only when exact; otherwise one decimal, rounded down (99.96 is not 100)."""
    if value is None:
        return "-"
    if value >= 1.0:
        return "100"
    return f"{math.floor(value * 1000) / 10:.1f}"


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def line(set_name: str, source: str, s: DocScore, widths: tuple[int, int], flag: str = "") -> str:
    cells = [
        f"{set_name:<{widths[0]}}",
        f"{source + flag:<{widths[1]}}",
        f"{s.n_expected:>5}",
        f"{s.n_parsed:>6}",
        f"{s.matched:>5}",
        f"{ratio(s.precision):>6}",
        f"{ratio(s.recall):>6}",
        f"{ratio(s.f1):>6}",
        f"{ratio(s.f1_nosec):>6}",
    ]
    cells += [f"{pct(s.fields[f].accuracy):>5}" for f in FIELDS]
    cells.append(f"{pct(s.metadata_counts.accuracy):>5}")
    return " ".join(cells)


def header(widths: tuple[int, int]) -> str:
    cells = [f"{'set':<{widths[0]}}", f"{'source':<{widths[1]}}", "  exp", "parsed", "match"]
    cells += [f"{h:>6}" for h in ("P", "R", "F1", "F1-ns")]
    cells += [f"{HEADS[f]:>5}" for f in FIELDS]
    cells.append(f"{'meta':>5}")
    return " ".join(cells)


def report(rows: list[Row], by_condition: bool = False) -> tuple[str, dict]:
    """The plain-text table (per source, per set, overall) and the same numbers as JSON."""
    sets = sorted({r.expectation.set for r in rows})
    names = [short_source(r.source) for r in rows]
    widths = (max([3, *(len(s) for s in sets)]), max([len("overall"), *(len(n) + 2 for n in names)]))
    out = [header(widths)]
    data: dict = {"documents": [], "sets": {}, "overall": None}
    notes = []
    for set_name in sets:
        in_set = [(r, n) for r, n in zip(rows, names, strict=True) if r.expectation.set == set_name]
        for r, name in in_set:
            doc = {"set": set_name, "source": r.source, "expectation": r.expectation.path, "status": r.status}
            if r.note:
                doc["note"] = r.note
                notes.append(f"{name}: {r.status}: {r.note}")
            if r.score is None:
                out.append(f"{set_name:<{widths[0]}} {name:<{widths[1]}} skipped")
            else:
                out.append(line(set_name, name, r.score, widths, " !" if r.status == "error" else ""))
                doc.update(r.score.as_dict())
            data["documents"].append(doc)
        total = combine((r.score for r, _ in in_set if r.score is not None), name="total", set_name=set_name)
        out.append(line(set_name, "total", total, widths))
        out.append("")
        data["sets"][set_name] = total.as_dict()
    overall = combine((r.score for r in rows if r.score is not None), name="overall")
    out.append(line("all", "overall", overall, widths))
    data["overall"] = overall.as_dict()
    out.append(
        "P/R/F1: records paired by section + folded activity text (ratio >= 75); F1-ns: without the section gate; "
        "field columns: % correct over paired records; meta: % of [metadata] keys; '!' error row; '-' no value"
    )
    out += notes
    if by_condition:
        table, data["by_condition"] = condition_report(rows)
        out += ["", *table]
    return "\n".join(out), data


def field_accuracy(s: DocScore) -> float | None:
    """Share of compared fields that are right, over all fields of the paired records (None: nothing paired)."""
    total = sum(c.total for c in s.fields.values())
    return sum(c.correct for c in s.fields.values()) / total if total else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def condition_report(rows: list[Row]) -> tuple[list[str], dict]:
    """Per set (a scan condition on the bench): mean and worst document F1 and field accuracy.

    "Worst" is the lowest document value in the set, named; a document with no paired record has no
    field accuracy (counted in `unpaired`). Skipped sources (no tesseract) are left out and counted.
    """
    out = [
        "by set (document means; worst = lowest document):",
        f"{'set':<26} {'docs':>4} {'F1 mean':>8} {'F1 worst':>9} {'F1-ns mean':>10} {'fields mean':>11} "
        f"{'fields worst':>12} {'meta mean':>9}  worst F1 / worst fields",
    ]
    data: dict = {}
    for set_name in sorted({r.expectation.set for r in rows}):
        scored = [r for r in rows if r.expectation.set == set_name and r.score is not None]
        skipped = sum(1 for r in rows if r.expectation.set == set_name and r.score is None)
        f1s = [(r.score.f1, r.source) for r in scored if r.score is not None and r.score.f1 is not None]
        f1ns = [r.score.f1_nosec for r in scored if r.score is not None and r.score.f1_nosec is not None]
        facc = [(a, r.source) for r in scored if r.score is not None and (a := field_accuracy(r.score)) is not None]
        meta = [a for r in scored if r.score is not None and (a := r.score.metadata_counts.accuracy) is not None]
        worst_f1 = min(f1s, default=None)
        worst_fa = min(facc, default=None)
        f1_mean, f1_nosec_mean = _mean([v for v, _ in f1s]), _mean(f1ns)
        fields_mean, meta_mean = _mean([v for v, _ in facc]), _mean(meta)
        entry: dict[str, Any] = {
            "documents": len(scored),
            "skipped": skipped,
            "unpaired": len(scored) - len(facc),
            "f1_mean": f1_mean,
            "f1_worst": None if worst_f1 is None else worst_f1[0],
            "f1_worst_source": None if worst_f1 is None else worst_f1[1],
            "f1_nosec_mean": f1_nosec_mean,
            "fields_mean": fields_mean,
            "fields_worst": None if worst_fa is None else worst_fa[0],
            "fields_worst_source": None if worst_fa is None else worst_fa[1],
            "metadata_mean": meta_mean,
        }
        data[set_name] = entry
        names = " / ".join(short_source(w[1]) if w else "-" for w in (worst_f1, worst_fa))
        extra = "".join(f"; {n} {what}" for n, what in ((skipped, "skipped"), (entry["unpaired"], "unpaired")) if n)
        out.append(
            f"{set_name:<26} {len(scored):>4} {ratio(f1_mean):>8} {ratio(worst_f1[0] if worst_f1 else None):>9} "
            f"{ratio(f1_nosec_mean):>10} {pct(fields_mean):>11} {pct(worst_fa[0] if worst_fa else None):>12} "
            f"{pct(meta_mean):>9}  {names}{extra}"
        )
    out.append("F1: records with sections counted; fields/meta: % correct (fields over paired records)")
    return out, data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--set", dest="set_name", help="only expectations of this set (seeds, handmade-dev, ...)")
    ap.add_argument("--json", type=Path, help="also write every number to this JSON file")
    ap.add_argument("--quick", action="store_true", help="skip eval_only sources (scans: OCR is slow)")
    ap.add_argument(
        "--dir",
        "--expected",
        dest="expected",
        type=Path,
        default=ROOT / "samples" / "expected",
        help="expectation root (default samples/expected; the scan bench: samples/scanbench/expected)",
    )
    ap.add_argument(
        "--by-condition", action="store_true", help="also mean and worst document F1 / field accuracy per set"
    )
    ap.add_argument("--jobs", type=int, default=1, help="OCR pages of a scanned source in parallel")
    args = ap.parse_args(argv)
    expected_dir = args.expected.resolve()
    json_path = args.json.resolve() if args.json is not None else None  # before leaving the caller's directory
    os.chdir(ROOT)  # sources are named relative to the repository root
    exps = []
    for path in sorted(expected_dir.rglob("*.toml")):
        try:
            exp = load_expectation(path)
        except ExpectationError as exc:
            print(f"eval: {exc}", file=sys.stderr)
            return 2
        if not exp.reviewed:
            print(f"eval: {path}: reviewed_by is empty (a draft); review it before scoring", file=sys.stderr)
            return 2
        exps.append(exp)
    if args.set_name is not None:
        exps = [e for e in exps if e.set == args.set_name]
    if not exps:
        where = f" in set {args.set_name!r}" if args.set_name is not None else ""
        print(f"eval: no reviewed expectation under {expected_dir}{where}", file=sys.stderr)
        return 2
    todo = [(e, s) for e in exps for s in (*e.sources, *(() if args.quick else e.eval_only))]
    missing = [s for _, s in todo if not Path(s).exists()]
    if missing:
        benches = {("out", "scanbench"): "chạy `make scanbench` để tạo các PDF của bộ quét",
                   ("out", "ocrtext"): "chạy `make ocrtext` để tạo các văn bản OCR của bộ kiểm thử"}  # fmt: skip
        hint = next(
            (h for bench, h in benches.items() if any(Path(m).parts[:2] == bench for m in missing)),
            "kiểm tra `sources` trong tệp kỳ vọng",
        )
        more = f" (và {len(missing) - 1} tệp khác)" if len(missing) > 1 else ""
        print(f"eval: {missing[0]}: không có tệp nguồn{more}; {hint}", file=sys.stderr)
        return 2
    rows = [evaluate(e, s, jobs=args.jobs) for e, s in todo]
    text, data = report(rows, by_condition=args.by_condition)
    print(text)
    if json_path is not None:
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
