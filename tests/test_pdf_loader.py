"""Digital PDFs: lattice tables across pages, spans from geometry, agreement with the DOCX twins."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach_parse.loaders import geometry as G
from kehoach_parse.loaders import layout as L
from kehoach_parse.source import Paragraph, Table

ROOT = Path(__file__).resolve().parent.parent
PDF_DIR = ROOT / "samples" / "pdf"
DOCX_DIR = ROOT / "samples" / "docx"
STEMS = ("000_b9abb36b8c36f44d", "003_72adce018a707e85", "004_4eb45db0ba18c56a")
VARIANTS = ("", ".reordered", ".twoheader")
PAIRS = [f"{s}{v}" for s in STEMS for v in VARIANTS]


def _load(path: str):
    from kehoach_parse.loaders import load

    return load(path)


# --- agreement with the DOCX twins -------------------------------------------------------


@pytest.mark.parametrize("name", PAIRS)
def test_pdf_records_match_docx_twin(name: str) -> None:
    pdf, docx = PDF_DIR / f"{name}.pdf", DOCX_DIR / f"{name}.docx"
    if not pdf.exists() or not docx.exists():
        pytest.skip(f"sample pair {name} not generated")
    from conftest import parsed, record_contents

    a = parsed(str(docx.relative_to(ROOT)))
    b = parsed(str(pdf.relative_to(ROOT)))
    assert b.source.format == "pdf" and b.source.kind == "digital"
    assert len(b.records) == len(a.records) > 0
    for ra, rb in zip(record_contents(a), record_contents(b), strict=True):
        assert rb == ra


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_provenance_has_pages(stem: str) -> None:
    pdf = PDF_DIR / f"{stem}.pdf"
    if not pdf.exists():
        pytest.skip("no PDF sample")
    from conftest import parsed

    plan = parsed(str(pdf.relative_to(ROOT)))
    pages = [r.provenance.page for r in plan.records]
    assert all(p is not None and p >= 1 for p in pages)
    assert pages == sorted(pages)
    assert len(set(pages)) > 1  # the table runs over several pages


# --- the SourceDocument a PDF gives ----------------------------------------------------------


@pytest.fixture(scope="module")
def doc003():
    pdf = PDF_DIR / "003_72adce018a707e85.pdf"
    if not pdf.exists():
        pytest.skip("no PDF sample")
    return _load(str(pdf))


def test_one_table_across_pages(doc003) -> None:
    tables = doc003.tables
    assert len(tables) == 1
    table = tables[0]
    assert table.spans_known and table.confidence == 1.0
    assert len({r.page for r in table.rows}) > 3
    assert doc003.pages and doc003.pages >= max(r.page for r in table.rows)


def test_repeated_headers_dropped(doc003) -> None:
    table = doc003.tables[0]
    header = tuple(c.text for c in table.rows[0].cells)
    assert table.rows[0].is_header
    assert sum(1 for r in table.rows if tuple(c.text for c in r.cells) == header) == 1


def test_merged_cells_are_one_cell_with_span(doc003) -> None:
    table = doc003.tables[0]
    spans = [c for r in table.rows for c in r.cells if c.row_span > 1]
    assert spans, "vertical merges (objective/task) should keep their span"
    grid = table.grid()
    # a covered position points at the spanning cell itself, and no text is repeated
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            for dr in range(1, cell.row_span):
                assert grid[r + dr][cell.col] is cell
    sections = [c for r in table.rows for c in r.cells if c.col_span >= table.n_cols - 1]
    assert sections, "section rows are merged across the table"


def test_merged_cell_over_page_break_is_extended(doc003) -> None:
    table = doc003.tables[0]
    crossing = [
        (r, c)
        for r, row in enumerate(table.rows)
        for c in row.cells
        if c.row_span > 1 and table.rows[r + c.row_span - 1].page != row.page
    ]
    assert crossing, "some objective/task cell runs over a page break"


def test_no_row_starts_mid_sentence_after_page_break(doc003) -> None:
    """Split rows were stitched here: no first row of a page continues a sentence."""
    table = doc003.tables[0]
    for prev, row in zip(table.rows, table.rows[1:], strict=False):
        if row.page != prev.page:
            texts = [c.text for c in row.cells if c.text.strip()]
            assert not any(t[0].islower() for t in texts), texts
            assert not row.page_break_before  # the loader stitched; nothing left for interpretation


def test_cells_have_bbox_and_nfc_text(doc003) -> None:
    table = doc003.tables[0]
    for row in table.rows:
        assert row.page is not None
        for cell in row.cells:
            assert cell.bbox is not None and cell.bbox[0] < cell.bbox[2] and cell.bbox[1] < cell.bbox[3]
            assert unicodedata.is_normalized("NFC", cell.text)
    assert any("Nghị định" in c.text for r in table.rows for c in r.cells)


def test_body_paragraphs_per_line_with_page(doc003) -> None:
    paras = doc003.paragraphs
    assert paras and all(isinstance(p, Paragraph) and p.page for p in paras)
    assert all("\n" not in p.text for p in paras)
    texts = [p.text for p in paras]
    assert "KẾ HOẠCH" in texts
    first_table = next(i for i, b in enumerate(doc003.blocks) if isinstance(b, Table))
    assert any("Căn cứ" in p.text for p in doc003.blocks[:first_table] if isinstance(p, Paragraph))


def test_side_by_side_blocks_read_column_by_column(doc003) -> None:
    texts = [p.text for p in doc003.paragraphs]
    # left column of the national header before the right one, as in the DOCX
    assert texts.index("Số: /KH-SGDĐT") < texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


# --- geometry units ---------------------------------------------------------------------


def _grid_segments(xs: list[float], ys: list[float], skip_h: set[tuple[int, int]] = frozenset()) -> list[G.Seg]:
    """Rules for a grid; skip_h leaves out the horizontal rule above row r in column c (a merge)."""
    segs = [G.Seg(x, ys[0], x, ys[-1]) for x in xs]
    for r, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if (r, c) not in skip_h:
                segs.append(G.Seg(xs[c], y, xs[c + 1], y))
    return segs


def test_lattice_finds_vertical_merge() -> None:
    xs, ys = [0, 50, 150, 250], [0, 20, 40, 60]
    lat = G.find_lattices(_grid_segments(xs, ys, skip_h={(2, 1)}))[0]
    assert lat.n_rows == 3 and lat.n_cols == 3
    merged = [c for c in lat.cells if c.row_span == 2]
    assert [(c.row, c.col) for c in merged] == [(1, 1)]
    assert len(lat.cells) == 8


def test_lattice_ignores_lone_rules() -> None:
    segs = [G.Seg(10, 10, 200, 10)]  # an underline under a heading is not a table
    assert G.find_lattices(segs) == []


def test_combining_marks_attach_and_normalise() -> None:
    # "Kế" emitted as K, e, combining circumflex, combining acute — marks drawn over the e
    glyphs = [
        G.Glyph("K", 0, 0, 7, 12, 12),
        G.Glyph("e", 7, 0, 12, 12, 12),
        G.Glyph("\u0302", 8, -3, 11, 2, 12),
        G.Glyph("\u0301", 8, -6, 11, -1, 12),
        G.Glyph(" ", 12, 0, 15, 12, 12),
        G.Glyph("h", 15, 0, 21, 12, 12),
    ]
    (line,) = G.text_lines(glyphs)
    assert line.text == "Kế h"
    assert unicodedata.is_normalized("NFC", line.text)


def test_glyph_order_is_positional() -> None:
    # a fallback font's glyphs come in a separate run of the content stream
    glyphs = [G.Glyph("c", 0, 0, 5, 12, 12), G.Glyph("n", 10, 0, 16, 12, 12), G.Glyph("ô", 5, 0, 10, 12, 12)]
    assert G.text_lines(glyphs)[0].text == "côn"


def _line(text: str, trailing: bool | None = None, x1: float = 100) -> G.TextLine:
    return G.TextLine(text, 0, 0, x1, 12, trailing_space=trailing)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((_line("Nghị định số 62/2020/NĐ-"), _line("CP; Nghị định")), "Nghị định số 62/2020/NĐ-CP; Nghị định"),
        ((_line("Nghị định 107/2020/NĐ"), _line("-CP")), "Nghị định 107/2020/NĐ-CP"),
        ((_line("Quý IV/2023-"), _line("Quý I/2024")), "Quý IV/2023- Quý I/2024"),
        ((_line("Tháng 12/"), _line("2023")), "Tháng 12/ 2023"),
        ((_line("Trước 31/12/202"), _line("1")), "Trước 31/12/2021"),
        ((_line("- Thanh tra"), _line("- Tổ Pháp chế")), "- Thanh tra\n- Tổ Pháp chế"),
        ((_line("kinh tế", trailing=True), _line("- xã hội")), "kinh tế - xã hội"),
        ((_line("Ban hành Kế"), _line("hoạch")), "Ban hành Kế hoạch"),
    ],
)
def test_cell_line_joining(lines: tuple[G.TextLine, ...], expected: str) -> None:
    assert G.join_cell_lines(list(lines)) == expected


# --- page layout and carrying a table over pages (synthetic) ----------------------------


def _words(text: str, x: float, y: float, size: float = 10, bold: bool = False) -> list[G.Glyph]:
    out, pos = [], x
    for ch in text:
        w = size * 0.5
        out.append(G.Glyph(ch, pos, y, pos + w, y + size, size, bold))
        pos += w
    return out


def _page(number: int, rows: list[list[str]], ys: list[float], *, merge: set[tuple[int, int]] = frozenset()):
    """A ruled 3-column page; rows[r][c] is placed at the top of its cell."""
    xs = [0, 100, 300, 500]
    glyphs = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            for k, part in enumerate(text.split("|")):
                if part:
                    glyphs += _words(part, xs[c] + 3, ys[r] + 3 + k * 12)
    segs = _grid_segments(xs, ys, skip_h=merge)
    return L.page_layout(number, 600, 800, glyphs, segs, tol=2.0)


def test_assemble_drops_repeated_header_and_stitches_split_row() -> None:
    head = ["STT", "Nhiệm vụ", "Hoạt động"]
    # page 1: header, row 1 whose activity runs to the bottom of its cell (cut by the page)
    p1 = _page(1, [head, ["1", "Nhiệm vụ một", "Hoạt động|dài được"]], [700, 720, 750])
    # page 2: the header again, then the tail of row 1 (empty STT), then row 2
    p2 = _page(2, [head, ["", "", "cắt ngang trang"], ["2", "Nhiệm vụ hai", "Hoạt động hai"]], [40, 60, 75, 95])
    (table,) = [b for b in L.assemble([p1, p2]) if isinstance(b, Table)]
    texts = [[c.text for c in r.cells] for r in table.rows]
    assert texts == [
        head,
        ["1", "Nhiệm vụ một", "Hoạt động dài được cắt ngang trang"],
        ["2", "Nhiệm vụ hai", "Hoạt động hai"],
    ]
    assert [r.page for r in table.rows] == [1, 1, 2]


def test_assemble_extends_merged_cell_over_page_break() -> None:
    head = ["STT", "Nhiệm vụ", "Hoạt động"]
    # the task cell is merged over two rows on page 1 and continues on page 2
    p1 = _page(
        1,
        [head, ["1", "Nhiệm vụ chung", "Hoạt động A"], ["", "", "Hoạt động B"]],
        [600, 620, 650, 680],
        merge={(2, 0), (2, 1)},
    )
    p2 = _page(2, [head, ["", "", "Hoạt động C"], ["2", "Nhiệm vụ khác", "Hoạt động D"]], [40, 60, 80, 100])
    (table,) = [b for b in L.assemble([p1, p2]) if isinstance(b, Table)]
    grid = table.grid()
    task_of = {grid[r][2].text: grid[r][1].text for r in range(1, len(grid))}
    assert task_of["Hoạt động C"] == "Nhiệm vụ chung"
    assert task_of["Hoạt động D"] == "Nhiệm vụ khác"
    assert grid[1][1] is grid[3][1]  # one cell, one span, over the break


def test_a_numbered_row_on_a_new_page_does_not_continue_a_one_row_cell_above() -> None:
    """OCR lost the first word of row 2's activity (`hai mất chữ đầu`): a lower-case start alone
    does not make it the tail of row 1's cell, which spans one row and sits above a row numbered 2."""
    head = ["STT", "Nhiệm vụ", "Hoạt động"]
    p1 = _page(1, [head, ["1", "Nhiệm vụ một", "Hoạt động|dài được"]], [700, 720, 750])
    p2 = _page(2, [head, ["2", "Nhiệm vụ hai", "hai mất chữ đầu"]], [40, 60, 75])
    (table,) = [b for b in L.assemble([p1, p2]) if isinstance(b, Table)]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        head,
        ["1", "Nhiệm vụ một", "Hoạt động dài được"],
        ["2", "Nhiệm vụ hai", "hai mất chữ đầu"],
    ]


