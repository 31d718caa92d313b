#!/usr/bin/env python3
"""Make "scanned" twins of the digital PDF samples: image-only PDFs, as a copier makes them.

Each page of `samples/pdf/<stem>.pdf` is rasterised at 200 dpi in grayscale, turned by
a small angle (up to about 1 degree, as a sheet lies on the glass), given a slight blur,
a grey paper tone and sparse speckle noise, then thresholded to black and white the way
an office copier's "document" mode stores it, and the pages are rebuilt into an
image-only PDF: `samples/scanned/<stem>.scan.pdf` (CCITT G4, ~30 KB a page; grayscale
JPEG would cost ~175 KB a page, several MB a sample). One page is also written as a
grayscale PNG image (`samples/images/<stem>.p<N>.png`) for the image-input tests.

Deterministic: the angle and the noise come from a generator seeded by the file name
and page number, and the PDF is written with fixed metadata, so re-running gives the
same images. Needs only Pillow and pypdfium2 (both come with pdfplumber).

Run: `python samples/make_scans.py [STEM ...]` (from anywhere).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent
PDF_DIR = ROOT / "pdf"
SCAN_DIR = ROOT / "scanned"
IMAGE_DIR = ROOT / "images"
DPI = 200
THRESHOLD = 150
MAX_ANGLE = 1.0


def _rng(stem: str, page: int) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"{stem}:{page}".encode()).digest()[:8], "big")
    return random.Random(seed)


def degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    """Rotation, blur, speckle and a slightly grey paper: what a cheap office scanner adds."""
    angle = rng.uniform(-MAX_ANGLE, MAX_ANGLE)
    img = img.convert("L").point(lambda v: 235 if v > 235 else v)  # paper is never pure white
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=235)
    w, h = img.size
    speckle = Image.new("L", (w, h), 0)
    px = speckle.load()
    for _ in range(w * h // 20000):  # sparse dust: dark dots of 1-2 px
        x, y = rng.randrange(w - 2), rng.randrange(h - 2)
        px[x, y] = 255
        if rng.random() < 0.5:
            px[x + 1, y] = 255
    img = Image.composite(Image.new("L", (w, h), 60), img, speckle)
    return img.filter(ImageFilter.GaussianBlur(0.7))


def scan(pdf_path: Path, out_path: Path, png_page: int | None = None) -> tuple[int, int]:
    """Write the scanned twin of one PDF; returns (pages, bytes)."""
    stem = pdf_path.stem
    doc = pdfium.PdfDocument(str(pdf_path))
    pages: list[Image.Image] = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            img = page.render(scale=DPI / 72, grayscale=True).to_pil()
            page.close()
            img = degrade(img, _rng(stem, i + 1))
            pages.append(img.point(lambda v: 255 if v > THRESHOLD else 0).convert("1", dither=Image.Dither.NONE))
            if png_page == i + 1:
                IMAGE_DIR.mkdir(parents=True, exist_ok=True)
                png = IMAGE_DIR / f"{stem}.p{i + 1}.png"
                img.quantize(16).save(png, format="PNG", optimize=True, dpi=(DPI, DPI))
    finally:
        doc.close()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(
        out_path,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=DPI,
        title=stem,
        author="kehoach-parse samples",
        creationDate=None,
        modDate=None,
    )
    return len(pages), out_path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stems", nargs="*", help="PDF sample stems (default: every samples/pdf/*.pdf)")
    ap.add_argument("--png", default="003_72adce018a707e85:4", help="STEM:PAGE to also write as a PNG image")
    args = ap.parse_args(argv)
    png_stem, _, png_page = args.png.partition(":")
    paths = [PDF_DIR / f"{s}.pdf" for s in args.stems] if args.stems else sorted(PDF_DIR.glob("*.pdf"))
    if not paths:
        print("no PDFs under samples/pdf (run samples/make_pdfs.py first)", file=sys.stderr)
        return 1
    for path in paths:
        out = SCAN_DIR / f"{path.stem}.scan.pdf"
        n, size = scan(path, out, int(png_page) if path.stem == png_stem and png_page else None)
        print(f"{out.relative_to(ROOT.parent)}: {n} pages, {size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
