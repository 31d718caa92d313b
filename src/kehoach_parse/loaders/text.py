"""Text exports and OCR'd text: prose becomes paragraphs, tables become grids.

Three table shapes occur in the wild, told apart by content:

* ``tsv`` — one row per line, cells separated by TABs (seeds 003, 004), possibly with
  HTML (``<b>``, ``<p>``) or markdown (``**``) markup from a converter;
* ``cells`` — one cell per line, each starting with a TAB, a cell's further lines
  without one (seed 000, copied out of a Word table). Blank lines are not row breaks,
  so rows are found by counting cells against a column count inferred from content;
* none — plain prose or OCR'd text (seed 002), all paragraphs.

Text exports have lost merged cells, so every table is marked ``spans_known=False``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..source import Cell, LoaderNote, Paragraph, Row, SourceDocument, Table
from ..vietnamese.numerals import ROMAN
from ..vietnamese.orthography import marked_share
from . import RawInput

if TYPE_CHECKING:
    from ..model import SourceKind
    from ..vietnamese.encodings import Encoding
    from .limits import Limits

_TAG = re.compile(r"</?(?:b|strong|i|em|u|p|span|div|font|td|tr)\b[^>]*>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_BOLD_WRAP = re.compile(r"^\s*(?:<b>|<strong>|\*\*)(.*?)(?:</b>|</strong>|\*\*)\s*$", re.S | re.I)
_MD_EMPH = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_CELL_LINE = re.compile(r"^ *\t")


def clean_markup(text: str) -> tuple[str, bool]:
    """Strip converter markup from one cell or line; report whether it was wholly bold."""
    bold = bool(_BOLD_WRAP.match(text)) and bool(text.strip())
    if "<" in text:  # most cells hold no markup: a substring test is far cheaper than three regex scans
        text = _BR.sub("\n", text)
        text = _TAG.sub("", text)
    if "*" in text:
        text = _MD_EMPH.sub("", text)
    if "&" in text:  # entities are rare: `html` (a 2,000-entry table to import) only for those
        from html import unescape

        text = unescape(text)
    text = text.replace("\u00a0", " ")
    return text.strip(), bold


def _decode(raw: RawInput) -> tuple[str, Encoding, list[LoaderNote]]:
    """Bytes to Unicode NFC text; legacy Vietnamese encodings are detected and decoded."""
    from ..vietnamese.encodings import decode_bytes, describe

    text, encoding = decode_bytes(raw.data)  # byte-order marks (UTF-8/16/32) are handled there
    notes: list[LoaderNote] = []
    if encoding != "unicode":
        notes.append(LoaderNote("I_LEGACY_ENCODING", describe(encoding)))
    return text, encoding, notes


MAX_BYTES = 50_000_000  # SPEC §4: text up to 50 MB; `--limits text=…` raises it


def check_size(raw: RawInput, limits: Limits | None = None) -> None:
    """Refuse a text over the limit before decoding it: decoding and splitting cost several
    times its size in memory, and no real plan's text comes near 50 MB."""
    limit = getattr(limits, "text", None) or MAX_BYTES
    if len(raw.data) > limit:
        from .limits import refuse

        raise refuse(raw.path, "kích thước văn bản", len(raw.data), "text", limit, "B")


def load(raw: RawInput, limits: Limits | None = None) -> SourceDocument:
    """Load a plain-text export or OCR'd text into a SourceDocument."""
    check_size(raw, limits)
    text, encoding, notes = _decode(raw)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    shape = detect_shape(lines)
    kind: SourceKind = "ocr_text" if shape == "none" and looks_ocr_damaged(text) else "text_export"
    if kind == "ocr_text":
        _check_ocr_size(raw, limits)
    del text  # the lines hold it now; the whole string is as large again
    if shape == "cells":
        blocks = _blocks_cells(lines)
    elif shape == "tsv":
        blocks = _blocks_tsv(lines)
    elif kind == "ocr_text":
        blocks = _blocks_ocr(lines)
    else:
        blocks = _prose(lines, 0, len(lines))
    return SourceDocument(
        path=raw.path,
        sha256=raw.sha256,
        format="text",
        kind=kind,
        loader=f"text.{shape}",
        blocks=blocks,
        encoding=encoding,
        notes=notes,
    )


