"""Shared fixtures: tests run from the repo root so sample paths read as a user types them."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"

S000 = "samples/000_b9abb36b8c36f44d.txt"
S001 = "samples/001_47299de66b06ee91.txt"
S002 = "samples/002_28b79bbaf6c53f00.txt"
S003 = "samples/003_72adce018a707e85.txt"
S004 = "samples/004_4eb45db0ba18c56a.txt"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@cache
def parsed(path: str, **options: object):
    """Parse once per session (the pipeline is pure, so caching is safe)."""
    from kehoach_parse.pipeline import parse

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return parse(path, **options)
    finally:
        os.chdir(cwd)


def expected(name: str) -> dict:
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))
