"""The column-title vocabulary of plan tables and its matching (`data/column_titles.json`).

Both layers read column titles: the plan readers map a table's header (`plan/columns.py`),
the OCR-text loader finds the header block of an OCR'd table (`loaders/text_columns.py`).
Titles are matched word by word (accent-insensitive, fuzzy per word group); see the data
file's comment for the head-first rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..files import read_data
from ..vietnamese.keys import key

__all__ = [
    "CUE_THRESHOLD",
    "ROLES",
    "Vocabulary",
    "is_role_label",
    "match_title",
    "output_nouns",
    "title_words",
    "vocabulary",
]

ROLES = ("stt", "objective", "task", "activity", "outputs", "lead", "partners", "deadline", "budget", "notes")
CUE_THRESHOLD = 80.0  # fuzzy score (0..100) for a word group of a title to count as a cue
_MIN_FUZZY_LEN = 6  # shorter cues ("tt", "sở") must match exactly


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """`data/column_titles.json`, folded once: cues per role, generic heads, abbreviations."""

    stt: frozenset[str]
    stt_compact: frozenset[str]
    cues: tuple[tuple[str, tuple[str, ...]], ...]  # (role, folded cue words)
    agency_heads: tuple[tuple[str, ...], ...]
    content_heads: tuple[tuple[str, ...], ...]
    other_heads: tuple[tuple[str, ...], ...]
    agency_verbs: tuple[tuple[str, ...], ...]
    qualifiers: tuple[tuple[str, ...], ...]
    abbreviations: dict[str, str]
    appendix_titles: tuple[tuple[str, ...], ...]  # the words an appendix title opens with
    units: tuple[tuple[str, tuple[str, ...]], ...]  # (role, folded unit words): `triệu đồng` under `Kinh phí`


def _words(text: str) -> tuple[str, ...]:
    return tuple(key(text).split())


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = read_data("column_titles.json")
    cues = tuple((role, _words(cue)) for role, items in raw["cues"].items() for cue in items)
    heads = raw["heads"]
    return Vocabulary(
        stt=frozenset(key(t) for t in raw["stt"]),
        stt_compact=frozenset(key(t).replace(" ", "") for t in raw["stt"]),
        cues=tuple(sorted(cues, key=lambda c: -len(c[1]))),  # longer cues first at the same position
        agency_heads=tuple(sorted((_words(h) for h in heads["agency"]), key=len, reverse=True)),
        content_heads=tuple(_words(h) for h in heads["content"]),
        other_heads=tuple(_words(h) for h in heads["other"]),
        agency_verbs=tuple(_words(v) for v in raw["agency_verbs"]),
        qualifiers=tuple(_words(q) for q in raw["qualifiers"]),
        abbreviations={key(a): key(b) for a, b in raw["abbreviations"].items()},
        appendix_titles=tuple(_words(t) for t in raw["appendix_titles"]),
        units=tuple((role, _words(u)) for role, items in raw["units"].items() for u in items),
    )


def _matches(words: Sequence[str], at: int, cue: Sequence[str]) -> bool:
    """Does the word group `cue` stand at position `at` (fuzzily for long cues: OCR slips)?"""
    window = words[at : at + len(cue)]
    if len(window) < len(cue):
        return False
    if tuple(window) == tuple(cue):
        return True
    got, want = " ".join(window), " ".join(cue)
    if len(want) < _MIN_FUZZY_LEN or abs(len(got) - len(want)) > 2:
        return False  # a ratio of 80 allows a slip or two, not another word
    return fuzz.ratio(got, want) >= CUE_THRESHOLD


def _head_at(words: Sequence[str], at: int, heads: Sequence[Sequence[str]]) -> int:
    """Length of the generic head at `at`, 0 when there is none."""
    for head in heads:
        if tuple(words[at : at + len(head)]) == tuple(head):
            return len(head)
    return 0


def title_words(title: str) -> list[str]:
    """A header title as folded words: leading '1.' numbers and '(...)' qualifiers dropped, abbreviations expanded."""
    text = re.sub(r"^\s*\d+\s*[.)]\s*", "", title)
    text = re.sub(r"\([^)]*\)", " ", text)
    voc = vocabulary()
    return " ".join(voc.abbreviations.get(w, w) for w in key(text).split()).split()


@lru_cache(maxsize=8192)
def match_title(title: str) -> tuple[str | None, float]:
    """The role a header title names (or 'agencies' for a generic agency column), with a score 0..100.

    Head-first: the first cue decides, when only generic heads stand before it.
    """
    words = title_words(title)
    if not words or ":" in title or len(words) > 12:
        return None, 0.0  # "Hoạt động 1: Xây dựng…" is a cell, not a title
    voc = vocabulary()
    if " ".join(words) in voc.stt or "".join(words) in voc.stt_compact:  # "ST T" split by a narrow PDF cell
        return "stt", 100.0
    i = 0
    seen_agency_head = seen_content_head = False
    while i < len(words):
        for role, cue in voc.cues:
            if _matches(words, i, cue):
                if i + len(cue) < len(words) and words[i + len(cue)].isdigit():
                    return None, 0.0  # "Nhiệm vụ 3 …": a numbered item, not a title
                if role in ("lead", "partners"):
                    return _agency_role(words), 100.0
                return role, 100.0
        if n := _head_at(words, i, voc.agency_heads):
            seen_agency_head = True
        elif n := _head_at(words, i, voc.content_heads):
            seen_content_head = True
        elif n := _head_at(words, i, voc.other_heads):
            pass
        elif n := _head_at(words, i, voc.agency_verbs):
            if not (seen_agency_head or seen_content_head or i == 0):
                break
        else:
            break  # another head noun ("Văn bản giao nhiệm vụ"): not a role title
        i += n
    if i < len(words):
        return None, 0.0
    if seen_content_head:
        return "activity", 90.0  # "Nội dung", "Nội dung thực hiện"
    if seen_agency_head or any(tuple(words[: len(v)]) == v for v in voc.agency_verbs):
        return "agencies", 90.0  # "Cơ quan thực hiện", "Đơn vị thực hiện", "Thực hiện"
    return None, 0.0


def is_role_label(label: str) -> str | None:
    """The role of a label such as 'Đơn vị chủ trì thực hiện' (before a ':'), made only of vocabulary words."""
    role, _ = match_title(label)
    if role is None:
        return None
    voc = vocabulary()
    words = title_words(label)
    pieces = sorted(
        [cue for _, cue in voc.cues]
        + [*voc.agency_heads, *voc.content_heads, *voc.other_heads]
        + [*voc.agency_verbs, *voc.qualifiers],
        key=len,
        reverse=True,
    )
    i = 0
    while i < len(words):
        n = next((len(p) for p in pieces if _matches(words, i, p)), 0)
        if not n:
            return None
        i += n
    return role


def _agency_role(words: Sequence[str]) -> str:
    """'phối hợp' alone -> partners; 'chủ trì' (or both, a responsibility column) or 'trách nhiệm' -> lead."""
    voc = vocabulary()
    found = {
        role
        for role, cue in voc.cues
        for i in range(len(words))
        if role in ("lead", "partners") and _matches(words, i, cue) and (role == "partners" or cue == ("chu", "tri"))
    }
    return "partners" if found == {"partners"} else "lead"


@lru_cache(maxsize=1)
def output_nouns() -> tuple[str, ...]:
    """The nouns an output cell opens with (`output_nouns` of the data file), as folded keys."""
    raw = read_data("column_titles.json")
    return tuple(key(n) for n in raw["output_nouns"])
