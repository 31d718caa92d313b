"""Candidate syllables for a (possibly damaged) token, with channel costs.

For a token the candidates are the corpus syllables that could have produced it:

* the same accent-stripped skeleton (lost or wrong diacritics);
* skeletons reached by an OCR confusion model: a weighted, multi-character edit distance
  (``ctia`` -> ``cua``, ``x4y`` -> ``xay``, ``nuéc`` -> ``nuoc``, ``Tw`` -> ``tu`` ...),
  searched best-first up to a cost limit.

Costs are ``-log10`` probabilities, comparable with the language model's ``log10`` scores.
The rewrite table is learned, not written by hand: ``data/ocr_confusions.json`` is built by
``scripts/build_confusions.py`` from corpus lines we rendered (six faces, ten scan conditions) and
OCR'd ourselves with tesseract ``-l eng`` and ``-l vie`` (never from ``samples/``); it also holds a
table of frequent whole damaged tokens (``ctia`` -> ``của``) used in OCR mode.
"""

from __future__ import annotations

import heapq
import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .lm import NgramLM
from .orthography import canonical_syllable, has_diacritics, parse_syllable, strip_diacritics

# Real syllables outside the orthographic rules (place names).
SPELLING_EXCEPTIONS = frozenset({"kạn", "kan"})
_VOWELS = set("aeiouy")

MAX_COST = 2.6
MAX_TOKEN_LEN = 12  # longest token searched for OCR readings (syllables have at most 7 letters)
MAX_CANDIDATES = 8
OCR_MAX_CANDIDATES = 14
OCR_PER_SKELETON = 8
# cost of giving an unmarked syllable marks, by decoding mode (restore.py): in clean text and in a "mixed" line
# (typed with marks, its unmarked words most likely meant so: Ban Thu) it rarely lost them; in stripped and OCR'd
# text it did. A "mixed" line's unmarked word that is no syllable as written (hien, hoach) lost them for sure.
UNMARKED_COST = {"clean": 2.0, "mixed": 2.0, "stripped": 0.0, "ocr": 0.0}
# Text OCR'd with Vietnamese marks (mode "slips"): another mark on the same letters costs this
# (log10): the context must be 10**SLIP_COST times likelier with it (`quần lý` -> `quản lý`).
SLIP_COST = 2.0
MIN_RATIO = 0.001  # drop zero-cost candidates rarer than this share of the group's most frequent one


@dataclass(frozen=True)
class Cand:
    word: str  # lowercase canonical form
    id: int  # language-model id
    cost: float  # -log10 channel probability


