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
