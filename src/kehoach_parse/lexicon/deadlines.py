"""A deadline recogniser: does a short text read as (the start of) a Thời gian cell?

The OCR-text rebuild (`loaders/text_columns.py`) has to tell a deadline fragment from the
words around it without reading it fully; `plan/deadlines.py` reads the cell afterwards. Both
take their phrases from `data/deadline_phrases.json`; the numeric grammar (quarters, months,
years, dates) is the same as the reader's. Matching is on the accent-free, lower-case text,
so OCR without diacritics (`Thuong xuyen`, `Quy IV/2023`, `Nam 2025`) is recognised too.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from ..files import read_data
from ..vietnamese.keys import fold
from .slips import read_with_marks, vowel_slip

# Roman or Arabic quarter numerals as printed and as OCR misreads them ("1", "11", "l", "1v", "!" for "I").
NUM_Q = r"(?:111|11|1v|iv|iii|ii|i|lll|ll|lv|l|!|[1-4])(?![a-z0-9])"
YEAR = r"(?:19|20)\d{2}(?!\d)"
YEAR_RE = re.compile(YEAR)
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*" + YEAR
_MONTH_YEAR = r"\d{1,2}\s*/\s*" + YEAR
# a time unit whose number wrapped onto the next line ("Năm" / "2025", "Quý" / "IV/2023")
_UNITS = ("nam", "quy", "thang", "ngay")
_WORD_EDGE = ",.;:()|[]"  # marks around a word OCR or the cell put there
_APOSTROPHE = re.compile(r"(?<=[a-z])['’‘`](?=[a-z])")
# time words OCR ran together with their numeral or number (`QuýIInăm`, `Quý Inăm`, `Năm2024`, `Thang4/2024`)
_GLUED_QUARTER = re.compile(r"(?i)\b(qu[yýỳỷỹỵ])?\s*(iv|1v|i{1,3})(n[aăâ]m)\b")
_GLUED_NUMBER = re.compile(r"(?i)\b(n[aăâ]m|th[aá]ng)(?=\d)")
# a range's dash with a space on one side only: OCR lost the other (`Quý II- Quý III/2024`)
_LOPSIDED_DASH = re.compile(r"(?<=[^\W\d_])([-–]) (?=[^\W\d_])|(?<=[^\W\d_]) ([-–])(?=[^\W\d_])")


def unglue_time(text: str) -> str:
    """Spaces OCR lost inside a time phrase put back (`QuýIInăm` -> `Quý II năm`, `Năm2024` -> `Năm 2024`,
    `Quý II- Quý III` -> `Quý II - Quý III`)."""

    def quarter(m: re.Match[str]) -> str:
        if m.group(1) is None and m.group(2).lower() == "i" and not re.search(r"(?i)qu\S\s*$", text[: m.start()]):
            return m.group(0)  # `Inăm` alone: a quarter's numeral only after `Quý`
        return " ".join(g for g in m.groups() if g)

    text = _LOPSIDED_DASH.sub(lambda m: f" {m.group(1) or m.group(2)} ", text)
    return _GLUED_NUMBER.sub(r"\1 ", _GLUED_QUARTER.sub(quarter, text))


def phrase_pattern(phrase: str) -> str:
    """A vocabulary phrase as a regex over folded text, any run of spaces between its words."""
    return r"\s+".join(re.escape(w) for w in fold(phrase).split())


@lru_cache(maxsize=1)
def _recurrences() -> frozenset[str]:
    return frozenset(fold(p) for group in read_data("deadline_phrases.json")["recurrence"].values() for p in group)


@lru_cache(maxsize=1)
def _event_openings() -> frozenset[str]:
    return frozenset(fold(p) for p in read_data("deadline_phrases.json")["event_prefixes"])


def waits_for_event(text: str) -> bool:
    """`text` is only the words opening an event (`Khi có`, `Sau khi`, `Theo`): its object follows,
    on the next line where the column wrapped."""
    return _folded(text).strip(" ,.;:") in _event_openings()


def is_recurrence(text: str) -> bool:
    """`text` is one recurrence phrase of the vocabulary, whole (`Thường xuyên`, `Hàng quý`; OCR's
    slips undone): a deadline that needs no more words."""
    return _folded(text).strip() in _recurrences()


def phrases() -> list[str]:
    """Every phrase of deadline_phrases.json that opens a cell by itself (events need their object)."""
    raw = read_data("deadline_phrases.json")
    out = list(raw["before"]) + list(raw["whole_year"]) + list(raw["event_contains"])
    for group in raw["recurrence"].values():
        out += group
    for group in raw["half_year"].values():
        out += group
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = "|".join(phrase_pattern(p) for p in sorted(phrases(), key=len, reverse=True))
    atom = (
        r"(?:quy\s*" + NUM_Q + r"|thang\s*\d{1,2}(?!\d)|nam\s*" + YEAR + "|" + _DATE + "|" + _MONTH_YEAR
        + "|" + YEAR + ")"
    )  # fmt: skip
    # a phrase's opening words with a unit among them open a deadline its column wrapped (`6 tháng cuối` / `năm`)
    openings = {
        " ".join(ws[:n])
        for p in phrases()
        if len(ws := fold(p).split()) >= 3
        for n in range(2, len(ws))
        if any(w in _UNITS for w in ws[:n])
    }
    opened = "|".join(phrase_pattern(p) for p in sorted(openings, key=len, reverse=True))
    start = re.compile(r"^(?:(?:" + words + "|" + opened + r")(?![a-z])|" + atom + ")")
    connectors = "|".join(phrase_pattern(p) for p in read_data("deadline_phrases.json")["range_connectors"])
    whole = re.compile(r"^(?:(?:" + words + r")(?![a-z])|" + atom + r"|ngay|nam|va|" + connectors + r"|[\s,.;:/()-])+$")
    unit = "(?:" + "|".join(_UNITS) + ")"
    wrapped = re.compile(
        r"^(?:(?:" + words + r"|quy\s*" + NUM_Q + r"|thang\s*\d{1,2}|" + atom + r")\s*(?:[-,]|va|den)?\s+)?" + unit
        + r"$|^.*(?:-|den|toi|,)$"
    )  # fmt: skip
    return start, whole, wrapped


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], dict[str, str]]:
    """The phrases' words and units, and each phrase of two or more words glued ("canam": "ca nam")."""
    words: set[str] = set(_UNITS)
    glued: dict[str, str] = {}
    for p in phrases():
        ws = fold(p).split()
        words.update(w for w in ws if w.isalpha())
        if len(ws) > 1:
            glued["".join(ws)] = " ".join(ws)
    return tuple(sorted(words)), glued


