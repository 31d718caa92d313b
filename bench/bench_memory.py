"""Worst-case inputs: peak memory and time of `kehoach parse` / `restore` on each (SPEC §5: < 1 GB up to 50 MB).

    python bench/bench_memory.py [--quick]

Every input is generated here into a temp folder (nothing large is committed). Each case
runs in a fresh child process; its peak RSS is the child's `ru_maxrss`. A guard
(RLIMIT_AS 6 GB, 1200 s) keeps a regression from taking the machine down; a case that hits
it shows as `killed`/`timeout`. Refusals (exit 3) are expected for inputs over a limit.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
GUARD_AS = 6 * 1024**3
GUARD_SECONDS = 1200  # generous: a shared machine can be several times slower

ROW = (
    "{n}\tXây dựng và triển khai kế hoạch cải cách hành chính số {n} trên địa bàn tỉnh\t"
    "Kế hoạch của UBND tỉnh\tSở Nội vụ\tCác sở, ban, ngành; UBND cấp huyện\tQuý {q}/2025\n"
)
HEADER = "STT\tHoạt động\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"


def tsv_rows(path: Path, rows: int) -> None:
    quarters = ("I", "II", "III", "IV")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for n in range(1, rows + 1):
            fh.write(ROW.format(n=n, q=quarters[n % 4]))


def text_of_size(path: Path, megabytes: float) -> None:
    """Plan-shaped prose of `megabytes` MB (10^6 bytes): the body paragraphs of a long plan."""
    para = (
        "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp; "
        "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành theo dõi, đôn đốc việc thực hiện trong Quý II/2025.\n"
    ).encode()
    with path.open("wb") as fh:
        fh.write("KẾ HOẠCH\nCải cách hành chính năm 2025\n".encode())
        for _ in range(int(megabytes * 1_000_000) // len(para)):
            fh.write(para)


def docx_table(path: Path, rows: int, cols: int) -> None:
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=rows + 1, cols=cols)
    titles = ["STT", "Hoạt động", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    for r, row in enumerate(table.rows):  # row by row: table.cell(r, c) walks the whole grid each time
        values = [str(r), f"Hoạt động {r}", "Báo cáo", "Sở Nội vụ", "Các sở, ngành", "Quý II/2025"] if r else titles
        for c, cell in enumerate(row.cells):
            cell.text = values[c] if c < len(values) else ("x" if r else f"Cột {c + 1}")
    doc.save(str(path))


def zip_bomb_docx(path: Path) -> None:
    """A DOCX whose document.xml inflates to ~1 GB (highly compressible)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:p/>" * (1 << 20)
            for _ in range(170):
                fh.write(chunk)


def big_png(path: Path, side: int) -> None:
    from PIL import Image

    Image.new("L", (side, side), 255).save(path, optimize=False)


def huge_page_pdf(path: Path) -> None:
    """One image-only page of 14400×14400 pt (the largest a PDF allows), 697 bytes or so."""
    pix = zlib.compress(b"\xff" * 3)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R "
        b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
        None,
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(pix) + pix + b"\nendstream",
    ]
    content = b"q 14400 0 0 14400 0 0 cm /Im0 Do Q"
    objs[3] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    write_pdf(path, objs)


def flate_bomb_pdf(path: Path) -> None:
    """A one-page PDF whose content stream inflates to ~1 GB."""
    comp = zlib.compressobj(9)
    data = io.BytesIO()
    block = b" " * (1 << 20)
    for _ in range(1024):
        data.write(comp.compress(block))
    data.write(comp.flush())
    stream = data.getvalue()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    write_pdf(path, objs)


def write_pdf(path: Path, objs: list[bytes | None]) -> None:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + (body or b"null") + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    path.write_bytes(out.getvalue())


def long_line(path: Path, megabytes: int) -> None:
    rng = random.Random(0)
    words = ["cai", "cach", "hanh", "chinh", "nha", "nuoc", "tinh", "ke", "hoach", "so", "theo", "doi"]
    with path.open("w", encoding="utf-8") as fh:
        size = 0
        while size < megabytes * 1024 * 1024:
            w = rng.choice(words) + " "
            fh.write(w)
            size += len(w)


