"""Column segmentation of OCR'd table text: which words of a line belong to which column.

OCR without layout (`tesseract page.png out`) writes a ruled table line by line: each text
line holds one wrapped line of every cell that has one there, left to right, separated by
single spaces and now and then a `|`, `[` or `_` left over from a rule. What is known:

* the column order and count, from the header block (read against the column vocabulary
  `data/column_titles.json` through `lexicon/columns.py`, however its words wrapped);
* every column has a fixed width, so a column's fragments have a consistent length in
  characters (learned per table: an estimate from the header's roles, then re-estimated
  from a first segmentation);
* what cells look like: agency names start with an agency head (`data/agency_heads.json`),
  deadlines follow the deadline grammar (`lexicon/deadlines.py`), outputs start with an output
  noun, item labels (`2.3. Hoạt động 3:`) start content cells, STT cells are numbers, a
  fragment that starts in lower case continues a cell begun above.

Each line's split points are chosen as a whole by dynamic programming over a score that adds
those cues (`segment_line`); forward-backward over the same score gives each chosen fragment
a probability, which becomes the cell's confidence.

Layering: the loaders never import `plan/` (tests/test_layering.py); the one column vocabulary,
the area titles and the deadline recogniser live in `lexicon/`, below both layers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon.areas import area_of_title
from ..lexicon.columns import output_nouns, vocabulary
from ..lexicon.deadlines import deadline_start, is_deadline, waits_for_event, wrapped_unit
from ..lexicon.slips import read_with_marks, vowel_slip
from ..vietnamese.keys import fold, key
from ..vietnamese.numerals import STT_NUMBER as _STT
from ..vietnamese.numerals import is_roman

# Width priors (share of a full line's characters) per role, before the table's own are learned.
_PRIOR = {
    "stt": 0.03, "objective": 0.2, "task": 0.24, "activity": 0.26, "outputs": 0.15, "lead": 0.13,
    "partners": 0.13, "deadline": 0.09, "budget": 0.06, "notes": 0.1,
}  # fmt: skip
CONTENT = ("objective", "task", "activity")
_SEP_CHARS = "|[]{}"
# the number after an item label's noun: "2:", "1.", OCR's "I:" / "l:" for 1
LABEL_NUMBER = r"\s*[;,.]?\s*(?:\d|[il|]\s*[:.])"
# an item label's noun, folded, as OCR reads it (`Nhiem; vu`, `Hoat dfng`)
TASK_NOUN = r"nhiem[;,.]?\s*v\w"
ACTIVITY_NOUN = r"hoat[;,.]?\s*d\w{1,3}g"
_LABEL = re.compile(
    r"^\s*(?:\d{1,2}\s*[.,]\s*){0,2}\d{0,2}\s*[.,]?\s*(muc tieu|" + TASK_NOUN + r"(?=" + LABEL_NUMBER
    + r")|" + ACTIVITY_NOUN + r"(?=" + LABEL_NUMBER + r"))"
)  # fmt: skip
_LABEL_ROLE = {"muc tieu": "objective"}
_NUMBER_NEXT = re.compile(r"^(?:\d|[ivxl]+(?:[/.,-]|$))")
_AMOUNT = re.compile(r"^(?:\d{2,3}|\d{1,3}(?:[.,]\d{3})+)(?:,\d+)?$")  # "80", "1.200"; a lone digit is OCR debris
_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d|(?:^|/)(?:19|20)\d\d\b")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a line; `sep_before` when a rule remnant (`|`, `[`) stood right before it."""

    text: str
    sep_before: bool = False


_TOKEN = re.compile(r"[|\[\]{}]+|[^\s|\[\]{}]+")


def _unglue(line: str) -> str:
    """A space where OCR lost one between two words: a lower-case word run into a capitalised one
    (`caoHoat động`, `SởNội vụ`); acronyms (`UBND`, `VNeID`) have no lower-case pair before a capital."""
    chars = list(line)
    out: list[str] = []
    for k, ch in enumerate(chars):
        if (
            k >= 2
            and ch.isupper()
            and chars[k - 1].islower()
            and chars[k - 2].islower()
            and k + 1 < len(chars)
            and chars[k + 1].islower()
        ):
            out.append(" ")
        out.append(ch)
    return "".join(out)


def tokens(line: str) -> list[Token]:
    """The line's words with rule remnants turned into boundary marks (`2_` -> `2`, a lone `_` -> mark)."""
    out: list[Token] = []
    sep = False
    for m in _TOKEN.finditer(_unglue(line)):
        t = m.group(0)
        if t[0] in _SEP_CHARS or (set(t) <= {"_", "—", "-"} and len(t) <= 2 and t != "-"):
            sep = True
            continue
        if len(t) > 1 and t.endswith("_") and t[:-1].isalnum():
            out.append(Token(t[:-1], sep))
            sep = True
            continue
        out.append(Token(t, sep))
        sep = False
    return out


# --- header block ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """The column vocabulary as folded words: which words may stand in a header, which start a role's cue."""

    words: frozenset[str]
    cues: tuple[tuple[str, tuple[str, ...]], ...]
    stt: frozenset[str]
    content_heads: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def header_words() -> HeaderWords:
    voc = vocabulary()
    words: set[str] = set()
    for _, cue in voc.cues:
        words.update(cue)
    for group in (voc.agency_heads, voc.content_heads, voc.other_heads, voc.agency_verbs, voc.qualifiers):
        for w in group:
            words.update(w)
    for s in voc.stt:
        words.update(s.split())
    for a, b in voc.abbreviations.items():
        words.update(a.split())
        words.update(b.split())
    for _, unit in voc.units:
        words.update(unit)
    return HeaderWords(frozenset(words), voc.cues, voc.stt, voc.content_heads)


_VOWELS = frozenset("aeiouy")
_NUMBERED_CUE = re.compile(r"\b(?:nhi\w{1,3}m v\w|ho\w{1,2}t d\w{1,3}g|m\w{1,2}c ti\w{1,2}u)\s*\d")


@lru_cache(maxsize=65536)
def _vocab_words(word: str) -> frozenset[str]:
    """The vocabulary words `word` may be, allowing OCR slips; empty when none.

    OCR without a Vietnamese model misreads the letters that carry diacritics, which are
    vowels (`phối hợp` -> `phéi hgp`, `sản phẩm` -> `san phém`): a word of three or more letters
    that differs from a vocabulary word of the same length only where that word has vowels
    (one slip in words of up to four letters, two in longer ones) may be that word (`deng`:
    `dong` or `dung`). Longer words may also slip otherwise (a fuzzy ratio of 80).
    """
    hw = header_words()
    if word in hw.words:
        return frozenset((word,))
    allowed = 1 if len(word) <= 4 else 2
    found = set()
    for w in hw.words:
        if len(w) != len(word) or len(w) < 2:
            continue
        slips = [(a, b) for a, b in zip(w, word, strict=True) if a != b]
        short = len(w) == 2  # two letters: only a vowel for a vowel ("vy" for "vu")
        if len(slips) <= allowed and all(a in _VOWELS and (b in _VOWELS if short else b.isalpha()) for a, b in slips):
            found.add(w)
    if not found and len(word) >= 5:
        from rapidfuzz import fuzz

        found = {w for w in hw.words if abs(len(w) - len(word)) <= 1 and fuzz.ratio(word, w) >= 80}
    return frozenset(found)