def _vowel_lost(word: str, core: str) -> bool:
    """`core` is the phrase word of five letters or more with one of its vowels lost (`Truc` for `Trước`)."""
    return (
        len(word) >= 5
        and len(core) == len(word) - 1
        and any(word[k] in "aeiouy" and word[:k] + word[k + 1 :] == core for k in range(len(word)))
    )


@lru_cache(maxsize=1)
def _phrase_pairs() -> frozenset[tuple[str, str]]:
    """Consecutive folded word pairs of the vocabulary's phrases (`khi co`, `ca nam`)."""
    raw = read_data("deadline_phrases.json")
    texts = [*phrases(), *raw["event_prefixes"]]
    return frozenset(pair for p in texts for pair in itertools.pairwise(fold(p).split()))


def _folded(text: str) -> str:
    """The folded words, OCR's vowel slips and lost spaces in a phrase's words undone (`Truéc ngay`,
    `Canam`, `ném 2025`); words read with Vietnamese marks are taken as printed."""
    words, glued = _words()
    out: list[str] = []
    for raw in unglue_time(text).split():  # `QuýIInăm`: `Quý II năm`
        f = _APOSTROPHE.sub("", fold(raw))  # a horn read as an apostrophe: `Tru’éc`
        core = f.strip(_WORD_EDGE)
        if core and core.isalnum() and not core.isdigit() and core not in words and not read_with_marks(raw):
            if core in glued:
                f = f.replace(core, glued[core])
            else:
                allowed = 1 if len(core) <= 4 else 2
                slipped = [w for w in words if vowel_slip(w, core, allowed) or _vowel_lost(w, core)]
                # of several (`c6`: `cả` or `có`), the one a phrase puts after the word before (`Khi có`)
                prev = out[-1].strip(_WORD_EDGE) if out else ""
                fixed = next((w for w in slipped if (prev, w) in _phrase_pairs()), slipped[0] if slipped else None)
                if fixed is None:
                    fixed = next((g for g in glued if vowel_slip(g, core, 2)), None)
                    fixed = glued[fixed] if fixed else None
                if fixed is not None:
                    f = f.replace(core, fixed)
        out.append(f)
    return " ".join(out)


