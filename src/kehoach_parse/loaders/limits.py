"""Limits checked before work (SPEC §4): a hostile file is refused before it is decoded, rendered or walked.

Every real plan fits the defaults with room to spare: 1,000 pages, pages up to A0 (either
orientation, 5% slack), images up to 100 megapixels, DOCX parts up to 200 MB decompressed,
XML 200 elements deep, tables 200 columns wide, PDF streams up to 200 MB decompressed. A limit
hit is an `InputError` (exit 3, one line) that names the limit and the `--limits` key that
raises it, e.g. `--limits pages=2000,pixels=200M`.

The checks read only headers and declared sizes, or decompress into a bounded buffer, so they
cost little on a real plan and nothing grows with what a header claims.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from itertools import accumulate
from typing import Any

from ..errors import InputError

MB = 1_000_000
A0_MM = (841.0, 1189.0)
PT_PER_MM = 72 / 25.4
PAGE_SLACK = 1.05  # A0 plus 5%: scanners and PDF printers add margins and bleed
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """What one input may contain; `Limits.parse("pages=2000,pixels=200M")` overrides some."""

    pages: int = 1000  # pages in a PDF, frames in a TIFF
    page_mm: float = A0_MM[1]  # longest page side in mm (the shorter side is scaled with it: A0 is 841 × 1189)
    pixels: int = 100 * MB  # pixels in one image (a file, a frame, an image inside a PDF, a rendered page)
    docx_part: int = 200 * MB  # bytes of one DOCX part once decompressed
    docx_total: int = 500 * MB  # bytes of all DOCX parts together once decompressed
    zip_members: int = 10_000  # parts in a DOCX package
    xml_depth: int = 200  # element nesting in a DOCX part (libxml2 itself stops at 256)
    columns: int = 200  # columns of one table
    pdf_stream: int = 200 * MB  # bytes of one PDF stream once decompressed (images: pixels × 4 at most)
    text: int = 50 * MB  # bytes of a text input
    # bytes of a text that reads as OCR'd (rebuilt line by line, ~15 KB/s): 1,000 OCR'd pages are ~4 MB
    ocr_text: int = 5 * MB

    @classmethod
    def parse(cls, spec: str) -> Limits:
        """`key=value,...` (values take k/M/G suffixes: 200M = 200,000,000) -> Limits; ValueError names the bad key."""
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for item in filter(None, (s.strip() for s in spec.split(","))):
            key, sep, value = item.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or key not in known:
                raise ValueError(f"không rõ giới hạn `{item}` (dùng: {', '.join(known)})")
            changes[key] = _number(value.strip(), float if key == "page_mm" else int)
        return replace(cls(), **changes)

    def page_pt(self) -> tuple[float, float]:
        """(short, long) largest page sides in points, slack included."""
        long_mm = self.page_mm
        short_mm = long_mm * A0_MM[0] / A0_MM[1]
        return short_mm * PT_PER_MM * PAGE_SLACK, long_mm * PT_PER_MM * PAGE_SLACK


_SUFFIX = {"k": 1_000, "m": MB, "g": 1_000_000_000}


def _number(text: str, kind: type) -> Any:
    mult = _SUFFIX.get(text[-1:].lower(), 1) if text else 1
    digits = text[:-1] if mult != 1 else text
    try:
        value = kind(float(digits) * mult) if kind is int else kind(digits) * mult
    except ValueError:
        raise ValueError(f"giá trị giới hạn không hợp lệ: `{text}`") from None
    if value <= 0:
        raise ValueError(f"giá trị giới hạn phải dương: `{text}`")
    return value


def _human(n: float) -> str:
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.4g}{unit}"
    return f"{n:g}"


def refuse(path: str, what: str, found: float | None, key: str, limit: float, unit: str = "") -> InputError:
    """The one-line error for a limit hit: what, how much (None: more than the limit), the limit and the option."""
    show = _human if unit else (lambda n: f"{n:g}")
    amount = f"{show(found)}{unit} > {show(limit)}{unit}" if found is not None else f"hơn {show(limit)}{unit}"
    return InputError(
        path,
        f"vượt giới hạn {what}: {amount} (input over limit)",
        f"nếu tệp là thật, nâng giới hạn bằng `--limits {key}=…`",
    )


# --- small checks, each raising the one-line InputError ------------------------------------


def check_pages(path: str, n: int, limits: Limits) -> None:
    if n > limits.pages:
        raise refuse(path, "số trang", n, "pages", limits.pages)


def check_page_size(path: str, width_pt: float, height_pt: float, limits: Limits, page: int | None = None) -> None:
    """A page larger than A0 (either orientation) is refused before anything renders it."""
    short, long = sorted((abs(width_pt), abs(height_pt)))
    max_short, max_long = limits.page_pt()
    if short > max_short or long > max_long:
        where = f"trang {page}" if page else "trang"
        found_mm = f"{short / PT_PER_MM:.0f}×{long / PT_PER_MM:.0f} mm"
        raise InputError(
            path,
            f"vượt giới hạn khổ giấy: {where} {found_mm} lớn hơn A0 (841×1189 mm) (page over size limit)",
            f"nếu tệp là thật, nâng giới hạn bằng `--limits page_mm={long / PT_PER_MM:.0f}`",
        )


def check_pixels(path: str, width: int, height: int, limits: Limits, what: str = "ảnh") -> None:
    if width * height > limits.pixels:
        raise refuse(path, f"số điểm ảnh của {what} ({width}×{height})", width * height, "pixels", limits.pixels, "px")


def render_scale(width_pt: float, height_pt: float, dpi: float, limits: Limits) -> float:
    """pdfium's `scale` for rendering at `dpi`, lowered so the page image stays within `limits.pixels`."""
    scale = dpi / 72
    pixels = abs(width_pt * height_pt) * scale * scale
    if pixels > limits.pixels:
        scale *= (limits.pixels / pixels) ** 0.5
    return scale


