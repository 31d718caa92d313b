"""The plan table of an OCR'd plain text, rebuilt from its interleaved lines (issue 12).

OCR without layout writes a ruled table line by line, every line holding one wrapped line of
each cell beside it (seed 002; `tesseract page.png out` of any plan). The table is rebuilt
generally, never from one sample's words:

1. the header block is found from the column vocabulary (`text_columns.header_blocks`),
   however its words wrapped; the table runs from there to the signature block or the end
   of the text; repeated headers (one per page), page marks and form feeds are skipped;
2. each line is split into column fragments by dynamic programming over widths and content
   cues (`text_columns.segment_line`); widths are learned from a first pass;
3. rows start at STT numbers, item labels of the lowest level and section titles; each
   column's fragments are joined down the row into the cell's text. A fragment that opens a
   row's cell in lower case continues the cell above (a merged objective/task cell);
4. the result is an ordinary `source.Table` whose header row carries the roles' titles, so
   interpretation maps, repairs and reads it as it does any table. Each cell's `confidence`
   is the mean posterior probability of its fragments under the line model; the table's
   is the mean over its cells (below 1: interpretation says the grid was rebuilt).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicon.agencies import respell_agencies
from ..lexicon.areas import area_of_title
from ..lexicon.deadlines import respell, roman_quarter_numerals, roman_quarters
from ..source import Cell, Row, Table
from ..vietnamese.keys import fold, key
from ..vietnamese.numerals import is_roman
from . import text_columns as tc

_SIGNATURE = re.compile(r"^\s*(?:noi nhan\b|tm\s*[.:]|kt\s*[.:]|t/m\b)")
_PAGE_MARK = re.compile(r"^\s*(?:[-–(]?\s*\d{1,3}\s*[-–)]?|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$")
_ROW_LABEL = {
    "objective": re.compile(r"^\s*(?:\d{1,2}\s*[.,]\s*)?(?:muc tieu|\d{1,2}\s*[.,]\s+\S)"),
    # an item label is numbered ("Hoạt động 2:", OCR "Hoat; dong I:"); "hoạt động của" is a sentence
    "task": re.compile(r"^\s*(?:\d{1,2}\s*[.,]\s*){0,2}nhiem[;,.]?\s*v\w" + tc.LABEL_NUMBER),
    "activity": re.compile(r"^\s*(?:\d{1,2}\s*[.,]\s*){0,3}hoat[;,.]?\s*d\w{1,3}g" + tc.LABEL_NUMBER),
}
_TITLES = {"stt": "STT"}
MIN_CONFIDENCE = 0.05


@dataclass(slots=True)
class _RowBuild:
    line: int  # 1-based
    cols: dict[int, list[tc.Fragment]] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)  # column -> first line
    section: tuple[str, str] | None = None


def _title(role: str) -> str:
    """The role's column title as the vocabulary spells it (its first cue), for the rebuilt header row."""
    if role in _TITLES:
        return _TITLES[role]
    from ..files import read_data

    return str(read_data("column_titles.json")["cues"][role][0])


_CLEAN = re.compile(r"^[(\"'“]?(?:[^\W\d_]+|\d+(?:[/.,-]\d+)*)[.,;:)\"'”]?$")


def _is_debris(line: str) -> bool:
    """Mostly tokens that are neither words nor numbers (a column-number row or a rule read as text)."""
    toks = [t.text for t in tc.tokens(line)]
    return bool(toks) and sum(1 for t in toks if _CLEAN.match(t)) < 0.5 * len(toks)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _section_text(text: str) -> tuple[str, str] | None:
    """(numeral or '', title) when `text` is an area title, after a numeral or a short piece of OCR debris."""
    words = text.split()
    numeral_first = len(words) >= 3 and len(words[0]) <= 5 and (bool(_ocr_roman(words[0])) or not words[0].isalpha())
    for skip in (1, 0) if numeral_first else (0,):
        rest = " ".join(words[skip:]).strip(" .:-")
        if len(rest) <= 160 and area_of_title(rest) is not None:
            lead = _ocr_roman(words[0]) if skip else ""
            return (lead if lead and is_roman(lead) else ""), rest
    m = re.match(r"^([IVXL]{1,5})\s*[.:\-]?\s+(\S.*)$", text)
    if m and len(m.group(2)) >= 8 and _mostly_upper(m.group(2)):
        return m.group(1), m.group(2)
    return None


