"""Crops of the source page where each record's row is, as small data: URIs for the review page.

A reviewer compares a record with its row without opening the PDF. Pages are rendered with
pypdfium2 (already a dependency) once per page and only while their records are cropped; images
are opened with Pillow. Every crop is downscaled and JPEG-encoded, and a report holds at most
`max_crops` of them and `max_bytes` of image data in total, so its size stays bounded.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

    from ..model import PlanDocument

RENDER_SCALE = 1.5  # 108 dpi: Vietnamese diacritics stay legible, a landscape row is ~1200 px wide
MAX_WIDTH = 1000  # px of a crop after downscaling
MAX_HEIGHT = 700  # px; a taller row (one spanning most of a page) is shrunk further
MARGIN_PT = 6.0  # context round the row, in PDF points
OCR_DPI = 300  # the OCR loader's page pixels (it gives boxes in those, not in points)
JPEG_QUALITY = 70
MAX_CROPS = 200
MAX_BYTES = 12_000_000  # of base64 image text in one report


@dataclass(frozen=True, slots=True)
class Crop:
    """One record's source crop: a data: URI and the page it shows."""

    uri: str
    page: int
    width: int
    height: int


@dataclass(slots=True)
class Budget:
    """What is left of the report-wide allowance for crops (shared by all plans of a batch)."""

    max_crops: int = MAX_CROPS
    max_bytes: int = MAX_BYTES
    used_crops: int = 0
    used_bytes: int = 0

    def allows(self) -> bool:
        return self.used_crops < self.max_crops and self.used_bytes < self.max_bytes

    def take(self, size: int) -> None:
        self.used_crops += 1
        self.used_bytes += size


@dataclass(slots=True)
class PlanCrops:
    """The crops of one plan, by record id, and a sentence saying why some or all are missing."""

    by_record: dict[str, Crop] = field(default_factory=dict)
    note: str | None = None


