"""Section rows: the content areas that group a plan table's activities (SPEC §1 "Sections").

A section row is a row whose output, agency and deadline cells are empty (or covered by
one cell spanning the row) and whose text is a Roman numeral with a title — in the STT
cell and the next non-empty cell (`I | Cải cách thể chế`, `II | | CẢI CÁCH THỂ CHẾ`) or
in one cell (`VII XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ…`) — or a title alone that is upper case
or an NQ76 area title (`CẢI CÁCH THỂ CHẾ`, `Cải cách tài chính công`).

Scans lose or misread the lone numeral (`H`, `TII.`, `L`, `1` for `II`) and leave grain in
empty cells, so: a printed number counts only where it fits the sequence (I, II, … with at
most MAX_SKIP skipped; digits after digits); a misread one, a lost one, or a title alone
takes the next number of the sequence — or the previous number again when the title names
the previous section's area — and the caller reports it as inferred (I_SECTION_INFERRED).
A low-confidence scrap in a flat cell does not hide a row whose title is an area title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Section
from ..source import LOST_SECTION_TITLE, Cell
from .areas import area_of_title, classify_area
from .text import ROMAN, is_roman, squash

_NUMBERED_TITLE = re.compile(r"^\s*(?P<num>[IVXL]+)\s*[.:)\-]?\s+(?P<title>\S.*)$", re.S)
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def distinct_filled(cells: Sequence[Cell | None]) -> list[Cell]:
    """The row's non-empty cells, each merged cell once, in column order."""
    seen: dict[int, Cell] = {}
    for c in cells:
        if c is not None and c.text.strip() and id(c) not in seen:
            seen[id(c)] = c
    return list(seen.values())


# A misread or half-lost numeral in a section row's STT cell (`H`, `LI`, `TII.`, `Œ)`, `1I`): a
# short token of the glyphs OCR makes of I, V, X and L. It only counts beside a title that reads as one.
_SCRAP = r"[IVXLHTUJYlij1|!\[\]()/\\_=Œ'‘’ÏÌÍïìí]{1,5}"
_SCRAP_NUMBER = re.compile(_SCRAP + r"[.,:;]?")
_SCRAP_PREFIX = re.compile(r"^\s*(?P<num>" + _SCRAP + r")\s*[.,:)\-]?\s+(?P<title>\S.*)$", re.S)
SCRAP_CONFIDENCE = 0.6  # an OCR'd cell below this holding no title is a scrap (grain read as `HAA<s a`)
SCRAP_CHARS = 20
MAX_LOST_CHARS = 5  # an STT cell this short beside an NQ76 area title is its numeral, however misread
# OCR reads a printed I, II, III as `1`, `11`, `111` (psm 6 most of all); in a table whose section
# rows are Roman (`roman_numbered`) such a number is the Roman one.
_ONES = re.compile(r"1{1,3}")
MAX_SKIP = 2  # a printed numeral may skip this many numbers (areas a plan leaves out); more is a misread


