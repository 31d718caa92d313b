"""The repair stage: fix broken Vietnamese in a SourceDocument, keeping what it was.

OCR'd and scanned sources are repaired throughout; other sources only in the blocks
that look broken (many invalid syllables or syllables without diacritics), so clean
text passes through untouched. Each changed paragraph or cell keeps its text as read
in `original`; interpretation turns those into Repair entries on the fields they feed.
Decoding legacy encodings is not a repair: the loaders do it, even with --no-repair.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Repair
from .source import Cell, Paragraph, SourceDocument, Table

BROKEN = 0.35  # brokenness above which a block of clean-format text is repaired


def _texts(source: SourceDocument) -> Iterator[Paragraph | Cell]:
    for block in source.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                yield from row.cells
        else:
            yield block


def repair_source(source: SourceDocument, *, force: bool = False) -> tuple[SourceDocument, list[Repair]]:
    """Repair in place; returns the document and the body repairs (paragraph level)."""
    from .plan.text import repair_method
    from .vietnamese.restore import brokenness, restore

    everything = force or source.kind in ("ocr_text", "scanned")
    repairs: list[Repair] = []
    for n, unit in enumerate(_texts(source)):
        text = unit.text
        if not text.strip() or not (everything or brokenness(text) > BROKEN):
            continue
        fixed = restore(text)
        if fixed == text:
            continue
        unit.original, unit.text = text, fixed
        if isinstance(unit, Paragraph):
            where = f"body.line[{unit.line}]" if unit.line else f"body[{n}]"
            repairs.append(Repair(field=where, before=text, after=fixed, method=repair_method(text, fixed)))
    return source, repairs
