"""`batch --executor dask`: the same per-file work on a Dask distributed cluster.

Each file is one task (`convert_task`) that returns the outcome and the JSON text; this
process (the client) writes every output and the summaries, exactly as the local executor.
Inputs are opened by absolute path, so the workers must see the input folder at the same path
(a shared file system); the outputs name the path as the user gave it, so they are
byte-identical to the local executor's. With `--timeout`, a task parses in a warm helper
process of its Dask worker (batch_workers.Worker, started by exec) that is stopped and
replaced when the file runs too long; without it the task parses in the worker itself.
dask is imported only here, only when this executor is chosen.
"""

from __future__ import annotations

import atexit
import os
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from .batch_workers import Result, Worker, convert, died, timed_out
from .errors import OptionError

_helpers: dict[int, Worker] = {}  # per thread of a Dask worker process: its warm helper
_helpers_lock = threading.Lock()


def _stop_helpers() -> None:
    with _helpers_lock:
        helpers = list(_helpers.values())
        _helpers.clear()
    for worker in helpers:
        worker.leave()
    for worker in helpers:
        worker.stop()


def _helper() -> Worker:
    key = threading.get_ident()
    with _helpers_lock:
        worker = _helpers.get(key)
        if worker is None or not worker.alive():
            if worker is not None:
                worker.stop()
            if not _helpers:
                atexit.register(_stop_helpers)
            worker = _helpers[key] = Worker("exec")
        return worker


def _forget(worker: Worker) -> None:
    with _helpers_lock:
        _helpers.pop(threading.get_ident(), None)
    worker.stop()


def convert_task(path: str, display: str, options: dict[str, Any], timeout: float | None) -> Result:
    """One file on a Dask worker: (outcome, JSON text); a file past `timeout` costs only its helper."""
    if timeout is None:
        return convert(path, display, options)
    worker = _helper()
    try:
        worker.submit(display, path, display, options)
    except OSError:
        _forget(worker)
        worker = _helper()
        worker.submit(display, path, display, options)
    if not worker.conn.poll(timeout):
        seconds = time.perf_counter() - worker.started
        _forget(worker)  # SIGTERM: its children die, its temp folder goes; then a fresh helper next time
        return timed_out(display, seconds, timeout)
    try:
        return worker.receive()
    except (EOFError, OSError):
        _forget(worker)
        return died(display)


def _client(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    """A Client on `scheduler`, or on a LocalCluster of `jobs` single-thread worker processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise OptionError(
            f"--executor dask: chưa cài dask ({exc.name or 'dask'}) — cài bằng: pip install 'kehoach-parse[dask]'"
        ) from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise OptionError(
                f"--scheduler {scheduler}: không kết nối được ({exc}) — kiểm tra dask-scheduler đang chạy và địa chỉ"
            ) from exc
    cluster = LocalCluster(
        n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=50,  # CRITICAL only: stderr keeps our own one-line messages
    )  # fmt: skip
    return Client(cluster), cluster


def run_dask(
    tasks: list[Any],
    *,
    jobs: int,
    scheduler: str | None,
    timeout: float | None,
    options: dict[str, Any],
    started: Callable[[Any], None],
    done: Callable[[Any, Result], None],
) -> None:
    """Convert `tasks` ((src, out) pairs) on Dask; `done` gets each result as it arrives."""
    client, cluster = _client(scheduler, jobs)
    try:
        from dask.distributed import as_completed

        futures = {}
        run = secrets.token_hex(4)  # keys unique to this batch: a shared cluster may serve several
        for i, task in enumerate(tasks):
            display = str(task[0])
            key = f"kehoach-{run}-{i}-{os.path.basename(display)}"
            future = client.submit(convert_task, os.path.abspath(display), display, options, timeout, key=key)
            futures[future] = task
        for task in tasks[:jobs]:  # the cluster decides what runs when: show the first files as in work
            started(task)
        for future in as_completed(futures):
            task = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # a worker lost (KilledWorker) or the task raised: one failed row
                from dataclasses import asdict

                from .batch_workers import Outcome
                from .files import shown

                display = str(task[0])
                error = shown(f"{display}: tác vụ Dask thất bại ({type(exc).__name__}: {exc})")
                result = asdict(Outcome(shown(display), "failed", error=error)), None
            done(task, result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
