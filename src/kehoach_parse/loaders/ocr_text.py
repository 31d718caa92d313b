"""The plan table of an OCR'd plain text, rebuilt from its interleaved lines (issue 12).

OCR without layout writes a ruled table line by line, every line holding one wrapped line of
each cell beside it (seed 002; `tesseract page.png out` of any plan). The table is rebuilt
generally, never from one sample's words:

1. the header block is found from the column vocabulary (`text_columns.header_blocks`),
   however its words wrapped or OCR garbled half of them, a column-number row (`1 2 3 …`)
   under it included; the table runs from there to the signature block or the end of the
   text; repeated headers (one per page), page marks and form feeds are skipped. Without a
   recognisable header, the table is its numbered rows (`find_body`: STT 1, 2, 3… on lines
   where deadline, output and agency cells open side by side), or, its STT numbers lost too,
   its reform-area titles with row lines below them (`_sectioned_body`), or, its titles lost
   as well (a noisy scan), the dated row lines under its appendix title (`PHỤ LỤC`,
   `find_appendix`), and a note says so. However it was found, a table under an appendix
   title begins at the first section row or row line below that title
   (`_first_section_below_title`): the rows above a first row counted or a header read on a
   later page are the table's too;
2. the column order: a wrapped header orders only the pieces printed on one line, so every
   order it allows is scored by how well the body's lines segment under it (`choose_order`);
   columns the header lost but the body shows (deadlines, outputs, agencies, amounts, STT
   numbers) are added where they segment best (`add_body_roles`);
3. each line is split into column fragments by dynamic programming over widths and content
   cues (`text_columns.segment_line`); widths are learned from a first pass;
4. rows start at STT numbers, item labels of the lowest level and section titles (where OCR
   lost most STT numbers, also at a content cell opening in a capital that begins no agency
   name); an STT printed mid-row (a vertically centred cell) joins the row opened just above; each
   column's fragments are joined down the row into the cell's text. A fragment that opens a
   row's cell in lower case continues the cell above (a merged objective/task cell). Where
   the STT count starts again at 1 with no section row between, OCR lost that section row:
   one is put back (`LOST_SECTION_TITLE`), numbered by interpretation from the sequence with
   I_SECTION_INFERRED;
5. the result is an ordinary `source.Table` whose header row carries the roles' titles, so
   interpretation maps, repairs and reads it as it does any table. Each cell's `confidence`
   is the mean posterior probability of its fragments under the line model; the table's
   is the mean over its cells (below 1: interpretation says the grid was rebuilt).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from ..lexicon.agencies import respell_agencies
from ..lexicon.areas import area_keyword, area_of_title, classify_area
from ..lexicon.columns import vocabulary
from ..lexicon.deadlines import (
    YEAR_RE,
    is_deadline,
    is_number_part,
    names_time,
    opens_with_event,
    respell,
    time_word,
    wrapped_opening,
)
from ..lexicon.slips import read_with_marks, reads_as_syllable
from ..lexicon.text import is_mark
from ..source import LOST_SECTION_TITLE, Cell, Row, Table
from ..vietnamese.keys import fold, key
from ..vietnamese.numerals import STT_NUMBER, is_roman, stt_digits
from . import text_columns as tc

_SIGNATURE = re.compile(r"^\s*(?:noi nhan\b|tm\s*[.:]|kt\s*[.:]|t/m\b)")
_PAGE_MARK = re.compile(r"^\s*(?:[-–(]?\s*\d{1,3}\s*[-–)]?|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$")
_ROW_LABEL = {
    "objective": re.compile(r"^\s*(?:\d{1,2}\s*[.,]\s*)?(?:muc tieu|\d{1,2}\s*[.,]\s+\S)"),
    # an item label is numbered ("Hoạt động 2:", OCR "Hoat; dong I:"); "hoạt động của" is a sentence
    "task": re.compile(r"^\s*(?:\d{1,2}\s*[.,]\s*){0,2}" + tc.TASK_NOUN + tc.LABEL_NUMBER),
    "activity": re.compile(r"^\s*(?:\d{1,2}\s*[.,]\s*){0,3}" + tc.ACTIVITY_NOUN + tc.LABEL_NUMBER),
}
_TITLES = {"stt": "STT"}
# an item label's noun as OCR garbled it (`Hoat dfng 1:`, `Nhiem; vu 2.`), at a content cell's start
_LABEL_NOUN = re.compile(
    r"^(\s*(?:\d{1,2}\s*[.,]\s*){0,3})("
    + tc.ACTIVITY_NOUN
    + "|"
    + tc.TASK_NOUN
    + r"|muc\s*tieu)(?="
    + tc.LABEL_NUMBER
    + ")"
)
_LABEL_NOUNS = {"h": "Hoạt động", "n": "Nhiệm vụ", "m": "Mục tiêu"}


def respell_label(text: str) -> str:
    """A content cell's item label spelled as printed (`Hoat dfng 1:` -> `Hoat dong 1:`): the rows
    were cut at it, so the plan layer must read it as a label too, not as the item's first words.
    Spelled with its marks only in a cell read with them (`Hoạt động`): in a cell OCR'd without
    them, marks would tell the repair stage that the line was typed, and it would repair less."""
    text = unicodedata.normalize("NFC", text)
    m = _LABEL_NOUN.match(fold(text))  # `fold` keeps one character per character: the spans match
    if m is None:
        return text
    noun = _LABEL_NOUNS[m.group(2)[0]]
    if not any(read_with_marks(w) for w in text.split()):
        noun = fold(noun).capitalize()
    return text[: m.start(2)] + noun + text[m.end(2) :]


_EDGE_MARKS = ".,;:|[](){}_-"
MAX_TIME_WORDS = 5  # "6 tháng đầu năm", "Quý III năm": a deadline's words before its number
MIN_CONFIDENCE = 0.05


@dataclass(slots=True)
class _RowBuild:
    line: int  # 1-based
    cols: dict[int, list[tc.Fragment]] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)  # column -> first line
    section: tuple[str, str] | None = None
    first: int = -1  # position of the row's first line among the table's lines
    inferred: bool = False  # a section row whose numeral the sequence gave (`_number_sections`), not OCR
    by_line: list[tuple[int, list[tc.Fragment]]] = field(default_factory=list)  # (line index, its fragments)

    def add(self, i: int, frags: Sequence[tc.Fragment]) -> None:
        self.by_line.append((i, list(frags)))
        for f in frags:
            self.cols.setdefault(f.col, []).append(f)
            self.lines.setdefault(f.col, i + 1)

    def rebuild(self, by_line: list[tuple[int, list[tc.Fragment]]]) -> None:
        self.cols, self.lines, self.by_line = {}, {}, []
        for i, frags in by_line:
            self.add(i, frags)


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


_WORD = re.compile(r"^[(\"'“]?[^\W\d_]{2,}[.,;:)\"'”]?$")
_PUNCT = "(\"'“.,;:)”"


def _too_few_words(line: str) -> bool:
    """A line that opens a row prints words after its first token (the number, or the content's
    first word): fewer than two words of two letters or more is grain read beside a stray figure,
    not a row. Without a number they must read as syllables too (`Pa ee eee` is grain)."""
    toks = tc.tokens(line)
    numbered = bool(toks) and bool(stt_digits(toks[0].text))
    return sum(1 for t in toks[1:] if _WORD.match(t.text) and (numbered or reads_as_syllable(t.text.strip(_PUNCT)))) < 2


def _mostly_upper(text: str) -> bool:
    return tc.capitals(text, 0.8, 3)


def _section_text(text: str) -> tuple[str, str] | None:
    """(numeral or '', title) when `text` is an area title, after a numeral or a short piece of OCR debris."""
    words = text.split()
    # up to two short tokens before the title: the numeral as OCR read it (`I1`, `H.`) and debris (`¡`)
    lead_n = 0
    while lead_n < 2 and len(words) - lead_n >= 3 and len(words[lead_n]) <= 5:
        w = words[lead_n]
        speck = len(w) <= 2 and lead_n == 0 and bool(_ocr_roman(words[1]))  # `L_ II.`: a speck before the numeral
        if not (_ocr_roman(w) or not w.isalpha() or speck):
            break
        lead_n += 1
    ends = dict.fromkeys((len(words), _title_end_at(words)))  # the title as read, then without debris after it
    for skip, end in itertools.product(range(lead_n, -1, -1), ends):
        rest = " ".join(words[skip:end]).strip(" .:-")
        if rest and len(rest) <= 160 and area_of_title(rest) is not None:
            lead = next((r for w in reversed(words[:skip]) if (r := _ocr_roman(w))), "")
            return (lead if lead and is_roman(lead) else ""), rest
    m = re.match(r"^([IVXL]{1,5})\s*[.:\-]?\s+(\S.*)$", text)
    if m and len(m.group(2)) >= 8 and _mostly_upper(m.group(2)):
        return m.group(1), m.group(2)
    return _garbled_heading(words)


def _section_line(line: str) -> tuple[str, str] | None:
    """`_section_text` of a raw OCR'd line, its rules and brackets split off as tokens of their own."""
    return _section_text(" ".join(t.text for t in tc.tokens(line)))


MAX_TAIL = 4  # tokens of debris after a section row's title: the other cells' rules and specks read as text


_CLUSTER = re.compile(r"[bcdfghjklmnpqrstvwxz]{4,}")  # no Vietnamese word runs four consonants (`ngh` is three)


def _tail_debris(word: str) -> bool:
    """A short lower-case token (`ee`), one with a figure or no letter (`7T`, `11T,`), or a rule read as
    letters (`EEWPPEIPPHNBEW`): no title's word."""
    return (
        (len(word) <= 3 and word.islower())
        or any(ch.isdigit() for ch in word)
        or not any(ch.isalpha() for ch in word)
        or bool(_CLUSTER.search(fold(word).lower()))
    )


def _title_end_at(words: Sequence[str]) -> int:
    """Where a title's words end before up to MAX_TAIL tokens of debris (three words of title kept)."""
    end = len(words)
    while end > 3 and len(words) - end < MAX_TAIL and _tail_debris(words[end - 1]):
        end -= 1
    return end


def _garbled_heading(words: list[str]) -> tuple[str, str] | None:
    """An upper-case area title between OCR debris: one short token before it where the numeral was
    (`int [CAT CAGH CHE pO CONG Vu`), up to MAX_TAIL tokens of debris after it (`ee ee eee`,
    `CẢI GÁCH TÀI CHÍNHCÔNG | [7T 7, ga 11T,`)."""
    end = _title_end_at(words)
    for start in (0, 1):
        if start and (len(words) < 2 or len(words[0]) > 3):
            break
        rest = " ".join(words[start:end]).strip(" .:-[]|")
        trimmed = end < len(words) or start  # untrimmed, `_section_text` has tried it already
        if trimmed and _mostly_upper(rest) and area_of_title(rest) is not None:
            lead = _ocr_roman(words[0]) if start else ""
            return (lead if lead and is_roman(lead) else ""), rest
    return _keyword_in_babble(words) or _capital_title(words)


