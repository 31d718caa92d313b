"""Scanned pages: second reads of numbers (nothing changes silently), cell confidence, bbox units, progress."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import scanned_page_pdf
from kehoach_parse.loaders import ocr as O
from kehoach_parse.loaders.geometry import Glyph
from kehoach_parse.loaders.layout import FragCell, Fragment, PageLayout, scale_layout, words_confidence

ROOT = Path(__file__).resolve().parent.parent


# --- units (no tesseract) -------------------------------------------------------------------


def test_numerals_and_agreement() -> None:
    assert O.numerals("Quý III/2025") == ["III", "2025"]
    assert O.numerals("Trước ngày 20/12/2025") == ["20", "12", "2025"]
    assert O.numerals("CẢI CÁCH HÀNH CHÍNH") == []  # letters inside words are no numerals
    assert O.same_reading("Quý III/2025", "quý III ⁄ 2025")  # case, spacing and slash forms set aside
    assert not O.same_reading("Nằm 2025", "Năm 2025")  # a wrong tone mark is a change too
    assert not O.same_reading("quý III", "quý II")
    assert not O.same_reading("Trong Quý I/2022", "Trong Quý 2022")
    assert not O.same_reading("6 tháng đầu năm Š 2024", "6 tháng đầu năm 2024")  # junk is a change too
    assert O.same_reading("III", "III.", row_number=True)


def test_second_read_keeps_dashes_and_lone_bars() -> None:
    """`Quý I - Quý II`: on the page a lone `|` or dash is a rule remnant; in a cell's own crop it is text."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    words = ["Quý", "|", "-", "Quý", "II/2026"]
    tsv = "\n".join([head] + [f"5\t1\t1\t1\t1\t{i}\t{i * 60}\t10\t40\t12\t60\t{w}" for i, w in enumerate(words)])
    assert [g.text for g in O.parse_tsv(tsv)] == ["Quý", "Quý", "II/2026"]
    assert [g.text for g in O.parse_tsv(tsv, keep_dashes=True)] == ["Quý", "I", "-", "Quý", "II/2026"]


def test_cells_worth_a_second_read() -> None:
    layout = PageLayout(1, 100, 100)

    def cell(col: int, text: str, conf: float | None = 0.95) -> FragCell:
        c = FragCell(0, col, 1, 1, text, (0, 0, 10, 10))
        c.conf = conf
        return c

    assert O._to_verify(layout, cell(4, "Quý III/2025"))
    assert O._to_verify(layout, cell(4, "Trước ngày 20/12"))
    assert not O._to_verify(layout, cell(4, "Thường xuyên"))  # no numeral to get wrong
    assert not O._to_verify(layout, cell(2, "Sở Nội vụ"))
    assert O._to_verify(layout, cell(0, "IV"))  # a section's Roman numeral
    assert not O._to_verify(layout, cell(0, "7"))  # a confidently read row number buys nothing
    assert O._to_verify(layout, cell(0, "7", conf=0.5))


def test_words_confidence_weighs_the_weakest_word() -> None:
    good = [Glyph("Quý", 0, 0, 1, 1, conf=95), Glyph("IV/2025", 0, 0, 1, 1, conf=95)]
    assert words_confidence(good) == 0.95
    bad = [Glyph("Quý", 0, 0, 1, 1, conf=95), Glyph("1V/2025", 0, 0, 1, 1, conf=30)]
    assert words_confidence(bad) is not None and words_confidence(bad) < 0.6  # type: ignore[operator]
    assert words_confidence([]) is None


def test_scale_layout_converts_units() -> None:
    frag = Fragment(
        xs=[0, 300, 600], n_rows=1, cells=[FragCell(0, 0, 1, 1, "x", (0, 0, 300, 150))], bbox=(0, 0, 600, 150)
    )
    page = scale_layout(PageLayout(1, 2480, 3508, fragments=[frag]), 72 / 300)
    assert page.width == pytest.approx(595.2) and page.height == pytest.approx(841.92)
    assert frag.cells[0].bbox == pytest.approx((0, 0, 72, 36)) and frag.xs == pytest.approx([0, 72, 144])


# --- with tesseract ---------------------------------------------------------------------------------

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


@pytest.fixture(scope="module")
def one_page_scan(tmp_path_factory: pytest.TempPathFactory):
    """Page 4 of the scanned sample as a one-page image-only PDF, parsed with a progress listener."""
    import pypdfium2 as pdfium

    from kehoach_parse.progress import listening

    path = scanned_page_pdf(tmp_path_factory.mktemp("scan") / "one.pdf")
    pdf = pdfium.PdfDocument(str(path))
    size = pdf[0].get_size()  # the page in points
    pdf.close()
    calls: list[tuple[int, int]] = []
    with listening(lambda done, total: calls.append((done, total))):
        from kehoach_parse.pipeline import parse

        plan = parse(str(path))
    return plan, calls, size  # type: ignore[return-value]


@pytest.mark.slow
@needs_tesseract
def test_ocr_records_have_bbox_in_points_confidence_and_progress(one_page_scan) -> None:
    plan, calls, (width, height) = one_page_scan
    assert plan.records
    for r in plan.records:
        assert r.provenance.bbox is not None, r.id
        x0, y0, x1, y1 = r.provenance.bbox
        assert 0 <= x0 < x1 <= width + 1 and 0 <= y0 < y1 <= height + 1
        assert r.provenance.field_confidence, r.id  # OCR'd fields carry their confidence
        assert all(0 <= v <= 1 for v in r.provenance.field_confidence.values())
    assert calls == [(1, 1)]
