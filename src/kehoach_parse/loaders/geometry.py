"""Grids from geometry: ruling lines -> cells with spans, glyph boxes -> text lines.

Shared by the digital PDF loader (vector lines and characters from pdfplumber) and the
OCR loader (lines found in the page image, word boxes from tesseract), so a scanned
table and its digital twin go through the same code. Coordinates are top-down
(``top`` grows downwards); units are whatever the caller uses (PDF points or pixels),
every tolerance is passed in the same unit.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class Seg:
    """A ruling line: horizontal when y0 == y1 (x0 < x1), vertical when x0 == x1 (y0 < y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= abs(self.x1 - self.x0)


@dataclass(slots=True)
class Glyph:
    """One character (digital) or one word (OCR) with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    conf: float = 100.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class TextLine:
    """Glyphs sharing a baseline, left to right, already joined into text."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bold: bool = False
    glyphs: list[Glyph] = field(default_factory=list)
    trailing_space: bool | None = None  # a space glyph ends the line (None: the source has no spaces)


@dataclass(slots=True)
class GridCell:
    """A lattice cell: top-left grid position, spans and its box."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox


@dataclass(slots=True)
class Lattice:
    """One ruled table found on a page: boundaries and cells (merged cells once, with spans)."""

    xs: list[float]
    ys: list[float]
    cells: list[GridCell]

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


# --- lattice: ruling lines -> cells -----------------------------------------------------


def _cluster(values: Iterable[float], tol: float) -> list[float]:
    """Positions within `tol` of each other collapse to their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covered(intervals: list[tuple[float, float]], a: float, b: float, tol: float) -> bool:
    """Do the intervals cover [a, b] (allowing small gaps of `tol`)?"""
    if b - a <= 0:
        return True
    pos = a + tol
    for lo, hi in sorted(intervals):
        if lo - tol > pos:
            break
        pos = max(pos, hi + tol)
        if pos >= b:
            return True
    return pos >= b - tol


def _components(segs: list[Seg], tol: float) -> list[list[Seg]]:
    """Groups of segments that touch each other (one group per ruled table)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segs) if s.horizontal]
    vs = [i for i, s in enumerate(segs) if not s.horizontal]
    for i in hs:
        h = segs[i]
        for j in vs:
            v = segs[j]
            if h.x0 - tol <= v.x0 <= h.x1 + tol and v.y0 - tol <= h.y0 <= v.y1 + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[Seg]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def find_lattices(segs: Sequence[Seg], tol: float = 3.0, min_cell: float = 6.0) -> list[Lattice]:
    """Ruled tables from line segments, top to bottom; each needs >= 2 rows and >= 2 columns.

    A merged cell is where an inner border is missing: neighbouring grid positions with no
    line between them are joined, and each joined group becomes one cell with spans.
    """
    out: list[Lattice] = []
    for group in _components(list(segs), tol):
        hs = [s for s in group if s.horizontal]
        vs = [s for s in group if not s.horizontal]
        if len(hs) < 2 or len(vs) < 2:
            continue
        xs = _cluster([s.x0 for s in vs], tol)
        ys = _cluster([s.y0 for s in hs], tol)
        xs = _drop_close(xs, min_cell)
        ys = _drop_close(ys, min_cell)
        if len(xs) < 3 or len(ys) < 2:
            continue
        lat = _cells(xs, ys, hs, vs, tol)
        if lat is not None:
            out.append(lat)
    out.sort(key=lambda t: t.ys[0])
    return out


def close_open_rows(segs: Sequence[Seg], tol: float = 2.0, min_cell: float = 6.0) -> list[Seg]:
    """The segments plus the row borders a renderer left out where a page break splits a row.

    Some renderers (reportlab's in-row split) draw a row cut by the page break without its
    border at the cut: the table's verticals go on below its last horizontal line (page N)
    and, on page N + 1, the continued piece shares one band with the header row above it.
    A border is added (across the table's width) where the outer verticals end below the
    last horizontal or start above the first, and where every vertical line of the table
    stops and starts again at one height with no horizontal line there. Tables drawn with
    all their borders are unchanged.
    """
    out = list(segs)
    for group in _components(list(segs), tol):
        hs = [s for s in group if s.horizontal]
        vs = [s for s in group if not s.horizontal]
        if not hs or len(vs) < 3:
            continue
        xs = _cluster([s.x0 for s in vs], tol)
        if len(xs) < 3:
            continue
        by_x: list[list[Seg]] = [[] for _ in xs]
        for s in vs:
            by_x[min(range(len(xs)), key=lambda k: abs(xs[k] - s.x0))].append(s)
        h_ys = [s.y0 for s in hs]
        left, right = xs[0], xs[-1]

        added: list[float] = []
        bottom = [max(s.y1 for s in by_x[0]), max(s.y1 for s in by_x[-1])]
        if abs(bottom[0] - bottom[1]) <= tol and min(bottom) - max(h_ys) >= min_cell:
            added.append(min(bottom))
        top = [min(s.y0 for s in by_x[0]), min(s.y0 for s in by_x[-1])]
        if abs(top[0] - top[1]) <= tol and min(h_ys) - max(top) >= min_cell:
            added.append(max(top))
        for y in sorted({round(s.y1, 1) for s in by_x[0]}):
            ruled = any(abs(s.y0 - y) <= tol and s.x0 <= left + tol and s.x1 >= right - tol for s in hs)
            if ruled or y - min(h_ys) < min_cell or max(h_ys) - y < min_cell:
                continue
            if all(any(abs(s.y1 - y) <= tol for s in col) and any(abs(s.y0 - y) <= tol for s in col) for col in by_x):
                added.append(y)
        out.extend(Seg(left, y, right, y) for y in added)
    return out


def _drop_close(vals: list[float], min_gap: float) -> list[float]:
    out: list[float] = []
    for v in vals:
        if not out or v - out[-1] >= min_gap:
            out.append(v)
    return out


def _cells(xs: list[float], ys: list[float], hs: list[Seg], vs: list[Seg], tol: float) -> Lattice | None:
    nr, nc = len(ys) - 1, len(xs) - 1
    h_at: list[list[tuple[float, float]]] = [[] for _ in ys]
    v_at: list[list[tuple[float, float]]] = [[] for _ in xs]
    for s in hs:
        i = min(range(len(ys)), key=lambda k: abs(ys[k] - s.y0))
        if abs(ys[i] - s.y0) <= tol * 2:
            h_at[i].append((s.x0, s.x1))
    for s in vs:
        i = min(range(len(xs)), key=lambda k: abs(xs[k] - s.x0))
        if abs(xs[i] - s.x0) <= tol * 2:
            v_at[i].append((s.y0, s.y1))
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(v_at[c + 1], ys[r], ys[r + 1], tol):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not _covered(h_at[r + 1], xs[c], xs[c + 1], tol):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells: list[GridCell] = []
    for members in groups.values():
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members)
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda g: (g.row, g.col))
    if len(cells) < 2:
        return None
    return Lattice(xs=xs, ys=ys, cells=_non_overlapping(cells))


def _non_overlapping(cells: list[GridCell]) -> list[GridCell]:
    """Joined groups that are not rectangles (broken lines) are cut back so none overlap."""
    taken: set[tuple[int, int]] = set()
    out: list[GridCell] = []
    for g in cells:
        pos = {(g.row + dr, g.col + dc) for dr in range(g.row_span) for dc in range(g.col_span)}
        if pos & taken:
            g.row_span, g.col_span = 1, 1
            if (g.row, g.col) in taken:
                continue
            pos = {(g.row, g.col)}
        taken |= pos
        out.append(g)
    return out


# --- text lines from glyphs -------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-+•–*]\s*")
_GLUED_SYMBOL = re.compile(r"^[-/][A-ZĐ][A-Za-zĐ]{0,5}(?![a-zà-ỹ])")


def _is_mark(ch: str) -> bool:
    return bool(ch) and all(unicodedata.combining(c) for c in ch)


def text_lines(glyphs: Sequence[Glyph], *, word_gap: float = 0.22, split_gap: float | None = None) -> list[TextLine]:
    """Group glyphs into lines (top to bottom) and join each line's text.

    Combining marks are attached to the base letter they sit over (pdfminer may emit them
    as separate characters, sometimes before their base), then the line is NFC-normalised.
    A space is inserted where the gap between glyphs exceeds `word_gap` x font size (or
    the glyph height when the size is unknown). With `split_gap`, a gap wider than that
    many font sizes starts a separate line (two text blocks side by side).
    """
    base = [g for g in glyphs if g.text and not _is_mark(g.text)]
    marks = [g for g in glyphs if _is_mark(g.text)]
    if marks:
        base = _attach_marks(base, marks)
    rows: list[list[Glyph]] = []
    for g in sorted(base, key=lambda g: (g.cy, g.x0)):
        if g.text.isspace():
            continue
        h = max(g.bottom - g.top, 1e-6)
        if rows:
            ref = rows[-1][-1]
            rh = max(ref.bottom - ref.top, 1e-6)
            overlap = min(g.bottom, ref.bottom) - max(g.top, ref.top)
            if overlap > 0.5 * min(h, rh):
                rows[-1].append(g)
                continue
        rows.append([g])
    spaces = sorted((g for g in base if g.text.isspace()), key=lambda g: g.cx)
    space_x = [g.cx for g in spaces]
    out: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        pieces: list[list[Glyph]] = [[row[0]]]
        for g in row[1:]:
            prev = pieces[-1][-1]
            size = prev.size or (prev.bottom - prev.top)
            if split_gap is not None and g.x0 - prev.x1 > split_gap * size:
                pieces.append([g])
            else:
                pieces[-1].append(g)
        for piece in pieces:
            line = _join(piece, spaces, space_x, word_gap)
            if spaces:
                line.trailing_space = _space_after(spaces, space_x, line)
            out.append(line)
    out.sort(key=lambda t: (round(t.top), t.x0))
    return out


def _join(piece: list[Glyph], spaces: list[Glyph], space_x: list[float], word_gap: float) -> TextLine:
    parts: list[str] = []
    prev: Glyph | None = None
    for g in piece:
        if prev is not None:
            size = prev.size or (prev.bottom - prev.top)
            gap = g.x0 - prev.x1
            if gap > word_gap * size or _space_between(spaces, space_x, prev, g):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    text = unicodedata.normalize("NFC", "".join(parts))
    bold = all(g.bold for g in piece)
    return TextLine(
        text=text,
        x0=min(g.x0 for g in piece),
        top=min(g.top for g in piece),
        x1=max(g.x1 for g in piece),
        bottom=max(g.bottom for g in piece),
        bold=bold,
        glyphs=list(piece),
    )


def _space_between(spaces: list[Glyph], space_x: list[float], a: Glyph, b: Glyph) -> bool:
    """An explicit space character sits between two neighbouring glyphs of a line."""
    if not spaces or b.x0 - a.x1 <= -0.5:
        return False
    i = bisect.bisect_left(space_x, a.x1 - 0.5)
    while i < len(spaces) and space_x[i] <= b.x0 + 0.5:
        s = spaces[i]
        if a.top - 2 <= s.cy <= a.bottom + 2:
            return True
        i += 1
    return False


def _space_after(spaces: list[Glyph], space_x: list[float], line: TextLine) -> bool:
    """Is the line's last glyph followed by a space glyph (the line wrapped at a space)?"""
    i = bisect.bisect_left(space_x, line.x1 - 1.0)
    h = line.bottom - line.top
    while i < len(spaces) and space_x[i] <= line.x1 + h:
        if line.top - 2 <= spaces[i].cy <= line.bottom + 2:
            return True
        i += 1
    return False


def _attach_marks(base: list[Glyph], marks: list[Glyph]) -> list[Glyph]:
    """Append each stray combining mark to the base glyph it sits over (nearest centre)."""
    out = list(base)
    for m in marks:
        best: tuple[float, int] | None = None
        for i, g in enumerate(out):
            h = g.bottom - g.top
            if not (g.top - h <= m.cy <= g.bottom + h / 2):
                continue
            d = abs(g.cx - m.cx) + abs(g.cy - m.cy) * 0.1
            if best is None or d < best[0]:
                best = (d, i)
        if best is not None:
            g = out[best[1]]
            out[best[1]] = Glyph(g.text + m.text, g.x0, g.top, g.x1, g.bottom, g.size, g.bold, g.conf)
    return out


def join_cell_lines(lines: Sequence[TextLine]) -> str:
    """A cell's text from its lines: wraps join with a space, list items start a new line,
    words and symbols broken at the line end (`NĐ-` / `CP`, `31/12/202` / `1`) join without one."""
    kept = [ln for ln in lines if ln.text.strip()]
    right = max((ln.x1 for ln in kept), default=0.0)
    parts: list[str] = []
    prev: TextLine | None = None
    for line in kept:
        text = line.text.strip()
        if prev is not None:
            full = prev.x1 >= right - 0.8 * (prev.bottom - prev.top)
            parts.append(separator(parts[-1], text, prev.trailing_space, full))
        parts.append(text)
        prev = line
    return "".join(parts).strip()


def separator(prev: str, text: str, spaced: bool | None, full: bool = False) -> str:
    """What joins a line to the next: '' inside a broken word, a newline before a list item, else a space.

    `spaced`: the previous line ended with a space glyph, so it wrapped at a space (only a
    True is evidence: LibreOffice drops many trailing spaces). `full`: the previous line
    ran to the column's edge, so a number cut there (`31/12/202` / `1`) is one number.
    """
    if spaced:
        return " "
    m = _BULLET.match(text)
    if _GLUED_SYMBOL.match(text) and re.search(r"[A-ZĐ0-9]$", prev):
        return ""  # `NĐ` / `-CP`
    if re.search(r"\w[-/]$", prev) and not m:
        # line breakers never break `12/2023` or `2021-2025` before the digits, nor glue `2023-` to `Quý`
        capitalised = len(text) > 1 and text[0].isupper() and text[1].islower()
        return " " if text[0].isdigit() or (prev.endswith("-") and capitalised) else ""  # `NĐ-` / `CP`
    if full and re.search(r"\d$", prev) and re.match(r"\d", text):
        return ""
    if m:
        return "\n"
    return " "


def inside(g: Glyph, bbox: BBox, pad: float = 0.0) -> bool:
    return bbox[0] - pad <= g.cx <= bbox[2] + pad and bbox[1] - pad <= g.cy <= bbox[3] + pad
