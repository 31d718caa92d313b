"""PDF: digital pages through pdfplumber, image-only pages through OCR.

A digital page gives characters with positions and vector ruling lines; `layout` turns
them into paragraphs and (page-spanning) tables, the same way the OCR loader's words and
image lines are turned. Characters are ordered by position, never by stream order (a
fallback font's glyphs come in a separate run), and every text is NFC.

`--ocr auto` OCRs pages that carry no text layer but an image; `always` OCRs every page;
`never` skips image-only pages — and refuses a PDF that has nothing else (exit 3), since
an empty plan would look like a successful parse.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..source import LoaderNote, SourceDocument
from . import RawInput
from .geometry import Glyph, Seg
from .layout import PageLayout, assemble, page_layout

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_DPI = 300
MIN_TEXT_CHARS = 10  # fewer characters than this on a page with an image: a scan
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.I)


def load(raw: RawInput, *, ocr: str = "auto", jobs: int = 1) -> SourceDocument:
    """Load a PDF (digital, scanned or mixed) into a SourceDocument."""
    _check_complete(raw)
    pdf = _open(raw)
    pages: list[PageLayout] = []
    scans: list[tuple[int, int]] = []  # (0-based index, render dpi) of the pages to OCR
    skipped: list[int] = []
    try:
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise InputError(raw.path, "PDF không có trang nào (no pages)", "kiểm tra lại tệp")
        for i in range(n_pages):
            page = _page(pdf, i, raw.path)
            try:
                image_only = _image_only(page)
                if ocr == "always" or (image_only and ocr == "auto"):
                    scans.append((i, _scan_dpi(page)))
                    pages.append(PageLayout(number=i + 1, width=float(page.width), height=float(page.height)))
                elif image_only:
                    skipped.append(i)
                else:
                    pages.append(_digital_page(page, i + 1, _stream_columns(pages)))
            finally:
                page.close()
    finally:
        pdf.close()
    if skipped and len(skipped) == n_pages:
        raise InputError(
            raw.path,
            "PDF chỉ chứa ảnh quét (no text layer), không đọc được khi dùng --ocr never",
            "bỏ `--ocr never` để nhận dạng chữ bằng tesseract",
        )
    if scans:
        from . import ocr as ocr_loader

        ocr_loader.require_tesseract(raw.path)
        sources, close = _renderers(raw, scans)
        try:
            layouts = ocr_loader.ocr_pages(sources, jobs=jobs, path=raw.path)
        finally:
            close()
        by_number = {p.number: k for k, p in enumerate(pages)}  # OCR'd layouts replace the placeholders
        for layout in layouts:
            pages[by_number[layout.number]] = layout
    notes: list[LoaderNote] = []
    if skipped:
        notes.append(
            LoaderNote(
                "W_PDF_PAGES_SKIPPED",
                f"Bỏ qua {len(skipped)} trang chỉ có ảnh quét (--ocr never): " + ", ".join(str(i + 1) for i in skipped),
                page=skipped[0] + 1,
            )
        )
    scanned = bool(scans) and len(scans) * 2 >= len(pages)
    blocks = assemble(pages)
    loader = "pdf.ocr" if scanned and len(scans) == len(pages) else ("pdf.mixed" if scans else "pdf.pdfplumber")
    return SourceDocument(
        path=raw.path,
        sha256=raw.sha256,
        format="pdf",
        kind="scanned" if scanned else "digital",
        loader=loader,
        blocks=blocks,
        pages=n_pages,
        notes=notes,
    )


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


def _digital_page(page: Any, number: int, stream_columns: list[float] | None) -> PageLayout:
    glyphs = [
        Glyph(
            text=c["text"],
            x0=float(c["x0"]),
            top=float(c["top"]),
            x1=float(c["x1"]),
            bottom=float(c["bottom"]),
            size=float(c.get("size") or 0.0),
            bold=_is_bold(c.get("fontname") or ""),
        )
        for c in page.chars
    ]
    segs = _segments(page.edges)
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
