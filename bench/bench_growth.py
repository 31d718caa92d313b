"""Growth exponents (SPEC §5: time linear in the input, exponent ≤ 1.15 from 1× to 256×).

    python bench/bench_growth.py [--quick]

A plan's table rows are repeated k times (k = 1, 4, 16, 64, 256; --quick stops at 64) in a
text export (seed 004's TSV) and in a DOCX (its Word version); JSON export writes a plan
whose records are those of seed 004 repeated k times. Each size is timed in-process after
a warm-up (as a batch worker runs), best of a few runs of the process's CPU time (the
machine is shared: wall time would measure the neighbours too); the exponent is the least-squares
slope of log(time) against log(k) over all sizes, and, beside it, the slope of the last
step alone (where anything superlinear shows first).
"""

from __future__ import annotations

import argparse
import copy
import gc
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TEXT = ROOT / "samples" / "004_4eb45db0ba18c56a.txt"
DOCX = ROOT / "samples" / "docx" / "004_4eb45db0ba18c56a.docx"
TARGET = 1.15


def text_times(path: Path, k: int) -> None:
    """Seed 004's TSV with its table body (every row after the header) repeated k times."""
    lines = TEXT.read_text(encoding="utf-8").split("\n")
    rows = [i for i, ln in enumerate(lines) if ln.count("\t") >= 2]
    first, last = rows[0], rows[-1]
    body = lines[first + 1 : last + 1]
    out = [*lines[: first + 1], *(body * k), *lines[last + 1 :]]
    path.write_text("\n".join(out), encoding="utf-8")


def docx_times(path: Path, k: int) -> None:
    """Seed 004's DOCX with its plan table's rows after the header repeated k times."""
    import docx

    doc = docx.Document(str(DOCX))
    table = max(doc.tables, key=lambda t: len(t.rows))
    trs = [row._tr for row in table.rows][1:]
    anchor = trs[-1]
    for _ in range(k - 1):
        for tr in trs:
            clone = copy.deepcopy(tr)
            anchor.addnext(clone)
            anchor = clone
    doc.save(str(path))


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(t) on log(k)."""
    xs = [math.log(k) for k, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def measure(quick: bool = False) -> list[tuple[str, list[tuple[int, float]]]]:
    """(shape, [(k, seconds)]) for text parse, DOCX parse and JSON export."""
    from kehoach_parse.export import to_json_bytes
    from kehoach_parse.pipeline import parse

    sizes = [1, 4, 16, 64] if quick else [1, 4, 16, 64, 256]
    out: list[tuple[str, list[tuple[int, float]]]] = []
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-growth-") as tmp:
        for shape, make, suffix in (("text", text_times, ".txt"), ("docx", docx_times, ".docx")):
            points = []
            for k in sizes:
                path = Path(tmp) / f"{shape}{k}{suffix}"
                make(path, k)
                parse(str(path))  # warm: models, gazetteer, compiled patterns
                points.append((k, best_time(lambda p=path: parse(str(p)), 3 if k < 64 else 2)))
                path.unlink()
            out.append((shape, points))
            print(f"... growth {shape} done", file=sys.stderr, flush=True)
    plan = parse(str(TEXT))
    records = list(plan.records)
    points = []
    for k in sizes:
        plan.records = records * k
        to_json_bytes(plan)
        points.append((k, best_time(lambda: to_json_bytes(plan), 3)))
    out.append(("JSON export", points))
    return out


def rows(results: list[tuple[str, list[tuple[int, float]]]]) -> list[tuple[str, str, str]]:
    """Rows (work, measured, target) for the `make bench` table."""
    table = []
    for shape, points in results:
        k0, k1 = points[0][0], points[-1][0]
        last = math.log(points[-1][1] / points[-2][1]) / math.log(points[-1][0] / points[-2][0])
        times = ", ".join(f"{t * 1000:.0f}" for _, t in points)
        table.append(
            (
                f"growth exponent, {shape} {k0}×→{k1}× rows",
                f"{slope(points):.2f} (last step {last:.2f}; ms: {times})",
                f"≤ {TARGET}",
            )
        )
    return table


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes up to 64× only")
    args = ap.parse_args(argv)
    for work, measured, target in rows(measure(args.quick)):
        print(f"| {work} | {measured} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
