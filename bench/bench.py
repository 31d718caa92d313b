"""`make bench`: the SPEC §5 performance table, measured (medians over several runs).

    python bench/bench.py            # everything (restoration evaluation included)
    python bench/bench.py --quick    # fewer repeats, quick restoration sample, no OCR, growth to 64×,
                                     # memory without the inputs at the limit and the bombs

The summary table at the end holds every number: `--help`, per-document parse, batch scaling,
PDF, cold start (bench_cold.py), growth exponents (bench_growth.py) and the worst-case memory
table (bench_memory.py, each case in a fresh process).

Timings are medians of wall-clock runs on this machine; ratios compare like with like.
Nothing here is asserted by a test: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
KEHOACH = [sys.executable, "-m", "kehoach_parse.cli"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

Row = tuple[str, str, str]
# parse output of the CLI runs: a real file, never -o /dev/null (the atomic write would rename over the device)
OUT = str(Path(tempfile.gettempdir()) / "kehoach-bench-parse.json")


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_cli(*args: str) -> None:
    subprocess.run([*KEHOACH, *args], env=ENV, check=False, capture_output=True, cwd=ROOT)


def bench_help(repeat: int) -> list[Row]:
    t = median_time(lambda: run_cli("--help"), repeat)
    return [("`kehoach --help`", f"{t:.3f} s", "< 0.3 s")]


def bench_documents(repeat: int) -> list[Row]:
    """Each text and DOCX sample: in-process parse (warm) and the whole CLI run."""
    from kehoach_parse.pipeline import parse

    rows: list[Row] = []
    samples = sorted(ROOT.glob("samples/00[0134]_*.txt")) + sorted(ROOT.glob("samples/docx/*.docx"))
    for path in samples:
        rel = str(path.relative_to(ROOT))
        parse(rel)  # warm caches (gazetteer, tables) as a batch worker would be
        warm = median_time(lambda rel=rel: parse(rel), repeat)
        cli = median_time(lambda rel=rel: run_cli("parse", rel, "-o", OUT), max(3, repeat // 2))
        rows.append((f"parse {rel}", f"{warm * 1000:.0f} ms in-process; {cli:.2f} s CLI", "< 0.2 s"))
    return rows


def bench_batch(repeat: int) -> list[Row]:
    """`kehoach batch` against a plain loop, --jobs 1 vs 2, Dask vs local (bench/bench_batch.py)."""
    import bench_batch as batch_bench

    return batch_bench.bench_batch(repeat=repeat)


def bench_pdf_rows(quick: bool) -> list[Row]:
    try:
        import bench_pdf
    except ImportError as exc:  # pragma: no cover
        return [("PDF", f"not measured ({exc})", "")]
    if quick:
        return bench_pdf.bench_digital()
    return bench_pdf.run()


def print_table(rows: list[Row]) -> None:
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print(f"| {'work'.ljust(w0)} | {'measured (median)'.ljust(w1)} | target |")
    print(f"|{'-' * (w0 + 2)}|{'-' * (w1 + 2)}|--------|")
    for work, measured, target in rows:
        print(f"| {work.ljust(w0)} | {measured.ljust(w1)} | {target} |")


def bench_cold_rows(quick: bool) -> list[Row]:
    import bench_cold

    return bench_cold.rows(bench_cold.measure(5 if quick else 11))


def bench_growth_rows(quick: bool) -> list[Row]:
    import bench_growth

    return bench_growth.rows(bench_growth.measure(quick))


def bench_memory_rows(quick: bool) -> list[Row]:
    import bench_memory

    return bench_memory.rows(bench_memory.run(quick))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    repeat = 3 if args.quick else 7
    # bench_restore prints its own tables; it runs first so the one summary table ends the output
    print("Diacritic restoration and OCR repair (bench/bench_restore.py):\n", flush=True)
    extra = ["--quick", "--no-ocr"] if args.quick else []
    subprocess.run([sys.executable, str(ROOT / "bench" / "bench_restore.py"), *extra], env=ENV, check=False)
    rows: list[Row] = []
    for part in (bench_help, bench_documents, bench_batch):
        rows += part(repeat if part is not bench_batch else 3)
        print(f"... {part.__name__} done", file=sys.stderr)
    rows += bench_pdf_rows(args.quick)
    for more in (bench_cold_rows, bench_growth_rows, bench_memory_rows):
        rows += more(args.quick)
        print(f"... {more.__name__} done", file=sys.stderr)
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