def measure(cmd: list[str], stdin: Path | None = None) -> tuple[float, float, str]:
    """(peak RSS MB, seconds, outcome) of one command in a fresh child, under the guard."""
    code = (
        "import resource, subprocess, sys, time, json\n"
        "def guard():\n"
        f"    resource.setrlimit(resource.RLIMIT_AS, ({GUARD_AS}, {GUARD_AS}))\n"
        "t = time.perf_counter()\n"
        "stdin = open(sys.argv[1], 'rb') if sys.argv[1] else subprocess.DEVNULL\n"
        "try:\n"
        f"    p = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,"
        f" preexec_fn=guard, timeout={GUARD_SECONDS})\n"
        "    rc = p.returncode\n"
        "except subprocess.TimeoutExpired:\n"
        "    rc = 'timeout'\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([peak, time.perf_counter() - t, rc]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(stdin or ""), *cmd], env=ENV, capture_output=True, text=True, check=False
    )
    import json

    rss, secs, rc = json.loads(out.stdout.strip().splitlines()[-1])
    outcome = {0: "exit 0", 3: "exit 3 (refused)"}.get(rc, "killed" if isinstance(rc, int) and rc < 0 else f"{rc}")
    return rss, secs, outcome


CASES: list[tuple[str, str, Callable[[Path], None], bool]] = [
    # (name, file name, generator, restore instead of parse)
    ("prose, 49 MB (limit 50 MB)", "big.txt", lambda p: text_of_size(p, 49), False),
    ("TSV, 100,000 rows", "rows.txt", lambda p: tsv_rows(p, 100_000), False),
    ("TSV, 234,000 rows (limit 50 MB)", "rows50.txt", lambda p: tsv_rows(p, 234_000), False),
    ("DOCX table, 5,000 rows", "rows.docx", lambda p: docx_table(p, 5000, 6), False),
    ("DOCX table, 5,000 columns", "cols.docx", lambda p: docx_table(p, 2, 5000), False),
    ("zip-bomb DOCX (1 GB part)", "bomb.docx", zip_bomb_docx, False),
    ("flate-bomb PDF (1 GB stream)", "bomb.pdf", flate_bomb_pdf, False),
    ("PDF page 14400×14400 pt", "huge.pdf", huge_page_pdf, False),
    ("PNG 12000×12000", "big.png", lambda p: big_png(p, 12000), False),
    ("restore, one 20 MB line", "line.txt", lambda p: long_line(p, 20), True),
]


Result = tuple[str, float, float, float, str]  # (input, size MB, peak RSS MB, seconds, outcome)


def run(quick: bool = False) -> list[Result]:
    """Generate each worst case, measure it in a fresh process, delete it; one result per case."""
    kehoach = [sys.executable, "-m", "kehoach_parse.cli"]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-mem-") as tmp:
        for name, fname, make, restore in CASES:
            if quick and ("limit" in name or "bomb" in name):
                continue
            path = Path(tmp) / fname
            make(path)
            size = path.stat().st_size
            if restore:
                rss, secs, outcome = measure([*kehoach, "restore", "-"], stdin=path)
            else:
                out = Path(tmp) / "out.json"  # a file, as a user writes (never -o /dev/null: see files.write_atomic)
                rss, secs, outcome = measure([*kehoach, "parse", str(path), "-o", str(out), "--ocr", "never"])
                out.unlink(missing_ok=True)
            results.append((name, size / 1e6, rss, secs, outcome))
            print(f"... memory: {name}: {rss:.0f} MB, {secs:.1f} s", file=sys.stderr, flush=True)
            path.unlink()
    return results


def rows(results: list[Result]) -> list[tuple[str, str, str]]:
    """Rows (work, measured, target) for the `make bench` table."""
    return [
        (f"memory: {name} ({size:.1f} MB)", f"{rss:.0f} MB peak RSS, {secs:.1f} s, {outcome}", "< 1 GB")
        for name, size, rss, secs, outcome in results
    ]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="skip the inputs at the limit and the bombs, for a smoke run")
    args = ap.parse_args(argv)
    print("| input | size | peak RSS | time | outcome |")
    print("|---|---|---|---|---|")
    for name, size, rss, secs, outcome in run(args.quick):
        print(f"| {name} | {size:.1f} MB | {rss:.0f} MB | {secs:.1f} s | {outcome} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
