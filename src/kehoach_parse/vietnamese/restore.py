"""Repair Vietnamese text: lost diacritics and OCR confusions, with every change recorded.

``restore(text)`` tokenises each line, builds candidates per word token
(:mod:`.candidates`), and picks the best sequence with a beam search under the syllable
n-gram model (:mod:`.lm`).  Numbers, document codes (``201/KH-UBND``), known abbreviations and
all-caps non-syllables pass through untouched; case is preserved.

Each line is decoded in one of three modes chosen from its own statistics (or the whole
text's when the line is short):

* ``clean``    most syllables carry diacritics: marked valid syllables are kept as they are,
               unmarked ones change only when the model strongly prefers another reading;
* ``stripped`` diacritics are missing but letters are right: candidates share the skeleton;
* ``ocr``      many tokens are not Vietnamese syllables: OCR rewrites are searched as well;
* ``mixed``    a line that shows it was typed with its marks (no invalid token, a fair share of
               marked syllables, a letter beyond Latin-1) although the text around it is stripped
               or OCR'd: its marked syllables are kept, unmarked ones change only on strong evidence
               (``Ban Sổ - Thẻ; Ban Thu`` stays as it is).

Importing this module is cheap; the model loads on first use.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from ..files import read_data
from .numerals import ROMAN_LETTERS
from .orthography import has_diacritics, parse_syllable, repair_method, strip_diacritics

if TYPE_CHECKING:  # the model loads on first use, not on import
    from .candidates import Cand, CandidateModel
    from .lm import NgramLM

__all__ = ["Change", "brokenness", "restore", "restore_stream", "restore_with_changes"]

BEAM = 6  # hypotheses kept per position
THRESHOLD = 2.5  # ... and only those within this many log10 units of the best
RECOMBINE = 2  # hypotheses ending in the same RECOMBINE words are merged (Viterbi recombination)


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations that look like syllables or OCR damage but must never be touched (data file)."""
    return frozenset(read_data("abbreviations.json")["abbreviations"])


_WORD_CHARS = r"(?:[^\W_]|[\u0300-\u036f¢€@¥])"
# an apostrophe inside a word is OCR for a horn (nu’dc = nước, THU'C = THỰC): kept in the token,
# except after a single letter (H'Mông, K'Ho are names)
TOKEN_RE = re.compile(
    r"\d+(?:[.,/:]\d+)+(?!"
    + _WORD_CHARS
    + r")|"
    + _WORD_CHARS
    + r"{2,}(?:[’'](?=[^\W\d_])"
    + _WORD_CHARS
    + r"+)+|"
    + _WORD_CHARS
    + r"+|\S"
)


@dataclass(frozen=True)
class Change:
    """One token changed: offsets are in the original text."""

    start: int
    end: int
    before: str
    after: str
    method: Literal["ocr", "diacritics"]


@lru_cache(maxsize=1)
def _models():
    from .candidates import CandidateModel
    from .lm import load_model

    lm = load_model()
    return lm, CandidateModel(lm)


# -- token classification -----------------------------------------------------------------

_FIXED, _WORD, _CAPS = 0, 1, 2


def _is_word_like(tok: str) -> bool:
    return any(c.isalpha() for c in tok)


