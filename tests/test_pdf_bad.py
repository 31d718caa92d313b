"""Bad PDFs: one line naming the file on stderr, exit 3, no output file (SPEC §4)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach_parse.cli import main
from kehoach_parse.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
ENCRYPTED = ROOT / "samples" / "pdf" / "bad" / "encrypted.pdf"  # LibreOffice export, open password "matkhau"
DIGITAL = ROOT / "samples" / "pdf" / "003_72adce018a707e85.pdf"


def _xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    return buf.getvalue()


def _run(path: Path, tmp_path: Path, *extra: str):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["parse", str(path), "-o", str(out), *extra])
    return result, out


def _assert_one_line_exit_3(result, out: Path, path: Path, *needles: str) -> None:
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(path) in lines[0]
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_encrypted_pdf(tmp_path: Path) -> None:
    result, out = _run(ENCRYPTED, tmp_path)
    _assert_one_line_exit_3(result, out, ENCRYPTED, "mật khẩu", "password")


def test_truncated_pdf(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    data = DIGITAL.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    result, out = _run(cut, tmp_path)
    _assert_one_line_exit_3(result, out, cut, "truncated")


def test_pdf_with_broken_body(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ngarbage\n%%EOF\n")
    result, out = _run(broken, tmp_path)
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1 and str(broken) in result.stderr
    assert not out.exists()


def test_xlsx_renamed_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_bytes(_xlsx_bytes())
    result, out = _run(fake, tmp_path)
    _assert_one_line_exit_3(result, out, fake, "XLSX")


def test_image_only_pdf_without_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    scan = ROOT / "samples" / "scanned" / "003_72adce018a707e85.scan.pdf"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result, out = _run(scan, tmp_path)
    _assert_one_line_exit_3(result, out, scan, "tesseract-ocr", "tesseract-ocr-vie")


def test_image_only_pdf_with_ocr_never(tmp_path: Path) -> None:
    scan = ROOT / "samples" / "scanned" / "003_72adce018a707e85.scan.pdf"
    result, out = _run(scan, tmp_path, "--ocr", "never")
    _assert_one_line_exit_3(result, out, scan, "--ocr never")


def test_loader_errors_are_input_errors() -> None:
    from kehoach_parse.loaders import load

    with pytest.raises(InputError, match="password"):
        load(str(ENCRYPTED))


def test_ocr_always_on_digital_pdf_without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--ocr always` needs tesseract even for a digital PDF: same one-line error."""
    import shutil

    from kehoach_parse.loaders import load

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="tesseract-ocr-vie"):
        load(str(DIGITAL), ocr="always")


def test_ocr_never_on_digital_pdf_is_fine() -> None:
    from kehoach_parse.loaders import load

    doc = load(str(DIGITAL), ocr="never")
    assert doc.kind == "digital" and doc.tables
