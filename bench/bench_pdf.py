#!/usr/bin/env python3
"""Benchmark of the PDF loaders: digital pages/s (and the ratio to bare pdfplumber), OCR s/page, memory.

* digital PDF: `kehoach_parse.pipeline.parse` end to end on the committed digital samples,
  pages per second, beside bare pdfplumber `page.extract_tables()` on the same pages
  (the ratio says what our geometry, text assembly and interpretation cost on top);
* OCR: seconds per page for an image-only PDF (three pages of a scanned sample), one job
  and two jobs (skipped without tesseract);
* memory: peak RSS of a fresh process parsing a 100-page digital PDF (the samples' pages
  repeated), which must stay under 400 MB.

`run()` returns rows (work, measured, target) for the `make bench` table; run as a
script to print them. Timings are the best of a few runs (the machine is shared).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PDF_DIR = ROOT / "samples" / "pdf"
SCAN = ROOT / "samples" / "scanned" / "003_72adce018a707e85.scan.pdf"
DIGITAL = sorted(p for p in PDF_DIR.glob("*.pdf") if p.name.count(".") == 1)


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def bench_digital() -> list[tuple[str, str, str]]:
    import pdfplumber

    from kehoach_parse.pipeline import parse

    if not DIGITAL:
        return [("digital PDF", "skipped (no samples/pdf)", ">= 5 pages/s")]
    pages = sum(_pages(p) for p in DIGITAL)
    parse(str(DIGITAL[0]))  # warm imports and data files

    def ours() -> None:
        for p in DIGITAL:
            parse(str(p))

    def bare() -> None:
        for p in DIGITAL:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()

    t_ours, t_bare = _best(ours), _best(bare)
    return [
        ("digital PDF, parse end to end", f"{pages / t_ours:.1f} pages/s ({pages} pages)", ">= 5 pages/s"),
        (
            "digital PDF vs bare pdfplumber extract_tables()",
            f"{pages / t_bare:.1f} pages/s bare; ours takes {t_ours / t_bare:.2f}x its time",
            "report",
        ),
    ]


def _scan_subset(n: int, tmp: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(SCAN))
    out = pdfium.PdfDocument.new()
    try:
        out.import_pages(src, list(range(3, 3 + n)))
        path = tmp / f"scan{n}.pdf"
        out.save(str(path))
        return path
    finally:
        out.close()
        src.close()


def _bare_tesseract(path: Path, tmp: Path) -> float:
    """Seconds for bare `tesseract --psm 6 -l vie` over the PDF's page images at their own dpi
    (the floor: what any OCR of these pages costs); extracting the images is not counted."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages: list[tuple[Path, int]] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            objs = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
            img = objs[0].get_bitmap(render=False).to_pil() if objs else page.render(scale=300 / 72).to_pil()
            dpi = round(img.size[0] / (page.get_width() / 72))
            png = tmp / f"page{i}.png"
            img.save(png, dpi=(dpi, dpi))
            pages.append((png, dpi))
    finally:
        pdf.close()
    t0 = time.perf_counter()
    for png, dpi in pages:
        cmd = ["tesseract", str(png), "-", "--psm", "6", "-l", "vie", "--dpi", str(dpi)]
        # one thread, as our loader runs it (OpenMP threads only fight over 2 cores)
        subprocess.run(cmd, capture_output=True, check=False, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    return time.perf_counter() - t0


def bench_ocr() -> list[tuple[str, str, str]]:
    if shutil.which("tesseract") is None or not SCAN.exists():
        return [("OCR (scanned PDF)", "skipped (no tesseract or no scanned sample)", "report s/page")]
    from kehoach_parse.loaders import load

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = _scan_subset(3, Path(tmp))
        ours = {}
        for jobs in (1, 2):
            ours[jobs] = t = _best(lambda jobs=jobs: load(str(path), jobs=jobs), repeat=1)
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
            rows.append(
                (f"OCR scanned PDF, --jobs {jobs}", f"{t / 3:.2f} s/page ({cores} usable cores)", "report s/page")
            )
        bare = _best(lambda: _bare_tesseract(path, Path(tmp)), repeat=1)
        rows.append(
            (
                "OCR vs bare tesseract --psm 6 (same pages, own dpi)",
                f"{bare / 3:.2f} s/page bare; ours {ours[1] / bare:.2f}x",
                "<= 1.3x",
            )
        )
    return rows


def bench_memory() -> list[tuple[str, str, str]]:
    if not DIGITAL:
        return [("memory, 100-page PDF", "skipped", "< 400 MB")]
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "hundred.pdf"
        out = pdfium.PdfDocument.new()
        try:
            while len(out) < 100:
                for p in DIGITAL:
                    src = pdfium.PdfDocument(str(p))
                    out.import_pages(src)
                    src.close()
            while len(out) > 100:
                out.del_page(len(out) - 1)
            out.save(str(big))
        finally:
            out.close()
        code = "import sys; from kehoach_parse.pipeline import parse; parse(sys.argv[1])"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code, str(big)], check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")}
        )
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    mb = max(peak, before) / 1024
    return [("memory, 100-page digital PDF", f"{mb:.0f} MB peak RSS ({100 / seconds:.1f} pages/s)", "< 400 MB")]


def run() -> list[tuple[str, str, str]]:
    """Rows (work, measured, target) for the `make bench` table."""
    return bench_digital() + bench_ocr() + bench_memory()


if __name__ == "__main__":
    rows = run()
    width = max(len(r[0]) for r in rows)
    for work, measured, target in rows:
        print(f"{work:<{width}}  {measured:<60}  {target}")
