"""`batch --executor dask` (issue 13 item 2) on a 2-worker LocalCluster (processes=True, what the
CLI starts without --scheduler): every per-file JSON byte-identical to the local executor's,
summaries equal except timings, --resume, --timeout and exit codes the same. Skipped when dask
is not installed (`pip install 'kehoach-parse[dask]'`; CI installs the extra).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, S000, S001, S003, S004, alive, fake_doc, hanging_soffice

pytest.importorskip("dask.distributed")

HANG_GUARD = 300  # seconds; a cluster start plus the batch, generously


def kehoach(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "kehoach_parse.cli", *args]
    return subprocess.run(cmd, capture_output=True, timeout=HANG_GUARD, env=env, cwd=cwd, check=False)


def _rows(out: Path) -> list[dict]:
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for row in rows:
        row.pop("seconds")
    return rows


def _folder(root: Path) -> Path:
    """A few samples (text, DOCX, a misleading name) and a bad file."""
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(S000, src / "000.txt")
    shutil.copy(S003, src / "sub" / "003.txt")
    shutil.copy(S004, src / "004.txt")
    shutil.copy(S001, src / "001.docx")  # a text file with a misleading name
    docx = sorted(ROOT.glob("samples/docx/*.docx"))[:1]
    for p in docx:
        shutil.copy(p, src / p.name)
    (src / "empty.txt").write_bytes(b"")
    return src


def test_dask_outputs_equal_the_local_executor(tmp_path: Path) -> None:
    _folder(tmp_path)  # run from tmp_path with a relative DIR: source.path is "in/…" either way
    local, dask = tmp_path / "local", tmp_path / "dask"
    a = kehoach("batch", "in", "-o", "local", "--jobs", "2", cwd=tmp_path)
    b = kehoach("batch", "in", "-o", "dask", "--jobs", "2", "--executor", "dask", cwd=tmp_path)
    assert (a.returncode, b.returncode) == (3, 3), b.stderr.decode()
    assert b.stderr.decode().splitlines() == a.stderr.decode().replace("local/", "dask/").splitlines()
    outputs = sorted(p.relative_to(local) for p in local.rglob("*.json") if p.name != "summary.json")
    assert len(outputs) == 5 and json.loads((local / outputs[0]).read_text(encoding="utf-8"))["source"]["path"] == (
        f"in/{outputs[0].as_posix().removesuffix('.json')}"
    )
    assert outputs == sorted(p.relative_to(dask) for p in dask.rglob("*.json") if p.name != "summary.json")
    for rel in outputs:
        assert (local / rel).read_bytes() == (dask / rel).read_bytes(), rel
    assert _rows(local) == _rows(dask)
    assert [r["status"] for r in _rows(dask)].count("failed") == 1
    # --resume on Dask skips what is up to date, exactly as locally
    c = kehoach("batch", "in", "-o", "dask", "--jobs", "2", "--executor", "dask", "--resume", cwd=tmp_path)
    assert c.returncode == 3 and "0 đã chuyển, 5 bỏ qua" in c.stderr.decode()


def test_dask_timeout_stops_the_file_and_its_children(tmp_path: Path) -> None:
    env, tmp, log = hanging_soffice(tmp_path)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(S003, src / "003.txt")
    fake_doc(src)
    out = tmp_path / "out"
    try:
        proc = kehoach(
            "batch", str(src), "-o", str(out), "--executor", "dask", "--jobs", "2", "--timeout", "3", env=env
        )
        rows = {Path(r["file"]).name: r for r in _rows(out)}
        assert proc.returncode == 3 and b"Traceback" not in proc.stderr, proc.stderr.decode()
        assert rows["cu.doc"]["status"] == "timeout" and rows["003.txt"]["status"] == "ok"
        pids = [int(p) for p in log.read_text().split()]
        assert len(pids) == 2
        deadline = time.monotonic() + 60
        while any(alive(p) for p in pids) or any(p.name.startswith("kehoach-") for p in tmp.iterdir()):
            assert time.monotonic() < deadline, (pids, list(tmp.iterdir()))
            time.sleep(0.1)
    finally:
        for pid in [int(p) for p in log.read_text().split()] if log.exists() else []:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
