#!/usr/bin/env python3
"""Learn the OCR confusion model from corpus text we render and OCR ourselves.

1. Take training lines of ../shared/corpus (never the held-out blocks, never samples/),
   render them to page images with PIL (a Times-like and an Arial-like font:
   FreeSerif / FreeSans, falling back to DejaVu; 300 or 200 dpi, 12 pt, slight blur and speckle
   noise), OCR the pages with tesseract (``-l eng`` gives the heavy damage of scanned plans
   read without Vietnamese data, ``-l vie`` the milder kind).
2. Align OCR tokens with the source tokens (token-level Levenshtein on accent-stripped forms),
   then align the characters of each substituted pair to collect rewrite rules
   ``ocr substring -> true skeleton substring``.
3. Cost of a rule = -log10(times the rewrite happened / times its source substring was seen
   in OCR output), clipped to [0.2, 3.0]; rules seen fewer than MIN_RULE_COUNT times are dropped.
   Whole damaged tokens seen at least MIN_TOKEN_COUNT times (``ctia`` -> ``của``) are kept too,
   cost = -log10 P(true syllable | OCR token).
   Written to src/kehoach_parse/data/ocr_confusions.json together with the settings used.
   The hand-written table (kehoach_parse.vietnamese.candidates.HAND_RULES) covers what the
   rendering misses; at run time both are loaded and the cheaper cost of a rule wins.

Needs (build time only): tesseract-ocr (+ tesseract-ocr-vie for -l vie), fonts-freefont-ttf,
Pillow.  Usage: python scripts/build_confusions.py [--pages 70] [--vie-pages 16] [--jobs 2]
(about 10 minutes on 2 cores; pages are cached under build/confusion_ocr/).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from kehoach_parse.vietnamese.orthography import normalize, strip_diacritics  # noqa: E402

# Liberation fonts (Debian 12) lack many Vietnamese precomposed glyphs, so FreeSerif (Times-like)
# and FreeSans (Arial-like) from fonts-freefont-ttf are used; DejaVu as a fallback.
FONT_DIRS = [Path("/usr/share/fonts/truetype/freefont"), Path("/usr/share/fonts/truetype/dejavu")]
FONTS = {
    "serif": ["FreeSerif.ttf", "DejaVuSerif.ttf"],
    "sans": ["FreeSans.ttf", "DejaVuSans.ttf"],
}
DPI = 300
PT = 12
LINES_PER_PAGE = 28
MIN_RULE_COUNT = 3
MIN_TOKEN_COUNT = 2
OUT = ROOT / "src/kehoach_parse/data/ocr_confusions.json"


def font_path(kind: str) -> Path:
    for name in FONTS[kind]:
        for d in FONT_DIRS:
            if (d / name).exists():
                return d / name
    raise FileNotFoundError(f"no {kind} font (install fonts-freefont-ttf or fonts-dejavu-core)")


def render_page(paragraphs: list[str], kind: str, seed: int, dpi: int = DPI):
    """A page image (PIL, grayscale) of the paragraphs, wrapped to an A4 text width."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rnd = random.Random(seed)
    size = round(PT * dpi / 72)
    font = ImageFont.truetype(str(font_path(kind)), size)
    width = round(8.27 * dpi)
    margin = round(0.8 * dpi)
    lines: list[str] = []
    for para in paragraphs:
        cur = ""
        for w in para.split():
            cand = f"{cur} {w}" if cur else w
            if font.getlength(cand) > width - 2 * margin and cur:
                lines.append(cur)
                cur = w
            else:
                cur = cand
        if cur:
            lines.append(cur)
    step = round(size * 1.45)
    height = margin * 2 + step * max(len(lines), 1)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for line in lines:
        draw.text((margin + rnd.randint(-3, 3), y), line, font=font, fill=rnd.randint(0, 40))
        y += step
    img = img.filter(ImageFilter.GaussianBlur(radius=rnd.uniform(0.4, 1.0) * dpi / DPI))
    # speckle noise
    px = img.load()
    for _ in range(width * height // 400):
        x, yy = rnd.randrange(width), rnd.randrange(height)
        px[x, yy] = rnd.choice((0, 255, 128))
    return img


def ocr_image(img, lang: str, dpi: int = DPI) -> str:
    with tempfile.TemporaryDirectory() as td:
        p = Path(td) / "page.png"
        img.save(p, dpi=(dpi, dpi))
        res = subprocess.run(
            ["tesseract", str(p), "-", "-l", lang, "--psm", "6"],
            capture_output=True,
            text=True,
            check=True,
        )
    return res.stdout


def paginate(lines: list[str]) -> list[list[str]]:
    """Group paragraphs into pages of about LINES_PER_PAGE rendered lines."""
    pages: list[list[str]] = []
    cur: list[str] = []
    budget = 0
    for line in lines:
        line = line[:600]
        cost = 1 + len(line) // 85
        if cur and budget + cost > LINES_PER_PAGE:
            pages.append(cur)
            cur, budget = [], 0
        cur.append(line)
        budget += cost
    if cur:
        pages.append(cur)
    return pages


def ocr_paragraphs(lines: list[str], lang: str, cache_dir: Path, jobs: int = 2) -> tuple[list[str], list[str]] | None:
    """Render+OCR ``lines`` page by page: (OCR text per page, reference text per page); cached."""
    if shutil.which("tesseract") is None:
        return None
    try:
        import PIL  # noqa: F401
    except ImportError:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    pages = paginate(lines)

    def one(i_page):
        i, page = i_page
        ref = "\n".join(page)
        kind = "serif" if i % 2 == 0 else "sans"
        dpi = 200 if i % 3 == 0 else DPI  # 200 and 300 dpi scans
        h = hashlib.sha1(f"{lang}|{kind}|{dpi}|{PT}|{ref}".encode()).hexdigest()[:16]
        cf = cache_dir / f"{h}.txt"
        if cf.exists():
            return cf.read_text(encoding="utf-8"), ref
        text = ocr_image(render_page(page, kind, seed=i, dpi=dpi), lang, dpi=dpi)
        cf.write_text(text, encoding="utf-8")
        return text, ref

    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(one, enumerate(pages)))
    return [r[0] for r in results], [r[1] for r in results]