def test_stream_fallback_without_rules() -> None:
    """A table laid out by text position only: columns from the header, rows from the STT column."""
    glyphs = _words("KẾ HOẠCH", 200, 20)
    header = [("STT", 10), ("Nhiệm vụ", 60), ("Hoạt động", 220), ("Thời gian", 420)]
    for text, x in header:
        glyphs += _words(text, x, 80)
    data = [
        (100, [("1", 10), ("Rà soát văn bản", 60), ("Ban hành kế hoạch", 220), ("Quý I/2022", 420)]),
        (112, [("quy phạm", 60), ("rà soát", 220)]),
        (130, [("2", 10), ("Kiểm soát TTHC", 60), ("Công bố thủ tục", 220), ("Năm 2022", 420)]),
    ]
    for y, cells in data:
        for text, x in cells:
            glyphs += _words(text, x, y)
    page = L.page_layout(1, 600, 800, glyphs, [], tol=2.0)
    (frag,) = page.fragments
    assert not frag.spans_known and frag.n_cols == 4
    table = L._start_table(frag, 1, 0).table
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[1] == ["1", "Rà soát văn bản quy phạm", "Ban hành kế hoạch rà soát", "Quý I/2022"]
    assert rows[2][0] == "2"
    assert [p.text for p in page.lines] == ["KẾ HOẠCH"]


def test_progress_is_reported_after_every_page() -> None:
    """The CLI's page counter hears of each page as it is read (progress.page_done)."""
    from kehoach_parse.loaders import load
    from kehoach_parse.progress import listening

    calls: list[tuple[int, int]] = []
    with listening(lambda done, total: calls.append((done, total))):
        doc = load(str(PDF_DIR / "003_72adce018a707e85.pdf"))
    assert doc.pages == 9
    assert calls == [(k, 9) for k in range(1, 10)]
