#!/usr/bin/env python3
"""Learn the OCR confusion model from corpus text we render and OCR ourselves.

The repair stage's only OCR rewrite table (``src/kehoach_parse/data/ocr_confusions.json``) is
built here; there are no hand-written rules. Everything is deterministic (fixed seeds, fixed
page order, fixed conditions); only the tesseract version can change the result, and it is
recorded in the output.

1. Training text: a fixed-seed sample of the training lines of ``../shared/corpus`` (never the
   held-out blocks or documents of ``scripts/build_lm.py``, never ``samples/``). About one
   paragraph in eight is set as an all-caps heading (plans have many, and capitals are where
   ``Đ`` turns into ``P``), and those are printed in the font's bold face.
2. Pages are rendered with PIL in six faces (Liberation Serif / Sans — the Times New Roman /
   Arial metric clones —, DejaVu Serif / Sans, FreeSerif / FreeSans) and "scanned" under ten
   conditions (clean 300 dpi, heavy blur, grain, 150 dpi, 200 dpi JPEG, a binarised copier
   scan, spreading and faint toner, a skewed sheet, a 100 dpi fax) at 12-14 pt; faces x
   conditions are cycled in a fixed shuffled order. Each page is read with
   tesseract ``-l eng`` (no Vietnamese data: diacritics collapse into look-alike ASCII letters
   and digits, the damage of scanned plans read as English) and ``-l vie`` (milder: wrong marks),
   alternating ``--psm 6`` and ``--psm 3`` (tesseract's default).
3. OCR tokens are aligned with the source tokens (token-level Levenshtein on accent-stripped
   forms); the characters of each substituted pair give rewrite rules
   ``ocr substring -> true skeleton substring``, each also with one letter of context on either
   side (``dp -> d`` for the ``Đ`` read as ``DP``), so that a rewrite that only happens next to
   a certain letter is learned with its own, more specific cost.
4. Cost of a rule = -log10(times the rewrite happened / times its source substring was seen in
   OCR output), clipped to [0.2, 3.0]; rules seen fewer than MIN_RULE_COUNT times are dropped,
   and a rule with context is kept only when it is clearly cheaper than the same rule without
   (so the table stays small). Whole damaged tokens seen at least MIN_TOKEN_COUNT times
   (``ctia`` -> ``của``) are kept too, cost = -log10 P(true syllable | OCR token).
   A stray symbol inside a word with no rule of its own may be dropped at a pooled cost
   (``symbol_deletion``: how often any symbol inside a word was dropped).
5. One weight for all these costs against the language model (``weight``, applied when the table
   is loaded) is fitted on every third training page: the best repaired accuracy of a few values.

``--evaluate`` scores the repair stage (with the table in the package) on held-out corpus
documents: the first EVAL_LINES lines of the first EVAL_DOCS documents of
``build_lm.heldout_documents()`` (recent legal documents never used for the language model nor
for this table), rendered and OCR'd in the same faces and conditions (another seed) with both
languages: syllable accuracy before and after repair, per language and condition.

Needs (build time only, never at test time): tesseract-ocr + tesseract-ocr-vie,
fonts-liberation2, fonts-dejavu-core, fonts-freefont-ttf, Pillow, rapidfuzz.
Usage: python scripts/build_confusions.py [--pages 100] [--vie-pages 30] [--jobs 2] [--evaluate]
(roughly 15-25 minutes on 2 cores; pages are cached under build/confusion_ocr/).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from kehoach_parse.vietnamese.orthography import normalize, strip_diacritics  # noqa: E402

FONT_ROOT = Path("/usr/share/fonts/truetype")
# face -> (regular, bold) below FONT_ROOT. liberation2 (fonts-liberation2) has the Vietnamese
# glyphs; the older liberation/ directory of Debian's fonts-liberation does not.
FACES: dict[str, tuple[str, str]] = {
    "liberation-serif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    "liberation-sans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    "dejavu-serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "dejavu-sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "free-serif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "free-sans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
}


@dataclass(frozen=True)
class Scan:
    """How a rendered page is "scanned": resolution, blur radius (at 300 dpi), grain, JPEG, binarising."""

    dpi: int
    blur: float
    grain: int = 0  # half-range of the added noise, grey levels
    jpeg: int = 0  # JPEG quality; 0 = none
    threshold: int = 0  # binarise at this grey level (copier); 0 = none
    ink: int = 0  # > 0: toner spreads (strokes thicken, marks merge); < 0: faint toner (strokes thin, break)
    skew: float = 0.0  # degrees the sheet lies askew on the glass
    via: int = 0  # passed through a binarised image at this dpi first (fax, "scan to text" at low resolution)


CONDITIONS: dict[str, Scan] = {
    "clean": Scan(300, 0.4),
    "blur": Scan(300, 1.5),
    "grain": Scan(300, 0.7, grain=70),
    "lowdpi": Scan(150, 0.6),
    "jpeg": Scan(200, 0.8, jpeg=20),
    "copier": Scan(200, 0.9, grain=40, threshold=150),
    "bleed": Scan(200, 0.8, threshold=140, ink=1),
    "fade": Scan(200, 0.8, ink=-1),
    "skewed": Scan(200, 0.8, threshold=140, ink=1, skew=0.8),
    "fax": Scan(200, 0.6, via=100),
}
PAPER_DPI = 300  # pages are drawn at this resolution, then "scanned" down
PT = 12  # the older renderer's size (bench sets)
SIZES = (12, 13, 14)  # plans are set in 12-14 pt; one size per page, cycled
LINES_PER_PAGE = 28
CAPS_SHARE = 0.125  # paragraphs set as all-caps bold headings
CAPS_WORDS = 14
MIN_RULE_COUNT = 4
MIN_TOKEN_COUNT = 3
CONTEXT_GAIN = 0.3  # a rule with context must be this much cheaper (log10) than without it
SEED = 2026
WEIGHTS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)  # channel-cost weights tried by fit_weight()
FIT_EVERY = 3  # every third training page scores them
EVAL_DOCS = 6
EVAL_LINES = 40  # first lines of each held-out document (header, preamble, first articles)
OUT = ROOT / "src/kehoach_parse/data/ocr_confusions.json"


def face_path(face: str, bold: bool = False) -> Path:
    path = FONT_ROOT / FACES[face][1 if bold else 0]
    if not path.exists():
        raise FileNotFoundError(f"{path}: install fonts-liberation2 fonts-dejavu-core fonts-freefont-ttf")
    return path


def _wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for w in text.split():
        cand = f"{cur} {w}" if cur else w
        if font.getlength(cand) > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def draw_page(paragraphs: list[tuple[str, bool]], face: str, seed: int, pt: int = PT):
    """A white page (PIL ``L``, PAPER_DPI) with the paragraphs wrapped to an A4 text width; bold = heading."""
    from PIL import Image, ImageDraw, ImageFont

    rnd = random.Random(seed)
    size = round(pt * PAPER_DPI / 72)
    regular = ImageFont.truetype(str(face_path(face)), size)
    bold = ImageFont.truetype(str(face_path(face, bold=True)), size)
    width = round(8.27 * PAPER_DPI)
    margin = round(0.8 * PAPER_DPI)
    lines = [(ln, b) for text, b in paragraphs for ln in _wrap(text, bold if b else regular, width - 2 * margin)]
    step = round(size * 1.45)
    img = Image.new("L", (width, margin * 2 + step * max(len(lines), 1)), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for line, b in lines:
        draw.text((margin + rnd.randint(-3, 3), y), line, font=bold if b else regular, fill=rnd.randint(0, 40))
        y += step
    return img


def scan_page(img, scan: Scan, seed: int):
    """The page as a scanner would give it: blurred, resampled to ``scan.dpi``, grain, JPEG, binarised."""
    from PIL import Image, ImageChops, ImageFilter

    rnd = random.Random(seed)
    if scan.skew:
        img = img.rotate(scan.skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if scan.ink:
        size = 2 * abs(scan.ink) + 1
        img = img.filter(ImageFilter.MinFilter(size) if scan.ink > 0 else ImageFilter.MaxFilter(size))
    if scan.via:
        w, h = img.size
        low = img.resize((w * scan.via // PAPER_DPI, h * scan.via // PAPER_DPI), Image.Resampling.BILINEAR)
        img = low.point(lambda v: 0 if v < 150 else 255).resize((w, h), Image.Resampling.NEAREST)
    img = img.filter(ImageFilter.GaussianBlur(radius=scan.blur * rnd.uniform(0.8, 1.2)))
    if scan.dpi != PAPER_DPI:
        w, h = img.size
        img = img.resize((round(w * scan.dpi / PAPER_DPI), round(h * scan.dpi / PAPER_DPI)), Image.Resampling.BILINEAR)
    if scan.grain:
        noise = Image.frombytes("L", img.size, rnd.randbytes(img.size[0] * img.size[1]))
        # uniform bytes -> a triangular-ish noise of +-grain around 128
        lut = [128 + round((v - 127.5) / 127.5 * scan.grain * abs(v - 127.5) / 127.5) for v in range(256)]
        img = ImageChops.add(img, noise.point(lut), offset=-128)
    if scan.threshold:
        img = img.point(lambda v: 0 if v < scan.threshold else 255)
    if scan.jpeg:
        import io

        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=scan.jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return img


def tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else "unknown"


def ocr_image(img, lang: str, dpi: int = PAPER_DPI, psm: int = 6) -> str:
    with tempfile.TemporaryDirectory() as td:
        p = Path(td) / "page.png"
        img.save(p, dpi=(dpi, dpi))
        res = subprocess.run(
            ["tesseract", str(p), "-", "-l", lang, "--psm", str(psm)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one thread per page: pages run in parallel
        )
    return res.stdout


def render_page(paragraphs: list[str], kind: str, seed: int, dpi: int = PAPER_DPI):
    """The first renderer's page (FreeSerif/FreeSans, mild blur, speckle), unchanged: bench/bench_restore.py's
    OCR sets (b), (b2) use it, so their numbers stay comparable across versions of the table."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rnd = random.Random(seed)
    size = round(PT * dpi / 72)
    font = ImageFont.truetype(str(face_path("free-serif" if kind == "serif" else "free-sans")), size)
    width = round(8.27 * dpi)
    margin = round(0.8 * dpi)
    lines = [line for para in paragraphs for line in _wrap(para, font, width - 2 * margin)]
    step = round(size * 1.45)
    height = margin * 2 + step * max(len(lines), 1)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for line in lines:
        draw.text((margin + rnd.randint(-3, 3), y), line, font=font, fill=rnd.randint(0, 40))
        y += step
    img = img.filter(ImageFilter.GaussianBlur(radius=rnd.uniform(0.4, 1.0) * dpi / PAPER_DPI))
    # speckle noise
    px = img.load()
    for _ in range(width * height // 400):
        x, yy = rnd.randrange(width), rnd.randrange(height)
        px[x, yy] = rnd.choice((0, 255, 128))
    return img


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


def _ready() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def ocr_paragraphs(lines: list[str], lang: str, cache_dir: Path, jobs: int = 2) -> tuple[list[str], list[str]] | None:
    """Render+OCR ``lines`` page by page with the older renderer (bench sets (b), (b2)); cached.

    (OCR text per page, reference text per page), or None without tesseract/Pillow.
    """
    if not _ready():
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    pages = paginate(lines)

    def one(i_page):
        i, page = i_page
        ref = "\n".join(page)
        kind = "serif" if i % 2 == 0 else "sans"
        dpi = 200 if i % 3 == 0 else PAPER_DPI  # 200 and 300 dpi scans
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


def plan_pages(n_pages: int, seed: int) -> list[tuple[str, str, int, int]]:
    """(face, condition, psm, pt) for each page: every face x condition pair in a fixed shuffled cycle."""
    combos = [(f, c) for f in FACES for c in CONDITIONS]
    random.Random(seed).shuffle(combos)
    n = len(combos)
    return [(*combos[i % n], 6 if (i // n) % 2 == 0 else 3, SIZES[i % len(SIZES)]) for i in range(n_pages)]


def with_headings(lines: list[str], seed: int) -> list[tuple[str, bool]]:
    """Paragraphs, about CAPS_SHARE of them turned into short all-caps headings (bold)."""
    rnd = random.Random(seed)
    out = []
    for line in lines:
        if rnd.random() < CAPS_SHARE:
            out.append((" ".join(line.split()[:CAPS_WORDS]).upper(), True))
        else:
            out.append((line, False))
    return out


def ocr_pages(
    paragraphs: list[tuple[str, bool]], lang: str, cache_dir: Path, seed: int, jobs: int = 2
) -> list[tuple[str, str, str]]:
    """Render, scan and OCR the paragraphs: (condition, OCR text, reference text) per page; cached."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    # paginate on the texts, keeping the heading flags
    flags = dict(paragraphs)
    pages = paginate([p for p, _ in paragraphs])
    plan = plan_pages(len(pages), seed)

    def one(i: int) -> tuple[str, str, str]:
        page = pages[i]
        face, cond, psm, pt = plan[i]
        ref = "\n".join(page)
        h = hashlib.sha1(f"{lang}|{face}|{cond}|{CONDITIONS[cond]}|{psm}|{pt}|{seed}|{i}|{ref}".encode()).hexdigest()
        cf = cache_dir / f"{h[:20]}.txt"
        if cf.exists():
            return cond, cf.read_text(encoding="utf-8"), ref
        page_seed = seed * 100_003 + i
        img = scan_page(
            draw_page([(p, flags.get(p, False)) for p in page], face, page_seed, pt), CONDITIONS[cond], page_seed
        )
        text = ocr_image(img, lang, dpi=CONDITIONS[cond].dpi, psm=psm)
        cf.write_text(text, encoding="utf-8")
        return cond, text, ref

    with ThreadPoolExecutor(max_workers=jobs) as ex:
        return list(ex.map(one, range(len(pages))))


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
    """Rewrite rules (ocr substring -> reference skeleton substring) for one aligned pair.

    Each edit is given bare and with one equal letter of context on its left and on its right
    (sources of at most 3 characters, as the run-time search reads them). Insertions (an empty
    source) are kept bare: the search places them between any two letters.
    """
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
        if not a:
            continue
        if i1 > 0 and j1 > 0 and len(a) < 3:
            rules.append((src[i1 - 1] + a, dst[j1 - 1] + b))
        if i2 < len(src) and j2 < len(dst) and len(a) < 3:
            rules.append((a + src[i2], b + dst[j2]))
    return rules


def learn(pairs: list[tuple[str, str]]) -> list[list]:
    """[[source, target, cost, count], ...], most frequent first (ties: alphabetical)."""
    rule_count: Counter = Counter()
    src_seen: Counter = Counter()
    chars = 0
    for o, r in pairs:
        s = strip_diacritics(o).lower()
        chars += len(s)
        for L in (1, 2, 3):
            for i in range(len(s) - L + 1):
                src_seen[s[i : i + L]] += 1
        for rule in set(char_rules(o, r)):
            rule_count[rule] += 1
    cost: dict[tuple[str, str], float] = {}
    for (a, b), c in rule_count.items():
        seen = src_seen[a] if a else chars
        if c < MIN_RULE_COUNT or not seen:
            continue
        cost[(a, b)] = min(3.0, max(0.2, -math.log10(min(1.0, c / seen))))

    def bare(a: str, b: str) -> float | None:
        # the cheapest same edit without a shared first or last letter (its context), if learned
        shorter = []
        if len(a) > 1 and a[0] == b[:1]:
            shorter.append((a[1:], b[1:]))
        if len(a) > 1 and a[-1] == b[-1:]:
            shorter.append((a[:-1], b[:-1]))
        got = [cost[r] for r in shorter if r in cost]
        return min(got) if got else None

    out = []
    for (a, b), c in sorted(cost.items(), key=lambda kv: (-rule_count[kv[0]], kv[0])):
        base = bare(a, b)
        if base is not None and c > base - CONTEXT_GAIN:
            continue  # the context adds nothing
        out.append([a, b, round(c, 3), rule_count[(a, b)]])
    return out


def symbol_deletion(pairs: list[tuple[str, str]]) -> float:
    """Cost of dropping a stray symbol inside a word (``K¢é``, ``u:ng``), pooled over every symbol.

    Each symbol has its own rule when it was seen often enough; this pooled estimate is the
    back-off for the rare ones, so a symbol our renders happened not to produce is still noise.
    """
    seen = dropped = 0
    for o, r in pairs:
        s = strip_diacritics(o).lower()
        n = sum(1 for c in s if not c.isalnum())
        if n:
            seen += n
            dropped += sum(1 for a, b in char_rules(o, r) if len(a) == 1 and not a.isalnum() and b == "")
    return round(min(3.0, max(0.2, -math.log10(max(dropped, 1) / max(seen, 1)))), 3)


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
    for (ol, t), c in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])):
        p = c / seen[ol]
        if c >= MIN_TOKEN_COUNT and p >= 0.1:
            table.setdefault(ol, []).append([t, round(max(0.1, -math.log10(p)), 3)])
    return dict(sorted(table.items()))


def training_lines(n: int) -> list[str]:
    """A deterministic spread of training lines of the corpus (no held-out line, no sample)."""
    from build_lm import DEFAULT_CORPUS, corpus_lines

    rnd = random.Random(SEED)
    sample = [ln for ln in corpus_lines(DEFAULT_CORPUS, heldout=False) if rnd.random() < 0.003 and len(ln) > 40]
    rnd.shuffle(sample)
    return sample[:n]


def write_table(
    path: Path, rules: list[list], tokens: dict[str, list], settings: dict, weight: float = 1.0, symbol: float = 3.0
) -> None:
    """Compact JSON, one rule or token per line (small in the package, readable in a diff)."""
    head = {
        "description": "OCR rewrite rules (ocr substring -> true accent-stripped substring, cost = -log10 p, count) "
        "and whole damaged tokens (ocr token -> [[syllable, cost], ...]) learned by scripts/build_confusions.py from "
        "../shared/corpus training lines rendered in several faces and scan conditions and OCR'd with tesseract "
        "-l eng and -l vie; never from samples/. The repair stage's only OCR rewrite table.",
        "settings": settings,
        "weight": weight,
        "symbol_deletion": symbol,
    }
    parts = [json.dumps(head, ensure_ascii=False)[:-1]]
    parts.append(',\n "rules": [\n  ' + ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in rules) + "\n ]")
    toks = ",\n  ".join(
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in tokens.items()
    )
    parts.append(',\n "tokens": {\n  ' + toks + "\n }\n}\n")
    text = "".join(parts)
    json.loads(text)  # well-formed
    path.write_text(text, encoding="utf-8")


def build(args) -> None:
    n_lines = max(args.pages, args.vie_pages) * LINES_PER_PAGE // 3
    lines = with_headings(training_lines(n_lines), SEED)
    all_pairs: list[tuple[str, str]] = []
    per_lang: dict[str, int] = {}
    fit_pages: list[tuple[str, str, str]] = []
    for lang in args.langs.split(","):
        n = (args.vie_pages if lang == "vie" else args.pages) * LINES_PER_PAGE // 3
        pages = ocr_pages(lines[:n], lang, args.cache / lang, SEED, jobs=args.jobs)
        fit_pages.extend(pages[::FIT_EVERY])
        pairs = [p for _c, o, r in pages for p in token_pairs(o, r)]
        per_lang[lang] = len(pairs)
        all_pairs.extend(pairs)
        print(f"{lang}: {len(pages)} pages, {len(pairs)} aligned token pairs", file=sys.stderr)
    rules = learn(all_pairs)
    tokens = learn_tokens(all_pairs)
    symbol = symbol_deletion(all_pairs)
    weight, fit = fit_weight(rules, tokens, symbol, fit_pages, args.out)
    settings = {
        "faces": FACES,
        "conditions": {k: vars(v) for k, v in CONDITIONS.items()},
        "psm": [6, 3],
        "pt": SIZES,
        "caps_share": CAPS_SHARE,
        "langs": args.langs.split(","),
        "pages": {"eng": args.pages, "vie": args.vie_pages},
        "pairs": per_lang,
        "seed": SEED,
        "tesseract": tesseract_version(),
        "weight_fit": fit,
    }
    write_table(args.out, rules, tokens, settings, weight, symbol)
    print(f"wrote {args.out}: {len(rules)} rules, {len(tokens)} token entries", file=sys.stderr)


def page_accuracy(pages: list[tuple[str, str, str]]) -> float:
    """Syllable accuracy (diacritics count, canonical tone placement) of the repaired OCR pages."""
    from rapidfuzz.distance import Levenshtein

    from kehoach_parse.vietnamese.orthography import canonical_syllable
    from kehoach_parse.vietnamese.restore import restore

    def words(text: str) -> list[str]:
        return [canonical_syllable(t) if t.isalpha() else t for t in _tokens(text)]

    n = errors = 0
    for _cond, ocr, ref in pages:
        rw = words(ref)
        n += len(rw)
        errors += Levenshtein.distance(words(restore(ocr)), rw)
    return 1 - errors / max(n, 1)


def fit_weight(rules: list[list], tokens: dict[str, list], symbol: float, pages: list, out: Path) -> tuple[float, dict]:
    """The weight of the channel costs against the language model, fitted on training pages.

    Costs are probabilities of one rewrite; the decoder adds them up over a token and weighs them
    against the language model, which over-counts them when they are not independent. The weight
    with the best repaired accuracy on every FIT_EVERY-th training page (the table was learned
    from these pages, never from held-out text or samples/) is kept.
    """
    import kehoach_parse.vietnamese.candidates as cand
    from kehoach_parse.vietnamese import restore

    tmp = Path(tempfile.mkdtemp()) / out.name  # not in the package's data folder, even for a while
    scores = {}
    saved = cand.CONFUSIONS
    try:
        for w in WEIGHTS:
            write_table(tmp, rules, tokens, {}, w, symbol)
            cand.CONFUSIONS = tmp
            restore._models.cache_clear()
            scores[w] = round(page_accuracy(pages), 4)
            print(f"  weight {w}: {scores[w]:.2%} on {len(pages)} training pages", file=sys.stderr)
    finally:
        cand.CONFUSIONS = saved
        restore._models.cache_clear()
        shutil.rmtree(tmp.parent, ignore_errors=True)
    best = max(WEIGHTS, key=lambda w: (scores[w], -abs(w - 1.0)))
    return best, {str(w): a for w, a in scores.items()}


# -- held-out evaluation ----------------------------------------------------------------------


def heldout_eval_lines(n_docs: int = EVAL_DOCS) -> tuple[list[str], list[str]]:
    """The first EVAL_LINES lines of the first ``n_docs`` held-out documents, and each one's first line (its name)."""
    from build_lm import heldout_documents

    docs = heldout_documents()[:n_docs]
    return [ln for d in docs for ln in d[:EVAL_LINES] if len(ln) > 3], [d[0] for d in docs]


def evaluate(args) -> dict:
    """Syllable accuracy before/after repair on OCR'd held-out documents, per language and condition."""
    from rapidfuzz.distance import Levenshtein

    from kehoach_parse.vietnamese.orthography import canonical_syllable
    from kehoach_parse.vietnamese.restore import restore

    def words(text: str) -> list[str]:
        return [canonical_syllable(t) if t.isalpha() else t for t in _tokens(text)]

    lines, names = heldout_eval_lines(args.eval_docs)
    paragraphs = with_headings(lines, SEED + 1)
    print(f"held-out documents ({len(names)}): " + " | ".join(n[:50] for n in names), file=sys.stderr)
    report: dict = {}
    for lang in args.langs.split(","):
        pages = ocr_pages(paragraphs, lang, args.cache / f"eval-{lang}", SEED + 1, jobs=args.jobs)
        by: dict[str, list[int]] = {}
        for cond, ocr, ref in pages:
            rw = words(ref)
            raw = Levenshtein.distance(words(ocr), rw)
            fixed = Levenshtein.distance(words(restore(ocr)), rw)
            for k in (cond, "all"):
                acc = by.setdefault(k, [0, 0, 0])
                acc[0] += len(rw)
                acc[1] += raw
                acc[2] += fixed
        for k, (n, raw, fixed) in sorted(by.items()):
            report[f"{lang}/{k}"] = {"syllables": n, "raw": round(1 - raw / n, 4), "repaired": round(1 - fixed / n, 4)}
            print(f"{lang:>3} {k:<8} {n:>6} syl  raw {1 - raw / n:7.2%}  repaired {1 - fixed / n:7.2%}")
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100, help="pages for -l eng")
    ap.add_argument("--vie-pages", type=int, default=30, help="pages for -l vie")
    ap.add_argument("--langs", default="eng,vie")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "confusion_ocr")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--evaluate", action="store_true", help="score the packaged table on held-out documents")
    ap.add_argument("--eval-docs", type=int, default=EVAL_DOCS)
    args = ap.parse_args()
    if not _ready():
        sys.exit("tesseract or Pillow missing: apt-get install tesseract-ocr tesseract-ocr-vie fonts-liberation2")
    if args.evaluate:
        evaluate(args)
    else:
        build(args)


if __name__ == "__main__":
    main()