def _check_ocr_size(raw: RawInput, limits: Limits | None) -> None:
    """OCR'd text is rebuilt and repaired line by line, about 15 KB a second: bound the time
    before the work, as the other limits bound memory (a real plan's OCR text is under 1 MB)."""
    from .limits import Limits, refuse

    limit = (limits or Limits()).ocr_text
    if len(raw.data) > limit:
        raise refuse(raw.path, "kích thước văn bản OCR", len(raw.data), "ocr_text", limit, "B")


def detect_shape(lines: list[str]) -> str:
    """Which table shape a text export has: 'tsv', 'cells' or 'none'."""
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return "none"
    multi = sum(1 for ln in nonblank if ln.count("\t") >= 2)
    single = sum(1 for ln in nonblank if _CELL_LINE.match(ln) and ln.count("\t") == 1)
    if multi >= 3 and multi >= single:
        return "tsv"
    if single >= 10 and single / len(nonblank) >= 0.4:
        return "cells"
    return "none"


def looks_ocr_damaged(text: str) -> bool:
    """OCR without a Vietnamese model loses most diacritics; clean Vietnamese carries them. OCR'd with
    one, a plain text still shows a table header block whose columns' words run interleaved (ocr_text).

    Counted a slice at a time: the count lists every word of what it is given, which for
    a 50 MB text was ten million strings (most of the loader's peak memory).
    """
    words = marked = 0
    for piece in _slices(text):
        n, share = marked_share(piece)
        words += n
        marked += round(n * share)
    if words >= 30 and marked < 0.35 * words:
        return True
    # OCR with a Vietnamese model keeps the diacritics: its mark is a table printed as interleaved lines
    # (looked for in texts of OCR'd-page size only: a header search over a 50 MB export costs seconds)
    from .ocr_text import has_table

    return words >= 30 and len(text) <= 2_000_000 and has_table(text.split("\n"))


def _slices(text: str, size: int = 1 << 16) -> Iterator[str]:
    """`text` in pieces of about `size` characters, cut after a line break or a space."""
    start, n = 0, len(text)
    while start < n:
        stop = min(start + size, n)
        if stop < n:
            cut = max(text.rfind("\n", start, stop), text.rfind(" ", start, stop))
            stop = cut + 1 if cut > start else stop
        yield text[start:stop]
        start = stop


def _prose(lines: list[str], start: int, end: int) -> list[Paragraph | Table]:
    out: list[Paragraph | Table] = []
    for i in range(start, end):
        if lines[i].strip():
            text, bold = clean_markup(lines[i])
            if text:
                out.append(Paragraph(text=text, line=i + 1, bold=bold))
    return out


def _blocks_ocr(lines: list[str]) -> list[Paragraph | Table]:
    """OCR'd text: the body as paragraphs, the plan table rebuilt from its interleaved lines (ocr_text)."""
    from .ocr_text import rebuild_table

    found = rebuild_table(lines)
    if found is None:
        return _prose(lines, 0, len(lines))
    first, end, table = found
    return [*_prose(lines, 0, first), table, *_prose(lines, end, len(lines))]


# --- TSV: one row per line ---------------------------------------------------------------


def _blocks_tsv(lines: list[str]) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    i, n = 0, len(lines)
    prose_start = 0
    while i < n:
        if lines[i].count("\t") >= 2 and lines[i].strip():
            j, last = i, i
            while j < n and (lines[j].count("\t") >= 1 or not lines[j].strip()):
                if lines[j].strip():
                    last = j
                j += 1
            blocks.extend(_prose(lines, prose_start, i))
            blocks.append(_tsv_table(lines, i, last + 1))
            i = prose_start = last + 1
        else:
            i += 1
    blocks.extend(_prose(lines, prose_start, n))
    return blocks


def _tsv_table(lines: list[str], start: int, end: int) -> Table:
    widths = Counter(lines[k].count("\t") + 1 for k in range(start, end) if lines[k].strip())
    n_cols = widths.most_common(1)[0][0]
    rows: list[Row] = []
    # agency, deadline and output cells repeat down a table: one string each (a 100,000-row table
    # held 300,000 copies of a few hundred texts); only short texts, where repeats are likely
    same: dict[str, str] = {}
    for k in range(start, end):
        if not lines[k].strip():
            continue
        parts = lines[k].split("\t")
        if len(parts) > n_cols:  # stray TABs inside the last cell
            parts = [*parts[: n_cols - 1], " ".join(parts[n_cols - 1 :])]
        cells = []
        for c, part in enumerate(parts):
            text, bold = clean_markup(part)
            if len(text) <= SHARED_TEXT:
                text = same.setdefault(text, text)
            cells.append(Cell(text=text, col=c, line=k + 1, bold=bold))
        cells.extend(Cell(text="", col=c, line=k + 1) for c in range(len(parts), n_cols))
        rows.append(Row(cells=cells, line=k + 1))
    return Table(rows=rows, n_cols=n_cols, spans_known=False)


