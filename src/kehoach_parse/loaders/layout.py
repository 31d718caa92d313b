"""Pages of positioned text and ruling lines -> SourceDocument blocks.

Both PDF paths feed this module: the digital loader with pdfplumber's characters and
vector lines (PDF points), the OCR loader with tesseract's words and the lines found in
the page image (pixels). Per page it finds ruled tables (lattice) or, without rules, a
table laid out by text position (stream); then it carries a table across pages:

* a page whose table starts at the top continues the open table when the columns line up;
* header rows repeated at the top of a continuation page are dropped;
* a row split by the page break (the new page's first row has an empty first cell and
  text only in columns whose text ran to the bottom of the previous page) is stitched
  onto the row it continues, here, with geometry — interpretation never sees it;
* a merged cell running over the break (empty at the top of the new page, merged on
  either side) is extended, so it stays one Cell with a longer span.

Text outside tables becomes one Paragraph per text line, in reading order, with its page.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..source import Cell, Paragraph, Row, Table
from ..vietnamese.numerals import ROMAN_PATTERN
from .geometry import BBox, Glyph, Lattice, Seg, TextLine, find_lattices, inside, join_cell_lines, separator, text_lines

# Header words used only to locate a table laid out without rules (stream fallback).
_HEADER_WORDS = re.compile(
    r"\b(stt|mục tiêu|nhiệm vụ|hoạt động|sản phẩm|kết quả|chủ trì|phối hợp|thời gian|kinh phí|ghi chú|"
    r"cơ quan|đơn vị|nội dung)\b",
    re.I,
)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?\s*$", re.I)
_STT = re.compile(rf"^\s*(?:{ROMAN_PATTERN}|\d{{1,3}}(?:\.\d{{1,3}})*)[.)]?\s*$")  # a row number
_ROMAN_OR_NUM = re.compile(rf"^\s*(?:{ROMAN_PATTERN}|\d{{1,3}})[.)]?\s*$")


@dataclass(slots=True)
class FragCell:
    """A cell of one page's table fragment."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: BBox
    bold: bool = False
    full: bool = False  # its text runs to the bottom edge of the cell (may continue on the next page)
    spaced: bool | None = None  # its last line ended with a space glyph (None: unknown)
    lead_box: BBox | None = None  # box of its first word (OCR re-reads a misread row number there)
    conf: float | None = None  # OCR: how sure the reader is of the text, 0..1 (None: digital text)
    second_read: str | None = None  # OCR: a re-read of the cell's crop that disagreed (kept for a finding)


@dataclass(slots=True)
class Fragment:
    """The part of a table that lies on one page."""

    xs: list[float]
    n_rows: int
    cells: list[FragCell]
    bbox: BBox
    spans_known: bool = True
    confidence: float = 1.0

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def row_texts(self, r: int) -> tuple[str, ...]:
        return tuple(_norm(c.text) for c in sorted(self.cells, key=lambda c: c.col) if c.row == r)


@dataclass(slots=True)
class PageLayout:
    """One page: body text lines and table fragments, in the page's own units."""

    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)


def words_confidence(glyphs: Sequence[Glyph]) -> float | None:
    """A cell's OCR confidence 0..1: word confidences weighted by length, pulled toward the worst word.

    One misread word (a deadline's numeral) is what matters, so the weakest word counts
    as much as the average of the others.
    """
    words = [g for g in glyphs if g.text.strip()]
    if not words:
        return None
    total = sum(len(g.text) for g in words)
    mean = sum(g.conf * len(g.text) for g in words) / total
    return round(min(1.0, max(0.0, (mean + min(g.conf for g in words)) / 200)), 3)


