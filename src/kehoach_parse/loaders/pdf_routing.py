"""What a PDF page is: a scan (one page-sized image) or a digital page, whatever text it carries.

A "searchable PDF" is a scan with an invisible OCR text layer (text render mode 3, or
text drawn under the image); an e-signed scan carries one visible stamp line on top. Both
are scans: what the reader sees is the image. pdfplumber reports every character alike,
so the page's objects are read through pdfium, which knows each text object's render
mode and paint order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAGE_IMAGE_COVER = 0.6  # images covering this share of the page make it a scan (margins are often cropped)
VISIBLE_TEXT_COVER = 0.05  # visible text boxes covering less than this: a stamp or signature line, not a page
_INVISIBLE_MODES = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP: neither paints


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What pdfium sees on a page, as shares of the page area."""

    image_cover: float  # images (clipped to the page), summed
    visible_text_cover: float  # text boxes that paint and are not under the page image, summed
    hidden_text: int  # text objects that do not show: invisible mode or painted over by the image
    visible_text: int  # text objects that show

    @property
    def scanned(self) -> bool:
        """One page-sized image and at most a stamp's worth of visible text; or an image and no text."""
        if self.image_cover >= PAGE_IMAGE_COVER and self.visible_text_cover < VISIBLE_TEXT_COVER:
            return True
        return self.image_cover > 0 and self.visible_text == 0


def open_document(data: bytes) -> Any | None:
    """The PDF through pdfium, or None when pdfium cannot open it (the caller then falls back)."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except Exception:  # pdfium raises its own error types for damage and passwords
        return None


def page_facts(doc: Any, index: int) -> PageFacts | None:
    """Facts of page `index` (0-based) of a pypdfium2 document; None when pdfium cannot load the page
    (a damaged page tree that pdfminer still reads: the caller falls back to its own test)."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        page = doc[index]
    except pypdfium2.PdfiumError:
        return None
    try:
        width, height = page.get_size()
        area = max(width * height, 1.0)

        def clipped(b: tuple[float, float, float, float]) -> float:
            x0, y0, x1, y1 = max(b[0], 0.0), max(b[1], 0.0), min(b[2], width), min(b[3], height)
            return max(x1 - x0, 0.0) * max(y1 - y0, 0.0)

        images: list[tuple[int, tuple[float, float, float, float]]] = []
        texts: list[tuple[int, tuple[float, float, float, float], bool]] = []
        for k, obj in enumerate(page.get_objects(max_depth=2)):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images.append((k, obj.get_bounds()))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
                texts.append((k, obj.get_bounds(), mode not in _INVISIBLE_MODES))
    finally:
        page.close()
    image_cover = min(sum(clipped(b) for _, b in images) / area, 1.0)
    big = [(k, b) for k, b in images if clipped(b) >= 0.5 * area]
    visible_cover = 0.0
    hidden = visible = 0
    for k, b, paints in texts:
        under = any(k < ik and _inside(b, ib) for ik, ib in big)  # painted over by the page image
        if paints and not under:
            visible += 1
            visible_cover += clipped(b) / area
        else:
            hidden += 1
    return PageFacts(image_cover, visible_cover, hidden, visible)


def _inside(a: tuple[float, float, float, float], b: tuple[float, float, float, float], tol: float = 1.0) -> bool:
    return a[0] >= b[0] - tol and a[1] >= b[1] - tol and a[2] <= b[2] + tol and a[3] <= b[3] + tol
