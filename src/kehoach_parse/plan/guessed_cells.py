"""What an agency or deadline cell of a guessed grid holds.

Where the loader guessed the column borders (OCR'd plain text, whose lines hold every
column's fragments side by side), a cell may also hold words of its neighbours: the lead
cell `Sở Tư pháp ngành HĐND dự thảo văn bản`, the deadline `Năm 2025 SỐ, 2 hganh,`. Such a
cell keeps what its column's grammar recognises — the agencies the gazetteer names, the
time phrase the deadline grammar reads — and the record keeps the whole cell as a repair of
the field (`lead`, `partners`, `deadline.text`; method `ocr`: OCR's layout put the words
there), so nothing is lost and a reader sees what was dropped.

Nothing here runs on a grid whose borders were printed or drawn (DOCX, digital PDF,
ruled scans): there a cell holds only its own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon.deadlines import (
    YEAR_RE,
    is_deadline,
    is_number_part,
    is_recurrence,
    respell,
    time_vocabulary,
    wrapped_unit,
)
from ..lexicon.text import is_mark
from ..vietnamese.keys import fold
from .agencies import Gazetteer, agency_key, known_name
from .deadlines import time_atoms
from .lists import starts_with_head

__all__ = ["agencies_in", "claim_deadline", "rejoin_deadline", "time_phrase_in"]

MAX_NAME_WORDS = 10  # the longest gazetteer names ("Các sở, cơ quan, đơn vị thuộc UBND tỉnh") are 8 words
_TOKEN = re.compile(r"\S+")
_EDGE = " ,;:.-–—|[]{}_/\\'\"“”‘’*+<>=~`"


def _abbreviation(word: str) -> bool:
    """A one-word name must be written as an abbreviation (`STP`, `SNV`), not a common word."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _closing(tokens: list[re.Match[str]], j: int, reach: int = 25) -> int | None:
    """Index of the token closing a remark opened at token `j` ("(đối với …)"), if within reach."""
    depth = 0
    for k in range(j, min(len(tokens), j + reach)):
        depth += tokens[k].group().count("(") - tokens[k].group().count(")")
        if depth <= 0:
            return k
    return None


_LINKS = frozenset(("thuoc", "va", "cua", "voi", "&", "-", "–"))  # words joining an unknown name to a known one


