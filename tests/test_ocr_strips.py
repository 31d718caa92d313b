"""Column-strip main read of a ruled scanned page (issue 13 item 3, `KEHOACH_OCR_STRIPS`).

The page cut into psm 6 blocks (each table column, the cells merged across columns, the
text around the tables), all read in one tesseract call, the words put back where they sit
on the page. No timings (SPEC §5).
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from conftest import has_font, needs_tesseract
from kehoach_parse.loaders import ocr as O
from kehoach_parse.loaders.geometry import GridCell, Lattice

HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _lattice(split: bool = False) -> Lattice:
    """Three columns, three rows; the middle row one cell merged across all columns (a section row),
    or (`split`) cut in two at the first column line, as a rule found a little too long cuts it."""
    xs, ys = [100.0, 200.0, 500.0, 700.0], [100.0, 160.0, 220.0, 280.0]
    cells = [GridCell(0, c, 1, 1, (xs[c], ys[0], xs[c + 1], ys[1])) for c in range(3)]
    if split:
        cells.append(GridCell(1, 0, 1, 1, (xs[0], ys[1], xs[1], ys[2])))
        cells.append(GridCell(1, 1, 1, 2, (xs[1], ys[1], xs[3], ys[2])))
    else:
        cells.append(GridCell(1, 0, 1, 3, (xs[0], ys[1], xs[3], ys[2])))
    cells += [GridCell(2, c, 1, 1, (xs[c], ys[2], xs[c + 1], ys[3])) for c in range(3)]
    return Lattice(xs, ys, cells)


def _page() -> Image.Image:
    """Ink in every cell of `_lattice` and a line of text above it (rules already painted out)."""
    img = Image.new("L", (800, 400), 240)
    d = ImageDraw.Draw(img)
    d.rectangle([120, 40, 600, 55], fill=20)  # text above the table
    for x0, x1 in ((120, 180), (220, 480), (520, 680)):
        d.rectangle([x0, 120, x1, 135], fill=20)
        d.rectangle([x0, 240, x1, 255], fill=20)
    d.rectangle([120, 180, 650, 195], fill=20)  # the merged row's text crosses the column lines
    return img


def test_pieces_are_columns_merged_cells_and_the_rest() -> None:
    """Plain crops: the band above the table, each column above and below the merged row, the
    merged row whole; blank pieces (beside and below the table) left out."""
    pieces = O._strip_pieces(_page(), [_lattice()], 300)
    origins = [(dx, dy) for _, dx, dy in pieces]
    assert origins == [(0, 3), (103, 103), (103, 223), (203, 103), (203, 223), (503, 103), (503, 223), (103, 163)]
    above, *cells, merged = (im for im, _, _ in pieces)
    assert above.size == (800, 94) and above.getextrema()[0] == 20
    assert [im.size for im in cells] == [(94, 54)] * 2 + [(294, 54)] * 2 + [(194, 54)] * 2
    assert all(im.getextrema()[0] == 20 for im in cells)
    assert merged.size == (594, 54) and merged.getextrema()[0] == 20


def test_text_over_a_column_line_is_read_whole() -> None:
    """The merged row's text runs over the first column line (no rule there, the grid split it
    anyway): the row is read across all columns, not cut at the line."""
    pieces = O._strip_pieces(_page(), [_lattice(split=True)], 300)
    assert [(dx, dy) for _, dx, dy in pieces] == [
        (0, 3),
        (103, 103),
        (103, 223),
        (203, 103),
        (203, 223),
        (503, 103),
        (503, 223),
        (103, 163),
    ]
    page = _page()
    ImageDraw.Draw(page).rectangle([196, 175, 204, 200], fill=240)  # a rule painted through the letters
    assert (103, 163) in [(dx, dy) for _, dx, dy in O._strip_pieces(page, [_lattice(split=True)], 300)]
    ImageDraw.Draw(page).rectangle([180, 175, 220, 200], fill=240)  # text on either side keeps its margin
    pieces = O._strip_pieces(page, [_lattice(split=True)], 300)
    assert (103, 103, (94, 174)) in [(dx, dy, im.size) for im, dx, dy in pieces]  # column 0 whole
    assert [(dx, dy, im.size) for im, dx, dy in pieces if dy == 163] == [(203, 163, (494, 54))]


def test_blank_pieces_cost_nothing() -> None:
    page = Image.new("L", (800, 400), 240)
    assert O._strip_pieces(page, [_lattice()], 300) == []


def test_strips_are_read_in_one_call_and_put_back_on_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int, int]] = []

    def fake(exe: str, images: list[Image.Image], dpi: int, psm: int, allowed: str | None = None) -> list[str]:
        calls.append((len(images), dpi, psm))
        # every image: one word at (m + 5, m + 7) of the framed image, m = dpi // 10 = 30
        return [f"{HEAD}\n5\t{k + 1}\t1\t1\t1\t1\t35\t37\t20\t10\t90\tw{k}" for k in range(len(images))]

    monkeypatch.setattr(O, "_tesseract_tsv_pages", fake)
    monkeypatch.setattr(O, "_tesseract_tsv", lambda *a, **k: pytest.fail("one call for the whole page"))
    words = O._read_strips("tesseract", _page(), [_lattice()], 300)
    assert calls == [(8, 300, 6)]
    assert [(g.text, g.x0, g.top) for g in words][:3] == [("w0", 5, 10), ("w1", 108, 110), ("w2", 108, 230)]
    assert (words[-1].x0, words[-1].top) == (108, 170)


def test_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_OCR_STRIPS", "1")
    assert O._use_strips()
    monkeypatch.setenv("KEHOACH_OCR_STRIPS", "0")
    assert not O._use_strips()
    monkeypatch.delenv("KEHOACH_OCR_STRIPS")
    assert O._use_strips() == O.STRIPS


@needs_tesseract
@pytest.mark.skipif(not has_font("DejaVuSans.ttf"), reason="DejaVu Sans not installed")
def test_ruled_table_read_by_strips(monkeypatch: pytest.MonkeyPatch) -> None:
    """A drawn 300 dpi table comes out cell by cell the same way with strips on."""
    from PIL import ImageFont

    monkeypatch.setenv("KEHOACH_OCR_STRIPS", "1")
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    img = Image.new("L", (1800, 900), 250)
    d = ImageDraw.Draw(img)
    d.text((150, 60), "KẾ HOẠCH năm 2024", fill=0, font=font)
    xs, ys = (150, 330, 1150, 1650), (200, 320, 440, 560)
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=4)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=4)
    rows = [("STT", "Nhiệm vụ", "Thời gian"), ("1", "Rà soát thủ tục", "Quý II"), ("2", "Cải cách thể chế", "Năm 2024")]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            d.text((xs[c] + 30, ys[r] + 35), text, fill=0, font=font)
    img.info["dpi"] = (300, 300)
    layout = O.ocr_page(O.require_tesseract("x"), 1, img)
    (frag,) = layout.fragments
    got = [[c.text for c in sorted(frag.cells, key=lambda c: c.col) if c.row == r] for r in range(3)]
    assert got == [list(r) for r in rows]
    assert any("KẾ HOẠCH" in ln.text for ln in layout.lines)


def test_strip_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ruled pages of 180-240 dpi are read in strips at their own resolution; 150 dpi still at 300."""
    for name in ("KEHOACH_OCR_STRIP_MID_DPI", "KEHOACH_OCR_UPSCALE_BELOW", "KEHOACH_OCR_MID_DPI"):
        monkeypatch.delenv(name, raising=False)
    assert [O.strip_dpi(d) for d in (150, 200, 240, 300)] == [300, 200, 240, 300]
    monkeypatch.setenv("KEHOACH_OCR_STRIP_MID_DPI", "260")  # measuring the upscaled read on the bench
    assert O.strip_dpi(200) == 260


def test_page_without_a_grid_keeps_the_page_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ruled table: the page is read whole (psm 3) at `read_dpi`, as without strips."""
    for name in ("KEHOACH_OCR_STRIP_MID_DPI", "KEHOACH_OCR_UPSCALE_BELOW", "KEHOACH_OCR_MID_DPI", "KEHOACH_OCR_PSM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KEHOACH_OCR_STRIPS", "1")
    reads: list[tuple[tuple[int, int], int, int]] = []

    def fake(exe: str, image: Image.Image, dpi: int, psm: int = 3, allowed: str | None = None) -> str:
        reads.append((image.size, dpi, psm))
        return HEAD

    monkeypatch.setattr(O, "_tesseract_tsv", fake)
    monkeypatch.setattr(O, "_tesseract_tsv_pages", lambda *a, **k: pytest.fail("no grid, no strips"))
    page = Image.new("L", (1000, 1400), 240)
    ImageDraw.Draw(page).rectangle([100, 100, 800, 120], fill=20)
    page.info["dpi"] = (200, 200)
    O.ocr_page("tesseract", 1, page)
    assert reads == [((1300, 1820), 260, 3)]
