"""Recognise agencies named in Cơ quan chủ trì / phối hợp cells (SPEC §2 Agency).

A gazetteer (`data/agencies.json`, optionally extended by a user CSV/JSON) maps the
ways plans write an agency ("Sở TT&TT", "VP UBND tỉnh", OCR "So Noi vu") to one
canonical, province-neutral name, its kind and, for agencies restructured in 2025
(Nghị định 45/2025/NĐ-CP), the agency holding its duties now. Exact keys win; rapidfuzz
catches damaged spellings, but only with a high score and a clear margin over any other
agency: an unknown name keeps `name` null rather than getting a wrong one, and its kind
is guessed from its head word.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..files import read_data
from ..lexicon.slips import SLIP_CHARS, vowel_slip
from ..model import Agency, AgencyKind
from ..vietnamese.keys import fold
from ..vietnamese.keys import key as _key
from ..vietnamese.orthography import canonical_syllable, is_valid_syllable
from .lists import strip_markup
from .provinces import find_province

__all__ = ["Gazetteer", "GazetteerEntry", "agency_key", "known_name", "load_gazetteer", "match_agency"]

THRESHOLD = 90.0  # minimum rapidfuzz ratio for a fuzzy match
MARGIN = 4.0  # a fuzzy winner must beat the best other agency by this much
_MIN_FUZZY_LEN = 12  # shorter keys (abbreviations) must match exactly: one wrong letter is another agency
_KINDS: frozenset[str] = frozenset({"department", "office", "committee", "group", "other"})


@dataclass(frozen=True)
class GazetteerEntry:
    """What an alias stands for."""

    name: str
    kind: AgencyKind
    current_name: str | None = None


@dataclass
class Gazetteer:
    """Alias keys (see `agency_key`) -> entries, plus the rewrites used to build keys."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    # alias key -> the aliases as written (`UBND tỉnh` and `Ủy ban nhân dân tỉnh` share a key)
    spelled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_length: dict[int, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)

    def add(self, alias: str, entry: GazetteerEntry) -> None:
        key = agency_key(alias)
        if key:
            self.by_length = None
            self.entries[key] = entry
            written = " ".join(alias.split())
            if written not in self.spelled.get(key, ()):
                self.spelled[key] = (*self.spelled.get(key, ()), written)

    def merged(self, rows: Iterable[Mapping[str, str | None]]) -> Gazetteer:
        """A copy with `rows` (alias, name, kind[, current_name]) added over this one."""
        out = Gazetteer(dict(self.entries), dict(self.spelled))
        for row in rows:
            alias = (row.get("alias") or row.get("name") or "").strip()
            name = (row.get("name") or "").strip()
            kind = (row.get("kind") or "other").strip()
            if not alias or not name:
                continue
            if kind not in _KINDS:
                raise ValueError(f"unknown agency kind {kind!r} for {alias!r}")
            current = (row.get("current_name") or "").strip() or None
            entry = GazetteerEntry(name, kind, current)  # type: ignore[arg-type]
            out.add(alias, entry)
            out.add(name, entry)
        return out


def _raw() -> dict:
    return read_data("agencies.json")


@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    out: list[tuple[re.Pattern[str], str]] = []
    for src, dst in _raw()["key_rewrites"].items():
        if src == "&":
            continue
        out.append((re.compile(r"(?<![a-z0-9])" + re.escape(fold(src)) + r"(?![a-z0-9])"), fold(dst)))
    return tuple(out)


@lru_cache(maxsize=8192)
def agency_key(text: str) -> str:
    """Accent-, case- and punctuation-free key with common long forms abbreviated."""
    s = _key(strip_markup(text).replace("&", " và "))
    for pattern, repl in _rewrites():
        s = pattern.sub(repl, s)
    return s