@lru_cache(maxsize=100_000)
def _classify(tok: str) -> int:
    """_FIXED (numbers, punctuation, abbreviations, codes) or _WORD (a candidate syllable)."""
    if not _is_word_like(tok):
        return _FIXED
    if tok in abbreviations() or set(tok) <= ROMAN_LETTERS:
        return _FIXED
    letters = [c for c in tok if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and any(c.isdigit() for c in tok):
        return _FIXED  # a code such as QH14, TT01
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        # all caps: a heading syllable (NHIỆM, MUC) or an abbreviation (CCHC)
        nfc = unicodedata.normalize("NFC", tok)
        if parse_syllable(nfc) is None:
            _lm, cm = _models()
            if strip_diacritics(nfc).lower() not in cm.by_skel:
                return _CAPS  # a word only in OCR mode, and only if one rewrite makes it a syllable
    return _WORD


def _looks_ocr_caps(tok: str) -> bool:
    # HQI, DPOC: a syllable after one OCR rewrite; CCHC, UBND stay fixed
    _lm, cm = _models()
    rw = cm.rewrites(strip_diacritics(tok).lower(), max_cost=1.0)
    return any(s in cm.by_skel for s in rw)


def _is_valid_skeleton(tok: str) -> bool:
    _lm, cm = _models()
    low = unicodedata.normalize("NFC", tok).lower()
    return low.isalpha() and strip_diacritics(low) in cm.by_skel


@lru_cache(maxsize=100_000)
def _word_stat(w: str) -> tuple[int, int, int]:
    if w.isupper() and len(w) > 1 and (w in abbreviations() or not _is_valid_skeleton(w)):
        return 0, 0, 0
    nfc = unicodedata.normalize("NFC", w)
    if not _is_valid_skeleton(nfc):
        return 1, 0, 1
    if has_diacritics(nfc) and parse_syllable(nfc) is not None:
        return 1, 1, 0
    return 1, 0, 0


def _line_stats(words: list[str]) -> tuple[int, int, int]:
    """(number of word tokens, marked valid syllables, invalid tokens)."""
    n = marked = invalid = 0
    for w in words:
        a, b, c = _word_stat(w)
        n += a
        marked += b
        invalid += c
    return n, marked, invalid


def _mode(n: int, marked: int, invalid: int) -> str:
    if n == 0:
        return "clean"
    if marked / n >= 0.45:
        return "clean"
    if invalid / n >= 0.08:
        return "ocr"
    return "stripped"


# -- decoding -----------------------------------------------------------------------------


def _case_like(template: str, word: str) -> str:
    letters = [c for c in template if c.isalpha()]
    if not letters:
        return word
    upper = sum(1 for c in letters if c.isupper())
    if len(letters) > 1 and upper * 2 > len(letters):
        return word.upper()
    if letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


def _decode(lm, positions: list[tuple]) -> list[int]:
    """Beam search; positions are tuples of (id, cost) candidates; returns chosen index per position."""
    from .lm import BITS

    order1 = lm.order - 1
    mask = (1 << (BITS * order1)) - 1
    context = lm.context
    uni = lm.uni
    scale = lm.scale
    rmask = (1 << (BITS * RECOMBINE)) - 1
    # beam entries: (score, packed history, history length, backpointer)
    beam = [(0.0, lm.bos, 1, None)]
    for cands in positions:
        new: dict[int, tuple] = {}
        get = new.get
        for sc, hist, hl, bp in beam:
            levels, final = context(hist, hl)
            base = hist << BITS
            nl = hl + 1 if hl < order1 else order1
            mbase = base & mask  # new history = mbase | wid
            rbase = (base & rmask) | (nl << 60)  # recombination key = rbase | wid
            for ci, (wid, cost) in enumerate(cands):
                # inline lm.score_ctx
                for d, pre in levels:
                    if d.__class__ is dict:
                        acc = d.get(wid)
                        if acc is not None:
                            acc += pre + sc - cost
                            break
                    else:  # a long sorted run of the trie: bisect
                        lo, hi, words, lp = d
                        i = bisect_left(words, wid, lo, hi)
                        if i < hi and words[i] == wid:
                            acc = pre - lp[i] * scale + sc - cost
                            break
                else:
                    acc = final + uni[wid] + sc - cost
                sk = rbase | wid
                old = get(sk)
                if old is None or old[0] < acc:
                    new[sk] = (acc, mbase | wid, nl, (ci, bp))
        if len(new) > 1:
            beam = sorted(new.values(), key=_first, reverse=True)[:BEAM]
            floor = beam[0][0] - THRESHOLD
            if beam[-1][0] < floor:
                beam = [b for b in beam if b[0] >= floor]
        else:
            beam = list(new.values())
    best = None
    bs = -1e18
    for sc, hist, hl, bp in beam:
        s = sc + lm.score_ctx(context(hist, hl), lm.eos)
        if s > bs:
            bs, best = s, bp
    out: list[int] = []
    while best is not None:
        out.append(best[0])
        best = best[1]
    out.reverse()
    return out


def _first(t: tuple) -> float:
    return t[0]


def _scan(line: str) -> tuple[list[tuple[str, int]], list[int], tuple[int, int, int]]:
    """Tokens with offsets, their kinds, and the line's (words, marked, invalid) counts."""
    toks = [(m.group(0), m.start()) for m in TOKEN_RE.finditer(line)]
    kinds = [_classify(t) for t, _ in toks]
    n = marked = invalid = 0
    for (t, _s), k in zip(toks, kinds, strict=True):
        if k == _WORD:
            a, b, c = _word_stat(t)
            n += a
            marked += b
            invalid += c
    return toks, kinds, (n, marked, invalid)


TYPED_SHARE = 0.25  # share of marked syllables from which an undamaged line counts as typed with marks


def _typed_with_marks(toks: list[tuple[str, int]], kinds: list[int], n: int, marked: int, invalid: int) -> bool:
    """Whether a line shows it was written with its diacritics, so repairing it can only do harm.

    Stripping never leaves marks, and OCR that does not know Vietnamese (``-l eng``) only
    leaves Latin-1 ones (``Sé``, ``nuéc``); so a line with no invalid token, a fair share of
    marked syllables and at least one letter beyond Latin-1 (``ư ơ ă đ ổ ẻ``) is clean text,
    even when it is short and sits among stripped or OCR-damaged lines (``Ban Sổ - Thẻ``).
    """
    if invalid or not marked or marked < TYPED_SHARE * n:
        return False
    return any(
        k == _WORD and any(ord(c) > 0xFF and c.isalpha() for c in unicodedata.normalize("NFC", t))
        for (t, _s), k in zip(toks, kinds, strict=True)
    )


def _restore_line(
    line: str, offset: int, doc_mode: str | None, changes: list[Change] | None, scan=None, slips: bool = False
) -> str:
    lm, cm = _models()
    toks, kinds, (n, marked, invalid) = scan if scan is not None else _scan(line)
    if _WORD not in kinds and _CAPS not in kinds:
        return unicodedata.normalize("NFC", line)
    mode = _mode(n, marked, invalid) if n >= 6 or doc_mode is None else doc_mode
    if mode == "stripped" and doc_mode == "ocr":
        mode = "ocr"  # in an OCR'd document, lines that merely look stripped are OCR output too
    if mode != "clean" and _typed_with_marks(toks, kinds, n, marked, invalid):
        mode = "mixed"  # its own evidence beats the text around it (a clean cell among damaged ones)
    if slips and mode in ("clean", "mixed"):
        mode = "slips"  # OCR'd with its marks: they are read, not typed, and OCR misreads some
    if _CAPS in kinds:
        kinds = [
            (_WORD if mode == "ocr" and _looks_ocr_caps(t) else _FIXED) if k == _CAPS else k
            for (t, _), k in zip(toks, kinds, strict=True)
        ]
    glued: list[bool] = [False] * len(toks)  # a piece of a token OCR ran together, not its last
    if mode == "ocr":
        toks, kinds, glued = _split_glued(toks, kinds, lm, cm)
    positions = []
    cand_lists: list[tuple[tuple[Cand, ...], int] | None] = []
    index = lm.index
    unk = lm.unk
    lattice = cm.lattice
    for (t, _s), k in zip(toks, kinds, strict=True):
        if k == _FIXED:
            if t.isdigit() or t[:1].isdigit():
                wid = lm.num
            else:
                wid = index.get(t.lower(), unk) if t.isalpha() else index.get(t, unk)
            positions.append(((wid, 0.0),))
            cand_lists.append(None)
        else:
            cands, pos, own = lattice(t, mode)
            positions.append(pos)
            cand_lists.append((cands, own))
    choice = _decode(lm, positions)
    out = []
    last = 0
    group: list[tuple[str, int, str]] = []  # pieces of one glued token: (piece, start, reading)
    for (t, s), cl, ci, more in zip(toks, cand_lists, choice, glued, strict=True):
        tn = unicodedata.normalize("NFC", t)
        after = tn if cl is None or ci == cl[1] else _case_like(tn, cl[0][ci].word)
        if more or group:  # a glued token: its pieces written apart, as one change
            group.append((t, s, after))
            if more:
                continue
            t, s = "".join(p for p, _, _ in group), group[0][1]
            tn, after = unicodedata.normalize("NFC", t), " ".join(a for _, _, a in group)
            group = []
        elif cl is None or ci == cl[1] or after == tn:
            continue  # fixed token, or its own reading (maybe another tone placement): left alone
        out.append(unicodedata.normalize("NFC", line[last:s]))
        out.append(after)
        last = s + len(t)
        if changes is not None:
            changes.append(Change(offset + s, offset + s + len(t), t, after, repair_method(tn, after)))
    out.append(unicodedata.normalize("NFC", line[last:]))
    return "".join(out)


def _split_glued(
    toks: list[tuple[str, int]], kinds: list[int], lm: NgramLM, cm: CandidateModel
) -> tuple[list[tuple[str, int]], list[int], list[bool]]:
    """Tokens with each word OCR ran together split into its syllables (`unglue`), and which
    tokens are a piece followed by another piece of the same word."""
    from .unglue import unglue

    out: list[tuple[str, int]] = []
    out_kinds: list[int] = []
    glued: list[bool] = []
    for (t, s), k in zip(toks, kinds, strict=True):
        pieces = unglue(t, lm, cm) if k == _WORD else None
        if pieces is None:
            out.append((t, s))
            out_kinds.append(k)
            glued.append(False)
            continue
        at = s
        for i, piece in enumerate(pieces):
            out.append((piece, at))
            out_kinds.append(_WORD)
            glued.append(i < len(pieces) - 1)
            at += len(piece)
    return out, out_kinds, glued


def _doc_mode(scans: list[tuple]) -> str:
    n = marked = invalid = 0
    for _toks, _kinds, (a, b, c) in scans:
        n += a
        marked += b
        invalid += c
    return _mode(n, marked, invalid)


def restore_with_changes(text: str) -> tuple[str, list[Change]]:
    """Repaired text (NFC) and the list of changed tokens (offsets in ``text``)."""
    changes: list[Change] = []
    return _restore_text(text, changes), changes


def _restore_text(text: str, changes: list[Change] | None) -> str:
    lines = text.split("\n")
    scans = [_scan(line) for line in lines]
    doc_mode = _doc_mode(scans)
    out = []
    pos = 0
    for line, scan in zip(lines, scans, strict=True):
        out.append(_restore_line(line, pos, doc_mode, changes, scan))
        pos += len(line) + 1
    return "\n".join(out)


def restore(text: str) -> str:
    """Repaired text: NFC; only changed tokens are rewritten (canonical tone placement)."""
    return _restore_text(text, None)


PIECE = 4000  # characters restored at once; a longer line is cut at a space near this length


def _pieces(line: str, size: int | None = None) -> Iterator[str]:
    """A long line in pieces cut just after a space (or anywhere, if it has none for a while).

    The decoder keeps every token, candidate and back-pointer of what it restores at once,
    so a 20 MB line restored whole takes gigabytes; cut into pieces, memory stays flat and
    the language model loses only the context across each cut.
    """
    size = size or PIECE
    start, n = 0, len(line)
    while n - start > size:
        cut = line.rfind(" ", start + size // 2, start + size)
        cut = start + size if cut == -1 else cut + 1
        yield line[start:cut]
        start = cut
    yield line[start:]


def restore_stream(lines: Iterable[str], chunk: int = 200, *, slips: bool = False) -> Iterator[str]:
    """Restore line by line (line endings kept); the mode is estimated per chunk of lines.

    `slips`: the lines were OCR'd (a scan, OCR'd text), so where they carry their marks those are
    OCR's reading, not the writer's: a mark the context makes far likelier replaces it (`quần lý`
    -> `quản lý`, candidates.SLIP_COST) instead of every marked syllable being kept as typed.

    One output per input line. A long line is restored in pieces (see `_pieces`) that go
    through the chunks like lines and are joined again before the line is yielded.
    """
    buf: list[str] = []
    ends: list[bool] = []  # whether buf[i] is the last piece of its line
    done: list[str] = []  # restored pieces of the line being finished

    def flush() -> Iterator[str]:
        for piece, last in zip(_restore_chunk(buf, slips), ends, strict=True):
            done.append(piece)
            if last:
                yield "".join(done)
                done.clear()
        buf.clear()
        ends.clear()

    for line in lines:
        if len(line) > PIECE:
            body = line.rstrip("\r\n")
            parts = list(_pieces(body))
            parts[-1] += line[len(body) :]
        else:
            parts = [line]
        for k, part in enumerate(parts):
            buf.append(part)
            ends.append(k == len(parts) - 1)
            if len(buf) >= chunk:
                yield from flush()
    if buf:
        yield from flush()


def _restore_chunk(buf: list[str], slips: bool = False) -> Iterator[str]:
    bodies = [ln.rstrip("\r\n") for ln in buf]
    scans = [_scan(body) for body in bodies]
    doc_mode = _doc_mode(scans)
    for raw, body, scan in zip(buf, bodies, scans, strict=True):
        ending = raw[len(body) :]
        yield _restore_line(body, 0, doc_mode, None, scan, slips) + ending


def brokenness(text: str) -> float:
    """0..1: how damaged the Vietnamese in ``text`` looks (invalid tokens, missing diacritics).

    Clean Vietnamese scores near 0 (about a quarter of its syllables carry no mark, which is
    normal); text with all diacritics stripped scores near 1.
    """
    words = [m.group(0) for m in TOKEN_RE.finditer(text)]
    words = [w for w in words if _is_word_like(w) and w not in abbreviations()]
    n, marked, invalid = _line_stats(words)
    if n == 0:
        return 0.0
    valid = n - invalid
    unmarked_share = (valid - marked) / n
    excess = max(0.0, (unmarked_share - 0.35) / 0.65)
    return round(min(1.0, invalid / n + excess), 4)
