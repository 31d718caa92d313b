"""The issuer from the letterhead: the upper-left block of every Vietnamese administrative document.

Nghị định 30/2020/NĐ-CP (Phụ lục I) fixes its shape: the governing body's name (if any) on top,
the issuing body's name below it, both in capitals, one name possibly wrapped over two lines
(`ỦY BAN NHÂN DÂN` / `TỈNH BẮC GIANG`), then `Số: …`. The national motto stands to the right, and
OCR or a PDF's reading order often puts it on the same line (`UBND TỈNH X   CỘNG HÒA …`).

So the issuer is the last name of the block, and its place comes from the name itself
(`BẢO HIỂM XÃ HỘI TỈNH ĐẮK LẮK`) or from the UBND above it (`UBND TỈNH NGHỆ AN` / `SỞ NỘI VỤ`
-> `Sở Nội vụ tỉnh Nghệ An`). A name is written as the gazetteer spells it, else cased by the
rules of the decree's Phụ lục II (the agency's head word and the first word of each field it names
capitalised; place names capitalised syllable by syllable).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..files import read_data
from .agencies import match_agency
from .provinces import find_province, provinces
from .text import key, squash

__all__ = ["Letterhead", "case_agency_name", "read_letterhead"]


@dataclass(frozen=True)
class Letterhead:
    """The names of the block, top to bottom (upper case as written), and what they give."""

    names: tuple[str, ...]
    issuer: str | None
    province: str | None
    central: bool  # a national body (ministry, BHXH Việt Nam, …): its place of issue is not its province


@dataclass(frozen=True)
class _Words:
    heads: tuple[tuple[str, ...], ...]  # key words, longest first
    units: tuple[tuple[str, ...], ...]  # lower case with accents (`quận` is no `quản`), longest first
    field_heads: frozenset[str]
    central_heads: tuple[tuple[str, ...], ...]
    stops: frozenset[str]
    not_units: tuple[tuple[str, ...], ...]
    name_parts: tuple[str, ...]


def _by_length(words: list[str], norm: Callable[[str], str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(norm(w).split()) for w in words), key=len, reverse=True))


@cache
def _words() -> _Words:
    raw = read_data("metadata_words.json")["letterhead"]
    return _Words(
        heads=_by_length(raw["heads"], key),
        units=_by_length(raw["units"], str.lower),
        field_heads=frozenset(key(h) for h in raw["field_heads"]),
        central_heads=_by_length(raw["central_heads"], key),
        stops=frozenset(key(s) for s in raw["stops"]),
        not_units=_by_length(raw["not_units"], str.lower),
        name_parts=tuple(sorted(raw["name_parts"], key=len, reverse=True)),
    )


def _starts(words: Sequence[str], options: Sequence[tuple[str, ...]]) -> int:
    """Length of the first option the words start with (0: none)."""
    return next((len(o) for o in options if tuple(words[: len(o)]) == o), 0)


def _unit_words(words: Sequence[str]) -> list[str]:
    """Words compared with the unit list: lower case, accents kept unless the text has none (OCR `-l eng`)."""
    lower = [w.lower() for w in words]
    return lower if any(key(w) != w for w in lower) else [key(w) for w in lower]


def _left_column(line: str) -> str:
    """The letterhead's part of a line that may also hold the motto or the place and date."""
    line = re.split(r"\s{2,}|\t", line.strip())[0]
    words = line.split()
    keys = [key(w) for w in words]
    for i in range(len(words)):
        if " ".join(keys[i : i + 2]) in _words().stops:
            return " ".join(words[:i])
    return line


def _block(head: Sequence[str]) -> list[str]:
    """The letterhead's lines: the capitalised lines at the top, up to `Số:`, the title or the motto."""
    lines: list[str] = []
    for raw in head[:10]:
        k = key(raw)
        if re.match(r"^(so|sô)\s*(ky hieu)?\s*:?\s*\d*\s*/", k) or k.startswith(("ke hoach", "khung ke hoach")):
            break
        left = _left_column(raw)
        letters = [c for c in left if c.isalpha()]
        if not letters:
            if lines and raw.strip():
                break  # the motto alone after the block has started: the block is over
            continue
        if sum(c.isupper() for c in letters) < 0.8 * len(letters) or re.search(r"[\d:]", left):
            if lines:
                break  # a name has no digits or colon: `… NĂM 2022`, `NHƯ SAU:` are body text
            continue
        lines.append(squash(left))
    return lines


def _names(lines: Sequence[str]) -> list[str]:
    """Lines grouped into names: a line opening with an agency head starts one, others continue it."""
    names: list[str] = []
    for line in lines:
        opens = _starts(key(line).split(), _words().heads) and not _starts(_unit_words(line.split()), _words().units)
        if names and not opens:
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    return names


def _place(words: Sequence[str]) -> str:
    """Place names are capitalised syllable by syllable: `ĐẮK LẮK` -> `Đắk Lắk`."""
    return " ".join(w if w in ("-", "–") else w[:1].upper() + w[1:].lower() for w in words)


