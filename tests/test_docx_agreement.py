"""DOCX end to end: every generated DOCX gives its text twin's records; merges never
duplicate text; legacy-encoded samples decode; bad DOCX/DOC input fails cleanly.

That each generated DOCX gives the *reviewed* records is asserted by tests/test_expectations.py,
which lists them as sources of the seeds' expectations."""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXPECTED, ROOT, SAMPLES, parsed
from kehoach_parse.cli import main
from kehoach_parse.evaluation import load_expectation
from kehoach_parse.loaders import legacy_doc

DOCX_DIR = SAMPLES / "docx"
LEGACY_DIR = SAMPLES / "legacy"


@cache
def generator() -> ModuleType:
    """samples/make_samples.py, imported by path (samples/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "samples" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_samples", module)
    spec.loader.exec_module(module)
    return module


def comparable(records: list[Any]) -> list[dict[str, Any]]:
    """Records without provenance (rows, lines, pages differ by format) and repairs."""
    out = []
    for r in records:
        d = r if isinstance(r, dict) else r.model_dump(mode="json")
        out.append({k: v for k, v in d.items() if k not in ("provenance", "repairs")})
    return out


def first_difference(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> str:
    if len(got) != len(want):
        return f"{len(got)} records, expected {len(want)}"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        for key in w:
            if g.get(key) != w.get(key):
                return (
                    f"record {i} ({w.get('id')}) field {key}:\n"
                    f"  docx: {json.dumps(g.get(key), ensure_ascii=False)[:400]}\n"
                    f"  text: {json.dumps(w.get(key), ensure_ascii=False)[:400]}"
                )
    return "equal"


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


DOCX_SAMPLES = sorted(DOCX_DIR.glob("*.docx")) if DOCX_DIR.is_dir() else []


@pytest.mark.parametrize("docx_path", DOCX_SAMPLES, ids=[p.name for p in DOCX_SAMPLES])
def test_docx_sample_records_equal_text_twin(docx_path: Path) -> None:
    stem = docx_path.name.split(".")[0]
    twin = SAMPLES / f"{stem}.txt"
    if not twin.is_file():
        pytest.skip(f"no text twin {twin.name}")
    doc = parsed(_rel(docx_path))
    assert doc.source.format == "docx" and doc.source.loader == "docx"
    got, want = comparable(doc.records), comparable(parsed(_rel(twin)).records)
    assert got == want, first_difference(got, want)


STANDARD_DOCX = [p for p in DOCX_SAMPLES if p.name.count(".") == 1]


@pytest.mark.parametrize("docx_path", STANDARD_DOCX, ids=[p.name for p in STANDARD_DOCX])
def test_docx_body_metadata_equals_text_twin(docx_path: Path) -> None:
    """The generator prints the reviewed metadata in a Word body (national header block,
    number, place and date, title, legal bases, signer): reading it back gives the same."""
    twin = SAMPLES / f"{docx_path.name.split('.')[0]}.txt"
    if not twin.is_file():
        pytest.skip(f"no text twin {twin.name}")
    got = parsed(_rel(docx_path)).metadata.model_dump(mode="json")
    want = parsed(_rel(twin)).metadata.model_dump(mode="json")
    diffs = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    assert not diffs, f"docx vs text: {json.dumps(diffs, ensure_ascii=False)}"


def test_every_seed_with_records_has_docx_samples() -> None:
    """Every reviewed expectation whose primary source is a text export with records has its DOCX twins
    (samples/make_samples.py); whether those give the expected records is tests/test_expectations.py's job."""
    stems = []
    for path in sorted(EXPECTED.rglob("*.toml")):
        exp = load_expectation(path)
        primary = exp.sources[0]
        if exp.reviewed and exp.records and parsed(primary).source.kind == "text_export":
            stems.append(Path(primary).name.split(".")[0])
    if not stems:
        pytest.skip("no reviewed expectation with records yet")
    for stem in stems:
        for suffix in ("", ".twoheader", ".reordered"):
            assert (DOCX_DIR / f"{stem}{suffix}.docx").is_file(), f"run python samples/make_samples.py ({stem}{suffix})"


# --- merged cells ---------------------------------------------------------------------------------


def _record(n: int, objective: str, task: str) -> dict[str, Any]:
    return {
        "stt": str(n),
        "section": {"number": "I", "title": "Cải cách thể chế", "area": "the_che"},
        "objective": {"number": "1.1", "label": "Mục tiêu 1", "text": objective},
        "task": {"number": "2.1", "label": "Nhiệm vụ 1", "text": task},
        "activity": {"number": f"3.{n}", "label": f"Hoạt động {n}", "text": f"Rà soát văn bản đợt {n}"},
        "outputs": ["Báo cáo kết quả rà soát"],
        "lead": [{"text": "Sở Tư pháp"}],
        "partners": [{"text": "Các sở, ban, ngành"}],
        "deadline": {"text": "Quý IV/2025"},
        "budget": None,
        "notes": None,
    }