# -- alignment and rule learning -----------------------------------------------------------


def _tokens(text: str) -> list[str]:
    from kehoach_parse.vietnamese.restore import TOKEN_RE

    return [t for t in (m.group(0) for m in TOKEN_RE.finditer(normalize(text))) if any(c.isalpha() for c in t)]


def token_pairs(ocr: str, ref: str) -> list[tuple[str, str]]:
    """(ocr token, reference token) pairs aligned 1:1 (equal skeletons or substitutions)."""
    from rapidfuzz.distance import Levenshtein

    o = _tokens(ocr)
    r = _tokens(ref)
    ok = [strip_diacritics(t).lower() for t in o]
    rk = [strip_diacritics(t).lower() for t in r]
    pairs = []
    for block in Levenshtein.opcodes(ok, rk):
        if block.tag in ("equal", "replace") and block.src_end - block.src_start == block.dest_end - block.dest_start:
            for i, j in zip(
                range(block.src_start, block.src_end), range(block.dest_start, block.dest_end), strict=True
            ):
                pairs.append((o[i], r[j]))
    return pairs


def char_rules(ocr_tok: str, ref_tok: str) -> list[tuple[str, str]]:
    """Rewrite rules (ocr substring -> reference skeleton substring) for one aligned pair."""
    src = strip_diacritics(ocr_tok).lower()
    dst = strip_diacritics(ref_tok).lower()
    if src == dst:
        return []
    rules = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, src, dst, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a, b = src[i1:i2], dst[j1:j2]
        if len(a) > 3 or len(b) > 3:
            return []  # too different: a misalignment, not a confusion
        rules.append((a, b))
    return rules


