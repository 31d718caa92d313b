#!/usr/bin/env python3
"""Benchmark of the PDF loaders: digital pages/s (and the ratio to bare pdfplumber), OCR s/page, memory.

* digital PDF: `kehoach_parse.pipeline.parse` end to end on the committed digital samples,
  pages per second, beside bare pdfplumber `page.extract_tables()` on the same pages
  (the ratio says what our geometry, text assembly and interpretation cost on top);
* OCR: seconds per page of `loaders.load` on three pages of each scanned document (the
  committed scans and, once `make scanbench` has run, one dev document per scan-bench
  condition), interleaved with bare `tesseract -l vie --psm 6` on the same page images at
  their own dpi; the median and worst document's ratio (wall clock, and CPU seconds, which
  other users of the machine disturb less); one job and two jobs (skipped without tesseract);
* memory: peak RSS of a fresh process parsing a 100-page digital PDF (the samples' pages
  repeated), which must stay under 400 MB.

`run()` returns rows (work, measured, target) for the `make bench` table; run as a
script to print them (`--ocr` for the per-document OCR lines only). Timings are the best
of a few runs (the machine is shared).
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


def _ocr_documents() -> list[tuple[str, Path, list[int]]]:
    """The scanned documents timed: the committed scans (200 dpi grey) and, when `make scanbench`
    has run, the first dev document of each scan-bench condition (150-300 dpi, rough to clean)."""
    docs = [
        (p.name.split("_")[0] + ".scan", p, [3, 4, 5]) for p in sorted((ROOT / "samples" / "scanned").glob("*.pdf"))
    ]
    bench = ROOT / "out" / "scanbench" / "dev"
    for cond in ("clean300", "grey200", "rough150", "searchable", "bwcopy"):
        found = sorted(bench.glob(f"sb*-{cond}.pdf"))
        if found:
            docs.append((found[0].stem, found[0], [0, 1, 2]))
    return docs


def _scan_subset(src_path: Path, pages: list[int], tmp: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(src_path))
    out = pdfium.PdfDocument.new()
    try:
        out.import_pages(src, [i for i in pages if i < len(src)])
        path = tmp / f"{src_path.stem}.sub.pdf"
        out.save(str(path))
        return path
    finally:
        out.close()
        src.close()


def _page_images(path: Path, tmp: Path) -> list[tuple[Path, int]]:
    """The PDF's page images as PNG files at their own dpi (what bare tesseract is given)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages: list[tuple[Path, int]] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            objs = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
            img = objs[0].get_bitmap(render=False).to_pil() if objs else page.render(scale=300 / 72).to_pil()
            dpi = round(img.size[0] / (page.get_width() / 72))
            png = tmp / f"{path.stem}.{i}.png"
            img.save(png, dpi=(dpi, dpi))
            pages.append((png, dpi))
    finally:
        pdf.close()
    return pages


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _bare_tesseract(pages: list[tuple[Path, int]]) -> tuple[float, float]:
    """Wall and CPU seconds of bare `tesseract --psm 6 -l vie` over the page images at their own dpi
    (the floor: what any OCR of these pages costs); extracting the images is not counted."""
    t0, c0 = time.perf_counter(), _children_cpu()
    for png, dpi in pages:
        cmd = ["tesseract", str(png), "-", "--psm", "6", "-l", "vie", "--dpi", str(dpi)]
        # one thread, as our loader runs it (OpenMP threads only fight over 2 cores)
        subprocess.run(cmd, capture_output=True, check=False, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    return time.perf_counter() - t0, _children_cpu() - c0


def _ours(path: Path, jobs: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its tesseract children) of loading the PDF end to end."""
    from kehoach_parse.loaders import load

    t0, p0, c0 = time.perf_counter(), time.process_time(), _children_cpu()
    load(str(path), jobs=jobs)
    return time.perf_counter() - t0, time.process_time() - p0 + _children_cpu() - c0


def _ours_with(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """`_ours` with some KEHOACH_OCR_* settings changed for the run (the loader reads them per page)."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return _ours(path)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def measure_ocr(
    rounds: int = 1, only: str = "", verbose: bool = False, variant: dict[str, str] | None = None
) -> list[dict]:
    """Per document: s/page ours and bare, wall and CPU, best of `rounds`, the two interleaved
    (ours then bare, then bare then ours) so that load from other users hits both alike.
    `variant`: settings of a second loader run timed in the same rounds (an A/B), keys `b_*`."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, src, pages in _ocr_documents():
            if only and only not in name:
                continue
            path = _scan_subset(src, pages, Path(tmp))
            images = _page_images(path, Path(tmp))
            n = len(images)
            _ours(path)  # warm imports and data files
            ours, bare, other = [], [], []
            for k in range(rounds):
                kinds = ["ours", "bare", "b"] if variant else ["ours", "bare"]
                for kind in kinds[k % len(kinds) :] + kinds[: k % len(kinds)]:  # each goes first in turn
                    if kind == "ours":
                        ours.append(_ours(path))
                    elif kind == "bare":
                        bare.append(_bare_tesseract(images))
                    else:
                        other.append(_ours_with(path, variant or {}))
            row = {
                "doc": name,
                "pages": n,
                "dpi": images[0][1],
                "ours_s": min(w for w, _ in ours) / n,
                "bare_s": min(w for w, _ in bare) / n,
                "ours_cpu": min(c for _, c in ours) / n,
                "bare_cpu": min(c for _, c in bare) / n,
            }
            row["ratio"] = row["ours_s"] / row["bare_s"]
            row["cpu_ratio"] = row["ours_cpu"] / row["bare_cpu"]
            if other:
                row["b_s"] = min(w for w, _ in other) / n
                row["b_cpu"] = min(c for _, c in other) / n
                row["b_ratio"] = row["b_s"] / row["bare_s"]
                row["b_cpu_ratio"] = row["b_cpu"] / row["bare_cpu"]
            if verbose:
                b = (
                    f"  | B: {row['b_s']:.2f} s/page {row['b_ratio']:.2f}x (CPU {row['b_cpu']:.2f}: "
                    f"{row['b_cpu_ratio']:.2f}x)"
                    if other
                    else ""
                )
                print(
                    f"{name:<16} {n} pages {row['dpi']:>3} dpi  ours {row['ours_s']:.2f} s/page, bare "
                    f"{row['bare_s']:.2f}: {row['ratio']:.2f}x  (CPU {row['ours_cpu']:.2f} vs {row['bare_cpu']:.2f}: "
                    f"{row['cpu_ratio']:.2f}x){b}",
                    flush=True,
                )
            out.append(row)
    return out


def bench_ocr(rounds: int = 1) -> list[tuple[str, str, str]]:
    if shutil.which("tesseract") is None or not any((ROOT / "samples" / "scanned").glob("*.pdf")):
        return [("OCR (scanned PDF)", "skipped (no tesseract or no scanned sample)", "report s/page")]
    import statistics

    docs = measure_ocr(rounds)
    by = sorted(docs, key=lambda r: r["ratio"])
    med, worst = by[len(by) // 2], by[-1]
    by_cpu = sorted(docs, key=lambda r: r["cpu_ratio"])
    rows = [
        (
            f"OCR vs bare tesseract --psm 6 (same pages, own dpi), {len(docs)} documents",
            f"median {statistics.median(r['ratio'] for r in docs):.2f}x ({med['ours_s']:.2f} vs "
            f"{med['bare_s']:.2f} s/page), worst {worst['ratio']:.2f}x ({worst['doc']})",
            "<= 1.3x",
        ),
        (
            "OCR vs bare tesseract, CPU seconds (less sensitive to other users)",
            f"median {statistics.median(r['cpu_ratio'] for r in docs):.2f}x, worst {by_cpu[-1]['cpu_ratio']:.2f}x "
            f"({by_cpu[-1]['doc']})",
            "report",
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = _scan_subset(SCAN, [3, 4, 5], Path(tmp))
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        one, two = _best(lambda: _ours(path, 1), repeat=1), _best(lambda: _ours(path, 2), repeat=1)
        rows.append(
            (
                "OCR scanned PDF, --jobs 1 / --jobs 2",
                f"{one / 3:.2f} / {two / 3:.2f} s/page ({cores} usable cores; {one / two:.2f}x)",
                "report s/page",
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


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", action="store_true", help="only the OCR documents, one line each")
    ap.add_argument("--rounds", type=int, default=1, help="interleaved runs per document (best kept)")
    ap.add_argument("--only", default="", help="with --ocr: documents whose name contains this")
    ap.add_argument(
        "--ab",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --ocr: also time the loader with these settings (e.g. KEHOACH_OCR_STRIPS=0), interleaved",
    )
    args = ap.parse_args(argv)
    if args.ocr:
        variant = dict(a.split("=", 1) for a in args.ab) or None
        docs = measure_ocr(args.rounds, args.only, verbose=True, variant=variant)
        if docs:
            import statistics

            for key in ("cpu_ratio", "b_cpu_ratio") if variant else ("cpu_ratio",):
                vals = sorted(r[key] for r in docs)
                label = "B CPU ratio" if key.startswith("b_") else "CPU ratio"
                print(f"{label}: median {statistics.median(vals):.2f}x, worst {vals[-1]:.2f}x")
        return 0
    rows = run()
    width = max(len(r[0]) for r in rows)
    for work, measured, target in rows:
        print(f"{work:<{width}}  {measured:<60}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
