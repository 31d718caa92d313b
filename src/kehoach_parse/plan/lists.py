"""Split Sản phẩm and Cơ quan cells into items (SPEC §1 "Lists").

A cell is one string that may hold several outputs or agencies: separated by `;`, by
bullet lines (`-`, `+`, `•`) or, for agencies, by `, ` / ` và ` / ` + ` in front of a
new agency head (the words of `data/agency_heads.json`). Line breaks that are only wraps
join with a space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..files import read_data
from ..lexicon.text import strip_markup
from ..vietnamese.keys import fold

__all__ = ["split_agencies", "split_outputs", "starts_with_head", "strip_markup"]

_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*[-+•–]\s*")


@cache
def _words() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """(heads, ordinary words folding onto a head, generic category nouns), folded, from the data file."""
    raw = read_data("agency_heads.json")
    return (
        tuple(fold(w) for w in raw["heads"]),
        tuple(fold(w) for w in raw["not_heads"]),
        frozenset(fold(w) for w in raw["generic_words"]),
    )


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", strip_markup(text)).replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _pieces(text: str) -> list[str]:
    """Split at bullet lines and `;`; wrapped lines join with one space."""
    groups: list[list[str]] = []  # each group's lines, joined once at the end: linear in the cell's length
    for line in _clean_lines(text):
        if not line.strip():
            continue
        if _BULLET.match(line) or not groups:
            groups.append([line.strip()])
        else:
            groups[-1].append(line.strip())
    out: list[str] = []
    for group in groups:
        for part in _split_top_level(" ".join(group), ";"):
            part = _BULLET.sub("", part, count=1)
            part = _SPACE.sub(" ", part).strip()
            if part:
                out.append(part)
    return out


def _split_top_level(text: str, sep: str) -> list[str]:
    """Split at `sep` outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, c in enumerate(text):
        if c in "([":
            depth += 1
        elif c in ")]" and depth:
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _tidy(item: str, agency: bool) -> str:
    item = _SPACE.sub(" ", item).strip()
    trail = " ;,." if agency else " ;,"
    return item.rstrip(trail).strip()


def split_outputs(text: str) -> list[str]:
    """Items of a Sản phẩm / Kết quả cell: split at `;` and bullet lines only."""
    items = (_tidy(p, agency=False) for p in _pieces(text or ""))
    return [i for i in items if i]


def starts_with_head(folded: str) -> bool:
    """Whether the folded text opens with an agency head word (`sở`, `UBND`, `các cơ quan`)."""
    heads, not_heads, _ = _words()
    s = folded.lstrip(" -+•")
    for bad in not_heads:
        if s.startswith(bad) and (len(s) == len(bad) or not s[len(bad)].isalnum()):
            return False
    return any(s.startswith(head) and (len(s) == len(head) or not s[len(head)].isalnum()) for head in heads)


_WORD = re.compile(r"[a-z0-9]+")


def _is_generic(folded: str) -> bool:
    words = _WORD.findall(folded)
    generic = _words()[2]
    return bool(words) and all(w in generic for w in words)


def _is_group(folded: str) -> bool:
    return folded.lstrip().startswith(("cac ", "nhung "))


# `, ` / ` và ` / ` + ` at top level (outside parentheses).
_AGENCY_SEP = re.compile(r",\s*|\s+(?:và|va|và)\s+|\s*\+\s*", re.IGNORECASE)
# A capitalised "Các" after a word with no separator: a lost line break ("UBND cấp huyện Các đơn vị").
_LOST_BREAK = re.compile(r"(?<=\w) (?=Các (?:sở|cơ quan|đơn vị|phòng)\b)")


_JOINT_OFFICE = re.compile(r"^\s*(?:van phong|vp)\s+(?:doan dbqh|hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan)\s*$")
_BODY = re.compile(r"^\s*(?:doan dbqh|hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan)\b")


