"""Classify an appendix section title into a CCHC content area (SPEC §2 Area).

Below both layers: the plan readers classify section rows, the OCR-text loader recognises
section rows among interleaved table lines (`plan/areas.py` re-exports these names).

Titles come upper-case (`CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH`), abbreviated (`Cải cách TTHC`),
numbered (`VII XÂY DỰNG ...`) or OCR'd without accents (`CAI CACH THE CHE`, `CHI PAO,
PIEU HANH`). Keywords in `data/areas.json` decide first; a fuzzy comparison with known
titles catches damaged ones.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..files import read_data
from ..vietnamese.keys import key
from .text import strip_markup

if TYPE_CHECKING:  # the model imports pydantic; areas need only the literal type
    from ..model import Area

__all__ = ["area_keyword", "area_of_title", "classify_area"]

_THRESHOLD = 85.0
_NUMBER = re.compile(r"^\s*(?:[ivxl]+|\d+)(?:[.):]|\s)\s*")


def _key(text: str) -> str:
    """The matching key without `&`: in a title it only joins words ("VH, TT & DL"), or is OCR noise."""
    return key(text.replace("&", " "))


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Area, tuple[str, ...], tuple[str, ...]], ...]:
    raw = read_data("areas.json")
    return tuple(
        (a["area"], tuple(_key(k) for k in a["keywords"]), tuple(_key(t) for t in a["titles"])) for a in raw["areas"]
    )


def area_keyword(title: str) -> bool:
    """`title` holds an area's keyword (`THỂ CHẾ`, `thủ tục hành chính`), not only a fuzzy likeness."""
    padded = f" {_NUMBER.sub('', _key(strip_markup(title or '')), count=1).strip()} "
    return any(f" {k} " in padded for _, keywords, _ in _table() for k in keywords)


GARBLED_THRESHOLD = 60.0  # an OCR'd title's likeness to an area title, when it is clearly the nearest
GARBLED_MARGIN = 10.0  # points ahead of every other area's titles


def classify_area(title: str, ocr: bool = False) -> Area:
    """The Area of a section title; "other" when nothing matches well enough.

    A title OCR read (`ocr`) may be garbled past the usual likeness (`CONG TRC CHRO, DIRT TANT
    COU` for `CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH`, 64): it takes the area whose title it is clearly
    nearest (GARBLED_THRESHOLD, GARBLED_MARGIN ahead of any other area). A typed title that
    names no area is a section of its own (`other`)."""
    key = _key(strip_markup(title or ""))
    key = _NUMBER.sub("", key, count=1).strip()
    if not key:
        return "other"
    padded = f" {key} "
    for area, keywords, _ in _table():
        if any(f" {k} " in padded for k in keywords):
            return area
    per_area: dict[Area, float] = {}
    for area, _, titles in _table():
        for t in titles:
            score = fuzz.ratio(key, t)
            if len(key) > len(t):
                score = max(score, fuzz.partial_ratio(t, key) - 5)
            per_area[area] = max(per_area.get(area, 0.0), score)
    best, area = max(((v, a) for a, v in per_area.items()), default=(0.0, "other"))
    if best >= _THRESHOLD:
        return area
    second = max((v for a, v in per_area.items() if a != area), default=0.0)
    return area if ocr and best >= GARBLED_THRESHOLD and best - second >= GARBLED_MARGIN else "other"


def area_of_title(title: str) -> Area | None:
    """The Area when `title` IS an area title (not merely mentions one): for unnumbered section rows."""
    key = _NUMBER.sub("", _key(strip_markup(title or "")), count=1).strip()
    if not key:
        return None
    for area, _, titles in _table():
        for t in titles:
            if fuzz.ratio(key, t) >= _THRESHOLD or (key.startswith(t) and len(key.split()) - len(t.split()) <= 3):
                return area
    return None