@lru_cache(maxsize=65536)
def deadline_start(text: str) -> bool:
    """`text` opens with a deadline phrase, a quarter, month, year or date ("Quý II/2025 ...")."""
    return bool(_patterns()[0].match(_folded(text)))


@lru_cache(maxsize=65536)
def is_deadline(text: str) -> bool:
    """`text` is a deadline and nothing else ("Trước ngày 31/12/2024", "Hàng quý", "Quý I - Quý II/2024")."""
    t = _folded(text).strip(" |[]")
    return bool(t) and bool(_patterns()[0].match(t)) and bool(_patterns()[1].match(t))


@lru_cache(maxsize=65536)
def wrapped_unit(text: str) -> bool:
    """`text` ends where its number or second part wrapped onto the next line ("Năm", "Trước ngày", "Quý I -")."""
    return bool(_patterns()[2].match(_folded(text).strip(" |[]")))


@lru_cache(maxsize=1)
def _events() -> tuple[str, ...]:
    """The event phrases, folded, longest first."""
    raw = read_data("deadline_phrases.json")
    return tuple(sorted({fold(p) for p in (*raw["event_prefixes"], *raw["event_contains"])}, key=len, reverse=True))


def opens_with_event(text: str) -> bool:
    """`text` opens with an event phrase (`Theo chỉ đạo`, `Lồng ghép`, `Khi có`): a deadline set by
    what happens, not by a time, in words a notes or content cell uses as well."""
    t = _folded(text).strip(" |[]")
    return any(t == e or t.startswith(e + " ") for e in _events())


@lru_cache(maxsize=1)
def _timed_heads() -> frozenset[str]:
    """The opening words of every phrase of two words or more but the events', folded (`thuong` of
    `thường xuyên`, `6 thang` of `6 tháng cuối năm`; not `theo` of `theo kế hoạch`)."""
    events = set(_events())
    return frozenset(
        " ".join(ws[:n])
        for p in phrases()
        if len(ws := fold(p).split()) >= 2 and fold(p) not in events
        for n in range(1, len(ws))
    )


@lru_cache(maxsize=65536)
def wrapped_opening(text: str) -> bool:
    """`text` opens a time whose rest wrapped onto the next line: a unit waiting for its number
    (`Tháng` / `12/2025`, `Quý I -` / `Quý II`) or a time phrase's first words (`Thường` / `xuyên`,
    `6 tháng` / `cuối năm`); not any words a comma ends (`Các sở,`), which `wrapped_unit` takes
    inside a deadline cell."""
    t = _folded(text).strip(" |[]")
    if not t:
        return False
    if t in _timed_heads():
        return True
    return (t.split()[0] in _UNITS or deadline_start(text)) and wrapped_unit(text)


