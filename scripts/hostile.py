"""Hostile inputs, generated rather than committed (issue 14): each is tiny on disk and huge when read.

Used by tests/test_limits.py (regression tests), scripts/fuzz.py (seeds) and by hand:
`python scripts/hostile.py OUTDIR` writes them all so they can be measured with /usr/bin/time -v.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_DOCX = ROOT / "samples" / "docx" / "003_72adce018a707e85.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --- PDF ----------------------------------------------------------------------------------


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF with a correct xref from numbered object bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def big_page_pdf(side_pt: int = 14400) -> bytes:
    """One image-only page of side_pt × side_pt points (issue 14 item 1: 14400 pt is 5 m)."""
    content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (side_pt, side_pt)
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im0 4 0 R >> >>"
            b" /Contents 5 0 R >>" % (side_pt, side_pt),
            _stream(
                b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
                b"\x00\xff\xff\x00",
            ),
            _stream(b"", content),
        ]
    )


def many_pages_pdf(n: int) -> bytes:
    """n small blank pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        _stream(b"", b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
    ]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * n
    return pdf_file(objs)


def flate_bomb_pdf(decompressed: int = 1 << 30) -> bytes:
    """A page whose content stream is `decompressed` bytes of spaces, Flate-compressed (~1000:1)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(decompressed // len(chunk))]
    parts.append(comp.flush())
    data = b"".join(parts)
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(b"/Filter /FlateDecode", data),
        ]
    )


# --- images -------------------------------------------------------------------------------


def big_png(width: int = 12000, height: int = 12000) -> bytes:
    """A white grayscale PNG written row by row (never held decoded), ~1000:1 compressed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    comp = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    rows_per = max(1, (1 << 20) // len(row))
    idat = []
    left = height
    while left:
        n = min(rows_per, left)
        idat.append(comp.compress(row * n))
        left -= n
    idat.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(idat)) + chunk(b"IEND", b"")


# --- DOCX ---------------------------------------------------------------------------------


def docx_with(document_xml: bytes | Callable[[zipfile.ZipFile], None], base: Path = BASE_DOCX) -> bytes:
    """A copy of a sample DOCX whose word/document.xml is replaced (bytes, or a writer for streaming)."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                if callable(document_xml):
                    document_xml(dst)
                else:
                    dst.writestr("word/document.xml", document_xml)
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _document(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
        f"{body}</w:body></w:document>"
    ).encode()


def nested_textbox_docx(depth: int = 24) -> bytes:
    """Text boxes inside text boxes, `depth` deep (issue 14 item 2: walked once per enclosing box)."""
    inner = "<w:p><w:r><w:t>đáy</w:t></w:r></w:p>"
    for level in range(depth, 0, -1):
        inner = (
            f"<w:p><w:r><w:t>Hộp {level}</w:t></w:r>"
            f"<w:r><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></w:r></w:p>"
        )
    return docx_with(_document(inner))


def deep_xml_docx(depth: int = 5000) -> bytes:
    """A body nested `depth` content controls deep."""
    return docx_with(_document("<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth))


def wide_table_docx(cols: int = 5000, rows: int = 3) -> bytes:
    """A bordered table with `cols` columns (issue 14 item 10: 5000 columns took 1.31 GB)."""
    grid = "<w:tblGrid>" + '<w:gridCol w:w="10"/>' * cols + "</w:tblGrid>"
    borders = '<w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>'
    row = "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in range(cols)) + "</w:tr>"
    return docx_with(_document(f"<w:tbl>{borders}{grid}{row * rows}</w:tbl><w:p/>"))


def zip_bomb_docx(decompressed: int = 2_500_000_000) -> bytes:
    """word/document.xml padded with `decompressed` bytes of spaces (zip deflate, ~1000:1)."""

    def write(dst: zipfile.ZipFile) -> None:
        head = _document("<w:p><w:r><w:t>x</w:t></w:r></w:p>")
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head[: -len(b"</w:body></w:document>")])
            chunk = b" " * (1 << 20)
            for _ in range(decompressed // len(chunk)):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")

    return docx_with(write)


def lying_size_docx(real: int = 300_000_000, declared: int = 200_000) -> bytes:
    """A zip bomb whose headers claim word/document.xml is small (central directory and local header)."""
    data = zip_bomb_docx(real)
    name = b"word/document.xml"
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name.decode())
        local, real_size = info.header_offset, info.file_size
    # central directory entry: uncompressed size at +24 (or in the zip64 extra field)
    cd = buf.rfind(b"PK\x01\x02", 0, len(buf))
    while cd != -1 and buf[cd + 46 : cd + 46 + len(name)] != name:
        cd = buf.rfind(b"PK\x01\x02", 0, cd)
    for at in (cd + 24, local + 22):
        if struct.unpack_from("<I", buf, at)[0] == 0xFFFFFFFF:
            continue
        struct.pack_into("<I", buf, at, declared)
    # zip64 extra fields carry the real size as an 8-byte field: patch every copy of it
    packed = struct.pack("<Q", real_size)
    at = buf.find(packed)
    while at != -1:
        struct.pack_into("<Q", buf, at, declared)
        at = buf.find(packed, at + 8)
    return bytes(buf)


HOSTILE: dict[str, tuple[str, Callable[[], bytes]]] = {
    "big_page.pdf": ("item 1: 14400 pt image-only page", big_page_pdf),
    "nested_textbox_20.docx": ("item 2: text boxes 20 deep", lambda: nested_textbox_docx(20)),
    "nested_textbox_24.docx": ("item 2: text boxes 24 deep", lambda: nested_textbox_docx(24)),
    "zip_bomb.docx": ("item 10: 2.5 GB document.xml", zip_bomb_docx),
    "lying_size.docx": ("item 10: 300 MB document.xml declared 200 kB", lying_size_docx),
    "flate_bomb.pdf": ("item 10: 1 GB content stream", flate_bomb_pdf),
    "wide_table.docx": ("item 10: 5000-column table", wide_table_docx),
    "big.png": ("item 10: 12000x12000 PNG", big_png),
    "deep_xml.docx": ("XML 5000 deep", deep_xml_docx),
    "many_pages.pdf": ("1500 pages", lambda: many_pages_pdf(1500)),
}


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "out/hostile")
    out.mkdir(parents=True, exist_ok=True)
    for name, (what, make) in HOSTILE.items():
        data = make()
        (out / name).write_bytes(data)
        print(f"{out / name}\t{len(data)} bytes\t{what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
