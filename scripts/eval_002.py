"""Recall of the OCR'd appendix of seed 002 against the hand list of its activities.

    python scripts/eval_002.py          # prints found / listed, per section, and the misses

A listed activity counts as recovered when a record of the same section starts within one
line of it. Records matching no listed activity are reported as spurious.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SAMPLE = "samples/002_28b79bbaf6c53f00.txt"
HAND = ROOT / "samples" / "expected" / "002-activities.tsv"


def hand_list() -> list[tuple[int, str, str, str]]:
    rows = []
    for line in HAND.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            no, section, label, text = line.split("\t")
            rows.append((int(no), section, label, text))
    return rows


def evaluate() -> dict:
    from kehoach_parse.pipeline import parse

    os.chdir(ROOT)
    plan = parse(SAMPLE)
    records = [(r.provenance.line or 0, r.section.number) for r in plan.records]
    listed = hand_list()
    found = [h for h in listed if any(abs(line - h[0]) <= 1 and sec == h[1] for line, sec in records)]
    spurious = [r for r in records if not any(abs(r[0] - h[0]) <= 1 and r[1] == h[1] for h in listed)]
    return {
        "listed": len(listed),
        "found": len(found),
        "records": len(records),
        "spurious": spurious,
        "missed": [h for h in listed if h not in found],
        "per_section": {s: (Counter(h[1] for h in found)[s], n) for s, n in Counter(h[1] for h in listed).items()},
        "sections": list(dict.fromkeys(r.section.number for r in plan.records)),
    }


def main() -> int:
    res = evaluate()
    share = res["found"] / res["listed"]
    print(f"seed 002 appendix: {res['found']}/{res['listed']} listed activities recovered ({share:.1%}); ")
    print(f"  {res['records']} records, {len(res['spurious'])} spurious")
    for s, (f, n) in res["per_section"].items():
        print(f"  section {s:>4}: {f}/{n}")
    for h in res["missed"]:
        print(f"  missed line {h[0]} ({h[1]}, {h[2]}): {h[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
