"""Vietnamese orthography: syllable structure, tone marks, validity, normalisation.

A written syllable is ``onset + rhyme`` plus one of six tones.  The *toneless* form keeps
the vowel modifiers (circumflex, breve, horn) and ``đ``; the *skeleton* (accent-insensitive
key) removes every diacritic, ``đ`` -> ``d``.

Canonical tone placement is the traditional ("old") style used by most administrative
documents: ``hòa``, ``khỏe``, ``thủy``, ``người``, ``quyết``.  ``normalize`` applies NFC and
this placement to every valid syllable; decomposed (NFD, Windows-1258-style) input is composed.

Pure standard library.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import filterfalse
from typing import Literal, NamedTuple

# Tone indices: 0 level (ngang), 1 acute (sắc), 2 grave (huyền), 3 hook (hỏi), 4 tilde (ngã), 5 dot (nặng).
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_MARK_TO_TONE = {m: i for i, m in enumerate(TONE_MARKS) if m}
# Windows-1258 / some fonts use U+0340/U+0341 (deprecated tone marks); NFC maps them, but be safe.
_MARK_TO_TONE["\u0340"] = 2
_MARK_TO_TONE["\u0341"] = 1
_MODIFIERS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn

VOWELS = set("aăâeêioôơuưy")
ONSETS = (
    "ngh", "ng", "gh", "gi", "ch", "kh", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

_RHYMES_TEXT = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it
iêc iêm iên iêng iêp iêt iêu
yêm yên yêt yêu y ynh yt ych
o oi oc om on ong op ot oong ooc
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oen oeo oet oem
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut
uân uâng uât uây
uê uêch uênh
uy uya uych uynh uyp uyt uyu uyn uyên uyêt uyêng uyêch
uôc uôi uôm uôn uông uôt
uơ
ư ưa ưi ưu ưc ưm ưn ưng ưt
ươc ươi ươm ươn ương ươp ươt ươu
"""
RHYMES = frozenset(_RHYMES_TEXT.split())
_STOP_FINALS = ("c", "ch", "p", "t")
_FRONT = set("ieêy")


class Syllable(NamedTuple):
    onset: str  # lowercase, e.g. "ngh", "qu", "gi", ""
    rhyme: str  # lowercase toneless rhyme with vowel modifiers, e.g. "ương"
    tone: int  # 0..5


def _split_marks(token: str) -> tuple[str, int] | None:
    """Lowercase toneless form (NFC, modifiers kept) and tone; None if two tone marks."""
    tone = 0
    out = []
    for ch in unicodedata.normalize("NFD", token.lower()):
        t = _MARK_TO_TONE.get(ch)
        if t is not None:
            if tone:
                return None
            tone = t
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


@lru_cache(maxsize=200_000)
def parse_syllable(token: str) -> Syllable | None:
    """Split a syllable into onset, rhyme and tone; None when it is not a valid Vietnamese syllable."""
    if not token or len(token) > 9:
        return None
    sm = _split_marks(token)
    if sm is None:
        return None
    base, tone = sm
    if not base.isalpha():
        return None
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset == "gi" and (not rhyme or rhyme[0] in "iê"):
            # "gì", "giêng"?  'gi' + 'i...' is written 'gi': treat as g + i-rhyme
            continue
        if onset == "qu" and rhyme[:1] in ("u", "ư", "o"):
            continue
        if rhyme not in RHYMES:
            continue
        if not _spelling_ok(onset, rhyme):
            continue
        if rhyme.endswith(_STOP_FINALS) and tone not in (1, 5):
            continue
        return Syllable(onset, rhyme, tone)
    return None


def _spelling_ok(onset: str, rhyme: str) -> bool:
    first = rhyme[:1]
    if onset == "k":
        return first in _FRONT
    if onset in ("gh", "ngh"):
        return first in "ieê"
    if onset == "g" and first == "i":
        return True  # gì, gìn, giếng: g + i-rhyme
    if onset in ("c", "g", "ng"):
        return first not in _FRONT
    if rhyme[:1] == "y" and len(rhyme) > 1 and rhyme[1] != "ê":
        return onset == "qu"  # quỳnh, quýt, quých
    if onset == "" and rhyme.startswith("iê"):
        return False  # written yê- without onset
    if onset not in ("", "qu") and rhyme.startswith("yê"):
        return False  # written iê- after an onset (quyết, but chuyên = ch + uyên)
    # p alone only in loanwords (pin, pa-nô): not a core syllable
    return onset != "p"


