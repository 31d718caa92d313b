"""PDF pages routed by what they are: scans (searchable or not), digital pages, garbled text layers.

Garbled twins are made here from the digital samples by rewriting every font's ToUnicode
CMap with a random permutation of its characters (a different one per document and font),
the way a broken font map garbles a real provincial PDF.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import record_contents
from kehoach_parse.loaders import pdf_routing, text_layer

ROOT = Path(__file__).resolve().parent.parent
PDF_DIR = ROOT / "samples" / "pdf"
STEMS = ("000_b9abb36b8c36f44d", "003_72adce018a707e85", "004_4eb45db0ba18c56a")

pikepdf = pytest.importorskip("pikepdf")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


# --- making test PDFs ------------------------------------------------------------------------


def _parse_cmap(data: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = bytes.fromhex(dst).decode("utf-16-be")
            for k, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                out[code] = start[:-1] + chr(ord(start[-1]) + k)
    return out


def _write_cmap(m: dict[int, str], width: int) -> bytes:
    lines = [
        "/CIDInit/ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo<</Registry (Adobe)/Ordering (UCS)/Supplement 0>> def",
        "/CMapName/Adobe-Identity-UCS def /CMapType 2 def",
        f"1 begincodespacerange <{'00' * width}> <{'FF' * width}> endcodespacerange",
    ]
    items = sorted(m.items())
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{src:0{2 * width}X}> <{dst.encode('utf-16-be').hex().upper()}>" for src, dst in chunk]
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(lines).encode()


def garble(src: Path, dst: Path, seed: int, pages: int | None = None) -> None:
    """Permute each font's ToUnicode destinations (seeded per document, drawn per font)."""
    rng = random.Random(seed)
    with pikepdf.open(src) as pdf:
        if pages is not None:
            del pdf.pages[pages:]
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for _, font in page.Resources.get("/Font", {}).items():
                if font.objgen in seen or "/ToUnicode" not in font:
                    continue
                seen.add(font.objgen)
                cmap = _parse_cmap(font.ToUnicode.read_bytes().decode("latin-1"))
                codes = sorted(cmap)
                values = [cmap[c] for c in codes]
                perm = values[:]
                while perm == values and len(values) > 1:
                    rng.shuffle(perm)
                width = 2 if font.Subtype == "/Type0" else 1
                font.ToUnicode = pdf.make_stream(_write_cmap(dict(zip(codes, perm, strict=True)), width))
        pdf.save(dst)


def first_pages(src: Path, dst: Path, pages: int) -> None:
    with pikepdf.open(src) as pdf:
        del pdf.pages[pages:]
        pdf.save(dst)


def _parse(path: Path):
    from kehoach_parse.pipeline import parse

    return parse(str(path))


# --- judging a text layer ---------------------------------------------------------------------


def test_clean_vietnamese_reads_valid() -> None:
    r = text_layer.read_words(
        [
            "Kế",
            "hoạch",
            "cải",
            "cách",
            "hành",
            "chính",
            "nhà",
            "nước",
            "năm",
            "2022",
            "của",
            "UBND",
            "tỉnh",
            "Gia",
            "Lai",
        ]
    )
    assert (r.valid > 0.85 and not r.garbled) or r.letters < text_layer.MIN_LETTERS


def test_broken_font_map_reads_garbled() -> None:
    text = "6Ӣ CÔNG 7+ѬѪ1* ÿӏa bàn " * 6
    r = text_layer.read_words(text.split())
    assert r.garbled, r


@pytest.mark.parametrize("stem", STEMS)
def test_sample_pages_are_digital_and_read_as_vietnamese(stem: str) -> None:
    import pdfplumber

    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as pdf:
        for page in pdf.pages[:3]:
            r = text_layer.read_chars(page.chars)
            assert not r.garbled and r.valid > 0.85, (stem, page.page_number, r)


def test_garbled_twin_pages_read_garbled(tmp_path: Path) -> None:
    import pdfplumber

    out = tmp_path / "g.pdf"
    garble(PDF_DIR / f"{STEMS[1]}.pdf", out, seed=11, pages=2)
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            assert text_layer.read_chars(page.chars).garbled


# --- what a page is -----------------------------------------------------------------------------


def _scan_image(tmp_path: Path, stem: str = STEMS[1], page: int = 1):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(PDF_DIR / f"{stem}.pdf"))
    try:
        img = doc[page].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()
    png = tmp_path / "scan.png"
    img.save(png, dpi=(200, 200))
    return img, png