def _joint_office(before: str, sep: str, after: str) -> bool:
    """'Văn phòng <body> và <body> …' names one office (Văn phòng HĐND và UBND tỉnh), not two agencies."""
    return sep.strip() == "và" and bool(_JOINT_OFFICE.match(before)) and bool(_BODY.match(after))


def _split_agency_piece(piece: str) -> list[str]:
    piece = _LOST_BREAK.sub("; ", piece)
    if ";" in piece:
        out: list[str] = []
        for p in piece.split(";"):
            out.extend(_split_agency_piece(p))
        return out
    # Tokenise into (separator, chunk) pairs at top level.
    chunks: list[tuple[str, str]] = []
    depth = 0
    pos = 0
    last_sep = ""
    i = 0
    while i < len(piece):
        c = piece[i]
        if c in "([":
            depth += 1
        elif c in ")]" and depth:
            depth -= 1
        elif depth == 0 and (c in ",+" or c.isspace()):  # a separator starts only there: no match tried elsewhere
            m = _AGENCY_SEP.match(piece, i)
            if m and m.end() > i:
                chunks.append((last_sep, piece[pos:i]))
                last_sep = m.group(0)
                pos = i = m.end()
                continue
        i += 1
    chunks.append((last_sep, piece[pos:]))

    items: list[_Item] = []
    for sep, chunk in chunks:
        if not items:
            items.append(_Item(chunk))
            continue
        f = fold(chunk).strip()
        last = items[-1]
        if "+" in sep:
            split = True
        elif _joint_office(last.folded_if_short(), sep, f):
            split = False  # "Văn phòng HĐND và UBND huyện": one office serving both bodies
        elif starts_with_head(f):
            # A bare category noun after a group continues it ("Các sở, ban, ngành").
            # ("Sở, ban, ngành" too: a bare category noun before it makes the same group)
            split = not (_is_generic(f) and (_is_group(last.head) or last.generic))
        else:
            split = False
        if split:
            items.append(_Item(chunk))
        else:
            last.extend(sep, chunk)
    return [item.text() for item in items]


JOINT_MAX = 64  # longer than any "Văn phòng <body>" _JOINT_OFFICE matches (cells' spaces are single by now)


class _Item:
    """One agency being built from chunks. What the split rules ask of it (its start, whether
    all its words are generic, its whole folded form while it is short) is kept up to date as
    chunks join, so a cell of n chunks costs O(n), not a re-fold of the growing item per chunk."""

    __slots__ = ("_all_generic", "_has_words", "_parts", "_size", "head")

    def __init__(self, chunk: str) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._has_words, self._all_generic = False, True
        self.head = ""
        self.extend("", chunk)

    def extend(self, sep: str, chunk: str) -> None:
        # a separator starts with `,`, `+` or a space: the words of the whole are the words of its parts
        joined = sep + chunk
        folded = fold(joined)
        words = _WORD.findall(folded)
        self._has_words = self._has_words or bool(words)
        self._all_generic = self._all_generic and all(w in _words()[2] for w in words)
        if len(self.head) < JOINT_MAX:
            self.head = (self.head + folded)[:JOINT_MAX]
        self._parts.append(joined)
        self._size += len(joined)

    @property
    def generic(self) -> bool:
        """Every word a generic category noun (`_is_generic` of the whole item)."""
        return self._has_words and self._all_generic

    def folded_if_short(self) -> str:
        """The folded item when it could still be a `_JOINT_OFFICE` name, else ""."""
        return self.head if self._size < JOINT_MAX else ""

    def text(self) -> str:
        return "".join(self._parts)


def split_agencies(text: str) -> list[str]:
    """Items of a Cơ quan chủ trì / phối hợp cell, never splitting inside a group."""
    out: list[str] = []
    for piece in _pieces(text or ""):
        for item in _split_agency_piece(piece):
            item = _BULLET.sub("", item, count=1)
            item = _tidy(item, agency=True)
            if item:
                out.append(item)
    return out
