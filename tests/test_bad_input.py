"""SPEC §4 bad input, through every command that reads plans: parse, validate and batch.

Each case: one line on stderr naming the file, exit 3, no output file — and in `batch` a
failed row in the summary while the other files are still converted.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, S003
from kehoach_parse.cli import main


def _zip(path: Path, entries: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def _truncated(src: Path, dst: Path, keep: float = 0.5) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst


CASES = {
    "missing": (lambda d: d / "nope.docx", "không tìm thấy tệp"),
    "empty": (lambda d: _write(d / "empty.pdf", b""), "tệp rỗng"),
    "random-bytes": (lambda d: _write(d / "noise.docx", bytes(range(256)) * 64), "không được hỗ trợ"),
    "xlsx-as-pdf": (lambda d: _zip(d / "sheet.pdf", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}),
                    "ZIP/XLSX"),
    "truncated-docx": (lambda d: _truncated(ROOT / "samples/docx/003_72adce018a707e85.docx", d / "cut.docx"), "DOCX"),
    "truncated-pdf": (lambda d: _truncated(ROOT / "samples/pdf/003_72adce018a707e85.pdf", d / "cut.pdf"), "PDF"),
    "encrypted-pdf": (lambda d: Path(shutil.copy(ROOT / "samples/pdf/bad/encrypted.pdf", d / "x.pdf")), "mật khẩu"),
}  # fmt: skip


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_parse_and_validate(tmp_path: Path, case: str) -> None:
    make, words = CASES[case]
    path = str(make(tmp_path))
    for args in (("parse", path, "-o", str(tmp_path / "out.json")), ("validate", path)):
        code, _, err = _run(*args)
        lines = err.strip().splitlines()
        assert code == 3 and len(lines) == 1 and path in lines[0] and words in lines[0], (args, err)
        assert "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


def test_batch_isolates_every_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (make, _) in CASES.items():
        if name != "missing":
            make(folder)
    shutil.copy(S003, folder / "good.txt")
    out = tmp_path / "out"
    code, _, _ = _run("batch", str(folder), "-o", str(out), "--jobs", "2")
    summary = {Path(r["file"]).name: r for r in json.loads((out / "summary.json").read_text(encoding="utf-8"))}
    assert code == 3
    assert summary.pop("good.txt")["status"] == "ok"
    assert summary and all(r["status"] == "failed" and r["error"] for r in summary.values())
    assert sorted(p.name for p in out.glob("*.json")) == ["good.txt.json", "summary.json"]


def test_killed_batch_leaves_no_partial_json(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for k in range(30):
        shutil.copy(S003, folder / f"{k:02d}.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kehoach_parse.cli", "batch", str(folder), "-o", str(out), "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.txt.json"))) < 3:
        time.sleep(0.05)
    import os

    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = list(out.glob("*.txt.json"))
    assert 0 < len(written) < 30
    for path in written:  # every file that exists is whole
        assert json.loads(path.read_text(encoding="utf-8"))["records"]
