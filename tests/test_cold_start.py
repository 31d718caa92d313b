"""Cold start (issue 13 item 4): a parse imports only what its input and format need.

Checked as an import graph in a fresh interpreter, never as a timing: after `kehoach parse`
of a text plan none of the PDF, image, spreadsheet or terminal libraries is loaded, and a
DOCX plan loads python-docx but still no PDF or image library; pydantic never scans the
installed distributions' entry points for plugins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "samples" / "004_4eb45db0ba18c56a.txt"
DOCX = ROOT / "samples" / "docx" / "004_4eb45db0ba18c56a.docx"
HEAVY = ("pdfplumber", "pdfminer", "pypdfium2", "PIL", "openpyxl", "rich", "numpy", "docx", "lxml")


def modules_after(*args: str) -> set[str]:
    """Top-level modules loaded once `kehoach ARGS` has run in a fresh interpreter."""
    code = textwrap.dedent(
        f"""
        import json, sys
        from kehoach_parse.cli import main
        sys.argv = ["kehoach", *{list(args)!r}]
        try:
            main()
        except SystemExit as exc:
            assert not exc.code, exc.code
        import pydantic.plugin._loader as plugins
        assert plugins._plugins is None, "pydantic scanned the entry points for plugins"
        print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_text_plan_loads_no_pdf_image_or_spreadsheet_library(fmt: str, tmp_path: Path) -> None:
    loaded = modules_after("parse", str(TEXT), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    assert "kehoach_parse" in loaded and "pydantic" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_docx_plan_loads_python_docx_only(tmp_path: Path) -> None:
    loaded = modules_after("parse", str(DOCX), "-o", str(tmp_path / "out.json"))
    assert {"docx", "lxml"} <= loaded
    others = set(HEAVY) - {"docx", "lxml"}
    assert not loaded & others, sorted(loaded & others)


def test_help_loads_no_parsing_library() -> None:
    code = textwrap.dedent(
        """
        import sys
        from kehoach_parse.cli import main
        sys.argv = ["kehoach", "--help"]
        try:
            main()
        except SystemExit:
            pass
        print(sorted(m for m in ("pydantic", "rapidfuzz", "pdfplumber", "docx", "PIL") if m in sys.modules))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"