def is_valid_syllable(token: str) -> bool:
    """True when ``token`` (any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    return parse_syllable(token) is not None


def _tone_index(onset: str, rhyme: str) -> int:
    """Index inside ``rhyme`` of the vowel that carries the tone mark (traditional placement)."""
    n = 0
    while n < len(rhyme) and rhyme[n] in VOWELS:
        n += 1
    vowels = rhyme[:n]
    modified = [i for i, c in enumerate(vowels) if c in "ăâêôơư"]
    if modified:
        return modified[-1]
    if n == 1:
        return 0
    if n < len(rhyme):  # closed syllable: last vowel (hoàn, toán, quýt)
        return n - 1
    if n == 2:
        if vowels in ("oo",):
            return 1
        return 0  # hòa, khỏe, thủy, mái, múa
    return 1  # triphthong: ngoài, khuỷu, ngoẹo


def compose(onset: str, rhyme: str, tone: int) -> str:
    """Lowercase NFC syllable with canonical tone placement."""
    if not tone:
        return onset + rhyme
    i = _tone_index(onset, rhyme)
    ch = unicodedata.normalize("NFC", rhyme[i] + TONE_MARKS[tone])
    return onset + rhyme[:i] + ch + rhyme[i + 1 :]


def _apply_case(template: str, word: str) -> str:
    if template.isupper() and (len(template) > 1 or len(word) == 1):
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=200_000)
def canonical_syllable(token: str) -> str:
    """Token with canonical tone placement and NFC (case kept); unchanged if not a syllable."""
    syl = parse_syllable(token)
    if syl is None:
        return unicodedata.normalize("NFC", token)
    low = compose(*syl)
    # keep case letter by letter when lengths agree (mixed case is rare)
    tok = unicodedata.normalize("NFC", token)
    if len(tok) == len(low):
        return "".join(c.upper() if t.isupper() else c for t, c in zip(tok, low, strict=True))
    return _apply_case(tok, low)


_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def normalize(text: str) -> str:
    """NFC plus canonical tone placement for every valid syllable (``hoà`` -> ``hòa``)."""
    text = unicodedata.normalize("NFC", text)
    return _WORD_RE.sub(lambda m: canonical_syllable(m.group(0)), text)


def _build_strip_table() -> dict[int, str]:
    table: dict[int, str] = {}
    letters = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for base in letters:
        for t in TONE_MARKS:
            ch = unicodedata.normalize("NFC", base + t)
            if len(ch) == 1 and ord(ch) > 127:
                table[ord(ch)] = unicodedata.normalize("NFD", ch)[0]
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_STRIP = _build_strip_table()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone marks and vowel modifiers, ``đ`` -> ``d``; other characters are kept."""
    text = unicodedata.normalize("NFC", text)
    out = text.translate(_STRIP)
    if not out.isascii():
        # combining marks left over (e.g. marks on non-Vietnamese letters)
        out = "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))
        out = unicodedata.normalize("NFC", out)
    return out


def has_diacritics(token: str) -> bool:
    return token.translate(_STRIP) != token


def repair_method(before: str, after: str) -> Literal["ocr", "diacritics"]:
    """'diacritics' when a repair changed only accents, 'ocr' when letters (or OCR symbols) changed too."""
    return "diacritics" if strip_diacritics(before).lower() == strip_diacritics(after).lower() else "ocr"


_MARKS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
# In words joined by spaces, one match per word holding a marked letter: from the word's start
# (`\b`: never from inside a word) over unmarked letters to its first marked one; linear in the text.
_MARKED_WORD = re.compile(f"\\b[^\\W\\d_{_MARKS}]*[{_MARKS}]", re.I)


def marked_share(text: str, *, skip_caps: bool = False) -> tuple[int, float]:
    """(words of two or more letters, share of them carrying a Vietnamese diacritic), model-free.

    The cheap screen for damaged text: clean Vietnamese marks most words, OCR without a
    Vietnamese model and stripped exports mark few. `skip_caps` leaves out all-capital
    words (abbreviations carry no marks). An empty text is (0, 0.0).
    """
    words = _LETTER_WORD.findall(text)
    if skip_caps:
        words = list(filterfalse(str.isupper, words))
    if not words:
        return 0, 0.0
    # counted in one regex pass over the words, not one search per word (a cold parse screens ~700 cells)
    return len(words), len(_MARKED_WORD.findall(" ".join(words))) / len(words)


def generate_syllables() -> list[str]:
    """Every lowercase syllable the orthographic rules allow (onset x rhyme x tone)."""
    out = []
    for onset in ONSETS:
        for rhyme in RHYMES:
            for tone in range(6):
                s = compose(onset, rhyme, tone)
                parsed = parse_syllable(s)
                if parsed is not None and compose(*parsed) == s:
                    out.append(s)
    return sorted(set(out))


@lru_cache(maxsize=1)
def _skeletons() -> frozenset[str]:
    return frozenset(strip_diacritics(s) for s in generate_syllables())


def is_skeleton(token: str) -> bool:
    """True when ``token`` with its marks stripped is some syllable's letters (``duong``: đường):
    a word as OCR without Vietnamese marks (``-l eng``) writes it, or with them."""
    return strip_diacritics(token).lower() in _skeletons()
