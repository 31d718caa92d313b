"""Numbered hierarchy cells: `2.3. Nhiệm vụ 3: Xây dựng …` -> number, label, text."""

from __future__ import annotations

import re

from ..model import Item
from .text import squash

_ITEM = re.compile(
    r"""^\s*
    (?P<num>\d+(?:\s*[.,]\s*\d+)*)?\s*[.:]?\s*        # 2.3.  or 1.1:  (OCR: 2,3.)
    (?P<label>(?:mục\s+tiêu|nhiệm\s+vụ|hoạt\s+động)(?:\s*\d+)?)?\s*[:.]?\s*  # Nhiệm vụ 3:
    (?P<text>.*)$""",
    re.I | re.S | re.X,
)


def parse_item(text: str) -> Item | None:
    """Split a cell into its printed number, its label and the text; None for an empty cell."""
    flat = squash(text)
    if not flat:
        return None
    m = _ITEM.match(flat)
    number = label = None
    body = flat
    if m and (m.group("label") or (m.group("num") and re.match(r"^\s*\d+(?:\.\d+)*\s*[.:]\s+\D", flat))):
        if "," in (m.group("num") or "") and not m.group("label"):
            # a comma inside the number is OCR's misread dot (`2,1. Nhiệm vụ 1:`), taken only
            # before a label: without one, `2,5 tỷ đồng` is an amount
            return Item(number=None, label=None, text=flat)
        number = re.sub(r"\s+", "", m.group("num")).replace(",", ".") if m.group("num") else None
        label = squash(m.group("label")) if m.group("label") else None
        body = m.group("text").strip()
        if not body:  # a bare label such as "Hoạt động 1:" keeps its label as text
            body = flat
    return Item(number=number, label=label, text=body)