def agencies_in(item: str, gazetteer: Gazetteer) -> list[str] | None:
    """The names in `item` the gazetteer knows (each with a remark in parentheses that follows it),
    in order; None when it names none, so the item stays as written.

    Longest names first, left to right: `Các sở, ngành pháp` -> [`Các sở, ngành`]. Words before
    the first known name stay as a name of their own when they open with an agency head
    (`Các Sở, cơ quan, đơn vị thudc BCDH UBND tỉnh`: an unknown group, then `UBND tỉnh`);
    other words between or after names are neighbours' words. A name the gazetteer still knows
    with the words after it keeps them (`Sở Tư pháp tỉnh`); an unknown name ending in a link word
    before a known one (`… thuộc Sở Nội vụ`) is one name, and the item stays as written.
    """
    tokens = list(_TOKEN.finditer(item))
    spans: list[tuple[int, int]] = []  # (first token, last token) of each known name
    i = 0
    while i < len(tokens):
        hit = 0
        for n in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
            if n == 1 and not _abbreviation(tokens[i].group()):
                continue
            if agency_key(item[tokens[i].start() : tokens[i + n - 1].end()]) in gazetteer.entries:
                hit = n
                break
        if not hit:
            i += 1
            continue
        last = i + hit - 1
        name = gazetteer.entries[agency_key(item[tokens[i].start() : tokens[last].end()])].name
        while last + 1 < len(tokens) and last - i < MAX_NAME_WORDS:  # its qualifiers: `Sở Tư pháp tỉnh`
            longer = item[tokens[i].start() : tokens[last + 1].end()]
            said = {fold(t.group()).strip(_EDGE) for t in tokens[i : last + 1]}
            if (
                fold(tokens[last + 1].group()).strip(_EDGE) in said
                or known_name(longer.rstrip(_EDGE), gazetteer) != name
            ):
                break  # (a word the name already has is a neighbour's: `UBND tỉnh tinh`)
            last += 1
        if last + 1 < len(tokens) and tokens[last + 1].group().startswith("("):
            close = _closing(tokens, last + 1)
            last = close if close is not None else last
        spans.append((i, last))
        i = last + 1
    if not spans:
        return None
    ends = [-1] + [last for _, last in spans[:-1]]  # where the words before each known name begin, less one
    for (first, _), end in zip(spans, ends, strict=True):
        gap = item[tokens[end + 1].start() : tokens[first - 1].end()] if first > end + 1 else ""
        named = end >= 0 or starts_with_head(fold(gap))  # the words before are part of a name
        if gap and named and fold(tokens[first - 1].group()).strip(_EDGE) in _LINKS:
            return None  # `Chi cục Văn thư - Lưu trữ thuộc Sở Nội vụ`: one unknown name around a known one
    if spans[0][0] > 0 and starts_with_head(fold(item[tokens[0].start() :])):
        spans.insert(0, (0, spans[0][0] - 1))
    out: list[str] = []
    for first, last in spans:
        text = item[tokens[first].start() : tokens[last].end()].strip(_EDGE)
        if text.count("(") > text.count(")"):
            text = text.split("(")[0].strip(_EDGE)
        if text:
            out.append(text)
    return out or None


_CONNECT = frozenset("-–,;/")
_YEAR = re.compile(r"(?:19|20)\d\d[,;.]?")