@lru_cache(maxsize=1)
def _spellings() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Every phrase as (folded words, spelled words), longest first; the time units as one-word phrases
    spelled as the recurrences spell them ("quý" of "hàng quý", not "quy" of "theo quy định")."""
    raw = read_data("deadline_phrases.json")
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for p in phrases():  # the first spelling listed wins ("hàng tháng" before "hằng tháng")
        out.setdefault(tuple(fold(p).split()), tuple(p.lower().split()))
    timed = [w for group in raw["recurrence"].values() for p in group for w in p.lower().split()]
    for unit in _UNITS:
        spelled = next((w for w in timed if fold(w) == unit), None)
        if spelled is not None:
            out.setdefault((unit,), (spelled,))
    return tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))


_NUMBERED = re.compile(r"^(?:\d|" + NUM_Q + r"[/\s]|[ivxl]+$)", re.I)


def respell(text: str, *, restored: bool = False) -> str:
    """A deadline cell's phrases as the data file spells them, where OCR lost their diacritics ("Nam 2025" ->
    "Năm 2025", "Thuong xuyen" -> "Thường xuyên", "Truéc ngay" -> "Trước ngày"). A unit is respelled only
    before its number ("Quy IV" -> "Quý IV"); words read with Vietnamese marks stay as read, unless
    `restored` says the marks are the repair stage's guess for a word read without them (`Thắng 3/2025`)."""
    parts = re.split(r"(\s+)", unglue_time(text))
    words, spaces = parts[0::2], parts[1::2]
    cores = [w.strip(_WORD_EDGE) for w in words]
    folded = [_folded(c) if c and (restored or not read_with_marks(c)) else "" for c in cores]
    k = 0
    glued = {" ".join(phrase): spelled for phrase, spelled in _spellings() if len(phrase) > 1}
    while k < len(words):
        if folded[k] in glued and (restored or not read_with_marks(cores[k])):  # "Canam": a phrase whose space OCR lost
            word = " ".join(glued[folded[k]])
            words[k] = words[k].replace(cores[k], word[:1].upper() + word[1:] if cores[k][:1].isupper() else word, 1)
            k += 1
            continue
        for phrase, spelled in _spellings():
            n = len(phrase)
            if tuple(folded[k : k + n]) != phrase:
                continue
            if n == 1 and phrase[0] in _UNITS and not (k + 1 < len(words) and _NUMBERED.match(fold(cores[k + 1]))):
                continue
            for d in range(n):
                core, word = cores[k + d], spelled[d]
                if read_with_marks(core) and not restored:
                    continue  # read by a Vietnamese model: kept as read
                word = word[:1].upper() + word[1:] if core[:1].isupper() else word
                words[k + d] = words[k + d].replace(core, word, 1)
            k += n - 1
            break
        k += 1
    return "".join(w + (spaces[i] if i < len(spaces) else "") for i, w in enumerate(words))


_TIME_NUMBER = re.compile(rf"(?:\d{{1,2}}/){{0,2}}{YEAR}|(?:{NUM_Q})(?:/{YEAR})?", re.I)


# a deadline's number part standing alone: a date, a month, a year, a quarter's numeral and year
_NUMBER_PART = re.compile(rf"(?:\d{{1,2}}\s*/\s*){{0,2}}{YEAR}|(?:iv|i{{1,3}}|1v|l{{1,3}})\s*/\s*{YEAR}")


def is_number_part(text: str) -> bool:
    """`text` is only a deadline's number part, which waits for the words saying what it is of
    (`2026`, `30/4/2026`, `IV/2026`): a cell holding it alone lost those words to a neighbour."""
    return bool(_NUMBER_PART.fullmatch(fold(text).strip()))


def time_word(word: str) -> bool:
    """`word` may be part of a deadline: a word of the vocabulary as OCR read it (its slips undone:
    `ngay`, `Truéc`), a date, month or year (`30/11/2025`, `7/2025`, `2026`) or a quarter's
    numeral (`II`, `1V/2026`)."""
    core = word.strip(_WORD_EDGE)
    return bool(core) and (bool(_TIME_NUMBER.fullmatch(core)) or _folded(core) in time_vocabulary()[1])


def names_time(word: str) -> bool:
    """`word` says which time a deadline is: a date, month or year, or a unit (`năm`, `Quý`, `ngày`);
    a connector (`và`, `đến`), a qualifier (`cuối`) or a numeral alone says nothing."""
    core = word.strip(_WORD_EDGE)
    return bool(core) and (bool(YEAR_RE.search(core)) or _folded(core) in _UNITS)


@lru_cache(maxsize=1)
def time_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(words as spelled, their folded forms) the deadline phrases are built from: every phrase
    and `time_words` entry of the data file but events, which are prose (`theo quy định`: their
    words would excuse `Quy I` for `Quý I`)."""
    raw = read_data("deadline_phrases.json")
    phrases_: list[str] = []
    stack: list[object] = [v for k, v in raw.items() if not k.startswith(("_", "event"))]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            phrases_.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    spelled = frozenset(
        w for p in phrases_ for w in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", p).casefold())
    )
    return spelled, frozenset(fold(w) for w in spelled)
