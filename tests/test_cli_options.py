"""Options wired through the command line: --limits, UTF-16 text, ocr values in the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import S004
from kehoach_parse.cli import main
from kehoach_parse.pipeline import parse


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_utf16_text_with_bom_is_read(tmp_path: Path) -> None:
    src = tmp_path / "utf16.txt"
    src.write_bytes(Path(S004).read_text("utf-8").encode("utf-16"))  # with its BOM
    code, out, err = run("parse", str(src))
    assert code == 0, err
    assert '"number": "VII"' in out


def test_limits_option(tmp_path: Path) -> None:
    code, _, err = run("parse", S004, "--limits", "text=1k")
    assert code == 3 and len(err.strip().splitlines()) == 1 and "--limits text=" in err
    assert run("parse", S004, "--limits", "text=10M")[0] == 0
    code, _, err = run("parse", S004, "--limits", "bogus=1")
    assert code == 2 and "bogus" in err


def test_api_refuses_an_unknown_ocr_mode_and_takes_a_path() -> None:
    with pytest.raises(ValueError, match="ocr"):
        parse(S004, ocr="sometimes")
    assert len(parse(Path(S004)).records) == 82


def test_csv_headers_vi_are_the_xlsx_titles() -> None:
    """`--headers vi` titles the CSV like the Excel sheet `Hoạt động`, from one shared table."""
    import csv
    import io

    from kehoach_parse.export import COLUMN_TITLES_VI, CSV_COLUMNS
    from kehoach_parse.export_xlsx import RECORD_COLUMNS

    code, out, err = run("parse", S004, "--format", "csv", "--headers", "vi")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0][:4] == ["Tệp", "Mã", "Thứ tự", "STT"]
    assert "Cơ quan chủ trì" in rows[0] and "Thời gian" in rows[0] and "Phát hiện" in rows[0]
    assert len(rows) == 83 and all(len(r) == len(CSV_COLUMNS) for r in rows)
    # the English header (the default) is unchanged, and the data rows are the same
    _, out_en, _ = run("parse", S004, "--format", "csv")
    assert out_en.splitlines()[1:] == out.splitlines()[1:]
    assert out_en.removeprefix("\ufeff").startswith(",".join(CSV_COLUMNS))
    # every Excel column title is a title of the shared table (no second spelling anywhere)
    assert {name for name, _ in RECORD_COLUMNS} <= set(COLUMN_TITLES_VI.values())
    assert run("parse", S004, "--format", "csv", "--headers", "fr")[0] == 2


def test_help_names_the_vietnamese_columns() -> None:
    _, out, _ = run("parse", "--help")
    assert "Hoạt động" in out and "Cơ quan chủ trì" in out and "--headers" in out
    assert "stdin" in out and "--verbose" in out
    _, out, _ = run("report", "--help")
    assert "ảnh cắt trang" in out


def test_parse_verbose_prints_one_line_per_page_and_is_quiet_otherwise(tmp_path: Path) -> None:
    pdf = "samples/pdf/003_72adce018a707e85.pdf"
    code, _, err = run("parse", pdf, "--verbose", "-o", str(tmp_path / "a.json"))
    assert code == 0, err
    lines = err.splitlines()
    assert [ln for ln in lines if "trang" in ln and "xong" in ln] == [f"{pdf}: trang {k}/9 xong" for k in range(1, 10)]
    code, _, err = run("parse", pdf, "-o", str(tmp_path / "b.json"))  # not a terminal: only the closing line
    assert code == 0 and len(err.splitlines()) == 1 and "35 hoạt động" in err


def test_parse_on_a_terminal_shows_pages_done_of_total(tmp_path: Path) -> None:
    """stderr a terminal (a pty here): a transient `trang … 9/9` bar, then the one closing line."""
    import os
    import pty
    import subprocess
    import sys

    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kehoach_parse.cli", "parse", "samples/pdf/003_72adce018a707e85.pdf",
         "-o", str(tmp_path / "p.json")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child_fd,
    )  # fmt: skip
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    assert proc.wait(timeout=120) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "9/9" in shown and "trang" in shown
    assert "35 hoạt động, 0 lỗi, 1 cảnh báo" in shown
