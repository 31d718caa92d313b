"""Warm batch workers: long-lived processes that parse many files each, so the models, the
gazetteer and the compiled patterns are built once per worker instead of once per file.

A worker receives `(path, display, options)` on its pipe, parses, and sends back an outcome
(a dict) plus the JSON text; it writes nothing itself (the parent writes every output and the
summaries). A file that runs past `--timeout`, or a worker that dies, costs only that worker:
the owner stops it (SIGTERM: it kills its children and removes its temp files; SIGKILL after a
grace) and starts another. Two ways to start one: `fork` (the local executor: starts warm from
the parent's imports, inherits test patches) and `exec` (`python -m kehoach_parse.batch_workers`,
safe from a threaded or daemonic process such as a Dask worker).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from .errors import KehoachError
from .files import shown

Result = tuple[dict[str, Any], str | None]  # (Outcome as a dict, the plan's JSON or None)
GRACE_SECONDS = 3.0  # a stopped worker's time to kill its children and remove its temp files
PLAN_KEYS = ("province", "province_current", "number", "title", "issued_date", "period", "signer")


@dataclass
class Outcome:
    """One row of summary.json / summary.csv (the plan-level columns are the xlsx `Kế hoạch` sheet's)."""

    file: str
    status: str  # ok | skipped | failed | timeout
    province: str | None = None
    province_current: str | None = None
    number: str | None = None
    title: str | None = None
    issued_date: str | None = None
    period: str | None = None
    signer: str | None = None
    records: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    seconds: float = 0.0
    error: str | None = None
    output: str | None = field(default=None, repr=False)


def plan_outcome(plan: Any, display: str, seconds: float, status: str = "ok") -> Outcome:
    """The summary row of a converted plan (plan-level columns from export_xlsx.plan_fields)."""
    from .export_xlsx import plan_fields

    fields = plan_fields(plan)
    infos = sum(1 for f in plan.findings if f.severity == "info")
    return Outcome(
        display, status, **{k: fields[k] for k in PLAN_KEYS}, records=fields["records"], errors=fields["errors"],
        warnings=fields["warnings"], infos=infos, seconds=seconds,
    )  # fmt: skip


def convert(path: str, display: str, options: dict[str, Any]) -> Result:
    """Parse one file into (outcome, JSON text); never raises for a bad file.

    `path` is what is opened, `display` what the outputs name (the path as the user gave it:
    a Dask worker opens an absolute path, yet `source.path` must be the same as locally).
    """
    from . import pipeline

    start = time.perf_counter()

    def failed(message: str) -> Result:
        message = message.replace(path, display) if path != display else message
        return asdict(Outcome(shown(display), "failed", seconds=round(time.perf_counter() - start, 3),
                              error=shown(message))), None  # fmt: skip

    try:
        from .export import to_json

        plan = pipeline.parse(path, **options)  # looked up now: tests patch pipeline.parse
        if path != display:
            plan.source.path = shown(display)
        text = to_json(plan)
    except KehoachError as exc:
        return failed(str(exc))
    except Exception as exc:  # one bad file never stops the batch
        return failed(f"{display}: {type(exc).__name__}: {exc}")
    return asdict(plan_outcome(plan, shown(display), round(time.perf_counter() - start, 3))), text


def serve(recv: Callable[[], Any], send: Callable[[Result], None], tmp: str) -> None:
    """A worker's loop: tasks in, results out, until None or the pipe closes.

    Temp files (its own and those of LibreOffice/tesseract, via TMPDIR) live under `tmp`, which
    is made on first need and removed after every file, so none piles up between files.
    """
    tempfile.tempdir = tmp
    os.environ["TMPDIR"] = tmp
    while True:
        try:
            task = recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result = convert(*task)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        send(result)


def _fork_main(conn: Connection, parent: int, tmp: str, inherited: list[Connection]) -> None:
    """Body of a forked worker: die with the parent, drop the other workers' pipes, serve."""
    from .children import die_with_parent, stop_on_signals

    die_with_parent(signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    stop_on_signals()  # SIGTERM/SIGINT: kill the children, unwind (temp files removed)
    for other in inherited:  # so a worker's EOF is not held open by its siblings
        with contextlib.suppress(OSError):
            other.close()
    try:
        serve(conn.recv, conn.send, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _new_tmp() -> str:
    """A worker's temp folder: named here, made only if it starts a child (children.scratch_dir)."""
    return os.path.join(tempfile.gettempdir(), f"kehoach-batch-{os.getpid()}-{secrets.token_hex(8)}")


_open: set[Connection] = set()  # this process's ends of its workers' pipes (closed in forked siblings)


class Worker:
    """One warm worker process as seen by its owner: submit a file, wait, stop."""

    def __init__(self, start: str = "fork") -> None:
        self.tmp = _new_tmp()
        self.task: Any = None  # the owner's token for the file in work
        self.started = 0.0
        self._asked = False  # told to leave (idle at the end) or to stop (SIGTERM)
        self._proc: mp.process.BaseProcess | None = None
        self._popen: subprocess.Popen[bytes] | None = None
        if start == "fork":
            ctx = mp.get_context("fork")
            self.conn, child = ctx.Pipe(duplex=True)
            inherited = [*_open, self.conn]
            self._proc = ctx.Process(target=_fork_main, args=(child, os.getpid(), self.tmp, inherited), daemon=True)
            self._proc.start()
            child.close()
            self._out = self.conn
        else:
            from .children import _child_setup

            parent = os.getpid()
            self._popen = subprocess.Popen(  # fixed argv; die with the owner (PR_SET_PDEATHSIG)
                [sys.executable, "-m", "kehoach_parse.batch_workers", self.tmp],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                preexec_fn=lambda: _child_setup(parent),
            )
            assert self._popen.stdin is not None and self._popen.stdout is not None
            self._out = Connection(os.dup(self._popen.stdin.fileno()), readable=False)
            self.conn = Connection(os.dup(self._popen.stdout.fileno()), writable=False)
            self._popen.stdin.close()
            self._popen.stdout.close()
        _open.add(self.conn)
        if self._out is not self.conn:
            _open.add(self._out)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else self._popen.pid if self._popen is not None else None

    def submit(self, task: Any, path: str, display: str, options: dict[str, Any]) -> None:
        """Hand the worker one file (raises OSError if the worker is gone); `task` is the owner's token."""
        self.task, self.started = task, time.perf_counter()
        self._out.send((path, display, options))

    def receive(self) -> Result:
        """The finished file's result (raises EOFError/OSError if the worker died meanwhile)."""
        result = self.conn.recv()
        self.task = None
        return result

    def alive(self) -> bool:
        if self._proc is not None:
            return self._proc.is_alive()
        return self._popen is not None and self._popen.poll() is None

    def _signal(self, sig: int) -> None:
        pid = self.pid
        if pid is not None and self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)

    def _join(self, seconds: float) -> None:
        if self._proc is not None:
            self._proc.join(seconds)
        elif self._popen is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._popen.wait(seconds)

    def leave(self) -> None:
        """Ask an idle worker to exit (end of the batch)."""
        self._asked = True
        with contextlib.suppress(OSError, ValueError):
            self._out.send(None)

    def terminate(self) -> None:
        """Ask a busy worker to stop now (it kills its children and removes its temp files)."""
        self._asked = True
        self._signal(signal.SIGTERM)

    def stop(self) -> None:
        """End the worker however it is, then remove its temp folder: no process, no file outlives it.

        After `leave`/`terminate` it gets the grace to finish; then SIGTERM, then SIGKILL (its
        children's guards get SIGTERM from the kernel and kill their groups).
        """
        if self._asked:
            self._join(GRACE_SECONDS)
        if self.alive():
            self._signal(signal.SIGTERM)
            self._join(GRACE_SECONDS)
        if self.alive():
            self._signal(signal.SIGKILL)
        self._join(GRACE_SECONDS)
        for conn in {self.conn, self._out}:
            _open.discard(conn)
            with contextlib.suppress(OSError):
                conn.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def died(display: str) -> Result:
    """The result of a file whose worker died under it (killed, segfault, out of memory)."""
    error = f"{shown(display)}: tiến trình xử lý bị dừng đột ngột — thử lại tệp này riêng bằng kehoach parse"
    return asdict(Outcome(shown(display), "failed", error=error)), None


def timed_out(display: str, seconds: float, timeout: float) -> Result:
    """The result of a file stopped by --timeout."""
    error = f"{shown(display)}: quá thời gian {timeout:g} s (--timeout) — tăng --timeout nếu tệp lớn"
    return asdict(Outcome(shown(display), "timeout", seconds=round(seconds, 3), error=error)), None


def run_local(
    tasks: list[Any],
    *,
    jobs: int,
    timeout: float | None,
    options: dict[str, Any],
    started: Callable[[Any], None],
    done: Callable[[Any, Result], None],
) -> None:
    """Convert `tasks` ((src, out) pairs) on `jobs` forked warm workers; `done` gets each result.

    A worker that dies or runs past `timeout` is stopped (children and temp files with it) and
    replaced while work remains. However this ends (SIGTERM/SIGINT of the batch become
    exceptions, see children.stop_on_signals), every worker is stopped before it returns.
    """
    from collections import deque
    from multiprocessing.connection import wait

    from . import pipeline  # noqa: F401  (imported once here, so forked workers start warm)

    pending = deque(tasks)
    idle: list[Worker] = []
    busy: dict[Connection, Worker] = {}
    try:
        for _ in range(min(max(jobs, 1), len(tasks))):
            idle.append(Worker("fork"))
        while pending or busy:
            while idle and pending:
                worker, task = idle.pop(), pending.popleft()
                try:
                    worker.submit(task, str(task[0]), str(task[0]), options)
                except OSError:  # it died while idle: replace it, keep the file
                    worker.stop()
                    idle.append(Worker("fork"))
                    pending.appendleft(task)
                    continue
                busy[worker.conn] = worker
                started(task)
            ready = wait(list(busy), timeout=0.2)
            now = time.perf_counter()
            for conn, worker in list(busy.items()):
                task, replace = worker.task, True
                if conn in ready:
                    try:
                        result, replace = worker.receive(), False
                    except (EOFError, OSError):
                        result = died(str(task[0]))
                elif timeout is not None and now - worker.started > timeout:
                    result = timed_out(str(task[0]), now - worker.started, timeout)
                else:
                    continue
                del busy[conn]
                if replace:
                    worker.stop()
                    if pending:
                        idle.append(Worker("fork"))
                else:
                    idle.append(worker)
                done(task, result)
    finally:
        for worker in busy.values():
            worker.terminate()  # all at once, so the graces run side by side
        for worker in idle:
            worker.leave()
        for worker in [*busy.values(), *idle]:
            worker.stop()


def _exec_main(tmp: str) -> None:
    """`python -m kehoach_parse.batch_workers TMP`: serve on stdin/stdout (pickled, length-prefixed)."""
    from .children import stop_on_signals

    stop_on_signals()
    recv_conn = Connection(os.dup(0), writable=False)
    send_conn = Connection(os.dup(1), readable=False)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # a library that prints must not corrupt the channel
    try:
        serve(recv_conn.recv, send_conn.send, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    _exec_main(sys.argv[1])
