"""PDF: digital pages through pdfplumber, scanned pages through OCR, garbled text layers decoded.

Each page is routed by what it is (`pdf_routing`): one page-sized image with at most an
invisible OCR layer or a stamp line on top is a scan and goes to the OCR loader; a text
layer that does not read as Vietnamese (`text_layer`: a broken font map) is decoded per
font, or OCR'd when decoding fails. `SourceDocument.page_routes` records the route.

A digital page gives characters with positions and vector ruling lines; `layout` turns
them into paragraphs and (page-spanning) tables, the same way the OCR loader's words and
image lines are turned. Characters are ordered by position, never by stream order (a
fallback font's glyphs come in a separate run), and every text is NFC.

`--ocr auto` OCRs scanned pages; `always` OCRs every page; `never` keeps garbled text
layers as they are (with a note) and skips scanned pages — and refuses a PDF that has
nothing else (exit 3), since an empty plan would look like a successful parse.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..progress import page_done
from ..source import LoaderNote, SourceDocument
from . import RawInput, pdf_routing, text_layer
from .geometry import Glyph, Seg, close_open_rows
from .layout import PageLayout, assemble, page_layout

if TYPE_CHECKING:
    from PIL.Image import Image

    from ..model import PageRoute

OCR_DPI = 300
MIN_TEXT_CHARS = 10  # fewer characters than this on a page with an image: a scan (when pdfium cannot say)
ACCEPT_DECODED = 0.75  # a decoded page must read at least this Vietnamese (clean samples: 0.88-1.00)
MAX_VOTE_PAGES = 2  # whole garbled pages OCR'd to learn their fonts' maps
MONTAGE_HEIGHT = 12000  # pixels per montage sheet (tesseract refuses images over 32767)
MONTAGE_WORDS = 400  # words holding still-unseen characters, read afterwards in one montage
MAX_UNRESOLVED = 0.01  # share of a decoded page's characters that may stay undecoded (stray punctuation)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.I)


def load(raw: RawInput, *, ocr: str = "auto", jobs: int = 1) -> SourceDocument:
    """Load a PDF (digital, scanned or mixed) into a SourceDocument, routing each page by what it is."""
    _check_complete(raw)
    pdf = _open(raw)
    facts_doc = pdf_routing.open_document(raw.data)
    pages: list[PageLayout] = []
    routes: list[PageRoute] = []
    scans: list[tuple[int, int]] = []  # (0-based index, render dpi) of the pages to OCR
    skipped: list[int] = []
    held: dict[int, _HeldPage] = {}  # digital pages whose text layer does not read as Vietnamese
    notes: list[LoaderNote] = []
    try:
        n_pages = len(pdf.pages)
        done = 0  # pages finished, for the progress listener (OCR'd and held pages report later)
        if n_pages == 0:
            raise InputError(raw.path, "PDF không có trang nào (no pages)", "kiểm tra lại tệp")
        for i in range(n_pages):
            page = _page(pdf, i, raw.path)
            try:
                facts = pdf_routing.page_facts(facts_doc, i) if facts_doc is not None else None  # None: pdfium failed
                scanned = facts.scanned if facts is not None else _image_only(page)
                if ocr == "always" or (scanned and ocr == "auto"):
                    scans.append((i, _scan_dpi(page)))
                    pages.append(_placeholder(page, i))
                    routes.append("scanned")
                elif scanned:
                    skipped.append(i)
                    routes.append("scanned")
                elif text_layer.read_chars(page.chars).garbled:
                    held[i] = _HeldPage(list(page.chars), _segments(page.edges), float(page.width), float(page.height))
                    pages.append(_placeholder(page, i))
                    routes.append("decoded")
                else:
                    pages.append(_digital_page(page, i + 1, _stream_columns(pages)))
                    routes.append("digital")
                if (not scans or scans[-1][0] != i) and i not in held:
                    done += 1
                    page_done(done, n_pages)
            finally:
                page.close()
    finally:
        pdf.close()
        if facts_doc is not None:
            facts_doc.close()
    if skipped and len(skipped) == n_pages:
        raise InputError(
            raw.path,
            "PDF chỉ chứa ảnh quét (no text layer), không đọc được khi dùng --ocr never",
            "bỏ `--ocr never` để nhận dạng chữ bằng tesseract",
        )
    if held:
        _route_garbled(raw, held, pages, routes, scans, notes, ocr=ocr)
        done += sum(1 for i in held if routes[i] != "scanned")
        page_done(done, n_pages)
    if scans:
        from . import ocr as ocr_loader

        ocr_loader.require_tesseract(raw.path)
        sources, close = _renderers(raw, sorted(scans))
        try:
            # PDF points, like digital pages: provenance.bbox is in one unit for every PDF record
            layouts = ocr_loader.ocr_pages(
                sources, jobs=jobs, path=raw.path, points=True, done_before=done, total=n_pages
            )
        finally:
            close()
        by_number = {p.number: k for k, p in enumerate(pages)}  # OCR'd layouts replace the placeholders
        for layout in layouts:
            pages[by_number[layout.number]] = layout
    if skipped:
        notes.append(
            LoaderNote(
                "W_PDF_PAGES_SKIPPED",
                f"Bỏ qua {len(skipped)} trang chỉ có ảnh quét (--ocr never): " + ", ".join(str(i + 1) for i in skipped),
                page=skipped[0] + 1,
            )
        )
    n_scanned = routes.count("scanned") - len(skipped)
    scanned_doc = n_scanned > 0 and n_scanned * 2 >= len(pages)
    blocks = assemble(pages)
    loader = "pdf.ocr" if scanned_doc and n_scanned == len(pages) else ("pdf.mixed" if scans else "pdf.pdfplumber")
    return SourceDocument(
        path=raw.path,
        sha256=raw.sha256,
        format="pdf",
        kind="scanned" if scanned_doc else "digital",
        loader=loader,
        blocks=blocks,
        pages=n_pages,
        notes=sorted(notes, key=lambda n: n.page or 0),
        page_routes=routes,
    )


def _placeholder(page: Any, i: int) -> PageLayout:
    return PageLayout(number=i + 1, width=float(page.width), height=float(page.height))


# --- garbled text layers ----------------------------------------------------------------


@dataclass(slots=True)
class _HeldPage:
    """What a digital page needs to be laid out once its text layer is decoded."""

    chars: list[dict[str, Any]]
    segs: list[Seg]
    width: float
    height: float


def _route_garbled(
    raw: RawInput,
    held: dict[int, _HeldPage],
    pages: list[PageLayout],
    routes: list[PageRoute],
    scans: list[tuple[int, int]],
    notes: list[LoaderNote],
    *,
    ocr: str,
) -> None:
    """Decode the broken font maps of `held` pages; pages that stay unreadable go to OCR."""
    numbers = ", ".join(str(i + 1) for i in held)
    pos = {p.number: k for k, p in enumerate(pages)}  # pages skipped under --ocr never have no layout
    if ocr == "never" or shutil.which("tesseract") is None:
        for i, hp in held.items():  # nothing to decode or replace it with: keep it, and say so
            pages[pos[i + 1]] = _layout_of(hp, i + 1, pages[: pos[i + 1]])
            routes[i] = "digital"
        notes.append(
            LoaderNote(
                "I_LOADER",
                f"Lớp chữ trang {numbers} không đọc được như tiếng Việt (bảng mã phông hỏng) nhưng không có OCR "
                "để giải mã hoặc nhận dạng lại; kết quả các trang này có thể sai",
                page=min(held) + 1,
            )
        )
        return
    decoding = _decode(raw, held)
    decoded: list[int] = []
    for i, hp in held.items():
        chars = text_layer.decode_chars(hp.chars, decoding.mapping)
        reading = text_layer.read_chars(chars)
        unresolved = sum(1 for c in hp.chars if (c["fontname"], c["text"]) in decoding.unresolved)
        if reading.valid >= ACCEPT_DECODED and not reading.garbled and unresolved <= MAX_UNRESOLVED * len(hp.chars):
            k = pos[i + 1]
            pages[k] = _layout_of(_HeldPage(chars, hp.segs, hp.width, hp.height), i + 1, pages[:k])
            decoded.append(i)
        else:
            before = text_layer.read_chars(hp.chars)
            scans.append((i, OCR_DPI))
            routes[i] = "scanned"
            notes.append(
                LoaderNote(
                    "W_TEXT_LAYER_DISCARDED",
                    f"Lớp chữ trang {i + 1} không đọc được như tiếng Việt ({before.valid:.0%} chữ cái thuộc âm tiết "
                    f"hợp lệ; sau giải mã {reading.valid:.0%}): đã bỏ lớp chữ và nhận dạng lại trang bằng OCR",
                    page=i + 1,
                )
            )
    if decoded:
        fonts = sorted({f.split("+", 1)[-1] for f in decoding.broken_fonts})
        notes.append(
            LoaderNote(
                "I_TEXT_LAYER_DECODED",
                f"Lớp chữ trang {', '.join(str(i + 1) for i in decoded)} dùng bảng mã phông hỏng "
                f"({', '.join(fonts)}); đã giải mã: {decoding.seen} ký tự theo OCR, "
                f"{decoding.fitted} ký tự suy từ ngữ cảnh, {decoding.kept} ký tự giữ nguyên",
                page=decoded[0] + 1,
            )
        )


def _layout_of(hp: _HeldPage, number: int, before: list[PageLayout]) -> PageLayout:
    glyphs = [_glyph(c) for c in hp.chars]
    return page_layout(number, hp.width, hp.height, glyphs, hp.segs, tol=2.0, stream_columns=_stream_columns(before))


def _decode(raw: RawInput, held: dict[int, _HeldPage]) -> text_layer.Decoding:
    """Learn the broken font maps from OCR of the rendered glyphs, then fit what OCR did not show.

    One or two whole garbled pages (those showing the most distinct characters) teach the
    common letters and the space; the words holding characters still unseen are then cropped
    from their pages and read together in one montage.
    """
    import pypdfium2 as pdfium

    from . import ocr as ocr_loader

    exe = ocr_loader.require_tesseract(raw.path)
    pages = [hp.chars for hp in held.values()]
    keys = {i: Counter((c["fontname"], c["text"]) for c in hp.chars) for i, hp in held.items()}
    seen: set[tuple[str, str]] = set()
    votes: Counter[tuple[str, str, str]] = Counter()
    doc = pdfium.PdfDocument(raw.data)
    try:
        for _ in range(MAX_VOTE_PAGES):
            gain = {i: len(ks.keys() - seen) for i, ks in keys.items()}
            i = max(gain, key=lambda j: gain[j])
            if gain[i] == 0:
                break
            image = _render(doc, i, OCR_DPI)
            words = ocr_loader.parse_tsv(ocr_loader._tesseract_tsv(exe, image, OCR_DPI))
            votes += text_layer.votes(held[i].chars, words, 72 / OCR_DPI)
            seen |= set(keys.pop(i))
            if not keys:
                break
        partial_map = text_layer.fit(votes, pages, fill=False)
        pending = text_layer.unseen(partial_map, pages)
        if pending:
            votes += _montage_votes(exe, doc, held, partial_map.mapping, pending)
    finally:
        doc.close()
    return text_layer.fit(votes, pages)


def _read_montage(exe: str, crops: list[tuple[list[dict[str, Any]], Image]]) -> Counter[tuple[str, str, str]]:
    """Word crops stacked one per row on a white sheet, read in one tesseract call, voted row by row."""
    from PIL import Image as PILImage

    from . import ocr as ocr_loader

    gap = OCR_DPI // 4
    width = max(c.size[0] for _, c in crops) + 2 * gap
    sheet = PILImage.new("L", (width, sum(c.size[1] + gap for _, c in crops) + gap), 255)
    rows: list[tuple[int, int]] = []
    y = gap
    for _, crop in crops:
        sheet.paste(crop, (gap, y))
        rows.append((y, y + crop.size[1]))
        y += crop.size[1] + gap
    read = ocr_loader.parse_tsv(ocr_loader._tesseract_tsv(exe, sheet, OCR_DPI, psm=6))
    out: Counter[tuple[str, str, str]] = Counter()
    for (word, _), (top, bottom) in zip(crops, rows, strict=True):
        mine = sorted(
            (g for g in read if top <= g.cy <= bottom and g.conf >= text_layer.MIN_OCR_CONF), key=lambda g: g.x0
        )
        if mine:
            out += text_layer.word_votes(word, "".join(g.text for g in mine))
    return out


def _render(doc: Any, i: int, dpi: int) -> Image:
    page = doc[i]
    try:
        return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        page.close()


def _montage_votes(
    exe: str,
    doc: Any,
    held: dict[int, _HeldPage],
    mapping: dict[tuple[str, str], str],
    pending: Counter[tuple[str, str]],
) -> Counter[tuple[str, str, str]]:
    """Votes from words holding unseen characters (up to two words each), cropped and read in montages."""
    need = dict.fromkeys(pending, 2)
    crops: list[tuple[list[dict[str, Any]], Image]] = []
    k = OCR_DPI / 72
    for i, hp in held.items():
        chosen: list[list[dict[str, Any]]] = []
        for word in text_layer.words(hp.chars, mapping):
            hits = [key for key in {(c["fontname"], c["text"]) for c in word} if need.get(key, 0) > 0]
            if hits and len(chosen) + len(crops) < MONTAGE_WORDS:
                chosen.append([dict(c) for c in word])
                for key in hits:
                    need[key] -= 1
        if not chosen:
            continue
        image = _render(doc, i, OCR_DPI)
        for picked in chosen:
            h = max(c["bottom"] for c in picked) - min(c["top"] for c in picked)
            box = (
                int((min(c["x0"] for c in picked) - 0.08 * h) * k),
                int((min(c["top"] for c in picked) - 0.25 * h) * k),
                int((max(c["x1"] for c in picked) + 0.08 * h) * k),
                int((max(c["bottom"] for c in picked) + 0.2 * h) * k),
            )
            crops.append((picked, image.crop(box)))
        if not any(need.values()):
            break
    if not crops:
        return Counter()
    out: Counter[tuple[str, str, str]] = Counter()
    batch: list[tuple[list[dict[str, Any]], Image]] = []
    height = 0
    for item in [*crops, None]:  # sheets under tesseract's 32767-pixel limit
        if item is not None and height + item[1].size[1] < MONTAGE_HEIGHT:
            batch.append(item)
            height += item[1].size[1] + OCR_DPI // 4
            continue
        if batch:
            with contextlib.suppress(RuntimeError, OSError):  # an unreadable sheet teaches nothing; the fit covers it
                out += _read_montage(exe, batch)
        batch, height = ([item], item[1].size[1]) if item is not None else ([], 0)
    return out


# --- opening ----------------------------------------------------------------------------


def _check_complete(raw: RawInput) -> None:
    """A PDF ends with %%EOF; pdfminer would otherwise quietly read what survived a cut."""
    if b"%%EOF" not in raw.data[-4096:]:
        raise InputError(raw.path, "PDF bị cắt cụt hoặc hỏng (truncated PDF)", "tải lại hoặc xuất lại tệp PDF")


def _open(raw: RawInput) -> Any:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(raw.data))
        _ = pdf.pages  # forces the page tree: damage shows here
    except Exception as exc:  # pdfminer raises many unrelated types
        if _is_password_error(exc):
            raise InputError(
                raw.path, "PDF được bảo vệ bằng mật khẩu (password-protected)", "gỡ mật khẩu rồi chạy lại"
            ) from None
        raise InputError(
            raw.path, f"PDF hỏng, không đọc được ({_short(exc)})", "tải lại hoặc xuất lại tệp PDF"
        ) from None
    return pdf


def _is_password_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    args = getattr(exc, "args", ())
    return any(isinstance(a, BaseException) and _is_password_error(a) for a in args)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:80]


def _page(pdf: Any, i: int, path: str) -> Any:
    try:
        page = pdf.pages[i]
        _ = page.chars
        return page
    except InputError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise InputError(
                path, "PDF được bảo vệ bằng mật khẩu (password-protected)", "gỡ mật khẩu rồi chạy lại"
            ) from None
        raise InputError(path, f"PDF hỏng ở trang {i + 1} ({_short(exc)})", "tải lại hoặc xuất lại tệp PDF") from None


def _image_only(page: Any) -> bool:
    visible = [c for c in page.chars if c.get("text", "").strip()]
    return len(visible) < MIN_TEXT_CHARS and bool(page.images)


# --- digital pages ----------------------------------------------------------------------


def _glyph(c: dict[str, Any]) -> Glyph:
    return Glyph(
        text=c["text"],
        x0=float(c["x0"]),
        top=float(c["top"]),
        x1=float(c["x1"]),
        bottom=float(c["bottom"]),
        size=float(c.get("size") or 0.0),
        bold=_is_bold(c.get("fontname") or ""),
    )


def _digital_page(page: Any, number: int, stream_columns: list[float] | None) -> PageLayout:
    glyphs = [_glyph(c) for c in page.chars]
    segs = close_open_rows(_segments(page.edges), tol=2.0)
    return page_layout(
        number, float(page.width), float(page.height), glyphs, segs, tol=2.0, stream_columns=stream_columns
    )


@lru_cache(maxsize=256)
def _is_bold(fontname: str) -> bool:
    return bool(_BOLD.search(fontname))


def _segments(edges: list[dict[str, Any]], min_len: float = 2.0) -> list[Seg]:
    out: list[Seg] = []
    for e in edges:
        x0, x1, top, bottom = float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])
        if e.get("orientation") == "h" and x1 - x0 >= min_len:
            out.append(Seg(x0, top, x1, top))
        elif e.get("orientation") == "v" and bottom - top >= min_len:
            out.append(Seg(x0, top, x0, bottom))
    return out


def _stream_columns(pages: list[PageLayout]) -> list[float] | None:
    """Columns of a rule-less table still open at the end of the previous page."""
    if not pages or not pages[-1].fragments:
        return None
    frag = pages[-1].fragments[-1]
    return None if frag.spans_known else list(frag.xs)


# --- scanned pages ----------------------------------------------------------------------


def _scan_dpi(page: Any) -> int:
    """Render at the scan's own resolution (no resampling twice); OCR scales it to 300 dpi."""
    best = 0.0
    for im in page.images:
        width_pt = float(im.get("width") or 0)
        src = im.get("srcsize") or (0, 0)
        if width_pt > 0.3 * float(page.width) and src[0]:
            best = max(best, src[0] / (width_pt / 72))
    return int(min(max(best, 150), 400)) if best else OCR_DPI


def _renderers(
    raw: RawInput, scans: list[tuple[int, int]]
) -> tuple[list[tuple[int, Callable[[], Image]]], Callable[[], None]]:
    """One callable per image-only page that renders it at OCR resolution, when a worker needs it.

    Pages are rendered one at a time (the OCR loader serialises the calls: pdfium is not
    thread-safe), so a 100-page scan never holds more than `jobs` page images.
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(raw.data)

    def render(i: int, dpi: int) -> Image:
        page = doc[i]
        try:
            img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        finally:
            page.close()
        img.info["dpi"] = (dpi, dpi)
        return img

    return [(i + 1, partial(render, i, dpi)) for i, dpi in scans], doc.close
