"""Batch throughput: `kehoach batch` against a plain Python loop, 1 vs 2 jobs, Dask vs local.

    python bench/bench_batch.py [--repeat 5] [--copies 3]

`bench_batch(repeat, copies)` returns rows for bench/bench.py's table. Every variant runs
as a fresh process over the same folder (copies of the text and DOCX samples), interleaved,
median of `repeat`; the loop is one process that parses, exports and writes each file in turn
(the floor a warm worker can reach). Numbers are for people to read, never asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
Row = tuple[str, str, str]

LOOP = """
import sys
from pathlib import Path
from kehoach_parse.export import to_json
from kehoach_parse.files import write_atomic
from kehoach_parse.pipeline import parse
src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(src.iterdir()):
    write_atomic(out / f"{path.name}.json", to_json(parse(str(path))))
"""


def _folder(tmp: Path, copies: int) -> Path:
    src = tmp / "in"
    src.mkdir()
    samples = sorted(ROOT.glob("samples/00[0134]_*.txt")) + sorted(ROOT.glob("samples/docx/*.docx"))
    for k in range(copies):
        for p in samples:
            shutil.copy(p, src / f"{k}_{p.name}")
    return src


def _timed(cmd: list[str], out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process under it)."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=ENV, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _have_dask() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def bench_batch(repeat: int = 5, copies: int = 6) -> list[Row]:
    """Rows: loop, --jobs 1, --jobs 2, dask (2 workers); ratios against their targets."""
    tmp = Path(tempfile.mkdtemp(prefix="kehoach-bench-batch-"))
    try:
        src = _folder(tmp, copies)
        n = len(list(src.iterdir()))
        kehoach = [sys.executable, "-m", "kehoach_parse.cli", "batch", str(src)]
        variants = {
            "loop": [sys.executable, "-c", LOOP, str(src), str(tmp / "loop")],
            "jobs1": [*kehoach, "-o", str(tmp / "jobs1"), "--jobs", "1"],
            "jobs2": [*kehoach, "-o", str(tmp / "jobs2"), "--jobs", "2"],
        }
        if _have_dask():
            variants["dask2"] = [*kehoach, "-o", str(tmp / "dask2"), "--jobs", "2", "--executor", "dask"]
        times: dict[str, list[float]] = {k: [] for k in variants}
        cpu: dict[str, list[float]] = {k: [] for k in variants}
        for _ in range(repeat):  # interleaved, so a busy moment of the machine hits every variant
            for name, cmd in variants.items():
                wall, used = _timed(cmd, tmp / name)
                times[name].append(wall)
                cpu[name].append(used)
        t = {k: statistics.median(v) for k, v in times.items()}
        c = {k: statistics.median(v) for k, v in cpu.items()}

        def row(name: str, what: str) -> Row:
            return (what, f"{t[name]:.2f} s ({n / t[name]:.1f} files/s), CPU {c[name]:.2f} s", "")

        rows: list[Row] = [
            row("loop", f"plain loop, {n} text/DOCX files"),
            row("jobs1", f"batch --jobs 1, {n} files"),
            row("jobs2", f"batch --jobs 2, {n} files"),
            (
                "batch --jobs 1 / plain loop",
                f"{t['jobs1'] / t['loop']:.2f}x (CPU {c['jobs1'] / c['loop']:.2f}x)",
                "<= 1.1x",
            ),
            ("batch scaling --jobs 1 -> 2", f"{t['jobs1'] / t['jobs2']:.2f}x", ">= 1.8x (2 idle cores)"),
        ]
        if "dask2" in t:
            rows += [
                row("dask2", f"batch --executor dask (LocalCluster, 2 workers), {n} files"),
                ("dask LocalCluster / local --jobs 2", f"{t['dask2'] / t['jobs2']:.2f}x", "(cluster start included)"),
            ]
        else:
            rows.append(("batch --executor dask", "not measured (pip install 'kehoach-parse[dask]')", ""))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=6, help="copies of the 13 samples (6: 78 files)")
    args = ap.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", file=sys.stderr)
    for work, measured, target in bench_batch(args.repeat, args.copies):
        print(f"| {work} | {measured} | {target} |")
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
