"""Limits before work (issue 14, items 1, 2 and 10): hostile inputs are refused in one line, quickly and small.

Each input is generated here (scripts/hostile.py), never committed. The CLI runs in a
subprocess under RLIMIT_AS and a generous timeout: a guard against the old blow-ups
(3.5 GB, 2.1 GB, 3.1 GB, minutes), not a benchmark.
"""

from __future__ import annotations

import importlib.util
import io
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from kehoach_parse.errors import InputError
from kehoach_parse.loaders import RawInput, load
from kehoach_parse.loaders.limits import (
    Limits,
    check_columns,
    check_image,
    check_page_size,
    check_pdf,
    flate_size,
    render_scale,
    xml_depth,
)

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("hostile", ROOT / "scripts" / "hostile.py")
assert _spec and _spec.loader
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

MEMORY_CAP = 1_500_000_000  # address space; every hostile input below once needed 0.65-3.5 GB of RSS
TIMEOUT = 120


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def guarded(*args: str, timeout: float = TIMEOUT) -> tuple[int, str, str]:
    """`kehoach ARGS` in a child process with capped memory and time; (exit code, stdout, stderr)."""
    code = "import sys; from kehoach_parse.cli import main; sys.argv[0] = 'kehoach'; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


def refused(path: Path, key: str) -> str:
    """Parse `path`: exit 3, one stderr line naming the file and the `--limits` key, no traceback."""
    rc, out, err = guarded("parse", str(path))
    lines = err.splitlines()
    assert rc == 3, err[-2000:]
    assert len(lines) == 1, err[-2000:]
    assert str(path) in lines[0] and f"--limits {key}=" in lines[0] and "giới hạn" in lines[0]
    assert out == ""
    return lines[0]


def _raw(data: bytes, name: str = "x") -> RawInput:
    return RawInput(path=name, data=data, sha256="0" * 64)


# --- item 1: a 14400 pt page would render at OCR resolution (>10 GB) ----------------------


def test_item1_huge_page_refused_before_rendering(tmp_path: Path) -> None:
    path = tmp_path / "big_page.pdf"
    path.write_bytes(hostile.big_page_pdf(14400))
    line = refused(path, "page_mm")
    assert "A0" in line


def test_a0_either_orientation_is_accepted() -> None:
    mm = 72 / 25.4
    limits = Limits()
    for w, h in ((841, 1189), (1189, 841), (841 * 1.04, 1189 * 1.04), (210, 297)):
        check_page_size("x", w * mm, h * mm, limits)
    with pytest.raises(InputError, match="page_mm"):
        check_page_size("x", 900 * mm, 1300 * mm, limits)
    check_page_size("x", 900 * mm, 1300 * mm, Limits.parse("page_mm=1400"))


def test_render_scale_keeps_a_page_within_the_pixel_limit() -> None:
    a4 = (595.0, 842.0)
    assert render_scale(*a4, 300, Limits()) == pytest.approx(300 / 72)  # an A4 scan is untouched
    scale = render_scale(2384.0, 3370.0, 400, Limits())  # A0 at 400 dpi would be 496 Mpx
    assert 2384 * 3370 * scale * scale <= Limits().pixels * 1.0001


def test_page_count_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.pdf"
    path.write_bytes(hostile.many_pages_pdf(1001))
    refused(path, "pages")
    check_pdf("x", path.read_bytes(), Limits(pages=1001))


# --- item 2: nested text boxes were walked again for every enclosing box (2^depth) ---------


def test_item2_nested_text_boxes_are_read_once_each(tmp_path: Path) -> None:
    path = tmp_path / "boxes.docx"
    path.write_bytes(hostile.nested_textbox_docx(24))
    code = (
        "import sys; from kehoach_parse.loaders import load; "
        "src = load(sys.argv[1]); print('\\n'.join(b.text for b in src.blocks if hasattr(b, 'text')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    for level in range(1, 25):
        assert lines.count(f"Hộp {level}") == 1  # once each, outer box first
    assert lines.index("Hộp 1") < lines.index("Hộp 24") < lines.index("đáy")


# --- item 10: decompression bombs and wide tables --------------------------------------------


def test_item10_zip_bomb_docx_refused_from_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(hostile.zip_bomb_docx(250_000_000))
    line = refused(path, "docx_part")
    assert "word/document.xml" in line


def test_zip_header_that_lies_about_the_size_is_read_bounded(tmp_path: Path) -> None:
    path = tmp_path / "liar.docx"
    path.write_bytes(hostile.lying_size_docx(250_000_000, 100_000))
    rc, _, err = guarded("parse", str(path))
    assert rc == 3 and len(err.splitlines()) == 1 and "DOCX" in err


def test_bounded_read_stops_at_the_limit() -> None:
    from kehoach_parse.loaders.limits import read_member

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * 5000)
    with zipfile.ZipFile(buf) as zf, pytest.raises(InputError, match="docx_part"):
        read_member("x", zf, zf.getinfo("word/document.xml"), Limits(docx_part=4000))


