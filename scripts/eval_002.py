"""Recall of the OCR'd appendix of seed 002 against the hand list of its activities.

    python scripts/eval_002.py          # prints found / listed, per section, and the misses

A listed activity counts as recovered when a record of the same section starts within one
line of it. Records matching no listed activity are reported as spurious. Against the
reviewed expectation (samples/expected/002_28b79bbaf6c53f00.toml, each record commented with
its line) the recovered records are also scored field by field where the reviewer could read
the field: the full activity text (folded fuzzy ratio, and exact after repair), lead and deadline.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SAMPLE = "samples/002_28b79bbaf6c53f00.txt"
HAND = ROOT / "samples" / "expected" / "002-activities.tsv"
EXPECTED = ROOT / "samples" / "expected" / "002_28b79bbaf6c53f00.toml"


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
    fields = field_scores(plan)
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
        "fields": fields,
    }


def field_scores(plan) -> dict[str, tuple[int, int] | float]:
    """Field accuracy on the reviewed records a parsed record starts beside (line ±1, same section)."""
    from rapidfuzz import fuzz

    from kehoach_parse.evaluation import fold

    text = EXPECTED.read_text(encoding="utf-8")
    lines = [int(m.group(1)) for m in re.finditer(r"^\[\[records\]\]\s*#\s*line (\d+)", text, re.M)]
    expected = tomllib.loads(text)["records"]
    counts = {"activity_exact": [0, 0], "lead": [0, 0], "deadline": [0, 0]}
    ratios: list[float] = []
    for line, exp in zip(lines, expected, strict=False):
        got = next(
            (
                r
                for r in plan.records
                if abs((r.provenance.line or 0) - line) <= 1 and r.section.number == exp["section"]
            ),
            None,
        )
        if got is None:
            continue
        unreadable = set(exp.get("unreadable", []))
        want_act = exp.get("activity")
        if isinstance(want_act, dict) and got.activity is not None:
            ratios.append(fuzz.ratio(fold(want_act["text"]), fold(got.activity.text)))
            counts["activity_exact"][1] += 1
            counts["activity_exact"][0] += " ".join(want_act["text"].split()) == " ".join(got.activity.text.split())
        if "lead" in exp and "lead" not in unreadable:
            counts["lead"][1] += 1
            counts["lead"][0] += [a.text for a in got.lead] == exp["lead"]
        if "deadline" in exp and "deadline" not in unreadable:
            counts["deadline"][1] += 1
            d = got.deadline
            counts["deadline"][0] += (
                d is not None and d.text == exp["deadline"]["text"] and d.kind == exp["deadline"]["kind"]
            )
    out: dict[str, tuple[int, int] | float] = {k: (v[0], v[1]) for k, v in counts.items()}
    out["activity_ratio_mean"] = sum(ratios) / len(ratios) if ratios else 0.0
    return out


def main() -> int:
    res = evaluate()
    share = res["found"] / res["listed"]
    print(f"seed 002 appendix: {res['found']}/{res['listed']} listed activities recovered ({share:.1%}); ")
    print(f"  {res['records']} records, {len(res['spurious'])} spurious")
    f = res["fields"]
    print(
        f"  on the recovered rows the reviewer could read: activity text {f['activity_ratio_mean']:.0f} "
        f"(mean folded ratio), exact {f['activity_exact'][0]}/{f['activity_exact'][1]}; "
        f"lead {f['lead'][0]}/{f['lead'][1]}; deadline {f['deadline'][0]}/{f['deadline'][1]}"
    )
    for s, (f, n) in res["per_section"].items():
        print(f"  section {s:>4}: {f}/{n}")
    for h in res["missed"]:
        print(f"  missed line {h[0]} ({h[1]}, {h[2]}): {h[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
