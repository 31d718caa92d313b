"""Syllable n-gram language model (interpolated modified Kneser-Ney, stored with backoff weights).

The model file (``data/lm/model.bin``, built by ``scripts/build_lm.py`` from ``../shared/corpus``)
is: magic, uint32 header length, a JSON header (vocabulary, unigram counts, section table) and
zlib-compressed ``array`` sections per order laid out as a trie: the last word id of each n-gram
(uint16), quantised ``-log10 p`` and ``-log10 backoff`` (uint16, 1/QSCALE units) and, below the
top order, ``child`` offsets (uint32) so that the continuations of n-gram j are entries
``child[j] .. child[j+1]-1`` of the next order.  No pickle; loads with ``array.frombytes``.

Corpus credit: legal code text (diepxuan/diepxuan.github.io) and Vietnamese Wikipedia text
(CC BY-SA 3.0 / 4.0, (c) Wikipedia contributors), see ../shared/corpus/README.md.
"""

from __future__ import annotations

import json
import math
import struct
import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from .keys import fold

MAGIC = b"KHLM1\n"
BITS = 15
QSCALE = 1000.0
_MASKS = [(1 << (BITS * n)) - 1 for n in range(6)]


CTX_CACHE_MAX = 60_000  # histories cached (bounded memory: about 100 MB with the level cache)
LVL_CACHE_MAX = 800_000  # n-gram entries held in cached continuation dicts
DICT_MAX = 64  # higher-order continuation runs up to this long become dicts; longer ones are bisected
FOLDED_SPELLINGS = 6  # spellings of a syllable read without marks weighed in `folded_bond` (`cong`: công, cộng, …)