def _vocab_word(word: str) -> str | None:
    """One vocabulary word `word` may be (the first in order), or None."""
    found = _vocab_words(word)
    return min(found) if found else None


def _piece_ends(line: str) -> set[int]:
    """Indexes (in `_words(line)`) of the words right before a rule remnant."""
    out: set[int] = set()
    n = 0
    toks = tokens(line)
    for k, t in enumerate(toks):
        n += len(_words(t.text))
        if k + 1 < len(toks) and toks[k + 1].sep_before and n:
            out.add(n - 1)
    return out


def _words(line: str) -> list[str]:
    """Folded words worth judging: letters only, two or more of them (OCR specks are noise); two
    vocabulary words OCR ran together (`trìthực`) count as the two."""
    out: list[str] = []
    for w in key(line).split():
        if len(w) >= 2 and w.isalpha():
            out.extend(_unglue_word(w))
    return out


@lru_cache(maxsize=65536)
def _unglue_word(word: str) -> tuple[str, ...]:
    """`word`, or the two exact vocabulary words it is made of when it is no vocabulary word itself."""
    if len(word) < 5 or _vocab_words(word):
        return (word,)
    words = header_words().words
    for k in range(2, len(word) - 1):
        if word[:k] in words and word[k:] in words:
            return word[:k], word[k:]
    return (word,)


# a row's STT number, apart from the capitalised first word of its content (`1 |Tuyên truyền`, `2. Rà
# soát`); OCR's debris before a header line is glued (`1HT` for STT) or opens a lower-case wrap (`3. thành`)
_ROW_NUMBER = re.compile(r"^\s*\d{1,3}[\s.|)\[]+(?=[^\W\d_]{2})")  # `1 `, `2.`, `13. | `, `12 [`
_STT_TITLE = re.compile(r"^[s5][tli1][tli1]$")  # STT as OCR reads it (`SIT`, `S1T`, `STl`)
_DATED = re.compile(r"\b\d{1,2}\s*/\s*(?:\d{1,2}\s*/\s*)?(?:19|20)\d\d\b")  # `31/10/2026`, `9/2026`


def is_header_line(line: str) -> bool:
    """Most words are column-vocabulary words and no three in a row are not (prose has such runs)."""
    words = _words(line)
    if not words or ((m := _ROW_NUMBER.match(line)) is not None and line[m.end()].isupper()):
        return False  # a row opens with its STT number (`1 |Tuyên truyền về cải cách…`): no title does
    last = line.rstrip().split()[-1]
    ruled = sum(1 for t in tokens(line) if t.sep_before) >= 2  # pieces between rules: columns, not a sentence
    if last.endswith((".", ";", ":")) and len(last.strip(".;:")) >= 3 and not ruled:
        return False  # a sentence ends so, a column title does not (`phí j.`: a speck after a title)
    # between rules each piece is one column's: a title OCR garbled past reading is a piece of babble
    # there (`Nhiệm vụ cụ thể Kane | O™ | pea auin Phối hợp thực hiện`), no sentence's run, when the
    # line reads two titles whole beside it (a ruled row's cells read none)
    ends = _piece_ends(line) if ruled else set()
    hits = run = worst = piece_run = piece_worst = 0
    for k, w in enumerate(words):
        if _vocab_word(w):
            hits += 1
            run = piece_run = 0
        else:
            run += 1
            piece_run += 1
            worst = max(worst, run if len(w) >= 3 else 0)
            piece_worst = max(piece_worst, piece_run if len(w) >= 3 else 0)
        if k in ends:
            piece_run = 0
    if hits / len(words) < 0.5 or piece_worst > 2 or _NUMBERED_CUE.search(key(line)):
        return False  # "Nhiệm vụ 3", "Hoạt động 1": a numbered item in a cell, not a title
    if worst > 2 and len(set(header_roles([line])) - {"stt"}) < 2:
        return False
    # (checked last: every line of a text comes here, and reading cells is the dearest test)
    if _DATED.search(line) or ("deadline" in (kinds := cell_kinds(line)) and len(kinds) >= 2):
        # a row's cells: a date, a time (`Quý IV năm`) beside an agency or an output. Titles name
        # agencies and outputs in general words that open such cells too (`Cơ quan chủ trì`, `Kết quả`)
        return False
    return area_of_title(" ".join(t.text for t in tokens(line))) is None and not _numbered_title(line)


def _numbered_title(line: str) -> bool:
    """A section row's first line (`IV |XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH`, wrapped before its area shows):
    a Roman numeral written with I, V and X, then a title in capitals. A lone `I` is left
    out (OCR reads a rule before a title so), and so are short capitals (`L TT SỐ`: header debris)."""
    toks = tokens(line)
    numeral = toks[0].text.strip(".") if toks else ""
    if len(toks) < 2 or numeral == "I" or not is_roman(numeral) or set(numeral) - set("IVX"):
        return False
    rest = " ".join(t.text for t in toks[1:])
    letters = [ch for ch in rest if ch.isalpha()]
    return len(letters) >= 8 and all(ch.isupper() for ch in letters)


def header_roles(lines: Sequence[str]) -> list[str]:
    """The roles a header block names, in column order (STT first), from its words however they wrapped.

    A role is present when every word of one of its cues occurs in the block; its place comes
    from pairwise order votes on the lines where its cue starts (a wrapped header still prints
    each line's pieces left to right).
    """
    return header_orders(lines, limit=1)[0]


Gap = tuple[str, str | None]  # the titles read either side of one OCR garbled (None: it ended the line)


