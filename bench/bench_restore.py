#!/usr/bin/env python3
"""Benchmark of the Vietnamese repair stage: syllable accuracy (diacritics-sensitive) and speed.

Sets
  (a) held-out corpus text (whole blocks of ../shared/corpus never trained on, see
      scripts/build_lm.py) with all diacritics stripped;
  (a2) held-out whole documents of the recent legal file (legal_vbpl_recent, 2024-2026,
      e-government vocabulary; scripts/build_lm.py:heldout_documents) with diacritics stripped;
  (b) the (a) text rendered to page images and OCR'd with tesseract -l eng
      (cached under build/bench_ocr/; skipped when tesseract or Pillow is missing);
  (b2) the same for the (a2) text;
  (p) tests/data/cchc_phrases.txt: each core CCHC phrase stripped and restored on its own,
      counted exact (after NFC + canonical tone placement);
  (c) samples/001 with diacritics stripped;
  (d) seed 002's body, lines 1-151, against samples/expected/002-body-reference.txt;
  plus the share of syllables changed on the clean seeds 000/001/003/004.

Accuracy = 1 - (token edit distance between output and reference) / reference syllables,
on word tokens after NFC + canonical tone placement (case-sensitive).  Raw = unrepaired input.

Usage: python bench/bench_restore.py [--quick] [--no-ocr]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from kehoach_parse.vietnamese.orthography import normalize, strip_diacritics  # noqa: E402
from kehoach_parse.vietnamese.restore import TOKEN_RE, restore, restore_with_changes  # noqa: E402

SAMPLES = ROOT / "samples"
OCR_CACHE = ROOT / "build" / "bench_ocr"


def words(text: str) -> list[str]:
    return [t for t in (m.group(0) for m in TOKEN_RE.finditer(normalize(text))) if any(c.isalpha() for c in t)]


def accuracy(hyp_lines: list[str], ref_lines: list[str]) -> tuple[float, int]:
    """Line-aligned token accuracy."""
    errors = total = 0
    for h, r in zip(hyp_lines, ref_lines, strict=True):
        rw = words(r)
        errors += Levenshtein.distance(words(h), rw)
        total += len(rw)
    return 1 - errors / max(total, 1), total


def _sample(lines, max_syllables: int, step: int) -> list[str]:
    """Every ``step``-th line, up to ``max_syllables``."""
    out = []
    n = 0
    for i, line in enumerate(lines):
        if i % step:
            continue
        out.append(line)
        n += len(words(line))
        if n >= max_syllables:
            break
    return out


def heldout_sample(max_syllables: int, step: int = 5) -> list[str]:
    from build_lm import heldout_lines

    return _sample(heldout_lines(), max_syllables, step)


def heldout_doc_sample(max_syllables: int, step: int = 2) -> list[str]:
    """Lines of the held-out recent documents."""
    from build_lm import heldout_doc_lines

    return _sample(heldout_doc_lines(), max_syllables, step)


PHRASES = ROOT / "tests" / "data" / "cchc_phrases.txt"


def load_phrases(path: Path = PHRASES) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def phrase_score(phrases: list[str]) -> list[tuple[str, str]]:
    """(expected, restored) for every phrase whose stripped form is not restored exactly."""
    wrong = []
    for p in phrases:
        got = restore(strip_diacritics(p))
        if normalize(got) != normalize(p):
            wrong.append((p, got))
    return wrong


def _clear_caches() -> None:
    from kehoach_parse.vietnamese.restore import _models

    lm, cm = _models()
    lm._ctx_cache.clear()
    lm._lvl_cache.clear()
    lm._lvl_size = 0
    cm._cache.clear()


def run_set(name: str, inputs: list[str], refs: list[str], report: list, repeat: int = 3) -> None:
    """Accuracy, and speed as the best of ``repeat`` cold-cache runs (the machine is shared)."""
    raw_acc, n = accuracy(inputs, refs)
    dt = 1e9
    for _ in range(repeat):
        _clear_caches()
        t0 = time.perf_counter()
        outs = [restore(x) for x in inputs]
        dt = min(dt, time.perf_counter() - t0)
    acc, _ = accuracy(outs, refs)
    nsyl = sum(len(words(x)) for x in inputs)
    report.append((name, n, raw_acc, acc, nsyl / dt))
    print(f"{name:<38} {n:>8} syl  raw {raw_acc:7.2%}  repaired {acc:7.2%}  {nsyl / dt:9.0f} syl/s", flush=True)


SLIP_RATE = 0.05  # share of syllables given another mark in set (s)


def with_slips(lines: list[str], seed: int = 7) -> list[str]:
    """The lines with SLIP_RATE of their syllables given another mark on the same letters, as
    tesseract -l vie misreads them (`quản` -> `quần`); a syllable with no such twin is kept."""
    import random

    from kehoach_parse.vietnamese.restore import _models

    _lm, cm = _models()
    rng = random.Random(seed)
    out = []
    for line in lines:
        pieces, last = [], 0
        for m in TOKEN_RE.finditer(line):
            tok = m.group(0)
            twins = [
                w for w, _i, _c in cm.by_skel.get(strip_diacritics(tok.lower()), ()) if w != normalize(tok.lower())
            ]
            if tok.isalpha() and twins and rng.random() < SLIP_RATE:
                twin = rng.choice(twins)
                pieces += [line[last : m.start()], twin.capitalize() if tok[:1].isupper() else twin]
                last = m.end()
        out.append("".join(pieces) + line[last:])
    return out


def run_slips(held: list[str], report: list) -> None:
    """(s): held-out text with mark slips, repaired as OCR'd text (`restore_stream(slips=True)`);
    and the clean held-out text repaired the same way: the share of its syllables changed."""
    from kehoach_parse.vietnamese.restore import restore_stream

    slipped = with_slips(held)
    raw, n = accuracy(slipped, held)
    t0 = time.perf_counter()
    fixed = list(restore_stream(slipped, slips=True))
    dt = time.perf_counter() - t0
    acc, _ = accuracy(fixed, held)
    name = "(s) held-out corpus, OCR mark slips"
    print(f"{name:<38} {n:>8} syl  raw {raw:7.2%}  repaired {acc:7.2%}  {n / dt:9.0f} syl/s")
    report.append(("(s) held-out, mark slips", n, raw, acc, n / dt))
    clean = list(restore_stream(held, slips=True))
    changed, _ = accuracy(clean, held)
    print(f"    the same text without slips, repaired as OCR'd: {1 - changed:.3%} of syllables changed")
    report.append(("(s) clean held-out changed", n, 0.0, 1 - changed, 0.0))


def clean_change_rate(report: list) -> None:
    for seed in ("000", "001", "003", "004"):
        path = next(SAMPLES.glob(f"{seed}_*.txt"))
        text = path.read_text(encoding="utf-8")
        _out, changes = restore_with_changes(text)
        n = len(words(text))
        print(f"clean seed {seed}: {len(changes)} of {n} syllables changed ({len(changes) / n:.3%})")
        for c in changes[:8]:
            print(f"    {c.before!r} -> {c.after!r}")
        report.append((f"clean {seed} changed", n, 0.0, len(changes) / n, 0.0))


def ocr_heldout(lines: list[str]) -> tuple[list[str], list[str]] | None:
    """(OCR output, reference) paragraphs for held-out lines, rendered and OCR'd with -l eng (cached)."""
    try:
        from build_confusions import ocr_paragraphs
    except ImportError:
        return None
    return ocr_paragraphs(lines, lang="eng", cache_dir=OCR_CACHE)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller held-out sample")
    ap.add_argument("--no-ocr", action="store_true", help="skip set (b)")
    args = ap.parse_args()
    report: list = []

    t0 = time.perf_counter()
    from kehoach_parse.vietnamese.restore import _models

    _models()
    print(f"model load: {time.perf_counter() - t0:.3f} s")
    model = ROOT / "src/kehoach_parse/data/lm/model.bin"
    print(f"model size: {model.stat().st_size / 1e6:.1f} MB")

    held = heldout_sample(20_000 if args.quick else 100_000)
    run_set("(a) held-out corpus, stripped", [strip_diacritics(x) for x in held], held, report)
    docs = heldout_doc_sample(15_000 if args.quick else 60_000)
    run_set("(a2) held-out recent docs, stripped", [strip_diacritics(x) for x in docs], docs, report)

    if not args.no_ocr:
        pairs = ocr_heldout(held[: 60 if args.quick else 150])
        if pairs:
            ocr, ref = pairs
            run_set("(b) held-out corpus, OCR -l eng", ocr, ref, report, repeat=1)
            pairs = ocr_heldout(docs[: 60 if args.quick else 150])
            if pairs:
                run_set("(b2) held-out recent docs, OCR -l eng", pairs[0], pairs[1], report, repeat=1)
        else:
            print("(b) skipped: tesseract/Pillow not available")

    run_slips(held[: 400 if args.quick else 2000], report)

    phrases = load_phrases()
    wrong = phrase_score(phrases)
    print(f"(p) CCHC phrases exact: {len(phrases) - len(wrong)}/{len(phrases)}")
    for p, got in wrong:
        print(f"    {p!r} -> {got!r}")
    report.append(("(p) CCHC phrases", len(phrases), 0.0, 1 - len(wrong) / len(phrases), 0.0))

    s001 = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8").split("\n")
    run_set("(c) seed 001, stripped", [strip_diacritics(x) for x in s001], s001, report)

    ref_path = SAMPLES / "expected" / "002-body-reference.txt"
    if ref_path.exists():
        ocr002 = next(SAMPLES.glob("002_*.txt")).read_text(encoding="utf-8").split("\n")[:151]
        ref002 = ref_path.read_text(encoding="utf-8").split("\n")[:151]
        # restored as one text (the document decides the mode), scored line by line
        run_set("(d) seed 002 body, lines 1-151", ["\n".join(ocr002)], ["\n".join(ref002)], report)
        title = restore(ocr002[6])
        print(f"    title line: {title!r}  exact: {title == 'Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025'}")

    clean_change_rate(report)


if __name__ == "__main__":
    main()