class NgramLM:
    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise ValueError("not a kehoach language model")
        pos = len(MAGIC)
        (hlen,) = struct.unpack_from("<I", data, pos)
        pos += 4
        header = json.loads(data[pos : pos + hlen].decode("utf-8"))
        pos += hlen
        if header.get("format") != 2:
            raise ValueError("unsupported language model format (rebuild with scripts/build_lm.py)")
        self.order: int = header["order"]
        self.vocab: list[str] = header["vocab"]
        self.counts: list[int] = header["counts"]
        self.index: dict[str, int] = {w: i for i, w in enumerate(self.vocab)}
        self.unk: int = header["unk"]
        self.bos: int = header["bos"]
        self.eos: int = header["eos"]
        self.num: int = header["num"]
        self.scale = scale = 1.0 / header["qscale"]
        # per order n: words[n][i] = last word id of n-gram i (trie order), logp[n][i], and for
        # n < order bow[n][i] and child[n][i] .. child[n][i+1] = its continuations at order n+1
        self.words: list[array] = [array("H")] * (self.order + 1)
        self.logp: list[array] = [array("H")] * (self.order + 1)
        self.bow: list[array] = [array("H")] * (self.order + 1)
        self.child: list[array] = [array("I")] * (self.order + 1)
        for sec in header["sections"]:
            raw = zlib.decompress(data[pos : pos + sec["len"]])
            pos += sec["len"]
            arr = array(sec["typecode"])
            arr.frombytes(raw)
            getattr(self, sec["name"])[sec["order"]] = arr
        # unigram log10 p by id (the unigram table is indexed by id)
        self.uni = [-v * scale for v in self.logp[1]]
        self._ctx_cache: dict[int, tuple] = {}
        self._lvl_cache: dict[int, tuple] = {}
        self._lvl_size = 0
        self._folded: dict[str, list[int]] | None = None  # folded syllable -> its commonest spellings

    def _index(self, ctx: int, m: int) -> int:
        """Index of the packed m-gram ``ctx`` in the order-m table, or -1 (walks the trie)."""
        j = (ctx >> (BITS * (m - 1))) & _MASKS[1]
        for n in range(2, m + 1):
            w = (ctx >> (BITS * (m - n))) & _MASKS[1]
            child = self.child[n - 1]
            lo = child[j]
            hi = child[j + 1]
            words = self.words[n]
            j = bisect_left(words, w, lo, hi)
            if j == hi or words[j] != w:
                return -1
        return j

    def context(self, hist: int, hl: int) -> tuple:
        """Lookup plan for a history of ``hl`` packed ids: ``(levels, final)``.

        ``levels`` lists, top order first, ``(continuations, backoff paid so far)`` where
        ``continuations`` maps word id -> log10 p(w | context at that order) (a dict, or for long
        runs a ``(lo, hi, words, logp)`` slice of the trie); a word found at no level gets
        ``final`` + its unigram log10 p.  Cached per history and per context.
        """
        ck = (hist << 3) | hl
        got = self._ctx_cache.get(ck)
        if got is not None:
            return got
        acc = 0.0
        levels = []
        lvl_cache = self._lvl_cache
        for n in range(min(hl + 1, self.order), 1, -1):
            ctx = hist & _MASKS[n - 1]
            got = lvl_cache.get((ctx << 3) | n)
            d, bow = got if got is not None else self._level(n, ctx)
            if d:
                levels.append((d, acc))
            acc += bow
        got = (tuple(levels), acc)
        if len(self._ctx_cache) > CTX_CACHE_MAX:
            self._ctx_cache.clear()
        self._ctx_cache[ck] = got
        return got

    def _level(self, n: int, ctx: int) -> tuple:
        """Continuations of ``ctx`` at order ``n`` (word id -> log10 p) and ctx's log10 backoff."""
        lk = (ctx << 3) | n
        got = self._lvl_cache.get(lk)
        if got is not None:
            return got
        scale = self.scale
        m = n - 1
        j = ctx if m == 1 else self._index(ctx, m)
        if j < 0:  # an unseen context has no stored continuations (pruning keeps prefixes)
            got = ({}, 0.0)
            self._lvl_cache[lk] = got
            return got
        bow = -self.bow[m][j] * scale
        child = self.child[m]
        lo = child[j]
        hi = child[j + 1]
        d: dict[int, float] | tuple[int, int, array, array]
        if n == 2 or hi - lo <= DICT_MAX:  # bigram dicts are shared by every history ending in ctx
            d = dict(zip(self.words[n][lo:hi], (-v * scale for v in self.logp[n][lo:hi]), strict=True))
        else:  # a long run is searched in place
            d = (lo, hi, self.words[n], self.logp[n])
        got = (d, bow)
        self._lvl_size += min(hi - lo, DICT_MAX) + 1
        if self._lvl_size > LVL_CACHE_MAX:
            self._lvl_cache.clear()
            self._ctx_cache.clear()
            self._lvl_size = 0
        self._lvl_cache[lk] = got
        return got

    def score_ctx(self, context: tuple, w: int) -> float:
        """log10 p(w | history) given ``context(history)``."""
        levels, final = context
        for d, pre in levels:
            if d.__class__ is dict:
                v = d.get(w)
                if v is not None:
                    return pre + v
            else:
                lo, hi, words, lp = d
                i = bisect_left(words, w, lo, hi)
                if i < hi and words[i] == w:
                    return pre - lp[i] * self.scale
        return final + self.uni[w]

    def score_key(self, key: int, n: int) -> float:
        """log10 p(w | h) for the packed n-gram ``key`` (h = first n-1 ids, w = last id)."""
        return self.score_ctx(self.context(key >> BITS, n - 1), key & _MASKS[1])

    def score(self, history: tuple[int, ...], w: int) -> float:
        """log10 p(w | history); ``history`` holds up to order-1 previous ids."""
        key = 0
        for h in history[-(self.order - 1) :]:
            key = (key << BITS) | h
        key = (key << BITS) | w
        return self.score_key(key, min(len(history), self.order - 1) + 1)

    def bond(self, a: int, b: int, before: int | None = None) -> float:
        """log10 of how much likelier word `b` is right after word `a` (and `before` ahead of it, when
        known) than anywhere (> 0: a phrase)."""
        return self.score((a,) if before is None else (before, a), b) - self.uni[b]

    def folded_bond(self, a: str, b: str) -> float:
        """`bond` for two words read without their marks (`cong` / `khai`): how much likelier any
        spelling of `b` is right after any spelling of `a` than anywhere, each spelling weighed by
        how often the corpus writes it (its FOLDED_SPELLINGS commonest). 0.0 when either is no
        syllable the model knows."""
        spell_a, spell_b = self._spellings(a), self._spellings(b)
        if not spell_a or not spell_b:
            return 0.0
        p_a = [10 ** self.uni[i] for i in spell_a]
        p_b = sum(10 ** self.uni[j] for j in spell_b)
        after = sum(p * sum(10 ** self.score((i,), j) for j in spell_b) for p, i in zip(p_a, spell_a, strict=True))
        return math.log10(after / sum(p_a) / p_b) if after > 0 else 0.0

    def _spellings(self, folded: str) -> list[int]:
        if self._folded is None:
            groups: dict[str, list[int]] = {}
            for i, w in enumerate(self.vocab):
                if i > self.num and w.isalpha():
                    groups.setdefault(fold(w), []).append(i)
            self._folded = {k: sorted(ids, key=lambda i: -self.uni[i])[:FOLDED_SPELLINGS] for k, ids in groups.items()}
        return self._folded.get(folded, [])

    def sentence_logprob(self, ids: list[int]) -> float:
        hist: tuple[int, ...] = (self.bos,)
        total = 0.0
        for w in [*ids, self.eos]:
            total += self.score(hist, w)
            hist = (*hist, w)[-(self.order - 1) :]
        return total


@lru_cache(maxsize=1)
def load_model() -> NgramLM:
    """The packaged model, loaded once (lazily)."""
    data = (Path(__file__).resolve().parent.parent / "data" / "lm" / "model.bin").read_bytes()
    return NgramLM(data)


UNFINISHED = -3.0  # log10 p(end | last two words) below this: a phrase cut off (`hướng dẫn của` -3.4)


def ends_unfinished(text: str) -> bool:
    """Does `text` stop mid-phrase, by the model (`Theo văn bản hướng dẫn của`, `phối hợp với`)?
    Finished cell texts score -1.6 to -2.6 (`Sở Nội vụ`, `Quý IV năm 2025`, `Báo cáo kết quả`)."""
    words = [w.strip(",.;:()").lower() for w in text.split()][-2:]
    if not words or not all(w.isalpha() for w in words):
        return False
    model = load_model()
    ids = tuple(model.index.get(w, model.unk) for w in words)
    if ids[-1] == model.unk:
        return False
    return model.score(ids, model.eos) < UNFINISHED