SHARED_TEXT = 80  # cells up to this many characters share one string per distinct text


# --- cells: one cell per line --------------------------------------------------------------


@dataclass
class _RawCell:
    line: int
    parts: list[str] = field(default_factory=list)
    blank_before: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.parts).strip()


def _cell_stream(lines: list[str]) -> list[_RawCell | None]:
    """Cells in order; None marks a non-TAB line after a blank (may start a cell or continue one)."""
    out: list[_RawCell | None] = []
    blank = False
    for i, ln in enumerate(lines):
        if not ln.strip() and not _CELL_LINE.match(ln):
            blank = True
            continue
        if _CELL_LINE.match(ln):
            out.append(_RawCell(line=i + 1, parts=[ln.split("\t", 1)[1].strip()], blank_before=blank))
        else:
            out.append(_RawCell(line=i + 1, parts=[ln.strip()], blank_before=blank))
            out.append(None)  # marker: the previous entry had no TAB
        blank = False
    return out


def _cell_type(text: str) -> str:
    t = text.strip()
    if not t:
        return "empty"
    if ROMAN.match(t):
        return "roman"
    if re.fullmatch(r"\d{1,3}", t):
        return "int"
    if re.match(r"^\d+\.\d+", t):
        return "num:" + (re.sub(r"[\d.:\s]", "", unicodedata.normalize("NFD", t[:14]).lower())[:3])
    if re.search(r"\b(20\d\d|quý|tháng|năm|thường xuyên)\b", t, re.I) and len(t) < 60:
        return "time"
    return "text"


def _segment(stream: list[_RawCell | None], n_cols: int) -> list[list[_RawCell]]:
    """Group the cell stream into rows of `n_cols` cells (2 for section rows)."""
    rows: list[list[_RawCell]] = []
    cur: list[_RawCell] = []

    def complete() -> bool:
        if len(cur) >= n_cols:
            return True
        return len(cur) == 2 and bool(ROMAN.match(cur[0].text))

    k = 0
    while k < len(stream):
        cell = stream[k]
        assert cell is not None
        no_tab = k + 1 < len(stream) and stream[k + 1] is None
        k += 2 if no_tab else 1
        if no_tab and not (cell.blank_before and complete()):
            if cur:  # a cell's further line
                cur[-1].parts.append(("\n" if cell.blank_before else "") + cell.parts[0])
            continue
        if cur and complete() and (len(cur) >= n_cols or cell.blank_before):
            rows.append(cur)
            cur = []
        cur.append(cell)
    if cur:
        rows.append(cur)
    return rows


def _score(rows: list[list[_RawCell]], n_cols: int) -> float:
    full = [r for r in rows if len(r) == n_cols]
    if len(full) < 3:
        return 0.0
    agree = 0
    for c in range(n_cols):
        types = Counter(_cell_type(r[c].text) for r in full)
        agree += types.most_common(1)[0][1]
    coverage = sum(len(r) for r in full) / max(sum(len(r) for r in rows), 1)
    return agree / (len(full) * n_cols) * coverage


def _blocks_cells(lines: list[str]) -> list[Paragraph | Table]:
    first = next(i for i, ln in enumerate(lines) if _CELL_LINE.match(ln))
    stream = _cell_stream(lines[first:])
    for raw in stream:
        if raw is not None:
            raw.line += first
    best = max(range(4, 16), key=lambda n: (round(_score(_segment(_copy(stream), n), n), 3), -n))
    raw_rows = _segment(stream, best)
    rows = []
    for r in raw_rows:
        cells = []
        for c, rc in enumerate(r):
            text, bold = clean_markup(rc.text)
            cells.append(Cell(text=text, col=c, line=rc.line, bold=bold))
        cells.extend(Cell(text="", col=c, line=r[0].line) for c in range(len(r), best))
        rows.append(Row(cells=cells, line=r[0].line))
    return [*_prose(lines, 0, first), Table(rows=rows, n_cols=best, spans_known=False)]


def _copy(stream: list[_RawCell | None]) -> list[_RawCell | None]:
    return [None if c is None else _RawCell(c.line, list(c.parts), c.blank_before) for c in stream]