def scale_layout(page: PageLayout, f: float) -> PageLayout:
    """The same page in other units (OCR pixels -> PDF points or source-image pixels), in place."""

    def box(b: BBox) -> BBox:
        return (b[0] * f, b[1] * f, b[2] * f, b[3] * f)

    page.width, page.height = page.width * f, page.height * f
    for frag in page.fragments:
        frag.xs = [x * f for x in frag.xs]
        frag.bbox = box(frag.bbox)
        for cell in frag.cells:
            cell.bbox = box(cell.bbox)
            cell.lead_box = box(cell.lead_box) if cell.lead_box is not None else None
    for ln in page.lines:
        ln.x0, ln.top, ln.x1, ln.bottom = ln.x0 * f, ln.top * f, ln.x1 * f, ln.bottom * f
        for g in ln.glyphs:
            g.x0, g.top, g.x1, g.bottom, g.size = g.x0 * f, g.top * f, g.x1 * f, g.bottom * f, g.size * f
    return page


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


# --- one page ----------------------------------------------------------------------------


def page_layout(
    number: int,
    width: float,
    height: float,
    glyphs: Sequence[Glyph],
    segs: Sequence[Seg],
    *,
    tol: float,
    word_gap: float = 0.22,
    confidence: float = 1.0,
    stream_columns: list[float] | None = None,
) -> PageLayout:
    """Find this page's tables (lattice, else stream) and its body text lines."""
    page = PageLayout(number=number, width=width, height=height)
    lattices = table_lattices(segs, tol)
    used: list[BBox] = []
    for lat in lattices:
        inner = [g for g in glyphs if inside(g, lat.bbox)]
        page.fragments.append(_fragment_from_lattice(lat, inner, word_gap, confidence))
        used.append(lat.bbox)
    rest = [g for g in glyphs if not any(inside(g, b) for b in used)]
    lines = text_lines(rest, word_gap=word_gap, split_gap=3.0)
    if not lattices:
        frag, lines = _stream_fragment(lines, rest, width, word_gap, confidence, stream_columns)
        if frag is not None:
            page.fragments.append(frag)
    page.lines = _column_order([ln for ln in lines if not _is_page_mark(ln, height)])
    return page


def table_lattices(segs: Sequence[Seg], tol: float) -> list[Lattice]:
    """The ruled tables `page_layout` reads (>= 2 columns of cells): OCR reads them column by column."""
    return [lat for lat in find_lattices(segs, tol=tol, min_cell=tol * 2) if _real_table(lat)]


def _column_order(lines: list[TextLine]) -> list[TextLine]:
    """Side-by-side blocks (the national header, the signature block) read column by column.

    Word lays them out as a borderless two-column table, and DOCX gives the left cell's
    paragraphs before the right cell's; a PDF line holds both. A block starts at a line
    with two or more pieces and goes on while each later piece sits on one side of the
    split and under a piece of its column.
    """
    rows = _same_height_groups(sorted(lines, key=lambda t: (t.top, t.x0)))
    out: list[TextLine] = []
    i = 0
    while i < len(rows):
        row = sorted(rows[i], key=lambda t: t.x0)
        if len(row) < 2:
            out.extend(row)
            i += 1
            continue
        split = (row[0].x1 + row[1].x0) / 2
        left, right = [t for t in row if t.x1 < split], [t for t in row if t.x0 > split]
        if not left or not right:  # pieces overlapping in x (an OCR word read twice): no two blocks here
            out.extend(row)
            i += 1
            continue
        j = i + 1
        while j < len(rows):
            nxt = rows[j]
            em = max(t.bottom - t.top for t in nxt)
            bottom = max(t.bottom for t in left + right)
            if nxt[0].top - bottom > 8 * em or any(t.x0 < split < t.x1 for t in nxt):
                break
            if len(nxt) == 1:
                col = left if nxt[0].x1 < split else right
                lo, hi = min(t.x0 for t in col or row), max(t.x1 for t in col or row)
                if not (lo - 3 * em <= nxt[0].x0 and nxt[0].x1 <= hi + 3 * em):
                    break
            left += [t for t in nxt if t.x1 < split]
            right += [t for t in nxt if t.x0 > split]
            j += 1
        out.extend(left + right)
        i = j
    return out


