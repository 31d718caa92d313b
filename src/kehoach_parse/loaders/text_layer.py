"""Does a PDF text layer read as Vietnamese, and if not, can its broken font maps be decoded?

A font whose ToUnicode map is broken gives `6Ӣ CÔNG 7+ѬѪ1*` for `SỞ CÔNG THƯƠNG`: every
glyph of that font always comes out as the same wrong character. Whether text exists
says nothing; how Vietnamese it reads does. A page is judged by the share of its letters
that sit in valid Vietnamese syllables (clean plans: 0.88–1.00 on the samples, garbled
ones 0.04–0.11; abbreviations such as `UBND`, `TTHC` are what keeps clean text below 1).

Decoding recovers the substitution per font. The glyphs themselves are right — the page
renders perfectly — so a few garbled pages are rendered and OCR'd, each OCR word is laid
over the text-layer characters inside its box, and every aligned pair votes
`(font, garbled char) -> char`. A font whose votes mostly agree with its own map is not
broken and is left alone. Characters no OCR'd page showed are fitted from context: the
candidate that makes the most words containing it valid syllables. The decoded page is
judged again; a page that still does not read as Vietnamese is OCR'd instead.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..vietnamese.orthography import is_valid_syllable
from .geometry import Glyph

Char = Mapping[str, Any]  # a pdfplumber character: text, fontname, x0, x1, top, bottom, size
FontKey = tuple[str, str]  # (font name, character the broken map gives)

GARBLED_BELOW = 0.6  # valid-letter share under which a page does not read as Vietnamese
MIN_LETTERS = 40  # fewer letters than this: too little text to judge (a page number, a stamp)
FOREIGN_ABOVE = 0.05  # share of letters outside the Latin/Vietnamese alphabet (Cyrillic from a broken map)
BROKEN_FONT_BELOW = 0.8  # share of OCR votes agreeing with a font's own map under which the map is broken
MIN_OCR_CONF = 60.0  # OCR words less sure than this do not vote

_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"[(]?\d+(?:[.,/:-]\d+)*[.)%]?[.:,;]?")
_ABBREVIATION = re.compile(r"[A-ZĐ]{1,6}")
_LETTER_DIGIT = re.compile(r"\d[^\W\d_]|[^\W\d_]\d")
_VIET = frozenset("abcdefghijklmnopqrstuvwxyzđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
# what an unseen character may turn out to be: Vietnamese letters in both cases, digits, punctuation
_PUNCT = set("0123456789.,;:-()/%\"'!?+&…–“”*[]_=")
_ALPHABET = sorted(_VIET | {c.upper() for c in _VIET} | _PUNCT)


@dataclass(frozen=True, slots=True)
class Reading:
    """How Vietnamese a text reads: letters counted, share in valid syllables, share of foreign letters."""

    letters: int
    valid: float
    foreign: float

    @property
    def garbled(self) -> bool:
        return self.letters >= MIN_LETTERS and (self.valid < GARBLED_BELOW or self.foreign > FOREIGN_ABOVE)


def _text(c: Char, mapping: Mapping[FontKey, str] | None) -> str:
    t = str(c["text"])
    return mapping.get((c["fontname"], t), t) if mapping else t


def _visible(c: Char, mapping: Mapping[FontKey, str] | None) -> bool:
    """Not a space; while decoding, a glyph not decoded yet counts as visible whatever its map says."""
    if mapping is not None and (c["fontname"], c["text"]) not in mapping:
        return True
    return bool(_text(c, mapping).strip())


def lines(chars: Iterable[Char], mapping: Mapping[FontKey, str] | None = None) -> list[list[Char]]:
    """Visible characters grouped into lines by position, left to right (stream order is not reading order)."""
    cs = sorted((c for c in chars if _visible(c, mapping)), key=lambda c: (c["top"] + c["bottom"]) / 2)
    out: list[list[Char]] = []
    cur: list[Char] = []
    base = 0.0
    for c in cs:
        mid = (c["top"] + c["bottom"]) / 2
        if cur and abs(mid - base) > 0.35 * max(c["bottom"] - c["top"], 1.0):
            out.append(sorted(cur, key=lambda c: c["x0"]))
            cur = []
        if not cur:
            base = mid
        cur.append(c)
    if cur:
        out.append(sorted(cur, key=lambda c: c["x0"]))
    return out


def words(chars: Iterable[Char], mapping: Mapping[FontKey, str] | None = None) -> list[list[Char]]:
    """Characters grouped into words: a new word at a space or a gap wider than a sixth of the font size."""
    out: list[list[Char]] = []
    for line in lines(chars, mapping):
        cur: list[Char] = []
        for c in line:
            size = float(c.get("size") or (c["bottom"] - c["top"]) or 10.0)
            if cur and c["x0"] - cur[-1]["x1"] > 0.15 * size:
                out.append(cur)
                cur = []
            cur.append(c)
        out.append(cur)
    return [w for w in out if w]


def read_words(texts: Iterable[str]) -> Reading:
    """Reading of already-formed words (each split further at non-letters)."""
    letters = valid = foreign = 0
    for w in texts:
        for tok in _LETTERS.findall(unicodedata.normalize("NFC", w)):
            letters += len(tok)
            if is_valid_syllable(tok):
                valid += len(tok)
            foreign += sum(1 for ch in tok.lower() if ch not in _VIET)
    n = max(letters, 1)
    return Reading(letters, valid / n, foreign / n)


def read_chars(chars: Iterable[Char], mapping: Mapping[FontKey, str] | None = None) -> Reading:
    """Reading of a page's text layer, optionally through a decoding map."""
    return read_words(word_text(w, mapping) for w in words(chars, mapping))


