"""Scanned pages (image-only PDF pages, PNG/JPEG/TIFF files) through tesseract.

Per page: grayscale, deskew (the angle whose row profile is sharpest), find the ruling
lines in the image, paint them out (tesseract reads rules as `|` and `l`), OCR with
`tesseract -l vie ... tsv` for word boxes, then hand words and lines to `layout`, the
same code that reads digital PDFs. A scanned table keeps the spans its lines show; its
`confidence` is the mean word confidence (below 1). Without rules the table is rebuilt
from the header's word positions and the STT column (spans unknown).

Pages run in a thread pool (`--jobs`); the work is in the tesseract subprocesses, each
limited to one OpenMP thread so N jobs use N cores.

Cost per page (issue 13): the skew estimated from strip profiles (nothing rotated), the page
upscaled when below 180 dpi and turned once, read once (a ruled page by column strips with
psm 6 in one call at its own resolution from 180 dpi, `strip_dpi`; a page without rules with
psm 3, a 200 dpi one at 260 dpi, `read_dpi`); then, for up to BATCH_PAGES pages at a time,
three more tesseract calls in all (not per page): the row numbers, the other empty cells and
the verification of deadlines and Roman numerals (`finish_pages`). Those depend on what the
main reads gave and use another psm, whitelist or scale, so they cannot share the main read's call.
A ruled page's main read is by column strips (STRIPS; `KEHOACH_OCR_STRIPS=0`: one psm 3 read).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, TypeVar

from ..errors import InputError
from ..source import SourceDocument
from ..vietnamese.numerals import ROMAN_PATTERN
from . import RawInput, preprocess
from .geometry import Glyph, GridCell, Lattice, Seg, find_lattices, join_cell_lines, text_lines
from .layout import FragCell, PageLayout, assemble, page_layout, scale_layout, table_lattices, words_confidence

if TYPE_CHECKING:
    from PIL.Image import Image

DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-vie"
TARGET_DPI = preprocess.TARGET_DPI
estimate_skew = preprocess.estimate_skew  # kept importable from here
_render_lock = threading.Lock()

PageSource = tuple[int, "Callable[[], Image] | Image"]
_T = TypeVar("_T")


# --- tesseract --------------------------------------------------------------------------


def require_tesseract(path: str) -> str:
    """The tesseract executable with Vietnamese data, or a one-line InputError saying what to install."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise InputError(
            path,
            "cần tesseract để đọc ảnh quét nhưng chưa được cài (tesseract not found)",
            f"cài các gói Debian: sudo apt-get install {DEBIAN_PACKAGES}",
        )
    if "vie" not in _languages(exe):
        raise InputError(
            path,
            "tesseract chưa có dữ liệu tiếng Việt (language 'vie' missing)",
            "cài gói Debian: sudo apt-get install tesseract-ocr-vie",
        )
    return exe


@lru_cache(maxsize=4)
def _languages(exe: str) -> frozenset[str]:
    from ..children import run_child  # own process group, never outlives us

    try:
        out = run_child([exe, "--list-langs"], timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    text = (out.stdout + out.stderr).decode("utf-8", "replace")
    return frozenset(ln.strip() for ln in text.splitlines()[1:] if ln.strip())


def _tesseract_tsv(exe: str, image: Image, dpi: int, psm: int = 3, allowed: str | None = None) -> str:
    from ..children import scratch_dir

    with scratch_dir("kehoach-ocr-") as tmp:
        src = os.path.join(tmp, "page.pgm")
        image.convert("L").save(src, format="PPM")  # uncompressed: writing a PNG costs ~0.4 s a page
        return _run_tesseract(exe, src, dpi, psm, allowed)


def _run_tesseract(exe: str, src: str, dpi: int, psm: int, allowed: str | None) -> str:
    """TSV of tesseract on `src` (an image, or a list file of images), one thread, in its own process group."""
    from ..children import run_child

    cmd = [exe, src, "stdout", "-l", "vie", "--psm", str(psm), "--dpi", str(dpi)]
    if allowed:
        cmd += ["-c", f"tessedit_char_whitelist={allowed}"]
    cmd.append("tsv")
    proc = run_child(cmd, timeout=600, env=dict(os.environ, OMP_THREAD_LIMIT="1"))  # never outlives us
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "tesseract failed")
    return proc.stdout.decode("utf-8", "replace")


