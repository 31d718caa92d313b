"""`kehoach batch`: a folder of plans in, one JSON per plan plus summaries out.

Each file is parsed in a forked worker process (cheap on Linux: the parent has already
imported the pipeline), so a crash or a hang in one file never stops the batch and
`--timeout` can end exactly that worker. Every output is written atomically (temp file
+ rename) by the worker itself, so killing a batch half-way leaves no partial JSON.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .files import write_atomic

DEFAULT_PATTERNS = ("*.pdf", "*.docx", "*.doc", "*.txt", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff")
SUMMARY_FIELDS = ("file", "status", "records", "errors", "warnings", "infos", "seconds", "error")


@dataclass
class Outcome:
    """One row of summary.json / summary.csv."""

    file: str
    status: str  # ok | skipped | failed | timeout
    records: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    seconds: float = 0.0
    error: str | None = None
    output: str | None = field(default=None, repr=False)


def find_inputs(root: Path, outdir: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Files under `root` matching any pattern (case-insensitive), never inside `outdir`."""
    out_resolved = outdir.resolve()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() != out_resolved)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = (here / name).relative_to(root).as_posix()
            if any(fnmatch.fnmatch(name.lower(), p.lower()) or fnmatch.fnmatch(rel, p) for p in patterns):
                found.append(here / name)
    return found


def output_for(path: Path, root: Path, outdir: Path) -> Path:
    """`DIR/a/000.txt` -> `OUTDIR/a/000.txt.json` (so 000.txt and 000.docx never collide)."""
    rel = path.relative_to(root)
    return outdir / rel.parent / f"{rel.name}.json"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _up_to_date(src: Path, out: Path) -> bool:
    try:
        with open(out, encoding="utf-8") as fh:
            return json.load(fh)["source"]["sha256"] == _sha256(src)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _work(display: str, out: str, options: dict, conn: Connection) -> None:
    """Worker body: parse one file, write its JSON atomically, report an Outcome dict."""
    start = time.perf_counter()
    try:
        from .errors import KehoachError
        from .export import to_json
        from .pipeline import parse

        try:
            plan = parse(display, **options)
        except KehoachError as exc:
            conn.send(asdict(Outcome(display, "failed", error=str(exc), seconds=round(time.perf_counter() - start, 3))))
            return
        write_atomic(Path(out), to_json(plan))
        sev = [f.severity for f in plan.findings]
        conn.send(
            asdict(
                Outcome(
                    display,
                    "ok",
                    len(plan.records),
                    sev.count("error"),
                    sev.count("warning"),
                    sev.count("info"),
                    round(time.perf_counter() - start, 3),
                    output=out,
                )
            )
        )
    except Exception as exc:  # one bad file never stops the batch
        conn.send(asdict(Outcome(display, "failed", error=f"{display}: {type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def run_batch(
    root: Path,
    outdir: Path,
    *,
    jobs: int,
    patterns: tuple[str, ...] = DEFAULT_PATTERNS,
    resume: bool = False,
    timeout: float | None = None,
    options: dict | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Parse every input under `root` with `jobs` workers; outcomes in input order."""
    from . import pipeline  # noqa: F401  (import once in the parent so forked workers start warm)

    inputs = find_inputs(root, outdir, patterns)
    options = options or {}
    outcomes: dict[Path, Outcome] = {}
    queue: list[tuple[Path, Path]] = []
    for src in inputs:
        out = output_for(src, root, outdir)
        if resume and _up_to_date(src, out):
            outcomes[src] = Outcome(str(src), "skipped", output=str(out), **_counts(out))
            if progress:
                progress(outcomes[src])
        else:
            queue.append((src, out))
    ctx = mp.get_context("fork")
    running: dict[Connection, tuple[Path, mp.process.BaseProcess, float]] = {}
    pending = iter(queue)

    def start_next() -> bool:
        item = next(pending, None)
        if item is None:
            return False
        src, out = item
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_work, args=(str(src), str(out), options, child), daemon=True)
        proc.start()
        child.close()
        running[parent] = (src, proc, time.perf_counter())
        return True

    for _ in range(max(jobs, 1)):
        if not start_next():
            break
    while running:
        ready = wait(list(running), timeout=0.2)
        now = time.perf_counter()
        for conn in list(running):
            src, proc, started = running[conn]
            outcome: Outcome | None = None
            if conn in ready:
                try:
                    outcome = Outcome(**conn.recv())
                except EOFError:  # the worker died without a word (killed, segfault, OOM)
                    outcome = Outcome(str(src), "failed", error=f"{src}: tiến trình xử lý bị dừng đột ngột")
            elif timeout is not None and now - started > timeout:
                proc.kill()
                outcome = Outcome(
                    str(src), "timeout", seconds=round(now - started, 3),
                    error=f"{src}: quá thời gian {timeout:g} s (--timeout)",
                )  # fmt: skip
            if outcome is None:
                continue
            proc.join(1)
            conn.close()
            del running[conn]
            outcomes[src] = outcome
            if progress:
                progress(outcome)
            start_next()
    return [outcomes[src] for src in inputs]


def _counts(out: Path) -> dict:
    try:
        with open(out, encoding="utf-8") as fh:
            plan = json.load(fh)
    except (OSError, ValueError):
        return {}
    sev = [f["severity"] for f in plan.get("findings", [])]
    return {"records": len(plan.get("records", [])), "errors": sev.count("error"),
            "warnings": sev.count("warning"), "infos": sev.count("info")}  # fmt: skip


def write_summaries(outdir: Path, outcomes: list[Outcome]) -> None:
    rows = [{k: getattr(o, k) for k in SUMMARY_FIELDS} for o in outcomes]
    write_atomic(outdir / "summary.json", json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    write_atomic(outdir / "summary.csv", "\ufeff" + buf.getvalue())


def combined_lines(outcomes: list[Outcome]) -> Iterator[str]:
    """Every record of every converted plan as JSONL (the document's source and metadata attached)."""
    from .export import to_jsonl
    from .model import PlanDocument

    for o in outcomes:
        if o.output and o.status in ("ok", "skipped"):
            with open(o.output, encoding="utf-8") as fh:
                yield to_jsonl(PlanDocument.model_validate_json(fh.read()))