def word_text(word: Sequence[Char], mapping: Mapping[FontKey, str] | None = None) -> str:
    return "".join(_text(c, mapping) for c in word)


# --- decoding ----------------------------------------------------------------------------


@dataclass(slots=True)
class Decoding:
    """A per-font substitution learnt from OCR votes and context."""

    mapping: dict[FontKey, str] = field(default_factory=dict)
    broken_fonts: set[str] = field(default_factory=set)
    seen: int = 0  # garbled characters whose decoding OCR showed
    fitted: int = 0  # garbled characters decoded from context only
    kept: int = 0  # garbled characters left as they were
    doubtful: set[FontKey] = field(default_factory=set)  # first guesses from few or split votes
    unresolved: set[FontKey] = field(default_factory=set)  # kept as they are: no OCR vote, no letter context


def votes(chars: Sequence[Char], ocr_words: Sequence[Glyph], scale: float) -> Counter[tuple[str, str, str]]:
    """`(font, layer char, OCR char)` pairs from OCR words laid over the layer's characters.

    `scale` turns OCR pixels into PDF points. A word votes only when the characters inside
    its box are exactly as many as its letters (NFC or decomposed), so misaligned words are
    silent rather than wrong. A character in the gap between two OCR words of one line
    votes for a space (spaces have no ink, so OCR never shows them).
    """
    out: Counter[tuple[str, str, str]] = Counter()
    boxes = sorted(chars, key=lambda c: c["x0"])
    xs = [float(c["x0"]) for c in boxes]
    placed: set[int] = set()
    scaled = sorted(
        ((w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale, w) for w in ocr_words),
        key=lambda b: (b[1], b[0]),
    )
    for x0, top, x1, bottom, w in scaled:
        h = bottom - top
        pad = 0.05 * h  # narrow: a space glyph's centre lies just past the last letter's ink
        lo, hi = bisect_left(xs, x0 - 3 * h), bisect_right(xs, x1 + pad)
        inside = [c for c in boxes[lo:hi] if _centre_in(c, x0 - pad, top - 0.2 * h, x1 + pad, bottom + 0.2 * h)]
        placed.update(id(c) for c in inside)
        if w.conf < MIN_OCR_CONF or any(len(str(c["text"])) != 1 for c in inside):
            continue
        inside.sort(key=lambda c: c["x0"])
        for form in ("NFC", "NFD"):
            text = unicodedata.normalize(form, w.text)
            if len(text) == len(inside):
                for c, t in zip(inside, text, strict=True):
                    out[(str(c["fontname"]), str(c["text"]), t)] += 1
                break
    # gaps between neighbouring words of a line
    for a, b in pairwise(scaled):
        ah, bh = a[3] - a[1], b[3] - b[1]
        same_line = abs((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) < 0.3 * min(ah, bh) and 0 < b[0] - a[2] < 1.2 * ah
        if not same_line:
            continue
        lo, hi = bisect_left(xs, a[2] - ah), bisect_right(xs, b[0])
        for c in boxes[lo:hi]:
            if id(c) not in placed and _centre_in(c, a[2], min(a[1], b[1]), b[0], max(a[3], b[3])):
                out[(str(c["fontname"]), str(c["text"]), " ")] += 1
    return out


def word_votes(word: Sequence[Char], ocr_text: str) -> Counter[tuple[str, str, str]]:
    """Votes from one word read on its own (a crop of the rendered page): aligned when lengths agree."""
    out: Counter[tuple[str, str, str]] = Counter()
    ordered = sorted(word, key=lambda c: c["x0"])
    for form in ("NFC", "NFD"):
        text = unicodedata.normalize(form, "".join(ocr_text.split()))
        if len(text) == len(ordered):
            for c, t in zip(ordered, text, strict=True):
                out[(str(c["fontname"]), str(c["text"]), t)] += 1
            break
    return out


def _centre_in(c: Char, x0: float, top: float, x1: float, bottom: float) -> bool:
    return x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom


def fit(all_votes: Counter[tuple[str, str, str]], pages: Sequence[Sequence[Char]], *, fill: bool = True) -> Decoding:
    """Per-font substitution: OCR votes where there are some, the most Vietnamese choice elsewhere (`fill`)."""
    by_font: dict[str, Counter[str]] = defaultdict(Counter)
    by_key: dict[FontKey, Counter[str]] = defaultdict(Counter)
    for (font, src, dst), n in all_votes.items():
        by_key[(font, src)][dst] += n
        by_font[font]["same" if src == dst else "other"] += n
    dec = Decoding()
    dec.broken_fonts = {f for f, c in by_font.items() if c["same"] < BROKEN_FONT_BELOW * (c["same"] + c["other"])}
    doubtful: dict[FontKey, list[str]] = {}
    taken: dict[tuple[str, str], tuple[int, FontKey]] = {}  # (font, char) -> (votes, key) holding it
    for (font, src), counter in sorted(by_key.items(), key=lambda kv: -kv[1].most_common(1)[0][1]):
        if font not in dec.broken_fonts:
            continue
        (dst, n), total = counter.most_common(1)[0], sum(counter.values())
        holder = taken.get((font, dst))
        if (n >= 2 or n == total) and n >= 0.75 * total and holder is None:
            dec.mapping[(font, src)] = dst
            taken[(font, dst)] = (n, (font, src))
            if n == 1 and len(dst) == 1 and dst.swapcase() != dst:  # one vote cannot tell `Ở` from `ở`
                doubtful[(font, src)] = [dst, dst.swapcase()]
        else:  # few or split votes, or a character another glyph already has: decided with context
            doubtful[(font, src)] = [d for d, _ in counter.most_common()]
    if not fill:  # a first guess, to find the words to read again
        dec.doubtful = set(doubtful)
        for key, voted in doubtful.items():
            dec.mapping[key] = voted[0]
        return dec
    if doubtful:
        for key in doubtful:
            dec.mapping.pop(key, None)
        _fit_unseen(dec, Counter(dict.fromkeys(doubtful, 1)), pages, prefer=doubtful)
        dec.unresolved.clear()
        for key in doubtful:  # a doubtful character is never left garbled: its best vote stands
            dec.mapping.setdefault(key, doubtful[key][0])
    dec.unresolved.clear()
    dec.fitted = dec.kept = 0
    dec.seen = sum(1 for chars in pages for c in chars if (c["fontname"], c["text"]) in dec.mapping)
    pending = unseen(dec, pages)
    if pending:
        _fit_unseen(dec, pending, pages)
    return dec


def unseen(dec: Decoding, pages: Sequence[Sequence[Char]]) -> Counter[FontKey]:
    """Characters of the broken fonts that no OCR'd word has shown yet, with their counts."""
    pending: Counter[FontKey] = Counter()
    for chars in pages:
        for c in chars:
            key = (str(c["fontname"]), str(c["text"]))
            if key[0] in dec.broken_fonts and (key not in dec.mapping or key in dec.doubtful):
                pending[key] += 1
    return pending


def _fit_unseen(
    dec: Decoding,
    pending: Counter[FontKey],
    pages: Sequence[Sequence[Char]],
    prefer: Mapping[FontKey, list[str]] | None = None,
) -> None:
    """Choose each unseen character as the one that makes its contexts most probable Vietnamese.

    Candidates are characters the font does not already use (a map sends different glyphs
    to different characters); they are ranked by valid syllables and consistent case,
    then by the syllable language model over a few words either side.
    """
    from ..vietnamese.lm import load_model

    contexts: dict[FontKey, list[tuple[list[list[Char]], int]]] = defaultdict(list)
    for chars in pages:
        for line in _word_lines(chars, dec.mapping):
            for k, word in enumerate(line):
                for key in {(str(c["fontname"]), str(c["text"])) for c in word} & pending.keys():
                    if len(contexts[key]) < 24:
                        contexts[key].append((line, k))
    lm = load_model()
    for key, count in pending.most_common():
        used = {dst for (font, _src), dst in dec.mapping.items() if font == key[0]}
        ranked: list[tuple[float, str]] = []
        voted = (prefer or {}).get(key, [])
        for cand in voted if len(voted) > 1 else [*voted, *_ALPHABET]:
            if cand in used or any(c == cand for _, c in ranked):
                continue
            trial = {**dec.mapping, key: cand}
            bonus = (1.0 if cand == voted[0] else 0.5) if cand in voted else 0.0  # what OCR saw counts
            ranked.append((bonus + sum(_context_score(line, k, trial) for line, k in contexts[key]), cand))
        ranked.sort(reverse=True)
        if not ranked or ranked[0][0] <= 0:
            dec.unresolved.add(key)
            dec.kept += count
            continue
        top = [c for sc, c in ranked if sc >= ranked[0][0] - 0.5][:12]
        best = max(top, key=lambda cand: _lm_score(lm, contexts[key], {**dec.mapping, key: cand}))
        dec.mapping[key] = best
        dec.fitted += count


def _word_lines(chars: Sequence[Char], mapping: Mapping[FontKey, str]) -> list[list[list[Char]]]:
    """Words grouped by line (for context windows)."""
    out: list[list[list[Char]]] = []
    for line in lines(chars, mapping):
        out.append(words(line, mapping))
    return out


def _context_score(line: list[list[Char]], k: int, mapping: Mapping[FontKey, str]) -> float:
    """Shape of the word, less when it is in capitals among lower-case neighbours (`SỞ Tư pháp`)."""
    word = word_text(line[k], mapping)
    score = _shape_score(word)
    letters = "".join(_LETTERS.findall(word))
    if len(letters) >= 2 and letters.isupper():
        others = [
            "".join(_LETTERS.findall(word_text(w, mapping))) for w in line[max(0, k - 3) : k + 4] if w is not line[k]
        ]
        others = [o for o in others if len(o) >= 2]
        if others and sum(o.isupper() for o in others) * 2 < len(others):
            score -= 0.7
    return score


def _shape_score(word: str) -> float:
    """Valid syllables in consistent case count for a word; letters in an invalid one count against it."""
    word = unicodedata.normalize("NFC", word)
    if len(word) == 1 and not word.isalpha():
        return 0.1  # a bullet `-`, `+` or a lone digit: the language model decides
    if _NUMBER.fullmatch(word):
        return 1.0  # `1.2.`, `(3)`, `20/12`
    score = -1.0 if _LETTER_DIGIT.search(word) else 0.0  # `1a1` is `1.1` with a letter where the dot was
    for tok in _LETTERS.findall(word):
        cased = tok.islower() or tok.isupper() or tok.istitle()
        if is_valid_syllable(tok) and cased:
            score += 1.0 if len(tok) > 1 else 0.0  # a lone letter is no evidence (`-` as a bullet is not `ỵ`)
        elif not _ABBREVIATION.fullmatch(tok):  # an abbreviation (`UBND`, `KH`) is neutral
            score -= 0.3 * len(tok)
    return score


def _lm_score(lm: Any, contexts: list[tuple[list[list[Char]], int]], mapping: Mapping[FontKey, str]) -> float:
    from ..vietnamese.tokens import lm_tokens

    total = 0.0
    for line, k in contexts:
        window = " ".join(word_text(w, mapping) for w in line[max(0, k - 3) : k + 4])
        ids = [lm.index.get(t, lm.unk) for t in lm_tokens(window)]
        total += lm.sentence_logprob(ids)
    return total


def decode_chars(chars: Sequence[Char], mapping: Mapping[FontKey, str]) -> list[dict[str, Any]]:
    """Copies of the characters with their text decoded."""
    out = []
    for c in chars:
        new = mapping.get((c["fontname"], c["text"]))
        out.append({**c, "text": new} if new is not None else dict(c))
    return out