@pytest.fixture(scope="module")
def scan_twins(tmp_path_factory) -> tuple[Path, Path]:
    """The same 200 dpi scan as an image-only PDF and as a tesseract searchable PDF."""
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed")
    tmp = tmp_path_factory.mktemp("scan")
    img, png = _scan_image(tmp)
    subprocess.run(
        ["tesseract", str(png), str(tmp / "searchable"), "-l", "vie", "pdf"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    image_only = tmp / "image_only.pdf"
    img.convert("P").save(image_only, "PDF", resolution=200)  # palette: stored losslessly, as tesseract does
    return tmp / "searchable.pdf", image_only


def _facts(path: Path) -> list[pdf_routing.PageFacts]:
    doc = pdf_routing.open_document(path.read_bytes())
    assert doc is not None
    try:
        return [pdf_routing.page_facts(doc, i) for i in range(len(doc))]
    finally:
        doc.close()


def test_searchable_scan_is_scanned(scan_twins) -> None:
    searchable, image_only = scan_twins
    (s,) = _facts(searchable)
    (i,) = _facts(image_only)
    assert s.hidden_text > 0 and s.visible_text == 0 and s.scanned
    assert i.scanned and i.hidden_text == 0


def test_digital_page_is_not_scanned() -> None:
    assert not any(f.scanned for f in _facts(PDF_DIR / f"{STEMS[1]}.pdf"))


def test_signature_stamp_does_not_make_a_scan_digital(tmp_path: Path) -> None:
    """A scan with an 80-character visible e-signature line on top stays a scan."""
    img, _ = _scan_image(tmp_path)
    base = tmp_path / "base.pdf"
    img.convert("P").save(base, "PDF", resolution=200)
    with pikepdf.open(base) as pdf:
        page = pdf.pages[0]
        font = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        )
        page.Resources.Font = pikepdf.Dictionary(F9=font)
        stamp = "Ky boi: SO NOI VU TINH GIA LAI - Thoi gian ky: 20/12/2021 09:15:00 +07:00 - Email"
        page.contents_add(pdf.make_stream(f"BT /F9 8 Tf 30 20 Td ({stamp}) Tj ET".encode()), prepend=False)
        stamped = tmp_path / "stamped.pdf"
        pdf.save(stamped)
    (f,) = _facts(stamped)
    assert f.visible_text >= 1 and f.scanned, f


@needs_tesseract
def test_searchable_and_image_only_give_the_samerecord_contents(scan_twins) -> None:
    searchable, image_only = scan_twins
    a, b = _parse(searchable), _parse(image_only)
    assert a.source.page_routes == b.source.page_routes == ["scanned"]
    assert a.source.kind == b.source.kind == "scanned"
    assert len(a.records) > 0
    assert record_contents(a) == record_contents(b)


# --- garbled text layers ------------------------------------------------------------------------


@needs_tesseract
@pytest.mark.parametrize(("stem", "seed"), [(STEMS[0], 101), (STEMS[1], 202), (STEMS[2], 303)])
def test_garbled_twin_is_decoded(tmp_path: Path, stem: str, seed: int) -> None:
    clean, garbled = tmp_path / "clean.pdf", tmp_path / "garbled.pdf"
    first_pages(PDF_DIR / f"{stem}.pdf", clean, 3)
    garble(PDF_DIR / f"{stem}.pdf", garbled, seed=seed, pages=3)
    a, b = _parse(clean), _parse(garbled)
    assert b.source.page_routes == ["decoded"] * 3
    assert b.source.kind == "digital"
    assert any(f.code == "I_TEXT_LAYER_DECODED" for f in b.findings)
    assert b.metadata == a.metadata
    ra, rb = record_contents(a), record_contents(b)
    assert len(ra) == len(rb) > 0
    # decoding may still get a rare glyph wrong (a case or a punctuation mark): near-identical, not garbage
    import difflib
    import json

    ja, jb = json.dumps(ra, ensure_ascii=False), json.dumps(rb, ensure_ascii=False)
    assert difflib.SequenceMatcher(None, ja, jb, autojunk=False).ratio() > 0.99


@needs_tesseract
def test_undecodable_layer_is_ocrd(tmp_path: Path, monkeypatch) -> None:
    """When decoding fails the page is OCR'd like a scan, with a warning, and still reads right."""
    clean, garbled = tmp_path / "clean.pdf", tmp_path / "garbled.pdf"
    first_pages(PDF_DIR / f"{STEMS[1]}.pdf", clean, 2)
    garble(PDF_DIR / f"{STEMS[1]}.pdf", garbled, seed=404, pages=2)
    monkeypatch.setattr(text_layer, "fit", lambda votes, pages, fill=True: text_layer.Decoding())
    b = _parse(garbled)
    assert b.source.page_routes == ["scanned", "scanned"]
    assert [f.code for f in b.findings].count("W_TEXT_LAYER_DISCARDED") == 2
    a = _parse(clean)
    assert b.metadata.title == a.metadata.title
    assert abs(len(b.records) - len(a.records)) <= 1


def test_garbled_layer_without_ocr_is_kept_with_a_note(tmp_path: Path) -> None:
    from kehoach_parse.pipeline import parse

    garbled = tmp_path / "garbled.pdf"
    garble(PDF_DIR / f"{STEMS[1]}.pdf", garbled, seed=505, pages=1)
    plan = parse(str(garbled), ocr="never")
    assert plan.source.page_routes == ["digital"]
    assert any(f.code == "I_LOADER" and "bảng mã phông hỏng" in (f.message or "") for f in plan.findings)