_ROMAN_SLIPS = str.maketrans(
    {"H": "II", "U": "II", "l": "I", "1": "I", "|": "I", "!": "I", "i": "I", "v": "V", "x": "X"}
)


def _ocr_roman(token: str) -> str:
    """A section numeral as OCR misreads its strokes (`H.` for II, `HI.` for III, `l.` for I), or ''."""
    t = token.strip(".:-_,")
    if len(t) > 4:
        return ""
    roman = t.translate(_ROMAN_SLIPS)
    return roman if re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", roman) and roman else ""


def find_sections(data: Sequence[tuple[int, str]]) -> dict[int, tuple[str, str, int]]:
    """Section rows by first line index: (numeral, title, lines used); a title may wrap over three lines."""
    out: dict[int, tuple[str, str, int]] = {}
    texts = [" ".join(t.text for t in tc.tokens(ln)) for _, ln in data]
    k = 0
    while k < len(texts):
        found = None
        for n in (1, 2, 3):
            if k + n > len(texts):
                break
            extra = texts[k + 1 : k + n]
            if any(not (_mostly_upper(t) if _mostly_upper(texts[k]) else len(t.split()) <= 6) for t in extra):
                break
            s = _section_text(" ".join(texts[k : k + n]))
            if s is not None:
                found = (*s, n)
                upper_next = k + n < len(texts) and _mostly_upper(texts[k]) and _mostly_upper(texts[k + n])
                if not upper_next:
                    break  # an upper-case title goes on while the next line is upper case too
        if found is not None:
            out[data[k][0]] = found
            k += found[2]
        else:
            k += 1
    return out


def _is_row_start(model: tc.Model, frags: Sequence[tc.Fragment], level: str | None) -> bool:
    """STT number, the lowest item label, or (rows marked neither way) cells opening side by side."""
    if level is not None:  # rows marked by item labels: numbers in the STT column are higher levels' numbers
        return any(model.roles[f.col] == level and _ROW_LABEL[level].match(fold(f.text)) for f in frags)
    if any(model.roles[f.col] == "stt" and tc._STT.match(f.text.strip().strip(".")) for f in frags):
        return True
    # top-aligned cells open on the row's first line: the content cell and two more start with a capital
    content = [f for f in frags if model.roles[f.col] in tc.CONTENT]
    capital = [f for f in frags if _first_word(f.text)[:1].isupper() and model.roles[f.col] not in tc.CONTENT]
    return bool(content) and _first_word(content[0].text)[:1].isupper() and len(capital) >= 2


def _first_word(text: str) -> str:
    """The first word of two or more letters (OCR debris where an STT was is skipped)."""
    return next((w for w in text.split() if sum(ch.isalpha() for ch in w) >= 2), "")


def find_table(lines: Sequence[str]) -> tuple[int, int, list[tc.HeaderBlock]] | None:
    """(first line, end line, header blocks inside) of the plan table, or None without a header block."""
    blocks = tc.header_blocks(lines)
    candidates = [
        b for b in blocks
        if len(b.roles) >= 4
        and (any(r in tc.CONTENT for r in b.roles) or "stt" in b.roles)
        and (b.end - b.start >= 2 or "stt" in b.roles)
    ]  # fmt: skip
    if not candidates:
        return None
    # the table's header names most of its columns; prose that mentions a few column words names fewer
    strongest = max(len(b.roles) for b in candidates)
    start = next(b for b in candidates if len(b.roles) >= max(4, 0.5 * strongest))
    end = next((i for i in range(start.end, len(lines)) if _SIGNATURE.match(fold(lines[i]))), len(lines))
    # the header printed again on a later page names mostly the same roles
    want = set(start.roles)
    inside = [
        b for b in blocks
        if b.start >= start.start and b.end <= end and len(want & set(b.roles)) >= min(3, len(want))
    ]  # fmt: skip
    return start.start, end, inside


