"""Loaders: one input format each, all returning a SourceDocument.

`load()` reads the file once, sniffs its format from the content (never the extension)
and hands the bytes to the one loader that knows that format. Every problem a person can
fix becomes an `InputError` with one clear line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import InputError
from ..source import SourceDocument
from ..vietnamese.encodings import bom_encoding

if TYPE_CHECKING:
    from .limits import Limits

Sniffed = Literal["pdf", "docx", "doc", "zip", "image", "text", "unknown"]
OcrMode = Literal["auto", "always", "never"]

# Run before a loader whose libraries log (pdfminer, pdfplumber, Pillow): the command line
# quiets their loggers there (`cli.quiet_libraries`), so a text or DOCX plan never imports logging.
before_logging_libraries: list[Callable[[], None]] = []


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one input file and how the user named it."""

    path: str  # as given on the command line
    data: bytes
    sha256: str


def read_input(path: str) -> RawInput:
    """Read a file for parsing, turning every unreadable case into a one-line InputError."""
    if not os.path.exists(path):
        raise InputError(path, "không tìm thấy tệp (file not found)", "kiểm tra lại đường dẫn")
    if os.path.isdir(path):
        raise InputError(
            path, "là một thư mục, không phải tệp", "dùng `kehoach batch THƯ_MỤC -o OUT` để xử lý cả thư mục"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(path, f"không đọc được tệp ({exc.strerror})", "kiểm tra quyền đọc tệp") from exc
    if not data.strip():
        raise InputError(path, "tệp rỗng (empty file)", "cung cấp tệp kế hoạch có nội dung")
    return RawInput(path=path, data=data, sha256=hashlib.sha256(data).hexdigest())


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a")


def sniff(data: bytes) -> Sniffed:
    """Tell the format from the first bytes and the structure, not from the file name."""
    head = data[:8]
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data:
            return "docx"
        # a DOCX cut off before its word/ entries has no end-of-archive record: let the
        # DOCX loader say it is damaged rather than calling it some other archive
        return "docx" if b"PK\x05\x06" not in data and b"[Content_Types].xml" in data[:2048] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if any(head.startswith(m) for m in _IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if _looks_like_text(data):
        return "text"
    return "unknown"


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if bom_encoding(sample) in ("utf-16", "utf-32"):
        return True  # UTF-16/32 text with its byte-order mark: NUL bytes are part of every character
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # cut in the middle of a character
            return True
    # Legacy 8-bit Vietnamese encodings: mostly printable bytes, few control characters.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls / max(len(sample), 1) < 0.01


def load(path: str, *, ocr: OcrMode = "auto", jobs: int = 1, limits: Limits | None = None) -> SourceDocument:
    """Read, sniff and load one input into a SourceDocument; limits are checked before any loader works."""
    from .limits import Limits, check_image, check_pdf

    limits = limits or Limits()
    raw = read_input(path)
    kind = sniff(raw.data)
    if kind not in ("text", "docx"):
        for quiet in before_logging_libraries:
            quiet()
    if kind == "pdf":
        check_pdf(raw.path, raw.data, limits)  # pages, page sizes, stream sizes: before pdfminer or pdfium work
    elif kind == "image":
        check_image(raw.path, raw.data, limits)  # pixels and frames from the headers: before decoding
    if kind == "text":
        from . import text

        return text.load(raw, limits)
    if kind == "docx":
        from . import docx

        return docx.load(raw, limits)
    if kind == "doc":
        from . import legacy_doc

        return legacy_doc.load(raw, limits)
    if kind == "pdf":
        from . import pdf

        return pdf.load(raw, ocr=ocr, jobs=jobs)
    if kind == "image":
        from . import ocr as ocr_loader

        return ocr_loader.load_image(raw, jobs=jobs)
    what = "tệp nén ZIP/XLSX/PPTX" if kind == "zip" else "nội dung không được hỗ trợ"
    raise InputError(
        path,
        f"{what} (unsupported content)",
        "kehoach đọc PDF, DOCX, DOC, ảnh quét hoặc văn bản (.txt)",
    )