def _real_table(lat: Lattice) -> bool:
    """A bordered box around one paragraph is not a table: want >= 2 columns of cells."""
    return lat.n_cols >= 2 and len(lat.cells) >= 2


def _is_page_mark(line: TextLine, height: float) -> bool:
    margin = 0.08 * height
    return bool(_PAGE_NUMBER.match(line.text)) and (line.top < margin or line.bottom > height - margin)


def _fragment_from_lattice(lat: Lattice, glyphs: Sequence[Glyph], word_gap: float, confidence: float) -> Fragment:
    cells: list[FragCell] = []
    owner: dict[tuple[int, int], int] = {}
    for i, gc in enumerate(lat.cells):
        for dr in range(gc.row_span):
            for dc in range(gc.col_span):
                owner[(gc.row + dr, gc.col + dc)] = i
    buckets: dict[int, list[Glyph]] = {i: [] for i in range(len(lat.cells))}
    for g in glyphs:
        r = bisect.bisect_right(lat.ys, g.cy) - 1
        # a space ending a line may stick out past the cell's edge: place it by its left side
        c = bisect.bisect_right(lat.xs, g.x0 + 0.1 if g.text.isspace() else g.cx) - 1
        owned = owner.get((min(max(r, 0), lat.n_rows - 1), min(max(c, 0), lat.n_cols - 1)))
        if owned is not None:
            buckets[owned].append(g)
    _pull_overflow(lat, owner, buckets, word_gap)
    for i, gc in enumerate(lat.cells):
        lines = text_lines(buckets[i], word_gap=word_gap)
        text = join_cell_lines(lines)
        full = False
        bold = bool(lines) and all(ln.bold for ln in lines)
        if lines:
            last = max(lines, key=lambda ln: ln.bottom)
            lh = max(last.bottom - last.top, 1e-6)
            full = gc.bbox[3] - last.bottom < 1.3 * lh
        spaced = lines[-1].trailing_space if lines else None
        lead = lines[0].glyphs[0] if lines and lines[0].glyphs else None
        lead_box = (lead.x0, lead.top, lead.x1, lead.bottom) if lead is not None else None
        fc = FragCell(gc.row, gc.col, gc.row_span, gc.col_span, text, gc.bbox, bold, full, spaced, lead_box)
        fc.conf = words_confidence(buckets[i]) if confidence < 1.0 and text.strip() else None
        cells.append(fc)
    return Fragment(xs=list(lat.xs), n_rows=lat.n_rows, cells=cells, bbox=lat.bbox, confidence=confidence)


def _pull_overflow(
    lat: Lattice, owner: dict[tuple[int, int], int], buckets: dict[int, list[Glyph]], word_gap: float
) -> None:
    """Give back to a bold (header) cell the lines that overflowed its bottom border.

    LibreOffice squeezes a repeated multi-row header and draws the rest of a title
    (`Thời gian hoàn` / `thành`) over the first data row: those glyphs sit on the title's
    own line pitch, in its bold face, below the border.
    """
    for i, gc in enumerate(lat.cells):
        below_row = gc.row + gc.row_span
        if below_row >= lat.n_rows or not buckets[i]:
            continue
        j = owner.get((below_row, gc.col))
        if j is None or j == i or lat.cells[j].col != gc.col or lat.cells[j].col_span != gc.col_span:
            continue
        mine = text_lines(buckets[i], word_gap=word_gap)
        if not mine or not all(ln.bold for ln in mine):
            continue
        last = mine[-1]
        lh = last.bottom - last.top
        if gc.bbox[3] - last.bottom > 1.3 * lh:
            continue  # the title fits its cell
        pitch = (mine[-1].top - mine[0].top) / (len(mine) - 1) if len(mine) > 1 else 1.15 * lh
        moved: list[Glyph] = []
        k = 1
        while True:
            expect = last.top + k * pitch
            band = [g for g in buckets[j] if g.bold and abs(g.top - expect) < 0.15 * pitch]
            if not band:
                break
            moved.extend(band)
            k += 1
        if moved:
            ids = {id(g) for g in moved}
            buckets[j] = [g for g in buckets[j] if id(g) not in ids]
            buckets[i].extend(moved)