def has_table(lines: Sequence[str]) -> bool:
    """A cheap test first (two cue words on a line), then the header-block search."""
    hw = tc.header_words()
    starts = {cue[0] for _, cue in hw.cues}
    if not any(sum(1 for w in key(ln).split() if w in starts) >= 2 for ln in lines[:200_000]):
        return False
    return find_table(lines) is not None


def _complete(roles: list[str]) -> list[str]:
    """Columns every plan table has but whose titles OCR lost: a content column (after STT), a lead beside partners."""
    out = list(roles)
    if not any(r in tc.CONTENT for r in out):
        out.insert(1 if out[:1] == ["stt"] else 0, "activity")
    if "partners" in out and "lead" not in out:
        out.insert(out.index("partners"), "lead")
    return out


def rebuild_table(lines: Sequence[str]) -> tuple[int, int, Table] | None:
    """(first line index, end index, table) of the OCR'd plan table, or None when there is none."""
    found = find_table(lines)
    if found is None:
        return None
    first, end, blocks = found
    header_lines = [ln for b in blocks for ln in lines[b.start : b.end]]
    roles = _complete(tc.header_roles(header_lines))
    in_header = {i for b in blocks for i in range(b.start, b.end)}
    data: list[tuple[int, str]] = []
    for i in range(first, end):
        line = lines[i].replace("\f", " ")
        if i in in_header or not line.strip() or _PAGE_MARK.match(fold(line)) or _is_debris(line):
            continue
        data.append((i, line))
    if not data:
        return None
    sections = find_sections(data)
    covered = {data[k + d][0] for k, (i, _) in enumerate(data) if i in sections for d in range(sections[i][2])}
    body = [(i, ln) for i, ln in data if i not in covered]
    model, segmented = segment_body(roles, body)
    return first, end, _assemble(model, data, sections, segmented)


def segment_body(roles: list[str], body: Sequence[tuple[int, str]]) -> tuple[tc.Model, dict[int, list[tc.Fragment]]]:
    """Every body line split into column fragments; three passes, the widths re-learned after each."""
    model = tc.initial_model(roles, [ln for _, ln in body])
    segmented: dict[int, list[tc.Fragment]] = {}
    for _ in range(3):
        segmented = {}
        prev: dict[int, str] = {}
        for i, ln in body:
            toks = tc.tokens(ln)
            if toks and _opens_row(roles, toks[0].text, ln):
                prev = {}  # every cell starts afresh on a row's first line
            frags = tc.segment_line(model, toks, prev)
            segmented[i] = frags
            prev = {f.col: f.text for f in frags}
        model = tc.learn_widths(model, list(segmented.values()))
    return model, segmented


def _opens_row(roles: Sequence[str], first: str, line: str) -> bool:
    """The line starts a row: an STT number first (in a table with an STT column) or an item label."""
    if "stt" in roles and tc._STT.match(first.strip(".")) and first.strip(".").isdigit():
        return True
    return any(_ROW_LABEL[r].match(fold(line)) for r in tc.CONTENT if r in roles)


