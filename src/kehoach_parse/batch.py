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
import secrets
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KehoachError
from .files import OutputError, check_regular, shown, write_atomic

if TYPE_CHECKING:
    from .model import PlanDocument

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


def find_inputs(root: Path, outdir: Path, patterns: tuple[str, ...], *, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Files under `root` matching any pattern (case-insensitive), never batch's own files.

    Its own files: everything under `outdir`, the `skip` paths (the --combined file) and, when
    `outdir` is `root` or holds it, the summaries, the output of any input found and any
    JSON that says it was written by kehoach (an output whose input has since gone).
    Symlinked folders are not entered; symlinked files are returned (`refusal` judges them).
    """
    root_real, out_real = root.resolve(), outdir.resolve()
    overlap = root_real == out_real or root_real.is_relative_to(out_real)
    mine = {p.resolve() for p in skip}
    if overlap:
        mine |= {out_real / "summary.json", out_real / "summary.csv"}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() != out_real)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = (here / name).relative_to(root).as_posix()
            if any(fnmatch.fnmatch(name.lower(), p.lower()) or fnmatch.fnmatch(rel, p) for p in patterns):
                path = here / name
                real = path.resolve()
                if real in mine or (not overlap and real.is_relative_to(out_real)):
                    continue  # e.g. a symlink into OUTDIR
                found.append(path)
    if overlap:
        outputs = {output_for(p, root, outdir).resolve() for p in found}
        found = [p for p in found if p.resolve() not in outputs and not _kehoach_json(p)]
    return found


def _kehoach_json(path: Path) -> bool:
    """A JSON that kehoach wrote (its `generator` comes second), read only if it is a regular file."""
    if not path.name.lower().endswith((".json", ".jsonl")):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"generator": "kehoach-parse' in head


def refusal(path: Path, root: Path) -> str | None:
    """Why `batch` will not read `path` (one line), or None: links out of `root`, special files."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(root.resolve()):
            return (
                f"{shown(path)}: là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục {shown(root)} "
                f"({shown(target)}), không đọc — sao chép tệp vào thư mục nếu cần xử lý"
            )
    try:
        check_regular(path)
    except KehoachError as exc:
        return str(exc)
    return None


def output_for(path: Path, root: Path, outdir: Path) -> Path:
    """`DIR/a/000.txt` -> `OUTDIR/a/000.txt.json` (so 000.txt and 000.docx never collide).

    The name keeps the input's bytes, even those that are not UTF-8.
    """
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


def _work(src: str, out: str, options: dict, conn: Connection, parent: int, tmp: str) -> None:
    """Worker body: parse one file, write its JSON atomically, report an Outcome dict.

    It dies with the batch (SIGTERM from the kernel if the parent is killed), turns SIGTERM
    into an unwinding exit that kills its children, and keeps its temp files under `tmp`
    (made on first need), which the parent removes whatever happens here.
    """
    from .children import die_with_parent, stop_on_signals

    die_with_parent(signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    stop_on_signals()
    tempfile.tempdir = tmp
    os.environ["TMPDIR"] = tmp  # LibreOffice and tesseract keep their scratch there too
    display = shown(src)
    start = time.perf_counter()
    try:
        from .export import to_json
        from .pipeline import parse

        try:
            plan = parse(src, **options)
            target = Path(out)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(shown(target.parent), f"không tạo được thư mục ({exc.strerror})") from exc
            write_atomic(target, to_json(plan))
        except KehoachError as exc:
            seconds = round(time.perf_counter() - start, 3)
            conn.send(asdict(Outcome(display, "failed", error=shown(str(exc)), seconds=seconds)))
            return
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
        conn.send(asdict(Outcome(display, "failed", error=shown(f"{display}: {type(exc).__name__}: {exc}"))))
    finally:
        conn.close()
        shutil.rmtree(tmp, ignore_errors=True)


GRACE_SECONDS = 3.0  # a stopped worker's time to kill its children and remove its temp files


def _stop(proc: mp.process.BaseProcess) -> None:
    """SIGTERM (the worker cleans up), then SIGKILL if it does not end within the grace."""
    if proc.is_alive():
        proc.terminate()
        proc.join(GRACE_SECONDS)
    if proc.is_alive():
        proc.kill()
    proc.join(GRACE_SECONDS)


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
    skip: tuple[Path, ...] = (),
) -> list[Outcome]:
    """Parse every input under `root` with `jobs` workers; outcomes in input order.

    Symlinks leading out of `root` and special files are refused (a failed row each) without
    opening them; `skip` names further files never to read (the --combined output).
    """
    from . import pipeline  # noqa: F401  (import once in the parent so forked workers start warm)

    inputs = find_inputs(root, outdir, patterns, skip=skip)
    options = options or {}
    outcomes: dict[Path, Outcome] = {}
    queue: list[tuple[Path, Path]] = []

    def report(src: Path, outcome: Outcome) -> None:
        outcomes[src] = outcome
        if progress:
            progress(outcome)

    for src in inputs:
        out = output_for(src, root, outdir)
        why = refusal(src, root)
        if why is not None:
            report(src, Outcome(shown(src), "failed", error=why))
        elif resume and _up_to_date(src, out):
            report(src, Outcome(shown(src), "skipped", output=str(out), **_counts(out)))
        else:
            queue.append((src, out))
    ctx = mp.get_context("fork")
    running: dict[Connection, tuple[Path, mp.process.BaseProcess, float, str]] = {}
    pending = iter(queue)

    def start_next() -> bool:
        item = next(pending, None)
        if item is None:
            return False
        src, out = item
        # named, not made: the worker makes it only if it starts a child (children.scratch_dir)
        tmp = os.path.join(tempfile.gettempdir(), f"kehoach-batch-{os.getpid()}-{secrets.token_hex(8)}")
        parent, child = ctx.Pipe(duplex=False)
        args = (str(src), str(out), options, child, os.getpid(), tmp)
        proc = ctx.Process(target=_work, args=args, daemon=True)
        proc.start()
        child.close()
        running[parent] = (src, proc, time.perf_counter(), tmp)
        return True

    try:
        for _ in range(max(jobs, 1)):
            if not start_next():
                break
        while running:
            ready = wait(list(running), timeout=0.2)
            now = time.perf_counter()
            for conn in list(running):
                src, proc, started, tmp = running[conn]
                outcome: Outcome | None = None
                if conn in ready:
                    try:
                        outcome = Outcome(**conn.recv())
                    except EOFError:  # the worker died without a word (killed, segfault, OOM)
                        outcome = Outcome(
                            shown(src), "failed", error=f"{shown(src)}: tiến trình xử lý bị dừng đột ngột"
                        )
                elif timeout is not None and now - started > timeout:
                    _stop(proc)
                    outcome = Outcome(
                        shown(src), "timeout", seconds=round(now - started, 3),
                        error=f"{shown(src)}: quá thời gian {timeout:g} s (--timeout)",
                    )  # fmt: skip
                if outcome is None:
                    continue
                proc.join(GRACE_SECONDS)
                conn.close()
                del running[conn]
                shutil.rmtree(tmp, ignore_errors=True)
                report(src, outcome)
                start_next()
    finally:  # SIGTERM/SIGINT of the batch (or an error here): stop every worker, remove its temp files
        for _src, proc, _started, _tmp in running.values():
            proc.terminate()
        for conn, (_src, proc, _started, tmp) in running.items():
            _stop(proc)
            conn.close()
            shutil.rmtree(tmp, ignore_errors=True)
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


def _rows(outcomes: list[Outcome]) -> list[dict]:
    return [{k: getattr(o, k) for k in SUMMARY_FIELDS} for o in outcomes]


def summary_json(outcomes: list[Outcome]) -> str:
    """summary.json: one object per input, in input order (names shown with \\xNN escapes)."""
    return json.dumps(_rows(outcomes), ensure_ascii=False, indent=2) + "\n"


def summary_csv(outcomes: list[Outcome]) -> str:
    """summary.csv: UTF-8 with BOM and CRLF, so Excel shows Vietnamese."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(outcomes):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return "\ufeff" + buf.getvalue()


def write_summaries(outdir: Path, outcomes: list[Outcome]) -> None:
    """Both summaries into `outdir` (raises OutputError when they cannot be written)."""
    write_atomic(outdir / "summary.json", summary_json(outcomes))
    write_atomic(outdir / "summary.csv", summary_csv(outcomes))


def combined_plans(outcomes: list[Outcome]) -> Iterator[PlanDocument]:
    """Every converted plan, read back from its output, in the summary's order."""
    from .model import PlanDocument

    for o in outcomes:
        if o.output and o.status in ("ok", "skipped"):
            with open(o.output, encoding="utf-8") as fh:
                yield PlanDocument.model_validate_json(fh.read())


def combined_lines(outcomes: list[Outcome]) -> Iterator[str]:
    """Every record of every converted plan as JSONL (the document's source and metadata attached)."""
    from .export import to_jsonl

    for plan in combined_plans(outcomes):
        yield to_jsonl(plan)
