"""DOCX loader: spans from the XML, header rows, layout tables, legacy fonts, bad files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402

from kehoach_parse.errors import InputError  # noqa: E402
from kehoach_parse.loaders import RawInput, sniff  # noqa: E402
from kehoach_parse.loaders import docx as docx_loader  # noqa: E402
from kehoach_parse.source import Paragraph  # noqa: E402
from kehoach_parse.vietnamese import encodings  # noqa: E402

HEADER = ["STT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian"]


def _raw(data: bytes, path: str = "plan.docx") -> RawInput:
    return RawInput(path=path, data=data, sha256=hashlib.sha256(data).hexdigest())


def _save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _mark_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def _national_header(document: docx.document.Document) -> None:
    """The borderless two-column block every plan opens with."""
    t = document.add_table(rows=2, cols=2)  # default style: no borders
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    t.cell(1, 0).text = "Số: 201/KH-UBND"
    t.cell(1, 1).text = "Bắc Giang, ngày 27 tháng 12 năm 2024"


def _plan_docx(*, objective_rows: int = 3) -> bytes:
    document = docx.Document()
    _national_header(document)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025")
    n_rows = 2 + objective_rows
    t = document.add_table(rows=n_rows, cols=len(HEADER))
    t.style = "Table Grid"
    for i, title in enumerate(HEADER):
        t.cell(0, i).text = title
    _mark_header(t.rows[0])
    section = t.cell(1, 0).merge(t.cell(1, len(HEADER) - 1))
    section.text = "I. CẢI CÁCH THỂ CHẾ"
    first = 2
    for k in range(objective_rows):
        r = first + k
        t.cell(r, 0).text = str(k + 1)
        t.cell(r, 3).text = f"3.{k + 1}. Hoạt động {k + 1}: Rà soát văn bản {k + 1}"
        t.cell(r, 4).text = "Báo cáo"
        t.cell(r, 5).text = "Sở Tư pháp"
        t.cell(r, 6).text = "Các sở, ban, ngành"
        t.cell(r, 7).text = "Quý IV/2025"
    obj = t.cell(first, 1).merge(t.cell(first + objective_rows - 1, 1))
    obj.text = "1.1. Mục tiêu 1: Nâng cao chất lượng văn bản QPPL"
    task = t.cell(first, 2).merge(t.cell(first + 1, 2))
    task.text = "2.1. Nhiệm vụ 1: Rà soát"
    task.add_paragraph("- kiểm tra văn bản")
    document.add_paragraph("Nơi nhận:")
    return _save(document)


def test_vertical_merge_is_one_cell_with_row_span() -> None:
    src = docx_loader.load(_raw(_plan_docx(objective_rows=3)))
    (table,) = src.tables
    assert table.spans_known and table.n_cols == len(HEADER)
    objective = [c for row in table.rows for c in row.cells if "Mục tiêu 1" in c.text]
    assert len(objective) == 1
    assert objective[0].row_span == 3 and objective[0].col == 1
    task = [c for row in table.rows for c in row.cells if c.text.startswith("2.1.")]
    assert len(task) == 1 and task[0].row_span == 2
    # the rows it covers carry no cell of their own in that column, but the grid resolves them
    grid = table.grid()
    assert grid[3][1] is objective[0] and grid[4][1] is objective[0]
    assert all(c.col != 1 for c in table.rows[3].cells)
    # the objective text appears once in the whole document
    texts = [c.text for row in table.rows for c in row.cells] + [p.text for p in src.paragraphs]
    assert sum(t.count("Mục tiêu 1") for t in texts) == 1


def test_grid_span_section_row_and_header() -> None:
    src = docx_loader.load(_raw(_plan_docx()))
    (table,) = src.tables
    assert table.rows[0].is_header and not table.rows[1].is_header
    assert [c.text for c in table.rows[0].cells] == HEADER
    (section,) = table.rows[1].cells
    assert section.text == "I. CẢI CÁCH THỂ CHẾ" and section.col == 0 and section.col_span == len(HEADER)


def test_multi_paragraph_cell_keeps_line_breaks() -> None:
    src = docx_loader.load(_raw(_plan_docx()))
    (task,) = [c for row in src.tables[0].rows for c in row.cells if c.text.startswith("2.1.")]
    assert task.text == "2.1. Nhiệm vụ 1: Rà soát\n- kiểm tra văn bản"


def test_national_header_block_becomes_paragraphs() -> None:
    src = docx_loader.load(_raw(_plan_docx()))
    assert src.format == "docx" and src.kind == "digital" and src.loader == "docx"
    assert src.encoding == "unicode" and not src.notes
    paras = [b.text for b in src.blocks if isinstance(b, Paragraph)]
    assert paras[:6] == [
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 201/KH-UBND",
        "Bắc Giang, ngày 27 tháng 12 năm 2024",
        "KẾ HOẠCH",
    ]
    # reading order: the plan table comes after the title and before "Nơi nhận"
    kinds = [type(b).__name__ for b in src.blocks]
    assert kinds.index("Table") == len(paras) - 1
    assert isinstance(src.blocks[-1], Paragraph) and src.blocks[-1].text == "Nơi nhận:"


def test_nested_table_is_flattened_into_its_cell() -> None:
    document = docx.Document()
    t = document.add_table(rows=2, cols=6)
    t.style = "Table Grid"
    for i in range(6):
        t.cell(0, i).text = HEADER[i]
        t.cell(1, i).text = f"v{i}"
    inner = t.cell(1, 5).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "Sở Nội vụ"
    inner.cell(1, 0).text = "Sở Tư pháp"
    src = docx_loader.load(_raw(_save(document)))
    (table,) = src.tables
    assert table.rows[1].cells[5].text == "v5\nSở Nội vụ\nSở Tư pháp"


def test_plan_table_nested_in_layout_table_is_found() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    outer.cell(0, 0).text = "Phụ lục"
    inner = outer.cell(0, 0).add_table(rows=3, cols=6)
    inner.style = "Table Grid"
    for r in range(3):
        for c in range(6):
            inner.cell(r, c).text = f"{r}.{c}"
    src = docx_loader.load(_raw(_save(document)))
    assert [b.text for b in src.paragraphs] == ["Phụ lục"]
    (table,) = src.tables
    assert len(table.rows) == 3 and table.rows[2].cells[5].text == "2.5"


def test_bold_and_breaks_inside_runs() -> None:
    document = docx.Document()
    t = document.add_table(rows=2, cols=5)
    t.style = "Table Grid"
    run = t.cell(0, 0).paragraphs[0].add_run("II")
    run.bold = True
    p = t.cell(1, 1).paragraphs[0]
    p.add_run("dòng một")
    p.add_run().add_break()
    p.add_run("dòng\u00a0hai  ")
    src = docx_loader.load(_raw(_save(document)))
    (table,) = src.tables
    assert table.rows[0].cells[0].bold and not table.rows[1].cells[1].bold
    assert table.rows[1].cells[1].text == "dòng một\ndòng hai"


def _legacy_docx(encoding: encodings.Encoding, font: str, upper_font: str | None = None) -> bytes:
    document = docx.Document()
    lines = [
        "KẾ HOẠCH",
        "Cải cách hành chính nhà nước năm 2022",
        "Ủy ban nhân dân tỉnh Bắc Giang",
    ]
    for line in lines:
        para = document.add_paragraph()
        for text, capital in encodings.encode_runs(line, encoding):
            run = para.add_run(text)
            run.font.name = upper_font if capital and upper_font else font
            run.font.size = Pt(13)
    t = document.add_table(rows=2, cols=5)
    t.style = "Table Grid"
    for i, title in enumerate(["STT", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Thời gian"]):
        run = t.cell(0, i).paragraphs[0].add_run(encodings.encode(title, encoding))
        run.font.name = font
    run = t.cell(1, 1).paragraphs[0].add_run(encodings.encode("Cải cách thủ tục hành chính", encoding))
    run.font.name = font
    return _save(document)


@pytest.mark.parametrize(
    ("encoding", "font", "upper"),
    [("tcvn3", ".VnTime", ".VnTimeH"), ("vni", "VNI-Times", None)],
)
def test_legacy_font_runs_are_decoded(encoding: encodings.Encoding, font: str, upper: str | None) -> None:
    src = docx_loader.load(_raw(_legacy_docx(encoding, font, upper)))
    assert src.encoding == encoding
    assert [n.code for n in src.notes] == ["I_LEGACY_ENCODING"]
    assert [p.text for p in src.paragraphs] == [
        "KẾ HOẠCH",
        "Cải cách hành chính nhà nước năm 2022",
        "Ủy ban nhân dân tỉnh Bắc Giang",
    ]
    assert src.tables[0].rows[1].cells[1].text == "Cải cách thủ tục hành chính"
    assert src.tables[0].rows[0].cells[1].text == "Nhiệm vụ"


def test_legacy_text_without_legacy_font_is_detected_by_statistics() -> None:
    document = docx.Document()
    for line in ["Cải cách hành chính nhà nước", "Nâng cao chất lượng văn bản quy phạm pháp luật của tỉnh"]:
        document.add_paragraph(encodings.encode(line, "tcvn3"))  # font left as the default
    src = docx_loader.load(_raw(_save(document)))
    assert src.encoding == "tcvn3"
    assert src.paragraphs[0].text == "Cải cách hành chính nhà nước"


def test_unicode_text_in_a_legacy_font_is_left_alone() -> None:
    document = docx.Document()
    para = document.add_paragraph()
    run = para.add_run("Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025")
    run.font.name = ".VnTime"  # retyped in Unicode, old font kept
    src = docx_loader.load(_raw(_save(document)))
    assert src.encoding == "unicode" and not src.notes
    assert src.paragraphs[0].text == "Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025"


def test_truncated_docx_is_an_input_error() -> None:
    data = _plan_docx()
    cut = data[: int(len(data) * 0.7)]
    assert sniff(cut) == "docx"
    with pytest.raises(InputError) as err:
        docx_loader.load(_raw(cut, "hong.docx"))
    line = err.value.line()
    assert "\n" not in line and line.startswith("hong.docx: ") and "DOCX" in line


def test_zip_with_broken_document_xml_is_an_input_error() -> None:
    src = io.BytesIO(_plan_docx())
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(InputError):
        docx_loader.load(_raw(out.getvalue()))


def test_docx_without_a_table_has_only_paragraphs() -> None:
    document = docx.Document()
    _national_header(document)
    document.add_paragraph("KẾ HOẠCH")
    src = docx_loader.load(_raw(_save(document)))
    assert src.tables == [] and src.paragraphs[-1].text == "KẾ HOẠCH"


def test_generated_samples_load(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "samples" / "docx"
    files = sorted(samples.glob("*.docx")) if samples.is_dir() else []
    if not files:
        pytest.skip("no generated DOCX samples yet")
    for f in files:
        src = docx_loader.load(_raw(f.read_bytes(), str(f)))
        assert src.tables, f
        assert any(r.is_header for r in src.tables[0].rows), f


def _add_numbering(document: docx.document.Document, num_id: str, levels: list[tuple[str, str]]) -> None:
    """An abstractNum with the given (numFmt, lvlText) levels, referenced by w:num `num_id`."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), f"9{num_id}")
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), f"9{num_id}")
    num.append(ref)
    numbering.append(num)


