"""Cold start (issue 13 item 4): a parse imports only what its input and format need.

Checked as an import graph in a fresh interpreter, never as a timing: after `kehoach parse`
of a text plan none of the PDF, image, spreadsheet or terminal libraries is loaded, nor the
batch, report or other loaders' modules; a DOCX plan loads lxml but neither python-docx nor
a PDF or image library; pydantic never scans the installed distributions' entry points for
plugins, nor imports `importlib.metadata` to do so. The start-up work that was cut stays
cut without changing a byte: the collector paused for the imports always runs again, and
the fast JSON writer gives what `json.dumps` gives.
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
# Modules of ours and of the standard library a text plan has no use for.
NOT_FOR_TEXT = (
    "kehoach_parse.batch", "kehoach_parse.batch_workers", "kehoach_parse.batch_dask", "kehoach_parse.report",
    "kehoach_parse.export_xlsx", "kehoach_parse.evaluation", "kehoach_parse.loaders.pdf",
    "kehoach_parse.loaders.ocr", "kehoach_parse.loaders.docx", "kehoach_parse.loaders.legacy_doc",
    "kehoach_parse.vietnamese.lm", "importlib.metadata", "email", "email.message", "logging",
)  # fmt: skip


def all_modules_after(*args: str) -> set[str]:
    """Every module loaded once `kehoach ARGS` has run in a fresh interpreter."""
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
        print(json.dumps(sorted(sys.modules)))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def modules_after(*args: str) -> set[str]:
    """Top-level modules loaded once `kehoach ARGS` has run in a fresh interpreter."""
    return {m.split(".")[0] for m in all_modules_after(*args)}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_text_plan_loads_no_pdf_image_or_spreadsheet_library(fmt: str, tmp_path: Path) -> None:
    loaded = all_modules_after("parse", str(TEXT), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    top = {m.split(".")[0] for m in loaded}
    assert "kehoach_parse" in top and "pydantic" in top
    assert not top & set(HEAVY), sorted(top & set(HEAVY))
    assert not loaded & set(NOT_FOR_TEXT), sorted(loaded & set(NOT_FOR_TEXT))


def test_docx_plan_loads_lxml_but_not_python_docx(tmp_path: Path) -> None:
    """The DOCX loader reads the parts with lxml itself: python-docx's import and package
    build were a third of a cold DOCX parse."""
    loaded = modules_after("parse", str(DOCX), "-o", str(tmp_path / "out.json"))
    assert "lxml" in loaded
    others = set(HEAVY) - {"lxml"}
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


def _python(code: str, **env: str) -> str:
    """Run `code` in a fresh interpreter (our sources first on the path); its last stdout line."""
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **env}
    full = {k: v for k, v in full.items() if v != "-"}  # "-": remove the variable
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=full)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip().splitlines()[-1]


def test_plugin_loader_stays_pydantic_s_own_when_plugins_are_allowed() -> None:
    """The stand-in for pydantic's plugin loader is used only when plugins are disabled."""
    code = textwrap.dedent(
        """
        import sys
        import kehoach_parse.model
        loader = sys.modules["pydantic.plugin._loader"]
        print(hasattr(loader, "entry_points"), "importlib.metadata" in sys.modules)
        """
    )
    assert _python(code, PYDANTIC_DISABLE_PLUGINS="-") == "True True"
    assert _python(code, PYDANTIC_DISABLE_PLUGINS="__all__") == "False False"


def test_models_validate_with_the_plugin_loader_stand_in() -> None:
    code = textwrap.dedent(
        """
        import pydantic
        from kehoach_parse.model import Finding
        try:
            Finding(code="bad code", severity="error", message="m")
        except pydantic.ValidationError:
            print("refused")
        """
    )
    assert _python(code, PYDANTIC_DISABLE_PLUGINS="__all__") == "refused"


@pytest.mark.parametrize(
    "args",
    [
        ["parse", str(TEXT), "-o", "{tmp}/out.json"],
        ["parse", str(TEXT), "--no-such-option"],  # usage error: the command body never runs
        ["parse", "{tmp}/missing.txt", "-o", "{tmp}/out.json"],
        ["parse", str(TEXT), "--format", "xlsx"],  # refused inside the command
    ],
)
def test_collector_runs_again_however_parse_ends(args: list[str], tmp_path: Path) -> None:
    """`parse` pauses the garbage collector for its imports; it is on again whatever happens."""
    import gc

    from click.testing import CliRunner

    from kehoach_parse.cli import main

    assert gc.isenabled()
    CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert gc.isenabled()


def test_other_commands_leave_the_collector_alone() -> None:
    import gc

    from click.testing import CliRunner

    from kehoach_parse.cli import main

    gc.disable()
    try:
        CliRunner().invoke(main, ["schema"])
        assert not gc.isenabled()  # nobody's business but the caller's
    finally:
        gc.enable()


def _floats_plan():
    from kehoach_parse.model import Budget, Finding, PlanDocument, PlanRecord, Provenance, Section, Source

    source = Source(path='a\x01"\\é', sha256="0" * 64, format="text", kind="text_export", loader="text")
    values = [float("inf"), float("-inf"), float("nan"), 1e16, 1e-5, 9e-5, 1e-7, 250.0, -0.0, None, 5e-324, 0.1]
    records = [
        PlanRecord(
            id=f"I.{n}",
            seq=n + 1,
            section=Section(number="I", title="t\u2028\x7f\t", area="other"),
            budget=Budget(text="1e5 đồng", amount_million_vnd=v),
            provenance=Provenance(table=None, rows=[n], confidence=0.5, bbox=(1.0, 2.5, 1e-5, 3.0)),
        )
        for n, v in enumerate(values)
    ]
    plain = PlanRecord(
        id="I.99", seq=99, section=Section(number="I", title="Cải cách", area="other"),
        provenance=Provenance(table=0, rows=[1], confidence=1.0, field_confidence={"lead": 0.75}),
    )  # fmt: skip
    finding = Finding(code="W_X", severity="warning", message="cảnh báo")
    return PlanDocument(generator="g", source=source, records=[*records, plain], findings=[finding])


def test_fast_json_writer_gives_what_json_dumps_gives() -> None:
    """pydantic-core writes the JSON; numbers it writes differently (exponents, tiny fractions)
    fall back to `json.dumps`, non-finite floats are written as `json.dumps` writes them."""
    import io

    from kehoach_parse.export import json_bytes, write_json

    plan = _floats_plan()
    for record in plan.records:
        assert json_bytes(record) == json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2).encode()
    for doc in (plan, plan.model_copy(update={"records": []})):
        out = io.BytesIO()
        write_json(doc, out)
        assert out.getvalue() == (json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode()


def test_fast_json_writer_refuses_what_json_dumps_refuses() -> None:
    import io

    from kehoach_parse.export import write_json

    plan = _floats_plan().model_copy(update={"generator": "g\ud800"})  # a lone surrogate
    with pytest.raises(UnicodeEncodeError):
        write_json(plan, io.BytesIO())
