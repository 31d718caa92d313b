"""Kinh phí cells: amounts in million VND, or the text when it is not a number."""

from __future__ import annotations

import re

from ..model import Budget
from .text import squash

_PLAIN = re.compile(r"^\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?$|^\d+(?:[.,]\d+)?$")


def parse_amount(text: str) -> float | None:
    """'250' -> 250.0, '1.500' -> 1500.0 (dot groups thousands), '2,5' -> 2.5; else None."""
    t = squash(text).rstrip(".")
    if not _PLAIN.match(t):
        return None
    if re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?", t):
        t = re.sub(r"[.\s]", "", t)
    return float(t.replace(",", "."))


def is_plain_amount(text: str) -> bool:
    return parse_amount(text) is not None


def parse_budget(text: str) -> Budget | None:
    flat = squash(text)
    if not flat:
        return None
    return Budget(text=flat, amount_million_vnd=parse_amount(flat))
