"""`kehoach batch`: a folder of plans in, one JSON per plan plus summaries out.

Files are parsed by an executor: `local` (warm worker processes, batch_workers.py) or `dask`
(batch_dask.py). Either way a crash or a hang in one file never stops the batch, `--timeout`
ends exactly that file's worker, and only this process writes: every output atomically (temp
file + rename), so killing a batch half-way leaves no partial JSON, then the summaries.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .batch_workers import Outcome, Result
from .errors import KehoachError
from .files import OutputError, check_regular, shown, write_atomic

if TYPE_CHECKING:
    from .model import PlanDocument

__all__ = ["DEFAULT_PATTERNS", "SUMMARY_FIELDS", "Outcome", "find_inputs", "run_batch", "write_summaries"]

DEFAULT_PATTERNS = ("*.pdf", "*.docx", "*.doc", "*.txt", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff")
SUMMARY_FIELDS = (
    "file", "status", "province", "province_current", "number", "title", "issued_date", "period", "signer",
    "records", "errors", "warnings", "infos", "seconds", "error",
)  # fmt: skip
EXECUTORS = ("local", "dask")


class Progress(Protocol):
    """What `run_batch` tells a progress display (the CLI's bar or --verbose lines)."""

    def begin(self, total: int) -> None: ...
    def working(self, file: str) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...


def find_inputs(root: Path, outdir: Path, patterns: tuple[str, ...], *, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Files under `root` matching any pattern (case-insensitive), never batch's own files.

    Its own files: everything under `outdir` (unless `outdir` is `root` or holds it), the `skip`
    paths (the --combined file) and any file whose content is a kehoach output (a parse JSON,
    JSONL or CSV, a summary), wherever it lies and whatever its name: judged by content only.
    Symlinked folders are not entered; symlinked files are returned (`refusal` judges them).
    """
    root_real, out_real = root.resolve(), outdir.resolve()
    overlap = root_real == out_real or root_real.is_relative_to(out_real)
    mine = {p.resolve() for p in skip}
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
                if refusal(path, root) is not None or not own_output(path):  # refused files are never opened
                    found.append(path)
    return found


# `parse --format csv` (--headers en / vi, export.csv_header) and summary.csv
_OWN_CSV = (b"file,id,seq,stt,", "Tệp,Mã,Thứ tự,STT,".encode(), b"file,status,")
_SUMMARY_JSON = re.compile(rb'\[\s*(\]\s*$|\{\s*"file":)')


def own_output(path: Path) -> bool:
    """A file kehoach wrote (plan JSON/JSONL, parse CSV, summary.json/csv), judged by its first 64 KB.

    Never by name: `a.txt.json` holding a plan's text is read, a parse JSON saved as `a.txt` is not.
    Only regular files are opened (a FIFO would block; `refusal` reports it).
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return b'"generator": "kehoach-parse' in head
    if head.startswith(b"["):
        return bool(_SUMMARY_JSON.match(head))
    return head.startswith(_OWN_CSV)


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


def run_batch(
    root: Path,
    outdir: Path,
    *,
    jobs: int,
    patterns: tuple[str, ...] = DEFAULT_PATTERNS,
    resume: bool = False,
    timeout: float | None = None,
    options: dict | None = None,
    progress: Progress | None = None,
    skip: tuple[Path, ...] = (),
    executor: str = "local",
    scheduler: str | None = None,
) -> list[Outcome]:
    """Parse every input under `root` with `jobs` workers (or on Dask); outcomes in input order.

    Symlinks leading out of `root` and special files are refused (a failed row each) without
    opening them; `skip` names further files never to read (the --combined output). Results
    stream back here, and only here are outputs written.
    """
    inputs = find_inputs(root, outdir, patterns, skip=skip)
    options = options or {}
    outcomes: dict[Path, Outcome] = {}
    tasks: list[tuple[Path, Path]] = []
    if progress:
        progress.begin(len(inputs))

    def report(src: Path, outcome: Outcome) -> None:
        outcomes[src] = outcome
        if progress:
            progress.finished(outcome)

    def started(task: tuple[Path, Path]) -> None:
        if progress:
            progress.working(shown(task[0]))

    def done(task: tuple[Path, Path], result: Result) -> None:
        report(task[0], _write_output(task[1], result))

    for src in inputs:
        out = output_for(src, root, outdir)
        why = refusal(src, root)
        if why is not None:
            report(src, Outcome(shown(src), "failed", error=why))
        elif resume and _up_to_date(src, out):
            report(src, _skipped(src, out))
        else:
            tasks.append((src, out))
    if tasks and executor == "dask":
        from .batch_dask import run_dask

        run_dask(tasks, jobs=jobs, scheduler=scheduler, timeout=timeout, options=options, started=started, done=done)
    elif tasks:
        from .batch_workers import run_local

        run_local(tasks, jobs=jobs, timeout=timeout, options=options, started=started, done=done)
    return [outcomes[src] for src in inputs]


def _write_output(out: Path, result: Result) -> Outcome:
    """Write a converted file's JSON atomically (this process alone writes); its summary row."""
    data, text = result
    outcome = Outcome(**data)
    if text is None:
        return outcome
    try:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(shown(out.parent), f"không tạo được thư mục ({exc.strerror})") from exc
        write_atomic(out, text)
    except KehoachError as exc:
        return Outcome(outcome.file, "failed", seconds=outcome.seconds, error=shown(str(exc)))
    outcome.output = str(out)
    return outcome


def _skipped(src: Path, out: Path) -> Outcome:
    """The summary row of an input --resume skips, read back from its output."""
    from .batch_workers import plan_outcome
    from .model import PlanDocument

    try:
        with open(out, encoding="utf-8") as fh:
            plan = PlanDocument.model_validate_json(fh.read())
    except (OSError, ValueError):
        return Outcome(shown(src), "skipped", output=str(out))
    outcome = plan_outcome(plan, shown(src), 0.0, "skipped")
    outcome.output = str(out)
    return outcome


def _rows(outcomes: list[Outcome]) -> list[dict[str, Any]]:
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
