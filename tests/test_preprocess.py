"""Page clean-up before OCR (loaders/preprocess.py): each step on a synthetic page, no tesseract."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from kehoach_parse.loaders import preprocess as P


def _page(size: tuple[int, int] = (900, 600), paper: int = 235) -> Image.Image:
    """A ruled 'table' with a few text-like bars on plain paper."""
    img = Image.new("L", size, paper)
    d = ImageDraw.Draw(img)
    for y in range(100, 501, 100):
        d.line([(80, y), (820, y)], fill=30, width=3)
    for x in (80, 300, 820):
        d.line([(x, 100), (x, 500)], fill=30, width=3)
    for y in range(130, 500, 100):
        d.rectangle([320, y, 700, y + 14], fill=40)
    return img


def _grainy(img: Image.Image, amount: int = 40, seed: int = 1) -> Image.Image:
    rnd = random.Random(seed)
    px = img.load()
    out = img.copy()
    po = out.load()
    for y in range(img.size[1]):
        for x in range(img.size[0]):
            po[x, y] = max(0, min(255, px[x, y] + rnd.randint(-amount, amount)))
    return out


def _shaded(img: Image.Image) -> Image.Image:
    """Uneven light: the page darkens by up to 110 levels toward the right edge."""
    w, h = img.size
    out = img.copy()
    px = out.load()
    for x in range(w):
        dark = int(110 * x / (w - 1))
        for y in range(h):
            px[x, y] = max(0, px[x, y] - dark)
    return out


def test_upscale_only_below_target() -> None:
    img = _page()
    same, f = P.upscale(img, 300)
    assert f == 1.0 and same is img
    big, f = P.upscale(img, 150)
    assert f == 2.0 and big.size == (1800, 1200)
    assert P.upscale(img, 250)[1] == 1.0  # within 80 % of 300 dpi: left alone


def test_grain_measures_noise_and_denoise_removes_it() -> None:
    clean = _page()
    noisy = _grainy(clean)
    assert P.grain(clean) < 1.5 < 5 < P.grain(noisy)
    assert P.grain(P.denoise(noisy)) < P.grain(noisy) / 2


def test_flatten_light_evens_the_paper() -> None:
    shaded = _shaded(_page())
    assert P.light_spread(shaded) > 60
    flat = P.flatten_light(shaded)
    assert P.light_spread(flat) < 20
    # ink stays ink on both sides of the page
    assert flat.getpixel((81, 250)) < 120 and flat.getpixel((819, 250)) < 120
    assert flat.getpixel((200, 250)) > 220 and flat.getpixel((760, 450)) > 220


def test_binarize_splits_ink_and_paper() -> None:
    flat = P.flatten_light(_shaded(_page()))
    out = P.binarize(flat)
    assert set(out.histogram()[1:255]) == {0}
    assert out.getpixel((81, 250)) == 0 and out.getpixel((200, 250)) == 255
    assert 30 <= P.otsu(_page()) < 235  # anywhere between the ink (30-40) and the paper (235)


def test_deskew_is_one_rotation_back_to_level() -> None:
    tilted = _page().rotate(-1.5, resample=Image.Resampling.BICUBIC, fillcolor=235)
    level, angle = P.deskew(tilted)
    assert abs(angle - 1.5) <= 0.2
    assert abs(P.estimate_skew(level)) <= 0.15
    same, zero = P.deskew(_page())
    assert zero == 0.0 and same.size == (900, 600)