MIN_CAPITAL_TITLE = 12  # letters of a title in capitals that names no area (as OCR garbled it)


def _capital_title(words: list[str]) -> tuple[str, str] | None:
    """A numeral and a title all in capitals that OCR garbled past naming its area (`[1 [CONG TRC
    CHRO, DIRT TANT COU`): a section row still (SPEC §1: a numeral with an upper-case title).
    A row's content opens in sentence case, so a line of three words or more all in capitals
    after a numeral is no row."""
    k = next((i for i, w in enumerate(words[:3]) if any(ch.isalnum() for ch in w)), None)
    numeral = _ocr_roman(words[k]) if k is not None else ""
    if k is None or not numeral:
        return None
    text = " ".join(words[k + 1 : _title_end_at(words)]).strip(_EDGE_MARKS + " ")
    title = [w for w in (w.strip(_EDGE_MARKS) for w in text.split()) if w]
    if len(title) < 3 or sum(len(w) for w in title) < MIN_CAPITAL_TITLE or tc._agency_start(text[:24]):
        return None  # `1 | UBND TỈNH`: an agency in capitals opens no title
    if not all(w.isupper() and not any(ch.isdigit() for ch in w) for w in title):
        return None
    return (numeral if is_roman(numeral) else ""), text


MAX_BABBLE = 8  # words of babble around an area title's legible part


def _keyword_in_babble(words: list[str]) -> tuple[str, str] | None:
    """A bold section row OCR read mostly as babble, its numeral first and the part of its title it
    could read in capitals naming an area by its keyword (`1 [ear chon THE CHE [20 oe a a`: `THỂ CHẾ`).
    Every other word is in lower case or no word at all, so no row's sentence is taken."""
    if len(words) < 3 or not _ocr_roman(words[0]):
        return None
    upper = [len(w.strip(_EDGE_MARKS)) >= 2 and w.strip(_EDGE_MARKS).isupper() for w in words[1:]]
    runs = [(k, n) for k in range(len(upper)) for n in range(2, len(upper) - k + 1) if all(upper[k : k + n])]
    if not runs:
        return None
    k, n = max(runs, key=lambda r: r[1])
    others = [w for w in words[1 : k + 1] + words[k + n + 1 :] if _worded_word(w)]
    if len(others) > MAX_BABBLE or any(not w.strip(_EDGE_MARKS).islower() for w in others):
        return None
    title = " ".join(w.strip(_EDGE_MARKS) for w in words[k + 1 : k + n + 1])
    if classify_area(title) == "other" or not area_keyword(title):
        return None
    numeral = _ocr_roman(words[0])
    return (numeral if is_roman(numeral) else ""), title


_ROMAN_SLIPS = str.maketrans(
    {"H": "II", "U": "II", "l": "I", "1": "I", "|": "I", "!": "I", "i": "I", "v": "V", "x": "X"}
)


def _first_token(line: str) -> str:
    """A line's first token holding a letter or figure (rules and brackets are tokens of their own)."""
    return next((t.text for t in tc.tokens(line) if any(ch.isalnum() for ch in t.text)), "")


def _not_as_printed(numeral: str, token: str) -> bool:
    """A numeral read through OCR's slips (`1` or `l.` for I, `H.` for II): not what `token` shows."""
    return bool(numeral) and numeral != token.strip(" .:-_,[|").upper()


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
            out[data[k][0]] = _centred_numeral(found, texts[k + 1 : k + found[2]])
            k += found[2]
        else:
            k += 1
    return out


def _is_row_start(model: tc.Model, frags: Sequence[tc.Fragment], level: str | None, unnumbered: bool = False) -> bool:
    """STT number, the lowest item label, or (rows marked neither way) cells opening side by side;
    in a table whose STT numbers OCR lost (`unnumbered`), also a content cell opening in a capital."""
    if level is not None:  # rows marked by item labels: numbers in the STT column are higher levels' numbers
        return any(model.roles[f.col] == level and _ROW_LABEL[level].match(fold(f.text)) for f in frags)
    if any(model.roles[f.col] == "stt" and STT_NUMBER.match(f.text.strip().strip(".")) for f in frags):
        return True
    return _opens_cells(model, frags) or (unnumbered and _capital_content(model, frags))


def _capital_content(model: tc.Model, frags: Sequence[tc.Fragment]) -> bool:
    """The line's content cell opens with a capitalised word that is no name (`Kiểm tra…`, not
    `UBND tỉnh…` or `Sở Nội vụ…`): a cell's further lines go on in lower case."""
    content = [f for f in frags if model.roles[f.col] in tc.CONTENT]
    return bool(content) and _opens_item(content[0].text)


def _opens_item(text: str) -> bool:
    """A content cell's text opens in a capitalised word that is no name (`Kiểm tra…`, not `UBND…`)."""
    word = _first_word(text)
    return word[:1].isupper() and not word.isupper() and not _opens_name(text.lstrip())


def _opens_name(text: str) -> bool:
    """Does `text` open an agency name? `text_columns._agency_start` compares words without their
    marks (OCR may have lost them), so `Bảo đảm` would open `Bảo hiểm xã hội`: where the words
    keep their marks, their first two must open a gazetteer name as spelled."""
    if not tc._agency_start(text[:24]):
        return False
    words = [w.strip(",;.:").lower() for w in text.split()[:2]]
    if not any(read_with_marks(w) for w in words):
        return True
    openers = _name_openers()
    return " ".join(words) in openers or words[0] in openers


@functools.lru_cache(maxsize=1)
def _name_openers() -> frozenset[str]:
    """The first two words of the gazetteer's agency names and aliases (a one-word name whole),
    lower case, as spelled."""
    from ..files import read_data

    names = (n for a in read_data("agencies.json")["agencies"] for n in (a["name"], *a["aliases"]))
    return frozenset(" ".join(w.strip(",;.:").lower() for w in n.split()[:2]) for n in names if n.strip())


def _unnumbered(model: tc.Model, segmented: dict[int, list[tc.Fragment]]) -> bool:
    """Has OCR lost most of the table's STT numbers? Fewer numbered lines than half the lines whose
    content cell opens in a capital (a table without an STT column: no)."""
    if "stt" not in model.roles:
        return False
    numbered = sum(
        1 for frags in segmented.values() if any(model.roles[f.col] == "stt" and stt_digits(f.text) for f in frags)
    )
    capital = sum(1 for frags in segmented.values() if _capital_content(model, frags))
    return numbered < 0.5 * capital


def _centred_number(
    model: tc.Model, rows: Sequence[_RowBuild], frags: Sequence[tc.Fragment], pos: int, level: str | None
) -> bool:
    """An STT number printed mid-row (the cell centred vertically): the row opened, without a number,
    on one of the two lines just above, and nothing on this line opens a new item."""
    if level is not None or not rows or rows[-1].section is not None or rows[-1].first < 0:
        return False
    cur = rows[-1]
    stt = model.roles.index("stt") if "stt" in model.roles else -1
    if stt < 0 or stt in cur.cols or pos - cur.first > 2:
        return False
    if not any(f.col == stt and stt_digits(f.text) for f in frags):
        return False
    if any(model.roles[f.col] in tc.CONTENT and tc._LABEL.match(tc._start_key(f.text)) for f in frags):
        return False
    # a row's top line opens its cells in capitals, its content in a word (`Ss E a8` is grain beside
    # the number, the capitals after it the row's further lines)
    content = next((f.text for f in frags if model.roles[f.col] in tc.CONTENT), "")
    return not (_opens_cells(model, frags) and _worded(content))


def _opens_cells(model: tc.Model, frags: Sequence[tc.Fragment]) -> bool:
    """Top-aligned cells open on the row's first line: the content cell and two more start with a capital."""
    content = [f for f in frags if model.roles[f.col] in tc.CONTENT]
    capital = [f for f in frags if _first_word(f.text)[:1].isupper() and model.roles[f.col] not in tc.CONTENT]
    return bool(content) and _first_word(content[0].text)[:1].isupper() and len(capital) >= 2


CENTRED_REACH = 2  # lines: a row's number printed at most this far below its first line


def _claim_opening(
    model: tc.Model,
    rows: list[_RowBuild],
    frags: Sequence[tc.Fragment],
    data_pos: dict[int, int],
    loose: list[tuple[int, list[tc.Fragment]]],
) -> None:
    """A row just opened at its number whose content goes on in lower case (`2_ |thực hiện nhiệm
    vụ…`): the number was printed on the row's middle line (a vertically centred cell), so the row
    began on a line above, which the row before took as its own (or, under a section row, no row
    took: `loose`). That line is the last one within CENTRED_REACH lines above whose content opens
    in a capital (`Tổng hợp, báo cáo…`), else the line just above when OCR garbled its opening, never
    the first line of the row before; it and the lines after it move to the new row."""
    leaf = _leaf_role(model.roles)
    content = next((f for f in frags if model.roles[f.col] == leaf), None)
    if content is None or not _goes_on(content.text):
        return
    prev, new = (rows[-2] if len(rows) >= 2 else None), rows[-1]
    if prev is not None and prev.section is None:
        above, keep = prev.by_line, 1
    else:
        above, keep = loose, 0
    reach = range(len(above) - 1, max(keep, len(above) - CENTRED_REACH) - 1, -1)
    openings = {m: next((f.text for f in above[m][1] if f.col == content.col), None) for m in reach}
    top = next((m for m in reach if (text := openings[m]) is not None and _opens_item(text)), None)
    if top is None and reach and (text := openings[reach[0]]) is not None and not _goes_on(text):
        # none opens in a capital: the top line is the one just above, its opening OCR garbled past
        # reading (`- Ä tt biếng - sáng…`); a line going on in lower case is the row before's
        top = reach[0]
    if top is None:
        return
    moved = above[top:]
    if above is loose:
        del loose[top:]
    elif prev is not None:
        prev.rebuild(above[:top])
    new.rebuild(moved)
    new.line, new.first = moved[0][0] + 1, data_pos[moved[0][0]]


LOOSE_WORDS = 0.7  # share of a loose line's content tokens that are words, for it to open a row (not specks)


