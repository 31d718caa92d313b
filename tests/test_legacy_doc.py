"""Legacy `.doc`: converted through LibreOffice when it is installed, a clear error when not."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from kehoach_parse.errors import InputError
from kehoach_parse.loaders import legacy_doc, load

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _fake_doc(tmp_path: Path, *, word: bool = True) -> Path:
    body = OLE2 + b"\x00" * 504 + ("WordDocument".encode("utf-16-le") if word else b"Workbook") + b"\x01" * 2000
    path = tmp_path / "ke_hoach.doc"
    path.write_bytes(body)
    return path


def test_missing_soffice_names_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_doc.shutil, "which", lambda name: None)
    path = _fake_doc(tmp_path)
    with pytest.raises(InputError) as err:
        load(str(path))
    line = err.value.line()
    assert err.value.exit_code == 3
    assert "\n" not in line and line.startswith(f"{path}: ")
    assert "LibreOffice" in line and "soffice" in line and "libreoffice-writer" in line


def test_missing_soffice_with_empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert legacy_doc.find_soffice() is None
    with pytest.raises(InputError, match="libreoffice-writer"):
        load(str(_fake_doc(tmp_path)))


def test_ole2_that_is_not_word_is_unsupported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported content"):
        load(str(_fake_doc(tmp_path, word=False)))


def _soffice() -> str:
    found = legacy_doc.find_soffice()
    if found is None:
        pytest.skip("LibreOffice (soffice) not installed")
    return found


def _make_doc(tmp_path: Path) -> Path:
    """A real .doc: python-docx -> ODT -> Word 97 (LibreOffice drops tables going straight
    from python-docx's template to .doc, so the detour through ODT)."""
    docx = pytest.importorskip("docx")
    soffice = _soffice()
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính năm 2022")
    t = document.add_table(rows=4, cols=6)
    t.style = "Table Grid"
    for i, title in enumerate(["STT", "Mục tiêu", "Hoạt động", "Sản phẩm", "Chủ trì", "Thời gian"]):
        t.cell(0, i).text = title
    for r in (1, 2, 3):
        t.cell(r, 0).text = str(r)
        t.cell(r, 2).text = f"Hoạt động {r}"
    t.cell(1, 1).merge(t.cell(3, 1)).text = "1.1. Mục tiêu 1: Nâng cao chất lượng"
    buf = io.BytesIO()
    document.save(buf)
    src = tmp_path / "plan.docx"
    src.write_bytes(buf.getvalue())
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for target, inp in (("odt", src), ("doc", tmp_path / "plan.odt")):
        subprocess.run(
            [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(inp)],
            capture_output=True,
            timeout=180,
            check=True,
            env=env,
        )
    out = tmp_path / "plan.doc"
    assert out.read_bytes().startswith(OLE2)
    return out


def test_doc_is_converted_when_libreoffice_is_installed(tmp_path: Path) -> None:
    path = _make_doc(tmp_path)
    src = load(str(path))
    assert src.format == "docx" and src.loader == "doc.soffice"
    assert src.path == str(path)
    assert [p.text for p in src.paragraphs][:2] == ["KẾ HOẠCH", "Cải cách hành chính năm 2022"]
    (table,) = src.tables
    merged = [c for row in table.rows for c in row.cells if "Mục tiêu 1" in c.text]
    assert len(merged) == 1 and merged[0].row_span == 3


def test_soffice_failure_is_an_input_error(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    # a Word stream name but nothing LibreOffice can read
    path = tmp_path / "hong.doc"
    path.write_bytes(OLE2 + b"\xff" * 100 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        load(str(path))
    assert "\n" not in err.value.line()
