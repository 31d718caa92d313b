"""Run a helper program (LibreOffice, tesseract) so that it never outlives the command.

Each child runs in its own process group under a one-line `sh` guard. The group is killed
as a whole on timeout, on any exception in the caller (SIGTERM/SIGINT become exceptions
through `stop_on_signals`), and after a normal exit (LibreOffice's `soffice.bin` may linger
after its launcher returns). If the Python process dies without a chance to clean up
(`kill -9`), the guard gets SIGTERM from the kernel (`PR_SET_PDEATHSIG`) and kills the group:
the death signal reaches only a direct child, so the guard is what carries it to grandchildren.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from types import FrameType

__all__ = ["die_with_parent", "kill_all", "run_child", "scratch_dir", "stop_on_signals"]

PR_SET_PDEATHSIG = 1
# The guard: kill the whole group when told to stop (or when the parent dies, see above).
# `wait` is interruptible, so the trap runs at once; the exit status is the program's.
_GUARD = 'trap "kill -KILL 0" TERM INT HUP; "$@" & wait $!'

_live: set[int] = set()  # process groups started and not yet reaped
_lock = threading.Lock()
_stopping = threading.Event()  # set by a stop signal: no new child may start (OCR threads)


def _find_prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once in the parent (no dlopen between fork and exec)."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: the parent's own cleanup must do
        return None


_prctl = _find_prctl()


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask the kernel to send `sig` to this process when its parent dies (Linux; else nothing)."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)


def _child_setup(parent: int) -> None:
    """preexec_fn (after fork, before exec): die with the parent, even if it is already gone."""
    die_with_parent(signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def run_child(
    cmd: Sequence[str], *, timeout: float, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `cmd` (stdin closed, stdout/stderr captured) bounded by `timeout` seconds.

    Raises `subprocess.TimeoutExpired` (the group already killed) or `OSError` if the
    program cannot be started. Nothing the child started survives this call.
    """
    if _stopping.is_set():  # unwinding after SIGTERM/SIGINT: the next page must not start one
        raise ChildProcessError(f"{cmd[0]}: not started, the command is stopping")
    if not os.access(cmd[0], os.X_OK):  # the guard would only say "not found" in its stderr
        raise FileNotFoundError(2, os.strerror(2), cmd[0])
    parent = os.getpid()
    proc = subprocess.Popen(  # fixed argv: cmd is passed as "$@", never interpolated
        ["/bin/sh", "-c", _GUARD, "kehoach-guard", *cmd],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=None if env is None else dict(env),
        start_new_session=True,
        preexec_fn=lambda: _child_setup(parent),
    )
    with _lock:
        _live.add(proc.pid)
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:  # timeout, SIGTERM/SIGINT turned into exceptions, anything else
        _kill_group(proc.pid)
        proc.communicate()
        raise
    finally:
        _kill_group(proc.pid)  # leftovers of a normal exit
        with _lock:
            _live.discard(proc.pid)
    return subprocess.CompletedProcess(list(cmd), proc.returncode, out, err)


def scratch_dir(prefix: str) -> tempfile.TemporaryDirectory[str]:
    """A private temp folder for a child's files, removed when the `with` block ends.

    A batch worker points `tempfile.tempdir` at a folder of its own that does not exist yet
    (the batch removes it whatever becomes of the worker); it is made here, on first need,
    so a worker that never starts a child leaves nothing behind even if it is killed.
    """
    os.makedirs(tempfile.gettempdir(), mode=0o700, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=prefix)


def kill_all() -> None:
    """Kill every child group still running (a signal handler's first step)."""
    with _lock:
        groups = list(_live)
    for pgid in groups:
        _kill_group(pgid)


def _stop(signum: int, frame: FrameType | None) -> None:
    _stopping.set()
    kill_all()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def stop_on_signals() -> None:
    """SIGTERM/SIGHUP/SIGINT: kill the children, then unwind (so `finally` blocks remove temp dirs)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, _stop)