def _loose_row(model: tc.Model, rows: list[_RowBuild], loose: list[tuple[int, list[tc.Fragment]]], at: int) -> None:
    """Lines under a section row that no row took (its first row's number OCR lost), kept as a row
    of their own from the first whose content cell opens an item in words, its first token a
    capitalised word and its first words a phrase by the language model (`Theo dõi tình hình…`, not
    `a i ) Lò ở Ở`); the lines above that stay debris (a column-number row, specks). Put at `at`."""
    if at == 0 or rows[at - 1].section is None:
        return  # lines above the table's first row and section row: debris of the header
    for m, (_, frags) in enumerate(loose):
        content = next((f.text for f in frags if model.roles[f.col] in tc.CONTENT), "")
        toks = content.split()
        clean = bool(toks) and toks[0][:1].isupper() and len(_letter_words(content)) >= max(3, LOOSE_WORDS * len(toks))
        # a phrase, not syllables OCR made of grain (`Đô Ở cổ tổ`): one of its first pairs bonds
        phrase = any(tc.lift(a, b, model.marked) > tc.BOND_FREE for a, b in itertools.pairwise(toks[:5]))
        if clean and phrase and _opens_item(content) and _worded(content):
            rb = _RowBuild(loose[m][0] + 1)
            rb.rebuild(loose[m:])
            rows.insert(at, rb)
            return


def _room_before(model: tc.Model, rows: Sequence[_RowBuild], frags: Sequence[tc.Fragment]) -> bool:
    """Does the count leave room for one row before the row opening with `frags`, the first under a
    section row? Its number is 2 (counted per section) or two past the last number above."""
    stt = model.roles.index("stt") if "stt" in model.roles else -1
    text = next((stt_digits(f.text) for f in frags if f.col == stt), "")
    if not text or len(rows) < 2 or rows[-2].section is None:
        return False
    last = next((v for rb in reversed(rows[:-1]) if rb.section is None and (v := _stt_value(model, rb))), None)
    return int(text) == 2 or (last is not None and int(text) == last + 2)


def _leaf_role(roles: Sequence[str]) -> str | None:
    """The lowest content role among the columns (activity, else task, else objective): a row's own item."""
    return next((r for r in reversed(tc.CONTENT) if r in roles), None)


def _debris_to_stt(model: tc.Model, rows: Sequence[_RowBuild]) -> None:
    """STT debris before a row's content (`_stt_debris`) moves to the STT cell the row lacks (kept,
    not read as a number)."""
    if "stt" not in model.roles:
        return
    stt = model.roles.index("stt")
    for rb in rows:
        if rb.section is not None or stt in rb.cols:
            continue
        first = next((c for c in sorted(rb.cols) if model.roles[c] in tc.CONTENT), None)
        if first is None:
            continue
        frag = rb.cols[first][0]
        words = frag.text.split(maxsplit=1)
        if _stt_debris(words):
            rb.cols[stt] = [tc.Fragment(stt, words[0], frag.prob)]
            rb.lines.setdefault(stt, rb.lines.get(first, rb.line))
            rb.cols[first][0] = tc.Fragment(frag.col, words[1], frag.prob)


def _stt_debris(words: Sequence[str]) -> bool:
    """One glyph, no capital, before a capitalised word (`z Số hóa…`, `„ Bồi dưỡng…`): what OCR made
    of an STT number."""
    return len(words) >= 2 and len(words[0]) == 1 and not words[0].isupper() and words[1][:1].isupper()


def _goes_on(text: str) -> bool:
    """Does a cell's text go on from the cell above? It opens in lower case, past STT debris."""
    words = text.split()
    if _stt_debris(words):
        words = words[1:]
    return bool(words) and words[0][:1].islower()


def _first_word(text: str) -> str:
    """The first word of two or more letters (OCR debris where an STT was is skipped)."""
    return next((w for w in text.split() if sum(ch.isalpha() for ch in w) >= 2), "")


def _signature_from(lines: Sequence[str], start: int) -> int | None:
    """The first line from `start` on that opens the signature block (`Nơi nhận:`, `TM.`): the table ends there."""
    return next((i for i in range(start, len(lines)) if _SIGNATURE.match(fold(lines[i]))), None)


def find_table(lines: Sequence[str]) -> tuple[int, int, list[tc.HeaderBlock]] | None:
    """(first line, end line, header blocks inside) of the plan table, or None without a header block."""
    blocks = tc.header_blocks(lines)
    followed = [b for b in blocks if _rows_follow(lines, b)]
    candidates = [b for b in blocks if _table_header(lines, b) or b in followed]
    if not candidates:
        return None
    # the table's header names most of its columns; prose that mentions a few column words names fewer
    strongest = max(len(b.roles) for b in candidates)
    named = [b for b in candidates if len(b.roles) >= max(min(4, strongest), 0.5 * strongest) or b in followed]

    def end_of(b: tc.HeaderBlock) -> int:
        sig = _signature_from(lines, b.end)
        return len(lines) if sig is None else sig

    # a plan's body sentence names the columns too ("Các nhiệm vụ cụ thể, kết quả đầu ra, cơ quan
    # chủ trì… được nêu tại Phụ lục"): rows follow the table's header, not that sentence, though
    # the prose after it may read as a row line (`báo cáo kết quả về Sở Nội vụ`). A sentence is one
    # line, or wraps without naming STT or numbering columns: a header that does, or that rows
    # follow at once, is preferred.
    def rows_below(b: tc.HeaderBlock) -> bool:
        return any(_row_line(lines[i]) for i in range(b.end, end_of(b)))

    def strong(b: tc.HeaderBlock) -> bool:
        filled = sum(1 for i in range(b.start, b.end) if lines[i].strip())
        numbered = any(tc.column_numbers(lines[i]) for i in range(b.start, b.end))
        return b in followed or "stt" in b.roles or filled >= 2 or numbered

    start = next((b for b in named if strong(b) and rows_below(b)), next((b for b in named if rows_below(b)), named[0]))
    end = end_of(start)
    # the header printed again on a later page names mostly the same roles, or reads as a table's
    # header itself (OCR garbles each print of it differently)
    want = set(start.roles)
    inside = [
        b for b in blocks
        if b.start >= start.start and b.end <= end
        and (len(want & set(b.roles)) >= min(3, len(want)) or b in candidates)
    ]  # fmt: skip
    # the header OCR garbled on the first page, read on a later one: the table still begins at the first
    # section row under its appendix title
    return _first_section_below_title(lines, start.start), end, inside


def _table_header(lines: Sequence[str], b: tc.HeaderBlock) -> bool:
    """A header block that heads the plan table, not prose naming a few column words.

    It names four roles, a content column or STT among them (OCR loses either, so five roles
    without them do too), over two lines or more (a one-line header: with STT); or three
    roles with both a content column and STT, or above a column-number row.
    """
    roles = set(b.roles)
    anchor = bool(roles & set(tc.CONTENT)) or "stt" in roles
    lines_n = b.end - b.start
    numbered = any(tc.column_numbers(lines[i]) for i in range(b.start, b.end))
    if len(roles) >= 4 and (anchor or len(roles) >= 5) and (lines_n >= 2 or "stt" in roles or numbered):
        return True
    return len(roles) >= 3 and lines_n >= 2 and (("stt" in roles and bool(roles & set(tc.CONTENT))) or numbered)


ROWS_REACH = 8  # non-empty lines below a header block where its first rows are looked for


def _rows_follow(lines: Sequence[str], b: tc.HeaderBlock) -> bool:
    """A header block OCR garbled so that it names neither STT nor a content column (`Hình thức sản
    Thời gian thực Cơ quan chủ trì` under `Kinh phí`) still heads the table when rows follow it:
    three roles or more, and the next lines read as a table's (most open a cell of some kind or are
    section rows, two or more open cells of two kinds). Prose after a sentence naming the columns
    mentions an agency or a plan here and there, not on most lines. A narrow table (content, lead
    and partners only) opens one kind of cell a line: there, a content title and rows that open
    with numbers counting up (`2 Rà soát …`, `3 Kiểm tra …`) show it."""
    if len(b.roles) < 3:
        return False
    below = [ln for ln in lines[b.end : b.end + 3 * ROWS_REACH] if ln.strip() and _table_text(ln)][:ROWS_REACH]
    if set(b.roles) & set(tc.CONTENT) and _counts_up(list(enumerate(below))):
        return True
    kinds = [len(tc.cell_kinds(ln)) for ln in below]
    table = sum(1 for k, ln in zip(kinds, below, strict=True) if k or _area_heading(ln))  # section rows too
    return sum(1 for k in kinds if k >= 2) >= 2 and table > 0.6 * ROWS_REACH


def has_table(lines: Sequence[str]) -> bool:
    """A cheap test first (two cue words on a line), then the header-block search."""
    hw = tc.header_words()
    starts = {cue[0] for _, cue in hw.cues}
    cues = any(sum(1 for w in key(ln).split() if w in starts) >= 2 for ln in lines[:200_000])
    if cues and find_table(lines) is not None:
        return True
    # a table whose header OCR lost
    return find_body(lines) is not None or find_appendix(lines) is not None


def _complete(roles: list[str]) -> list[str]:
    """Columns every plan table has but whose titles OCR lost: a content column (after STT), a lead beside partners."""
    out = list(roles)
    if not any(r in tc.CONTENT for r in out):
        out.insert(1 if out[:1] == ["stt"] else 0, "activity")
    if "partners" in out and "lead" not in out:
        out.insert(out.index("partners"), "lead")
    return out


MIN_BODY_ROWS = 3  # a table found without a header needs this many numbered rows that read as table rows
MAX_ROW_LINE = 200  # characters: an OCR'd line of a table row is shorter (a page is about 150 wide)


def find_body(lines: Sequence[str]) -> tuple[int, int] | None:
    """(first line, end line) of a plan table whose header OCR lost or never printed, or None.

    Its rows are numbered down the lines (`1`, `2`, `3`…, again from 1 after a section title)
    and read as table rows, not prose: on a row's lines the cells of two kinds open side by
    side after the content (a deadline, an output noun, an agency name). Prose numbered `1.`,
    `2.` has no such lines.
    """
    sig = _signature_from(lines, 0)
    rows: list[int] = []
    last = 0
    for i, ln in enumerate(lines):
        toks = tc.tokens(ln)
        n = stt_digits(toks[0].text) if toks else ""
        if not n:
            continue
        v = int(n)
        if not (last < v <= last + 3 or (v == 1 and last >= 1)):
            continue
        if len(ln) > MAX_ROW_LINE:
            continue  # a paragraph on one line (a text export), not a line of a table
        own = tc.cell_kinds(ln)
        kinds = set(own)
        for ln2 in lines[max(0, i - 1) : i + 3]:
            kinds |= tc.cell_kinds(ln2) if len(ln2) <= MAX_ROW_LINE else set()
        if len(kinds) >= 2 and (own or len(kinds) >= 3):  # cells of two kinds side by side about the row's line
            rows.append(i)
            last = v
    # numbered prose above the appendix title (`I. NHIỆM VỤ TRỌNG TÂM` naming agencies and plans) is not
    # the table, unless as many rows as make one stand there
    title = next((i for i in range(rows[0], rows[-1]) if _appendix_title(lines[i])), None) if rows else None
    if title is not None and sum(1 for r in rows if r < title) < MIN_BODY_ROWS:
        rows = [r for r in rows if r > title]
    if len(rows) < MIN_BODY_ROWS:
        found = _sectioned_body(lines)
        return None if found is None else (_first_section_below_title(lines, found[0]), found[1])
    first = rows[0]
    for back in range(1, 9):  # a section title (and a first row too damaged to count) above belongs to the table
        k = first - back
        if k > (title if title is not None else -1) and _section_line(lines[k]):
            first = k
            break
    first = _first_section_below_title(lines, first)
    if sig is not None and sig < first:
        sig = _signature_from(lines, rows[-1])
    return first, sig if sig is not None and sig > rows[-1] else len(lines)


