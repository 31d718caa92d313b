#!/usr/bin/env python3
"""Build realistic DOCX plans (and legacy-encoded twins) from the seeds' reviewed expectations.

The input is `samples/expected/*.toml` — reviewed expectations (samples/expected/README.md),
not fresh parser output — so a DOCX sample carries exactly the records its text twin is
expected to give. An expectation does not hold section titles (not compared) nor the texts
of the legal bases (counted), nor metadata keys it leaves unchecked: those come from a parse
of its primary source. The plan is laid out the way Vietnamese provincial offices lay out a
plan in Word:

* A4 landscape, Times New Roman; the national header block as a borderless two-column
  table (`ỦY BAN NHÂN DÂN / TỈNH …` beside `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), the
  number and the place/date line, `KẾ HOẠCH` and the title, the legal bases;
* the appendix table with a repeating header row (`w:tblHeader`), section rows merged
  across the full width, objective and task cells merged vertically over the activity
  rows they own (consecutive records sharing them); then the signer block.

Outputs (for every reviewed expectation with records whose primary source is a text export):

    samples/docx/<stem>.docx             standard column order, one header row
    samples/docx/<stem>.twoheader.docx   two header rows: `Cơ quan thực hiện` over Chủ trì | Phối hợp
    samples/docx/<stem>.reordered.docx   other titles, deadline before the agencies, outputs late
    samples/legacy/<stem>.tcvn3.docx     the first sections in .VnTime/.VnTimeH (TCVN3, ABC)
    samples/legacy/<stem>.vni.docx       the same in VNI-Times
    samples/legacy/<stem>.tcvn3.txt      a TAB-separated text export, TCVN3 characters in UTF-8
    samples/legacy/<stem>.vni.txt        the same as raw VNI bytes (8-bit, as old editors save)
    samples/legacy/<stem>.tcvn3.doc      the TCVN3 DOCX saved as Word 97 by LibreOffice, when
                                         `soffice` is installed (kept as is otherwise)

(legacy files only for LEGACY_STEM, or the first expected file when it is absent). Only
seeds whose source is a text export get DOCX twins: an OCR reconstruction (seed 002) is no
Word table to imitate. The committed samples were made from the earlier JSON snapshots; the
expectations may differ from them where reviewers corrected the parser, so re-running this
script can change them (review the diff; tests/test_expectations.py asserts the results).
The output is deterministic: fixed document properties and zip timestamps, so re-running
gives identical bytes. Run: `python samples/make_samples.py` (from anywhere).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402
from docx.table import _Cell  # noqa: E402

from kehoach_parse.vietnamese import encodings  # noqa: E402

LEGACY_STEM = "003_72adce018a707e85"
LEGACY_MAX_RECORDS = 14
FIXED_TIME = datetime(2024, 1, 1, 8, 0, 0)
ZIP_TIME = (2024, 1, 1, 8, 0, 0)
BODY_FONT = "Times New Roman"

Record = dict[str, Any]


# --- columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    role: str
    title: str
    width: float  # relative


STANDARD = (
    Column("stt", "STT", 1.0),
    Column("objective", "Mục tiêu", 3.4),
    Column("task", "Nhiệm vụ", 3.8),
    Column("activity", "Hoạt động", 4.6),
    Column("outputs", "Sản phẩm", 3.0),
    Column("lead", "Cơ quan chủ trì", 2.6),
    Column("partners", "Cơ quan phối hợp", 2.8),
    Column("deadline", "Thời gian hoàn thành", 2.0),
    Column("budget", "Kinh phí (triệu đồng)", 1.6),
    Column("notes", "Ghi chú", 2.0),
)
REORDERED = (
    Column("stt", "TT", 1.0),
    Column("objective", "Mục tiêu cụ thể", 3.4),
    Column("task", "Nội dung nhiệm vụ", 3.8),
    Column("activity", "Nội dung hoạt động", 4.6),
    Column("deadline", "Thời gian thực hiện", 2.0),
    Column("lead", "Đơn vị chủ trì", 2.6),
    Column("partners", "Đơn vị phối hợp", 2.8),
    Column("outputs", "Kết quả/ Sản phẩm", 3.0),
    Column("budget", "Kinh phí thực hiện", 1.6),
    Column("notes", "Ghi chú", 2.0),
)
AGENCY_GROUP = "Cơ quan thực hiện"
TWO_HEADER_TITLES = {"lead": "Chủ trì", "partners": "Phối hợp"}


def present_roles(records: list[Record]) -> set[str]:
    """The roles some record fills: a column nobody uses is not printed."""
    roles = {"stt"}
    for rec in records:
        for role in ("objective", "task", "activity", "deadline", "budget", "notes"):
            if rec.get(role):
                roles.add(role)
        for role in ("outputs", "lead", "partners"):
            if rec.get(role):
                roles.add(role)
    return roles


# --- cell texts from reviewed records -------------------------------------------------------


def item_text(item: dict[str, Any] | None) -> str:
    """An Item as printed: `2.3. Nhiệm vụ 3: text` (number and label as the JSON keeps them)."""
    if not item:
        return ""
    text, number, label = item.get("text") or "", item.get("number"), item.get("label")
    low = text.lower()
    if (label and low.startswith(label.lower())) or (number and text.startswith(number)):
        return text  # a bare label kept as the text ("Hoạt động 1:")
    prefix = []
    if number:
        prefix.append(f"{number}.")
    if label:
        prefix.append(f"{label}:")
    return " ".join([*prefix, text])


def list_text(items: list[str], *, multiline: bool) -> str:
    """Several outputs/agencies: bullet lines in Word, `; ` in a one-line text export."""
    if len(items) <= 1:
        return items[0] if items else ""
    return "\n".join(f"- {i}" for i in items) if multiline else "; ".join(items)


def cell_text(rec: Record, role: str, *, multiline: bool = True) -> str:
    value = rec.get(role)
    if role == "stt":
        return value or ""
    if role in ("objective", "task", "activity"):
        return item_text(value)
    if role == "outputs":
        return list_text(list(value or []), multiline=multiline)
    if role in ("lead", "partners"):
        return list_text([a["text"] for a in value or []], multiline=multiline)
    if role in ("deadline", "budget"):
        return (value or {}).get("text") or ""
    if role == "notes":
        return value or ""
    raise ValueError(role)


def section_key(rec: Record) -> tuple[str, str]:
    sec = rec.get("section") or {}
    return sec.get("number") or "", sec.get("title") or ""


@dataclass
class Line:
    """One table row to print: a section row or a record with its vertical merges."""

    section: tuple[str, str] | None = None
    record: Record | None = None
    spans: dict[str, int] | None = None  # role -> rows this cell covers (0: covered by one above)


def layout(records: list[Record]) -> list[Line]:
    """Section rows plus record rows; an objective/task shared by consecutive records is merged."""
    lines: list[Line] = []
    prev_sec: tuple[str, str] | None = None
    for rec in records:
        sec = section_key(rec)
        if sec != prev_sec and sec[0] not in ("", "0"):
            lines.append(Line(section=sec))
        prev_sec = sec
        lines.append(Line(record=rec, spans={}))
    for role, parents in (("objective", ()), ("task", ("objective",))):
        start: Line | None = None
        for line in lines:
            if line.record is None:
                start = None
                continue
            assert line.spans is not None
            rec = line.record
            prev = start.record if start is not None else None
            same = (
                prev is not None
                and rec.get(role)
                and rec.get(role) == prev.get(role)
                and all(rec.get(p) == prev.get(p) for p in parents)
            )
            if same:
                assert start is not None and start.spans is not None
                start.spans[role] = start.spans.get(role, 1) + 1
                line.spans[role] = 0
            else:
                start = line
    return lines


# --- python-docx helpers ---------------------------------------------------------------------

Encoder = Callable[[str], list[tuple[str, str]]]  # text -> [(characters, font name)]


def unicode_encoder(text: str) -> list[tuple[str, str]]:
    return [(text, BODY_FONT)]


def tcvn3_encoder(text: str) -> list[tuple[str, str]]:
    return [(chars, ".VnTimeH" if capital else ".VnTime") for chars, capital in encodings.encode_runs(text, "tcvn3")]


def vni_encoder(text: str) -> list[tuple[str, str]]:
    return [(encodings.encode(text, "vni"), "VNI-Times")]


def _set_run_font(run: Any, font: str, size: float | None, bold: bool, italic: bool) -> None:
    run.font.name = font
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), font)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True


class Writer:
    """Writes text through an encoder so the same builder makes Unicode and legacy files."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

    def runs(
        self, para: Any, text: str, *, size: float | None = None, bold: bool = False, italic: bool = False
    ) -> None:
        for chars, font in self.encoder(text):
            _set_run_font(para.add_run(chars), font, size, bold, italic)

    def paragraph(
        self,
        container: Any,
        text: str,
        *,
        size: float = 13,
        bold: bool = False,
        italic: bool = False,
        align: Any = None,
        first: bool = False,
    ) -> Any:
        para = container.paragraphs[0] if first else container.add_paragraph()
        if align is not None:
            para.alignment = align
        para.paragraph_format.space_after = Pt(0)
        self.runs(para, text, size=size, bold=bold, italic=italic)
        return para

    def cell(self, cell: Any, text: str, *, size: float = 12, bold: bool = False, align: Any = None) -> None:
        lines = text.split("\n") if text else [""]
        for i, line in enumerate(lines):
            self.paragraph(cell, line, size=size, bold=bold, align=align, first=i == 0)