def time_phrase_in(text: str) -> str | None:
    """The time phrase of a deadline cell that also holds other words; None when there is nothing to cut.

    The cell's tokens are marked as time (inside a date, month, quarter or year the grammar
    reads, a word of the deadline vocabulary, a connector); each run of time tokens that holds
    a date, month, quarter or year is kept from the vocabulary words leading up to its first
    number (`Trước ngày 10/2/2025`) to its last (nothing closes a time phrase after its number).
    A year standing alone (`2025`, no unit word before it) is a neighbour's stray number when
    another run says what it is of: `Tháng 10/2025 2025`, `Tháng 01/2025 2024; tỉnh, 2024`.
    The runs kept are joined without what stood between them. A cell without a number keeps the
    phrase opening it (`Hàng quý a P` -> `Hàng quý`).
    """
    work = fold(text)
    if len(work) != len(text):
        return None
    atoms = time_atoms(work)
    if not atoms:
        return _phrase_opening(text)
    tokens = list(_TOKEN.finditer(work))
    words = time_vocabulary()[1]
    kinds: list[str] = []  # "atom" (inside a number the grammar reads), "word", "link" or "" (not time)
    for m in tokens:
        core = re.sub(r"[^\w]", "", m.group())
        if any(a.begin < m.end() and m.start() < a.end for a in atoms):
            kinds.append("atom")
        elif core and core in words:
            kinds.append("word")
        else:
            kinds.append("link" if m.group() in _CONNECT else "")

    def lone_year(k: int) -> bool:
        """A bare year with no unit word before it and not closing a range (`2024 - 2025`)."""
        tok = tokens[k]
        if not _YEAR.fullmatch(tok.group()) or any(a.begin < tok.start() < a.end for a in atoms):
            return False  # `Quý III năm 2025`: the year closes a longer phrase
        before = tokens[k - 1].group() if k > 0 else ""
        ranged = bool(re.fullmatch(r"(?:19|20)\d\d[-–]", before)) or (
            before in "-–" and k > 1 and bool(_YEAR.fullmatch(tokens[k - 2].group()))
        )
        return not (k > 0 and kinds[k - 1] == "word") and not ranged

    runs: list[tuple[int, int, bool]] = []  # (first token, last token, says what its numbers are of)
    i = 0
    while i < len(tokens):
        if not kinds[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and kinds[j + 1]:
            j += 1
        anchors = [k for k in range(i, j + 1) if kinds[k] == "atom"]
        if anchors:
            first = anchors[0]
            while first > i and kinds[first - 1] == "word":
                first -= 1
            strong = [k for k in anchors if not lone_year(k)]
            runs.append((first, anchors[-1], bool(strong)))
        i = j + 1
    if any(strong for *_, strong in runs):
        runs = [r for r in runs if r[2]]
        runs = [(a, _drop_lone_years(a, b, lone_year, kinds), True) for a, b, _ in runs]
    if not runs:
        return None
    # runs kept are joined, the words between them dropped (`Quý IV 350 năm 2024`: the budget's 350)
    phrase = " ".join(text[tokens[a].start() : tokens[b].end()].strip(_EDGE) for a, b, _ in runs).strip()
    return phrase if phrase and phrase != " ".join(text.split()) else None


def _phrase_opening(text: str) -> str | None:
    """A phrase without a number that the deadline grammar reads whole (`Hàng quý`, `Thường
    xuyên`) opening a cell that also holds a neighbour's words or grain (`Hàng quý a P`,
    `Thường xuyên HĐND,`): the longest such opening not followed by a lower-case word (that goes on
    with it); None when the whole cell reads or none does."""
    words = text.split()
    if len(words) < 2 or is_deadline(" ".join(words)):
        return None
    for n in range(min(len(words) - 1, MAX_TIME_WORDS), 0, -1):
        head = " ".join(words[:n]).strip(_EDGE)
        nxt = "".join(ch for ch in words[n] if ch.isalpha())
        if not head or not is_deadline(head):
            continue
        if len(nxt) >= 3 and nxt.islower() and not is_recurrence(head):
            # a word going on in lower case goes on with the phrase (`Theo kế hoạch riêng`); a recurrence
            # is whole by itself (`Thường xuyên hành chính`: the words after it are a neighbour's)
            continue
        return head
    return None


def _drop_lone_years(first: int, last: int, lone_year: Callable[[int], bool], kinds: list[str]) -> int:
    """The run's last token once trailing lone years (and the connectors before them) are cut."""
    while last > first and (lone_year(last) or kinds[last] == "link"):
        last -= 1
    return last


_UNIT_END = (" nam", " quy", " thang", " ngay", "-", "den")
MAX_TIME_WORDS = 5  # "Quý III năm", "6 tháng đầu năm", "Trước ngày": a deadline's words before its number
NEIGHBOURS = ("partners", "lead", "outputs", "notes")  # cells a deadline's words may have strayed into


def rejoin_deadline(cells: dict[str, str]) -> tuple[str, str, str, str] | None:
    """A deadline whose wrapped halves OCR's layout put in two cells, joined again.

    A deadline cell wraps: `Trước ngày` / `30/4/2026`, `Tháng` / `3/2025`. In a guessed grid one
    half may land in a neighbouring cell, on a line of its own or at a line's edge (`Các cơ quan
    báo chí Trước ngày`, `3/2025 Báo cáo kết quả`). When the deadline cell holds only a number
    part, the time words closing a neighbour's line join it; when it holds only words that wait
    for their number (`Trước ngày`, `Quý III -`, `6 tháng đầu năm`), the number opening a
    neighbour's line joins it. Either only when the deadline grammar reads the join whole, and
    time words only when they open as a cell does (a capital or a figure: `Báo cáo năm` keeps
    its `năm`). The joined phrase is spelled as the vocabulary spells it (`Thắng` restored alone is
    `Tháng` before its number). Returns (new deadline, neighbour role, its new text, the words
    moved) or None.
    """
    deadline = " ".join(cells.get("deadline", "").split())
    if not deadline:
        return None
    folded = fold(deadline)
    number_only = is_number_part(folded)
    waiting = not YEAR_RE.search(folded) and (wrapped_unit(deadline) or folded.endswith(_UNIT_END))
    if not (number_only or waiting):
        return None
    for role in NEIGHBOURS:
        words = _cell_words(cells.get(role, ""))
        for k in range(cells.get(role, "").count("\n") + 1):
            # time words close a line, those of the lines above it too (`6 tháng đầu` / `năm`)
            end = stop = sum(1 for line_k, _ in words if line_k <= k)
            while end > 0 and words[end - 1][0] == k and is_mark(words[end - 1][1]):
                end -= 1  # junk marks closing the line (`Quy II nam _`) go with the words
            if number_only:
                for n in range(min(MAX_TIME_WORDS, end), 0, -1):
                    tail = [w for _, w in words[end - n : end]]
                    opener = tail[0][:1]
                    if not (opener.isupper() or opener.isdigit()) or YEAR_RE.search(" ".join(tail)):
                        continue
                    if is_deadline(joined := f"{' '.join(tail)} {deadline}"):
                        return respell(joined, restored=True), role, _without(words, end - n, stop), " ".join(tail)
            else:
                first = next((m for m, (line_k, _) in enumerate(words) if line_k == k), None)
                if first is None or not is_number_part(words[first][1].strip(".,;")):
                    continue
                number = words[first][1].strip(".,;")
                if is_deadline(joined := f"{deadline} {number}"):
                    return respell(joined, restored=True), role, _without(words, first, first + 1), number
    return None


def _cell_words(text: str) -> list[tuple[int, str]]:
    """(line index, word) of each word of a cell, in reading order."""
    return [(k, w) for k, line in enumerate(text.split("\n")) for w in line.split()]


def _without(words: list[tuple[int, str]], start: int, stop: int) -> str:
    """A cell's text, its lines kept, without words [start, stop) (empty lines dropped)."""
    lines: dict[int, list[str]] = {}
    for m, (k, w) in enumerate(words):
        lines.setdefault(k, [])
        if not start <= m < stop:
            lines[k].append(w)
    return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()) if ws)


