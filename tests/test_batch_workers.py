"""Warm batch workers (issue 13 item 1): one worker parses many files; a worker killed mid-file,
a file past --timeout and a SIGTERM of the batch cost only what they must, and no child
process or temp folder outlives a worker however it ends. Waits are generous guards against
hangs, never speed measurements.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing as mp
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, S003, S004, alive, fake_doc, hanging_soffice, kill_logged, logged_pids, wait_until
from kehoach_parse import pipeline
from kehoach_parse.batch import run_batch

HANG_GUARD = 120  # seconds; a run that takes this long has hung


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """A private temp root for the workers and a log of the pids their children start."""
    tmp, log = tmp_path / "tmp", tmp_path / "pids.log"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    yield tmp, log
    kill_logged(log)


def _folder(tmp_path: Path, names: list[str]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        shutil.copy(S004 if name.startswith("b") else S003, src / name)
    return src


def _child_then(log: Path, then: str) -> Callable[..., object]:
    """A parse that, for `slow*` files, makes a scratch folder and starts a child that starts its own
    child (like soffice -> soffice.bin) and then runs `then` (the shell code); other files parse for real."""
    real = pipeline.parse

    def parse(path: str, **options: object) -> object:
        if not Path(path).name.startswith("slow"):
            return real(path, **options)
        from kehoach_parse.children import run_child, scratch_dir

        with scratch_dir("kehoach-test-") as folder:
            (Path(folder) / "work.tmp").write_text("x")
            script = f"sleep 300 & echo $$ $! >> {log}; {then.format(worker=os.getpid())}; sleep 300"
            run_child(["/bin/sh", "-c", script], timeout=600)
        raise AssertionError("unreachable: the child never ends by itself")

    return parse


def _no_workers_left() -> None:
    wait_until(lambda: not mp.active_children(), "the batch workers to end")


def test_one_worker_parses_many_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scratch) -> None:
    tmp, log = scratch
    real = pipeline.parse

    def spy(path: str, **options: object) -> object:
        with open(log.with_suffix(".workers"), "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(path, **options)

    monkeypatch.setattr(pipeline, "parse", spy)
    src = _folder(tmp_path, [f"a{k}.txt" for k in range(4)] + [f"b{k}.txt" for k in range(4)])
    outcomes = run_batch(src, tmp_path / "out", jobs=2)
    assert [o.status for o in outcomes] == ["ok"] * 8
    assert [o.records for o in outcomes] == [35] * 4 + [82] * 4
    workers = set(log.with_suffix(".workers").read_text().split())
    assert 1 <= len(workers) <= 2 and str(os.getpid()) not in workers  # warm, long-lived, not the parent
    first = json.loads((tmp_path / "out" / "a0.txt.json").read_text(encoding="utf-8"))
    assert first["source"]["path"] == str(src / "a0.txt") and len(first["records"]) == 35
    _no_workers_left()
    assert not list(tmp.iterdir())


def test_worker_killed_mid_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scratch) -> None:
    tmp, log = scratch
    monkeypatch.setattr(pipeline, "parse", _child_then(log, "kill -KILL {worker}"))
    src = _folder(tmp_path, ["a1.txt", "slow.txt", "a2.txt", "b1.txt"])
    outcomes = {Path(o.file).name: o for o in run_batch(src, tmp_path / "out", jobs=1)}
    assert outcomes["slow.txt"].status == "failed" and "dừng đột ngột" in (outcomes["slow.txt"].error or "")
    assert all(outcomes[n].status == "ok" for n in ("a1.txt", "a2.txt", "b1.txt"))  # a new worker took over
    assert not (tmp_path / "out" / "slow.txt.json").exists()
    assert len(logged_pids(log)) == 2
    wait_until(lambda: not any(alive(p) for p in logged_pids(log)), "the killed worker's children to die")
    _no_workers_left()
    assert not list(tmp.iterdir())


def test_timeout_replaces_the_worker_and_kills_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scratch
) -> None:
    tmp, log = scratch
    monkeypatch.setattr(pipeline, "parse", _child_then(log, "true"))
    src = _folder(tmp_path, ["a1.txt", "slow1.txt", "slow2.txt", "b1.txt"])
    outcomes = {Path(o.file).name: o for o in run_batch(src, tmp_path / "out", jobs=2, timeout=1.5)}
    assert {n: o.status for n, o in outcomes.items()} == {
        "a1.txt": "ok", "slow1.txt": "timeout", "slow2.txt": "timeout", "b1.txt": "ok",
    }  # fmt: skip
    assert "--timeout" in (outcomes["slow1.txt"].error or "")
    assert len(logged_pids(log)) == 4
    wait_until(lambda: not any(alive(p) for p in logged_pids(log)), "the stopped workers' children to die")
    _no_workers_left()
    assert not list(tmp.iterdir())


def test_sigterm_of_the_batch_stops_every_worker(tmp_path: Path) -> None:
    env, tmp, log = hanging_soffice(tmp_path)
    src = _folder(tmp_path, ["a1.txt"])
    fake_doc(src, "cu1.doc")
    fake_doc(src, "cu2.doc")
    cmd = [sys.executable, "-m", "kehoach_parse.cli", "batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "2"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: len(logged_pids(log)) == 4, "both fake soffice programs to start")
        workers = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=HANG_GUARD)
    finally:
        proc.kill()
        for pid in logged_pids(log):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode != 0 and b"Traceback" not in err, err
    assert len(workers) == 2
    wait_until(lambda: not any(alive(p) for p in [*workers, *logged_pids(log)]), "workers and their children to die")
    wait_until(lambda: not any(tmp.iterdir()), f"temp folders to go: {list(tmp.iterdir())}")
    assert not list((tmp_path / "out").glob("*.tmp"))