def _no_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _set_widths(table: Any, widths_mm: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(w / 25.4 * 1440)))
    for tr in table._tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, widths_mm, strict=False):
            tc.width = Mm(w)


# --- the document ------------------------------------------------------------------------------

C = WD_ALIGN_PARAGRAPH.CENTER
USABLE_MM = 297 - 20 - 15


def new_document() -> Any:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(13)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), BODY_FONT)
    return document


def issuer_lines(meta: dict[str, Any]) -> list[str]:
    """`UBND tỉnh Bắc Giang` -> `ỦY BAN NHÂN DÂN` / `TỈNH BẮC GIANG`, as the block prints it."""
    issuer = (meta.get("issuer") or "").strip()
    if not issuer:
        return []
    for prefix in ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if issuer.startswith(prefix):
            return ["ỦY BAN NHÂN DÂN", issuer[len(prefix) :].upper()]
    province = meta.get("province")
    if province and issuer.lower().startswith("sở") and province.lower() in issuer.lower():
        head = issuer[: issuer.lower().rfind(province.lower())].strip().removesuffix("tỉnh").strip()
        return [f"UBND TỈNH {province.upper()}", head.upper()]
    return [issuer.upper()]


def date_line(meta: dict[str, Any]) -> str | None:
    place = meta.get("issued_place")
    return f"{place}, {_date_words(meta.get('issued_date'))}" if place else None


