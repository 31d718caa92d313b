"""Page-image clean-up before OCR: small pure functions (Pillow only), one per defect of a rough copy.

Each takes a greyscale image and returns a new one; `ocr.prepare` runs those a page needs (its
docstring gives the order and why):

* `upscale` — low-dpi pages to ~300 dpi: tesseract reads small diacritics badly below ~240 dpi;
* `denoise` — scanner grain and JPEG blocks: a 3x3 median keeps 1-px-wide strokes and rules;
* `flatten_light` — uneven light (dark corners, a shadowed spine): divide out a background
  estimated on a 1/16 copy, so one threshold fits the whole page;
* `binarize` — ink or paper (Otsu's threshold on the flattened page): rules and words come
  out with the same contrast in every corner;
* `deskew` — the skew estimated from row profiles of vertical strips (nothing rotated to
  search it), then one turn of the full page (`turn`).

Measured per step on the scan bench: see samples/scanbench/README.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

TARGET_DPI = 300
MAX_SKEW = 3.0  # degrees searched either way


def upscale(gray: Image, dpi: int, target: int = TARGET_DPI) -> tuple[Image, float]:
    """The page at ~`target` dpi when it is below 80 % of it, and the factor applied (1.0: untouched)."""
    from PIL import Image as PILImage

    if dpi >= target * 0.8:
        return gray, 1.0
    f = target / dpi
    return gray.resize((int(gray.size[0] * f), int(gray.size[1] * f)), PILImage.Resampling.LANCZOS), f


def grain(gray: Image) -> float:
    """Mean absolute difference between the page and its 3x3 median: ~0-2 on clean paper, 5+ with grain."""
    from PIL import ImageChops, ImageFilter, ImageStat

    w, h = gray.size
    side = min(w, h, 600)
    sample = gray.crop(((w - side) // 2, (h - side) // 2, (w + side) // 2, (h + side) // 2))
    diff = ImageChops.difference(sample, sample.filter(ImageFilter.MedianFilter(3)))
    return float(ImageStat.Stat(diff).mean[0])


def denoise(gray: Image) -> Image:
    """Grain and JPEG speckle out, strokes kept: a separable 3x3 median (a median of three across,
    then of three down; ~13x faster than PIL's MedianFilter(3), 0.03 s instead of 0.35 s on a
    200 dpi page, and as good on the scan bench: README, Performance)."""
    from PIL import ImageChops

    def median3(a: Image, b: Image, c: Image) -> Image:
        return ImageChops.lighter(ImageChops.darker(a, b), ImageChops.darker(ImageChops.lighter(a, b), c))

    across = median3(_shifted(gray, 1, 0), gray, _shifted(gray, -1, 0))
    return median3(_shifted(across, 0, 1), across, _shifted(across, 0, -1))


def _shifted(image: Image, dx: int, dy: int) -> Image:
    """`image` moved by (dx, dy), the edge row or column repeated (not wrapped around)."""
    w, h = image.size
    out = image.copy()
    out.paste(image.crop((max(0, -dx), max(0, -dy), w - max(0, dx), h - max(0, dy))), (max(0, dx), max(0, dy)))
    return out


def background(gray: Image, block: int = 16) -> Image:
    """The paper's brightness everywhere: the brightest of each neighbourhood on a 1/`block` copy, smoothed."""
    from PIL import Image as PILImage
    from PIL import ImageFilter

    w, h = gray.size
    small = gray.resize((max(1, w // block), max(1, h // block)), PILImage.Resampling.BOX)
    small = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    return small.resize((w, h), PILImage.Resampling.BILINEAR)


def light_spread(gray: Image) -> int:
    """How uneven the light is: the range of the paper's brightness over the page (0 = even)."""
    lo, hi = background(gray, 32).getextrema()  # one band ('L'): two numbers
    assert isinstance(lo, (int, float)) and isinstance(hi, (int, float))
    return int(hi) - int(lo)


def flatten_light(gray: Image) -> Image:
    """Divide out uneven light: the paper comes out white everywhere, ink keeps its contrast to it."""
    from PIL import ImageMath

    bg = background(gray)
    out = ImageMath.lambda_eval(lambda a: a["min"](a["gray"] * 255 / (a["bg"] + 1), 255), gray=gray, bg=bg)
    return out.convert("L")


def otsu(gray: Image) -> int:
    """Otsu's threshold of the page's histogram (ink below, paper above)."""
    hist = gray.histogram()
    total = sum(hist)
    sum_all = sum(i * n for i, n in enumerate(hist))
    best, best_t = -1.0, 128
    w0 = sum0 = 0
    for t in range(256):
        w0 += hist[t]
        if w0 == 0 or w0 == total:
            continue
        sum0 += t * hist[t]
        m0, m1 = sum0 / w0, (sum_all - sum0) / (total - w0)
        between = w0 * (total - w0) * (m0 - m1) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


def binarize(gray: Image, threshold: int | None = None) -> Image:
    """Ink (0) or paper (255), at Otsu's threshold unless one is given (an 'L' image, for tesseract)."""
    t = otsu(gray) if threshold is None else threshold
    return gray.point(lambda v: 0 if v <= t else 255)


def estimate_skew(gray: Image) -> float:
    """Rotation (degrees) that makes text rows and rules horizontal: the sharpest row profile wins.

    Nothing is rotated to search (issue 13: 31 rotations a page cost 0.27 s). The ink mask is
    cut into vertical strips and each strip's row profile taken once (one BOX resize); a
    candidate angle shifts each strip's profile by its distance from the middle times
    tan(angle) (a shear of a strips x rows image, a few hundred thousand numbers) and sums
    them. Coarse to fine: 0.25 degree steps on a quarter of the rows, 0.05 on half, 0.01 on
    all of them, each window wider than the step before it (over a 3000 px wide table 0.05
    degree is already 2.6 px of drift).
    """
    import math
    from array import array
    from itertools import pairwise

    from PIL import Image as PILImage

    w, h = gray.size
    if w < 8 or h < 8:
        return 0.0
    strips = max(4, min(48, w // 48))  # ~50 px wide: a strip's own tilt at 3 degrees blurs it by ~2.6 px
    rows = min(h, 3600)
    ink = gray.point(lambda v: 255 if v < 160 else 0)
    full = ink.resize((strips, rows), PILImage.Resampling.BOX).convert("F")
    levels = {k: full.resize((strips, max(8, rows // k)), PILImage.Resampling.BOX) for k in (4, 2)}
    levels[1] = full

    def sharpness(level: int, angle: float) -> float:
        prof_img = levels[level]
        n = prof_img.size[1]
        d = math.tan(math.radians(angle)) * (w / strips) * (n / h)  # rows of shift per strip
        sheared = prof_img.transform(
            prof_img.size,
            PILImage.Transform.AFFINE,
            (1, 0, 0, d, 1, -d * strips / 2),
            resample=PILImage.Resampling.BILINEAR,
            fillcolor=0,
        )
        prof = array("f", sheared.resize((1, n), PILImage.Resampling.BOX).tobytes())
        return sum((b - a) ** 2 for a, b in pairwise(prof))

    steps = int(MAX_SKEW * 4)
    best = max((a / 4 for a in range(-steps, steps + 1)), key=lambda a: sharpness(4, a))
    best = max((best + d / 20 for d in range(-6, 7)), key=lambda a: sharpness(2, a))
    fine = max((best + d / 100 for d in range(-8, 9)), key=lambda a: sharpness(1, a))
    return round(fine, 2)


def deskew(gray: Image, angle: float | None = None) -> tuple[Image, float]:
    """The page turned upright by one rotation (estimated when not given), and the angle used."""
    angle = estimate_skew(gray) if angle is None else angle
    if abs(angle) < 0.05:
        return gray, 0.0
    return turn(gray, angle), angle


# How the page is resampled in its one turn. Measured on the dev scan bench (2026-11-28): see ocr.prepare.
TURN_RESAMPLE = "bicubic"


def turn(gray: Image, angle: float, scale: float = 1.0, resample: str = "") -> Image:
    """The page rotated by `angle` degrees (counter-clockwise, as `Image.rotate`) about its middle and
    scaled by `scale`, in ONE resampling (an upscale then a rotation would resample twice).

    `resample`: "bicubic", "bilinear" or "nearest" (default TURN_RESAMPLE); new corners are paper (255).
    """
    import math

    from PIL import Image as PILImage

    w, h = gray.size
    size = (round(w * scale), round(h * scale)) if scale != 1.0 else (w, h)
    if abs(angle) < 0.05 and scale == 1.0:
        return gray
    filters = {
        "bicubic": PILImage.Resampling.BICUBIC,
        "bilinear": PILImage.Resampling.BILINEAR,
        "nearest": PILImage.Resampling.NEAREST,
    }
    method = filters.get(resample or TURN_RESAMPLE, PILImage.Resampling.BILINEAR)
    a = -math.radians(angle) if abs(angle) >= 0.05 else 0.0
    kx, ky = w / size[0], h / size[1]  # output pixels -> input pixels
    m00, m01, m10, m11 = math.cos(a) * kx, math.sin(a) * ky, -math.sin(a) * kx, math.cos(a) * ky
    cx, cy = size[0] / 2, size[1] / 2
    matrix = (m00, m01, w / 2 - (m00 * cx + m01 * cy), m10, m11, h / 2 - (m10 * cx + m11 * cy))
    return gray.transform(size, PILImage.Transform.AFFINE, matrix, resample=method, fillcolor=255)