# --- stream fallback: a table laid out by text position, no rules -------------------------


def _stream_fragment(
    lines: list[TextLine],
    glyphs: Sequence[Glyph],
    width: float,
    word_gap: float,
    confidence: float,
    columns: list[float] | None,
) -> tuple[Fragment | None, list[TextLine]]:
    """Columns from the header's phrases (or the open table's columns), rows from the STT column.

    Phrases are runs of text separated by gaps wider than ~1 font size; a table region
    starts at a line holding several header words (or at the page top when a table is
    open) and ends at a line of prose that runs across several columns.
    """
    phrases = text_lines(glyphs, word_gap=word_gap, split_gap=1.0)
    if not phrases:
        return None, lines
    start_y: float | None = None
    header_end: float | None = None
    xs: list[float] | None = None
    by_line = _visual_lines(phrases)
    for i, vl in enumerate(by_line):
        hits = sum(1 for p in vl if _HEADER_WORDS.search(p.text))
        if hits >= 3 and len(vl) >= 3:
            xs, header_end = _columns_from_header(by_line, i, width)
            start_y = vl[0].top
            break
    if xs is None and columns is not None:
        xs = columns
        start_y = by_line[0][0].top if by_line else None
    if xs is None or start_y is None or len(xs) < 4:
        return None, lines
    body = [vl for vl in by_line if vl[0].top >= start_y - 1]
    end_y = None
    for vl in body:
        if _is_prose(vl, xs):
            end_y = vl[0].top
            break
    region = [p for vl in body for p in vl if end_y is None or p.top < end_y - 0.5]
    if not region:
        return None, lines
    top = min(p.top for p in region)
    bottom = max(p.bottom for p in region)
    body_glyphs = [g for p in region if header_end is None or p.top > header_end for g in p.glyphs]
    rivers = _columns_from_rivers(body_glyphs, xs)
    if rivers is not None:
        xs = rivers
    if (
        columns is not None
        and len(columns) == len(xs)
        and all(abs(a - b) < 0.03 * width for a, b in zip(columns, xs, strict=True))
    ):
        xs = columns  # the open table's columns, so the pages join up
    frag = _grid_from_phrases(region, xs, (xs[0], top, xs[-1], bottom), confidence, header_end, word_gap)
    rest = [ln for ln in lines if not (top - 1 <= (ln.top + ln.bottom) / 2 <= bottom + 1)]
    return frag, rest


def _same_height_groups(items: list[TextLine]) -> list[list[TextLine]]:
    """Consecutive items (in the given order) whose vertical extents overlap by more than
    half the smaller height go into one group: one visual row of text."""
    groups: list[list[TextLine]] = []
    for it in items:
        if groups:
            ref = groups[-1][0]
            h = min(it.bottom - it.top, ref.bottom - ref.top)
            if min(it.bottom, ref.bottom) - max(it.top, ref.top) > 0.5 * h:
                groups[-1].append(it)
                continue
        groups.append([it])
    return groups


def _visual_lines(phrases: list[TextLine]) -> list[list[TextLine]]:
    out = _same_height_groups(sorted(phrases, key=lambda p: ((p.top + p.bottom) / 2, p.x0)))
    for vl in out:
        vl.sort(key=lambda p: p.x0)
    return out