SECTION_REACH = 4  # lines: a section title of a table has a row line this close below it


def _row_line(line: str, dated: bool = False) -> bool:
    """A line of a table's row: cells of two kinds open side by side on it (`text_columns.cell_kinds`), one of
    them a deadline when `dated`. Prose names agencies and plans mid-sentence too (`cho UBND tỉnh
    ban hành Kế hoạch`) but writes its time words in lower case (`trong quý II`). OCR text has no
    tabs; a line with tabs is a text export's table row, another loader's."""
    if not _table_text(line):
        return False
    kinds = tc.cell_kinds(line)
    return len(kinds) >= 2 and (not dated or "deadline" in kinds)


def _table_text(line: str) -> bool:
    """Short enough for a line of a table, and no tabs (a text export's row: another loader's)."""
    return len(line) <= MAX_ROW_LINE and "\t" not in line


def _area_heading(line: str) -> bool:
    """A line that is a reform area's title (`I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH`, however its numeral was read)."""
    if not _table_text(line):
        return False
    found = _section_line(line)
    return found is not None and area_of_title(found[1]) is not None


def _sectioned_body(lines: Sequence[str]) -> tuple[int, int] | None:
    """(first line, end line) of a table that OCR left neither its header nor its STT numbers:
    two reform-area titles or more, each with a row line (`_row_line`) within SECTION_REACH lines
    below it, and from the first of them on MIN_BODY_ROWS row lines that open a deadline cell.
    A prose plan names its areas too, but its paragraphs open no deadline cells."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    titles = {i for i in filled if _area_heading(lines[i])}
    heads: list[int] = []
    for k, i in enumerate(filled):
        if i not in titles:
            continue
        below = itertools.takewhile(lambda j: j not in titles, filled[k + 1 : k + 1 + SECTION_REACH])
        if any(_row_line(lines[j]) for j in below):
            heads.append(i)
    if len(heads) < 2:
        return None
    rows = [i for i in filled if i > heads[0] and _row_line(lines[i], dated=True)]
    if len(rows) < MIN_BODY_ROWS:
        return None
    end = _signature_from(lines, rows[-1])
    return heads[0], end if end is not None else len(lines)


APPENDIX_REACH = 12  # non-empty lines from an appendix title to its table's first row line
APPENDIX_SCAN = 80  # non-empty lines below an appendix title where its table's dated rows are looked for
TITLE_LINES = 4  # lines of an appendix's title under its `PHỤ LỤC` line (the name, `(Kèm theo Kế hoạch số …)`)


def _appendix_title(line: str) -> bool:
    """`PHỤ LỤC`, `Phụ lục II`, `PHỤ LỤC: NHIỆM VỤ …` opening a line: the words in capitals, or with
    no more than a numeral after them (prose wraps `… được nêu tại` / `Phụ lục kèm theo Kế hoạch`)."""
    words = key(line).split()
    for title in vocabulary().appendix_titles:
        if tuple(words[: len(title)]) != title:
            continue
        printed = line.split()
        if tc.capitals(" ".join(printed[: len(title)]), 0.9, 4) or len(words) <= len(title) + 1:
            return True
    return False


def _title_end(lines: Sequence[str], i: int) -> int:
    """The line after an appendix title's block: its name in capitals, `(Kèm theo …)` however it wrapped."""
    k, n, taken = i + 1, len(lines), 0
    in_brackets = False
    while k < n and taken < TITLE_LINES:
        ln = lines[k]
        if not ln.strip():
            k += 1
            continue
        if in_brackets or ln.lstrip().startswith("("):
            in_brackets = ")" not in ln
        elif not _mostly_upper(ln) or _numbered_section(ln):
            break  # a section row (`I. CẢI CÁCH …`) opens the table
        k += 1
        taken += 1
    return k


def _numbered_section(line: str) -> bool:
    found = _section_line(line)
    return found is not None and bool(found[0])


APPENDIX_ABOVE = 80  # lines above a table's first row where its appendix title is looked for (a page of OCR'd text)


def _first_section_below_title(lines: Sequence[str], first: int) -> int:
    """`first`, or the first section row or row line (cells of two kinds) between the appendix title
    above it and `first`: rows OCR damaged past counting (no STT read) stand there, and belong to
    the table."""
    title = next((i for i in range(first - 1, max(-1, first - APPENDIX_ABOVE), -1) if _appendix_title(lines[i])), None)
    if title is None:
        return first
    below = range(_title_end(lines, title), first)
    return next((j for j in below if _area_heading(lines[j]) or _row_line(lines[j])), first)


def find_appendix(lines: Sequence[str]) -> tuple[int, int, list[tc.HeaderBlock]] | None:
    """(first line, end line, header blocks inside) of the table under an appendix title, or None.

    The fallback when OCR left neither a header that reads as one nor STT numbers in sequence (a
    noisy scan): a plan's table is its appendix, and its rows follow the title within
    APPENDIX_REACH lines, MIN_BODY_ROWS of them lines where a deadline cell opens beside a cell of
    another kind, or numbered rows of a narrow table that names agencies only (`_narrow_rows`). An
    appendix of prose (a list of documents `Quyết định số … của UBND tỉnh`) names
    agencies and plans, but opens no deadline cells. The header blocks inside, what
    is left of the header OCR garbled (three roles, `TT Đơn vị phối hợp … kinh phí`), are not
    rows, and order the columns as far as they go.
    """
    for i, ln in enumerate(lines):
        if not _table_text(ln) or not _appendix_title(ln):
            continue
        start = _title_end(lines, i)
        filled = [j for j in range(start, len(lines)) if lines[j].strip()]
        first_row = next((j for j in filled[:APPENDIX_REACH] if _row_line(lines[j]) or _named_row(lines[j])), None)
        if first_row is None:
            continue
        # what stands between the title and a first section row above the rows is the header's remains
        start = next((j for j in filled if j < first_row and _area_heading(lines[j])), start)
        sig = _signature_from(lines, start)
        end = len(lines) if sig is None else sig
        scan = [j for j in filled[:APPENDIX_SCAN] if j < end]
        dated = (j for j in scan if _row_line(lines[j], dated=True))
        if sum(1 for _ in itertools.islice(dated, MIN_BODY_ROWS)) < MIN_BODY_ROWS and not _narrow_rows(lines, scan):
            continue  # a list of documents names agencies and plans too, but opens no deadline cells
        blocks = [b for b in tc.header_blocks(lines) if start <= b.start and b.end <= end]
        return start, end, blocks
    return None


def _named_row(line: str) -> bool:
    """A narrow table's row line (content, lead, partners: no deadline, no output): it opens with an
    STT number, then the content, and an agency's cell opens after a word of it (`2 Khảo sát … Sở
    Nội vụ UBND cấp huyện`). A numbered item that opens with the agency (`1. Sở Nội vụ: chủ trì…`)
    or names one in its sentence (`… do UBND tỉnh ban hành`) is prose."""
    texts = [t.text for t in tc.tokens(line)]
    if not _table_text(line) or not texts or not stt_digits(texts[0]):
        return False
    return any(
        kind == "agency" and i >= 2 and not tc.name_not_a_cell(texts[i - 1], texts[i]) for i, kind in tc.kinds_at(texts)
    )


def _narrow_rows(lines: Sequence[str], scan: Sequence[int]) -> bool:
    """Rows of a narrow table under an appendix title, whose lines open no deadline cell: MIN_BODY_ROWS
    numbered row lines whose numbers count up (`_named_row`), and a reform area's title among them
    (a section row). Prose numbers its paragraphs too, but opens them with the agency, or names it
    in the sentence."""
    named = [(j, lines[j]) for j in scan if _named_row(lines[j])]
    if len(named) < MIN_BODY_ROWS or not _counts_up(named):
        return False
    return any(_area_heading(lines[j]) for j in scan)


def rebuild_table(lines: Sequence[str]) -> tuple[int, int, Table] | None:
    """(first line index, end index, table) of the OCR'd plan table, or None when there is none."""
    found = rebuild(lines)
    return None if found is None else (found.first, found.end, found.table)


@dataclass(slots=True)
class Rebuilt:
    """A rebuilt table and the lines it came from (its `guessed_columns`: titles named from content)."""

    first: int
    end: int
    table: Table
    roles: tuple[str, ...] = ()  # each column's role, as the header and the body gave them


def rebuild(lines: Sequence[str]) -> Rebuilt | None:
    """The OCR'd plan table rebuilt (with notes), or None when there is none."""
    found = find_table(lines)
    if found is None:
        body_at = find_body(lines)
        found = (*body_at, []) if body_at is not None else find_appendix(lines)
        if found is None:
            return None
    first, end, blocks = found
    header_lines = [ln for b in blocks for ln in lines[b.start : b.end]]
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
    read: set[str] = set()  # roles whose titles the header block printed legibly
    if header_lines:
        orders = tc.header_orders(header_lines)
        read = {r for o in orders for r in o}
        roles = choose_order([_complete(o) for o in orders], body)
    else:
        roles = ["stt", "task" if _labels(body, "task") > _labels(body, "activity") else "activity"]
    roles = add_body_roles(roles, body, tc.header_gaps(header_lines) if header_lines else frozenset())
    model, segmented = segment_body(roles, body)
    table = _assemble(model, data, sections, segmented)
    table.guessed_columns = tuple(c for c, r in enumerate(model.roles) if r not in read)
    return Rebuilt(first, end, table, tuple(model.roles))


def _labels(body: Sequence[tuple[int, str]], role: str) -> int:
    """Lines of the body that open with an item label of `role` (`Nhiệm vụ 2:`, `1.2. Hoạt động 1:`)."""
    return sum(1 for _, ln in body if _ROW_LABEL[role].match(fold(ln)))