def _date_words(date: str | None) -> str:
    parts = (date or "").split("-")
    year = parts[0] if parts and parts[0] else "    "
    month = parts[1].lstrip("0") if len(parts) > 1 else "    "
    day = parts[2].lstrip("0") if len(parts) > 2 else "    "
    return f"ngày {day} tháng {month} năm {year}"


def attached_line(meta: dict[str, Any]) -> str | None:
    """A framework plan issued as an attachment names its parent plan instead of a place."""
    if meta.get("issued_place") or not meta.get("issued_date"):
        return None
    number = meta.get("number") or (f" /{meta['symbol']}" if meta.get("symbol") else "")
    issuer = meta.get("issuer") or ""
    if issuer.startswith("UBND "):
        issuer = "Ủy ban nhân dân " + issuer[5:]
    tail = f" của {issuer}" if issuer else ""
    return f"(Ban hành kèm theo Kế hoạch số: {number} {_date_words(meta['issued_date'])}{tail})"


def number_line(meta: dict[str, Any]) -> str | None:
    if meta.get("number"):
        return f"Số: {meta['number']}"
    if meta.get("symbol"):
        return f"Số:       /{meta['symbol']}"
    return None


def national_header(document: Any, w: Writer, meta: dict[str, Any]) -> None:
    left = issuer_lines(meta)
    num, date = number_line(meta), date_line(meta)
    if not (left or num or date):
        return
    t = document.add_table(rows=2, cols=2)
    _no_borders(t)
    _set_widths(t, [USABLE_MM * 0.4, USABLE_MM * 0.6])
    for i, line in enumerate(left):
        w.paragraph(t.cell(0, 0), line, size=13, bold=i == len(left) - 1, align=C, first=i == 0)
    w.paragraph(t.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=C, first=True)
    w.paragraph(t.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=C)
    if num:
        w.paragraph(t.cell(1, 0), num, size=13, align=C, first=True)
    if date:
        w.paragraph(t.cell(1, 1), date, size=14, italic=True, align=C, first=True)


