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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stems", nargs="*")
    ap.add_argument("--no-repair", action="store_true", help="also report raw OCR (without the repair stage)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
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
