#!/usr/bin/env python3
"""Build the syllable n-gram language model used by the Vietnamese repair stage.

Input : ../shared/corpus/*.txt.gz only (see that corpus's README for sources and licences:
        legal code text, recent central legal documents 2024-2026 (vbpl.vn), and Vietnamese
        Wikipedia text under CC BY-SA 3.0/4.0, (c) Wikipedia contributors).  Never the
        project's samples/.
Output: src/kehoach_parse/data/lm/model.bin (compact binary trie, no pickle), read by
        kehoach_parse.vietnamese.lm.

Model : interpolated modified Kneser-Ney, order 4 (default), stored ARPA-style as
        (full interpolated log10 p, log10 backoff) per n-gram, n-grams pruned by count,
        log-probabilities quantised to uint16 (1/1000 of a log10 unit).

Held-out data (for bench/bench_restore.py, never trained on), two splits:

* BLOCK_FILES (legal code, Wikipedia): every file is cut into contiguous blocks of BLOCK=500
  lines (the files are ordered by subject/article, so a block is a run of whole articles or a
  slice of one subject); block b of file F is held out when crc32(f"{F}:{b}") % HOLDOUT_MOD == 0
  (1 block in 40, ~2.5 %).  `heldout_lines()` yields these lines (the "old" held-out set).
* DOC_FILES (recent central legal documents, legal_vbpl_recent): held out by WHOLE DOCUMENTS.
  The file is the documents' text one after another (national header lines were removed as
  duplicates), so `document_starts()` finds boundaries from header signals: a date line
  "<place>, ngày D tháng M năm YYYY", a document-number line ("Số: 12/2025/…", "Luật số: …"),
  the first line of a "Căn cứ <Luật|Nghị định|…>" preamble run, or an enacting formula
  ("Chính phủ ban hành Nghị định …"); signals within GAP=8 lines of each other (a header block)
  make one boundary, moved back over the issuing-body / title lines just above it.  Form
  templates ("…, ngày … tháng …", "số: ....") are not signals.  Document d is held out when
  crc32(f"{F}:{its first signal line and the two after}") % DOC_HOLDOUT_MOD == 0 (1 in 10):
  deterministic and independent of the document's position in the file.
  `heldout_doc_lines()` / `heldout_documents()` yield these (the "new" held-out set).

Both functions are the single source of truth for the splits and are imported by the bench.

Usage: python scripts/build_lm.py [--corpus DIR] [--out FILE] [--order 4] [--limit N]
Takes about 3 minutes (one core) and a few GB of RAM.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import struct
import sys
import time
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kehoach_parse.vietnamese.lm import BITS, MAGIC, QSCALE  # noqa: E402
from kehoach_parse.vietnamese.tokens import BOS, EOS, NUM, SPECIALS, UNK, lm_tokens  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
BLOCK = 500
HOLDOUT_MOD = 40
# files held out by blocks of lines, and files held out by whole documents
BLOCK_FILES = ("legal_phapdien.txt.gz", "general_viwiki_tnt305.txt.gz", "general_viwiki_undertheseanlp.txt.gz")
DOC_FILES = ("legal_vbpl_recent.txt.gz",)
CORPUS_FILES = BLOCK_FILES + DOC_FILES
DOC_HOLDOUT_MOD = 10
GAP = 8  # header signals closer than this belong to one document header
# minimum raw count kept per order (index = order)
MIN_COUNT = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
MIN_VOCAB_COUNT = 3


def is_heldout(fname: str, lineno: int) -> bool:
    return zlib.crc32(f"{fname}:{lineno // BLOCK}".encode()) % HOLDOUT_MOD == 0


_DATE_RE = re.compile(r"^[^\W\d_][^,;:…]{1,40}, ngày +\d{1,2} +tháng +\d{1,2} +năm +(?:19|20)\d\d\.?$")
_NUMBER_RE = re.compile(r"^(?:[^\W\d_]+ )?[Ss]ố:? *\d+ */ *\d{4} */")
_PREAMBLE_RE = re.compile(
    r"^Căn cứ (?:Hiến pháp|Bộ luật|Luật|Nghị quyết|Nghị định|Pháp lệnh|Quyết định|Thông tư|Lệnh|Kết luận)"
)
_ENACT_RE = re.compile(
    r"^(?:Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Thủ tướng Chính phủ|Bộ trưởng [^,;]{3,60}|Thống đốc [^,;]{3,60})"
    r" ban hành (?:Luật|Nghị định|Nghị quyết|Pháp lệnh|Quyết định|Thông tư)"
)
_CONT_RE = re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Theo đề xuất)")
_ITEM_RE = re.compile(r"^(?:\d|[a-zđ]\)|[-–+•(\[“\"]|Điều \d|Chương|Mục \d|Phụ lục)")


def _is_template(line: str) -> bool:
    return "…" in line or ".." in line


def _header_line(line: str) -> bool:
    """Issuing-body or title line that may sit just above a document's first signal."""
    if _ITEM_RE.match(line) or line.rstrip().endswith((";", ":", ",")):
        return False
    letters = [c for c in line if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    return caps or not line.rstrip().endswith(".")


def document_starts(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, first signal line) of each document of a DOC_FILES file (see module doc)."""
    out: list[tuple[int, int]] = []
    last = -(10**9)
    for i, line in enumerate(lines):
        strong = not _is_template(line) and bool(
            _DATE_RE.match(line)
            or _NUMBER_RE.match(line)
            or _ENACT_RE.match(line)
            or (_PREAMBLE_RE.match(line) and (i == 0 or not _CONT_RE.match(lines[i - 1])))
        )
        if strong and i - last > GAP:
            j = i
            floor = out[-1][1] + 1 if out else 0
            while j > floor and i - j < 3 and _header_line(lines[j - 1]):
                j -= 1
            out.append((j, i))
        if strong or _CONT_RE.match(line):
            last = i
    if not out or out[0][0] != 0:
        out.insert(0, (0, 0))
    return out


def heldout_doc_mask(fname: str, lines: list[str]) -> list[bool]:
    """Per line of a DOC_FILES file: True when its document is held out."""
    mask = [False] * len(lines)
    starts = document_starts(lines)
    for k, (a, sig) in enumerate(starts):
        b = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        key = "\n".join(lines[sig : sig + 3])
        if zlib.crc32(f"{fname}:{key}".encode()) % DOC_HOLDOUT_MOD == 0:
            mask[a:b] = [True] * (b - a)
    return mask


def _read_lines(path: Path, limit: int | None = None) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        out = [line.rstrip("\n") for line in fh]
    return out if limit is None else out[:limit]


def corpus_lines(
    corpus: Path, heldout: bool, limit: int | None = None, files: tuple[str, ...] = CORPUS_FILES
) -> Iterator[str]:
    """Training lines (heldout=False) or held-out lines (heldout=True) of ``files``, in corpus order."""
    for fname in files:
        if fname in DOC_FILES:
            lines = _read_lines(corpus / fname, limit)
            for line, held in zip(lines, heldout_doc_mask(fname, lines), strict=True):
                if held == heldout:
                    yield line
            continue
        with gzip.open(corpus / fname, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if limit is not None and i >= limit:
                    break
                if is_heldout(fname, i) == heldout:
                    yield line.rstrip("\n")


def heldout_lines(corpus: Path = DEFAULT_CORPUS) -> Iterator[str]:
    """The "old" held-out set: held-out blocks of BLOCK_FILES (unchanged since the first model)."""
    return corpus_lines(corpus, heldout=True, files=BLOCK_FILES)


def heldout_documents(corpus: Path = DEFAULT_CORPUS) -> list[list[str]]:
    """The "new" held-out set: whole held-out documents of DOC_FILES, each a list of lines."""
    docs: list[list[str]] = []
    for fname in DOC_FILES:
        lines = _read_lines(corpus / fname)
        mask = heldout_doc_mask(fname, lines)
        starts = document_starts(lines)
        for k, (a, _sig) in enumerate(starts):
            b = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
            if mask[a]:
                docs.append(lines[a:b])
    return docs


def heldout_doc_lines(corpus: Path = DEFAULT_CORPUS) -> Iterator[str]:
    """Lines of the held-out documents of DOC_FILES, in file order."""
    for doc in heldout_documents(corpus):
        yield from doc


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def kn_discounts(counts: Counter) -> tuple[float, float, float]:
    n = [0, 0, 0, 0, 0]
    for c in counts.values():
        if c <= 4:
            n[c] += 1
    y = n[1] / (n[1] + 2 * n[2])
    d1 = 1 - 2 * y * n[2] / n[1]
    d2 = 2 - 3 * y * n[3] / n[2]
    d3 = 3 - 4 * y * n[4] / n[3]
    return max(d1, 0.05), max(d2, 0.05), max(d3, 0.05)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=ROOT / "src/kehoach_parse/data/lm/model.bin")
    ap.add_argument("--order", type=int, default=4)
    ap.add_argument("--limit", type=int, default=None, help="lines per file (for quick tests)")
    ap.add_argument("--min-count", default=None, help="minimum raw counts for orders 2.., e.g. 2,2,3")
    args = ap.parse_args()
    order = args.order
    if args.min_count:
        for n, c in enumerate(args.min_count.split(","), start=2):
            MIN_COUNT[n] = int(c)
    # pass 1: vocabulary
    log("pass 1: vocabulary")
    tokc: Counter = Counter()
    nlines = 0
    for line in corpus_lines(args.corpus, False, args.limit):
        tokc.update(lm_tokens(line))
        nlines += 1
    log(f"{nlines} training lines, {sum(tokc.values())} tokens, {len(tokc)} types")
    words = [w for w, c in tokc.most_common() if c >= MIN_VOCAB_COUNT and w not in SPECIALS]
    words = words[: (1 << BITS) - 1 - len(SPECIALS)]
    vocab = list(SPECIALS) + words
    index = {w: i for i, w in enumerate(vocab)}
    unk = index[UNK]
    bos, eos = index[BOS], index[EOS]
    log(f"vocab {len(vocab)}")
    inventory = check_inventory(tokc)
    log(f"inventory: {inventory}")

    # pass 2: n-gram counts
    log("pass 2: n-gram counts")
    counts: list[Counter] = [Counter() for _ in range(order + 1)]
    get = index.get
    for line in corpus_lines(args.corpus, False, args.limit):
        ids = [bos, *(get(t, unk) for t in lm_tokens(line)), eos]
        keys = ids
        counts[1].update(ids[1:])
        for n in range(2, order + 1):
            keys = [(k << BITS) | w for k, w in zip(keys, ids[n - 1 :], strict=False)]
            counts[n].update(keys)
    for n in range(1, order + 1):
        log(f"order {n}: {len(counts[n])} n-grams")

    # Kneser-Ney adjusted counts: raw for the top order and for n-grams starting with <s>,
    # continuation counts (number of distinct left extensions) otherwise.
    adj: list[Counter] = [Counter() for _ in range(order + 1)]
    adj[order] = counts[order]
    for n in range(order - 1, 0, -1):
        cc: Counter = Counter()
        m = (1 << (BITS * n)) - 1
        for k in counts[n + 1]:
            cc[k & m] += 1
        first_shift = BITS * (n - 1)
        for k, c in counts[n].items():
            if (k >> first_shift) == bos:
                cc[k] = c
        adj[n] = cc
        log(f"continuation counts order {n}: {len(cc)}")

    # interpolated modified KN probabilities, lowest order first
    logp: list[dict] = [{} for _ in range(order + 1)]
    gamma: list[dict] = [{} for _ in range(order + 1)]  # gamma[n][context (n-1)-gram]
    vsize = len(vocab)
    for n in range(1, order + 1):
        a = adj[n]
        d1, d2, d3 = kn_discounts(a)
        log(f"order {n}: discounts {d1:.3f} {d2:.3f} {d3:.3f}")
        tot: Counter = Counter()
        nn = [Counter(), Counter(), Counter()]
        for k, c in a.items():
            h = k >> BITS
            tot[h] += c
            nn[min(c, 3) - 1][h] += 1
        g = {}
        for h, t in tot.items():
            g[h] = (d1 * nn[0][h] + d2 * nn[1][h] + d3 * nn[2][h]) / t
        gamma[n] = g
        lower = logp[n - 1]
        lp = {}
        lowmask = (1 << (BITS * (n - 1))) - 1
        for k, c in a.items():
            if n > 1 and counts[n][k] < MIN_COUNT[n]:
                continue
            h = k >> BITS
            d = d1 if c == 1 else d2 if c == 2 else d3
            if n == 1:
                p = (c - d) / tot[h] + g[h] / vsize
            else:
                lo = k & lowmask
                plo = lower.get(lo)
                if plo is None:
                    plo = _backoff_p(lo, n - 1, logp, gamma)
                p = (c - d) / tot[h] + g[h] * plo
            lp[k] = p
        if n == 1:
            for i in range(vsize):  # every id, so that unigram index == id
                if i not in lp:
                    lp[i] = g[0] / vsize if i != bos else 1e-60
        logp[n] = lp
        log(f"order {n}: kept {len(lp)}")

    # write per order: last word ids (uint16, trie order), quantised -log10 p and -log10 backoff
    # (uint16), child ranges (uint32)
    import math

    sections = []
    blobs = []
    sorted_keys = {n: sorted(logp[n]) for n in range(1, order + 1)}
    for n in range(1, order + 1):
        lp = logp[n]
        keys = sorted_keys[n]
        pa = array("H", (min(65535, round(-math.log10(lp[k]) * QSCALE)) for k in keys))
        if n == 1:
            assert keys == list(range(len(vocab)))  # unigram index == id
            names = [("logp", pa)]
        else:
            # trie layout: only the last word of each n-gram is stored; its context is the
            # (n-1)-gram whose child range holds it
            names = [("words", array("H", (k & ((1 << BITS) - 1) for k in keys))), ("logp", pa)]
        if n < order:
            gn = gamma[n + 1]
            ba = array("H", (min(65535, round(-math.log10(gn[k]) * QSCALE)) if k in gn else 0 for k in keys))
            names.append(("bow", ba))
            # child[j] = index in the order n+1 table of the first n-gram extending keys[j]
            # (trie layout: the continuations of keys[j] are child[j] .. child[j+1]-1)
            nxt = sorted_keys[n + 1]
            child = array("I")
            i = 0
            for k in keys:
                lo_key = k << BITS
                while i < len(nxt) and nxt[i] < lo_key:
                    i += 1
                child.append(i)
            child.append(len(nxt))
            for j, k in enumerate(keys):  # every n+1-gram sits under its own prefix (no orphans)
                assert all(nxt[i] >> BITS == k for i in range(child[j], child[j + 1]))
            names.append(("child", child))
        for name, arr in names:
            raw = arr.tobytes()
            comp = zlib.compress(raw, 9)
            sections.append({"order": n, "name": name, "typecode": arr.typecode, "len": len(comp), "n": len(arr)})
            blobs.append(comp)
    header = {
        "format": 2,
        "order": order,
        "bits": BITS,
        "qscale": QSCALE,
        "vocab": vocab,
        "counts": [tokc.get(w, 0) if w not in SPECIALS else 0 for w in vocab],
        "unk": unk,
        "bos": bos,
        "eos": eos,
        "num": index[NUM],
        "sections": sections,
        "inventory": inventory,
        "source": "built by scripts/build_lm.py from ../shared/corpus (legal code text; Wikipedia text "
        "CC BY-SA, (c) Wikipedia contributors; recent central legal documents from vbpl.vn); "
        "held-out blocks and held-out documents excluded",
    }
    hb = json.dumps(header, ensure_ascii=False).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(MAGIC)
        fh.write(struct.pack("<I", len(hb)))
        fh.write(hb)
        for b in blobs:
            fh.write(b)
    tmp.replace(args.out)
    log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


def check_inventory(tokc: Counter) -> dict:
    """Check the rule-generated syllable inventory against the corpus's syllable types."""
    from kehoach_parse.vietnamese.orthography import generate_syllables, has_diacritics, parse_syllable

    generated = set(generate_syllables())
    words = [(w, c) for w, c in tokc.items() if w.isalpha() and w == w.lower()]
    valid = {w for w, _c in words if parse_syllable(w) is not None}
    marked_invalid = sorted(((w, c) for w, c in words if has_diacritics(w) and w not in valid), key=lambda t: -t[1])
    return {
        "generated": len(generated),
        "corpus_valid_types": len(valid),
        "corpus_valid_not_generated": sorted(valid - generated)[:20],
        "generated_seen_in_corpus": len(generated & valid),
        "corpus_marked_invalid_types": len(marked_invalid),
        "corpus_marked_invalid_top": [w for w, _c in marked_invalid[:30]],
    }


def _backoff_p(k: int, n: int, logp: list[dict], gamma: list[dict]) -> float:
    """p(w|h) for an n-gram pruned from the table (probabilities, not logs)."""
    p = logp[n].get(k)
    if p is not None:
        return p
    if n == 1:
        return 1e-7
    h = k >> BITS
    g = gamma[n].get(h, 1.0)
    return g * _backoff_p(k & ((1 << (BITS * (n - 1))) - 1), n - 1, logp, gamma)


if __name__ == "__main__":
    main()