def title_block(document: Any, w: Writer, meta: dict[str, Any]) -> None:
    title = meta.get("title")
    if not title:
        return
    document.add_paragraph()
    if not title.upper().startswith(("KẾ HOẠCH", "KHUNG KẾ HOẠCH")):
        w.paragraph(document, "KẾ HOẠCH", size=14, bold=True, align=C)
    w.paragraph(document, title, size=14, bold=True, align=C)
    attached = attached_line(meta)
    if attached:
        w.paragraph(document, attached, size=14, italic=True, align=C)
    document.add_paragraph()
    for basis in meta.get("legal_basis") or []:
        w.paragraph(document, f"Căn cứ {basis};", size=14)


def signer_block(document: Any, w: Writer, meta: dict[str, Any]) -> None:
    signer = meta.get("signer")
    if not signer:
        return
    document.add_paragraph()
    t = document.add_table(rows=1, cols=2)
    _no_borders(t)
    _set_widths(t, [USABLE_MM * 0.5, USABLE_MM * 0.5])
    w.paragraph(t.cell(0, 0), "Nơi nhận:", size=12, bold=True, italic=True, first=True)
    w.paragraph(t.cell(0, 0), "- Như trên;", size=11)
    w.paragraph(t.cell(0, 0), "- Lưu: VT.", size=11)
    lines = [signer.get("on_behalf_of"), signer.get("title"), "", "", signer.get("name")]
    first = True
    for line in lines:
        if line is None:
            continue
        w.paragraph(t.cell(0, 1), line, size=13, bold=True, align=C, first=first)
        first = False


def _vmerge(tcs: list[Any], table: Any) -> Any:
    """Merge cells of one column vertically (Word's vMerge restart/continue); the top one."""
    for k, tc in enumerate(tcs):
        el = OxmlElement("w:vMerge")
        if k == 0:
            el.set(qn("w:val"), "restart")
        tc.get_or_add_tcPr().append(el)
    return _Cell(tcs[0], table)


def _hmerge(tcs: list[Any], table: Any) -> Any:
    """Merge cells of one row horizontally (gridSpan on the first, the rest removed)."""
    first = tcs[0]
    first.grid_span = len(tcs)
    width = sum((tc.width or 0) for tc in tcs)
    if width:
        first.width = width
    for tc in tcs[1:]:
        tc.getparent().remove(tc)
    return _Cell(first, table)


def plan_table(document: Any, w: Writer, records: list[Record], columns: Iterable[Column], *, two_header: bool) -> None:
    roles = present_roles(records)
    cols = [c for c in columns if c.role in roles]
    if two_header and not {"lead", "partners"} <= roles:
        two_header = False
    n = len(cols)
    n_head = 2 if two_header else 1
    lines = layout(records)
    t = document.add_table(rows=n_head + len(lines), cols=n)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(c.width for c in cols)
    _set_widths(t, [USABLE_MM * c.width / total for c in cols])
    # python-docx's table.cell() recomputes the whole grid on every call: address the
    # w:tc elements directly, captured before any merge removes one
    tcs = [list(row._tr.tc_lst) for row in t.rows]

    def cell(r: int, i: int) -> Any:
        return _Cell(tcs[r][i], t)

    # header
    for r in range(n_head):
        _repeat_header(t.rows[r])
    if two_header:
        lead_i = next(i for i, c in enumerate(cols) if c.role == "lead")
        part_i = next(i for i, c in enumerate(cols) if c.role == "partners")
        assert part_i == lead_i + 1, "two-row header needs Chủ trì next to Phối hợp"
        for i, c in enumerate(cols):
            if i not in (lead_i, part_i):
                w.cell(_vmerge([tcs[0][i], tcs[1][i]], t), c.title, bold=True, align=C)
        w.cell(cell(1, lead_i), TWO_HEADER_TITLES["lead"], bold=True, align=C)
        w.cell(cell(1, part_i), TWO_HEADER_TITLES["partners"], bold=True, align=C)
        w.cell(_hmerge([tcs[0][lead_i], tcs[0][part_i]], t), AGENCY_GROUP, bold=True, align=C)
    else:
        for i, c in enumerate(cols):
            w.cell(cell(0, i), c.title, bold=True, align=C)

    # body
    for k, line in enumerate(lines):
        r = n_head + k
        if line.section is not None:
            number, title = line.section
            w.cell(_hmerge(tcs[r], t), f"{number}. {title}", bold=True)
            _cant_split(t.rows[r])
            continue
        assert line.record is not None and line.spans is not None
        for i, c in enumerate(cols):
            span = line.spans.get(c.role, 1)
            if span == 0:
                continue
            target = _vmerge([tcs[r + d][i] for d in range(span)], t) if span > 1 else cell(r, i)
            align = C if c.role in ("stt", "deadline", "budget") else None
            w.cell(target, cell_text(line.record, c.role), align=align)


