#!/usr/bin/env python3
"""OCR-text bench: plan tables rendered by the scan bench's renderer, OCR'd to plain text by tesseract.

    python samples/ocrtext/make_ocrtext.py [--out out/ocrtext] [--only NAME ...] [--jobs N] [--check]
    (samples/ocrtext/README.md)

Why: seed 002 is the only OCR'd plain text the project has, and a table rebuilder tuned on
it proves nothing about the next one. Here plans are composed and drawn by
`samples/scanbench/make_scanbench.py` (imported, not copied: same content pools, faces and
layouts, drawn from this file's own SEED), scanned lightly, and each page image is read by
`tesseract` with `-l vie` and `-l eng` (eng loses the diacritics as seed 002's OCR did),
each with `--psm 3` (its default) and `--psm 6`. The pages' texts are joined with a form
feed, as `tesseract` itself separates pages. The expectation of every text is written from
the composed content (never from a parse), one TOML per document and OCR setting, in the
set `ocrtext-<lang>-psm<N>-<dev|heldout>`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = 20261127
N_DOCUMENTS = 20
SETTINGS = (("vie", 3), ("vie", 6), ("eng", 3), ("eng", 6))
# 200 dpi greyscale, moderate blur: the OCR text, not the scan, is under test (and 300 dpi doubles the OCR time)
CONDITIONS = ("grey200",)


def _bench() -> ModuleType:
    """The scan bench generator, imported by path (samples/ is not a package)."""
    name = "make_scanbench"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "samples" / "scanbench" / "make_scanbench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def specs(
    seed: int = SEED, first_index: int = 0, count: int = N_DOCUMENTS, split_to: str | None = None, omit: bool = False
) -> list:
    """Documents ot01…: conditions in turn; odd ones to dev, even ones held back.

    `first_index`/`count`/`split_to` draw further documents (ot21 … into a `dev2` set) to check
    that work on the dev texts did not fit only those ten; `omit` leaves columns out of their tables
    (make_scanbench.omit_columns).
    """
    sb = _bench()
    out = []
    for i in range(first_index, first_index + count):
        split = split_to or ("dev" if i % 2 == 0 else "heldout")
        out.append(sb.Spec(f"ot{i + 1:02d}", i, CONDITIONS[(i // 2) % len(CONDITIONS)], split, seed, omit=omit))
    return out


def text_name(name: str, lang: str, psm: int) -> str:
    return f"{name}.{lang}-psm{psm}"


def expectation(doc, notes: list[str], lang: str, psm: int) -> str:
    """The scan bench's TOML for `doc`, re-pointed at one OCR text and set."""
    sb = _bench()
    text = sb.expectation_toml(doc, notes)
    source = f"out/ocrtext/{doc.split}/{text_name(doc.name, lang, psm)}.txt"
    lines = []
    for line in text.splitlines():
        if line.startswith("sources = "):
            line = f"sources = [{sb.q(source)}]"
        elif line.startswith("set = "):
            line = f"set = {sb.q(f'ocrtext-{lang}-psm{psm}-{doc.split}')}"
        elif line.startswith("reviewed_by = "):
            line = 'reviewed_by = "ocrtext generator: written from the composed content, not from a parse"'
        elif line.startswith("# Scan bench document"):
            line = (
                f"# OCR-text bench document {doc.name}: tesseract -l {lang} --psm {psm} plain text of pages drawn by\n"
                f"# samples/scanbench/make_scanbench.py, composed by samples/ocrtext/make_ocrtext.py "
                f"from seed {doc.seed}."
            )
        lines.append(line)
    return "\n".join(lines) + "\n"


def ocr(image_path: Path, lang: str, psm: int) -> str:
    done = subprocess.run(
        ["tesseract", str(image_path), "stdout", "-l", lang, "--psm", str(psm)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return done.stdout


def build(spec, out_root: Path, expected_root: Path, texts: bool = True) -> tuple[str, float]:
    """Compose, draw and scan one document, OCR it four ways, write the texts and expectations."""
    sb = _bench()
    t0 = time.perf_counter()
    doc = sb.compose(spec)
    pages, notes = sb.render_pages(doc)  # the notes (rows split at a page break) need the layout drawn
    for lang, psm in SETTINGS:
        p = expected_root / doc.split / f"{text_name(doc.name, lang, psm)}.toml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(expectation(doc, notes, lang, psm), encoding="utf-8")
    if texts:
        scans = sb.scan_document(doc, pages)
        target_dir = out_root / doc.split
        target_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for k, im in enumerate(scans):
                path = Path(tmp) / f"p{k}.png"
                im.save(path, dpi=(doc.scan.dpi, doc.scan.dpi))
                paths.append(path)
            for lang, psm in SETTINGS:
                text = "\f".join(ocr(path, lang, psm) for path in paths)
                (target_dir / f"{text_name(doc.name, lang, psm)}.txt").write_text(text, encoding="utf-8")
    return spec.name, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "ocrtext", help="where the OCR texts go")
    ap.add_argument("--expected", type=Path, default=ROOT / "samples" / "ocrtext" / "expected")
    ap.add_argument("--only", nargs="*", help="document names (ot01 …)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--check", action="store_true", help="only check the committed expectations are up to date")
    ap.add_argument("--expectations-only", action="store_true", help="write the TOML files, skip drawing and OCR")
    ap.add_argument("--seed", type=int, default=SEED, help="the bench's seed (another seed: other documents)")
    ap.add_argument("--first-index", type=int, default=0, help="first document index (20: ot21 …)")
    ap.add_argument("--count", type=int, default=N_DOCUMENTS, help="how many documents from --first-index")
    ap.add_argument("--split", help="put every document in this set (dev2) instead of odd=dev, even=heldout")
    ap.add_argument(
        "--omit-columns", action="store_true", help="leave one or two of outputs/partners/deadline out of each table"
    )
    args = ap.parse_args(argv)
    sb = _bench()
    if missing := sb.missing_fonts():
        print(
            f"make_ocrtext: thiếu phông chữ {', '.join(missing)}; cài các gói {sb.FONT_PACKAGES} "
            "(sh scripts/install_sysdeps.sh, quyền root)",
            file=sys.stderr,
        )
        return 2
    chosen = specs(args.seed, args.first_index, args.count, args.split, args.omit_columns)
    if args.only:
        unknown = set(args.only) - {s.name for s in chosen}
        if unknown:
            print(
                f"make_ocrtext: không có tài liệu {sorted(unknown)}; tên hợp lệ: {chosen[0].name} … {chosen[-1].name}",
                file=sys.stderr,
            )
            return 2
        chosen = [s for s in chosen if s.name in args.only]
    if args.check:
        stale = []
        for spec in chosen:
            doc = sb.compose(spec)
            _, notes = sb.render_table(doc)
            for lang, psm in SETTINGS:
                p = args.expected / doc.split / f"{text_name(doc.name, lang, psm)}.toml"
                if not p.is_file() or p.read_text(encoding="utf-8") != expectation(doc, notes, lang, psm):
                    stale.append(str(p))
        for p in stale:
            print(
                f"make_ocrtext: {p}: khác với nội dung bộ sinh; chạy lại make_ocrtext.py rồi xem git diff",
                file=sys.stderr,
            )
        return 1 if stale else 0
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(build, s, args.out, args.expected, not args.expectations_only) for s in chosen]
        for f in futures:
            name, secs = f.result()
            print(f"{name}: {secs:.1f} s", file=sys.stderr)
    print(f"ocrtext: {len(chosen)} documents in {time.perf_counter() - t0:.0f} s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