def _number(paragraph: object, num_id: str, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), num_id)
    numpr.extend([lvl, nid])
    ppr.append(numpr)


def test_automatic_list_numbers_are_part_of_the_text() -> None:
    document = docx.Document()
    _add_numbering(document, "71", [("upperRoman", "%1."), ("decimal", "%1.%2.")])
    _add_numbering(document, "72", [("bullet", "\uf0b7")])
    t = document.add_table(rows=4, cols=5)
    t.style = "Table Grid"
    for r, (text, lvl) in enumerate([("Cải cách thể chế", 0), ("Nhiệm vụ 1: Rà soát", 1), ("Nhiệm vụ 2: Kiểm tra", 1)]):
        p = t.cell(r, 1).paragraphs[0]
        p.add_run(text)
        _number(p, "71", lvl)
    p = t.cell(3, 1).paragraphs[0]
    p.add_run("Thủ tục hành chính")
    _number(p, "71", 0)
    cell = t.cell(1, 4)
    for i, text in enumerate(["Sở Tư pháp", "Sở Nội vụ"]):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.add_run(text)
        _number(para, "72")
    src = docx_loader.load(_raw(_save(document)))
    rows = src.tables[0].rows
    assert [r.cells[1].text for r in rows] == [
        "I. Cải cách thể chế",
        "I.1. Nhiệm vụ 1: Rà soát",
        "I.2. Nhiệm vụ 2: Kiểm tra",
        "II. Thủ tục hành chính",
    ]
    assert rows[1].cells[4].text == "- Sở Tư pháp\n- Sở Nội vụ"