def test_objective_merged_over_three_rows_is_read_once_per_record(tmp_path: Path) -> None:
    from kehoach_parse.loaders import load
    from kehoach_parse.pipeline import parse

    objective = "Nâng cao chất lượng văn bản quy phạm pháp luật"
    task = "Rà soát, hệ thống hóa văn bản"
    plan = {"metadata": {}, "records": [_record(n, objective, task) for n in (1, 2, 3)]}
    path = tmp_path / "merged.docx"
    path.write_bytes(generator().build_docx(plan))

    (table,) = load(str(path)).tables
    cells = [c for row in table.rows for c in row.cells]
    (obj_cell,) = [c for c in cells if objective in c.text]
    assert obj_cell.row_span == 3 and obj_cell.text.count(objective) == 1
    (task_cell,) = [c for c in cells if task in c.text]
    assert task_cell.row_span == 3

    records = parse(str(path)).records
    assert len(records) == 3
    for rec in records:
        assert rec.objective is not None and rec.objective.text == objective
        assert rec.task is not None and rec.task.text == task
        dumped = json.dumps(rec.model_dump(mode="json"), ensure_ascii=False)
        assert dumped.count(objective) == 1, "objective text duplicated inside a record"
    assert [r.activity.text for r in records if r.activity] == [f"Rà soát văn bản đợt {n}" for n in (1, 2, 3)]


# --- legacy encodings ------------------------------------------------------------------------------

LEGACY_SAMPLES = (
    sorted(p for p in LEGACY_DIR.glob("*.*") if p.suffix in (".docx", ".txt", ".doc")) if LEGACY_DIR.is_dir() else []
)


@pytest.mark.parametrize("repair", [True, False], ids=["repair", "no-repair"])
@pytest.mark.parametrize("path", LEGACY_SAMPLES, ids=[p.name for p in LEGACY_SAMPLES])
def test_legacy_sample_decodes_to_unicode(path: Path, repair: bool) -> None:
    stem, encoding = path.name.split(".")[:2]
    if path.suffix == ".doc" and legacy_doc.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    doc = parsed(_rel(path), repair_text=repair)
    assert doc.source.encoding == encoding
    legacy = [f for f in doc.findings if f.code == "I_LEGACY_ENCODING"]
    assert len(legacy) == 1 and legacy[0].severity == "info"
    assert doc.metadata.title is not None and "Cải cách hành chính" in doc.metadata.title
    # the legacy files carry the first records of their text twin, re-encoded: decoding gives the twin's records
    twin = SAMPLES / f"{stem}.txt"
    if not twin.is_file():
        return
    want = comparable(parsed(_rel(twin)).records)[: len(doc.records)]
    got = comparable(doc.records)
    assert len(got) == generator().LEGACY_MAX_RECORDS
    if path.name.endswith(".tcvn3.txt"):
        # a TCVN3 text file has lost the .VnTimeH font that drew toned capitals (`Ủy` reads `ủy`)
        got_s, want_s = (json.dumps(x, ensure_ascii=False).casefold() for x in (got, want))
        assert got_s == want_s
    else:
        assert got == want, first_difference(got, want)


# --- bad input, through the command line ---------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _small_docx(tmp_path: Path) -> bytes:
    plan = {"metadata": {}, "records": [_record(n, "Mục tiêu thử", "Nhiệm vụ thử") for n in (1, 2)]}
    return generator().build_docx(plan)


def test_truncated_docx_exit_3_one_line(tmp_path: Path) -> None:
    data = _small_docx(tmp_path)
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: int(len(data) * 0.6)])
    code, out, err = run("parse", str(path))
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 3 and out == "" and len(lines) == 1, err
    assert str(path) in lines[0] and "DOCX" in lines[0] and "Traceback" not in err


def test_docx_without_table_exit_0_with_w_no_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính nhà nước năm 2025")
    path = tmp_path / "no_table.docx"
    document.save(str(path))
    code, out, _ = run("parse", str(path))
    assert code == 0
    plan = json.loads(out)
    assert plan["records"] == [] and "W_NO_TABLE" in {f["code"] for f in plan["findings"]}


def test_doc_without_libreoffice_exit_3_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_doc.shutil, "which", lambda name: None)
    path = tmp_path / "cu.doc"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\1" * 500
    )
    code, out, err = run("parse", str(path))
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 3 and out == "" and len(lines) == 1, err
    assert str(path) in lines[0] and "LibreOffice" in lines[0] and "libreoffice-writer" in lines[0]
