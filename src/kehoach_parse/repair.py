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
from .vietnamese.orthography import marked_share, repair_method

BROKEN = 0.35  # brokenness above which a block of clean-format text is repaired


def looks_clean(text: str) -> bool:
    """Cheap screen (no model load): most Vietnamese words of a clean text carry diacritics.

    Abbreviations (all capitals) are not counted; fewer than four words cannot be judged
    and are left alone, since a short cell repaired out of context is a guess.
    """
    n, share = marked_share(text, skip_caps=True)
    return n < 4 or share >= 0.5


def _texts(source: SourceDocument) -> Iterator[Paragraph | Cell]:
    for block in source.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                yield from row.cells
        else:
            yield block


def repair_source(source: SourceDocument, *, force: bool = False) -> tuple[SourceDocument, list[Repair]]:
    """Repair in place; returns the document and the body repairs (paragraph level).

    The units to repair go through the restorer as one stream of lines, in reading
    order, so it sees the whole document (its decoder adapts to how damaged it is).
    """
    from .vietnamese.restore import brokenness, restore_stream

    everything = force or source.kind in ("ocr_text", "scanned")
    units = [
        u
        for u in _texts(source)
        if u.text.strip() and (everything or (not looks_clean(u.text) and brokenness(u.text) > BROKEN))
    ]
    if not units:
        return source, []
    lines = [line for u in units for line in u.text.split("\n")]
    fixed_lines = iter(list(restore_stream(lines, slips=source.kind in ("ocr_text", "scanned"))))
    repairs: list[Repair] = []
    for n, unit in enumerate(units):
        text = unit.text
        fixed = "\n".join(next(fixed_lines) for _ in text.split("\n"))
        if fixed == text:
            continue
        if unit.original is None:  # a loader may already have recorded what it read
            unit.original = text
        unit.text = fixed
        if isinstance(unit, Paragraph):
            where = f"body.line[{unit.line}]" if unit.line else f"body[{n}]"
            repairs.append(Repair(field=where, before=text, after=fixed, method=repair_method(text, fixed)))
    return source, repairs