def test_sliver_grid_columns_are_collapsed() -> None:
    """A border dragged in one row splits the grid: other rows' cells span two grid columns."""
    document = docx.Document()
    t = document.add_table(rows=3, cols=6)
    t.style = "Table Grid"
    for r in range(3):
        for c in range(6):
            t.cell(r, c).text = f"{r}.{c}"
    # rows 0 and 2: columns 1+2 are one cell; row 1 keeps the split
    for r in (0, 2):
        t.cell(r, 1).merge(t.cell(r, 2)).text = f"{r}.1"
    src = docx_loader.load(_raw(_save(document)))
    (table,) = src.tables
    assert table.n_cols == 6  # every grid column starts a cell in row 1
    assert [(c.text, c.col, c.col_span) for c in table.rows[0].cells][:3] == [
        ("0.0", 0, 1),
        ("0.1", 1, 2),
        ("0.3", 3, 1),
    ]
    # now the same, but no row keeps the split: the sliver column disappears
    document = docx.Document()
    t = document.add_table(rows=2, cols=6)
    t.style = "Table Grid"
    for r in range(2):
        for c in range(6):
            t.cell(r, c).text = f"{r}.{c}"
        t.cell(r, 1).merge(t.cell(r, 2)).text = f"{r}.1"
    (table,) = docx_loader.load(_raw(_save(document))).tables
    assert table.n_cols == 5
    assert [(c.text, c.col, c.col_span) for c in table.rows[1].cells] == [
        ("1.0", 0, 1),
        ("1.1", 1, 1),
        ("1.3", 2, 1),
        ("1.4", 3, 1),
        ("1.5", 4, 1),
    ]