def _header_votes(lines: Sequence[str]) -> tuple[list[str], dict[tuple[str, str], int], bool, set[Gap]]:
    """(roles present, pairwise order votes from the lines, STT column named?, gaps) of a header
    block. A gap is where a line shows, between two titles read, words of a title OCR garbled past
    reading (`Co quan chu tri | Co quan phdéi hop | Két qua`): a column stands there."""
    hw = header_words()
    read = [_words(ln) for ln in lines]
    per_line = [[_vocab_words(w) | {w} for w in words] for words in read]
    openers = _title_openers()  # (words that open or name a title, words of titles' heads)
    gaps: set[Gap] = set()
    # words that end a column's piece of a line (before a `|` rule or at the line's end): a cue's first
    # word there may have wrapped its second word onto the next line ("Cơ quan chủ | …" / "trì")
    ends = [_piece_ends(ln) for ln in lines]
    bag = {w for ws in per_line for cands in ws for w in cands}
    present: list[str] = []
    for role, cue in hw.cues:
        if role not in present and all(w in bag for w in cue):
            present.append(role)
    if not any(r in present for r in CONTENT) and any(all(w in bag for w in h) for h in hw.content_heads):
        present.append("activity")  # "Nội dung (công việc)" alone names the content column
    votes: dict[tuple[str, str], int] = {}
    pending: dict[str, set[str]] = {}  # a cue's next word -> roles whose cue wrapped before it on the line above
    paragraphs: list[list[str]] = [[]]  # the titles each run of lines between blank lines shows
    for ws, end_at, raw in zip(per_line, ends, read, strict=True):
        if not ws:  # a blank line (tesseract's paragraphs): a title's wrapped word may still come below it
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        # a word that opens a title whole (`Thời gian`, `Cơ quan chủ trì`) ends the piece before it: a
        # cue's first word there wrapped its second word onto the next line too (`Cơ quan chủ . Thời
        # gian` / `trì`; `Thời gian` / `hoàn Cơ quan chủ trì`)
        cue_at = [any(c[0] in w and (len(c) == 1 or (k + 1 < len(ws) and c[1] in ws[k + 1])) for _, c in hw.cues)
                  for k, w in enumerate(ws)]  # fmt: skip
        opens = [cue_at[k] or _head_opens_cue(ws, k, cue_at) for k in range(len(ws))]
        # each word that ends a piece of the line: before a rule, before a title's opening, or last
        closes = [k in end_at or k + 1 == len(ws) or opens[k + 1] for k in range(len(ws))]
        placed: list[tuple[int, str]] = []  # (word index, role) of the titles this line shows
        spans: list[tuple[int, int]] = []  # the words each title read takes
        taken = 0  # words up to here belong to a title already read (`Ghi chú`: its `chú` opens no `chủ trì`)
        free: list[int] = []  # word indexes no title opening took
        for i, w in enumerate(ws):
            if i < taken:
                continue
            best: tuple[int, str] | None = None  # (words matched, role): the longest cue opening here wins
            for role, cue in hw.cues:  # (`Cơ quan chủ` is the lead's `cơ quan chủ trì`, not `cơ quan phối hợp`)
                if role not in present or cue[0] not in w:
                    continue
                # (a cue's first word wrapped alone: not two letters OCR slipped, `ĐÀ` is no `dự` of `dự toán`)
                wrapped = closes[i] and _alone_as(raw[i], cue[0])
                if len(cue) == 1 or (i + 1 < len(ws) and cue[1] in ws[i + 1]) or wrapped:
                    n = 1
                    while i + n < len(ws) and n < len(cue) and cue[n] in ws[i + n]:
                        n += 1
                    if best is None or n > best[0]:
                        best = (n, role)
            if best is not None:
                taken = i + best[0]
                placed.append((i, best[1]))
                spans.append((i, taken))
            else:
                free.append(i)
        # a title's second word under its first (`Hình thức sản |` / `phẩm`) stands where the title's
        # column is on this line too: it orders the column against the titles opening on this line
        shown = {r for _, r in placed}
        for i in free:
            roles = {r for w in ws[i] for r in pending.get(w, ())}
            if len(roles) == 1 and not roles & shown:
                placed.append((i, roles.pop()))
                spans.append((i, i + 1))
                shown = {r for _, r in placed}
            # so does a unit printed under a title (`Kinh phí` / `(triệu đồng)`): a tall header cell's
            # title starts a line above its neighbours', its unit shares a line with theirs
            elif (unit := _unit_at(ws, raw[i], i, present, closes[i])) and unit not in shown:
                placed.append((i, unit))
                spans.append((i, i + 1))
                shown.add(unit)
        gaps.update(_line_gaps(ws, placed, spans, *openers))
        # a title alone on its line (stacked above the others, `Thời gian hoàn` / `Cơ quan chủ trì` /
        # the rest) keeps what the lines above wait for: their words may come on a line further down
        kept = {w: rs - shown for w, rs in pending.items() if rs - shown} if len(shown) == 1 else {}
        pending = {}
        for i, w in enumerate(ws):
            if closes[i]:
                for role, cue in hw.cues:
                    for m in range(len(cue) - 1):
                        if role in present and cue[m] in w and (i + 1 == len(ws) or cue[m + 1] not in ws[i + 1]):
                            pending.setdefault(cue[m + 1], set()).add(role)
        for word, rs in kept.items():
            pending.setdefault(word, set()).update(rs)
        order = list(dict.fromkeys(r for _, r in sorted(placed)))
        paragraphs[-1].extend(r for r in order if r not in paragraphs[-1])
        for a_i, a in enumerate(order):
            for b in order[a_i + 1 :]:
                votes[(a, b)] = votes.get((a, b), 0) + 1
    for pair in _stacked_order(paragraphs):
        votes[pair] = votes.get(pair, 0) + 1
    stt = (
        any(w in bag for w in ("stt", "tt"))
        or ("so" in bag and "thu" in bag and "tu" in bag)
        or any(_STT_TITLE.match(fold(next(iter(ln.split()), ""))) for ln in lines)  # OCR's `SIT`, `S1T` opening a line
    )
    return present, votes, stt, gaps


def _alone_as(word: str, printed: str) -> bool:
    """`word` may stand for `printed` without the words around it to confirm it: two letters must
    read as printed, as OCR slips them into any other (`Tì`, OCR's `TT`, is no `tỷ`)."""
    return len(word) > 2 or word == printed


