"""Every JSON file in `data/` is well-formed and says what it is: the rule tables are reviewed as data.

Each file: parses, has no duplicate keys, carries a comment, every string is NFC and (but
where a table means it) non-empty without surrounding spaces; then its own shape, and the
cross-checks against the model's literal types and the code that reads it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any, get_args

import pytest

from kehoach_parse import model
from kehoach_parse.vietnamese.keys import fold, key

DATA = resources.files("kehoach_parse.data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".json"))
COMMENT_KEYS = ("_comment", "_about", "description")  # `description`: written by scripts/build_confusions.py


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"duplicate keys {dupes}")
    return dict(pairs)


def load(name: str) -> Any:
    return json.loads(DATA.joinpath(name).read_text("utf-8"), object_pairs_hook=_no_duplicates)


def strings(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string of a JSON value (keys included) with its path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield (*path, "<key>"), k
            yield from strings(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from strings(v, (*path, i))


def unique(items: list[str], how: Callable[[str], str] = lambda s: s) -> bool:
    return len({how(i) for i in items}) == len(items)


def str_list(node: Any) -> bool:
    return isinstance(node, list) and bool(node) and all(isinstance(s, str) for s in node)


# -- per-file shapes and cross-checks -------------------------------------------------------


def check_abbreviations(d: dict) -> None:
    abbr = d["abbreviations"]
    assert str_list(abbr) and unique(abbr)
    assert all(" " not in a for a in abbr), "one token per entry"


def check_agencies(d: dict) -> None:
    kinds = set(get_args(model.AgencyKind))
    assert isinstance(d["key_rewrites"], dict)
    names = []
    for a in d["agencies"]:
        assert set(a) <= {"name", "kind", "aliases", "current_name", "note"}, a
        assert a["kind"] in kinds, a
        assert isinstance(a["aliases"], list) and unique(a["aliases"]), a["name"]  # the name itself is an alias
        names.append(a["name"])
    assert unique(names)


def check_agency_heads(d: dict) -> None:
    for part in ("heads", "not_heads", "generic_words", "in_sentence"):
        words = d[part]
        assert str_list(words) and unique(words, fold), part
        assert all(fold(w).replace(" ", "").isalpha() and fold(w).isascii() for w in words), part
    assert all(" " not in w for w in d["generic_words"]), "generic words are single words"
    assert all(" " not in w and w == w.lower() for w in d["in_sentence"]), "in-sentence words are single words"


def check_areas(d: dict) -> None:
    areas = [a["area"] for a in d["areas"]]
    assert set(areas) == set(get_args(model.Area)) - {"other"}, "every content area, once"
    assert unique(areas)
    for a in d["areas"]:
        assert set(a) <= {"area", "keywords", "titles", "nq76_title", "activities"}, a
        assert str_list(a["keywords"]) and unique(a["keywords"]), a["area"]
        assert str_list(a["titles"]) and unique(a["titles"]), a["area"]
    assert sum("nq76_title" in a for a in d["areas"]) == 6, "Nghị quyết 76/NQ-CP names six areas"


def check_column_titles(d: dict) -> None:
    # read by plan/columns.py, which checks its own vocabulary; here only the generic rules apply
    assert isinstance(d, dict)


def check_deadline_phrases(d: dict) -> None:
    assert set(d["recurrence"]) == set(get_args(model.Recurrence))
    assert set(d["half_year"]) == {"first", "second"}
    lists = [d[k] for k in ("event_prefixes", "event_contains", "before", "range_connectors", "whole_year")]
    lists += list(d["recurrence"].values()) + list(d["half_year"].values())
    for phrases in lists:
        assert str_list(phrases) and unique(phrases)  # spelling variants (hàng/hằng) are listed on purpose


def check_metadata_words(d: dict) -> None:
    issuers = d["issuer_by_symbol"]
    assert issuers and all(isinstance(v, str) and v for v in issuers.values())
    # plan/metadata.py looks the symbol's tail up as key(...) without spaces, upper case
    assert all(key(k).replace(" ", "").upper() == k for k in issuers)
    positions = d["signer_positions"]
    assert str_list(positions) and unique(positions, key)


def _rule(r: Any) -> bool:
    return (
        isinstance(r, list)
        and len(r) >= 3
        and isinstance(r[0], str)
        and isinstance(r[1], str)
        and r[0] != r[1]
        and isinstance(r[2], int | float)
        and r[2] > 0
        and r[1].isascii()
        and r[1] == r[1].lower()
        and not any(c.isspace() for c in r[1])  # an accent-stripped skeleton
    )


def check_ocr_confusions(d: dict) -> None:
    assert all(_rule(r) for r in d["rules"]), [r for r in d["rules"] if not _rule(r)]
    assert unique([f"{r[0]}\0{r[1]}" for r in d["rules"]]), "one cost per rewrite"
    for token, readings in d["tokens"].items():
        assert readings and all(isinstance(w, str) and w and c >= 0 for w, c in readings), token


def check_provinces(d: dict) -> None:
    units = d["current_units"]
    assert str_list(units) and unique(units) and len(units) == 34
    names = [p["name"] for p in d["provinces"]]
    assert unique(names, key)
    for p in d["provinces"]:
        assert set(p) <= {"name", "kind", "current", "aliases"}, p
        assert p["kind"] in ("province", "city")
        assert p["current"] in units, p["name"]
        assert isinstance(p.get("aliases", []), list)


SHAPES: dict[str, Callable[[dict], None]] = {
    "abbreviations.json": check_abbreviations,
    "agencies.json": check_agencies,
    "agency_heads.json": check_agency_heads,
    "areas.json": check_areas,
    "column_titles.json": check_column_titles,
    "deadline_phrases.json": check_deadline_phrases,
    "metadata_words.json": check_metadata_words,
    "ocr_confusions.json": check_ocr_confusions,
    "provinces.json": check_provinces,
}

# Strings that are meant to be empty or padded: the rewrite tables' insertions/deletions, `&` -> " và ".
PADDED: dict[str, Callable[[tuple[Any, ...]], bool]] = {
    "agencies.json": lambda path: path == ("key_rewrites", "&"),
    "ocr_confusions.json": lambda path: path[:1] == ("rules",) and len(path) == 3 and path[2] in (0, 1),
}


def test_every_data_file_has_a_shape_check() -> None:
    assert set(FILES) == set(SHAPES), "add a check_<name> for a new data file"


@pytest.mark.parametrize("name", FILES)
def test_data_file(name: str) -> None:
    d = load(name)
    assert isinstance(d, dict)
    comment = next((d[k] for k in COMMENT_KEYS if k in d), None)
    assert isinstance(comment, str) and len(comment) > 40, "say what the file is and where its entries come from"
    padded = PADDED.get(name, lambda path: False)
    for path, s in strings(d):
        assert unicodedata.is_normalized("NFC", s), (path, s)
        if not padded(path):
            assert s and s == s.strip(), (path, s)
    SHAPES[name](d)


def test_runtime_readers_agree() -> None:
    """The readers' views of the tables (what the code actually uses) match the files."""
    from kehoach_parse.validate import nq76_areas
    from kehoach_parse.vietnamese.candidates import load_rules, load_token_table
    from kehoach_parse.vietnamese.restore import abbreviations

    assert len(load_rules()) == len(load("ocr_confusions.json")["rules"])
    assert load_token_table().keys() == load("ocr_confusions.json")["tokens"].keys()
    assert abbreviations() == frozenset(load("abbreviations.json")["abbreviations"])
    assert list(nq76_areas()) == [a for a in get_args(model.Area) if a not in ("chi_dao_dieu_hanh", "other")]