ORDER_SAMPLE = 40  # body lines that score a candidate column order
SWAP_COST = 0.04  # per sampled line, for each pair of columns ordered against the header's likeliest order


def choose_order(
    orders: Sequence[list[str]], body: Sequence[tuple[int, str]], swap_cost: float = SWAP_COST
) -> list[str]:
    """The column order under which the body's lines segment best (summed Viterbi scores).

    The header block orders only pieces printed on one line; where it leaves the order open,
    what the body's fragments look like (agency names, deadlines, output nouns, amounts) decides.
    Ties keep the header's likeliest order (the first).
    """
    unique: list[list[str]] = []
    for o in orders:
        if o not in unique:
            unique.append(o)
    if len(unique) <= 1 or not body:
        return unique[0] if unique else []
    step = max(1, len(body) // ORDER_SAMPLE)
    sample = [ln for _, ln in body[::step]][:ORDER_SAMPLE]
    best, best_score = unique[0], -math.inf
    likeliest = {r: k for k, r in enumerate(unique[0])}
    for roles in unique:
        model = tc.initial_model(roles, sample)
        # each pair put against the header's likeliest order costs a little: the body must show it
        swaps = sum(
            1
            for a, b in itertools.combinations(roles, 2)
            if a in likeliest and b in likeliest and likeliest[a] > likeliest[b]
        )
        total = -swap_cost * len(sample) * swaps
        prev: dict[int, str] = {}
        for ln in sample:
            toks = tc.tokens(ln)
            if toks and _opens_row(roles, toks[0].text, ln):
                prev = {}
            frags, score = tc.segment_line_scored(model, toks, prev)
            total += score
            prev = {f.col: f.text for f in frags}
        if total > best_score + 1e-9:
            best, best_score = roles, total
    return best


def _line_kinds(line: str) -> tuple[set[str], int]:
    """The kinds of cell that open on a body line after its first word, and how many agency names
    open on it not listed after another (`Sở Nội vụ Sở Tài chính; Sở Tư pháp`: two, a column each).

    Kinds: a deadline phrase (`Quý II/2025`, `Trước ngày`), an output noun (`Báo cáo`), an agency
    name (`Sở Nội vụ`), each capitalised as a cell opens; `agencies`, two names; an amount ending
    the line (a budget); and `rows`, the line opens with an STT number.
    """
    texts = [t.text for t in tc.tokens(line)]
    found: set[str] = set()
    if not texts:
        return found, 0
    if stt_digits(texts[0]):
        found.add("rows")
    if len(texts) >= 3 and tc._AMOUNT.match(texts[-1]):
        found.add("budget")
    names = 0
    for i, kind in tc.kinds_at(texts):
        before = texts[i - 1]
        if kind == "agency":
            if tc.name_not_a_cell(before, texts[i]):
                continue  # `do UBND tỉnh ban hành`: the content's sentence names it; `Văn phòng UBND tỉnh`: one name
            if not before.endswith((",", ";")):
                names += 1
                if names >= 2:
                    found.add("agencies")  # a second name, not listed after the first: another column
        elif kind == "deadline" and opens_with_event(" ".join(texts[i : i + 6])):
            continue  # `Theo chỉ đạo`, `Lồng ghép`: a notes or content cell's words as often as a deadline's
        found.add(kind)
    if any(len(texts) > k and texts[-k][:1].isupper() and wrapped_opening(" ".join(texts[-k:])) for k in (1, 2)):
        found.add("deadline")  # `… Sở Tài chính Tháng` / `12/2025`: a narrow column wrapped its phrase
    return found, names


ROW_CHUNK = 4  # body lines taken as one row where STT numbers do not mark rows


def row_evidence(body: Sequence[tuple[int, str]]) -> tuple[int, dict[str, int]]:
    """(rows, how many rows show each kind of cell somewhere on their lines).

    A column shows once per row, on whichever of the row's lines its cell opens: counting lines
    would make a table of tall rows (five lines each) look as if a column were missing. Rows are
    cut at lines that open with an STT number; a body with fewer than three such lines is cut
    every `ROW_CHUNK` lines.
    """
    return _rows_shown([_line_kinds(ln) for _, ln in body])


def _rows_shown(lines: Sequence[tuple[set[str], int]]) -> tuple[int, dict[str, int]]:
    """`row_evidence` from each body line's `_line_kinds`."""
    kinds = [found for found, _ in lines]
    starts = [k for k, found in enumerate(kinds) if "rows" in found]
    if len(starts) < 3:
        starts = list(range(0, len(lines), ROW_CHUNK))
    cuts = sorted({0, *starts, len(lines)})
    counts = dict.fromkeys(("deadline", "outputs", "agency", "agencies", "budget"), 0)
    for a, b in itertools.pairwise(cuts):
        shown = set().union(*kinds[a:b])
        if sum(names for _, names in lines[a:b]) >= 2:
            shown.add("agencies")  # the lead's name on one line, the partners' on another (a centred cell)
        for kind in counts:
            counts[kind] += kind in shown
    return len(cuts) - 1, counts


# the share of rows that must show a kind of cell for the body to add a column the header lost: the
# content column itself opens an output noun or an agency name mid-line in about one row of twenty
# (`Ban hành Kế hoạch`, `do UBND tỉnh ban hành`), a deadline phrase or an amount at a line's end
# hardly ever. Checked both ways on the `omit` bench set, whose tables leave columns out: of the
# roles their headers did not read, shares of 0.25-0.45 add as few columns never printed as they
# miss printed ones (samples/ocrtext/README.md)
BODY_SHARE = {"lead": 0.5, "partners": 0.3, "deadline": 0.25, "outputs": 0.3, "budget": 0.15}
_BODY_KIND = {
    "lead": "agency",
    "partners": "agencies",
    "deadline": "deadline",
    "outputs": "outputs",
    "budget": "budget",
}


def add_body_roles(
    roles: list[str], body: Sequence[tuple[int, str]], gaps: Collection[tc.Gap] = frozenset()
) -> list[str]:
    """The header's roles plus the columns OCR lost from it but the body shows (deadlines, outputs,
    agencies, amounts on enough rows), each put where the body segments best: among the header's
    `gaps` (where it shows a title it could not read) when one is between known columns."""
    lines = [_line_kinds(ln) for _, ln in body]  # (each line's kinds read once, for the rows and the STT)
    n_rows, shown = _rows_shown(lines)
    numbered = sum(1 for found, _ in lines if "rows" in found)
    want = [
        role
        for role, share in BODY_SHARE.items()
        if shown[_BODY_KIND[role]] >= max(2, share * n_rows)
        and role not in roles
        and not (role == "lead" and "partners" in roles)
    ]
    if "partners" in want and "lead" not in roles and "lead" not in want:
        want.remove("partners")
    out = list(roles)
    if "stt" not in out and numbered >= 3 and (numbered >= 0.15 * len(body) or _counts_up(body)):
        out.insert(0, "stt")  # rows open with a number: the STT column's title was lost
    first = next((k + 1 for k, r in enumerate(out) if r in tc.CONTENT), 1 if out[:1] == ["stt"] else 0)
    groups = [[r] for r in want]
    if "lead" in want and "partners" in want:  # two agency columns look alike: lead first, side by side
        groups = [["lead", "partners"] if r == "lead" else [r] for r in want if r != "partners"]
    if first == len(out):  # nothing beside the content is known (no header): every order of what the body shows
        # (the two agency columns look alike: the lead's comes first, not always right beside the partners')
        orders = [
            out + list(perm)
            for perm in itertools.permutations(want)
            if "partners" not in perm or perm.index("lead") < perm.index("partners")
        ]
        return choose_order(orders, body, 0.0) if orders else out
    for group in groups:  # else each lost column where the body segments best beside the known ones
        out = choose_order(
            [[*out[:at], *group, *out[at:]] for at in lost_column_places(out, group, first, gaps)], body, 0.0
        )
    return out


def _counts_up(body: Sequence[tuple[int, str]]) -> bool:
    """The numbers that open body lines go up as a count does (`1, 4, 7, 10`: OCR lost the others;
    `3, 1, 2`: a section starts again), two steps in three at least: tall rows number few lines,
    but no other column opens lines with numbers that count."""
    numbers = [int(d) for _, ln in body if (toks := tc.tokens(ln)) and (d := stt_digits(toks[0].text))]
    steps = list(itertools.pairwise(numbers))
    return len(numbers) >= 3 and sum(1 for a, b in steps if b > a or b == 1) >= 2 / 3 * len(steps)


def lost_column_places(roles: Sequence[str], group: Sequence[str], first: int, gaps: Collection[tc.Gap]) -> list[int]:
    """Where a column the header lost may go among `roles` (indexes to insert at, from `first`, the
    place after the content): into a gap the header left (`header_gaps`) if there is one; a budget
    the body showed by amounts that end its lines, last; the partners after the lead; else anywhere;
    always before notes (`Ghi chú` closes the table)."""
    last = len(roles) - 1 if roles[-1:] == ["notes"] else len(roles)
    if list(group) == ["budget"]:
        return [last]
    if group[0] == "partners" and "lead" in roles:  # the partners' column follows the lead's (not always beside it)
        first = max(first, roles.index("lead") + 1)
    places = range(min(first, last), last + 1)
    in_gap = [at for at in places if (roles[at - 1], roles[at] if at < len(roles) else None) in gaps]
    return in_gap or list(places)


def segment_body(roles: list[str], body: Sequence[tuple[int, str]]) -> tuple[tc.Model, dict[int, list[tc.Fragment]]]:
    """Every body line split into column fragments; three passes, the widths re-learned after each."""
    model = tc.initial_model(roles, [ln for _, ln in body])
    segmented: dict[int, list[tc.Fragment]] = {}
    for _ in range(3):
        segmented = {}
        prev: dict[int, str] = {}
        earlier: dict[int, str] = {}
        for i, ln in body:
            toks = tc.tokens(ln)
            if toks and _opens_row(roles, toks[0].text, ln) and not _centred(toks):
                prev, earlier = {}, {}  # every cell starts afresh on a row's first line
            elif _opens_item(ln):
                earlier = {}  # the top line of a row numbered lower down, maybe: the row above is no context
            frags = tc.segment_line(model, toks, prev, earlier)
            segmented[i] = frags
            # each cell's last line so far in the row: a cell's line that OCR put a line lower than
            # its neighbours' (`Phương án sắp` / a line of another cell / `xếp tài sản công`) goes on from it
            earlier = {**earlier, **prev}
            prev = {f.col: f.text for f in frags}
        model = tc.learn_widths(model, list(segmented.values()))
    return model, segmented


def _centred(toks: Sequence[tc.Token]) -> bool:
    """The row's number goes on in lower case (`1 nghiệp công lập`): printed mid-row, on a cell's
    further line (a vertically centred STT cell); the cells above it are this row's."""
    return len(toks) >= 2 and bool(stt_digits(toks[0].text)) and toks[1].text[:1].islower()


def _opens_row(roles: Sequence[str], first: str, line: str) -> bool:
    """The line starts a row: an STT number first (in a table with an STT column) or an item label."""
    if "stt" in roles and stt_digits(first):
        return True
    return any(_ROW_LABEL[r].match(fold(line)) for r in tc.CONTENT if r in roles)


def _assemble(
    model: tc.Model,
    data: Sequence[tuple[int, str]],
    sections: dict[int, tuple[str, str, int]],
    segmented: dict[int, list[tc.Fragment]],
) -> Table:
    k = len(model.roles)
    level = _leaf_role(model.roles)
    # rows marked by item labels (`Nhiệm vụ 2:`) only where labels are printed: a table whose STT
    # title OCR lost has none, and would otherwise give no row
    level = level if _labels_used(model, segmented, level) else None
    unnumbered = level is None and _unnumbered(model, segmented)
    rows: list[_RowBuild] = []
    loose: list[tuple[int, list[tc.Fragment]]] = []  # lines since a section row that no row took yet
    data_pos = {i: k for k, (i, _) in enumerate(data)}
    for i, line in data:
        if i in sections:
            numeral, _, n_lines = sections[i]
            # each line's first word (`V_` of `V_|XÂY DỰNG`: the rule is no part of it)
            firsts = [_first_token(ln) for _, ln in data[data_pos[i] : data_pos[i] + n_lines]]
            inferred = all(_not_as_printed(numeral, first) for first in firsts)  # any line: a centred cell
            _loose_row(model, rows, loose, len(rows))
            rows.append(_RowBuild(i + 1, section=sections[i][:2], inferred=inferred))
            loose = []
            continue
        if i not in segmented:
            continue  # a wrapped section title's further line
        frags = segmented[i]
        if _is_row_start(model, frags, level, unnumbered) and not _centred_number(
            model, rows, frags, data_pos[i], level
        ):
            if _too_few_words(line):
                continue  # `1 75 ốc 5L [L .Ố E5.`: grain and a stray figure open no row (nor restart a count)
            rows.append(_RowBuild(i + 1))
            rows[-1].first = data_pos[i]
            if level is None:  # rows marked by STT numbers (an item label is printed on its row's top line)
                _claim_opening(model, rows, frags, data_pos, loose)
                if _room_before(model, rows, frags):
                    _loose_row(model, rows, loose, len(rows) - 1)
            loose = []
        elif not rows or rows[-1].section is not None:
            loose.append((i, frags))  # debris before a section's first row (a column-number row), or its top line
            continue
        rows[-1].add(i, frags)
    _loose_row(model, rows, loose, len(rows))
    _stranded_time_words(model, rows)
    _stranded_name_words(model, rows)
    _lost_agency(model, rows, "lead")
    _lost_agency(model, rows, "partners")
    _lower_case_openings(model, rows)
    _debris_to_stt(model, rows)
    _numbered_headings(model, rows)
    _stray_numbers(model, rows)
    if level is None:
        _split_count_gaps(model, rows)
    rows = _restarted_sections(model, rows)
    _number_sections(rows)
    header = Row(cells=[Cell(_title(r), c, line=None) for c, r in enumerate(model.roles)], is_header=True)
    out: list[Row] = [header]
    confs: list[float] = []
    dl = model.roles.index("deadline") if "deadline" in model.roles else -1
    for rb in rows:
        if rb.section is not None:
            number, title = rb.section
            # a numeral the sequence gave is no reading: `original=""` says so (I_SECTION_INFERRED)
            number_cell = Cell(number, 0, line=rb.line, original="" if rb.inferred else None)
            cells = [number_cell, Cell(title, 1 if k > 1 else 0, line=rb.line)]
            cells = cells[: 1 if k == 1 else 2] + [Cell("", c, line=rb.line) for c in range(2, k)]
            out.append(Row(cells=cells, line=rb.line))
            continue
        cells = []
        for c in range(k):
            frags = rb.cols.get(c, [])
            text = read = "\n".join(f.text for f in frags)
            if c == dl:
                text = respell(text)  # the column says these are time words: spell them as the phrases do
                # (quarter numerals OCR misread, `Quý 11` for `Quý II`: plan/quarters.py, for every OCR'd cell)
            elif model.roles[c] in ("lead", "partners"):
                text = respell_agencies(text)  # and these agency names: spell them as the gazetteer does
            elif model.roles[c] in tc.CONTENT:
                text = respell_label(text)
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


def _stranded_time_words(model: tc.Model, rows: Sequence[_RowBuild]) -> None:
    """Time words OCR's layout ran into the neighbouring cell on a line where the deadline cell has
    none, put back (`… là soát g ngày` between `Trước` and `30/11/2025`).

    A deadline cell wraps in a narrow column, and a line's split may give one of its words to the
    cell beside it, whose edge it then closes (left of the deadline column) or opens (right of
    it). Taken from a line inside the deadline cell (its lines above and below; not after lines
    that are a whole deadline with its number already, `Tháng 7/2025`), or from the line right
    above the cell when the cell is no deadline yet (`2026` under `… Quý II năm`); only words
    that name a time (a unit or a number, not `và` alone), and only when the deadline grammar
    then reads the cell whole. Junk marks at the edge go with them.
    """
    if "deadline" not in model.roles:
        return

    def rule(p: int, texts: list[str]) -> _Rule | None:
        held = [q for q, t in enumerate(texts) if t]
        if not held:
            return None
        above = " ".join(t for t in texts[:p] if t)
        inside = held[0] < p < held[-1] and not (is_deadline(above) and YEAR_RE.search(above))
        cell = " ".join(t for t in texts if t)
        opening = p == held[0] - 1 and (is_number_part(cell) or not is_deadline(cell))
        if not (inside or opening):
            return None

        def reads(words: str) -> bool:
            if not any(names_time(w) for w in words.split()):
                return False  # a connector alone (`và`, `đến`) is any sentence's word
            if opening and not (words[:1].isupper() or words[:1].isdigit()):
                return False  # words opening the cell start as a cell does
            return is_deadline(" ".join(t for t in [*texts[:p], words, *texts[p + 1 :]] if t))

        return time_word, reads, MAX_TIME_WORDS

    _put_back(rows, model.roles.index("deadline"), rule)


MAX_NAME_WORDS = 8  # words of the longest agency name (`Trung tâm Phục vụ hành chính công tỉnh` is seven)
NAME_BOND = 0.2  # a word bonding better than this with a name's first word holds it (`của Sở`, `tại Trung`)


def _lost_agency(model: tc.Model, rows: Sequence[_RowBuild], role: str) -> None:
    """A row whose lead (or partners) cell OCR's layout left empty, its whole name at the edge of the
    cell beside it on one line (`Kết luận kiểm tra Sở Tư pháp` | `` | …; `` | `Sở Nội vụ Trung
    tâm…`): the name becomes the cell. Every activity has a lead, and a partners cell that is empty
    beside a whole gazetteer name is a split, not the plan's. A name that the word before it holds
    (`Kế hoạch của UBND tỉnh`: the language model's bond) stays in its phrase, and a content cell
    keeps its words (an activity may end naming whom it is about)."""
    if role not in model.roles:
        return
    col = model.roles.index(role)
    for rb in rows:
        if rb.section is not None or col in rb.cols:
            continue
        by_line = [(i, list(frags)) for i, frags in rb.by_line]
        for p, (i, frags) in enumerate(by_line):
            taken = _name_beside(model, frags, col)
            if taken is not None:
                by_line[p] = (i, taken)
                rb.rebuild(by_line)
                break


_AGENCY_ROLES = frozenset(("lead", "partners"))


def _name_beside(model: tc.Model, frags: list[tc.Fragment], col: int) -> list[tc.Fragment] | None:
    """The line's fragments with a whole gazetteer name closing the cell left of `col` (else opening
    the cell right of it) made `col`'s, or None. Not from a content cell, and never the whole of the
    other agency column's piece (`Công an tỉnh;` alone on a line is that cell's own name)."""
    names = tc.agency_names()
    content = [f for f in frags if model.roles[f.col] in tc.CONTENT]
    visible = [f for f in frags if model.roles[f.col] not in tc.CONTENT]
    for closing in (True, False):
        side = [f for f in visible if (f.col <= col if closing else f.col >= col)]
        rest = [f for f in visible if f not in side]
        beside = [f for f in side if f.col != col]
        near = (beside[-1] if closing else beside[0]) if beside else None
        if near is None:
            continue
        words_near, agency = near.text.split(), model.roles[near.col] in _AGENCY_ROLES

        def whole(
            words: str, closing: bool = closing, words_near: list[str] = words_near, agency: bool = agency
        ) -> bool:
            n = len(words.split())
            if tc.key(words) not in names:
                return False
            if agency and n >= len([w for w in words_near if not is_mark(w)]):
                return False  # the other agency cell's whole piece on this line
            # `Kế hoạch của UBND tỉnh`: a name the word before it holds stays in its phrase
            return not (
                closing
                and len(words_near) > n
                and tc.lift(words_near[-n - 1], words_near[-n], model.marked) > NAME_BOND
            )

        taken = _edge_words(side, col, _worded_word, whole, MAX_NAME_WORDS)
        if taken is not None:
            return sorted([*content, *taken, *rest], key=lambda f: f.col)
    return None


MAX_NAME_END = 3  # words of a name's end that may stray (`Công nghệ`, `hành chính công tỉnh` is four)


def _stranded_name_words(model: tc.Model, rows: Sequence[_RowBuild]) -> None:
    """The end of an agency name OCR's layout gave to the cell beside it, put back (`Văn phòng UBND`
    above, `tỉnh` closing the outputs' fragment on the line below, where the lead cell has none).

    Only on a line below the cell's first one where the cell has nothing, only words at the
    neighbour's edge next to the column, and only when they make the cell's last name a longer
    name of the gazetteer (`Văn phòng UBND tỉnh`, `Sở Khoa học và Công nghệ`).
    """

    def rule(p: int, texts: list[str]) -> _Rule | None:
        above = " ".join(t for t in texts[:p] if t)
        if not above:
            return None
        last = re.split(r"[,;]", above)[-1]

        def completes(words: str) -> bool:
            return len(tc.key(last).split()) >= 2 and tc.key(f"{last} {words}") in tc.agency_names()

        return _worded_word, completes, MAX_NAME_END

    for role in ("lead", "partners"):
        if role in model.roles:
            _put_back(rows, model.roles.index(role), rule)


def _worded_word(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


# what may be taken from a neighbour's edge: (each word fits, the run is accepted, at most so many words)
_Rule = tuple[Callable[[str], bool], Callable[[str], bool], int]


def _put_back(rows: Sequence[_RowBuild], col: int, rule: Callable[[int, list[str]], _Rule | None]) -> None:
    """On each line of a row where column `col` has nothing, words at a neighbour's edge that
    `rule` (given the line and the column's text on every line of the row) lets it take become the
    column's fragment there (`_edge_words`); the row is rebuilt from its lines when any moved."""
    for rb in rows:
        if rb.section is not None or col not in rb.cols:
            continue
        by_line = [(i, list(frags)) for i, frags in rb.by_line]
        moved = False
        for p in range(len(by_line)):
            texts = [" ".join(f.text for f in fs if f.col == col) for _, fs in by_line]
            if texts[p] or (found := rule(p, texts)) is None:
                continue
            taken = _edge_words(by_line[p][1], col, *found)
            if taken is not None:
                by_line[p] = (by_line[p][0], taken)
                moved = True
        if moved:
            rb.rebuild(by_line)


def _edge_words(
    frags: list[tc.Fragment], col: int, fits: Callable[[str], bool], accepts: Callable[[str], bool], most: int
) -> list[tc.Fragment] | None:
    """The line's fragments with words at the edge of a fragment beside column `col` (the last words
    of the one left of it, else the first words of the one right of it) made `col`'s fragment: the
    longest run of at most `most` words that each `fit` and that `accepts` takes whole; junk marks at
    the edge go with them. None when no run is taken."""
    left = [k for k, f in enumerate(frags) if f.col < col]
    right = [k for k, f in enumerate(frags) if f.col > col]
    for k, closing in ((left[-1] if left else None, True), (right[0] if right else None, False)):
        if k is None:
            continue
        words = frags[k].text.split()
        edge = words[::-1] if closing else words  # from the column outwards
        junk = 0
        while junk < len(edge) and is_mark(edge[junk]):
            junk += 1
        run = 0
        while junk + run < len(edge) and run < most and fits(edge[junk + run]):
            run += 1
        for n in range(run, 0, -1):
            taken = edge[junk : junk + n]
            phrase = " ".join(taken[::-1] if closing else taken)
            if accepts(phrase):
                rest = edge[junk + n :]
                out = list(frags)
                out[k : k + 1] = [tc.Fragment(col, phrase, frags[k].prob)]
                if rest:
                    kept = tc.Fragment(frags[k].col, " ".join(rest[::-1] if closing else rest), frags[k].prob)
                    out.insert(k if closing else k + 1, kept)
                return out
    return None


def _lower_case_openings(model: tc.Model, rows: Sequence[_RowBuild]) -> None:
    """A cell that opens in lower case continues the cell above (a merged objective/task cell),
    unless that cell is finished (a full stop, a whole deadline such as `Khi có phát sinh`, a whole
    agency name): then the words stay in their row."""
    for r in range(1, len(rows)):
        above, row = rows[r - 1], rows[r]
        if above.section is not None or row.section is not None:
            continue
        for c, frags in list(row.cols.items()):
            role = model.roles[c]
            if role == "stt" or not _goes_on(frags[0].text) or c not in above.cols:
                continue
            if tc.closed(role, " ".join(f.text for f in above.cols[c])):
                continue
            above.cols[c].extend(frags)
            del row.cols[c]


def _stt_value(model: tc.Model, rb: _RowBuild) -> int | None:
    """The row's STT number as printed (`3`, `3.`), None when OCR left none or debris."""
    stt = model.roles.index("stt") if "stt" in model.roles else -1
    frags = rb.cols.get(stt, [])
    text = stt_digits(frags[0].text) if frags else ""
    return int(text) if text else None


HEADING_UPPER = 0.5  # share of capitals in a heading's letters however OCR garbled it (a sentence: ~0.05)


def _numbered_headings(model: tc.Model, rows: list[_RowBuild]) -> None:
    """Section rows whose title OCR garbled past recognition and whose numeral it read as a digit
    (`1 [CONG TAC caipA0, DIEU HANR i a`): a numbered row of one line with no cell but its STT and
    content, that text mostly capitals or babble (`1 |ehicicn cud sOconeve`: no word a syllable),
    right above a row numbered 1 (the count begins under it). Its numeral is kept where it reads as
    one (`1` for I), else interpretation infers it. Babble right under a section row is dropped."""
    if "stt" not in model.roles:
        return
    stt = model.roles.index("stt")
    grain: set[int] = set()
    for k in range(len(rows) - 1):
        rb, nxt = rows[k], rows[k + 1]
        if rb.section is not None or nxt.section is not None or _stt_value(model, nxt) != 1:
            continue
        number = rb.cols[stt][0].text if stt in rb.cols else ""
        if not (stt_digits(number) or _ocr_roman(number)):
            continue
        if any(c != stt and model.roles[c] not in tc.CONTENT for c in rb.cols):
            continue
        content = [f for c, frags in sorted(rb.cols.items()) if c != stt for f in frags]
        if len(content) != 1:
            continue
        babble = _babble(content[0].text)  # a bold heading OCR made babble of
        if babble and k > 0 and rows[k - 1].section is not None:
            grain.add(k)  # right under a section row read: no second heading, and no row of its own either
            continue
        if not (tc.capitals(content[0].text, HEADING_UPPER, 8) or babble):
            continue
        numeral = _ocr_roman(number)
        rb.section, rb.cols = (numeral, content[0].text.strip(" [|]")), {}
        rb.inferred = _not_as_printed(numeral, number)
    rows[:] = [rb for k, rb in enumerate(rows) if k not in grain]


def _stray_numbers(model: tc.Model, rows: list[_RowBuild]) -> None:
    """A section's first row numbered neither 1 nor the next count, right above a row numbered 1
    (`II |…`, `4 e < : uyét dinh cong b6`, `1 Công bố…`): the `4` is a speck beside the top line of
    row 1, whose number is printed lower (a centred cell). Either numbering rules it out as a row:
    counted per section it would be 1, counted on, the row below would not be 1. Its lines (at most
    CENTRED_REACH) go to row 1; without this the `1` would read as a lost section's first row.
    Not where the count goes on after the `1` (`3`, `1`, `5`: the `1` is the misread one)."""
    if "stt" not in model.roles:
        return
    stt = model.roles.index("stt")
    k = 1
    while k + 1 < len(rows):
        above, rb, nxt = rows[k - 1], rows[k], rows[k + 1]
        v = _stt_value(model, rb)
        if (
            above.section is not None
            and rb.section is None
            and nxt.section is None
            and v is not None
            and v != 1
            and _stt_value(model, nxt) == 1
            and len(rb.by_line) <= CENTRED_REACH
            and _later_number(model, rows, k + 1) in (None, 1, 2)
        ):
            top = [(i, [f for f in frags if f.col != stt]) for i, frags in rb.by_line]
            nxt.rebuild(top + nxt.by_line)
            nxt.line, nxt.first = rb.line, rb.first
            del rows[k]
        k += 1


MAX_COUNT_GAP = 3  # rows in a row that the count says OCR left unnumbered (`1`, then `4`: two)


def _split_count_gaps(model: tc.Model, rows: list[_RowBuild]) -> None:
    """Rows whose numbers OCR lost altogether (no speck, no number lower down): the count jumps
    (`1`, then `4`) and the rows between went into the row above, each top line a content cell
    opening an item in a capital (`Tổng hợp, báo cáo…`). The count says how many rows are missing;
    the likeliest top lines are taken (`_opening_score`), at most that many."""
    if "stt" not in model.roles:
        return
    leaf = _leaf_role(model.roles)
    if leaf is None:
        return
    col = model.roles.index(leaf)
    values = {k: v for k, rb in enumerate(rows) if rb.section is None and (v := _stt_value(model, rb)) is not None}
    numbered = list(values)
    splits: dict[int, list[int]] = {}  # row -> positions in its by_line where a row of its own begins
    for x, (a, b) in enumerate(itertools.pairwise(numbered)):
        if any(rows[m].section is not None for m in range(a + 1, b)):
            continue
        va, vb = values[a], values[b]
        before = numbered[x - 1] if x else None
        if before is not None and values[before] >= va and all(rows[m].section is None for m in range(before, a)):
            continue  # `2, 1, 3`: the count broke at the `1` (a misread number), which says nothing
        gap = vb - va - 1 - (b - a - 1)  # rows already between (unnumbered) count too
        if not 1 <= gap <= MAX_COUNT_GAP:
            continue
        found = [
            (score, k, p)
            for k in range(a, b)
            for p in range(_number_line(model, rows[k]) + 1, len(rows[k].by_line))
            if (score := _opening_score(model, rows[k].by_line, p, col)) > 0
        ]
        for _, k, p in sorted(found, key=lambda t: -t[0])[:gap]:
            splits.setdefault(k, []).append(p)
    for k in sorted(splits, reverse=True):
        rb = rows[k]
        cuts = [0, *sorted(splits[k]), len(rb.by_line)]
        parts = [rb.by_line[x:y] for x, y in itertools.pairwise(cuts)]
        rb.rebuild(parts[0])
        new = []
        for part in parts[1:]:
            nb = _RowBuild(part[0][0] + 1)  # (its `first` stays unset: only assembly reads it)
            nb.rebuild(part)
            new.append(nb)
        rows[k + 1 : k + 1] = new


def _number_line(model: tc.Model, rb: _RowBuild) -> int:
    """The position in the row's lines of the line holding its STT number (0 when none: its top
    line). A row's own lines down to its number are no other row's (a centred number)."""
    stt = model.roles.index("stt")
    return next((p for p, (_, frags) in enumerate(rb.by_line) if any(f.col == stt for f in frags)), 0)


def _opening_score(model: tc.Model, by_line: Sequence[tuple[int, list[tc.Fragment]]], p: int, col: int) -> float:
    """How likely line `p` of a row is the top line of a row OCR left unnumbered (0: it is not).
    Its content cell opens an item in a capital, not going on from the content line above
    (`ban hành` / `Kế hoạch cải cách…` is one phrase by the language model); each other cell
    opening beside it in a capital adds (a row's cells are top-aligned)."""
    frags = by_line[p][1]
    content = next((f for f in frags if f.col == col), None)
    opening = next((w for w in content.text.split() if any(ch.isalpha() for ch in w)), "") if content else ""
    if content is None or not opening[:1].isupper() or not _opens_item(content.text) or not _worded(content.text):
        return 0.0
    above = next((f.text for _, fs in reversed(by_line[:p]) for f in fs if f.col == col), "")
    finished = above.rstrip().endswith((".", ";"))
    if above and not finished and tc._wrap_lift(above, _first_word(content.text), model.marked) > tc.BOND_FREE:
        return 0.0
    others = sum(1 for f in frags if f.col != col and model.roles[f.col] != "stt" and _first_word(f.text)[:1].isupper())
    return 1.0 + 0.5 * others


def _later_number(model: tc.Model, rows: Sequence[_RowBuild], k: int) -> int | None:
    """The STT number of the first numbered row after rows[k], None when none follows."""
    return next((v for rb in rows[k + 1 :] if rb.section is None and (v := _stt_value(model, rb)) is not None), None)


def _letter_words(text: str) -> list[str]:
    """The words of `text` made of two letters or more, punctuation at their edges dropped (no specks)."""
    return [w for w in (t.strip(_PUNCT) for t in text.split()) if len(w) >= 2 and w.isalpha()]


def _worded(text: str) -> bool:
    """Text that opens in words, however OCR slipped in them (`Thyc hién phan cap`), not in grain
    (`Ss E a8 ed oe`): half of its first four words of two letters or more are a syllable's letters."""
    words = _letter_words(text)[:4]
    return bool(words) and 2 * sum(1 for w in words if reads_as_syllable(w)) >= len(words)


def _babble(text: str) -> bool:
    """Text OCR made of a bold heading: no word of it a Vietnamese syllable, marked or not (`ehicicn cud
    sOconeve`), where a row's text reads as words however OCR slipped."""
    words = [w.strip(_PUNCT + "|[]") for w in text.split()]
    words = [w for w in words if len(w) >= 3 and w.isalpha()]
    return len(words) >= 2 and sum(1 for w in words if reads_as_syllable(w)) <= 0.25 * len(words)


def _restarted_sections(model: tc.Model, rows: list[_RowBuild]) -> list[_RowBuild]:
    """Section rows OCR lost, where the rows' STT numbers start again at 1 (numbered per section).

    A restart is `1` after a row numbered 1 or more with no section row between, unless the next
    number read goes on with the old count rather than the new one (`5, 1, 7`: a `6` misread as
    `1`; `_old_count_goes_on`). A table without a section row read
    needs two restarts, or one the count bears out on both sides (`…, 5, 1, 2, …`): a lone `1`
    may be a misread number. Rows above the table's first
    section row had one too when sections were lost elsewhere, when that first section row
    prints no numeral (nothing says it is the first), or when the count starts again below it
    (`_count_restarts_below_first`); else interpretation files them
    (`plan/records.py`: section I below a `II`, otherwise the first section).
    """
    # the table's first row, numbered, the count starting at 1 below it, with specks or babble for
    # content (`5 Sẽ. Ẽẽ`, `[1 [cone riccal ps0` above `1 | Tiếp nhận…`) is the first section row OCR
    # garbled (its numeral in the STT column, its bold title past reading): a section whose title was
    # lost, not a record, and the `1` restarts none. A first row of words numbered so is a row whose
    # number OCR misread, or whose row above it lost (`2 Xác định Chỉ số…`)
    if (
        rows
        and rows[0].section is None
        and _stt_value(model, rows[0]) is not None
        and _garbled_heading_row(model, rows[0])
        and _next_number(model, rows) == 1
    ):
        rows = [_RowBuild(rows[0].line, section=("", LOST_SECTION_TITLE)), *rows[1:]]
    data = [k for k, rb in enumerate(rows) if rb.section is None]
    first_sec = next((rb for rb in rows if rb.section is not None), None)
    unnumbered_first = first_sec is not None and first_sec.section is not None and not first_sec.section[0]
    values = {k: _stt_value(model, rows[k]) for k in data} if "stt" in model.roles else {}
    if data and data[0] == 0 and (unnumbered_first or _count_restarts_below_first(rows, values)):
        rows = [_RowBuild(rows[0].line, section=("", LOST_SECTION_TITLE)), *rows]
        data = [k + 1 for k in data]
        values = {k + 1: v for k, v in values.items()}
    if "stt" not in model.roles:
        return rows
    has_sections = any(rb.section is not None for rb in rows)
    starts: list[int] = []
    counted = False  # a restart the count on both sides bears out: `…, 5, 1, 2, …`
    last: int | None = None  # the last STT number since the last section row
    for pos, k in enumerate(data):
        if k > 0 and rows[k - 1].section is not None:
            last = None
        v = values[k]
        if v is None:
            continue
        after = next(((n, w) for n, m in enumerate(data[pos + 1 :], 1) if (w := values[m]) is not None), None)
        later = after[1] if after is not None else None
        if (
            v == 1
            and last is not None
            and last >= 1
            and _has_content(model, rows[k])  # a stray `l` before junk in other columns opens no section
            and not (after is not None and _old_count_goes_on(last, *after))
        ):
            starts.append(k)
            counted = counted or (last >= 2 and later == 2)
        last = v
    if not starts or not (has_sections or len(starts) >= 2 or counted):
        return rows
    if data and (rows[: data[0]] == [] or all(rb.section is None for rb in rows[: data[0]])):
        starts.insert(0, data[0])  # the table's first rows come before any section row: its heading was lost too
    out: list[_RowBuild] = []
    for k, rb in enumerate(rows):
        if k in starts:
            out.append(_RowBuild(rb.line, section=("", LOST_SECTION_TITLE)))
        out.append(rb)
    return out


def _next_number(model: tc.Model, rows: Sequence[_RowBuild]) -> int | None:
    """The STT number read on the rows after the first, before any section row."""
    later = (_stt_value(model, rb) for rb in itertools.takewhile(lambda rb: rb.section is None, rows[1:]))
    return next((v for v in later if v is not None), None)


def _garbled_heading_row(model: tc.Model, rb: _RowBuild) -> bool:
    """The row's content is specks (fewer than two words of three letters or more) or babble (no
    word a syllable): what OCR made of a bold heading, not an item."""
    text = " ".join(f.text for c, r in enumerate(model.roles) if r in tc.CONTENT for f in rb.cols.get(c, []))
    return sum(1 for w in _letter_words(text) if len(w) >= 3) < 2 or _babble(text)


def _has_content(model: tc.Model, rb: _RowBuild) -> bool:
    """The row has words in a content column (the activity, task or objective cell)."""
    return any(rb.cols.get(c) for c, r in enumerate(model.roles) if r in tc.CONTENT)


def _count_restarts_below_first(rows: Sequence[_RowBuild], values: dict[int, int | None]) -> bool:
    """Rows above the table's first section row are counted (`1, 2, 3`) and the count starts again at
    1 below it: they had a section of their own, whatever numeral OCR read on that row (`| 1 [CẢI
    CÁCH TỔ CHỨC …` for II)."""
    first = next((k for k, rb in enumerate(rows) if rb.section is not None), None)
    if first is None:
        return False
    above = [v for k, v in values.items() if k < first and v is not None]
    below = next((v for k, v in sorted(values.items()) if k > first and v is not None), None)
    return bool(above) and max(above) >= 2 and below == 1


RESTART_SLACK = 2  # numbers a row's STT may be off the count through rows OCR left unnumbered


def _old_count_goes_on(last: int, rows: int, later: int) -> bool:
    """Does `later`, read `rows` rows below a `1` that followed `last`, go on with the old count rather
    than one that started again at that `1`? A number near neither (`1, 1, 53`: a 3 misread) says
    nothing; a tie is the new count's only where it is still at its start (`…, 1, 2`)."""
    new, old = 1 + rows, last + 1 + rows
    if min(abs(later - new), abs(later - old)) > RESTART_SLACK:
        return False
    if abs(later - old) == abs(later - new):
        return later > 2
    return abs(later - old) < abs(later - new)


def _centred_numeral(found: tuple[str, str, int], wrapped: Sequence[str]) -> tuple[str, str, int]:
    """A numeral printed beside a wrapped title's middle line (a vertically centred STT cell) that
    the line splitter left in the title: `XÂY DỰNG VÀ PHÁT TRIỂN` / `V |CHÍNH QUYỀN ĐIỆN TỬ`."""
    numeral, title, n = found
    if numeral:
        return found
    for line in wrapped:
        first = line.split()[0].strip(" .:|[") if line.split() else ""
        if len(first) <= 4 and first.isupper() and is_roman(first):
            words = title.split()
            if first in words:
                words.remove(first)
                return first, " ".join(words).replace(" |", " ").strip(" |"), n
    return found


def _number_sections(rows: Sequence[_RowBuild]) -> None:
    """A section numeral OCR lost, from the next numeral this table prints (its sequence, SPEC §1 Sections).

    Without it interpretation would continue the body's heading numbers ("2." before the appendix).
    Before the first numeral read, sections count from I (a plan's first) while that leaves room
    below the numeral read: a section OCR lost whole is then taken to lie between them and it.
    """
    from ..vietnamese.numerals import roman_value, to_roman

    sections = [rb for rb in rows if rb.section is not None]
    numbered: set[int] = set()  # numbered here, from the sequence: not printed
    for k, rb in enumerate(sections):
        assert rb.section is not None
        if rb.section[0] or rb.section[1] == LOST_SECTION_TITLE:
            continue  # printed; or lost whole: interpretation numbers it from the sequence and says so
        printed_before = any(s.section and s.section[0] and id(s) not in numbered for s in sections[:k])
        for d, later in enumerate(sections[k + 1 :], start=1):
            assert later.section is not None
            if (printed := roman_value(later.section[0])) is not None:
                n = printed - d
                if not printed_before and k + 1 <= n:
                    n = k + 1  # before any printed numeral: counted from I (a plan's first section), so a
                    # section OCR lost whole is taken to be after these, not before them
                if n >= 1:
                    rb.section, rb.inferred = (to_roman(n), rb.section[1]), True
                    numbered.add(id(rb))
                break
    _slips_in_sequence(sections)


def _slips_in_sequence(sections: Sequence[_RowBuild]) -> None:
    """A numeral read through OCR's slips that skips ahead of the sequence (`1U` read as III right
    after I) is the next one (II), unless a numeral printed as read further on bears the skip out
    (a section OCR lost whole between): slips name I and II alike, the sequence does not."""
    from ..vietnamese.numerals import roman_value, to_roman

    prev = 0
    for k, rb in enumerate(sections):
        assert rb.section is not None
        value = roman_value(rb.section[0]) if rb.section[0] else None
        if value is not None and rb.inferred and prev and value > prev + 1:
            read = [(d, s.section[0]) for d, s in enumerate(sections[k + 1 :], 1) if s.section and not s.inferred]
            printed = next(((d, v) for d, numeral in read if numeral and (v := roman_value(numeral))), None)
            if printed is None or printed[1] - printed[0] != value:
                value = prev + 1
                rb.section = (to_roman(value), rb.section[1])
        prev = value if value is not None else prev + 1


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