def section_row(
    cells: Sequence[Cell | None],
    flat_cols: Sequence[int],
    previous: Section | None,
    own: Sequence[Cell] | None = None,
    *,
    roman: bool = False,
    ocr: bool = False,
) -> tuple[Section, bool] | None:
    """(section, number inferred?) when the row is a section row by shape and text, else None.

    `own` are the row's own cells (an output or agency cell spanning down from the row above
    is not part of a section row). The number is the one printed when it fits the sequence
    (I, II, … with at most MAX_SKIP skipped) and, when OCR is unsure of it (confidence below
    SCRAP_CONFIDENCE), only where it is the next of the sequence; else the next of the
    sequence — or the previous one again when the title names the previous section's area (a
    heading repeated on a new page). `roman` (`roman_numbered`): the table's section rows are
    Roman, so an OCR'd `1`, `11`, `111` is I, II, III misread (reported as inferred). `ocr`: the
    table was OCR'd, so a garbled title may still name its area (`classify_area`).
    """
    mine = {id(c) for c in own} if own is not None else None
    flat = {id(cells[c]) for c in flat_cols if c < len(cells) and cells[c] is not None}
    # an output/agency cell merged down from the row above (OCR'd rows across a page break) is not this row's
    filled = [c for c in distinct_filled(cells) if mine is None or id(c) in mine or id(c) not in flat]
    scraps = [c for c in filled if id(c) in flat and _scrap(c)]
    core = [c for c in filled if c not in scraps]
    if _illegible_heading(cells, flat_cols, scraps, core):
        return make_section(next_number(previous), LOST_SECTION_TITLE), True
    if not core or len(core) > 2:
        return None
    title_cell = core[-1]
    for c in flat_cols:  # empty, or covered by the title cell spanning the row
        cell = cells[c] if c < len(cells) else None
        if cell is None or not cell.text.strip() or cell in scraps or (mine is not None and id(cell) not in mine):
            continue
        if not (cell is title_cell and cell.col_span > 1):
            return None
    found = _numbered(core)
    if found is None:
        return None
    number, title = found
    if scraps and area_of_title(title) is None:
        return None  # scraps beside a title that is no area title: an activity row misread
    read_conf = core[0].confidence  # the numeral's cell (the whole heading when it is one cell)
    if roman and read_conf is not None and number is not None and _ONES.fullmatch(number):
        sec, _ = _numbered_section("I" * len(number), title, previous, read_conf, ocr)
        return sec, True  # `1` read for I: the number is not what OCR printed
    sec, inferred = _numbered_section(number, title, previous, read_conf, ocr)
    # a numeral the loader gave from the table's sequence (`Cell.original == ""`: nothing was read there)
    return sec, inferred or (len(core) == 2 and core[0].original == "")


def _numbered_section(
    number: str | None, title: str, previous: Section | None, read_conf: float | None, ocr: bool = False
) -> tuple[Section, bool]:
    """The section of a section row read as (number, title), and whether its number is inferred."""
    ocr_title = ocr or read_conf is not None  # an OCR'd title: its area may be found through garbling
    if read_conf is not None and read_conf < SCRAP_CONFIDENCE and number is not None:
        # an unsure read counts only where it is the number the sequence expects (`1` for a lost `II` does not)
        expected = next_number(previous)
        return make_section(expected, title, ocr_title), number.rstrip(".") != expected
    if number is not None and _fits(number, previous, ocr=read_conf is not None):
        return make_section(number, title, ocr_title), False
    if number is not None and re.fullmatch(r"[a-zđ]", number):
        return make_section(number, title, ocr_title), False  # "a | CẢI CÁCH TÀI CHÍNH CÔNG": lettered as printed
    sec = make_section(next_number(previous), title, ocr_title)
    if previous is not None and sec.area != "other" and sec.area == previous.area:
        return make_section(previous.number, title, ocr_title), True  # the heading again, on a new page
    return sec, True


def roman_numbered(stt_cells: Sequence[Cell | None]) -> bool:
    """Are an OCR'd table's section rows numbered in Roman? Yes when its STT column holds a Roman
    numeral read surely that no digit looks like (`IV`, `V`, `XI`: not `I` or `II`, which `1` and
    `11` may be)."""
    for cell in stt_cells:
        if cell is None or cell.confidence is None or cell.confidence < SCRAP_CONFIDENCE:
            continue
        text = squash(cell.text).rstrip(".")
        if text in _ROMANS and set(text) != {"I"}:
            return True
    return False


def _illegible_heading(
    cells: Sequence[Cell | None], flat_cols: Sequence[int], scraps: Sequence[Cell], core: Sequence[Cell]
) -> bool:
    """A row whose one cell spans every flat column is a heading, even where OCR made grain of it
    (`7° se CC. NI II LH`): activity rows fill their columns apart. Its STT cell, if any, is short."""
    if len(scraps) != 1 or scraps[0].col_span < 2 or len(core) > 1:
        return False
    if core and (core[0].col >= scraps[0].col or len(squash(core[0].text)) > MAX_LOST_CHARS):
        return False
    cols = [c for c in flat_cols if c < len(cells)]
    return bool(cols) and all(cells[c] is scraps[0] for c in cols)


def _scrap(cell: Cell) -> bool:
    """An OCR'd flat cell that holds grain, not text: unsure and short, or one glyph however sure
    (a speck read as `Ị` at 0.92)."""
    text = squash(cell.text)
    if cell.confidence is None:
        return False
    return len(text) <= 1 or (cell.confidence < SCRAP_CONFIDENCE and len(text) <= SCRAP_CHARS)