def _tesseract_tsv_pages(
    exe: str, images: Sequence[Image], dpi: int, psm: int, allowed: str | None = None
) -> list[str]:
    """One tesseract call over several images, each read on its own as a page of a list file: the
    same reads as one call per image (psm 7 per crop), with the process started and the model
    loaded once. The TSV of each image, in order."""
    from ..children import scratch_dir

    with scratch_dir("kehoach-ocr-") as tmp:
        paths = []
        for k, image in enumerate(images):
            paths.append(os.path.join(tmp, f"crop{k}.pgm"))
            image.convert("L").save(paths[-1], format="PPM")
        listing = os.path.join(tmp, "crops.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(paths) + "\n")
        lines = _run_tesseract(exe, listing, dpi, psm, allowed).splitlines()
    per: list[list[str]] = [[] for _ in images]
    for line in lines[1:]:
        page = line.split("\t", 2)[1] if line.count("\t") >= 2 else ""
        if page.isdigit() and 1 <= int(page) <= len(images):  # TSV column 2: page_num, 1-based
            per[int(page) - 1].append(line)
    return ["\n".join([lines[0] if lines else "", *rows]) for rows in per]


def parse_tsv(tsv: str, *, keep_dashes: bool = False) -> list[Glyph]:
    """Word boxes from tesseract's TSV (level 5 rows), NFC text, confidence 0..100.

    A lone dash or bar is dropped as a rule remnant unless `keep_dashes` (a cell read on its
    own, where `Quý II - Quý III` needs its dash and a lone `|` is the `I` of `Quý I`) or it
    opens a line of words (a list bullet, kept as `-` so the cell's lines split as list items).
    """
    import unicodedata

    words: list[Glyph] = []
    rows = [ln.split("\t") for ln in tsv.splitlines()[1:]]
    heights = sorted(int(float(p[9])) for p in rows if len(p) >= 12 and p[0] == "5" and any(c.isalnum() for c in p[11]))
    typical = heights[len(heights) // 2] if heights else 0
    # words per (page, block, paragraph, line): a bullet opens a line of words
    words_in_line = Counter(tuple(p[1:5]) for p in rows if len(p) >= 12 and p[0] == "5" and p[11].strip())
    for parts in rows:
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = unicodedata.normalize("NFC", parts[11].strip())
        # a dash opening a line of words: a list item's bullet (`- Thanh tra` / `- Tổ Pháp chế`)
        bullet = text in _BULLETS and parts[5] == "1" and words_in_line[tuple(parts[1:5])] > 1
        if bullet:
            text = "-"
        elif keep_dashes and text in ("-", "–", "—", "|", "l", "!"):
            text = "-" if text in ("-", "–", "—") else "I"  # no rules in a cell's crop: `|` is a Roman one
        elif not text or _RULE_JUNK.fullmatch(text):
            continue
        left, top, width, height = (int(float(v)) for v in parts[6:10])
        junk = not any(c.isalnum() for c in text) and (float(parts[10]) < 70 or height < 0.5 * typical)
        if junk and not (keep_dashes and text in ("-", "I")) and not bullet:
            continue  # specks and rule remnants read as `‹`, `-_`, `"`
        words.append(
            Glyph(text, left, top, left + width, top + height, size=float(height), conf=max(float(parts[10]), 0.0))
        )
    return words


_ROW_NUMBER = re.compile(rf"^(?:\d{{1,3}}|{ROMAN_PATTERN})\.?$")
# what a lone row number comes out as on a noisy page: `H` for II, `r2.`, `.` for 1, `IIL` for III
_MISREAD_NUMBER = re.compile(rf"(?!(?:\d{{1,3}}|{ROMAN_PATTERN})\.?$)[IVXLCHKlr|!.,:;'\"\-0-9 ]{{1,4}}")
_BULLETS = frozenset(("-", "–", "+", "•"))
_RULE_JUNK = re.compile(r"[|\[\]_—–=~]{1,3}|l")


# --- image work (Pillow only) -----------------------------------------------------------


def _to_gray(image: Image) -> Image:
    from PIL import ImageOps

    img = ImageOps.exif_transpose(image) if hasattr(image, "getexif") else image
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        from PIL import Image as PILImage

        bg = PILImage.new("RGBA", img.size, (255, 255, 255, 255))
        bg.alpha_composite(img)
        img = bg
    return img.convert("L")


def _dpi_of(image: Image, default: int = 200) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 70 <= value <= 1200 else default


def find_rules(gray: Image, min_len: int, block: int = 6) -> list[Seg]:
    """Horizontal and vertical ruling lines: long runs of dark pixels, found per pixel row.

    The page is thresholded once and averaged in blocks of `block` pixels along each
    direction; the vertical pass transposes that small average, not the page (a transpose
    of a 300 dpi page cost 37 ms, a third of rule finding).
    """
    from PIL import Image as PILImage

    w, h = gray.size
    ink = gray.point(lambda v: 255 if v < 150 else 0)
    hs = _runs(ink.resize((max(1, w // block), h), PILImage.Resampling.BOX), min_len, block)
    # counter-clockwise: (x, y) -> (y, W-1-x)
    cols = ink.resize((w, max(1, h // block)), PILImage.Resampling.BOX).transpose(PILImage.Transpose.ROTATE_90)
    vs = [Seg(w - 1 - s.y0, s.x0, w - 1 - s.y0, s.x1) for s in _runs(cols, min_len, block)]
    return hs + vs


def page_rules(ruled: Image, dpi: int) -> list[Seg]:
    """The page's ruling lines, in its own pixels, found on a ~300 dpi twin when the page is below 240 dpi.

    `find_rules` is tuned at 300 dpi: on the 200 dpi grey scans of the bench it lost one
    vertical rule of a table in three pages (smaller blocks found false rules on others).
    A bilinear twin for rule finding alone costs ~0.05 s, a fraction of OCR at 300 dpi.
    """
    from PIL import Image as PILImage

    k = TARGET_DPI / dpi if dpi < TARGET_DPI * 0.8 else 1.0
    if k == 1.0:
        return find_rules(ruled, min_len=int(dpi * 0.25))
    big = ruled.resize((round(ruled.size[0] * k), round(ruled.size[1] * k)), PILImage.Resampling.BILINEAR)
    return [Seg(s.x0 / k, s.y0 / k, s.x1 / k, s.y1 / k) for s in find_rules(big, min_len=int(TARGET_DPI * 0.25))]


def _runs(avg: Image, min_len: int, block: int) -> list[Seg]:
    """Horizontal rules: runs of blocks that are >= 75% ink, pieced together across +-2 pixel rows.

    `avg`: the mean ink of each block of `block` pixels in a row (255: all ink). A rule left
    slightly tilted after deskewing crosses pixel rows, so short pieces are collected first
    and joined; only what is long and thin in the end counts.
    """
    sw, h = avg.size
    data = avg.point(lambda v: 1 if v >= 190 else 0).tobytes()
    pattern = re.compile(rb"\x01{3,}(?:\x00\x01+)*")
    raw: list[tuple[int, int, int]] = []
    for y in range(h):
        row = data[y * sw : (y + 1) * sw]
        if row.count(1) < 3:
            continue
        for m in pattern.finditer(row):
            raw.append((y, m.start() * block, m.end() * block))
    return [s for s in _merge_runs(raw, block) if s.x1 - s.x0 >= min_len]


def _merge_runs(raw: list[tuple[int, int, int]], block: int) -> list[Seg]:
    """Runs on neighbouring pixel rows that overlap or continue each other are one rule."""
    open_: list[list[float]] = []  # [y_sum, n, x0, x1, last_y, ink_len]
    done: list[list[float]] = []
    for y, x0, x1 in raw:
        still: list[list[float]] = []
        for seg in open_:
            (still if y - seg[4] <= 2 else done).append(seg)
        open_ = still
        for seg in open_:
            if x0 <= seg[3] + block and x1 >= seg[2] - block and seg[4] != y:
                seg[0] += y * (x1 - x0)
                seg[1] += x1 - x0
                seg[2] = min(seg[2], x0)
                seg[3] = max(seg[3], x1)
                seg[4] = y
                break
        else:
            open_.append([y * (x1 - x0), x1 - x0, x0, x1, y, y])
    done.extend(open_)
    out = []
    for y_sum, ink_len, left, right, last_y, first_y in done:
        # a rule is thin: its ink, row by row, adds up to a few times its length at most
        if ink_len <= 12 * (right - left) and last_y - first_y <= 20:
            out.append(Seg(left, y_sum / ink_len, right, y_sum / ink_len))
    return out


def _within(segs: Sequence[Seg], bbox: tuple[float, float, float, float], tol: float) -> list[Seg]:
    """The rules of one table: segments inside its box that touch a perpendicular rule."""
    x0, y0, x1, y1 = bbox
    inner = [s for s in segs if x0 - tol <= s.x0 and s.x1 <= x1 + tol and y0 - tol <= s.y0 and s.y1 <= y1 + tol]
    hs = [s for s in inner if s.horizontal]
    vs = [s for s in inner if not s.horizontal]

    def touches(a: Seg, others: list[Seg]) -> bool:
        if a.horizontal:
            return any(a.x0 - tol <= v.x0 <= a.x1 + tol and v.y0 - tol <= a.y0 <= v.y1 + tol for v in others)
        return any(a.y0 - tol <= h.y0 <= a.y1 + tol and h.x0 - tol <= a.x0 <= h.x1 + tol for h in others)

    return [s for s in hs if touches(s, vs)] + [s for s in vs if touches(s, hs)]


def _erase(gray: Image, segs: Sequence[Seg], pad: int = 3) -> Image:
    from PIL import ImageDraw

    img = gray.copy()
    hist = gray.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])  # the commonest light tone
    draw = ImageDraw.Draw(img)
    for s in segs:
        if s.horizontal:
            draw.rectangle([s.x0 - pad, s.y0 - pad - 1, s.x1 + pad, s.y0 + pad + 1], fill=paper)
        else:
            draw.rectangle([s.x0 - pad - 1, s.y0 - pad, s.x0 + pad + 1, s.y1 + pad], fill=paper)
    return img


# --- pages ------------------------------------------------------------------------------

# Clean-up steps (loaders/preprocess.py) and when they run. `KEHOACH_OCR_STEPS` (comma-separated
# names, or `none`) overrides the default for measuring what each step buys on the scan bench.
# Dev bench, record F1 mean (200 dpi grey / 150 dpi rough): before .48/.00; upscale+deskew with
# thick rules kept .68/.17; + denoise .95/.36; + denoise + flatten .36/.46; flatten + binarize
# .62/.90 — so a page with uneven light is flattened and thresholded (the threshold drops the
# grain too), an evenly lit grainy one only denoised (and only below 240 dpi: on a 240 dpi
# searchable scan the median cost a header word and with it the deadline column). Checked again
# on the fresh dev2 set (2026-11-28), median on / off: F1 unchanged per condition (grey .969/.968),
# fields grey 85.6/87.3 %, searchable 80.8/74.4 %, other conditions equal: kept on.
STEPS = ("denoise", "flatten", "upscale", "deskew", "binarize")
GRAINY = 2.5  # preprocess.grain above this: grainy or JPEG-speckled (bench: clean 0.7-2.1, grey 200 dpi 1.6-4.3)
UNEVEN = 50  # preprocess.light_spread above this: uneven light (bench: clean 2-23, grey 19-46, rough 57-90)


# The resolution pages are read at. Tesseract's CPU on a 200 dpi page (ruling lines painted out,
# psm 3): 1.17 s at 200 dpi, 1.41 s at 260, 1.57 s at 300 (bare psm 6 at 200: 0.93 s). Not
# upscaling 200 dpi pages costs diacritics (`Tổ chức` read `Tố chức`; grainy headers `Thời Xư gian`;
# dev scan bench grey200 F1 .95 -> .63), 150 dpi pages lose far more. So: below UPSCALE_BELOW dpi
# to TARGET_DPI, from there to 240 dpi to MID_DPI (`Tổ` kept, 1.69x the pixels instead of 2.25x).
UPSCALE_BELOW = 180
MID_DPI = 260


def read_dpi(dpi: int) -> int:
    """The resolution a page of `dpi` is read at (`KEHOACH_OCR_UPSCALE_BELOW` and `KEHOACH_OCR_MID_DPI`
    override the band and the middle target when measuring others on the scan bench)."""
    below, mid = os.environ.get("KEHOACH_OCR_UPSCALE_BELOW", ""), os.environ.get("KEHOACH_OCR_MID_DPI", "")
    if dpi < (int(below) if below.isdigit() else UPSCALE_BELOW):
        return TARGET_DPI
    if dpi < TARGET_DPI * 0.8:
        return max(dpi, int(mid) if mid.isdigit() else MID_DPI)
    return dpi


# Page segmentation of the main read. psm 3 (automatic layout) costs ~30 % more tesseract time
# than psm 6 (one block of text) on a 200 dpi page once the ruling lines are painted out, but
# psm 6 lost whole tables on the dev scan bench (sb04 F1 .95 -> 0, sb02 1.0 -> .40): kept at 3.
PAGE_PSM = 3


def _page_psm() -> int:
    """PAGE_PSM, or `KEHOACH_OCR_PSM` when measuring another mode on the scan bench."""
    raw = os.environ.get("KEHOACH_OCR_PSM", "")
    return int(raw) if raw in ("3", "4", "6", "11", "12") else PAGE_PSM


def _steps() -> frozenset[str]:
    raw = os.environ.get("KEHOACH_OCR_STEPS")
    if raw is None:
        return frozenset(STEPS)
    return frozenset(s.strip() for s in raw.split(",") if s.strip() in STEPS)


def prepare(gray: Image, dpi: int, target: int | None = None) -> tuple[Image, Image, float, int]:
    """A page image ready for OCR (at `target` dpi, by default `read_dpi`), its twin for rule
    finding, the upscale factor and the new dpi.

    Uneven light and grain are measured first and only treated where present, at the
    scan's own resolution (a median over a 300 dpi page costs 4x more): uneven light is
    divided out and the page thresholded after deskewing; an evenly lit grainy page gets
    a median instead (thresholding it would turn grain into specks tesseract reads as letters).
    Ruling lines are found on the page without the median: a 3x3 median erases the one-pixel
    rules of a 200 dpi scan, and a table that loses its rules loses its columns.
    The skew is estimated at the scan's own resolution (`preprocess.estimate_skew`, no
    rotation); the page is upscaled (LANCZOS) and then turned once, bicubic (TURN_RESAMPLE).
    Turned at its own resolution first, the dev bench's 150 dpi pages lost section numbers;
    the median comes before both (a median of turned grain leaves blobs read as letters:
    `Thời Xư gian`). The rule-finding twin of a grainy page (no median) is upscaled and
    turned in one nearest-neighbour resampling (~0.015 s instead of a second 0.1-0.25 s turn:
    rules are long runs of ink, and the rules found are the same).

    Measured on the dev scan bench (2026-11-28, F1 mean per condition bw/clean/grey/rough/
    searchable; fields): upscale + turn as one bicubic affine resampling lost sb03 (rough, F1
    1.0 -> .56); LANCZOS then a bilinear turn .987/.993/1.0/.882/.961, searchable fields 80 %
    and one deadline column lost; LANCZOS then bicubic (kept) 1.0/.982/.964/1.0/.961, fields
    80-90 % as before (the rotation search and two turns: .986/.982/1.0/1.0/.961).
    """
    steps = _steps()
    uneven = "flatten" in steps and preprocess.light_spread(gray) > UNEVEN
    # only below ~240 dpi (pages upscaled next, grain and all); at 240+ dpi a median costs diacritics
    noisy = "denoise" in steps and not uneven and dpi < TARGET_DPI * 0.8 and preprocess.grain(gray) > GRAINY
    if uneven:
        gray = preprocess.flatten_light(gray)
    target = read_dpi(dpi) if target is None else target
    angle = preprocess.estimate_skew(gray) if "deskew" in steps else 0.0
    angle = angle if abs(angle) >= 0.05 else 0.0
    page, upscale = preprocess.denoise(gray) if noisy else gray, 1.0
    if "upscale" in steps and target > dpi:
        page, upscale = preprocess.upscale(page, dpi, target)
    page = preprocess.turn(page, angle, 1.0, _turn_resample())
    ruled = preprocess.turn(gray, angle, upscale, "nearest") if noisy else page
    dpi = round(dpi * upscale)
    if "binarize" in steps and uneven:
        page = ruled = preprocess.binarize(page)
    return page, ruled, upscale, dpi


def _turn_resample() -> str:
    """preprocess.TURN_RESAMPLE, or `KEHOACH_OCR_TURN` (bicubic, bilinear, nearest) when measuring."""
    raw = os.environ.get("KEHOACH_OCR_TURN", "")
    return raw if raw in ("bicubic", "bilinear", "nearest") else preprocess.TURN_RESAMPLE


@dataclass
class PageRead:
    """A page after its main read, waiting for its cell re-reads (`finish_pages`): its layout in the
    pixels of `clean` (the page as OCR'd, rules painted out), that page's dpi and the factor to the
    caller's units."""

    layout: PageLayout
    clean: Image
    dpi: int
    scale: float


def ocr_page(exe: str, number: int, image: Image, *, points: bool = False) -> PageLayout:
    """One scanned page -> PageLayout in PDF points (`points`, a rendered PDF page) or the image's own pixels."""
    return finish_pages(exe, [read_page(exe, number, image, points=points)])[0]


def read_page(exe: str, number: int, image: Image, *, points: bool = False) -> PageRead:
    """The main read of one page: clean-up, rules, one tesseract call (a page or its strips), layout."""
    own, page = _dpi_of(image), _to_gray(image)
    strips = _use_strips()
    gray, ruled, upscale, dpi = prepare(page, own, strip_dpi(own) if strips else None)
    segs = page_rules(ruled, dpi)
    tol = max(4.0, dpi / 40)
    lattices = table_lattices(segs, tol) if strips else []
    if strips and not lattices and dpi != read_dpi(own):  # no grid: today's read, at read_dpi
        gray, ruled, upscale, dpi = prepare(page, own)
        segs = page_rules(ruled, dpi)
        tol = max(4.0, dpi / 40)
    w, h = gray.size
    rules = [s for lat in find_lattices(segs, tol=dpi / 40) for s in _within(segs, lat.bbox, dpi / 40)]
    clean = _erase(gray, rules)
    if lattices:
        words = _read_strips(exe, clean, lattices, dpi)
    else:
        words = parse_tsv(_tesseract_tsv(exe, clean, dpi, psm=_page_psm()))
    conf = sum(g.conf for g in words) / len(words) / 100 if words else 0.5
    layout = page_layout(
        number, float(w), float(h), words, segs, tol=tol, word_gap=-1e9, confidence=round(min(conf, 0.95), 3)
    )
    return PageRead(layout, clean, dpi, 72 / dpi if points else 1 / upscale)


# Cell re-reads (issue 13): after the main reads of up to BATCH_PAGES pages, their re-reads are
# batched per kind over all those pages (each kind needs its own psm, whitelist or scale): the row
# numbers (each crop a page of a list file, psm 7), the other empty cells (a montage per page, the
# montages pages of one list file, psm 6) and then the verification (the same, at twice the size).
# One `tesseract -l vie` start costs ~0.09 s CPU and ~0.3 s wall on this machine (an empty image):
# per page that was up to three starts, now three per batch. With `--jobs N` each kind is split
# into N calls run side by side. Pages wait for their re-reads in memory (~6 MB each at 260 dpi),
# hence the batch limit. `KEHOACH_OCR_REREADS` (comma-separated: numbers, cells, verify, or
# `none`) leaves kinds out when measuring what each buys on the scan bench.
BATCH_PAGES = 12
REREADS = ("numbers", "cells", "verify")


def _rereads() -> frozenset[str]:
    raw = os.environ.get("KEHOACH_OCR_REREADS")
    if raw is None:
        return frozenset(REREADS)
    return frozenset(s.strip() for s in raw.split(",") if s.strip() in REREADS)


def _run_all(tasks: Sequence[Callable[[], None]], jobs: int) -> None:
    """Run the thunks, `jobs` at a time (threads around tesseract subprocesses)."""
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            task()
        return
    with ThreadPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        for f in [pool.submit(t) for t in tasks]:
            f.result()


def _parts(items: Sequence[_T], n: int) -> list[list[_T]]:
    """`items` in at most `n` runs of nearly equal length, in order (none empty)."""
    n = max(1, min(n, len(items)))
    k, r = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + k + (1 if i < r else 0)
        out.append(list(items[start:end]))
        start = end
    return [p for p in out if p]


def finish_pages(exe: str, reads: Sequence[PageRead], jobs: int = 1) -> list[PageLayout]:
    """The cell re-reads of these pages, batched per kind (see BATCH_PAGES), then each layout in the
    caller's units. Verification comes last: it checks what the other re-reads filled in too."""
    kinds = _rereads()
    numbers: dict[int, list[tuple[FragCell, Image]]] = {}
    leads: list[_Lead] = []
    cells: dict[int, list[tuple[PageRead, list[tuple[FragCell, Image]]]]] = {}
    for r in reads:
        todo, page_leads, others = _second_pass_todo(r.clean, r.layout, r.dpi)
        if "numbers" in kinds:
            numbers.setdefault(r.dpi, []).extend(todo + [(word, crop) for _, word, crop, _, _ in page_leads])
            leads += page_leads
        if "cells" in kinds and others:
            cells.setdefault(r.dpi, []).append((r, others))
    tasks: list[Callable[[], None]] = []
    for dpi, items in numbers.items():
        tasks += [partial(_read_numbers, exe, part, dpi) for part in _parts(items, jobs)]
    for dpi, pages in cells.items():
        tasks += [partial(_read_montages, exe, part, dpi) for part in _parts(pages, jobs)]
    _run_all(tasks, jobs)
    for lead in leads:
        _fix_lead(*lead)
    if "verify" in kinds:
        checks: dict[int, list[tuple[PageRead, list[tuple[FragCell, Image]]]]] = {}
        for r in reads:
            if todo := _verify_todo(r.clean, r.layout, r.dpi):
                checks.setdefault(r.dpi, []).append((r, todo))
        _run_all(
            [partial(_verify_numbers, exe, part, dpi) for dpi, pages in checks.items() for part in _parts(pages, jobs)],
            jobs,
        )
    return [scale_layout(r.layout, r.scale) for r in reads]


# Main read of a ruled page by column strips (issue 13 item 3). Once the grid is known, each
# column of a table (its crop between the cells read across columns, rules painted out) is one
# uniform block of text, what `--psm 6` reads best and fastest; those wider cells and the page
# around the tables are further images of the same list file: still one tesseract call a page.
# Pages of 180-240 dpi are read at their own resolution (STRIP_MID_DPI = 0; the diacritics that
# psm 3 lost at 200 dpi are kept in strips). A page without a grid keeps the read above (psm 3,
# `read_dpi`). First measured in round 3 (dev F1 and fields up, CPU vs bare tesseract 2.28x ->
# 1.74x) and on a fresh set nobody developed on (dev2): strips bought fields on both dev sets
# but broke sections (a section row's `I` read `1`), so they stayed off. Round 5 (2026-11-28)
# fixed those misreads generally (plan/sections.py, loaders/layout.py) and turned strips on: F1
# per condition dev >= .986, dev2 >= .984, fields +4 to +18 points, seed scans no record lost
# (README, Performance). `KEHOACH_OCR_STRIPS=1|0` and `KEHOACH_OCR_STRIP_MID_DPI` switch them
# when measuring.
STRIPS = True
STRIP_MID_DPI = 0


def _use_strips() -> bool:
    raw = os.environ.get("KEHOACH_OCR_STRIPS", "")
    return raw == "1" if raw in ("0", "1") else STRIPS


def strip_dpi(dpi: int) -> int:
    """The resolution a ruled page of `dpi` is read at in strips: low-dpi pages are still upscaled
    (`read_dpi`), the 180-240 dpi band only to STRIP_MID_DPI (0: its own resolution)."""
    raw = os.environ.get("KEHOACH_OCR_STRIP_MID_DPI", "")
    mid = int(raw) if raw.isdigit() else STRIP_MID_DPI
    band = os.environ.get("KEHOACH_OCR_UPSCALE_BELOW", "")
    if dpi < (int(band) if band.isdigit() else UPSCALE_BELOW) or dpi >= TARGET_DPI * 0.8:
        return read_dpi(dpi)
    return max(dpi, mid)


Piece = tuple["Image", int, int]  # an image to read and where its top-left corner sits on the page


def _strip_pieces(clean: Image, lattices: Sequence[Lattice], dpi: int) -> list[Piece]:
    """The page cut for psm 6: the bands of page around the tables, each table column between the
    cells read across columns (`_wide_reads`), and each of those; pieces with no ink are left out.

    Plain crops, nothing painted over: a table painted out in paper colour left a page of flat
    paper with grain only in the margins, and tesseract's threshold then read the grain as words.
    """
    w, h = clean.size
    inset = max(2, dpi // 100)  # keep rule remnants at the crop's edge out
    boxes: list[tuple[int, int, int, int]] = []
    top = 0
    for lat in sorted(lattices, key=lambda t: t.ys[0]):
        x0, y0, x1, y1 = (int(v) for v in lat.bbox)
        boxes += [(0, top, w, y0), (0, y0, x0, y1), (x1, y0, w, y1)]  # above, left and right of it
        top = max(top, y1)
        wide = sorted(_wide_reads(clean, lat, dpi), key=lambda b: b[2])
        for c in range(lat.n_cols):
            left, right = int(lat.xs[c]) + inset, int(lat.xs[c + 1]) - inset
            start = y0
            for c0, c1, wy0, wy1 in wide:
                if c0 <= c < c1:
                    boxes.append((left, start, right, int(wy0)))
                    start = int(wy1)
            boxes.append((left, start, right, y1))
        boxes += [(int(lat.xs[c0]) + inset, int(wy0), int(lat.xs[c1]) - inset, int(wy1)) for c0, c1, wy0, wy1 in wide]
    boxes.append((0, top, w, h))
    pieces: list[Piece] = []
    for x0, y0, x1, y1 in boxes:
        x0, y0, x1, y1 = max(0, x0), max(0, y0 + inset), min(w, x1), min(h, y1 - inset)
        if x1 - x0 > 2 * inset and y1 - y0 > 2 * inset:
            crop = clean.crop((x0, y0, x1, y1))
            if _inked(crop):
                pieces.append((crop, x0, y0))
    return pieces


def _wide_reads(clean: Image, lat: Lattice, dpi: int) -> list[tuple[int, int, float, float]]:
    """(first column, end column, top, bottom) of what is read across columns: the cells merged
    across columns, and neighbouring one-row cells whose text runs over the rule between them.

    Letters pressed against both sides of a column line (`_crossed`) mean no rule there: a
    section title the grid split (`ĐIỀU | HÀNH`, `VI. C | ẢI CÁCH`: a vertical rule found a
    little too long) is read whole, not cut into `ĐIEU :` and `IÀNH .` at the line. Ink on the
    line alone is not enough (a rule left unpainted): psm 6 across columns of multi-line cells
    mixes their lines (dev sb04 lost its records so).
    """
    groups = [[gc] for gc in lat.cells if gc.row_span == 1]
    by_row: dict[int, list[list[GridCell]]] = {}
    for g in groups:
        by_row.setdefault(g[0].row, []).append(g)
    for row in by_row.values():
        row.sort(key=lambda g: g[0].col)
        k = 0
        while k + 1 < len(row):
            a, b = row[k][-1], row[k + 1][0]
            x = int(lat.xs[b.col])
            if b.col != a.col + a.col_span:  # a cell of several rows between them
                k += 1
                continue
            if _crossed(clean, x, int(a.bbox[1]) + 3, int(a.bbox[3]) - 3, dpi):
                row[k] += row.pop(k + 1)
            else:
                k += 1
    out = []
    for row in by_row.values():
        for g in row:
            c0, c1 = g[0].col, g[-1].col + g[-1].col_span
            if c1 - c0 > 1:
                out.append((c0, c1, g[0].bbox[1], g[0].bbox[3]))
    out += [
        (gc.col, gc.col + gc.col_span, gc.bbox[1], gc.bbox[3])
        for gc in lat.cells
        if gc.row_span > 1 and gc.col_span > 1
    ]
    return out


def _crossed(clean: Image, x: int, y0: int, y1: int, dpi: int) -> bool:
    """Does a line of text run over the column line at `x` between `y0` and `y1`? Ink pressed
    against both sides of the band `_erase` painted, at the same height (cell text keeps a
    margin from its rules; a rule left unpainted has no ink beside it)."""
    if y1 - y0 < 3:
        return False
    near, far = 6, 6 + max(4, dpi // 50)
    left = clean.crop((x - far, y0, x - near, y1)).point(lambda v: 255 if v < 128 else 0).getbbox()
    right = clean.crop((x + near, y0, x + far, y1)).point(lambda v: 255 if v < 128 else 0).getbbox()
    return left is not None and right is not None and min(left[3], right[3]) - max(left[1], right[1]) > 2


def _inked(image: Image) -> bool:
    return image.point(lambda v: 255 if v < 128 else 0).getbbox() is not None


def _read_strips(exe: str, clean: Image, lattices: Sequence[Lattice], dpi: int) -> list[Glyph]:
    """Words of a ruled page read strip by strip (`_strip_pieces`) in one call, in page pixels."""
    from PIL import Image as PILImage

    pieces = _strip_pieces(clean, lattices, dpi)
    if not pieces:
        return []
    hist = clean.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    m = dpi // 10  # tesseract wants a margin of paper round a block
    framed = []
    for image, _, _ in pieces:
        sheet = PILImage.new("L", (image.size[0] + 2 * m, image.size[1] + 2 * m), paper)
        sheet.paste(image, (m, m))
        framed.append(sheet)
    words: list[Glyph] = []
    for (_, dx, dy), tsv in zip(pieces, _tesseract_tsv_pages(exe, framed, dpi, psm=6), strict=True):
        for g in parse_tsv(tsv):
            g.x0, g.x1, g.top, g.bottom = g.x0 + dx - m, g.x1 + dx - m, g.top + dy - m, g.bottom + dy - m
            words.append(g)
    return words


_Lead = tuple[FragCell, FragCell, "Image", str, str]  # (cell, its first word, crop, first, rest)


def _second_pass_todo(
    gray: Image, layout: PageLayout, dpi: int
) -> tuple[list[tuple[FragCell, Image]], list[_Lead], list[tuple[FragCell, Image]]]:
    """Table cells to re-read: (row numbers, misread numerals leading a section title, other cells).

    Cells that came out empty but hold ink (a lone `2` or `II` in the STT column): page-level
    layout analysis drops small isolated marks as noise; read on their own they come out.
    A narrow first column holds row numbers, read as digits and Roman numerals only
    (`_read_numbers`); the other cells go on a montage (`_read_montages`).
    """
    todo: list[tuple[FragCell, Image]] = []
    pad = max(4, dpi // 40)
    for frag in layout.fragments:
        for cell in frag.cells:
            if cell.text.strip() and not (cell.col == 0 and _MISREAD_NUMBER.fullmatch(cell.text.strip())):
                continue
            x0, y0, x1, y1 = (int(v) for v in cell.bbox)
            if x1 - x0 <= 3 * pad or y1 - y0 <= 3 * pad:
                continue
            crop = gray.crop((x0 + pad, y0 + pad, x1 - pad, y1 - pad))
            ink = crop.point(lambda v: 255 if v < 128 else 0).histogram()[255]
            if ink >= (dpi / 300) ** 2 * 60:
                todo.append((cell, crop))
    # a section title starting with a misread roman numeral (`HIL. Cải cách…` for `III.`)
    leads: list[_Lead] = []
    for frag in layout.fragments:
        for cell in frag.cells:
            first, _, rest = cell.text.partition(" ")
            if cell.col == 0 and cell.lead_box is not None and rest and _MISREAD_NUMBER.fullmatch(first):
                x0, y0, x1, y1 = (int(v) for v in cell.lead_box)
                word = FragCell(0, 0, 1, 1, "", cell.lead_box)
                leads.append((cell, word, gray.crop((x0 - pad, y0 - pad, x1 + pad, y1 + pad)), first, rest))
    numbers = [(c, im) for c, im in todo if c.col == 0 and _narrow(layout, c)]
    others = [(c, im) for c, im in todo if not (c.col == 0 and _narrow(layout, c))]
    return numbers, leads, others


def _fix_lead(cell: FragCell, word: FragCell, crop: Image, first: str, rest: str) -> None:
    """A section title's leading numeral, from its re-read (`word`) or its count of stems."""
    if re.fullmatch(r"[I1lL|H]+\.?", word.text or first.rstrip(".,:")):
        stems = _count_stems(crop)  # bold serifs run together: `III` comes out as `1IL`, `HIL`
        word.text = "I" * stems if 1 <= stems <= 3 else word.text
    if _ROW_NUMBER.match(word.text):
        dot = "." if first.endswith((".", ",", ":")) or word.text.endswith(".") else ""
        cell.text = f"{word.text.rstrip('.')}{dot} {rest}"


def _number_crop(crop: Image, dpi: int) -> Image | None:
    """A row number's crop ready to read: dust out, cut to its ink, a margin of paper, twice the size."""
    from PIL import Image as PILImage
    from PIL import ImageFilter

    crop = crop.filter(ImageFilter.MedianFilter(3))  # dust would be read as `.` and widen the box
    box = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
    if box is None:
        return None
    m = dpi // 8  # tesseract wants a margin of background round a word
    hist = crop.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    word = crop.crop(box)
    tight = PILImage.new("L", (word.size[0] + 2 * m, word.size[1] + 2 * m), paper)
    tight.paste(word, (m, m))
    return tight.resize((tight.size[0] * 2, tight.size[1] * 2), PILImage.Resampling.LANCZOS)


def _read_numbers(exe: str, items: list[tuple[FragCell, Image]], dpi: int) -> None:
    """Row numbers, each read as one word of digits and roman numerals (`II` is not `H`), in one call.

    Each crop, at twice the size (larger glyphs: `II` not `H`), is read alone as a single
    line (psm 7) with a whitelist, all crops in one tesseract call (`_tesseract_tsv_pages`):
    stacked into one montage instead, the reads changed (`III` read `II` next to its
    neighbours) and the dev scan bench lost section numbers. A read that is not a row
    number replaces only an empty cell.
    """
    ready = [(cell, big) for cell, crop in items if (big := _number_crop(crop, dpi)) is not None]
    if not ready:
        return
    tsvs = _tesseract_tsv_pages(exe, [im for _, im in ready], dpi * 2, psm=7, allowed="0123456789IVXLC")
    for (cell, _), tsv in zip(ready, tsvs, strict=True):
        read = parse_tsv(tsv)
        text = " ".join(g.text for g in read).strip()
        if _ROW_NUMBER.match(text) or not cell.text.strip():
            cell.text = text
            cell.conf = words_confidence(read)


def _count_stems(crop: Image) -> int:
    """Vertical strokes across the middle band of a word (`III` -> 3), serifs and dots left out."""
    from PIL import Image as PILImage

    box = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
    if box is None:
        return 0
    x0, y0, x1, y1 = box
    h = y1 - y0
    band = crop.crop((x0, y0 + int(h * 0.35), x1, y0 + int(h * 0.65)))
    prof = band.point(lambda v: 255 if v < 128 else 0).resize((band.size[0], 1), PILImage.Resampling.BOX).tobytes()
    runs = re.findall(rb"[\x80-\xff]+", prof)  # columns inked over more than half the band
    return len(runs)


def _narrow(layout: PageLayout, cell: FragCell) -> bool:
    for frag in layout.fragments:
        if cell in frag.cells:
            width = frag.xs[-1] - frag.xs[0]
            return cell.col_span == 1 and (frag.xs[1] - frag.xs[0]) < 0.15 * width
    return False


SPECK_CONF = 50  # an empty cell's re-read whose best word tesseract is less sure of is dust, not text


Spans = list[tuple[int, int, FragCell]]  # (top, bottom, cell) of each crop on a montage


def _montage(gray: Image, todo: list[tuple[FragCell, Image]], gap: int) -> tuple[Image, Spans]:
    """Cell crops stacked on one sheet of the page's paper colour (one tesseract call reads them
    all), with each crop's vertical span to hand the words back to their cells."""
    from PIL import Image as PILImage

    hist = gray.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    width = max(c.size[0] for _, c in todo) + 2 * gap
    height = sum(c.size[1] + gap for _, c in todo) + gap
    sheet = PILImage.new("L", (width, height), paper)
    spans: Spans = []
    y = gap
    for cell, crop in todo:
        sheet.paste(crop, (gap, y))
        spans.append((y, y + crop.size[1], cell))
        y += crop.size[1] + gap
    return sheet, spans


def _read_sheets(
    exe: str, pages: Sequence[tuple[PageRead, list[tuple[FragCell, Image]]]], gap: int, dpi: int, keep_dashes: bool
) -> list[list[tuple[FragCell, list[Glyph]]]]:
    """A montage of each page's crops, all montages pages of one list file (one tesseract call, psm 6);
    per page, each cell with the words read on its crop."""
    sheets = [_montage(r.clean, todo, gap) for r, todo in pages]
    tsvs = _tesseract_tsv_pages(exe, [sheet for sheet, _ in sheets], dpi, psm=6)
    out = []
    for (_, spans), tsv in zip(sheets, tsvs, strict=True):
        words = parse_tsv(tsv, keep_dashes=keep_dashes)
        out.append([(cell, [g for g in words if top <= g.cy <= bottom]) for top, bottom, cell in spans])
    return out


def _read_montages(exe: str, pages: Sequence[tuple[PageRead, list[tuple[FragCell, Image]]]], dpi: int) -> None:
    """Empty cells that hold ink, read again on a montage of their crops (one per page, one call)."""
    for page in _read_sheets(exe, pages, dpi // 4, dpi, keep_dashes=False):
        for cell, mine in page:
            if mine and max(g.conf for g in mine) >= SPECK_CONF:  # specks of a copier page read as `—_2`, `ñ`
                cell.text = join_cell_lines(text_lines(mine, word_gap=-1e9))
                cell.conf = words_confidence(mine)


# A deadline-like cell: a time word with a number (`Quý III/2025`, `Trước ngày 20/12`, `Tháng 6`).
_DEADLINE_WORDS = re.compile(
    r"(?i)\b(?:qu[ýy]|th[áa]ng|ng[àa]y|n[ăa]m|tr[ưu][ớo]c|đ[ếe]n|t[ừu]|h[àa]ng)|\d[/⁄]\d|20\d\d"
)
_NUMERALS = re.compile(r"\d+|(?<![^\W\d_])[IVXL]+(?![^\W\d_])")
VERIFY_SCALE = 2  # second reads at twice the page resolution: `III` is not `II`, `1` is not `I`
DISAGREEMENT_CONF = 0.5  # a cell whose two reads disagree is worth no more than this


def numerals(text: str) -> list[str]:
    """The digits and Roman numerals of a text, in order: what a second read must agree on."""
    return _NUMERALS.findall(text)


def same_reading(first: str, second: str, *, row_number: bool = False) -> bool:
    """Do two reads of a cell agree? Row numbers: on their numerals; deadlines: on every character
    but case and spacing (`quý III`/`quý II`, `năm Š 2024`/`năm 2024`, `Nằm`/`Năm` do not)."""
    if numerals(first) != numerals(second):
        return False
    return row_number or _plain(first) == _plain(second)


def _plain(text: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFC", text).casefold().translate(_SLASHES).split())


_SLASHES = str.maketrans({"⁄": "/", "∕": "/", "／": "/", "–": "-", "—": "-"})


def _to_verify(layout: PageLayout, cell: FragCell) -> bool:
    """Deadline-like cells with a numeral, and row numbers that are Roman or read unsurely."""
    text = " ".join(cell.text.split())
    if not text or len(text) > 60:
        return False
    if cell.col == 0 and _ROW_NUMBER.match(text):
        return not text.rstrip(".").isdigit() or (cell.conf is not None and cell.conf < 0.8)
    return bool(numerals(text)) and bool(_DEADLINE_WORDS.search(text))


def _verify_todo(gray: Image, layout: PageLayout, dpi: int) -> list[tuple[FragCell, Image]]:
    """Deadline and row-number cells of a page (`_to_verify`), each cropped to its ink and upscaled."""
    from PIL import Image as PILImage

    pad = max(3, dpi // 60)
    todo: list[tuple[FragCell, Image]] = []
    for frag in layout.fragments:
        for cell in frag.cells:
            if not _to_verify(layout, cell):
                continue
            x0, y0, x1, y1 = (int(v) for v in cell.bbox)
            if x1 - x0 <= 3 * pad or y1 - y0 <= 3 * pad:
                continue
            crop = gray.crop((x0 + pad, y0 + pad, x1 - pad, y1 - pad))
            box = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
            if box is None:
                continue
            m = dpi // 15
            box = (max(0, box[0] - m), max(0, box[1] - m), min(crop.size[0], box[2] + m), min(crop.size[1], box[3] + m))
            crop = crop.crop(box)
            crop = crop.resize((crop.size[0] * VERIFY_SCALE, crop.size[1] * VERIFY_SCALE), PILImage.Resampling.LANCZOS)
            todo.append((cell, crop))
    return todo


def _verify_numbers(exe: str, pages: Sequence[tuple[PageRead, list[tuple[FragCell, Image]]]], dpi: int) -> None:
    """Nothing changes silently: deadline and row-number cells re-read from their crops.

    The crops of a page are upscaled and stacked into one montage, the montages of all pages
    read in one call. A cell the second read gives differently (`same_reading`) keeps its
    text, records the other read (`second_read`) and drops to DISAGREEMENT_CONF; an agreeing
    read keeps the better of the two confidences.
    """
    for page in _read_sheets(exe, pages, dpi // 2, dpi * VERIFY_SCALE, keep_dashes=True):
        for cell, mine in page:
            second = join_cell_lines(text_lines(mine, word_gap=-1e9)) if mine else ""
            row_number = cell.col == 0 and bool(_ROW_NUMBER.match(cell.text.strip()))
            if same_reading(cell.text, second, row_number=row_number):
                confs = [c for c in (cell.conf, words_confidence(mine)) if c is not None]
                cell.conf = max(confs) if confs else None
            else:
                cell.second_read = second or "∅"
                cell.conf = min(cell.conf if cell.conf is not None else 1.0, DISAGREEMENT_CONF)


def ocr_pages(
    sources: Sequence[PageSource],
    *,
    jobs: int = 1,
    path: str = "",
    points: bool = False,
    done_before: int = 0,
    total: int | None = None,
) -> list[PageLayout]:
    """OCR pages in parallel (threads around tesseract subprocesses), results in page order.

    `points`: the pages are rendered PDF pages, give their layouts in PDF points. Progress goes
    to `progress.page_done` from this thread (the listener lives in its context), counting from
    `done_before` of `total` pages (the document's other pages, read without OCR).
    """
    from ..progress import page_done

    exe = require_tesseract(path)
    total = total if total is not None else done_before + len(sources)

    def one(src: PageSource) -> PageRead:
        number, get = src
        if callable(get):
            with _render_lock:  # pdfium is not thread-safe
                image = get()
        else:
            image = get
        try:
            return read_page(exe, number, image, points=points)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            raise InputError(path, f"tesseract lỗi ở trang {number} ({str(exc)[:80]})", "") from None

    workers = max(1, min(jobs, len(sources)))
    out: list[PageLayout] = []
    done = done_before
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for start in range(0, len(sources), BATCH_PAGES):
            batch = sources[start : start + BATCH_PAGES]
            futures = [pool.submit(one, s) for s in batch]
            for _ in as_completed(futures):
                done += 1
                page_done(done, total)
            reads = [f.result() for f in futures]
            try:
                out += finish_pages(exe, reads, jobs=workers)
            except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
                numbers = f"{reads[0].layout.number}-{reads[-1].layout.number}"
                raise InputError(path, f"tesseract lỗi ở trang {numbers} ({str(exc)[:80]})", "") from None
    return out


def load_image(raw: RawInput, *, jobs: int = 1) -> SourceDocument:
    """A page image (PNG, JPEG, TIFF — every frame a page) -> SourceDocument, kind 'scanned'."""
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    try:
        img = PILImage.open(io.BytesIO(raw.data))
        frames = []
        for frame in ImageSequence.Iterator(img):
            frame.load()
            copy = frame.copy()
            copy.info["dpi"] = frame.info.get("dpi", img.info.get("dpi"))
            frames.append(copy)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InputError(raw.path, f"ảnh hỏng, không đọc được ({str(exc)[:60]})", "kiểm tra lại tệp ảnh") from None
    require_tesseract(raw.path)
    pages = ocr_pages([(k + 1, f) for k, f in enumerate(frames)], jobs=jobs, path=raw.path)
    blocks = assemble(pages)
    return SourceDocument(
        path=raw.path,
        sha256=raw.sha256,
        format="image",
        kind="scanned",
        loader="ocr.tesseract",
        blocks=blocks,
        pages=len(frames),
    )
