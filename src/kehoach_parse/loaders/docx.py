"""DOCX: body paragraphs and tables, with the true spans Word stores in the XML.

The parts are read with lxml as python-docx would read them (`_open`); python-docx's
`row.cells` repeats a merged cell in every row and column it covers, which would duplicate
an objective's text over every activity it owns. So tables are read from the XML:
`w:gridSpan` (and the old `w:hMerge`) give column spans, `w:vMerge restart/continue` give
row spans, each merged cell is stored once at its top-left position. `w:tblHeader` rows are marked as headers.

Layout tables — the borderless two-column national header block, signature blocks —
become paragraphs (row by row, cell by cell); a table is a plan table when its shape says
so (enough columns and rows, borders). Tables nested inside a plan table's cell are
flattened into the cell's text; tables nested inside a layout table are read as blocks.

Text in legacy Vietnamese fonts (`.VnTime` = TCVN3, `VNI-Times` = VNI) is decoded run by
run, by font name; a document whose fonts say nothing is checked by character statistics.
Either way `vietnamese.encodings` does the decoding.

Limits come before work (`limits.Limits`): the zip directory's member count and declared
sizes, the main part read through a bounded inflater and its XML depth, then each table's
column count while it is read. Every element is walked once: a text box is read by the
paragraph that anchors it, never again by the boxes around it.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..errors import InputError
from ..source import Cell, LoaderNote, Paragraph, Row, SourceDocument, Table
from ..vietnamese import encodings
from ..vietnamese.numerals import to_roman
from . import RawInput
from .limits import Limits, check_columns, check_depth, check_zip, read_member, refuse, xml_depth

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_TXBX = _w("txbxContent")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
W_VAL = _w("val")
_FALSE = {"0", "false", "off"}

# run-level containers whose runs are part of the paragraph's text
_INLINE_CONTAINERS = {
    _w(t) for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo", "sdtContent")
}

CORRUPT = "tệp DOCX bị hỏng hoặc không đầy đủ (corrupt or truncated DOCX)"
CORRUPT_HINT = "mở và lưu lại bằng Word/LibreOffice, hoặc lấy lại tệp gốc"

# --- rich text: runs keep their font encoding until the document-level decision ----------

EncKey = tuple[encodings.Encoding, bool] | None  # (legacy encoding, capitals-only font)
# An element of the document's XML tree (lxml elements carry no types).
_El = Any


@dataclass(slots=True)
class _Piece:
    text: str
    enc: EncKey = None
    bold: bool = False


@dataclass(slots=True)
class _Rich:
    pieces: list[_Piece] = field(default_factory=list)

    def add(self, text: str, enc: EncKey = None, bold: bool = False) -> None:
        if text:
            self.pieces.append(_Piece(text, enc, bold))

    def extend(self, other: _Rich) -> None:
        self.pieces.extend(other.pieces)

    def raw(self) -> str:
        return "".join(p.text for p in self.pieces)

    def is_blank(self) -> bool:
        return not self.raw().strip()

    def all_bold(self) -> bool:
        visible = [p for p in self.pieces if p.text.strip()]
        return bool(visible) and all(p.bold for p in visible)


def _join(parts: list[_Rich], sep: str = "\n") -> _Rich:
    out = _Rich()
    for i, part in enumerate(p for p in parts if not p.is_blank()):
        if i:
            out.add(sep)
        out.extend(part)
    return out


# --- styles: fonts and bold through the style chain ---------------------------------------


@dataclass(slots=True)
class _RProps:
    font: str | None = None  # None: not set at this level; "" : a theme font
    bold: bool | None = None


def _rprops(rpr: _El | None) -> _RProps:
    props = _RProps()
    if rpr is None:
        return props
    fonts = rpr.find(_w("rFonts"))
    if fonts is not None:
        name = fonts.get(_w("hAnsi")) or fonts.get(_w("ascii"))
        if name:
            props.font = name
        elif fonts.get(_w("hAnsiTheme")) or fonts.get(_w("asciiTheme")):
            props.font = ""
    b = rpr.find(_w("b"))
    if b is not None:
        props.bold = b.get(W_VAL, "true").lower() not in _FALSE
    return props


class _Styles:
    """Just enough of styles.xml to know each run's font and boldness."""

    def __init__(self, styles_el: _El | None) -> None:
        self.rpr: dict[str, _RProps] = {}
        self.based_on: dict[str, str] = {}
        self.table_borders: dict[str, bool | None] = {}
        self.default_para: str | None = None
        self.num_pr: dict[str, tuple[str, int]] = {}
        self.defaults = _RProps()
        if styles_el is None:
            return
        dd = styles_el.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.defaults = _rprops(dd)
        for st in styles_el.iterfind(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            self.rpr[sid] = _rprops(st.find(_w("rPr")))
            num = _num_pr(st.find(_w("pPr")))
            if num is not None:
                self.num_pr[sid] = num
            based = st.find(_w("basedOn"))
            if based is not None and based.get(W_VAL):
                self.based_on[sid] = based.get(W_VAL)
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid
            if st.get(_w("type")) == "table":
                self.table_borders[sid] = _borders_visible(st.find(f"{_w('tblPr')}/{_w('tblBorders')}"))
        self._cache: dict[str | None, _RProps] = {}

    def lineage(self, sid: str | None) -> Iterator[str]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based_on.get(sid)

    def chain(self, sid: str | None) -> Iterator[_RProps]:
        return (self.rpr[s] for s in self.lineage(sid) if s in self.rpr)

    def style_num_pr(self, sid: str | None) -> tuple[str, int] | None:
        return next((self.num_pr[s] for s in self.lineage(sid) if s in self.num_pr), None)

    def style_has_borders(self, sid: str | None) -> bool | None:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            vis = self.table_borders.get(sid)
            if vis is not None:
                return vis
            sid = self.based_on.get(sid)
        return None

    def resolve(self, run_rpr: _El | None, para_style: str | None) -> _RProps:
        """Direct formatting, then the character style, paragraph style, document defaults."""
        levels = [_rprops(run_rpr)]
        if run_rpr is not None:
            rs = run_rpr.find(_w("rStyle"))
            if rs is not None:
                levels.extend(self.chain(rs.get(W_VAL)))
        levels.extend(self.chain(para_style or self.default_para))
        levels.append(self.defaults)
        out = _RProps()
        for lv in levels:
            if out.font is None and lv.font is not None:
                out.font = lv.font
            if out.bold is None and lv.bold is not None:
                out.bold = lv.bold
        return out


def _num_pr(ppr: _El | None) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph or style's w:numPr, if it has one."""
    if ppr is None:
        return None
    num = ppr.find(_w("numPr"))
    if num is None:
        return None
    nid = num.find(_w("numId"))
    return (nid.get(W_VAL, "") if nid is not None else "", _int_val(num.find(_w("ilvl")), 0))


def _borders_visible(borders: _El | None) -> bool | None:
    """True/False when a tblBorders/tcBorders element says, None when absent."""
    if borders is None:
        return None
    vals = [b.get(W_VAL, "single") for b in borders]
    if not vals:
        return None
    return any(v not in ("nil", "none") for v in vals)


# --- list numbering: Word computes "1.1." and "I." at display time -----------------------


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """numbering.xml: list labels such as `1.1.`, `I.` or a bullet, counted in reading order."""

    def __init__(self, numbering_el: _El | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_el is None:
            return
        for an in numbering_el.iterfind(_w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in an.iterfind(_w("lvl")):
                lv = _Level()
                lv.start = _int_val(lvl.find(_w("start")), 1)
                fmt = lvl.find(_w("numFmt"))
                lv.fmt = fmt.get(W_VAL, "decimal") if fmt is not None else "decimal"
                text = lvl.find(_w("lvlText"))
                lv.text = text.get(W_VAL, "") if text is not None else ""
                suff = lvl.find(_w("suff"))
                lv.suffix = suff.get(W_VAL, "tab") if suff is not None else "tab"
                lv.legal = lvl.find(_w("isLgl")) is not None
                levels[int(lvl.get(_w("ilvl"), "0"))] = lv
            self.abstract[an.get(_w("abstractNumId"), "")] = levels
        for num in numbering_el.iterfind(_w("num")):
            abs_el = num.find(_w("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.iterfind(_w("lvlOverride")):
                so = ov.find(_w("startOverride"))
                if so is not None:
                    overrides[int(ov.get(_w("ilvl"), "0"))] = _int_val(so, 1)
            if abs_el is not None:
                self.nums[num.get(_w("numId"), "")] = (abs_el.get(W_VAL, ""), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of this list at this level (deeper levels restart)."""
        if num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abs_id, {})
        lv = levels.get(ilvl)
        if lv is None:
            return ""
        if lv.fmt == "bullet":
            return "-"  # whatever glyph Word draws, a dash is what list splitting knows
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else overrides.get(ilvl, lv.start)
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = lv.text
        for k in range(ilvl + 1):
            lk = levels.get(k, _Level())
            n = counts.get(k, overrides.get(k, lk.start))
            text = text.replace(f"%{k + 1}", _format_number(n, "decimal" if lv.legal else lk.fmt))
        return text


# --- the walk ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """Cell or body content before layout decisions: a paragraph or a table element."""

    rich: _Rich | None = None
    tbl: _El | None = None


@dataclass(slots=True)
class _CellDraft:
    col: int
    col_span: int
    row_span: int
    items: list[_Item]
    continued: bool = False


class _Reader:
    def __init__(
        self, styles: _Styles, numbering: _Numbering | None = None, path: str = "", limits: Limits | None = None
    ) -> None:
        self.path = path
        self.limits = limits or Limits()
        self.styles = styles
        self.numbering = numbering or _Numbering(None)
        self.blocks: list[Paragraph | Table] = []
        self.texts: list[tuple[Paragraph | Cell, _Rich]] = []  # filled in after decoding
        self.n_tables = 0

    # paragraphs

    def paragraph(self, p: _El) -> tuple[_Rich, list[_El]]:
        """A paragraph's text as rich runs, plus the text-box contents it anchors."""
        ppr = p.find(_w("pPr"))
        pstyle = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            pstyle = ps.get(W_VAL) if ps is not None else None
        rich = _Rich()
        boxes: list[_El] = []
        self._inline(p, pstyle, rich, boxes)
        num = _num_pr(ppr)
        if num is None:
            num = self.styles.style_num_pr(pstyle)
        if num is not None and num[0] not in ("", "0") and not rich.is_blank():
            label = self.numbering.label(*num)
            if label:
                first = rich.pieces[0] if rich.pieces else None
                rich.pieces.insert(0, _Piece(label + " ", None, bool(first and first.bold)))
        return rich, boxes

    def _inline(self, el: _El, pstyle: str | None, rich: _Rich, boxes: list[_El]) -> None:
        for child in el:
            tag = child.tag
            if tag == W_R:
                self._run(child, pstyle, rich, boxes)
            elif tag in _INLINE_CONTAINERS or tag == W_SDT:
                self._inline(child, pstyle, rich, boxes)
            elif tag == MC_ALT:
                self._inline(_alt_choice(child), pstyle, rich, boxes)

    def _run(self, r: _El, pstyle: str | None, rich: _Rich, boxes: list[_El]) -> None:
        rpr = r.find(_w("rPr"))
        hidden = rpr.find(_w("vanish")) if rpr is not None else None
        if hidden is not None and hidden.get(W_VAL, "true").lower() not in _FALSE:
            return  # hidden text is not part of what the reader sees
        props = self.styles.resolve(rpr, pstyle)
        enc = encodings.font_encoding(props.font)
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == W_T:
                parts.append(child.text or "")
            elif tag == _w("tab"):
                parts.append("\t")
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) not in ("page", "column"):
                    parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            elif tag == _w("softHyphen"):
                # invisible in Unicode text (dropped by _clean), but byte 0xAD is `ư` in
                # TCVN3, and Word/LibreOffice store that byte as this element
                parts.append("\u00ad")
            elif tag in (_w("drawing"), _w("pict"), MC_ALT, _w("object")):
                root = _alt_choice(child) if tag == MC_ALT else child
                boxes.extend(_outer_boxes(root))
        rich.add("".join(parts), enc, bool(props.bold))

    # containers

    def container(self, el: _El) -> list[_Item]:
        """Block-level children of a body, cell, text box or content control, in order."""
        items: list[_Item] = []
        for child in el:
            tag = child.tag
            if tag == W_P:
                rich, boxes = self.paragraph(child)
                items.append(_Item(rich=rich))
                for box in boxes:
                    items.extend(self.container(box))
            elif tag == W_TBL:
                items.append(_Item(tbl=child))
            elif tag in (W_SDT, W_SDT_CONTENT, W_CUSTOM_XML):
                items.extend(self.container(child))
            elif tag == MC_ALT:
                items.extend(self.container(_alt_choice(child)))
        return items

    def emit(self, items: list[_Item]) -> None:
        """Turn body-level items into blocks (tables decide whether they are layout)."""
        for item in items:
            if item.rich is not None:
                if not item.rich.is_blank():
                    para = Paragraph(text="", bold=item.rich.all_bold())
                    self.blocks.append(para)
                    self.texts.append((para, item.rich))
            else:
                self.table(item.tbl)

    # tables

    def table(self, tbl: _El) -> None:
        drafts, header_rows, n_cols = self._grid(tbl)
        n_rows = len(drafts)
        if not self._is_data_table(tbl, drafts, n_cols, n_rows):
            for row in drafts:
                for cd in row:
                    if not cd.continued:
                        self.emit(cd.items)
            return
        rows: list[Row] = []
        for r, row in enumerate(drafts):
            cells: list[Cell] = []
            for cd in row:
                if cd.continued:
                    continue
                rich = _join([self._flatten(it) for it in cd.items])
                cell = Cell(text="", col=cd.col, row_span=cd.row_span, col_span=cd.col_span, bold=rich.all_bold())
                self.texts.append((cell, rich))
                cells.append(cell)
            rows.append(Row(cells=cells, is_header=r in header_rows))
        self.blocks.append(Table(rows=rows, n_cols=n_cols, index=self.n_tables, spans_known=True))
        self.n_tables += 1

    def _flatten(self, item: _Item) -> _Rich:
        """A cell item as text; a nested table becomes its cells' texts, one per line."""
        if item.rich is not None:
            return item.rich
        drafts, _, _ = self._grid(item.tbl)
        lines: list[_Rich] = []
        for row in drafts:
            for cd in row:
                if not cd.continued:
                    lines.append(_join([self._flatten(it) for it in cd.items]))
        return _join(lines)

    def _grid(self, tbl: _El) -> tuple[list[list[_CellDraft]], set[int], int]:
        """Rows of cell drafts with spans resolved; vertical-merge continuations are flagged."""
        grid_el = tbl.find(_w("tblGrid"))
        n_cols = len(grid_el.findall(_w("gridCol"))) if grid_el is not None else 0
        check_columns(self.path, n_cols, self.limits)
        drafts: list[list[_CellDraft]] = []
        header_rows: set[int] = set()
        owners: dict[int, _CellDraft] = {}  # first column -> cell whose vertical merge is open
        for tr in _rows(tbl):
            trpr = tr.find(_w("trPr"))
            if trpr is not None and trpr.find(_w("del")) is not None:
                continue  # a row deleted with tracked changes on
            r = len(drafts)
            col = 0
            if trpr is not None:
                col = _int_val(trpr.find(_w("gridBefore")), 0)
                th = trpr.find(_w("tblHeader"))
                if th is not None and th.get(W_VAL, "true").lower() not in _FALSE:
                    header_rows.add(r)
            row: list[_CellDraft] = []
            open_now: dict[int, _CellDraft] = {}
            for tc in _cells(tr):
                tcpr = tc.find(_w("tcPr"))
                span = max(1, _int_val(tcpr.find(_w("gridSpan")) if tcpr is not None else None, 1))
                vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                hmerge = tcpr.find(_w("hMerge")) if tcpr is not None else None
                items = self.container(tc)
                if hmerge is not None and hmerge.get(W_VAL, "continue") == "continue" and row:
                    prev = row[-1]  # legacy horizontal merge: widen the cell on the left
                    if not prev.continued:
                        prev.col_span += span
                    col += span
                    continue
                if vmerge is not None and vmerge.get(W_VAL, "continue") != "restart":
                    owner = owners.get(col)
                    if owner is not None and owner.col_span == span:
                        owner.row_span += 1
                        cd = _CellDraft(col, span, 1, items, continued=True)
                        row.append(cd)
                        open_now[col] = owner
                        col += span
                        continue
                cd = _CellDraft(col, span, 1, items)
                row.append(cd)
                if vmerge is not None:
                    open_now[col] = cd
                col += span
                if col > self.limits.columns:  # before the next cell is read, not after the row
                    check_columns(self.path, col, self.limits)
            owners = open_now
            n_cols = max(n_cols, col)
            drafts.append(row)
        return drafts, header_rows, _collapse_slivers(drafts, n_cols)

    def _is_data_table(self, tbl: _El, drafts: list[list[_CellDraft]], n_cols: int, n_rows: int) -> bool:
        """A plan table by shape: several columns and rows; borders tip the balance."""
        used = max((sum(cd.col_span for cd in row) for row in drafts), default=0)
        cols = min(n_cols, used) if used else n_cols
        bordered = self._has_borders(tbl)
        if cols >= 5 and (n_rows >= 2 or bordered):
            return True
        return cols >= 3 and n_rows >= 2 and bordered

    def _has_borders(self, tbl: _El) -> bool:
        tblpr = tbl.find(_w("tblPr"))
        if tblpr is not None:
            vis = _borders_visible(tblpr.find(_w("tblBorders")))
            if vis is not None:
                return vis
            st = tblpr.find(_w("tblStyle"))
            if st is not None:
                vis = self.styles.style_has_borders(st.get(W_VAL))
                if vis is not None:
                    return vis
        return any(_borders_visible(b) for b in tbl.iter(_w("tcBorders")))


def _collapse_slivers(drafts: list[list[_CellDraft]], n_cols: int) -> int:
    """Drop grid columns where no cell starts (slivers left by hand-dragged borders).

    Word keeps one grid for the whole table, so a border moved in one row splits a column
    everywhere else into spans; after this each logical column has one index in every row.
    """
    starts = sorted({cd.col for row in drafts for cd in row} | {0})
    if len(starts) == n_cols:
        return n_cols
    index = {c: i for i, c in enumerate(starts)}
    for row in drafts:
        for cd in row:
            end = cd.col + cd.col_span
            cd.col_span = max(1, sum(1 for c in starts if cd.col <= c < end))
            cd.col = index[cd.col]
    return len(starts)


def _outer_boxes(el: _El) -> Iterator[_El]:
    """Text-box contents under `el`, but not those inside another box (that box's paragraphs own them).

    `el.iter(txbxContent)` also yields every nested box, so each level re-read all the levels
    below it: 2^depth work (issue 14: 20 deep took 90 s). Stopping at the first box is linear.
    """
    for child in el:
        if child.tag == W_TXBX:
            yield child
        elif child.tag == MC_ALT:
            yield from _outer_boxes(_alt_choice(child))
        else:
            yield from _outer_boxes(child)


def _alt_choice(alt: _El) -> _El:
    """The one branch of an mc:AlternateContent to read (its Choice, else its Fallback)."""
    for tag in (MC_CHOICE, MC_FALLBACK):
        branch = alt.find(tag)
        if branch is not None:
            return branch
    return alt


def _children(el: _El, tag: str) -> Iterator[_El]:
    """Child elements with `tag`, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, W_SDT_CONTENT, W_CUSTOM_XML):
            yield from _children(child, tag)


def _rows(tbl: _El) -> Iterator[_El]:
    return _children(tbl, W_TR)


def _cells(tr: _El) -> Iterator[_El]:
    return _children(tr, W_TC)


def _int_val(el: _El | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, default))
    except (TypeError, ValueError):
        return default


# --- decoding and finishing ----------------------------------------------------------------


def _clean(text: str) -> str:
    """NFC, no-break spaces as spaces, no soft hyphens, no trailing blanks on lines."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u00ad", "").replace("\r", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _decide_encoding(texts: list[tuple[Paragraph | Cell, _Rich]]) -> tuple[set[EncKey], encodings.Encoding]:
    """Which legacy fonts to believe, and the document's encoding for `source.encoding`."""
    by_enc: dict[encodings.Encoding, list[str]] = {}
    for _, rich in texts:
        for p in rich.pieces:
            if p.enc is not None and not p.text.isascii():
                by_enc.setdefault(p.enc[0], []).append(p.text)
    believed: set[encodings.Encoding] = set()
    weight: dict[encodings.Encoding, int] = {}
    for enc, chunks in by_enc.items():
        if encodings.font_text_is_legacy(" ".join(chunks)[:60_000], enc):
            believed.add(enc)
            weight[enc] = sum(len(c) for c in chunks)
    keys: set[EncKey] = {(e, u) for e in believed for u in (False, True)}
    doc_enc: encodings.Encoding = max(weight, key=lambda e: weight[e]) if weight else "unicode"
    return keys, doc_enc


def _render(rich: _Rich, believed: set[EncKey]) -> str:
    return "".join(
        encodings.decode(p.text, p.enc[0], uppercase=p.enc[1]) if p.enc in believed and p.enc else p.text
        for p in rich.pieces
    )


def _decode_whole(text: str, enc: encodings.Encoding) -> str:
    out = encodings.decode(text, enc)
    return encodings.fix_capital_words(out) if enc == "tcvn3" else out


_MAIN_REL = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*?Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*?Type="[^"]*/officeDocument"'
)


def _check_limits(raw: RawInput, limits: Limits) -> None:
    """Member count and declared sizes, then the main part inflated with a bounded read and its depth scanned."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw.data)) as zf:
            check_zip(raw.path, zf, limits)
            names = set(zf.namelist())
            main = "word/document.xml"
            if "_rels/.rels" in names:
                m = _MAIN_REL.search(read_member(raw.path, zf, zf.getinfo("_rels/.rels"), limits))
                if m is not None:
                    main = (m.group(1) or m.group(2)).decode("utf-8", "replace")
            if main not in names:
                return  # python-docx says what is missing
            data = read_member(raw.path, zf, zf.getinfo(main), limits)
            for info in zf.infolist():  # python-docx's zf.read() inflates up to 2 GB in one call if a header lies
                if info.filename != main:
                    read_member(raw.path, zf, info, limits)
    except InputError:
        raise
    except Exception as exc:  # not a zip, bad CRC (a header that lied about the size), damaged deflate data
        raise InputError(raw.path, CORRUPT, CORRUPT_HINT) from exc
    check_depth(raw.path, xml_depth(data, limits.xml_depth), limits, main)


def _open(raw: RawInput, limits: Limits) -> tuple[_El, _El | None, _El | None]:
    """The document body, styles and numbering elements; any damage is the user's InputError.

    Read with lxml as python-docx reads them (same parser settings, parts found through the
    same relationships, its default styles when a document has none) without importing
    python-docx, which builds every part of the package and ~200 element classes first
    (about a third of a cold DOCX parse)."""
    _check_limits(raw, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(raw.data)) as zf:
            main = _related(zf, "", _RT_OFFICE_DOCUMENT)
            if main is None:
                raise KeyError("no officeDocument relationship")
            if _content_type(zf, main) != _CT_DOCUMENT:
                raise ValueError(f"{main}: not a Word document")
            parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
            root = etree.fromstring(zf.read(main), parser)
            if root.tag != _w("document"):
                raise ValueError(f"{main}: root is not w:document")
            body = root.find(_w("body"))
            styles_name = _related(zf, main, _RT_STYLES)
            if styles_name is None:
                styles_el = etree.fromstring(_default_styles(), parser)
            else:
                styles_el = etree.fromstring(zf.read(styles_name), parser)
            numbering_name = _related(zf, main, _RT_NUMBERING)
            numbering_el = None if numbering_name is None else etree.fromstring(zf.read(numbering_name), parser)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise InputError(raw.path, CORRUPT, CORRUPT_HINT) from exc
    except Exception as exc:  # lxml XMLSyntaxError, zlib.error, ...
        if "Excessive depth" in str(exc):  # libxml2 stops at 256 levels in any other part
            raise refuse(raw.path, "độ sâu XML", 257, "xml_depth", min(limits.xml_depth, 256)) from None
        raise InputError(raw.path, CORRUPT, CORRUPT_HINT) from exc
    return body, styles_el, numbering_el


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_OFFICE_DOCUMENT, _RT_STYLES, _RT_NUMBERING = _RT + "officeDocument", _RT + "styles", _RT + "numbering"
_CT_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _related(zf: zipfile.ZipFile, source: str, reltype: str) -> str | None:
    """The zip member the part `source` ("" for the package) relates to by `reltype`, as python-docx
    finds it: one internal relationship of that type (several are an error), target relative to the part."""
    folder, name = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.namelist():
        return None
    rels = etree.fromstring(zf.read(rels_name), etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    found = [
        r.get("Target", "")
        for r in rels.iterfind(_RELS_NS + "Relationship")
        if r.get("Type") == reltype and r.get("TargetMode") != "External"
    ]
    if len(found) > 1:
        raise ValueError(f"{source or 'package'}: several {reltype} relationships")
    if not found:
        return None
    target = found[0]
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _content_type(zf: zipfile.ZipFile, member: str) -> str | None:
    """The content type [Content_Types].xml gives `member` (an override, else its extension's default)."""
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    types = etree.fromstring(zf.read("[Content_Types].xml"), etree.XMLParser(resolve_entities=False))
    for o in types.iterfind(ns + "Override"):
        if o.get("PartName", "").lstrip("/").lower() == member.lower():
            return o.get("ContentType")
    ext = member.rsplit(".", 1)[-1].lower()
    for d in types.iterfind(ns + "Default"):
        if d.get("Extension", "").lower() == ext:
            return d.get("ContentType")
    return None


def _default_styles() -> bytes:
    """python-docx's default styles part, which it gives a document that has none."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("docx")
    assert spec is not None and spec.origin is not None
    with open(os.path.join(os.path.dirname(spec.origin), "templates", "default-styles.xml"), "rb") as fh:
        return fh.read()


def load(raw: RawInput, limits: Limits | None = None) -> SourceDocument:
    """Load a DOCX into a SourceDocument (format docx, kind digital)."""
    limits = limits or Limits()
    body, styles_el, numbering_el = _open(raw, limits)
    reader = _Reader(_Styles(styles_el), _Numbering(numbering_el), raw.path, limits)
    reader.emit(reader.container(body))
    del body  # the XML tree (libxml2 nodes, several times the text's size) is not needed past this point

    believed, doc_enc = _decide_encoding(reader.texts)
    rendered = [(obj, _render(rich, believed)) for obj, rich in reader.texts]
    if doc_enc == "unicode":
        # no believable legacy font: the characters themselves may still be TCVN3/VNI
        whole = "\n".join(text for _, text in rendered)
        detected = encodings.detect_encoding(whole)
        if detected != "unicode":
            doc_enc = detected
            rendered = [(obj, _decode_whole(text, detected)) for obj, text in rendered]
    for obj, text in rendered:
        # a TAB inside a cell only aligns text; in a body line it separates the two halves
        obj.text = _clean(text.replace("\t", " ") if isinstance(obj, Cell) else text)

    notes: list[LoaderNote] = []
    if doc_enc != "unicode":
        notes.append(LoaderNote("I_LEGACY_ENCODING", encodings.describe(doc_enc)))
    blocks = [b for b in reader.blocks if not (isinstance(b, Paragraph) and not b.text)]
    return SourceDocument(
        path=raw.path,
        sha256=raw.sha256,
        format="docx",
        kind="digital",
        loader="docx",
        blocks=blocks,
        pages=None,
        encoding=doc_enc,
        notes=notes,
    )