def test_tcvn3_u_horn_stored_as_soft_hyphen_element() -> None:
    """TCVN3 byte 0xAD (`ư`) is Latin-1's soft hyphen: Word and LibreOffice write it as
    <w:softHyphen/>, which must decode to `ư` (and vanish from Unicode text)."""
    document = docx.Document()
    for font, chars in ((".VnTime", "C¶i c¸ch hµnh chÝnh nhµ n"), ("Times New Roman", "Nhà n")):
        para = document.add_paragraph()
        run = para.add_run(chars)
        run.font.name = font
        run._r.append(OxmlElement("w:softHyphen"))
        tail = para.add_run("íc" if font == ".VnTime" else "ước")
        tail.font.name = font
    src = docx_loader.load(_raw(_save(document)))
    assert [p.text for p in src.paragraphs] == ["Cải cách hành chính nhà nước", "Nhà nước"]
    assert src.encoding == "tcvn3"


def test_hidden_text_deleted_rows_and_tabs_in_cells() -> None:
    document = docx.Document()
    para = document.add_paragraph("Hiện")
    hidden = para.add_run(" ẩn")
    hidden._r.get_or_add_rPr().append(OxmlElement("w:vanish"))
    t = document.add_table(rows=3, cols=5)
    t.style = "Table Grid"
    for r in range(3):
        for c in range(5):
            t.cell(r, c).text = f"{r}\t{c}"
    t.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:del"))
    src = docx_loader.load(_raw(_save(document)))
    assert [p.text for p in src.paragraphs] == ["Hiện"]
    (table,) = src.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["0 0", "0 1", "0 2", "0 3", "0 4"],
        ["2 0", "2 1", "2 2", "2 3", "2 4"],
    ]


def test_content_controls_and_text_boxes_are_read_once() -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    t = document.add_table(rows=2, cols=5)
    t.style = "Table Grid"
    for c in range(5):
        t.cell(0, c).text = HEADER[c]
        t.cell(1, c).text = f"v{c}"
    # the table inside a content control (w:sdt), as templates often do
    tbl = t._tbl
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    tbl.addprevious(sdt)
    content.append(tbl)
    # a text box whose text Word stores twice: DrawingML choice and VML fallback
    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    box = parse_xml(
        f'<w:r xmlns:w="{w_ns}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>Số: 201/KH-UBND</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>Số: 201/KH-UBND</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    para = document.add_paragraph("KẾ HOẠCH")
    para._p.append(box)
    src = docx_loader.load(_raw(_save(document)))
    assert [c.text for c in src.tables[0].rows[1].cells] == [f"v{c}" for c in range(5)]
    assert [p.text for p in src.paragraphs] == ["KẾ HOẠCH", "Số: 201/KH-UBND"]