def claim_deadline(cells: dict[str, str]) -> tuple[str, str, str, str] | None:
    """A deadline OCR's layout put whole into a neighbouring cell while its own cell stayed empty
    (`Quyết định phê duyệt Quý II/2026 Chương trình`, `Các sở, ban, ngành Năm 2025`).

    The words moved open as a cell does (a capital or a figure, not after a time word) and hold a
    year, not a year alone, and the deadline grammar reads them whole (`Báo cáo năm 2025` keeps
    its `năm 2025`: it opens in lower case); the longest such run, first in NEIGHBOURS order and
    then left to right, is taken. Only where the table has a deadline column (`cells` has the
    key). Returns (deadline, neighbour role, its new text, the words moved) or None.
    """
    if "deadline" not in cells or cells["deadline"].strip():
        return None
    for role in NEIGHBOURS:
        words = _cell_words(cells.get(role, ""))
        for m, (_, first) in enumerate(words):
            if not (first[:1].isupper() or first[:1].isdigit()):
                continue
            if m and fold(words[m - 1][1]).strip(_EDGE) in time_vocabulary()[1]:
                continue  # `năm 2025` goes on a phrase that opened before (`Báo cáo năm 2025`)
            for n in range(min(MAX_TIME_WORDS + 2, len(words) - m), 0, -1):
                span = " ".join(w for _, w in words[m : m + n]).strip(_EDGE)
                if _YEAR.fullmatch(span) or not YEAR_RE.search(fold(span)):
                    continue  # a year standing alone is any cell's number (`Kế hoạch 2025`)
                if is_deadline(span):
                    return respell(span, restored=True), role, _without(words, m, m + n), span
    return None