def check_columns(path: str, n: int, limits: Limits) -> None:
    if n > limits.columns:
        raise refuse(path, "số cột của bảng", n, "columns", limits.columns)


def check_depth(path: str, depth: int, limits: Limits, part: str = "") -> None:
    if depth > limits.xml_depth:
        raise refuse(path, f"độ sâu XML{' ' + part if part else ''}", depth, "xml_depth", limits.xml_depth)


# --- images: header only -----------------------------------------------------------------


def check_image(path: str, data: bytes, limits: Limits) -> None:
    """Pixel count of every frame and the frame count, from the image headers (nothing is decoded).

    Also sets Pillow's own decompression-bomb threshold to the limit, so an image within it
    opens without Pillow's warning on stderr and one beyond it can never be decoded.
    """
    import io
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            frames = getattr(img, "n_frames", 1)
            check_pages(path, frames, limits)
            for k in range(frames):
                if k:
                    img.seek(k)
                check_pixels(path, img.size[0], img.size[1], limits)
    except Image.DecompressionBombError:
        raise refuse(path, "số điểm ảnh của ảnh", None, "pixels", limits.pixels, "px") from None
    except InputError:
        raise
    except Exception:
        return  # a damaged image: the image loader says so in its own words


# --- PDF: page count, page sizes, stream sizes ----------------------------------------------


def check_pdf(path: str, data: bytes, limits: Limits) -> None:
    """Pages, page sizes (pdfium reads them from the page tree) and every Flate stream's decompressed size."""
    check_pdf_streams(path, data, limits)
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except Exception:
        return  # damaged or encrypted: the PDF loader says so in its own words
    try:
        n = len(doc)
        check_pages(path, n, limits)
        for i in range(n):
            try:
                width, height = doc.get_page_size(i)
            except pdfium.PdfiumError:
                continue  # a page pdfium cannot size (damaged page tree): the loaders' own checks apply
            check_page_size(path, width, height, limits, i + 1)
    finally:
        doc.close()


def check_pdf_page(path: str, page: Any, limits: Limits, number: int | None = None) -> None:
    """The same size check on an open pdfplumber or pypdfium2 page."""
    if hasattr(page, "get_size"):
        width, height = page.get_size()
    else:
        width, height = float(page.width), float(page.height)
    check_page_size(path, width, height, limits, number)


_STREAM = re.compile(rb"stream\r?\n")
_DICT_FIELD = re.compile(rb"/(Filter|Subtype|Width|Height|Length)\s*(/?\w+|\[[^\]]*\])")
_FLATE = (b"/FlateDecode", b"/Fl")


def pdf_streams(data: bytes) -> Iterable[tuple[dict[bytes, bytes], int, int]]:
    """(dictionary fields, start, end) of every stream in the file, found in the raw bytes.

    The raw scan sees every stream, referenced or not, however damaged the xref; streams
    cannot live inside object streams, so none are missed there either.
    """
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        pos = m.end()
        head = data[max(0, m.start() - 4096) : m.start()].rstrip()
        if not head.endswith(b">>") or (m.start() and data[m.start() - 1 : m.start()] == b"d"):
            continue  # "endstream", or the word in text
        obj = head.rfind(b"obj")
        dictionary = head[obj + 3 :] if obj != -1 else head
        fields_: dict[bytes, bytes] = {}
        for fm in _DICT_FIELD.finditer(dictionary):
            fields_.setdefault(fm.group(1), fm.group(2))
        end = data.find(b"endstream", pos)
        end = len(data) if end == -1 else end
        yield fields_, pos, end
        pos = end