def build_docx(plan: dict[str, Any], *, variant: str = "standard", encoder: Encoder = unicode_encoder) -> bytes:
    document = new_document()
    w = Writer(encoder)
    meta = plan.get("metadata") or {}
    national_header(document, w, meta)
    title_block(document, w, meta)
    columns = REORDERED if variant == "reordered" else STANDARD
    plan_table(document, w, plan["records"], columns, two_header=variant == "twoheader")
    signer_block(document, w, meta)
    props = document.core_properties
    props.author = "kehoach-parse samples"
    props.last_modified_by = "kehoach-parse samples"
    props.title = meta.get("title") or ""
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return deterministic_zip(buf.getvalue())


def deterministic_zip(data: bytes) -> bytes:
    """Same entries, fixed timestamps and order: re-running the generator changes no byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


# --- text exports (legacy .txt) -------------------------------------------------------------------


def build_text(plan: dict[str, Any]) -> str:
    """A TAB-separated export as Word's "save as text" of a table gives: merged cells empty."""
    meta = plan.get("metadata") or {}
    out: list[str] = []
    out.extend(issuer_lines(meta))
    for line in (number_line(meta), date_line(meta)):
        if line:
            out.append(line)
    if meta.get("title"):
        out.append("")
        if not meta["title"].upper().startswith(("KẾ HOẠCH", "KHUNG KẾ HOẠCH")):
            out.append("KẾ HOẠCH")
        out.append(meta["title"])
        if attached_line(meta):
            out.append(attached_line(meta) or "")
        out.append("")
    for basis in meta.get("legal_basis") or []:
        out.append(f"Căn cứ {basis};")
    out.append("")
    records = plan["records"]
    roles = present_roles(records)
    cols = [c for c in STANDARD if c.role in roles]
    out.append("\t".join(c.title for c in cols))
    for line in layout(records):
        if line.section is not None:
            number, title = line.section
            out.append("\t".join([number, title] + [""] * (len(cols) - 2)))
            continue
        assert line.record is not None and line.spans is not None
        spans = line.spans
        out.append(
            "\t".join(
                "" if spans.get(c.role, 1) == 0 else cell_text(line.record, c.role, multiline=False).replace("\n", " ")
                for c in cols
            )
        )
    signer = meta.get("signer")
    if signer:
        out.append("")
        out.extend(x for x in (signer.get("on_behalf_of"), signer.get("title"), signer.get("name")) if x)
    return "\n".join(out) + "\n"


# --- main ------------------------------------------------------------------------------------------