def _uri(image: Image) -> str:
    """Downscale and encode as a JPEG data: URI (grayscale: scans and black text lose nothing)."""
    from PIL import Image as PILImage

    img = image.convert("L")
    w, h = img.size
    f = min(1.0, MAX_WIDTH / max(w, 1), MAX_HEIGHT / max(h, 1))
    if f < 1.0:
        img = img.resize((max(1, int(w * f)), max(1, int(h * f))), PILImage.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _in_points(bbox: tuple[float, float, float, float], page_w: float, page_h: float) -> tuple[float, ...]:
    """The row's box in PDF points. Digital pages give points; OCR'd pages give pixels at 300 dpi."""
    x0, y0, x1, y1 = bbox
    if x1 <= page_w * 1.05 and y1 <= page_h * 1.05:
        return bbox
    f = 72 / OCR_DPI
    if x1 * f > page_w * 1.05 or y1 * f > page_h * 1.05:  # a scan above 300 dpi: fit the box to the page
        f = min(page_w / max(x1, 1.0), page_h / max(y1, 1.0))
    return (x0 * f, y0 * f, x1 * f, y1 * f)


def _wanted(plan: PlanDocument) -> dict[int, list[tuple[str, tuple[float, float, float, float]]]]:
    """Records with a page and a box, grouped by page (1-based), in document order."""
    pages: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
    for rec in plan.records:
        prov = rec.provenance
        if prov.page and prov.bbox:
            pages.setdefault(prov.page, []).append((rec.id, prov.bbox))
    return pages


def _pdf_pages(data: bytes, numbers: list[int]) -> Generator[tuple[int, Image, float, float], None, None]:
    """(number, rendered image, width pt, height pt) for each wanted page, one page in memory at a time."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        for n in numbers:
            if not 1 <= n <= len(doc):
                continue
            page = doc[n - 1]
            try:
                w, h = page.get_size()
                img = page.render(scale=RENDER_SCALE, grayscale=True).to_pil()
            finally:
                page.close()
            yield n, img, float(w), float(h)
    finally:
        doc.close()


def _image_pages(data: bytes, numbers: list[int]) -> Generator[tuple[int, Image, float, float], None, None]:
    """Frames of an image input and their size: the OCR loader gives an image's boxes in its own pixels."""
    from PIL import Image as PILImage
    from PIL import ImageSequence

    img = PILImage.open(io.BytesIO(data))
    for k, frame in enumerate(ImageSequence.Iterator(img), start=1):
        if k in numbers:
            w, h = frame.size
            yield k, frame.convert("L"), float(w), float(h)


def plan_crops(plan: PlanDocument, source: str | None, budget: Budget) -> PlanCrops:
    """Crops for every record of `plan` that has a page and a box, read from `source` (a file path).

    `source` None, missing or changed since the parse: no crops, and the note says why.
    """
    import hashlib

    out = PlanCrops()
    fmt = plan.source.format
    if fmt not in ("pdf", "image"):
        out.note = "Nguồn không phải PDF hay ảnh: không có ảnh cắt trang (DOCX và văn bản không có trang)."
        return out
    wanted = _wanted(plan)
    if not wanted:
        out.note = "Không bản ghi nào có trang và khung (bbox): không có ảnh cắt trang."
        return out
    if source is None or not os.path.isfile(source):
        out.note = f"Không tìm thấy tệp nguồn {plan.source.path}: không có ảnh cắt trang."
        return out
    try:
        with open(source, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        out.note = f"Không đọc được tệp nguồn {plan.source.path} ({exc.strerror}): không có ảnh cắt trang."
        return out
    if hashlib.sha256(data).hexdigest() != plan.source.sha256:
        out.note = f"Tệp nguồn {plan.source.path} đã thay đổi sau khi phân tích (sha256 khác): không có ảnh cắt trang."
        return out
    if not budget.allows():
        out.note = f"Đã đạt giới hạn {budget.max_crops} ảnh cắt cho một báo cáo: kế hoạch này không có ảnh cắt."
        return out
    pages = _pdf_pages(data, sorted(wanted)) if fmt == "pdf" else _image_pages(data, sorted(wanted))
    try:
        for number, img, page_w, page_h in pages:  # rendered lazily: no page is drawn once the budget is spent
            for record_id, bbox in wanted[number]:
                if not budget.allows():
                    break
                box = bbox if fmt == "image" else _in_points(bbox, page_w, page_h)
                crop = _crop(img, box, page_w, page_h)
                if crop is None:
                    continue
                uri = _uri(crop)
                budget.take(len(uri))
                out.by_record[record_id] = Crop(uri, number, *crop.size)
            if not budget.allows():
                break
    except Exception as exc:  # a damaged page must not cost the whole report its text
        out.note = f"Không dựng được ảnh trang từ {plan.source.path} ({type(exc).__name__}): một số ảnh cắt bị thiếu."
    finally:
        pages.close()  # the PDF is closed now, not when the generator is collected
    skipped = sum(len(v) for v in wanted.values()) - len(out.by_record)
    if skipped and out.note is None and not budget.allows():
        out.note = (
            f"Đã đạt giới hạn {budget.max_crops} ảnh / {budget.max_bytes // 1_000_000} MB ảnh cho một báo cáo: "
            f"{skipped} bản ghi không có ảnh cắt (--max-crops để đổi)."
        )
    return out


def _crop(img: Image, box: tuple[float, ...], page_w: float, page_h: float) -> Image | None:
    """The box (points, top-left origin) plus a margin, cut from the page image."""
    sx, sy = img.size[0] / page_w, img.size[1] / page_h
    x0, y0, x1, y1 = box
    left = max(0, int((x0 - MARGIN_PT) * sx))
    top = max(0, int((y0 - MARGIN_PT) * sy))
    right = min(img.size[0], int((x1 + MARGIN_PT) * sx) + 1)
    bottom = min(img.size[1], int((y1 + MARGIN_PT) * sy) + 1)
    if right - left < 4 or bottom - top < 4:
        return None
    return img.crop((left, top, right, bottom))
