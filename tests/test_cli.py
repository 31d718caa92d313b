"""CLI level: exit codes and one-line messages for good and bad input (SPEC §3–4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import S003, S004
from kehoach_parse import __version__
from kehoach_parse.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, err: str, path: str, words: str) -> None:
    assert code == 3
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert path in lines[0] and words in lines[0]
    assert "Traceback" not in err


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"kehoach-parse {__version__}"


def test_parse_to_stdout_is_json() -> None:
    code, out, err = run("parse", S004)
    assert code == 0, err
    data = json.loads(out)
    assert data["source"]["path"] == S004 and len(data["records"]) == 82


def test_parse_to_file_is_byte_identical_twice(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run("parse", S003, "-o", str(a))[0] == 0
    assert run("parse", S003, "-o", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_csv_has_bom_and_vietnamese(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    assert run("parse", S004, "--format", "csv", "-o", str(out))[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "Sở Nội vụ" in text and len(text.strip().splitlines()) == 83


def test_jsonl_has_one_record_per_line() -> None:
    code, out, _ = run("parse", S004, "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 82
    first = json.loads(lines[0])
    assert first["id"] == "I.1" and first["source"]["path"] == S004 and "metadata" in first


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "nope.pdf", "không tìm thấy tệp"),
        (lambda d: d, "là một thư mục"),
        (lambda d: _write(d / "empty.txt", b""), "tệp rỗng"),
        (lambda d: _write(d / "blank.txt", b"  \n\n "), "tệp rỗng"),
        (lambda d: _write(d / "random.pdf", bytes(range(256)) * 40), "nội dung không được hỗ trợ"),
        (lambda d: _xlsx(d / "sheet.docx"), "ZIP/XLSX"),
    ],
    ids=["missing", "directory", "empty", "blank", "random-bytes", "xlsx-named-docx"],
)
def test_bad_input_one_line_exit_3(tmp_path: Path, make, words: str) -> None:
    path = str(make(tmp_path))
    code, out, err = run("parse", path)
    assert out == ""
    assert_one_line_error(code, err, path, words)


def test_bad_input_leaves_no_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, _, _ = run("parse", str(_write(tmp_path / "e.txt", b"")), "-o", str(target))
    assert code == 3 and not target.exists()


def test_usage_error_exit_2() -> None:
    assert run("parse", S004, "--format", "xml")[0] == 2
    assert run("frobnicate")[0] == 2


def test_schema_command_prints_the_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "PlanDocument"


def test_help_is_fast_and_lazy() -> None:
    """`--help` must not import the heavy parts (pdfplumber, docx, the language model)."""
    probe = (
        "import sys; from kehoach_parse.cli import main\n"
        "heavy = [m for m in ('pdfplumber', 'docx', 'rapidfuzz', 'pydantic') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == ""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return path
