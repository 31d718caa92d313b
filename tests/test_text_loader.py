"""Text loader: the three export shapes, told apart by content; markup stripped; lines kept."""

from __future__ import annotations

from pathlib import Path

from conftest import S000, S001, S002, S003, S004
from kehoach_parse.loaders import load
from kehoach_parse.loaders.text import clean_markup, detect_shape
from kehoach_parse.source import Table


def test_shapes_are_detected_by_content(tmp_path) -> None:
    assert load(S000).loader == "text.cells"
    assert load(S003).loader == "text.tsv"
    assert load(S004).loader == "text.tsv"
    assert load(S001).loader == "text.none"
    # the extension says nothing: the same bytes under another name load the same way
    odd = tmp_path / "plan.dat"
    odd.write_bytes(Path(S004).read_bytes())
    assert load(str(odd)).loader == "text.tsv"


def test_ocr_text_is_recognised() -> None:
    assert load(S002).kind == "ocr_text"
    assert load(S003).kind == "text_export"


def test_cells_shape_counts_cells_not_blank_lines() -> None:
    table = load(S000).tables[0]
    assert table.n_cols == 9 and not table.spans_known
    widths = {len(r.cells) for r in table.rows}
    assert widths == {9}
    sections = [r.cells[0].text for r in table.rows if r.cells[0].text in {"I", "II", "III", "IV", "V", "VI", "VII"}]
    assert sections == ["I", "II", "III", "IV", "V", "VI", "VII"]
    # the STT cell `4` of section VII has no TAB before it (line 588) and still is a cell of its own row
    row = next(r for r in table.rows if r.cells[2].text.startswith("2.12. Nhiệm vụ 12"))
    assert row.cells[0].text == "4"
    assert row.cells[5].text == "Sở Nội vụ"
    # a cell's further lines (no TAB) stay in the cell
    first = table.rows[1]
    assert first.cells[3].text == "3.1. Hoạt động 1:\nTham mưu ban hành văn bản QPPL điều chỉnh các nội dung của ngành."
    assert first.cells[3].line == 7


def test_tsv_rows_keep_their_source_line() -> None:
    doc = load(S003)
    table = doc.tables[0]
    assert table.n_cols == 9
    assert table.rows[0].line == 169 and table.rows[0].cells[0].text == "STT"
    # prose before the table becomes paragraphs with their line numbers
    first = doc.paragraphs[0]
    assert (first.text, first.line) == ("Số: /KH-SGDĐT", 3)


def test_markup_is_stripped_everywhere() -> None:
    doc = load(S004)
    texts = [c.text for t in doc.tables for r in t.rows for c in r.cells] + [p.text for p in doc.paragraphs]
    assert not any(m in t for t in texts for m in ("<b>", "</b>", "<p>", "</p>", "**"))
    assert doc.paragraphs[0].text.startswith("KHUNG KẾ HOẠCH") and doc.paragraphs[0].bold


def test_clean_markup() -> None:
    assert clean_markup("<b>I</b>") == ("I", True)
    assert clean_markup("<p><b>2.2. Hoạt động 2:</b> Ban hành</p>") == ("2.2. Hoạt động 2: Ban hành", False)
    assert clean_markup("**KT. GIÁM ĐỐC") == ("KT. GIÁM ĐỐC", False)
    assert clean_markup("a &amp; b<br>c") == ("a & b\nc", False)


def test_detect_shape_on_prose() -> None:
    assert detect_shape(["KẾ HOẠCH", "", "Cải cách hành chính"]) == "none"
    assert isinstance(load(S004).blocks[2], Table)
