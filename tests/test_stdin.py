"""`kehoach parse -` reads the plan from stdin: sniffed like a file, named "-" (SPEC §2: the path as given)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, S003

KEHOACH = [sys.executable, "-m", "kehoach_parse.cli"]
DOCX = "samples/docx/004_4eb45db0ba18c56a.docx"
PDF = "samples/pdf/003_72adce018a707e85.pdf"


def run_stdin(data: bytes, *args: str, tmpdir: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, TMPDIR=tmpdir) if tmpdir else None
    return subprocess.run(
        [*KEHOACH, "parse", "-", *args], input=data, capture_output=True, cwd=ROOT, timeout=120, env=env
    )


@pytest.mark.parametrize("path", [S003, DOCX, PDF])
def test_stdin_is_sniffed_like_a_file(path: str) -> None:
    """Text, DOCX and PDF bytes on stdin give the same plan as the file, with source.path "-"."""
    from conftest import parsed

    res = run_stdin((ROOT / path).read_bytes())
    assert res.returncode == 0, res.stderr.decode()
    plan = json.loads(res.stdout)
    assert plan["source"]["path"] == "-"
    expected = json.loads(parsed(path).model_dump_json())
    expected["source"]["path"] = "-"
    assert plan == expected


def test_stdin_errors_name_dash_and_leave_no_temp_file() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        res = run_stdin(b"", tmpdir=tmp)
        assert res.returncode == 3
        assert res.stderr.decode().strip() == "kehoach: -: tệp rỗng (empty file) — cung cấp tệp kế hoạch có nội dung"
        res = run_stdin(b"PK\x03\x04 an archive, not a plan", tmpdir=tmp)
        err = res.stderr.decode()
        assert res.returncode == 3 and err.startswith("kehoach: -: ") and len(err.splitlines()) == 1
        assert "stdin" not in err.split(":", 2)[1]  # the temp copy's name never shows
        assert os.listdir(tmp) == []  # the private copy of stdin is gone


def test_stdin_to_csv_output_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    res = run_stdin((ROOT / S003).read_bytes(), "--format", "csv", "-o", str(out))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr.decode().startswith("-: 35 hoạt động")
    assert out.read_text("utf-8-sig").splitlines()[1].startswith("-,I.1,")
