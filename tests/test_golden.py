"""Document level: each sample in, its reviewed expected JSON out — whole structures compared.

The expected files are rewritten only by `make golden`, and their diff is reviewed before
commit. A failure here prints the first differing path, so a change of behaviour is visible.
"""

from __future__ import annotations

import json

import pytest

from conftest import EXPECTED, S000, S001, S002, S003, S004, parsed
from kehoach_parse.export import to_json

CASES = {
    S000: "000_b9abb36b8c36f44d.json",
    S001: "001_47299de66b06ee91.json",
    S002: "002_28b79bbaf6c53f00.json",
    S003: "003_72adce018a707e85.json",
    S004: "004_4eb45db0ba18c56a.json",
}


def first_difference(got: object, want: object, path: str = "$") -> str | None:
    if type(got) is not type(want):
        return f"{path}: {got!r} != {want!r}"
    if isinstance(want, dict):
        for k in sorted(set(got) | set(want)):  # type: ignore[arg-type]
            if k not in got or k not in want:  # type: ignore[operator]
                return f"{path}.{k}: missing on one side"
            if d := first_difference(got[k], want[k], f"{path}.{k}"):  # type: ignore[index]
                return d
        return None
    if isinstance(want, list):
        for i, (g, w) in enumerate(zip(got, want, strict=False)):  # type: ignore[arg-type]
            if d := first_difference(g, w, f"{path}[{i}]"):
                return d
        return None if len(got) == len(want) else f"{path}: {len(got)} items != {len(want)}"  # type: ignore[arg-type]
    return None if got == want else f"{path}: {got!r} != {want!r}"


@pytest.mark.parametrize("sample", list(CASES))
def test_sample_matches_reviewed_json(sample: str) -> None:
    want = json.loads((EXPECTED / CASES[sample]).read_text(encoding="utf-8"))
    got = json.loads(to_json(parsed(sample)))
    assert first_difference(got, want) is None, first_difference(got, want)


@pytest.mark.parametrize("sample", [S003, S004])
def test_output_is_byte_identical_across_runs(sample: str) -> None:
    from kehoach_parse.pipeline import parse

    assert to_json(parse(sample)) == to_json(parse(sample)) == (EXPECTED / CASES[sample]).read_text(encoding="utf-8")