def flate_size(data: bytes | memoryview, limit: int) -> int:
    """Bytes a zlib stream inflates to, stopping (and returning limit + 1) once over `limit`."""
    d = zlib.decompressobj()
    total = 0
    buf: bytes | memoryview = data
    try:
        while buf:
            total += len(d.decompress(buf, _CHUNK))
            if total > limit:
                return limit + 1
            buf = d.unconsumed_tail
            if d.eof:
                break
        while total <= limit and not d.eof:  # what is still buffered inside zlib
            out = d.decompress(b"", _CHUNK)
            if not out:
                break
            total += len(out)
    except zlib.error:
        pass  # damaged: pdfminer and pdfium stop at the same point
    return min(total, limit + 1)


def check_pdf_streams(path: str, data: bytes, limits: Limits) -> None:
    """Every Flate stream's decompressed size (bounded work), and every image's declared pixel count."""
    view = memoryview(data)
    for fields_, start, end in pdf_streams(data):
        is_image = fields_.get(b"Subtype") == b"/Image"
        if is_image:
            width, height = _int(fields_.get(b"Width")), _int(fields_.get(b"Height"))
            check_pixels(path, width, height, limits, "ảnh trong PDF")
        filt = fields_.get(b"Filter", b"")
        if not any(f in filt for f in _FLATE):
            continue
        limit = max(limits.pdf_stream, 4 * limits.pixels) if is_image else limits.pdf_stream
        if filt.startswith(b"[") and not filt[1:].lstrip().startswith(_FLATE):
            continue  # Flate after another filter: the input to Flate is not these bytes
        size = flate_size(view[start:end], limit)
        if size > limit:
            raise refuse(path, "dữ liệu giải nén của một luồng PDF", None, "pdf_stream", limit, "B")


def _int(value: bytes | None) -> int:
    try:
        return int(value or b"0")
    except ValueError:
        return 0


# --- DOCX: zip directory, bounded reads, XML depth -----------------------------------------


def check_zip(path: str, zf: Any, limits: Limits) -> None:
    """Member count and declared sizes from the central directory, before anything is inflated."""
    infos = zf.infolist()
    if len(infos) > limits.zip_members:
        raise refuse(path, "số phần trong tệp DOCX", len(infos), "zip_members", limits.zip_members)
    total = 0
    for info in infos:
        if info.file_size > limits.docx_part:
            raise refuse(
                path, f"kích thước giải nén của {info.filename}", info.file_size, "docx_part", limits.docx_part, "B"
            )
        total += info.file_size
    if total > limits.docx_total:
        raise refuse(path, "tổng kích thước giải nén DOCX", total, "docx_total", limits.docx_total, "B")


def read_member(path: str, zf: Any, info: Any, limits: Limits) -> bytes:
    """A member's bytes, reading at most limit + 1 (headers can lie; the inflater is never trusted)."""
    parts: list[bytes] = []
    size = 0
    with zf.open(info) as fh:  # in slices: one read(n) would inflate n bytes before zipfile trims them
        while size <= limits.docx_part:
            part = fh.read(_CHUNK)
            if not part:
                break
            parts.append(part)
            size += len(part)
    data = b"".join(parts)
    if len(data) > limits.docx_part:
        raise refuse(path, f"kích thước giải nén của {info.filename}", len(data), "docx_part", limits.docx_part, "B")
    return data


_TOKEN = re.compile(rb"<(?=[^/?!])|</|/>")  # an opening tag, a closing tag, a self-closing end
_STEP = {b"<": 1, b"</": -1, b"/>": -1}


def xml_depth(data: bytes, stop: int) -> int:
    """Element nesting of an XML text, counted from its tags; returns early once past `stop`.

    Runs at C speed (~30 MB/s) in 4 MB slices cut before a `<`, so memory stays small;
    comments, processing instructions and CDATA are not special-cased (OOXML has few).
    """
    depth = deepest = 0
    pos, n = 0, len(data)
    while pos < n:
        cut = data.find(b"<", pos + (4 << 20))
        cut = n if cut == -1 else cut
        steps = list(accumulate(map(_STEP.__getitem__, _TOKEN.findall(data, pos, cut)), initial=depth))
        deepest, depth = max(deepest, *steps), steps[-1]
        if deepest > stop:
            return deepest
        pos = cut
    return deepest
