"""Page-image clean-up before OCR: small pure functions (Pillow only), one per defect of a rough copy.

Each takes a greyscale image and returns a new one; `ocr.ocr_page` runs them in this order:

* `upscale` — low-dpi pages to ~300 dpi: tesseract reads small diacritics badly below ~240 dpi;
* `denoise` — scanner grain and JPEG blocks: a 3x3 median keeps 1-px-wide strokes and rules;
* `flatten_light` — uneven light (dark corners, a shadowed spine): divide out a background
  estimated on a 1/16 copy, so one threshold fits the whole page;
* `binarize` — ink or paper (Otsu's threshold on the flattened page): rules and words come
  out with the same contrast in every corner;
* `deskew` — the skew estimated on a downscaled copy, then one rotation of the full page.

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
    """Grain and JPEG speckle out, strokes kept: a 3x3 median."""
    from PIL import ImageFilter

    return gray.filter(ImageFilter.MedianFilter(3))


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

    Searched on a downscaled ink mask (coarse 0.5 degree steps, then 0.1, then 0.02 on a
    larger copy): over a 3000 px wide table 0.05 degree is already 2.6 px of drift.
    """
    from PIL import Image as PILImage

    def prepared(side: int) -> Image:
        w, h = gray.size
        scale = min(1.0, side / max(w, h))
        small = gray.resize((max(1, int(w * scale)), max(1, int(h * scale))), PILImage.Resampling.BOX)
        return small.point(lambda v: 255 if v < 160 else 0)

    def sharpness(ink: Image, angle: float) -> float:
        rot = ink.rotate(angle, resample=PILImage.Resampling.BILINEAR, fillcolor=0)
        prof = rot.resize((1, rot.size[1]), PILImage.Resampling.BOX).tobytes()
        return float(sum((prof[i + 1] - prof[i]) ** 2 for i in range(len(prof) - 1)))

    small, large = prepared(700), prepared(1500)
    best = max((a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=lambda a: sharpness(small, a))
    best = max((best + d / 10 for d in range(-4, 5)), key=lambda a: sharpness(small, a))
    fine = max((best + d / 50 for d in range(-4, 5)), key=lambda a: sharpness(large, a))
    return round(fine, 2)


def deskew(gray: Image, angle: float | None = None) -> tuple[Image, float]:
    """The page turned upright by one rotation (estimated when not given), and the angle used."""
    from PIL import Image as PILImage

    angle = estimate_skew(gray) if angle is None else angle
    if abs(angle) < 0.05:
        return gray, 0.0
    return gray.rotate(angle, resample=PILImage.Resampling.BICUBIC, fillcolor=255), angle