def learn(pairs: list[tuple[str, str]]) -> list[list]:
    rule_count: Counter = Counter()
    src_seen: Counter = Counter()
    chars = 0
    for o, r in pairs:
        s = strip_diacritics(o).lower()
        chars += len(s)
        for L in (1, 2, 3):
            for i in range(len(s) - L + 1):
                src_seen[s[i : i + L]] += 1
        for rule in char_rules(o, r):
            rule_count[rule] += 1
    out = []
    for (a, b), c in rule_count.most_common():
        if c < MIN_RULE_COUNT:
            continue
        seen = src_seen[a] if a else chars
        if not seen:
            continue
        p = min(1.0, c / seen)
        cost = min(3.0, max(0.2, -math.log10(p)))
        out.append([a, b, round(cost, 3), c])
    return out


def learn_tokens(pairs: list[tuple[str, str]]) -> dict[str, list]:
    """Whole-token confusions: OCR token -> [[true syllable, cost], ...] for frequent damaged tokens."""
    from kehoach_parse.vietnamese.orthography import canonical_syllable, is_valid_syllable

    seen: Counter = Counter()
    hits: Counter = Counter()
    for o, r in pairs:
        ol = o.lower()
        seen[ol] += 1
        if strip_diacritics(ol) != strip_diacritics(r).lower() and is_valid_syllable(r):
            hits[(ol, canonical_syllable(r.lower()))] += 1
    table: dict[str, list] = {}
    for (ol, t), c in hits.most_common():
        p = c / seen[ol]
        if c >= MIN_TOKEN_COUNT and p >= 0.1:
            table.setdefault(ol, []).append([t, round(max(0.1, -math.log10(p)), 3)])
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=70, help="pages for -l eng")
    ap.add_argument("--vie-pages", type=int, default=16, help="pages for -l vie (slower, milder damage)")
    ap.add_argument("--langs", default="eng,vie")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "confusion_ocr")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from build_lm import DEFAULT_CORPUS, corpus_lines

    # training lines only: a deterministic sample spread over the corpus
    rnd = random.Random(2025)
    sample = [ln for ln in corpus_lines(DEFAULT_CORPUS, heldout=False) if rnd.random() < 0.002 and len(ln) > 40]
    rnd.shuffle(sample)
    all_pairs: list[tuple[str, str]] = []
    langs = args.langs.split(",")
    per_lang = {}
    for lang in langs:
        n_lines = (args.vie_pages if lang == "vie" else args.pages) * LINES_PER_PAGE // 3
        res = ocr_paragraphs(sample[:n_lines], lang, args.cache / lang, jobs=args.jobs)
        if res is None:
            sys.exit("tesseract or Pillow missing: apt-get install tesseract-ocr tesseract-ocr-vie fonts-freefont-ttf")
        pairs = [p for o, r in zip(*res, strict=True) for p in token_pairs(o, r)]
        per_lang[lang] = len(pairs)
        all_pairs.extend(pairs)
        print(f"{lang}: {len(res[0])} pages, {len(pairs)} aligned token pairs", file=sys.stderr)
    rules = learn(all_pairs)
    tokens = learn_tokens(all_pairs)
    data = {
        "description": "OCR rewrite rules (ocr substring -> true accent-stripped substring, cost = -log10 p) "
        "learned by scripts/build_confusions.py from ../shared/corpus training lines rendered with PIL "
        "and OCR'd with tesseract; never from samples/.",
        "settings": {
            "dpi": [200, DPI],
            "pt": PT,
            "fonts": FONTS,
            "langs": langs,
            "pages": {"eng": args.pages, "vie": args.vie_pages},
            "pairs": per_lang,
        },
        "rules": rules,
        "tokens": tokens,
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(rules)} rules, {len(tokens)} token entries", file=sys.stderr)


if __name__ == "__main__":
    main()
