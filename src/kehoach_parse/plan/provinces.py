"""Province names and the 1 July 2025 merger (metadata.province / province_current).

Plans name their province before the merger ("UBND tỉnh Bắc Giang"); collectors today
need the unit it belongs to now (Bắc Ninh). The table lives in `data/provinces.json`.
Matching is accent- and case-insensitive so OCR'd text ("tinh Bac Giang") works too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..files import read_data
from ..vietnamese.keys import fold
from ..vietnamese.keys import key as _key

__all__ = ["Province", "find_province", "province_current", "provinces"]


@dataclass(frozen=True)
class Province:
    """One pre-2025 province or centrally-run city and its post-merger unit."""

    name: str
    kind: str
    current: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The built-in table (loaded once)."""
    raw = read_data("provinces.json")
    return tuple(Province(p["name"], p["kind"], p["current"], tuple(p.get("aliases", ()))) for p in raw["provinces"])


@lru_cache(maxsize=1)
def _index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in provinces():
        for alias in (p.name, *p.aliases):
            index.setdefault(_key(alias), p)
    return index


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Longest alias first so "Thừa Thiên Huế" wins over "Huế", "Bà Rịa - Vũng Tàu" over nothing.
    keys = sorted(_index(), key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
    prefixed = re.compile(r"\b(?:tinh|thanh pho|tp)\W{0,2}\s*(" + alt + r")\b")
    bare = re.compile(r"\b(" + alt + r")\b")
    return prefixed, bare


def _normal(text: str) -> str:
    """Folded text with punctuation other than word characters turned into spaces."""
    return re.sub(r"[^a-z0-9]", " ", fold(text))


def find_province(text: str) -> str | None:
    """The province named in `text` ("UBND tỉnh Bắc Giang" -> "Bắc Giang"), canonical spelling.

    A name after "tỉnh"/"thành phố"/"TP" wins; otherwise a bare name counts only when
    it is written capitalised ("Hải Dương", "HẢI DƯƠNG"), so that ordinary words such as
    "hai phòng" (two offices) or "hòa bình" (peace) are not taken for provinces.
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    norm = _normal(text)
    prefixed, bare = _patterns()
    m = prefixed.search(norm)
    if m:
        return _index()[" ".join(m.group(1).split())].name
    for m in bare.finditer(norm):
        words = text[m.start(1) : m.end(1)].split()
        if all(w[:1].isupper() for w in words):
            return _index()[" ".join(m.group(1).split())].name
    return _fuzzy_after_prefix(norm)


def _fuzzy_after_prefix(norm: str) -> str | None:
    """OCR fallback: "tinh Bic Giang" -> Bắc Giang when one name is clearly closest."""
    from rapidfuzz import fuzz

    for m in re.finditer(r"\b(?:tinh|thanh pho)\s+([a-z0-9]+(?:\s+[a-z0-9]+){0,3})", norm):
        words = m.group(1).split()
        best: list[tuple[float, str]] = []
        for key, prov in _index().items():
            n = len(key.split())
            if n > len(words):
                continue
            cand = " ".join(words[:n])
            best.append((fuzz.ratio(cand, key), prov.name))
        best.sort(reverse=True)
        if best and best[0][0] >= 85:
            rivals = [s for s, name in best[1:] if name != best[0][1]]
            if not rivals or best[0][0] - rivals[0] >= 8:
                return best[0][1]
    return None


def province_current(name: str) -> str | None:
    """The province/city that `name` (a pre- or post-2025 name) belongs to since 1 July 2025."""
    if not name:
        return None
    p = _index().get(_key(name))
    if p is None:
        found = find_province(name)
        p = _index().get(_key(found)) if found else None
    return p.current if p else None