def test_item10_flate_bomb_pdf_refused(tmp_path: Path) -> None:
    path = tmp_path / "flate.pdf"
    path.write_bytes(hostile.flate_bomb_pdf(300_000_000))
    refused(path, "pdf_stream")


def test_item10_wide_docx_table_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.docx"
    path.write_bytes(hostile.wide_table_docx(5000))
    refused(path, "columns")
    with pytest.raises(InputError, match="columns"):
        check_columns("x", 201, Limits())


def test_item10_huge_png_refused_without_pillow_warnings(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(hostile.big_png(12000, 12000))
    line = refused(path, "pixels")  # `refused` also asserts no other stderr line (Pillow's warning)
    assert "12000×12000" in line


def test_image_just_under_the_limit_passes_the_header_check() -> None:
    check_image("x", hostile.big_png(10000, 10000), Limits())  # 100 Mpx exactly


def test_deep_xml_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.docx"
    path.write_bytes(hostile.deep_xml_docx(5000))
    refused(path, "xml_depth")


# --- the small pieces ------------------------------------------------------------------------


def test_limits_parse() -> None:
    lim = Limits.parse("pages=2000, pixels=200M,docx-part=1G,page_mm=1500")
    assert (lim.pages, lim.pixels, lim.docx_part, lim.page_mm) == (2000, 200_000_000, 1_000_000_000, 1500.0)
    assert Limits.parse("") == Limits()
    for bad in ("nope=1", "pages", "pages=abc", "pages=0"):
        with pytest.raises(ValueError):
            Limits.parse(bad)


def test_xml_depth_counts_elements() -> None:
    assert xml_depth(b'<?xml version="1.0"?><a><b/><c x="1"><d>t</d></c><!-- <e> --></a>', 99) == 3
    assert xml_depth(b"<a>" * 300, 200) > 200
    assert xml_depth(b"", 5) == 0


def test_flate_size_is_bounded() -> None:
    data = zlib.compress(b"\0" * 10_000_000)
    assert flate_size(data, 100_000_000) == 10_000_000
    assert flate_size(data, 1_000_000) == 1_000_001
    assert flate_size(b"not zlib", 10) == 0


def test_every_sample_is_within_the_default_limits() -> None:
    """The defaults accept every real plan: all PDFs, scans, images and DOCX in samples/."""
    from kehoach_parse.loaders import docx

    samples = ROOT / "samples"
    for path in sorted(samples.rglob("*.pdf")):
        if "bad" not in path.parts:
            check_pdf(str(path), path.read_bytes(), Limits())
    for path in sorted(samples.rglob("*.png")):
        check_image(str(path), path.read_bytes(), Limits())
    for path in sorted(samples.rglob("*.docx")):
        docx._check_limits(_raw(path.read_bytes(), str(path)), Limits())


def test_load_takes_limits(tmp_path: Path) -> None:
    path = tmp_path / "wide.docx"
    path.write_bytes(hostile.wide_table_docx(300, rows=2))
    with pytest.raises(InputError, match="columns"):
        load(str(path))
    src = load(str(path), limits=Limits(columns=300))
    assert src.format == "docx"


def test_ocr_text_over_its_limit_is_refused_before_the_rebuild(tmp_path: Path) -> None:
    """OCR'd text is rebuilt line by line (~15 KB/s): its own size limit bounds the time, before any work."""
    text = Path("samples/002_28b79bbaf6c53f00.txt").read_text(encoding="utf-8")
    data = (text + text[text.lower().find("phu luc") :] * 3).encode("utf-8")
    from kehoach_parse.loaders.text import load as load_text

    path = str(tmp_path / "ocr.txt")
    with pytest.raises(InputError, match="ocr_text"):
        load_text(RawInput(path, data, "0" * 64), Limits(ocr_text=len(data) - 1))
    doc = load_text(RawInput(path, data, "0" * 64), Limits(ocr_text=len(data)))  # at the limit: read
    assert doc.kind == "ocr_text"
