"""Words OCR ran together: `Quyétdinh` → `Quyét dinh`, `SoNéivu` → `So Néi vu`.

Tesseract without a Vietnamese model (`-l eng`) often drops the space between syllables in a
narrow column. A token that is no syllable and no word the language model knows is split into
two or three pieces when each piece reads as a syllable and the model binds the readings into
one phrase: each adjacent pair is at least as likely together as apart, and on average ten
times likelier (`kết quả`, `chính quyền`). A piece written in plain ASCII must be a syllable's
letters as they stand (no OCR rewrite), so foreign words stay whole (`hotline` is not `hồ tùng`,
`online`, `website`, `Microsoft`). Only lines repaired in OCR mode are split; the pieces are then
repaired like any other word.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from .orthography import parse_syllable, strip_diacritics

if TYPE_CHECKING:
    from .candidates import Cand, CandidateModel
    from .lm import NgramLM

__all__ = ["unglue"]

MIN_LEN, MAX_LEN = 5, 24  # letters of a token worth trying (two short syllables .. three long ones)
PER_PIECE = 4  # readings of each piece tried
MIN_BOND = 0.0  # log10 p(b | a) - log10 p(b): never less likely together than apart ...
MEAN_BOND = 1.0  # ... and on average ten times likelier
WHOLE_COST = 1.0  # a token OCR rewrites into one syllable this cheaply is that syllable


def _readings(piece: str, lm: NgramLM, cm: CandidateModel) -> list[Cand]:
    skel = strip_diacritics(piece)
    found = [c for c in cm.candidates(piece, "ocr") if c.id != lm.unk]
    if piece.isascii():
        found = [c for c in found if strip_diacritics(c.word) == skel]
    return found[:PER_PIECE]


@lru_cache(maxsize=50_000)
def unglue(token: str, lm: NgramLM, cm: CandidateModel) -> tuple[str, ...] | None:
    """The pieces of `token` (slices as written) when it is syllables run together, else None."""
    text = unicodedata.normalize("NFC", token)
    low = text.lower()
    if len(low) != len(text) or not low.isalpha() or not MIN_LEN <= len(low) <= MAX_LEN:
        return None
    if parse_syllable(low) is not None or low in lm.index or strip_diacritics(low) in cm.by_skel:
        return None
    if any(c.id != lm.unk and c.cost <= WHOLE_COST for c in cm.candidates(low, "ocr")):
        return None  # one syllable misread (`chure` for `chức`), not several run together
    best: tuple[float, tuple[int, ...]] | None = None
    n = len(low)
    for k in (2, 3):
        for cuts in itertools.combinations(range(2, n - 1), k - 1):
            bounds = (0, *cuts, n)
            pieces = [low[a:b] for a, b in itertools.pairwise(bounds)]
            if any(len(p) < 2 for p in pieces):
                continue
            options = [_readings(p, lm, cm) for p in pieces]
            if not all(options):
                continue
            for combo in itertools.product(*options):
                ids = [c.id for c in combo]
                bonds = [lm.bond(a, b) for a, b in itertools.pairwise(ids)]
                if min(bonds) < MIN_BOND or sum(bonds) / len(bonds) < MEAN_BOND:
                    continue
                score = lm.sentence_logprob(ids) - sum(c.cost for c in combo)
                if best is None or score > best[0]:
                    best = (score, bounds)
    if best is None:
        return None
    return tuple(text[a:b] for a, b in itertools.pairwise(best[1]))
