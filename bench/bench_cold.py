"""Cold start (issue 13 item 4): `kehoach parse` of one text and one DOCX plan in a fresh process,
beside `python -c pass` and beside importing the dependencies alone.

    python bench/bench_cold.py [--quick] [--src DIR]

`--src DIR` measures another copy of the package (DIR holds `kehoach_parse/`), for a
before/after comparison on the same machine at the same time.

Bytecode is compiled first (`compileall`), as an installed package has it. Each command runs
several times; the table gives the best wall time and the best CPU time (user + system of the
child, from `getrusage`): on a shared machine the CPU time is the steadier of the two. The first
`parse` also writes the start-up compile cache (`kehoach_parse.compile_cache`, next to the
bytecode, like a .pyc), which the later runs read; one row shows a parse with it turned off.
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
TEXT = "samples/004_4eb45db0ba18c56a.txt"
DOCX = "samples/docx/004_4eb45db0ba18c56a.docx"
DEPS = "import pydantic, click, rapidfuzz, unidecode"
DOCX_DEPS = DEPS + ", lxml.etree"  # the DOCX loader reads the XML with lxml (python-docx is not imported)


def kehoach() -> list[str]:
    """The installed console script when there is one (what a person runs), else `-m`."""
    script = Path(sys.executable).with_name("kehoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kehoach_parse.cli"]


def use_src(folder: str) -> None:
    """Measure the package in `folder` (and compile it first) instead of this checkout's."""
    global SRC
    SRC = Path(folder).resolve()
    ENV["PYTHONPATH"] = str(SRC)


SRC = ROOT / "src"


def best_run(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(best wall seconds, best CPU seconds) of `cmd` over `repeat` runs."""
    wall = cpu = math.inf
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.DEVNULL
        subprocess.run(cmd, env={**ENV, **(env or {})}, cwd=ROOT, stdout=out, stderr=out, check=False)
        wall = min(wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return wall, cpu


def measure(repeat: int) -> list[tuple[str, float, float]]:
    compileall.compile_dir(str(SRC), quiet=1)
    # a real file: `-o /dev/null` would have the atomic write rename its temp file over the device
    out = str(Path(tempfile.gettempdir()) / "kehoach-bench-cold.json")
    cases = [
        ("`python -c pass`", [sys.executable, "-c", "pass"]),
        ("importing pydantic, click, rapidfuzz, unidecode alone", [sys.executable, "-c", DEPS]),
        ("importing the same and lxml alone (what a DOCX parse adds)", [sys.executable, "-c", DOCX_DEPS]),
        ("`kehoach --help`", [*kehoach(), "--help"]),
        (f"cold `kehoach parse` text plan ({Path(TEXT).name})", [*kehoach(), "parse", TEXT, "-o", out]),
        (f"cold `kehoach parse` DOCX plan ({Path(DOCX).name})", [*kehoach(), "parse", DOCX, "-o", out]),
    ]
    results = [(name, *best_run(cmd, repeat)) for name, cmd in cases]
    no_cache = {"KEHOACH_COMPILE_CACHE": "off"}  # every regex and dataclass compiled, as on a first run
    name = "cold `kehoach parse`, the same text, compile cache off"
    return [*results, (name, *best_run([*kehoach(), "parse", TEXT, "-o", out], repeat, no_cache))]


TARGETS = {"--help": "< 0.3 s", "text plan": "< 0.2 s", "DOCX plan": "< 0.3 s"}


def rows(results: list[tuple[str, float, float]]) -> list[tuple[str, str, str]]:
    """Rows (work, measured, target) for the `make bench` table, with the ratio to `python -c pass`."""
    bare = results[0][1]
    out = []
    for name, wall, cpu in results:
        target = next((t for key, t in TARGETS.items() if key in name), "")
        ratio = "" if name.startswith("`python") else f"; {wall / bare:.1f}× python"
        out.append((name, f"{wall:.3f} s wall, {cpu:.3f} s CPU{ratio}", target))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--src", help="folder holding the kehoach_parse package to measure (default: src/)")
    args = ap.parse_args(argv)
    if args.src:
        use_src(args.src)
    for work, measured, target in rows(measure(5 if args.quick else 11)):
        print(f"| {work} | {measured} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