def _numbered(core: Sequence[Cell]) -> tuple[str | None, str] | None:
    """(number as printed, or None when lost or illegible; title) of a section row, None when it is none.

    `I | Cải cách thể chế`, `VII XÂY DỰNG…` in one cell, `3 | CẢI CÁCH…`, a title alone, or a
    scrap of a numeral (`H`, `TII.`) before a title that is upper case or an area title.
    """
    first = squash(core[0].text)
    title = squash(core[-1].text)
    if len(core) == 2:
        if is_roman(first):
            return first.rstrip("."), title
        if re.fullmatch(r"(?:\d{1,2}|[a-zđ])[.)]?", first):
            if not (is_title_case_heading(title) or area_of_title(title) is not None):
                return None
            return first.rstrip(".)"), title
        if _SCRAP_NUMBER.fullmatch(first) and (is_title_case_heading(title) or area_of_title(title) is not None):
            return first.rstrip(".,:;"), title
        if len(first) <= MAX_LOST_CHARS and area_of_title(title) is not None:
            return first, title  # `"1`, `“Il`: whatever OCR made of the numeral, beside an area title it is one
        m = _NUMBERED_TITLE.match(f"{first} {title}")
        if m and is_roman(m.group("num")) and area_of_title(m.group("title")) is not None:
            return m.group("num"), squash(m.group("title"))  # `VI. CẢI | CÁCH TÀI CHÍNH CÔNG`: a rule read in the title
        return None
    m = _NUMBERED_TITLE.match(first)
    if m and is_roman(m.group("num")):
        return m.group("num"), squash(m.group("title"))
    m = _SCRAP_PREFIX.match(first)
    if m and not m.group("num").isdigit() and area_of_title(m.group("title")) is not None:
        return m.group("num"), squash(m.group("title"))  # `TII. Cải cách…`: the numeral misread
    if is_title_case_heading(first) or area_of_title(first) is not None:
        return None, first
    return None


def _fits(number: str, previous: Section | None, *, ocr: bool) -> bool:
    """Does a printed number follow `previous` in its sequence?

    Digital text is taken as printed unless a Roman numeral repeats or goes back. OCR'd text
    must keep to the sequence: Roman after Roman with at most MAX_SKIP numbers skipped (a
    table's first Roman numeral may start afresh, after a body heading's `7.`), digits after
    digits; a digit after a Roman numeral (`1` for a lost `II`) is a misread.
    """
    prev = previous.number if previous is not None and previous.number != "0" else None
    if not ocr:
        if number in _ROMANS and prev in _ROMANS:
            return _ROMANS.index(number) > _ROMANS.index(prev)
        return bool(ROMAN.match(number)) or number.isdigit()
    if number in _ROMANS:
        if prev not in _ROMANS:
            return _ROMANS.index(number) <= MAX_SKIP
        return 1 <= _ROMANS.index(number) - _ROMANS.index(prev) <= MAX_SKIP + 1
    if number.isdigit():
        if prev is None:
            return 1 <= int(number) <= MAX_SKIP + 1
        return prev.isdigit() and 1 <= int(number) - int(prev) <= MAX_SKIP + 1
    return False


def is_title_case_heading(text: str) -> bool:
    """Upper-case text of a few words: how plans print section titles."""
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    return 2 <= len(words) <= 25 and len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def next_number(previous: Section | None) -> str:
    """The number after `previous` in its own sequence (I, II, … or 1, 2, …); 'I' at the start."""
    if previous is None or previous.number == "0":
        return "I"
    num = previous.number
    if num in _ROMANS[:-1]:
        return _ROMANS[_ROMANS.index(num) + 1]
    if num.isdigit():
        return str(int(num) + 1)
    return "I" if not ROMAN.match(num) else num


def make_section(number: str, title: str, ocr: bool = False) -> Section:
    """`ocr`: the title was OCR'd (its area may be found through more garbling than a typed one's)."""
    if title == LOST_SECTION_TITLE:
        title = ""  # the loader knows a section row was printed here, not what it said
    return Section(number=number, title=title, area=classify_area(title, ocr=ocr))