def _columns_from_rivers(glyphs: Sequence[Glyph], xs: list[float]) -> list[float] | None:
    """Refine header-derived column boundaries with the gutters of the body text.

    Header titles sit close together and wrap, so a boundary taken from the header alone
    may fall inside a column's text; a gutter is empty on every body line while word
    spaces move from line to line. Each header boundary snaps to the nearest gutter
    within 1.5 em; with enough body lines, a clean gutter the header missed is added.
    """
    body = [g for g in glyphs if not g.text.isspace()]
    if len(body) < 20:
        return None
    lo, hi = min(xs[0], min(g.x0 for g in body)), max(xs[-1], max(g.x1 for g in body))
    n = int(hi - lo) + 2
    cover = [0] * n
    for g in body:
        for x in range(max(0, int(g.x0 - lo) + 1), min(n, int(g.x1 - lo))):
            cover[x] += 1
    heights = sorted(g.bottom - g.top for g in body)
    em = max(heights[len(heights) // 2], 1e-6)
    lines = len({round(g.cy / em) for g in body})
    gutters: list[tuple[float, float, int]] = []  # (centre, width, ink crossing it)
    x = 0
    while x < n:
        if cover[x] <= max(1, int(0.03 * lines)):
            start = x
            while x < n and cover[x] <= max(1, int(0.03 * lines)):
                x += 1
            if x - start >= 0.3 * em and start > 0 and x < n:
                gutters.append((lo + (start + x) / 2, x - start, max(cover[start:x])))
        x += 1
    out = [xs[0]]
    for b in xs[1:-1]:
        near = [g for g in gutters if abs(g[0] - b) <= 1.5 * em]
        out.append(min(near, key=lambda g: abs(g[0] - b))[0] if near else b)
    if lines >= 10:
        for centre, width, ink in gutters:
            if ink == 0 and width >= 0.4 * em and all(abs(centre - b) > 1.5 * em for b in out):
                out.append(centre)
    out.append(xs[-1])
    return sorted(out)


def _columns_from_header(by_line: list[list[TextLine]], i: int, width: float) -> tuple[list[float], float]:
    """Column boundaries from gaps between header phrases (merged where header lines overlap),
    and where the header ends."""
    head = list(by_line[i])
    base_h = head[0].bottom - head[0].top
    # header cells wrap onto a few more lines just below
    for vl in by_line[i + 1 : i + 4]:
        if vl[0].top - max(p.bottom for p in head) > 1.2 * base_h:
            break
        numbered = any(_STT.match(p.text) for p in vl)  # a data row starts with its number
        if numbered or not (
            any(_HEADER_WORDS.search(p.text) for p in vl)
            or all(len(p.text) < 20 and not any(ch.isdigit() for ch in p.text) for p in vl)
        ):
            break
        head.extend(vl)
    spans: list[list[float]] = []
    for p in sorted(head, key=lambda p: p.x0):
        if spans and p.x0 <= spans[-1][1] + 0.3 * base_h:
            spans[-1][1] = max(spans[-1][1], p.x1)
        else:
            spans.append([p.x0, p.x1])
    xs = [spans[0][0] - 2]
    for a, b in itertools.pairwise(spans):
        xs.append((a[1] + b[0]) / 2)
    xs.append(max(spans[-1][1] + 2, min(width, spans[-1][1] + 0.05 * width)))
    return xs, max(p.bottom for p in head)


def _is_prose(vl: list[TextLine], xs: list[float]) -> bool:
    """A line of running text that crosses several column boundaries (the table is over)."""
    if len(vl) != 1:
        return False
    p = vl[0]
    crossed = sum(1 for x in xs[1:-1] if p.x0 < x < p.x1)
    first = p.text.split()[0] if p.text.split() else ""
    return crossed >= 3 and not _ROMAN_OR_NUM.match(first) and not _ROMAN_OR_NUM.match(first.rstrip("."))


def _col_of(x: float, xs: list[float]) -> int:
    for c in range(len(xs) - 1):
        if x < xs[c + 1]:
            return c
    return len(xs) - 2


def _grid_from_phrases(
    phrases: list[TextLine],
    xs: list[float],
    bbox: BBox,
    confidence: float,
    header_end: float | None = None,
    word_gap: float = 0.22,
) -> Fragment:
    """The header is one row; below it rows start where the first column has text (or after a wide gap)."""
    vls = _visual_lines(phrases)
    heights = sorted(p.bottom - p.top for p in phrases)
    lh = heights[len(heights) // 2] if heights else 10.0
    rows: list[list[TextLine]] = []
    last_bottom: float | None = None
    in_header = False
    for vl in vls:
        if header_end is not None and vl[0].top < header_end:
            if not in_header:
                rows.append([])
                in_header = True
            rows[-1].extend(vl)
            last_bottom = max(p.bottom for p in vl)
            continue
        if in_header:
            in_header = False
            rows.append([])
            rows[-1].extend(vl)
            last_bottom = max(p.bottom for p in vl)
            continue
        starts = any(_col_of(g.cx, xs) == 0 for p in vl for g in p.glyphs)
        gap = vl[0].top - last_bottom if last_bottom is not None else 0
        if not rows or starts or gap > 1.8 * lh:
            rows.append([])
        rows[-1].extend(vl)
        last_bottom = max(p.bottom for p in vl)
    cells: list[FragCell] = []
    n = len(xs) - 1
    for r, row in enumerate(rows):
        per: dict[int, list[Glyph]] = {}
        section_like = len(row) <= 2
        for p in row:
            c0 = _col_of(p.x0 + 1, xs)
            if section_like and _col_of(p.x1 - 1, xs) > c0 + 1:  # a title over a merged row: keep it whole
                per.setdefault(c0, []).extend(p.glyphs)
                continue
            for g in p.glyphs:  # phrases may run over a narrow gutter: split them by column
                per.setdefault(_col_of(g.cx, xs), []).append(g)
        top = min(p.top for p in row)
        bottom = max(p.bottom for p in row)
        for c in range(n):
            parts = text_lines(per.get(c, []), word_gap=word_gap)
            text = join_cell_lines(parts)
            fc = FragCell(r, c, 1, 1, text, (xs[c], top, xs[c + 1], bottom), bool(parts) and all(p.bold for p in parts))
            if confidence < 1.0 and text.strip():
                fc.conf = words_confidence([g for p in parts for g in p.glyphs])
            cells.append(fc)
    return Fragment(xs=xs, n_rows=len(rows), cells=cells, bbox=bbox, spans_known=False, confidence=confidence)


# --- across pages ------------------------------------------------------------------------


@dataclass
class _OpenTable:
    table: Table
    xs: list[float]
    first: Fragment
    header_rows: int = 0
    bottom: dict[int, Cell] = field(default_factory=dict)  # column -> cell covering the last row
    last_page: int = 0
    closed: bool = False
    bottom_full: dict[int, bool] = field(default_factory=dict)  # column -> its last text reached the page break
    bottom_spaced: dict[int, bool | None] = field(default_factory=dict)  # column -> its last line ended in a space


def assemble(pages: Sequence[PageLayout], *, x_tol_ratio: float = 0.008) -> list[Paragraph | Table]:
    """Blocks in reading order; a table running over page breaks becomes one Table."""
    blocks: list[Paragraph | Table] = []
    open_t: _OpenTable | None = None
    for page in pages:
        # keep the lines' reading order (column blocks), put each table before the first line below it
        items: list[tuple[float, TextLine | Fragment]] = []
        frags = sorted(page.fragments, key=lambda f: f.bbox[1])
        for ln in page.lines:
            while frags and frags[0].bbox[1] <= ln.top:
                f = frags.pop(0)
                items.append((f.bbox[1], f))
            items.append((ln.top, ln))
        items += [(f.bbox[1], f) for f in frags]
        tol = x_tol_ratio * page.width
        for k, (_, item) in enumerate(items):
            if isinstance(item, TextLine):
                blocks.append(Paragraph(text=item.text, page=page.number, bold=item.bold))
                if open_t is not None and not _is_running_text(item, page):
                    open_t.closed = True
                continue
            first_on_page = all(isinstance(it, TextLine) and _is_running_text(it, page) for _, it in items[:k])
            if (
                open_t is not None
                and not open_t.closed
                and first_on_page
                and open_t.last_page == page.number - 1
                and _columns_match(open_t.xs, item.xs, tol)
            ):
                _continue_table(open_t, item, page.number)
            else:
                open_t = _start_table(item, page.number, len([b for b in blocks if isinstance(b, Table)]))
                blocks.append(open_t.table)
    return blocks


def _is_running_text(line: TextLine, page: PageLayout) -> bool:
    """Running headers/footers (near the page edge, short) do not interrupt a table."""
    near_edge = line.top < 0.07 * page.height or line.bottom > 0.93 * page.height
    return near_edge and len(line.text) < 60


def _columns_match(a: list[float], b: list[float], tol: float) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def _to_cell(fc: FragCell) -> Cell:
    return Cell(
        text=fc.text,
        col=fc.col,
        row_span=fc.row_span,
        col_span=fc.col_span,
        bbox=_round(fc.bbox),
        bold=fc.bold,
        confidence=fc.conf,
        second_read=fc.second_read,
    )


def _join_into(target: Cell, tail: Cell, spaced: bool | None) -> None:
    """Append a page-split cell's tail to the cell it continues (text, confidence, disagreement)."""
    head, text = target.text.rstrip(), tail.text.strip()
    target.text = (head + separator(head, text, spaced) + text).strip()
    confs = [c for c in (target.confidence, tail.confidence) if c is not None]
    target.confidence = min(confs) if confs else None
    if tail.second_read is not None:
        target.second_read = f"{target.second_read or head} {tail.second_read}".strip()


def _round(b: BBox) -> BBox:
    return (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))


def _rows_of(frag: Fragment, start: int, page: int) -> tuple[list[Row], dict[tuple[int, int], Cell]]:
    rows = [Row(cells=[], page=page) for _ in range(start, frag.n_rows)]
    cover: dict[tuple[int, int], Cell] = {}
    for fc in sorted(frag.cells, key=lambda c: (c.row, c.col)):
        if fc.row < start:
            continue
        cell = _to_cell(fc)
        rows[fc.row - start].cells.append(cell)
        for dr in range(fc.row_span):
            for dc in range(fc.col_span):
                cover[(fc.row + dr, fc.col + dc)] = cell
    return rows, cover


def _start_table(frag: Fragment, page: int, index: int) -> _OpenTable:
    rows, cover = _rows_of(frag, 0, page)
    table = Table(rows=rows, n_cols=frag.n_cols, index=index, spans_known=frag.spans_known, confidence=frag.confidence)
    last = frag.n_rows - 1
    bottom = {c: cover[(last, c)] for c in range(frag.n_cols) if (last, c) in cover}
    ot = _OpenTable(table=table, xs=list(frag.xs), first=frag, bottom=bottom, last_page=page)
    _remember_bottom(ot, frag)
    return ot


def _remember_bottom(ot: _OpenTable, frag: Fragment) -> None:
    last = frag.n_rows - 1
    ot.bottom_full, ot.bottom_spaced = {}, {}
    for fc in frag.cells:
        if fc.row <= last < fc.row + fc.row_span:
            for c in range(fc.col, fc.col + fc.col_span):
                ot.bottom_full[c] = fc.full and fc.row + fc.row_span - 1 == last
                ot.bottom_spaced[c] = fc.spaced


def _repeated_header(open_t: _OpenTable, frag: Fragment) -> int:
    """How many top rows of `frag` repeat the table's first rows (a header on every page)."""
    from rapidfuzz import fuzz

    k = 0
    while k < min(4, frag.n_rows - 1, open_t.first.n_rows):
        a = " | ".join(open_t.first.row_texts(k))
        b = " | ".join(frag.row_texts(k))
        # fuzzy: OCR misreads, and LibreOffice clips the last line of a repeated multi-row header
        if not a.strip() or fuzz.ratio(a, b) < 85:
            break
        k += 1
    return k


def _continue_table(open_t: _OpenTable, frag: Fragment, page: int) -> None:
    table = open_t.table
    skip = _repeated_header(open_t, frag)
    if skip:
        for r in range(min(skip, len(table.rows))):
            table.rows[r].is_header = True
    table.confidence = min(table.confidence, frag.confidence)
    if not frag.spans_known:
        table.spans_known = False
    rows, cover = _rows_of(frag, skip, page)
    if not rows:
        open_t.last_page = page
        return
    full_before = open_t.bottom_full
    first = rows[0]
    first_cells = {c.col: c for c in first.cells}
    lead = first_cells.get(0)
    text_cols = [c.col for c in first.cells if c.text.strip()]
    split_row = (
        bool(table.rows)
        and (lead is None or not lead.text.strip() or not _STT.match(lead.text))
        and bool(text_cols)
        and all(full_before.get(c, False) for c in text_cols)
    )
    if split_row and table.spans_known:
        # the first row continues the last one: join texts, extend spans running further down
        for cell in list(first.cells):
            target = open_t.bottom.get(cell.col)
            if target is None or target.col != cell.col or target.col_span != cell.col_span:
                continue
            if cell.text.strip():
                _join_into(target, cell, open_t.bottom_spaced.get(cell.col))
            target.row_span += cell.row_span - 1
            _replace(rows, cover, cell, target)
        rows = rows[1:]
    elif split_row:
        first.page_break_before = True  # no spans: let interpretation stitch the tail
    else:
        first.page_break_before = not table.spans_known
        if table.spans_known:
            # empty cells left of the first text: the hierarchy cells merged over the break
            filled = [c.col for c in first.cells if c.text.strip()]
            prefix = min(filled) if filled else 0
            numbered = lead is not None and bool(_STT.match(lead.text))
            for cell in list(first.cells):
                target = open_t.bottom.get(cell.col)
                merged = cell.row_span > 1 or (target is not None and target.row_span > 1) or cell.col < prefix
                if target is None or target.col != cell.col or target.col_span != cell.col_span:
                    continue
                text = cell.text.strip()
                # a merged cell whose text ran over the break: its tail continues mid-sentence; a
                # one-row cell above a row with its own number does not (`quyền tự chủ…` is a new
                # row whose first word OCR lost)
                overflow = (
                    bool(text)
                    and open_t.bottom_full.get(cell.col, False)
                    and (text[0].islower() or text[0] in ",;.)")
                    and (cell.row_span > 1 or target.row_span > 1 or not numbered)
                )
                if (not text and target.text.strip() and merged) or overflow:
                    if overflow:
                        _join_into(target, cell, open_t.bottom_spaced.get(cell.col))
                    target.row_span += cell.row_span
                    first.cells.remove(cell)
                    _replace(rows, cover, cell, target)
    if rows and not table.spans_known:
        rows[0].page_break_before = True
    table.rows.extend(rows)
    last = frag.n_rows - 1
    open_t.bottom = {c: cover[(last, c)] for c in range(frag.n_cols) if (last, c) in cover}
    _remember_bottom(open_t, frag)
    open_t.last_page = page


def _replace(rows: list[Row], cover: dict[tuple[int, int], Cell], old: Cell, new: Cell) -> None:
    for row in rows:
        if old in row.cells:
            row.cells.remove(old)
    for key, cell in cover.items():
        if cell is old:
            cover[key] = new