def _unit_and_place(name: str) -> tuple[str, str] | None:
    """`… TỈNH ĐẮK LẮK` -> ("tỉnh", "Đắk Lắk"); `… VIỆT NAM` -> ("", "Việt Nam"); else None.

    The place ends the name, so the last unit word wins, and a unit inside a longer one counts as
    that one (`THỊ XÃ`, not `XÃ`); `XÃ HỘI` in `BẢO HIỂM XÃ HỘI VIỆT NAM` is no unit because the
    name ends in the country.
    """
    words = name.split()
    if [key(w) for w in words[-2:]] == ["viet", "nam"]:
        return "", "Việt Nam"
    lower = _unit_words(words)
    found: list[tuple[int, int]] = []
    for i in range(len(words) - 1):
        n = _starts(lower[i:], _words().units)
        if n and not _starts(lower[i:], _words().not_units) and not any(j < i < j + m for j, m in found):
            found.append((i, n))
    for i, n in reversed(found):
        if i + n < len(words):
            return " ".join(words[i : i + n]).lower(), _place(words[i + n :])
    return None


def case_agency_name(upper: str) -> str:
    """An agency name written in capitals, in the spelling of running text.

    The gazetteer's spelling (or a fixed name part, `KHO BẠC NHÀ NƯỚC` -> `Kho bạc Nhà nước`) wins for
    the longest leading part it knows exactly; the rest is cased by rule.
    """
    words = squash(upper).split()
    for n in range(len(words), 0, -1):
        lead = key(" ".join(words[:n]))
        fixed = next((p for p in _words().name_parts if key(p) == lead), None)
        if fixed is None:
            found = match_agency(" ".join(words[:n]))
            fixed = found.name if found.name and key(found.name) == lead else None
        if fixed:
            return " ".join([fixed, *_case_rest(fixed, words[n:])])
    return " ".join(_case_words(words))


def _case_rest(name: str, words: Sequence[str]) -> list[str]:
    """What follows a known name: its place (`Bảo hiểm xã hội tỉnh` + `ĐẮK LẮK`), a unit and place, or words."""
    if not words:
        return []
    if _starts(_unit_words(name.split()[-1:]), _words().units):
        return [_place(words)]
    located = _unit_and_place(" ".join(words))
    if located and located[0] and _starts(_unit_words(words), _words().units):
        return [located[0], located[1]]
    return _case_words(words, known_head=True)


def _case_words(words: Sequence[str], *, known_head: bool = False) -> list[str]:
    """Phụ lục II: the head word capitalised, and for a Sở/Bộ/Cục… the first word of each field it names."""
    located = _unit_and_place(" ".join(words))
    tail = (len(located[0].split()) + len(located[1].split())) if located else 0
    body = list(words[: len(words) - tail])
    keys = [key(w) for w in body]
    head = 0 if known_head else (_starts(keys, _words().heads) or 1)
    fields = not known_head and " ".join(keys[:head]) in _words().field_heads
    out: list[str] = []
    for i, w in enumerate(body):
        prev = body[i - 1] if i else ""
        if key(w) in ("ubnd", "hdnd") and w.isupper():
            out.append(w)
        elif (i == 0 and not known_head) or (fields and (i == head or key(prev) == "va" or prev.endswith((",", "-")))):
            out.append(w[:1].upper() + w[1:].lower())
        else:
            out.append(w.lower())
    if located:
        out += [*located[0].split(), located[1]] if located[0] else [located[1]]
    return out


def _ubnd(name: str) -> str | None:
    """`ỦY BAN NHÂN DÂN TỈNH BẮC GIANG` -> `UBND tỉnh Bắc Giang` (the short form plans and SPEC use)."""
    k = key(name)
    m = re.match(r"^(uy ban nhan dan|ubnd)\b", k)
    if not m:
        return None
    located = _unit_and_place(name)
    if located is None or not located[0]:
        return "UBND"
    unit, place = located
    if unit in ("tỉnh", "thành phố", "tp", "tp."):
        prov = find_province(f"{unit} {place}")
        level = next((p for p in provinces() if p.name == prov), None)
        if prov and (unit == "tỉnh" or (level is not None and level.kind == "city")):
            return f"UBND {'tỉnh' if unit == 'tỉnh' else 'thành phố'} {prov}"
    return f"UBND {unit} {place}"


def read_letterhead(head: Sequence[str]) -> Letterhead | None:
    """The letterhead of a body whose first lines are `head` (None when it has none)."""
    names = _names(_block(head))
    if not names:
        return None
    last = names[-1]
    parents = names[:-1]
    short = _ubnd(last)
    if short == "UBND":
        return Letterhead(tuple(names), None, None, central=False)
    if short:
        return Letterhead(tuple(names), short, find_province(last), central=False)
    issuer = case_agency_name(last)
    located = _unit_and_place(last)
    province = find_province(last) if located and located[0] else None
    if located is None:  # no place in the name: the UBND above it gives one (`UBND TỈNH NGHỆ AN` / `SỞ NỘI VỤ`)
        for parent in reversed(parents):
            above = _ubnd(parent)
            if above and above != "UBND":
                issuer = f"{issuer} {above.removeprefix('UBND ')}"
                province = find_province(parent)
                break
    central = province is None and (
        (located is not None and not located[0]) or bool(_starts(key(names[0]).split(), _words().central_heads))
    )
    return Letterhead(tuple(names), issuer, province, central=central)
