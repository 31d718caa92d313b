"""Agency names of the gazetteer (`data/agencies.json`) as the OCR-text rebuild reads them.

A lead or partner cell of OCR'd text without diacritics (`So Noi vu`, `Sé N6i vu`, `Kho bac
Nha nuéc tinh`) is respelled name by name as the gazetteer spells it, when every word of the
name is there (OCR's vowel slips allowed in words read without Vietnamese marks). Words read
with marks are kept as read; a piece that is no whole name is left to the repair stage.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..files import read_data
from ..vietnamese.keys import fold, key
from .slips import read_with_marks, vowel_slip

__all__ = ["respell_agencies"]


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(folded words, printed words) of every name and alias written out in words, longest first; the
    printed words keep the name's own inner punctuation ("Sở Văn hóa, Thể thao và Du lịch"), not its last."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for a in read_data("agencies.json")["agencies"]:
        for name in (a["name"], *a["aliases"]):
            words = tuple(name.split())
            keys = tuple(key(w) for w in words)
            if len(words) >= 2 and all(k and " " not in k for k in keys):
                out.setdefault(keys, (*words[:-1], words[-1].strip(",.;:()")))
    return tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))


def _same(name_word: str, core: str) -> bool:
    f = key(core)
    if f == name_word:
        return True
    return not read_with_marks(core) and vowel_slip(name_word, fold(core).strip(".,;:"), 1 if len(f) <= 4 else 2)


@lru_cache(maxsize=1)
def _glued() -> dict[str, tuple[str, ...]]:
    """Every name of two words or more with its spaces lost ("sonoivu": "Sở Nội vụ")."""
    return {"".join(keys): printed for keys, printed in _names()}


def _glued_at(cores: list[str], k: int) -> tuple[int, tuple[str, ...]] | None:
    """(tokens used, printed name) where OCR lost or moved spaces inside a name (`SởNội vụ`, `SởN ội vụ`)."""
    joined = ""
    for w in range(1, 4):
        if k + w > len(cores):
            break
        joined += key(cores[k + w - 1]).replace(" ", "")
        printed = _glued().get(joined)
        if printed is not None:  # (a word-by-word match was tried first)
            return w, printed
    return None


def _in_printed_case(want: str, core: str) -> str:
    """The gazetteer's spelling with the capital the plan printed (`Cac So, nganh` -> `Các Sở, ngành`,
    `Tu Phap` -> `Tư Pháp`): restoring marks is no reason to change a plan's own casing. A word in
    capitals (`SO NOI VU`, a heading's) takes the gazetteer's casing whole."""
    titled = core[:1].isupper() and core[1:] == core[1:].lower()
    return want[:1].upper() + want[1:] if titled and want[:1].islower() else want


def respell_agencies(text: str) -> str:
    """`text` with each whole gazetteer name in it spelled as the gazetteer does ("So Noi vu" -> "Sở Nội vụ",
    "SởNội vụ" -> "Sở Nội vụ")."""
    parts = re.split(r"(\s+)", text)
    words, spaces = parts[0::2], [*parts[1::2], ""]
    cores = [w.strip(",.;:()|[]_") for w in words]
    out: list[str] = []
    k = 0
    while k < len(words):
        for keys, printed in _names():
            n = len(keys)
            if k + n > len(words) or not all(_same(keys[d], cores[k + d]) for d in range(n)):
                continue
            for d in range(n):
                core, word, want = cores[k + d], words[k + d], _in_printed_case(printed[d], cores[k + d])
                if d < n - 1:  # inside the name its own punctuation stands, OCR's specks go (`Phục vụ:`)
                    head = word[: word.index(core)] if d == 0 and core else ""
                    keep = read_with_marks(core) and core != want.rstrip(",")  # a Vietnamese model's reading
                    word = head + (core if keep else want)
                elif core and core != want and not read_with_marks(core):
                    word = word.replace(core, want, 1)
                out.append(word + spaces[k + d])
            k += n
            break
        else:
            glued = _glued_at(cores, k) if cores[k] else None
            if glued is not None:
                w, printed = glued
                first, last = words[k], words[k + w - 1]
                lead, tail = (
                    first[: first.index(cores[k])],
                    last[last.index(cores[k + w - 1]) + len(cores[k + w - 1]) :],
                )
                out.append(lead + " ".join(printed) + tail + spaces[k + w - 1])
                k += w
            else:
                out.append(words[k] + spaces[k])
                k += 1
    return "".join(out)