def plan_from_expectation(path: Path) -> tuple[str, dict[str, Any] | None]:
    """(stem of the primary source, a PlanDocument-shaped dict) from a reviewed expectation;
    None when it is a draft, has no records or its primary source is not a text export."""
    from kehoach_parse.evaluation import load_expectation
    from kehoach_parse.pipeline import parse

    exp = load_expectation(path)
    primary = exp.sources[0]
    stem = Path(primary).name.split(".")[0]
    if not exp.reviewed or not exp.records:
        return stem, None
    cwd = os.getcwd()
    os.chdir(ROOT)  # sources are named relative to the repository root
    try:
        parsed = parse(primary).model_dump(mode="json")
    finally:
        os.chdir(cwd)
    if parsed["source"]["kind"] != "text_export":  # not OCR reconstructions
        return stem, None
    titles: dict[str, str] = {}
    for rec in parsed["records"]:
        titles.setdefault(rec["section"]["number"], rec["section"]["title"])
    meta = dict(parsed["metadata"])
    for key, value in exp.metadata.items():
        if key == "period":
            meta[key] = None if value is None else {"start_year": value[0], "end_year": value[1]}
        elif key != "legal_basis":  # a count in the expectation: the texts are the parse's
            meta[key] = value
    records = []
    for er in exp.records:
        v = er.values
        records.append(
            {
                "stt": v["stt"],
                "section": {"number": v["section"], "title": titles.get(v["section"], "")},
                "objective": v["objective"],
                "task": v["task"],
                "activity": v["activity"],
                "outputs": list(v["outputs"]),
                "lead": [{"text": t} for t in v["lead"]],
                "partners": [{"text": t} for t in v["partners"]],
                "deadline": None if v["deadline"] is None else {"text": v["deadline"]["text"]},
                "budget": None if v["budget"] is None else {"text": v["budget"]["text"]},
                "notes": v["notes"],
            }
        )
    return stem, {"metadata": meta, "records": records}


def legacy_subset(plan: dict[str, Any]) -> dict[str, Any]:
    """The first records (whole sections where possible) for the small legacy samples."""
    records = plan["records"]
    cut = min(len(records), LEGACY_MAX_RECORDS)
    return {**plan, "records": records[:cut]}


def to_word97(docx_bytes: bytes) -> bytes | None:
    """DOCX -> .doc through LibreOffice (via ODT: LibreOffice drops python-docx tables when
    going straight to Word 97). None when soffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kehoach-samples-") as tmp:
        work = Path(tmp)
        (work / "plan.docx").write_bytes(docx_bytes)
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        env = {**os.environ, "HOME": str(work)}
        for target, src in (("odt", "plan.docx"), ("doc", "plan.odt")):
            subprocess.run(
                [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(work), str(work / src)],
                capture_output=True,
                timeout=300,
                check=True,
                env=env,
            )
        return (work / "plan.doc").read_bytes()


def write(path: Path, data: bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    written.append(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--expected", type=Path, default=ROOT / "samples" / "expected")
    ap.add_argument("--out", type=Path, default=ROOT / "samples")
    args = ap.parse_args(argv)
    files = sorted(args.expected.rglob("*.toml")) if args.expected.is_dir() else []
    plans = {}
    for f in files:
        stem, plan = plan_from_expectation(f)
        if plan is not None:
            plans[stem] = plan
    if not plans:
        print(f"no reviewed expectation with records under {args.expected}; nothing to do", file=sys.stderr)
        return 0
    written: list[Path] = []
    for stem, plan in plans.items():
        for variant, suffix in (("standard", ""), ("twoheader", ".twoheader"), ("reordered", ".reordered")):
            write(args.out / "docx" / f"{stem}{suffix}.docx", build_docx(plan, variant=variant), written)
    legacy_stem = LEGACY_STEM if LEGACY_STEM in plans else next(iter(plans))
    small = legacy_subset(plans[legacy_stem])
    legacy = args.out / "legacy"
    tcvn3_docx = build_docx(small, encoder=tcvn3_encoder)
    write(legacy / f"{legacy_stem}.tcvn3.docx", tcvn3_docx, written)
    doc = to_word97(tcvn3_docx)
    if doc is not None:
        write(legacy / f"{legacy_stem}.tcvn3.doc", doc, written)
    else:
        print("soffice not found: samples/legacy/*.doc left as they are", file=sys.stderr)
    write(legacy / f"{legacy_stem}.vni.docx", build_docx(small, encoder=vni_encoder), written)
    text = build_text(small)
    write(legacy / f"{legacy_stem}.tcvn3.txt", encodings.encode(text, "tcvn3").encode("utf-8"), written)
    write(legacy / f"{legacy_stem}.vni.txt", encodings.encode_bytes(text, "vni"), written)
    for p in written:
        print(f"wrote {p.relative_to(args.out.parent) if p.is_relative_to(args.out.parent) else p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