def _stacked_order(paragraphs: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """(a, b) pairs, a left of b, from runs of paragraphs that show one title each: tesseract's
    `--psm 3` sets a tall header's titles that start higher apart, one paragraph each, left to right."""
    out: list[tuple[str, str]] = []
    stacked: list[str] = []
    for titles in paragraphs:
        if len(titles) == 1:
            stacked.append(titles[0])
        elif titles:  # a paragraph of several titles ends the run (one of none is debris)
            out.extend(itertools.pairwise(dict.fromkeys(stacked)))
            stacked = []
    out.extend(itertools.pairwise(dict.fromkeys(stacked)))
    return out


def _unit_at(
    ws: Sequence[set[str] | frozenset[str]], word: str, i: int, present: Collection[str], piece_end: bool
) -> str | None:
    """The role whose unit (`triệu đồng`) opens at word `i` (read as `word`) of a header line, when
    that role's title is in the block; its last word may have wrapped to the next line where word
    `i` ends a piece of the line (`piece_end`: a rule or another title follows, or the line ends)."""
    for role, unit in vocabulary().units:
        whole = len(unit) == 1 or piece_end or unit[1] in ws[i + 1]
        if role in present and unit[0] in ws[i] and whole and _alone_as(word, unit[0]):
            return role
    return None


def _line_gaps(
    ws: Sequence[set[str] | frozenset[str]],
    placed: Sequence[tuple[int, str]],
    spans: Sequence[tuple[int, int]],
    openers: frozenset[str],
    heads: frozenset[str],
) -> set[Gap]:
    """The gaps on one header line: runs of words no title read took, after a title read, holding a
    word that opens or names a title (`cơ quan`, `hợp`), not one that only qualifies the title
    before it (`thực hiện`, `hoàn thành`)."""
    taken = {k for a, b in spans for k in range(a, b)}
    starts = sorted(placed)
    out: set[Gap] = set()
    if len(starts) < 2:
        return out  # one title on the line (or a row's words above a repeated header): no line of titles
    k = 0
    while k < len(ws):
        if k in taken:
            k += 1
            continue
        end = k
        while end < len(ws) and end not in taken:
            end += 1
        before = [r for i, r in starts if i < k]
        after = [r for i, r in starts if i >= end]
        run = list(ws[k:end])
        while after and run and run[-1] & heads:
            run.pop()  # `Cơ quan` before `chủ trì`: the next title's head
        # nor a word of the next title's own cues (`Hình thức` OCR garbled before `sản phẩm`)
        signal = openers - {w for role, cue in header_words().cues if after and role == after[0] for w in cue}
        if before and any(w in signal for cands in run for w in cands):
            out.add((before[-1], after[0] if after else None))
        k = end
    return out


def _head_opens_cue(ws: Sequence[Collection[str]], k: int, cue_at: Sequence[bool]) -> bool:
    """A generic head of two words or more (`cơ quan`, `nội dung`) stands at word `k` and a cue
    opens right after it: the head opens that title."""
    voc = vocabulary()
    for head in (*voc.agency_heads, *voc.content_heads):
        n = len(head)
        if n >= 2 and k + n < len(ws) and cue_at[k + n] and all(head[m] in ws[k + m] for m in range(n)):
            return True
    return False


@lru_cache(maxsize=1)
def _title_openers() -> tuple[frozenset[str], frozenset[str]]:
    """(Folded words that open or name a column title: its cues' words and heads such as `cơ quan`,
    less those that may only qualify a title, `thực hiện`, `dự kiến`; the heads' words.)"""
    voc = vocabulary()
    heads = {w for group in (voc.agency_heads, voc.content_heads) for h in group for w in h}
    words = {w for _, cue in voc.cues for w in cue} | heads
    return frozenset(
        words - {w for q in voc.qualifiers for w in q} - {w for h in voc.other_heads for w in h}
    ), frozenset(heads)


def header_gaps(lines: Sequence[str]) -> set[Gap]:
    """Where the header block shows a title OCR garbled past reading (`_header_votes`)."""
    return _header_votes(lines)[3]


def header_orders(lines: Sequence[str], limit: int = 48) -> list[list[str]]:
    """Column orders the header block allows, the likeliest first (at most `limit`).

    The first is the usual order (STT, objective, task, activity, outputs, lead, partners,
    deadline, budget, notes), moved only where the header's own lines voted otherwise. A header
    wrapped over lines votes only within a line, so pieces on different lines ("Cơ quan chủ trì"
    above, "Sản phẩm" below) are not ordered by it: the others are every order that keeps the
    content columns first and agrees with each vote, for the body's segmentation to choose from.
    """
    present, votes, stt, _ = _header_votes(lines)
    ordered: list[str] = []
    for r in sorted(present, key=list(_PRIOR).index):
        at = len(ordered)
        while at > 0 and votes.get((r, ordered[at - 1]), 0) > votes.get((ordered[at - 1], r), 0):
            at -= 1
        ordered.insert(at, r)
    out = [ordered]
    if limit > 1:
        content = [r for r in ordered if r in CONTENT]
        rest = [r for r in ordered if r not in CONTENT]
        before = {
            (a, b) for a in rest for b in rest if a != b and votes.get((a, b), 0) > votes.get((b, a), 0)
        }  # a strictly before b
        # notes close the table (`Ghi chú` is printed last) unless the header shows a column after them
        if "notes" in rest:
            before |= {(a, "notes") for a in rest if a != "notes" and ("notes", a) not in before}
        for perm in _topological(rest, before, limit * 4):
            cand = content + perm
            if cand not in out:
                out.append(cand)
            if len(out) >= limit:
                break
    return [["stt", *o] if stt else list(o) for o in out]


def _topological(items: Sequence[str], before: set[tuple[str, str]], limit: int) -> list[list[str]]:
    """Orders of `items` that keep every (a, b) of `before` (a first), in the items' order of preference."""
    out: list[list[str]] = []

    def walk(done: list[str], left: list[str]) -> None:
        if len(out) >= limit:
            return
        if not left:
            out.append(list(done))
            return
        for r in left:
            if any((o, r) in before for o in left if o != r):
                continue  # something still left must come before r
            walk([*done, r], [x for x in left if x != r])

    walk([], list(items))
    return out


@dataclass(slots=True)
class HeaderBlock:
    start: int  # first line index (0-based)
    end: int  # one past the last line
    roles: list[str]


_SMALL_NUMBER = re.compile(r"^\(?(\d{1,2})[.)]?$")


def column_numbers(line: str) -> int:
    """How many columns a column-number row (`1 2 3 4 5 6 7`, printed under many headers) numbers; 0 when
    the line is none. OCR misreads some of the digits (`1 2 sĩ 4 2 6 má`): the ones it kept must rise
    from 1 or 2, stand at their places roughly, and be most of the line."""
    toks = [t.text for t in tokens(line)]
    if not 3 <= len(toks) <= 24:
        return 0
    nums = [(k, int(m.group(1))) for k, t in enumerate(toks) if (m := _SMALL_NUMBER.match(t))]
    if len(nums) < 3 or len(nums) < 0.55 * len(toks) or any(len(t) > 3 for t in toks):
        return 0
    placed = sum(1 for k, v in nums if abs(v - (k + 1)) <= 1)
    if placed < 3 or placed < 0.6 * len(nums):
        return 0
    return max(len(toks), max(v for k, v in nums if abs(v - (k + 1)) <= 1))


def capitals(text: str, share: float, min_letters: int) -> bool:
    """At least `min_letters` letters, `share` of them capitals (a heading, a title in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= min_letters and sum(c.isupper() for c in letters) >= share * len(letters)


def _capitals(line: str) -> bool:
    return capitals(line, 0.9, 4)


def _title_over_header(line: str, below: Sequence[str]) -> bool:
    """An all-capitals line naming one role at most (`NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026`, the
    appendix title) above header lines written in mixed case is the title, not the header's top."""
    if not _capitals(line) or all(_capitals(b) or not b.strip() for b in below):
        return False
    return len([r for r in header_roles([line]) if r != "stt"]) <= 1


def header_blocks(lines: Sequence[str]) -> list[HeaderBlock]:
    """Runs of header lines (a single blank line between two allowed) that name at least two roles.

    A column-number row right under the titles (`1 2 3 … 7`) belongs to the block: it is no table row.
    """
    out: list[HeaderBlock] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_header_line(lines[i]):
            i += 1
            continue
        last = i
        while True:  # one blank line may stand between header lines (OCR of a tall header row)
            if last + 1 < n and is_header_line(lines[last + 1]):
                last += 1
            elif last + 2 < n and not lines[last + 1].strip() and is_header_line(lines[last + 2]):
                last += 2
            else:
                break
        while i < last and _title_over_header(lines[i], lines[i + 1 : last + 1]):
            i += 1
        # a header is printed whole on one page: a line above a page break (`tỉnh tổ chức … với nhiệm
        # vụ` / `\fNội dung công việc …`) ends the last row on the page before
        i = next((k for k in range(last, i, -1) if lines[k].startswith("\f")), i)
        roles = header_roles(lines[i : last + 1])
        # a line apart above the blank that names no column: the last line of the row above a
        # repeated header (`chính tại các xã 2027 kiểm tra`), whose words are column words too
        while i + 2 <= last and not lines[i + 1].strip() and not header_roles([lines[i]]):
            i += 2
            roles = header_roles(lines[i : last + 1])
        numbered = next((last + d for d in (1, 2) if last + d < n and column_numbers(lines[last + d])), None)
        if numbered is not None and (d := numbered - last) and all(not lines[last + e].strip() for e in range(1, d)):
            last = numbered
        if len([r for r in roles if r != "stt"]) >= 2:
            out.append(HeaderBlock(i, last + 1, roles))
        i = last + 1
    return out


def kinds_at(texts: Sequence[str]) -> list[tuple[int, str]]:
    """(word index, kind) of each cell opening at a capitalised word after the first: a deadline,
    an output noun, an agency name."""
    nouns = output_nouns()
    out: list[tuple[int, str]] = []
    for i in range(1, len(texts)):
        if not texts[i][:1].isupper():
            continue
        rest = " ".join(texts[i : i + 6])
        if deadline_start(rest):
            out.append((i, "deadline"))
        if _start_key(rest).startswith(nouns):
            out.append((i, "outputs"))
        if _agency_start(rest[:24]):
            out.append((i, "agency"))
    return out


def cell_kinds(line: str) -> set[str]:
    """Which kinds of cell open on `line` after its first word: deadline, output noun, agency name."""
    return {kind for _, kind in kinds_at([t.text for t in tokens(line)])}


# --- segmentation ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _agency_heads() -> tuple[tuple[str, ...], frozenset[str]]:
    from ..files import read_data

    raw = read_data("agency_heads.json")
    heads = tuple(sorted((" ".join(key(h).split()) for h in raw["heads"]), key=len, reverse=True))
    return heads, frozenset(" ".join(key(h).split()) for h in raw["not_heads"])


@lru_cache(maxsize=1)
def _in_sentence() -> frozenset[str]:
    from ..files import read_data

    return frozenset(key(w) for w in read_data("agency_heads.json")["in_sentence"])


def in_sentence(word: str) -> bool:
    """An agency name after `word` (`do`, `của`, `với`) belongs to the sentence it stands in."""
    return key(word.strip(_EDGE_PUNCT)) in _in_sentence()


@lru_cache(maxsize=1)
def _head_ends() -> frozenset[str]:
    """The last folded word of every agency head (`phong` of `Văn phòng`)."""
    return frozenset(h.split()[-1] for h in _agency_heads()[0])


def inside_name(before: str, word: str) -> bool:
    """`word` goes on the agency name whose head ends with `before` (`Văn phòng` `UBND tỉnh`: one
    name, as the gazetteer spells it; `nghiệp vụ` `Sở …` ends no head: two)."""
    b = key(before.strip(_EDGE_PUNCT))
    return b in _head_ends() and (b, key(word.strip(_EDGE_PUNCT))) in _agency_pairs()


def name_not_a_cell(before: str, word: str) -> bool:
    """The agency name opening at `word` opens no cell of its own: the sentence it stands in names it
    (`do UBND tỉnh ban hành`), or it goes on another name (`Văn phòng UBND tỉnh`)."""
    return in_sentence(before) or inside_name(before, word)


@lru_cache(maxsize=1)
def _agency_openings() -> frozenset[tuple[str, str]]:
    """The first two folded words of every gazetteer agency name of two words or more ("so noi", "kho bac")."""
    from ..files import read_data

    out = set()
    for a in read_data("agencies.json")["agencies"]:
        for name in (a["name"], *a["aliases"]):
            words = key(name).split()
            if len(words) >= 2:
                out.add((words[0], words[1]))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _agency_start(start: str) -> bool:
    """The start of a fragment opens an agency name: a head of `agency_heads.json` on the folded words;
    or, in words read without Vietnamese marks, the opening of a gazetteer name with OCR's vowel slips
    (`Sé N6i vu`, `S@ Tai chinh`: two words, so a slip alone never makes `Các` a `Cục`)."""
    heads, not_heads = _agency_heads()
    keyed = " ".join(key(start).split())  # without punctuation, as the heads are (`Các sở, ban` opens `cac so`)
    if any(keyed.startswith(nh) for nh in not_heads) or _slipped_not_head(keyed.split()[:2]):
        return False
    if any(keyed == h or keyed.startswith(h + " ") for h in heads):
        return True
    folded = " ".join(fold(start).split())  # OCR's slips may be symbols (`S@`)
    raw = start.split()[:2]
    words = [w.strip(",;.") for w in folded.split()[:2]]
    if len(words) < 2 or any(read_with_marks(r) for r in raw):
        return False
    return any(
        all(a == b or vowel_slip(a, b) for a, b in zip(opening, words, strict=True)) for opening in _agency_openings()
    )


def _slipped_not_head(words: Sequence[str]) -> bool:
    """Two words that are a `not_heads` phrase with an OCR vowel slip in the second (`Bao c4o`,
    `Bao céo`: `Báo cáo`, an output, not the newspaper head `Báo`)."""
    return len(words) == 2 and any(
        len(nh := h.split()) == 2 and nh[0] == words[0] and vowel_slip(nh[1], words[1]) for h in _agency_heads()[1]
    )


@lru_cache(maxsize=1)
def _agency_pairs() -> frozenset[tuple[str, str]]:
    """Consecutive folded word pairs of the gazetteer's agency names ("bao chi", "trung tam", "ubnd tinh").

    A pair split over two lines of one column joins again ("Các cơ quan báo" / "chí"); a pair
    inside a line is no column boundary ("Trung | tâm").
    """
    from ..files import read_data

    out: set[tuple[str, str]] = set()
    for a in read_data("agencies.json")["agencies"]:
        for name in (a["name"], *a["aliases"]):
            words = key(name).split()
            out.update(itertools.pairwise(words))
    return frozenset(out)


@dataclass(slots=True)
class Fragment:
    col: int
    text: str
    prob: float  # posterior probability of this fragment under the line's segmentation model


@dataclass(slots=True)
class Model:
    """One table's columns: roles in order and learned widths (characters)."""

    roles: list[str]
    widths: list[float]
    stats: dict[str, float] = field(default_factory=dict)
    marked: bool = False  # OCR'd with a Vietnamese model: its words are as written (`read_with_marks`)


MARKED_TEXT_SHARE = 0.25  # of a text's words carrying a mark only a Vietnamese model writes (vie ~0.6, eng 0)
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def marked_text(lines: Sequence[str]) -> bool:
    """The text was OCR'd with a Vietnamese model: then a word with only an acute or a grave
    (`toàn`, `báo`) was read as printed too, not as English OCR's slip for another vowel."""
    words = [w for ln in lines for w in _LETTERS.findall(ln)]
    return bool(words) and sum(1 for w in words if read_with_marks(w)) >= MARKED_TEXT_SHARE * len(words)


def initial_model(roles: Sequence[str], lines: Sequence[str]) -> Model:
    lengths = sorted(len(" ".join(t.text for t in tokens(ln))) for ln in lines if ln.strip())
    full = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 100
    shares = [_PRIOR.get(r, 0.1) for r in roles]
    total = sum(shares)
    return Model(list(roles), [max(2.0, full * s / total) for s in shares], marked=marked_text(lines))


def _start_key(text: str, n: int = 24) -> str:
    return " ".join(fold(text[:n]).split())


@lru_cache(maxsize=1)
def _agency_triples() -> frozenset[tuple[str, str, str]]:
    """Consecutive folded word triples of the gazetteer's agency names ("phuc vu hanh", "co quan bao")."""
    from ..files import read_data

    out: set[tuple[str, str, str]] = set()
    for a in read_data("agencies.json")["agencies"]:
        for name in (a["name"], *a["aliases"]):
            words = key(name).split()
            out.update(zip(words, words[1:], words[2:], strict=False))
    return frozenset(out)


def _joins(tail: tuple[str, ...], first: str, whole: bool) -> bool:
    """The words at the end of a cell's line above and the first word here run on inside one agency name:
    a pair of a name ("báo" / "chí"); after a whole name, only a triple ("Phục vụ" / "hành" runs on,
    "Sở Nội vụ" / "hành" does not)."""
    if not tail or (tail[-1], first) not in _agency_pairs():
        return False
    return not whole or (len(tail) >= 2 and (tail[-2], tail[-1], first) in _agency_triples())


@dataclass(slots=True)
class _Starts:
    """What a fragment starting at each token would look like (computed once per line)."""

    label: list[str | None]  # the role an item label there names
    deadline: list[bool]
    agency: list[bool]
    output: list[bool]
    lower: list[bool]  # starts in lower case or with punctuation: continues a cell
    stt: list[bool]
    debris: list[bool]
    glued: list[bool]  # the token and the one before it are two words of one agency name ("Trung tâm")
    joins: list[frozenset[int]]  # columns whose text on the line above this token continues ("báo" / "chí")
    inner_label: list[int]  # prefix counts of tokens that open an item label (numbered)
    dates: list[int]  # prefix counts of tokens holding a date or a year (never inside an agency name)
    inner_sep: list[int]  # prefix counts of separator marks
    bare_agency: list[int]  # prefix counts of agency heads with no list separator before them
    number: list[bool]  # an amount: digits with `.`/`,` groups, no date
    numbers: list[int]  # prefix counts of amounts
    bond: list[float]  # how much likelier this word is after the word before it than alone (`lift`)
    cont: list[dict[int, float]]  # per column running down from the line above: the same after its last word
    earlier: frozenset[int]  # columns with text in the row above the line just above


def _first_last(text: str) -> tuple[str, str]:
    words = key(text).split()
    return (words[0], words[-1]) if words else ("", "")


def _starts(
    toks: Sequence[Token], above: Mapping[int, str], marked: bool = False, earlier: Mapping[int, str] | None = None
) -> _Starts:
    pairs = _agency_pairs()
    n = len(toks)
    rest = [" ".join(t.text for t in toks[i : i + 6]) for i in range(n)]
    keys = [_start_key(r) for r in rest]
    label: list[str | None] = []
    for k in keys:
        m = _LABEL.match(k)
        w = m.group(1) if m else ""
        label.append(
            None if not m else "objective" if w.startswith("muc") else "task" if w.startswith("nhiem") else "activity"
        )
    # a cell's agency name or output noun opens with a capital ("Ban Quản lý", "Văn bản"); in lower case
    # the same words are the middle of a sentence ("ban hành văn bản")
    capital = [t.text[:1].isupper() for t in toks]
    agency = [capital[i] and _agency_start(r[:24]) for i, r in enumerate(rest)]
    ends = [_first_last(t.text) for t in toks]
    glued = [i > 0 and (ends[i - 1][1], ends[i][0]) in pairs for i in range(n)]
    tails = {
        c: (tuple(key(text).split()[-2:]), _is_agency_name(re.split(r"[,;]", text)[-1]))
        for c, text in above.items()
        if key(text)
    }
    joins = [frozenset(c for c, (tail, whole) in tails.items() if _joins(tail, ends[i][0], whole)) for i in range(n)]
    inner_label, inner_sep, dates, bare, numbers = [0], [0], [0], [0], [0]
    number = [bool(_AMOUNT.match(t.text)) for t in toks]
    for i, t in enumerate(toks):
        dates.append(dates[-1] + (1 if _DATE.search(t.text) else 0))
        inner_label.append(inner_label[-1] + (1 if label[i] and t.text[:1].isdigit() else 0))
        inner_sep.append(inner_sep[-1] + (1 if t.sep_before else 0))
        listed = i > 0 and (toks[i - 1].text.endswith((",", ";", "/")) or ends[i - 1][1] == "va")
        bare.append(bare[-1] + (1 if agency[i] and i > 0 and not listed and not glued[i] else 0))
        numbers.append(numbers[-1] + (1 if number[i] and i > 0 else 0))
    cells_above = {**(earlier or {}), **above}
    cont = [
        {c: v for c, text in cells_above.items() if (v := _wrap_lift(text, t.text, marked))}
        if t.text[:1].islower()
        else {}
        for t in toks
    ]
    # the word before a line's first word is the last of the cell above that it goes on from best
    went_on = max(cont[0].items(), key=lambda cv: cv[1])[0] if n and cont[0] else None
    before_first = _last_word(cells_above[went_on]) if went_on is not None else ""
    return _Starts(
        label=label,
        deadline=[deadline_start(r) for r in rest],
        agency=agency,
        output=[capital[i] and k.startswith(output_nouns()) for i, k in enumerate(keys)],
        lower=[t.text[:1].islower() or t.text[:1] in ",;.)" for t in toks],
        stt=[bool(_STT.match(t.text.strip("."))) for t in toks],
        debris=[len(t.text) <= 3 and not t.text.isalpha() for t in toks],
        glued=glued,
        joins=joins,
        inner_label=inner_label,
        inner_sep=inner_sep,
        dates=dates,
        bare_agency=bare,
        number=number,
        numbers=numbers,
        # only words in lower case: a capital after a lower-case word opens a cell (`các cơ | Sở Nội vụ`,
        # though `cơ sở` is one phrase in the corpus)
        bond=[0.0]
        + [
            lift(toks[k - 1].text, toks[k].text, marked, toks[k - 2].text if k >= 2 else before_first)
            if toks[k].text[:1].islower()
            else 0.0
            for k in range(1, n)
        ],
        cont=cont,
        earlier=frozenset(earlier or ()),
    )


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


def _wrap_lift(above: str, first: str, marked: bool) -> float:
    """`lift` across a wrap: the cell line above's last two words and this line's first word."""
    words = above.split()
    return lift(words[-1], first, marked, words[-2] if len(words) >= 2 else "") if words else 0.0


@lru_cache(maxsize=65536)
def lift(first: str, second: str, marked: bool = False, before: str = "") -> float:
    """log10 of how much likelier syllable `second` is right after `first` than anywhere, by the
    language model built from the corpus (`vietnamese.lm`): `công` / `khai` 1.6, `định` / `khai`
    -0.3; with the word `before` them, when the model knows it (`cải cách` / `hành` 1.5, `cách` /
    `hành` 0.6). In a text not `marked` (OCR'd without a Vietnamese model), a pair where neither
    word carries a mark only that model writes is weighed over its spellings (`folded_bond`).
    0.0 when either is not a word the model knows (debris)."""
    from ..vietnamese.lm import load_model

    model = load_model()
    words = [w.strip(_EDGE_PUNCT).lower() for w in (first, second)]
    if not marked and not any(read_with_marks(w) for w in words):
        # OCR without marks: `cong` may be any of công, cống, cộng…, weighed by how often each is written
        return model.folded_bond(*(fold(w) for w in words))
    a, b = (model.index.get(w) for w in words)
    if a is None or b is None or min(a, b) <= model.num:
        return 0.0
    z = model.index.get(before.lower()) if (marked or read_with_marks(before)) and before.isalpha() else None
    return model.bond(a, b, z if z is not None and z > model.num and first[-1:].isalpha() else None)


_EDGE_PUNCT = ",.;:()[]|\"'“”-_"


@lru_cache(maxsize=1)
def agency_names() -> frozenset[str]:
    """The gazetteer's agency names and aliases as folded keys: a cell line that is one is finished."""
    from ..files import read_data

    return frozenset(key(n) for a in read_data("agencies.json")["agencies"] for n in (a["name"], *a["aliases"]))


@lru_cache(maxsize=65536)
def closed(role: str, text: str) -> bool:
    """Whether a cell's text on the line above looks finished: a sentence's full stop, a complete
    deadline ("Quý I/2024", "Hàng tháng"; not "Trước ngày", "Quý II năm"), a whole agency name."""
    t = text.rstrip()
    if t.endswith(".") and not t.endswith(".."):
        return True
    if role == "deadline":
        return is_deadline(t) and not wrapped_unit(t) and not waits_for_event(t)
    if role in ("lead", "partners"):
        return _is_agency_name(re.split(r"[,;]", t)[-1])
    return False


@lru_cache(maxsize=65536)
def _is_agency_name(text: str) -> bool:
    """`text` is a whole gazetteer name (or alias), OCR's vowel slips allowed in words read without marks."""
    words = key(text).split()
    if " ".join(words) in agency_names():
        return True
    raw = text.split()
    if len(words) < 2 or len(raw) != len(words) or any(read_with_marks(r) for r in raw):
        return False
    return any(
        all(a == b or vowel_slip(a, b) for a, b in zip(name.split(), words, strict=True))
        for name in agency_names()
        if len(name.split()) == len(words)
    )


DEADLINE_MISFIT = 1.0
# Word bonds from the corpus language model (`lift`): above BOND_FREE a pair of syllables is one
# phrase more often than chance, so a fragment boundary between them costs, and a line's fragment
# whose first word bonds with the last word of a cell above continues that cell.
BOND_FREE = 0.5
BOND_WEIGHT = 0.6


def _segment_score(
    model: Model,
    toks: Sequence[Token],
    st: _Starts,
    i: int,
    j: int,
    length: int,
    c: int,
    above: Mapping[int, str],
) -> float:
    """How well tokens[i:j] (`length` characters) read as one line of column `c`'s cell (log-odds-like)."""
    role = model.roles[c]
    width = model.widths[c]
    score = -0.6  # each fragment costs: fewer, fuller fragments unless the cues say otherwise
    over = length - 1.12 * width
    if over > 0:
        score -= 5.0 * over / width
    if toks[i].sep_before:
        score += 1.2
    elif st.glued[i]:
        score -= 1.0  # a boundary inside an agency name
    elif st.bond[i] > BOND_FREE:
        score -= BOND_WEIGHT * (st.bond[i] - BOND_FREE)  # a boundary inside a phrase (`quy | định`)
    score -= 1.2 * (st.inner_sep[j] - st.inner_sep[i + 1])
    if role == "stt":  # a number, or a speck of OCR debris where the number was
        return score + (2.5 if j - i == 1 and st.stt[i] else 0.0 if j - i == 1 and st.debris[i] else -4.0)
    if (
        i == 0
        and st.stt[i]
        and toks[i].text.isdigit()
        and "stt" in model.roles
        and not (role == "deadline" and st.deadline[i])
    ):
        score -= 2.0  # a number opening a line is the STT column's, unless it opens a deadline (`6 tháng đầu năm`)
    lab = st.label[i]
    if lab:
        score += 2.5 if role == lab else (0.5 if role in CONTENT else -2.5)
    score -= 1.5 * (st.inner_label[j] - st.inner_label[i + 1])  # a label inside: a boundary was missed
    # the cell above looks finished and this fragment would continue it (lower case; for agencies,
    # anything but a new agency name). A line that opens a new row starts every cell in capitals.
    finished = (
        c in above
        and c not in st.joins[i]
        and (
            st.lower[i]
            # a list goes on after its separator ("Sở Tài chính;" / "Sở Tư pháp"), a whole name does not
            or (role in ("lead", "partners") and not (st.agency[i] and above[c].rstrip().endswith((",", ";"))))
            # a year may follow "Cả năm", "Trong năm"; other numbers do not follow a finished deadline
            or (role == "deadline" and toks[i].text[:1].isdigit() and not fold(above[c]).rstrip().endswith("nam"))
        )
        and closed(role, above[c])
    )
    if role == "deadline" and not finished:  # a finished deadline ("Quý I/2024") takes no second one
        if st.deadline[i]:
            score += 1.5
        if j - i <= 6:
            text = " ".join(t.text for t in toks[i:j])
            if is_deadline(text):
                score += 1.0
            elif toks[i].text[:1].isupper() and wrapped_unit(text):
                score += 1.2  # "Năm" / "2025": the unit ends the cell's line, its number wrapped
        if c in above and wrapped_unit(above[c]) and _NUMBER_NEXT.match(fold(toks[i].text)):
            score += 1.5  # "Quý II -" / "III/2026": the number of the unit above
        elif c not in above and toks[i].text[:1].isupper() and not st.deadline[i] and read_with_marks(toks[i].text):
            # a new deadline cell opens with its time words, not `Tổng hợp,` (a word read with its
            # marks: without them OCR garbles time words too, `Quy` `Nam`, past `deadline_start`)
            score -= DEADLINE_MISFIT
    elif st.deadline[i] and role != "deadline" and role not in CONTENT:  # time words in another column
        score -= 0.8
    if role == "budget":
        score += 1.0 if j - i == 1 and st.number[i] else -0.5
        if st.deadline[i] or wrapped_unit(" ".join(t.text for t in toks[i : min(j, i + 3)])):
            score -= 1.0  # time words beside an empty budget column are the deadline's
    elif role != "deadline":
        score -= 1.0 * (st.numbers[j] - st.numbers[i])  # a bare amount ("80", "1.200") is the budget's
    if role in ("lead", "partners"):
        score += 1.2 if st.agency[i] else 0.0
        score -= 1.5 * (st.dates[j] - st.dates[i])
        score -= 1.0 * (st.bare_agency[j] - st.bare_agency[i + 1])  # a second agency with no list mark
    elif st.agency[i] and role == "outputs":
        score -= 0.6
    if role == "outputs" and st.output[i]:
        score += 1.0
    if st.cont[i].get(c, 0.0) > BOND_FREE:  # the wrap splits a phrase (`Báo cáo công` / `khai ngân sách`)
        score += BOND_WEIGHT * (st.cont[i][c] - BOND_FREE)
    if c in above:
        if c in st.joins[i]:
            score += 0.8  # the words on both sides of the wrap are one agency name's
        elif finished:
            # a finished cell goes on only with a new item; a new deadline phrase may open the next row's cell
            score -= (0.0 if st.deadline[i] else 1.5) if role == "deadline" else 0.9
        score += 0.6 if st.lower[i] else 0.2  # a lower-case start continues a cell begun above
    elif st.lower[i] and not (c in st.earlier and st.cont[i].get(c, 0.0) > BOND_FREE):
        score -= 1.2  # nothing above in this column for a lower-case word to go on from
    return score


def _logaddexp(a: float, b: float) -> float:
    if a < b:
        a, b = b, a
    if b == -math.inf:
        return a
    return a + math.log1p(math.exp(b - a))


def _logsumexp(values: Sequence[float]) -> float:
    m = max(values)
    if m == -math.inf:
        return m
    return m + math.log(sum(math.exp(v - m) for v in values))


def segment_line(
    model: Model,
    toks: Sequence[Token],
    prev_cols: Mapping[int, str] | frozenset[int] = frozenset(),
    earlier: Mapping[int, str] | None = None,
) -> list[Fragment]:
    """The best split of one line into column fragments (`segment_line_scored` without the score)."""
    return segment_line_scored(model, toks, prev_cols, earlier)[0]


def segment_line_scored(
    model: Model,
    toks: Sequence[Token],
    prev_cols: Mapping[int, str] | frozenset[int] = frozenset(),
    earlier: Mapping[int, str] | None = None,
) -> tuple[list[Fragment], float]:
    """The best split of one line into column fragments (Viterbi), each with its posterior probability.

    `prev_cols`: the columns that had text on the line above, with that text when known (a cell
    that ends there with a full stop or a complete deadline is unlikely to go on). `earlier`: the
    row's cells' last lines above that (a phrase wrapped there may still go on here).

    State: (tokens consumed, last column used); a fragment is tokens[i:j] in a column after the
    previous one. Fragment length is bounded by the column's width, so the work is linear in the
    line's length.
    """
    n, k = len(toks), len(model.roles)
    if n == 0:
        return [], 0.0
    lens = [len(t.text) + 1 for t in toks]
    above = prev_cols if isinstance(prev_cols, Mapping) else dict.fromkeys(prev_cols, "")
    st = _starts(toks, above, model.marked, earlier)
    neg = -math.inf
    # best[i][c]: best score having consumed i tokens with column c last (c = -1 -> index 0 is "none")
    best = [[neg] * (k + 1) for _ in range(n + 1)]
    fwd = [[neg] * (k + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (k + 1) for _ in range(n + 1)]
    best[0][0] = fwd[0][0] = 0.0
    scores: dict[tuple[int, int, int], float] = {}
    by_start: list[list[tuple[int, int, float]]] = [[] for _ in range(n + 1)]
    for i in range(n):
        # best/forward over every column state before c (prefix), for transitions into column c
        prev_best, pf = 0, neg
        for c in range(k):
            if best[i][c] > best[i][prev_best]:
                prev_best = c
            pb = best[i][prev_best]
            pf = _logaddexp(pf, fwd[i][c])
            if pb == neg:
                continue
            limit = max(1.4 * model.widths[c], 6)
            length = -1
            for j in range(i + 1, n + 1):
                length += lens[j - 1]
                if length > limit and j > i + 1:
                    break
                s = _segment_score(model, toks, st, i, j, length, c, above)
                scores[(i, j, c)] = s
                by_start[i].append((j, c, s))
                if pb + s > best[j][c + 1]:
                    best[j][c + 1] = pb + s
                    back[j][c + 1] = (i, prev_best)
                fwd[j][c + 1] = _logaddexp(fwd[j][c + 1], pf + s)
    end_state = max(range(1, k + 1), key=lambda c: best[n][c])
    if best[n][end_state] == neg:
        return [Fragment(0, " ".join(t.text for t in toks), 0.0)], -100.0
    # backward pass for posteriors
    bwd = [[neg] * (k + 1) for _ in range(n + 1)]
    for c in range(1, k + 1):
        bwd[n][c] = 0.0
    for i in range(n - 1, -1, -1):
        into = [neg] * k  # log-sum over fragments from token i into column c and on to the end
        for j, c, s in by_start[i]:
            into[c] = _logaddexp(into[c], s + bwd[j][c + 1])
        acc = neg
        for cp in range(k, -1, -1):  # state (i, cp): the next fragment goes to a column c >= cp
            if cp < k:
                acc = _logaddexp(acc, into[cp])
            bwd[i][cp] = acc
    z = _logsumexp([fwd[n][c] for c in range(1, k + 1)])
    pieces: list[Fragment] = []
    j, c1 = n, end_state
    while j > 0:
        step = back[j][c1]
        assert step is not None
        i, p = step
        s = scores[(i, j, c1 - 1)]
        post = math.exp(min(0.0, _logsumexp(fwd[i][:c1]) + s + bwd[j][c1] - z))
        pieces.append(Fragment(c1 - 1, " ".join(t.text for t in toks[i:j]), post))
        j, c1 = i, p
    pieces.reverse()
    return pieces, best[n][end_state]


def learn_widths(model: Model, segmented: Sequence[list[Fragment]]) -> Model:
    """Re-estimate each column's width from a segmentation: a high quantile of its fragment lengths."""
    widths = []
    for c, w in enumerate(model.widths):
        lengths = sorted(len(f.text) for frags in segmented for f in frags if f.col == c)
        if len(lengths) >= 4:
            est = 1.1 * lengths[int(0.9 * (len(lengths) - 1))]  # fragments that fill a too narrow guess: let it grow
            widths.append(min(max(est, 0.6 * w), 1.8 * w))
        else:
            widths.append(w)
    return Model(model.roles, widths, model.stats, model.marked)