@lru_cache(maxsize=1)
def _builtin() -> Gazetteer:
    gz = Gazetteer()
    for e in _raw()["agencies"]:
        entry = GazetteerEntry(e["name"], e["kind"], e.get("current_name"))
        gz.add(e["name"], entry)
        for alias in e.get("aliases", ()):
            gz.add(alias, entry)
    return gz


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The built-in gazetteer, with a user CSV/JSON (alias,name,kind[,current_name]) merged over it."""
    base = _builtin()
    if path is None:
        return base
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        rows = data.get("agencies", data) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ValueError(f"{path}: expected a list of {{alias, name, kind}} objects")
    else:
        rows = list(csv.DictReader(text.splitlines()))
    return base.merged(rows)


_PAREN = re.compile(r"\([^()]*\)")
_QUALIFIERS = re.compile(r"\s+(?:co\s+)?lien\s+quan$|\s+tinh$")
_GROUP = re.compile(r"^(?:cac|nhung)\s|\bcap\s+(?:huyen|xa|tinh)\b|\bcac\s+(?:huyen|xa|cap)\b")
_HEAD_KINDS: tuple[tuple[re.Pattern[str], AgencyKind], ...] = (
    (re.compile(r"^(?:so|ban|thanh tra|cong an|cuc|chi cuc|kho bac|bhxh|bao hiem xa hoi)\b"), "department"),
    (re.compile(r"^(?:vp|van phong|phong|trung tam|to|bo phan)\b(?! chuc)"), "office"),
    (re.compile(r"^(?:ubnd|uy ban|hdnd|hoi dong)\b"), "committee"),
)


def guess_kind(key: str) -> AgencyKind:
    """Kind of an unrecognised agency from its head word ("Các …" and levels are groups)."""
    if _GROUP.search(key):
        return "group"
    for pattern, kind in _HEAD_KINDS:
        if pattern.search(key):
            return kind
    return "other"


def _candidates(text: str) -> list[str]:
    """Keys to try, most literal first: as written, without remarks, qualifiers and province."""
    cleaned = " ".join(strip_markup(text).split()).strip(" .;,-+•")
    keys = [agency_key(cleaned)]
    no_paren = _PAREN.sub(" ", cleaned)
    keys.append(agency_key(no_paren))
    province = find_province(no_paren)
    if province:
        pk = agency_key(province)
        keys.append(re.sub(r"\s*" + re.escape(pk) + r"$", "", agency_key(no_paren)).strip())
    more: list[str] = []
    for k in keys:
        stripped = k
        while True:
            nxt = _QUALIFIERS.sub("", stripped)
            if nxt == stripped:
                break
            stripped = nxt
            more.append(stripped)
    out: list[str] = []
    for k in [*keys, *more]:
        if k and k not in out:
            out.append(k)
    return out


def _newspaper(text: str) -> str | None:
    """ "Báo Hải Dương" -> the province newspaper, named as written with canonical spelling."""
    key = agency_key(_PAREN.sub(" ", text))
    if not key.startswith("bao ") or key.startswith("bao cao"):
        return None
    province = find_province(" ".join(text.split()[1:]) or "")
    if province and agency_key(province) == key[4:].removeprefix("tinh ").strip():
        return f"Báo {province}"
    return None


def match_agency(text: str, extra: Gazetteer | None = None) -> Agency:
    """Agency for one item of a Cơ quan cell (after `split_agencies`).

    `extra` replaces the built-in gazetteer (build it with `load_gazetteer(path)`, which
    merges a user file over the built-in one).
    """
    gz = extra or _builtin()
    shown = " ".join(strip_markup(text or "").split())
    candidates = _candidates(shown)
    if not candidates:
        return Agency(text=shown, kind="other")
    for key in candidates:
        entry = gz.entries.get(key)
        if entry:
            return _agency(shown, entry, 100.0)
    paper = _newspaper(shown)
    if paper:
        return Agency(text=shown, name=paper, kind="other", score=100.0)
    entry, score, _ = _fuzzy(candidates, gz)
    if entry:
        return _agency(shown, entry, score)
    return Agency(text=shown, kind=guess_kind(agency_key(_PAREN.sub(" ", shown))))


def known_name(text: str, gazetteer: Gazetteer) -> str | None:
    """The canonical name `text` is an exact alias of (remarks, qualifiers and the province
    allowed, as `match_agency` reads them; no fuzzy matching), else None."""
    for key in _candidates(" ".join(strip_markup(text or "").split())):
        if (entry := gazetteer.entries.get(key)) is not None:
            return entry.name
    return None


def _agency(text: str, entry: GazetteerEntry, score: float) -> Agency:
    current = entry.current_name if entry.current_name and entry.current_name != entry.name else None
    return Agency(text=text, name=entry.name, kind=entry.kind, score=round(score, 1), current_name=current)


def closest_alias(text: str, gazetteer: Gazetteer) -> str | None:
    """The alias, as the gazetteer writes it, that `text` as a whole spells with OCR damage: its
    marks or case (`SỞ Nội vụ`, `Kho bạc Nhà nưóc tỉnh`), or a letter of a long name
    (`CO6ng an tỉnh`, by the fuzzy match `match_agency` makes); None when `text` is written so
    already, carries remarks or qualifiers the match would leave out, or names none."""
    shown = " ".join(strip_markup(text or "").split())
    candidates = _candidates(shown)
    if not candidates:
        return None
    shown = shown.strip(" .;,-+•")
    written = gazetteer.spelled.get(candidates[0], ())
    if written:  # the same letters as an alias: that alias, where OCR misread its marks or case
        same = [w for w in written if fold(w) == fold(shown)]
        if not same or shown in same:
            return None
        closest = min(same, key=lambda w: Levenshtein.distance(w, shown))
        return closest if _misreads(shown, closest) else None
    if any(k in gazetteer.entries for k in candidates):
        return None
    entry, _, key = _fuzzy(candidates[:1], gazetteer, cut_short=False)
    if entry is None:
        return None
    best = max(gazetteer.spelled.get(key, ()), key=lambda w: fuzz.ratio(fold(w), fold(shown)), default=None)
    return best if best is not None and _misreads(shown, best) else None


def _misreads(shown: str, alias: str) -> bool:
    """Does every word where `shown` differs from `alias` read as OCR's slip (words run together
    or apart count as one)?"""
    words, want = shown.split(), alias.split()
    return len(words) != len(want) or all(_misread(a, b, shown) for a, b in zip(words, want, strict=True))


def _misread(word: str, want: str, item: str) -> bool:
    """Is `word`, printed as `want` in the name, OCR's misreading of it? Other letters are where
    no plan would print them (no syllable, no abbreviation); other marks are (`Nôi`,
    `nưóc` for `Nội`, `nước`), unless only the tone's placement differs (`hoá`/`hóa`: the plan's
    spelling); another case only where it is at odds with the item's (`SỞ`, `NỘi` among
    lower-case words): `sở` for the gazetteer's `Sở` is how this plan prints it."""
    if word == want:
        return True
    core, want_core = word.strip(",.;:()"), want.strip(",.;:()")
    if fold(core) != fold(want_core):  # other letters: only where no plan would print it (`CO6ng`, `Tmyền`; not `HHC`)
        return not is_valid_syllable(core) and not core.isupper()
    if core.lower() != want_core.lower():
        return canonical_syllable(core.lower()) != canonical_syllable(want_core.lower())
    letters = [c for c in core if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    mixed_inside = 0 < upper < len(letters) and not (upper == 1 and letters[0].isupper())
    shouting = len(letters) > 1 and upper == len(letters) and any(c.islower() for c in item)
    return mixed_inside or shouting


def _fuzzy(candidates: list[str], gz: Gazetteer, cut_short: bool = True) -> tuple[GazetteerEntry | None, float, str]:
    """(entry, score, alias key matched) of the best fuzzy match of any candidate key; a name cut
    short (`_cut_short`) only with `cut_short`: its missing words are no misspelling to repair."""
    keys = [k for k in gz.entries if len(k) >= _MIN_FUZZY_LEN]
    best_entry: GazetteerEntry | None = None
    best_score = 0.0
    best_key = ""
    for key in candidates:
        if len(key) < _MIN_FUZZY_LEN:
            continue
        hits = process.extract(key, keys, scorer=fuzz.ratio, limit=8, score_cutoff=THRESHOLD - MARGIN)
        if not hits:
            continue
        top_key, top_score, _ = hits[0]
        top = gz.entries[top_key]
        rival = max((s for k, s, _ in hits[1:] if gz.entries[k].name != top.name), default=0.0)
        if top_score >= THRESHOLD and top_score - rival >= MARGIN and top_score > best_score:
            best_entry, best_score, best_key = top, top_score, top_key
    if best_entry is None:
        for key in candidates:
            if (hit := _slipped(key, gz) or (_cut_short(key, gz) if cut_short else None)) is not None:
                return gz.entries[hit], round(fuzz.ratio(key, hit), 1), hit
    return best_entry, best_score, best_key


MIN_CUT_WORDS = 3  # words a name cut short keeps at least (`Sở Khoa học và`)
MAX_CUT_END = 2  # words of its end a cell wrapped away or OCR lost at most (`Công nghệ`)


def _cut_short(key: str, gz: Gazetteer) -> str | None:
    """The alias of the one agency whose name `key` opens, missing only its last words: a name the
    cell's wrap or OCR cut short (`Sở Khoa học và Công`). Every alias `key` opens must be that
    agency's (`Sở Nông nghiệp và` opens two names), and its full name must go on for MAX_CUT_END
    words at most (`Ban Quản lý` opens only one name here, but most of it is missing). A group
    (`Các cơ quan, đơn vị`) is never completed: its shorter form is a group of its own."""
    words = key.split()
    if len(words) < MIN_CUT_WORDS:
        return None
    opened = [a for n, aliases in _aliases_by_length(gz).items() if n > len(words) for a in aliases]
    opened = [a for a in opened if a.startswith(key + " ")]
    if len({gz.entries[a].name for a in opened}) != 1:
        return None
    entry = gz.entries[opened[0]]
    full = agency_key(entry.name)
    if entry.kind == "group" or not full.startswith(key + " ") or len(full.split()) - len(words) > MAX_CUT_END:
        return None
    return full if full in gz.entries else min(opened, key=len)


def _slipped(key: str, gz: Gazetteer) -> str | None:
    """The one alias key `key` spells with OCR's slips in one word (two in names of four words or
    more): a marked vowel read as another letter or a digit (`s6`, `nGi`) or doubled (`NoOi` for
    `Nội`), in a word that is no syllable, so no other agency's (`Ngoại` is one: `Sở Ngoại vụ`
    stays itself). For short names too, which the fuzzy ratio leaves alone."""
    words = key.split()
    if len(words) < 2:
        return None
    allowed = 1 if len(words) <= 3 else 2
    found: set[str] = set()
    hit = None
    for alias in _aliases_by_length(gz).get(len(words), ()):
        want = alias.split()
        slips = [(w, g) for w, g in zip(want, words, strict=True) if w != g]
        if 0 < len(slips) <= allowed and all(_slip(w, g) for w, g in slips):
            found.add(gz.entries[alias].name)
            hit = alias
    return hit if len(found) == 1 else None


def _slip(want: str, got: str) -> bool:
    if is_valid_syllable(got):
        return False
    if vowel_slip(want, got):
        return True
    return len(got) == len(want) + 1 and any(
        got[k] in SLIP_CHARS and got[:k] + got[k + 1 :] == want for k in range(len(got))
    )


def _aliases_by_length(gz: Gazetteer) -> dict[int, tuple[str, ...]]:
    """The gazetteer's alias keys by word count (built once per gazetteer, again after `add`)."""
    if gz.by_length is None:
        by: dict[int, list[str]] = {}
        for alias in gz.entries:
            by.setdefault(len(alias.split()), []).append(alias)
        gz.by_length = {n: tuple(v) for n, v in by.items()}
    return gz.by_length