class CandidateModel:
    def __init__(self, lm: NgramLM, rules: list[tuple[str, str, float]] | None = None) -> None:
        self.lm = lm
        by_skel: dict[str, list[tuple[str, int, int]]] = {}
        for i, w in enumerate(lm.vocab):
            if not w.isalpha():
                continue
            if w != w.lower():
                continue
            skel = strip_diacritics(w)
            if parse_syllable(w) is None and w not in SPELLING_EXCEPTIONS and (skel == w or _VOWELS & set(skel)):
                continue  # foreign and misspelt words stay out; kept: abbreviations with đ (nđ, qđ, đ)
            by_skel.setdefault(skel, []).append((w, i, lm.counts[i]))
        for lst in by_skel.values():
            lst.sort(key=lambda t: -t[2])
        self.by_skel = by_skel
        # raw corpus frequency (log10 share) for ranking and the rarity floor: the model's unigram table is a
        # Kneser-Ney continuation probability, which undervalues words that mostly follow one word ("theo dõi")
        total = float(sum(lm.counts)) or 1.0
        self.logfreq = [math.log10((c + 1) / total) for c in lm.counts]
        table: dict[tuple[str, str], float] = {}
        for src, dst, cost in rules if rules is not None else load_rules():
            if src != dst:
                table[(src, dst)] = min(cost, table.get((src, dst), 99.0))
        self.rules: dict[str, list[tuple[str, float]]] = {}
        for (src, dst), cost in table.items():
            self.rules.setdefault(src, []).append((dst, cost))
        self.insertions = self.rules.pop("", [])
        self.symbol_cost = load_symbol_deletion() if rules is None else 99.0
        self.tokens = load_token_table() if rules is None else {}
        self._cache: dict[tuple[str, str], tuple[Cand, ...]] = {}
        self._lattice: dict[tuple[str, str], tuple] = {}

    # -- OCR rewrite search -------------------------------------------------------------
    def rewrites(self, skel: str, max_cost: float = MAX_COST) -> dict[str, float]:
        """Skeletons reachable from ``skel`` by rewrite rules, with their cheapest cost.

        Left-to-right transduction: at each position either copy a letter or apply a rule whose
        source matches here; best-first search bounded by ``max_cost``.  Tokens longer than any
        syllable (plus OCR noise) are not searched.
        """
        if len(skel) > MAX_TOKEN_LEN:
            return {skel: 0.0}
        rules = self.rules
        ins = self.insertions
        out: dict[str, float] = {}
        # state: (cost, pos, produced)
        heap = [(0.0, 0, "")]
        seen: dict[tuple[int, str], float] = {}
        n = len(skel)
        while heap:
            cost, pos, prod = heapq.heappop(heap)
            if seen.get((pos, prod), 99.0) < cost:
                continue
            nxt = []
            if pos == n:
                if prod not in out:
                    out[prod] = cost
            else:
                c = skel[pos]
                if c.isascii() and c.isalpha():
                    nxt.append((cost, pos + 1, prod + c))
                elif not c.isalnum():  # a stray symbol (K¢é): dropped at the learned pooled cost
                    nxt.append((cost + self.symbol_cost, pos + 1, prod))
                for L in (1, 2, 3):
                    src = skel[pos : pos + L]
                    if len(src) < L:
                        break
                    for dst, rc in rules.get(src, ()):
                        nxt.append((cost + rc, pos + L, prod + dst))
            if prod and not prod.endswith(tuple(d for d, _ in ins)):  # a lost letter (not first, not doubled)
                for dst, rc in ins:
                    nxt.append((cost + rc, pos, prod + dst))
            for st in nxt:
                if st[0] > max_cost:
                    continue
                k = (st[1], st[2])
                if seen.get(k, 99.0) <= st[0]:
                    continue
                seen[k] = st[0]
                heapq.heappush(heap, st)
        return out

    # -- candidates -----------------------------------------------------------------------
    def candidates(self, token: str, mode: str) -> tuple[Cand, ...]:
        """Candidates for a word token.  ``mode``: "clean", "mixed", "stripped", "ocr" or "slips" (restore.py)."""
        ck = (token, mode)
        got = self._cache.get(ck)
        if got is not None:
            return got
        res = self._candidates(token, mode)
        if len(self._cache) > 200_000:
            self._cache.clear()
            self._lattice.clear()
        self._cache[ck] = res
        return res

    def lattice(self, token: str, mode: str) -> tuple[tuple[Cand, ...], tuple[tuple[int, float], ...], int]:
        """``(candidates, ((id, cost), ...), index of the token's own reading or -1)``, cached."""
        ck = (token, mode)
        got = self._lattice.get(ck)
        if got is None:
            cands = self.candidates(token, mode)
            own = canonical_syllable(unicodedata.normalize("NFC", token).lower())
            idx = next((i for i, c in enumerate(cands) if c.word == own), -1)
            got = (cands, tuple((c.id, c.cost) for c in cands), idx)
            self._lattice[ck] = got
        return got

    def _slips(self, canon: str, own_id: int) -> tuple[Cand, ...]:
        """A syllable OCR read with Vietnamese marks (`quần` for `quản`, `thú` for `thủ`): its
        own reading, and the others with the same letters at SLIP_COST each, so the language
        model changes a mark only where the context is that much likelier with the other."""
        out = [Cand(canon, own_id, 0.0)]
        for w, i, _c in self.by_skel.get(strip_diacritics(canon), ()):
            if w != canon:
                out.append(Cand(w, i, SLIP_COST))
        return tuple(self._common(out, canon)[: MAX_CANDIDATES + 1])

    def _common(self, cands: list[Cand], canon: str) -> list[Cand]:
        """`cands` without those rarer than MIN_RATIO of the commonest (the token's own reading stays)."""
        if not MIN_RATIO or not cands:
            return cands
        uni = self.logfreq
        floor = max(uni[c.id] for c in cands) + math.log10(MIN_RATIO)
        return [c for c in cands if uni[c.id] >= floor or c.word == canon]

    def _candidates(self, token: str, mode: str) -> tuple[Cand, ...]:
        lm = self.lm
        low = unicodedata.normalize("NFC", token).lower()
        valid = low.isalpha() and parse_syllable(low) is not None
        canon = canonical_syllable(low) if valid else low
        marked = has_diacritics(low)
        own_id = lm.index.get(canon, lm.unk)
        if mode == "slips":
            if len(canon) < 2:  # a lone letter in OCR'd text is a numeral or debris (`ị|` for I), not a word
                return (Cand(canon, own_id, 0.0),)
            return self._slips(canon, own_id) if valid and own_id != lm.unk else self._candidates(token, "mixed")
        if mode != "ocr" and marked and own_id != lm.unk:
            return (Cand(canon, own_id, 0.0),)  # stripping never adds a mark: a marked syllable is as written
        if mode in ("clean", "mixed") and any(c.isdigit() for c in low):
            return (Cand(canon, own_id, 0.0),)  # digits in typed text: a code or a note mark (vụ1)
        skel = strip_diacritics(low)
        group = self.by_skel.get(skel, ()) if skel.isalpha() else ()
        if not valid and low.isascii() and low.isalpha() and (mode == "clean" or (mode == "mixed" and not group)):
            return (Cand(canon, own_id, 0.0),)  # a foreign word in clean text (chip, email, online)
        costs: dict[str, float] = {}
        if group:
            for w, _i, _c in group:
                if w == canon:
                    cost = 0.0
                elif not marked:
                    cost = UNMARKED_COST[mode] if valid or mode != "mixed" else 0.0
                else:
                    cost = 2.5 if mode == "clean" else 0.4
                costs[w] = cost
        if mode == "ocr" or (not valid and (mode != "stripped" or not skel.isascii() or not skel.isalpha())):
            for s2, rc in self.rewrites(skel).items():
                if s2 == skel:
                    continue
                for w, _i, _c in self.by_skel.get(s2, ()):
                    c = rc + (0.0 if mode == "ocr" else 0.8)
                    if c < costs.get(w, 99.0):
                        costs[w] = c
        if mode == "ocr" or (mode == "stripped" and not group):
            for w, c in self.tokens.get(low, ()):
                if w in lm.index and c < costs.get(w, 99.0):
                    costs[w] = c
        cands = [Cand(w, lm.index[w], c) for w, c in costs.items()]
        # prune: channel cost minus a little unigram evidence
        uni = self.logfreq
        cands.sort(key=lambda c: c.cost - 0.5 * uni[c.id])
        cands = self._common(cands, canon)
        if mode == "ocr":
            # several readings of the letters: keep the best few of each skeleton
            per: dict[str, int] = {}
            kept: list[Cand] = []
            for cand in cands:
                k = strip_diacritics(cand.word)
                if per.get(k, 0) < OCR_PER_SKELETON:
                    kept.append(cand)
                    per[k] = per.get(k, 0) + 1
            cands = kept[:OCR_MAX_CANDIDATES]
        else:
            cands = cands[:MAX_CANDIDATES]
        if not any(c.word == canon for c in cands):
            # keep the token as it is: cheap when the LM knows it (foreign word, abbreviation)
            keep = 0.0 if own_id != lm.unk or mode == "clean" else 1.0 if not cands else 2.5
            cands.append(Cand(canon, own_id, keep))
        return tuple(cands)


CONFUSIONS = Path(__file__).resolve().parent.parent / "data" / "ocr_confusions.json"


def _learned() -> dict:
    if CONFUSIONS.exists():
        return json.loads(CONFUSIONS.read_text(encoding="utf-8"))
    return {}


def load_rules() -> list[tuple[str, str, float]]:
    """The learned rewrite rules of ``data/ocr_confusions.json``: (OCR substring, true skeleton part, cost).

    Costs are scaled by the table's ``weight`` (fitted with it: rewrites against the language model).
    """
    data = _learned()
    w = float(data.get("weight", 1.0))
    return [(r[0], r[1], float(r[2]) * w) for r in data.get("rules", [])]


def load_symbol_deletion() -> float:
    """Cost of dropping a symbol inside a word that has no rule of its own (learned, pooled, weighted)."""
    data = _learned()
    return float(data.get("symbol_deletion", 99.0)) * float(data.get("weight", 1.0))


def load_token_table() -> dict[str, list[tuple[str, float]]]:
    """Learned whole-token confusions (OCR token -> true syllables with costs, scaled by ``weight``)."""
    data = _learned()
    w = float(data.get("weight", 1.0))
    return {k: [(t, float(c) * w) for t, c in v] for k, v in data.get("tokens", {}).items()}
