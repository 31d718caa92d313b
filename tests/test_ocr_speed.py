"""OCR near bare tesseract (issue 13 item 3): cell re-reads batched, one page turn, the upscale band.

No timings here (SPEC §5: speed is measured by `make bench`); these tests pin what makes the
OCR path cheap: how many tesseract calls a page takes and at what size the page is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from conftest import has_font, needs_tesseract
from kehoach_parse.loaders import ocr as O
from kehoach_parse.loaders import preprocess as P
from kehoach_parse.loaders.layout import FragCell

ROOT = Path(__file__).resolve().parent.parent
PNG = ROOT / "samples" / "images" / "003_72adce018a707e85.p4.png"


HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _crop(strokes: int) -> Image.Image:
    """A cell crop with `strokes` vertical bars (a Roman numeral's look, as far as ink goes)."""
    img = Image.new("L", (80, 60), 240)
    d = ImageDraw.Draw(img)
    for k in range(strokes):
        d.rectangle([20 + k * 12, 15, 24 + k * 12, 45], fill=20)
    return img


def test_row_numbers_are_read_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three row-number cells: one tesseract call, each crop read alone (psm 7, whitelisted) as a
    page of a list file, each page's word back in its own cell."""
    calls: list[tuple[int, int, int, str | None]] = []

    def fake(exe: str, images: list[Image.Image], dpi: int, psm: int, allowed: str | None = None) -> list[str]:
        calls.append((len(images), dpi, psm, allowed))
        return [f"{HEAD}\n5\t{k + 1}\t1\t1\t1\t1\t10\t10\t30\t30\t90\t{'I' * (k + 1)}" for k in range(len(images))]

    monkeypatch.setattr(O, "_tesseract_tsv_pages", fake)
    monkeypatch.setattr(O, "_tesseract_tsv", lambda *a, **k: pytest.fail("one call per crop"))
    cells = [FragCell(k, 0, 1, 1, "", (0, 0, 80, 60)) for k in range(3)]
    O._read_numbers("tesseract", [(c, _crop(k + 1)) for k, c in enumerate(cells)], 200)
    assert calls == [(3, 400, 7, "0123456789IVXLC")]  # twice the size, digits and numerals only
    assert [c.text for c in cells] == ["I", "II", "III"]


@needs_tesseract
def test_list_file_reads_each_image_alone() -> None:
    """`_tesseract_tsv_pages` gives one TSV per image, in order (pages of a list file)."""
    from PIL import ImageFont

    font = ImageFont.truetype("DejaVuSans.ttf", 48) if has_font("DejaVuSans.ttf") else ImageFont.load_default()
    images = []
    for text in ("12", "", "345"):
        img = Image.new("L", (220, 90), 255)
        ImageDraw.Draw(img).text((30, 15), text, fill=0, font=font)
        images.append(img)
    tsvs = O._tesseract_tsv_pages(O.require_tesseract("x"), images, 300, psm=7, allowed="0123456789")
    assert [" ".join(g.text for g in O.parse_tsv(t)) for t in tsvs] == ["12", "", "345"]


def test_empty_crops_cost_no_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(O, "_tesseract_tsv_pages", lambda *a, **k: pytest.fail("no ink, no tesseract call"))
    cell = FragCell(0, 0, 1, 1, "", (0, 0, 80, 60))
    O._read_numbers("tesseract", [(cell, _crop(0))], 200)
    assert cell.text == ""


def test_resolution_by_dpi_band(monkeypatch: pytest.MonkeyPatch) -> None:
    """150 dpi pages are read at 300 dpi, 200 dpi pages at 260 (`Tổ` is not `Tố`, at 1.69x the
    pixels of the page instead of 2.25x), 240 dpi and up at their own resolution."""
    monkeypatch.delenv("KEHOACH_OCR_UPSCALE_BELOW", raising=False)
    monkeypatch.delenv("KEHOACH_OCR_MID_DPI", raising=False)
    monkeypatch.delenv("KEHOACH_OCR_STEPS", raising=False)
    assert [O.read_dpi(d) for d in (150, 200, 240, 300)] == [300, 260, 240, 300]
    page = Image.new("L", (600, 400), 235)
    ImageDraw.Draw(page).rectangle([100, 100, 500, 110], fill=20)
    gray, _, factor, dpi = O.prepare(page, 200)
    assert (factor, dpi, gray.size) == (1.3, 260, (780, 520))
    gray, _, factor, dpi = O.prepare(page, 150)
    assert (factor, dpi, gray.size) == (2.0, 300, (1200, 800))
    assert O.prepare(page, 300)[2:] == (1.0, 300)
    monkeypatch.setenv("KEHOACH_OCR_MID_DPI", "300")  # measuring another band on the scan bench
    assert O.prepare(page, 200)[3] == 300


def _tilted_lines(size: tuple[int, int] = (1600, 1100)) -> Image.Image:
    page = Image.new("L", size, 235)
    d = ImageDraw.Draw(page)
    for y in range(150, size[1] - 100, 40):
        d.rectangle([150, y, size[0] - 150, y + 8], fill=30)
    return page.rotate(-1.2, resample=Image.Resampling.BICUBIC, fillcolor=235)


def _spy_page_turns(monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> list[tuple[tuple[int, int], object]]:
    """(size, resampling filter) of every affine transform of a page-sized (or larger) image."""
    turned: list[tuple[tuple[int, int], object]] = []
    real = Image.Image.transform

    def spy(self: Image.Image, *args: Any, **kwargs: Any) -> Image.Image:
        if self.size[0] >= size[0] and self.size[1] >= size[1]:
            turned.append((self.size, kwargs.get("resample")))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "transform", spy)
    monkeypatch.setattr(Image.Image, "rotate", lambda *a, **k: pytest.fail("pages are turned by `turn` only"))
    return turned


def test_deskew_turns_the_page_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The angle is searched on strip profiles only; the page itself is turned once."""
    tilted = _tilted_lines()
    turned = _spy_page_turns(monkeypatch, tilted.size)
    _level, angle = P.deskew(tilted)
    assert abs(angle - 1.2) <= 0.05 and len(turned) == 1


def test_prepare_turns_the_page_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 200 dpi page: upscaled to 260 dpi, then turned once (TURN_RESAMPLE); a grainy page's
    rule-finding twin (no median) gets a nearest-neighbour turn, not a second full one."""
    import random

    for var in ("KEHOACH_OCR_STEPS", "KEHOACH_OCR_TURN", "KEHOACH_OCR_MID_DPI", "KEHOACH_OCR_UPSCALE_BELOW"):
        monkeypatch.delenv(var, raising=False)
    tilted = _tilted_lines()
    turned = _spy_page_turns(monkeypatch, tilted.size)
    filt = {"bicubic": Image.Resampling.BICUBIC, "bilinear": Image.Resampling.BILINEAR}[P.TURN_RESAMPLE]
    gray, ruled, factor, dpi = O.prepare(tilted, 200)
    assert turned == [((2080, 1430), filt)] and ruled is gray
    assert (factor, dpi, gray.size) == (1.3, 260, (2080, 1430))
    rnd = random.Random(7)
    grainy = tilted.copy()
    grainy.putdata([max(0, min(255, v + rnd.randint(-25, 25))) for v in grainy.tobytes()])
    assert P.grain(grainy) > O.GRAINY
    turned.clear()
    gray, ruled, _, _ = O.prepare(grainy, 200)
    assert turned == [((2080, 1430), filt), ((1600, 1100), Image.Resampling.NEAREST)] and ruled is not gray
    assert ruled.size == gray.size
