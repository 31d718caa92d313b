#!/usr/bin/env python3
"""How well do scanned PDFs parse? Records found and activity-text accuracy vs their digital twins.

For every `samples/scanned/<stem>.scan.pdf` with a digital twin `samples/pdf/<stem>.pdf`,
both are parsed with the full pipeline (OCR and repair for the scan); the scan's records
are aligned to the digital records in order (activity text similarity, same section),
and two numbers are reported per sample:

* found — the share of digital records that have a matching scanned record;
* char accuracy — 1 - (Levenshtein distance / length) of the activity text (the task text
  where a table has no activity column), summed over matched records.

Targets (issue 6): found >= 90 %, char accuracy >= 95 % after repair. `--no-repair` shows
the raw OCR figure too. Run: `python scripts/eval_scanned.py [STEM ...] [--jobs N] [--json]`.

`--bench dev|heldout` instead checks "nothing changes silently" on the scan bench
(samples/scanbench, issue 11): over every paired record, deadline cells whose text OCR
changed (deadline text differs from the expectation; `value_changed`: its kind/start/end
too) and whether the field was flagged (field confidence below the W_LOW_CONFIDENCE_FIELD
threshold, which an OCR disagreement implies); records with no deadline at all (`missing`:
the column was not found) are counted apart; also flagged deadlines that were right
(`flagged_right`, false alarms), paired records filed in the wrong section (`section_wrong`),
records left in section 0 of a plan with sections (`section_zero`), I_SECTION_INFERRED
findings, tables whose header OCR garbled (W_COLUMNS_INFERRED), seconds per page and the
per-condition F1 table of `make eval-scans`.
`--twins dev|heldout`: a searchable PDF and the image-only PDF of the same scan, same records?
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz import fuzz  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from kehoach_parse.pipeline import parse  # noqa: E402

PDF_DIR = ROOT / "samples" / "pdf"
SCAN_DIR = ROOT / "samples" / "scanned"
MATCH = 60.0  # minimum similarity for a scanned record to count as the digital one


def activity_text(record) -> str:
    item = record.activity or record.task or record.objective
    return unicodedata.normalize("NFC", " ".join(item.text.split())) if item is not None else ""


def align(digital: list, scanned: list) -> list[tuple[int, int]]:
    """In-order alignment (longest chain of similar pairs), so repeated texts pair up correctly."""
    n, m = len(digital), len(scanned)
    da = [activity_text(r) for r in digital]
    sa = [activity_text(r) for r in scanned]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if abs(i - j) <= max(20, n // 3):
                s = fuzz.ratio(da[i], sa[j])
                if s >= MATCH:
                    best = max(best, score[i + 1][j + 1] + s)
            score[i][j] = best
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        s = fuzz.ratio(da[i], sa[j]) if abs(i - j) <= max(20, n // 3) else 0.0
        if s >= MATCH and score[i][j] == score[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def evaluate(stem: str, *, repair: bool = True, jobs: int = 1) -> dict:
    digital = parse(str(PDF_DIR / f"{stem}.pdf"))
    t0 = time.perf_counter()
    scanned = parse(str(SCAN_DIR / f"{stem}.scan.pdf"), repair_text=repair, jobs=jobs)
    seconds = time.perf_counter() - t0
    pairs = align(digital.records, scanned.records)
    dist = total = 0
    for i, j in pairs:
        a, b = activity_text(digital.records[i]), activity_text(scanned.records[j])
        dist += Levenshtein.distance(a, b)
        total += len(a)
    n = len(digital.records)
    return {
        "sample": stem,
        "digital_records": n,
        "scanned_records": len(scanned.records),
        "found": round(len(pairs) / n, 4) if n else 0.0,
        "char_accuracy": round(1 - dist / total, 4) if total else 0.0,
        "pages": scanned.source.pages,
        "seconds": round(seconds, 1),
        "repair": repair,
    }


def _fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


def bench_deadlines(part: str, jobs: int = 1, only: str = "") -> dict:
    """Deadline cells changed by OCR with and without a finding, over one half of the scan bench."""
    from kehoach_parse.evaluation import load_expectation, match
    from kehoach_parse.plan.records import LOW_CONFIDENCE

    sys.path.insert(0, str(ROOT / "scripts"))
    from eval import Row, condition_report  # the `make eval-scans` per-condition table, from the same parses

    from kehoach_parse.evaluation import score

    totals = dict.fromkeys(
        ("deadlines", "missing", "changed", "value_changed", "silent", "silent_value", "flagged_right"), 0
    )
    totals.update(fields=0, flagged_fields=0, records=0, section_wrong=0, section_zero=0, sections_inferred=0)
    totals.update(columns_inferred=0)
    docs = []
    rows = []
    for path in sorted((ROOT / "samples" / "scanbench" / "expected" / part).glob("*.toml")):
        if only and only not in path.stem:
            continue
        exp = load_expectation(path)
        t0 = time.perf_counter()
        plan = parse(str(ROOT / exp.sources[0]), jobs=jobs)
        seconds = time.perf_counter() - t0
        records = plan.records
        rows.append(Row(exp, exp.sources[0], score(exp, plan, source=exp.sources[0])))
        doc = {"doc": path.stem, "s_per_page": round(seconds / max(plan.source.pages or 1, 1), 2), "silent": []}
        # sections (issue 11): none left in section 0 when the table has section rows, none shifted
        has_sections = any(r.values.get("section", "0") != "0" for r in exp.records)
        totals["records"] += len(records)
        totals["section_zero"] += sum(1 for r in records if r.section.number == "0") if has_sections else 0
        totals["sections_inferred"] += sum(1 for f in plan.findings if f.code == "I_SECTION_INFERRED")
        totals["columns_inferred"] += sum(1 for f in plan.findings if f.code == "W_COLUMNS_INFERRED")
        pairs = match(exp.records, records, use_sections=False)
        shifted = [j for i, j in pairs if str(exp.records[i].values.get("section", "0")) != records[j].section.number]
        totals["section_wrong"] += len(shifted)
        doc["section_wrong"] = len(shifted)
        for i, j in pairs:
            want = exp.records[i].values.get("deadline")
            got = records[j].deadline
            conf = records[j].provenance.field_confidence
            totals["fields"] += len(conf)
            totals["flagged_fields"] += sum(1 for v in conf.values() if v < LOW_CONFIDENCE)
            if not want:
                continue
            totals["deadlines"] += 1
            if got is None:  # no deadline at all: the column was not found, not a cell OCR changed
                totals["missing"] += 1
                continue
            flagged = conf.get("deadline", 1.0) < LOW_CONFIDENCE
            same_value = all(
                str(want.get(k)) == str(getattr(got, k, None)) for k in ("kind", "start", "end") if k in want
            )
            if _fold(want.get("text")) != _fold(got.text):
                totals["changed"] += 1
                totals["value_changed"] += not same_value
                if not flagged:
                    totals["silent"] += 1
                    totals["silent_value"] += not same_value
                    mark = "" if same_value else " (value changed)"
                    doc["silent"].append(f"{want.get('text')!r} -> {got.text!r}{mark}")
            elif flagged:
                totals["flagged_right"] += 1
        docs.append(doc)
        print(json.dumps(doc, ensure_ascii=False), file=sys.stderr)
    table, _ = condition_report(rows)
    print("\n".join(table), file=sys.stderr)
    return {"part": part, **totals, "documents": docs}


def image_only_twin(pdf: Path, out: Path) -> Path:
    """The same scan without its text layer: every BT..ET text object cut from the page contents.

    The page images keep their bytes (no re-compression), so both PDFs show the same pixels.
    """
    import pikepdf

    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            ops, in_text = [], False
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "BT":
                    in_text = True
                elif name == "ET":
                    in_text = False
                elif not in_text:
                    ops.append((operands, operator))
            page.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        doc.save(out)
    return out


def searchable_twins(part: str, jobs: int = 1) -> list[dict]:
    """Does a searchable PDF give the same records as the image-only PDF of the same scan?"""
    import tempfile

    from kehoach_parse.evaluation import parsed_view

    rows = []
    for pdf in sorted((ROOT / "out" / "scanbench" / part).glob("*-searchable.pdf")):
        with tempfile.TemporaryDirectory() as tmp:
            twin = image_only_twin(pdf, Path(tmp) / pdf.name)
            a = [parsed_view(r) for r in parse(str(pdf), jobs=jobs).records]
            b = [parsed_view(r) for r in parse(str(twin), jobs=jobs).records]
        same = sum(1 for x, y in zip(a, b, strict=False) if x == y)
        rows.append({"doc": pdf.stem, "searchable": len(a), "image_only": len(b), "identical": same})
        print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stems", nargs="*")
    ap.add_argument("--bench", choices=("dev", "heldout"), help="deadline check on the scan bench instead")
    ap.add_argument("--only", default="", help="with --bench: only documents whose name contains this")
    ap.add_argument("--twins", choices=("dev", "heldout"), help="searchable vs image-only PDF of the same scans")
    ap.add_argument("--no-repair", action="store_true", help="also report raw OCR (without the repair stage)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.twins:
        rows = searchable_twins(args.twins, args.jobs)
        print(json.dumps(rows, ensure_ascii=False))
        return 0 if all(r["searchable"] == r["image_only"] == r["identical"] for r in rows) else 2
    if args.bench:
        result = bench_deadlines(args.bench, args.jobs, args.only)
        print(json.dumps({k: v for k, v in result.items() if k != "documents"}, ensure_ascii=False))
        return 0 if result["silent"] == 0 else 2
    stems = args.stems or sorted(
        p.name.removesuffix(".scan.pdf")
        for p in SCAN_DIR.glob("*.scan.pdf")
        if (PDF_DIR / p.name.replace(".scan", "")).exists()
    )
    if not stems:
        print("no scanned samples (run samples/make_pdfs.py and samples/make_scans.py)", file=sys.stderr)
        return 1
    rows = []
    for stem in stems:
        rows.append(evaluate(stem, jobs=args.jobs))
        if args.no_repair:
            rows.append(evaluate(stem, repair=False, jobs=args.jobs))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(f"{'sample':40} {'repair':>6} {'records':>9} {'found':>7} {'chars':>7} {'s/page':>7}")
        for r in rows:
            recs = f"{r['scanned_records']}/{r['digital_records']}"
            per_page = r["seconds"] / max(r["pages"] or 1, 1)
            print(
                f"{r['sample']:40} {'yes' if r['repair'] else 'no':>6} {recs:>9} "
                f"{r['found']:>7.1%} {r['char_accuracy']:>7.1%} {per_page:>7.2f}"
            )
    ok = all(r["found"] >= 0.9 and r["char_accuracy"] >= 0.95 for r in rows if r["repair"])
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