def _assemble(
    model: tc.Model,
    data: Sequence[tuple[int, str]],
    sections: dict[int, tuple[str, str, int]],
    segmented: dict[int, list[tc.Fragment]],
) -> Table:
    k = len(model.roles)
    content = [r for r in tc.CONTENT if r in model.roles]
    level = content[-1] if content else None
    if "stt" in model.roles:
        level = level if _labels_used(model, segmented, level) else None
    rows: list[_RowBuild] = []
    for i, _ in data:
        if i in sections:
            rows.append(_RowBuild(i + 1, section=sections[i][:2]))
            continue
        if i not in segmented:
            continue  # a wrapped section title's further line
        frags = segmented[i]
        if _is_row_start(model, frags, level):
            rows.append(_RowBuild(i + 1))
        elif not rows or rows[-1].section is not None:
            continue  # debris before the first row of the table or of a section (a column-number row)
        cur = rows[-1]
        for f in frags:
            cur.cols.setdefault(f.col, []).append(f)
            cur.lines.setdefault(f.col, i + 1)
    # a cell that opens in lower case continues the cell above (a merged objective/task cell)
    for r in range(1, len(rows)):
        above, row = rows[r - 1], rows[r]
        if above.section is not None or row.section is not None:
            continue
        for c, frags in list(row.cols.items()):
            first = frags[0].text.lstrip()
            if model.roles[c] != "stt" and first[:1].islower() and c in above.cols:
                above.cols[c].extend(frags)
                del row.cols[c]
    _number_sections(rows)
    header = Row(cells=[Cell(_title(r), c, line=None) for c, r in enumerate(model.roles)], is_header=True)
    out: list[Row] = [header]
    confs: list[float] = []
    dl = model.roles.index("deadline") if "deadline" in model.roles else -1
    roman = roman_quarters([respell(f.text) for rb in rows for f in rb.cols.get(dl, [])])
    for rb in rows:
        if rb.section is not None:
            number, title = rb.section
            cells = [Cell(number, 0, line=rb.line), Cell(title, 1 if k > 1 else 0, line=rb.line)]
            cells = cells[: 1 if k == 1 else 2] + [Cell("", c, line=rb.line) for c in range(2, k)]
            out.append(Row(cells=cells, line=rb.line))
            continue
        cells = []
        for c in range(k):
            frags = rb.cols.get(c, [])
            text = read = "\n".join(f.text for f in frags)
            if c == dl:
                text = respell(text)  # the column says these are time words: spell them as the phrases do
                if roman:  # the table's quarters are Roman: `Quý 1`, `Quý l` are OCR's misread `Quý I`
                    text = roman_quarter_numerals(text)
            elif model.roles[c] in ("lead", "partners"):
                text = respell_agencies(text)  # and these agency names: spell them as the gazetteer does
            conf = None
            if frags:
                total = sum(max(len(f.text), 1) for f in frags)
                conf = round(max(MIN_CONFIDENCE, sum(f.prob * max(len(f.text), 1) for f in frags) / total), 3)
                confs.append(conf)
            original = read if text != read else None  # respelled: what OCR read stays for the repair record
            cells.append(Cell(text, c, line=rb.lines.get(c, rb.line), original=original, confidence=conf))
        out.append(Row(cells=cells, line=rb.line))
    confidence = round(sum(confs) / len(confs), 3) if confs else 0.5
    return Table(rows=out, n_cols=k, spans_known=False, confidence=min(confidence, 0.95))


def _number_sections(rows: Sequence[_RowBuild]) -> None:
    """A section numeral OCR lost, from the next numeral this table prints (its sequence, SPEC §1 Sections).

    Without it interpretation would continue the body's heading numbers ("2." before the appendix).
    """
    from ..vietnamese.numerals import to_roman

    values = {to_roman(n): n for n in range(1, 40)}
    sections = [rb for rb in rows if rb.section is not None]
    for k, rb in enumerate(sections):
        assert rb.section is not None
        if rb.section[0]:
            continue
        for d, later in enumerate(sections[k + 1 :], start=1):
            assert later.section is not None
            if later.section[0] in values:
                n = values[later.section[0]] - d
                if n >= 1:
                    rb.section = (to_roman(n), rb.section[1])
                break


def _labels_used(model: tc.Model, segmented: dict[int, list[tc.Fragment]], level: str | None) -> bool:
    """Whether rows are marked by item labels at all (a table with an STT column may number them only there)."""
    if level is None:
        return False
    stt_rows = sum(1 for frags in segmented.values() for f in frags if model.roles[f.col] == "stt")
    labels = sum(
        1
        for frags in segmented.values()
        for f in frags
        if model.roles[f.col] == level and _ROW_LABEL[level].match(fold(f.text))
    )
    return labels > stt_rows
