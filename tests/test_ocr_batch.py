"""Cell re-reads batched per document (issue 13 item 3): after the main reads, each kind of re-read
(row numbers, other empty cells, verification) is one tesseract call over all pages of a batch.

No timings (SPEC §5): these tests count tesseract calls and check each page's words go back to
its own cells.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from kehoach_parse.loaders import ocr as O
from kehoach_parse.loaders.layout import FragCell, Fragment, PageLayout

HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _page(number: int) -> O.PageRead:
    """A 200 dpi page with a three-column table: an empty STT cell holding `II`-like ink, an empty
    content cell holding ink, and a deadline cell (`Quý III/2025`) to verify."""
    img = Image.new("L", (1200, 400), 245)
    d = ImageDraw.Draw(img)
    d.rectangle([40, 60, 46, 120], fill=20)  # STT cell: two strokes
    d.rectangle([56, 60, 62, 120], fill=20)
    d.rectangle([200, 60, 600, 80], fill=20)  # content cell: a word-like bar
    d.rectangle([820, 60, 1100, 80], fill=20)  # deadline cell
    cells = [
        FragCell(0, 0, 1, 1, "", (0, 0, 150, 200)),
        FragCell(0, 1, 1, 1, "", (150, 0, 750, 200)),
        FragCell(0, 2, 1, 1, "Quý III/2025", (750, 0, 1200, 200), conf=0.9),
    ]
    frag = Fragment([0, 150, 750, 1200], 1, cells, (0, 0, 1200, 200))
    return O.PageRead(PageLayout(number, 1200, 400, [], [frag]), img, 200, 1.0)


def _fake(calls: list[tuple[int, int, int, str | None]]):
    """A `_tesseract_tsv_pages` that answers every image with one word: `II` for a whitelisted
    row-number read, `Việc {page}` for a montage of empty cells, the deadline for a verification."""

    def fake(exe: str, images: list[Image.Image], dpi: int, psm: int, allowed: str | None = None) -> list[str]:
        calls.append((len(images), dpi, psm, allowed))
        out = []
        for k, im in enumerate(images):
            w, h = im.size
            if allowed:
                word = "II"
            elif dpi == 200:
                word = f"Việc{k}"
            else:
                word = "Quý III/2025"
            out.append(f"{HEAD}\n5\t{k + 1}\t1\t1\t1\t1\t10\t{h // 2 - 10}\t{w // 2}\t20\t91\t{word}")
        return out

    return fake


def test_rereads_of_a_batch_take_one_call_per_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHOACH_OCR_REREADS", raising=False)
    calls: list[tuple[int, int, int, str | None]] = []
    monkeypatch.setattr(O, "_tesseract_tsv_pages", _fake(calls))
    monkeypatch.setattr(O, "_tesseract_tsv", lambda *a, **k: pytest.fail("re-reads go through list files"))
    pages = [_page(n) for n in (1, 2, 3)]
    layouts = O.finish_pages("tesseract", pages)
    assert sorted(calls, key=str) == sorted(
        [(3, 400, 7, "0123456789IVXLC"), (3, 200, 6, None), (3, 400, 6, None)], key=str
    )  # numbers (a crop per page), empty cells (a montage per page), verification (a montage per page)
    for k, layout in enumerate(layouts):
        stt, content, deadline = layout.fragments[0].cells
        assert stt.text == "II" and content.text == f"Việc{k}"  # each page's words in its own cells
        assert deadline.text == "Quý III/2025"  # verified, never rewritten (see the disagreement test)


def test_jobs_split_each_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """With two jobs each kind is two calls side by side (pages 1-2 and 3), never one per page."""
    monkeypatch.delenv("KEHOACH_OCR_REREADS", raising=False)
    calls: list[tuple[int, int, int, str | None]] = []
    monkeypatch.setattr(O, "_tesseract_tsv_pages", _fake(calls))
    O.finish_pages("tesseract", [_page(n) for n in (1, 2, 3)], jobs=2)
    assert sorted(n for n, *_ in calls) == [1, 1, 1, 2, 2, 2]


def test_rereads_can_be_left_out_for_measuring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_OCR_REREADS", "verify")
    calls: list[tuple[int, int, int, str | None]] = []
    monkeypatch.setattr(O, "_tesseract_tsv_pages", _fake(calls))
    (layout,) = O.finish_pages("tesseract", [_page(1)])
    assert calls == [(1, 400, 6, None)]
    assert [c.text for c in layout.fragments[0].cells] == ["", "", "Quý III/2025"]


def test_a_disagreeing_verification_is_kept_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second read of one page's deadline says `Quý II/2025`: that page's cell keeps its text,
    records the other read and loses confidence; the other pages' cells are untouched."""
    monkeypatch.setenv("KEHOACH_OCR_REREADS", "verify")

    def fake(exe: str, images: list[Image.Image], dpi: int, psm: int, allowed: str | None = None) -> list[str]:
        words = ["Quý III/2025", "Quý II/2025", "Quý III/2025"]
        return [
            f"{HEAD}\n5\t{k + 1}\t1\t1\t1\t1\t10\t{im.size[1] // 2 - 10}\t90\t20\t95\t{words[k]}"
            for k, im in enumerate(images)
        ]

    monkeypatch.setattr(O, "_tesseract_tsv_pages", fake)
    layouts = O.finish_pages("tesseract", [_page(n) for n in (1, 2, 3)])
    reads = [(lay.fragments[0].cells[2].second_read, lay.fragments[0].cells[2].conf) for lay in layouts]
    assert reads == [(None, 0.95), ("Quý II/2025", O.DISAGREEMENT_CONF), (None, 0.95)]


def test_pages_of_a_document_share_the_rereads(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ocr_pages` over five pages: five main reads, then one call per kind of re-read for them all."""
    monkeypatch.delenv("KEHOACH_OCR_REREADS", raising=False)
    calls: list[tuple[int, int, int, str | None]] = []
    monkeypatch.setattr(O, "_tesseract_tsv_pages", _fake(calls))
    monkeypatch.setattr(O, "require_tesseract", lambda path: "tesseract")
    mains: list[int] = []

    def read(exe: str, number: int, image: Image.Image, *, points: bool = False) -> O.PageRead:
        mains.append(number)
        return _page(number)

    monkeypatch.setattr(O, "read_page", read)
    layouts = O.ocr_pages([(n, Image.new("L", (10, 10))) for n in range(1, 6)], jobs=2)
    assert sorted(mains) == [1, 2, 3, 4, 5] and [lay.number for lay in layouts] == [1, 2, 3, 4, 5]
    assert len(calls) == 6  # three kinds, each split in two for --jobs 2
