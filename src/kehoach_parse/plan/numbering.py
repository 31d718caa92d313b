"""STT numbers OCR lost or garbled, given back from the count around them.

An OCR'd STT cell can come back empty (the digit merged with the column's rule or faded),
as a look-alike (`¿_`, `°`, `Ít` for 11) or with specks beside the number (`3.`, `2 :`,
`1__`). Where a table numbers one row after another, the rows around such a cell say which
number stood there: between `3` and `5`, one row is `4`. A number is given back only where
the count fits exactly (rows read as `3, ?, ?, 5` are not two rows numbered 4), so rows that
share one number (an STT cell spanning a task's activities) never get one each. A number
read that breaks the count is kept as read: it may be the plan's own slip.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Mapping, Sequence

from ..vietnamese.numerals import stt_digits

__all__ = ["COUNTED_CONFIDENCE", "read_number", "restore_numbers"]

MIN_NUMBERED = 3  # rows with a number read before the table is taken to number its rows
NUMBERED_SHARE = 0.3  # of its rows
IN_STEP_SHARE = 0.6  # of neighbouring numbered rows (one section) whose numbers step by one per row
MARKED_SHARE = 2 / 3  # of the numbers read with a mark beside them (`1.`) before the mark is the plan's own
COUNTED_CONFIDENCE = 0.8  # an STT number the count gave, not OCR
_TRAILING = re.compile(r"[\s._,:;…\-]+$")  # specks after a number: `3.`, `2 :`, `1__`, `3...`


def read_number(text: str | None) -> int | None:
    """The number an OCR'd STT cell holds, specks beside it ignored; None for none."""
    if not text:
        return None
    digits = stt_digits(_TRAILING.sub("", text.strip()) or text)
    return int(digits) if digits else None


def restore_numbers(stts: Sequence[str | None], sections: Sequence[Hashable]) -> list[str | None]:
    """Per row of an OCR'd table (its STT cell as read, its section), the number to put in the
    STT's place, or None to keep the cell as read.

    Only for tables that number their rows one by one (a third of the rows or more read a
    number, and most numbers read in a section are one per row apart). A number read with
    specks becomes the bare number where the plan prints bare numbers (most numbers are read
    bare); a run of rows without a number is counted from the numbers around it when the
    count fits: within a section, or at its start (the count begins at 1 again, or goes on
    from the section above), or at its end (the next section shows which), or one last row of
    the table.
    """
    n = len(stts)
    num = {i: v for i, s in enumerate(stts) if (v := read_number(s)) is not None}
    out: list[str | None] = [None] * n
    if len(num) < MIN_NUMBERED or len(num) < NUMBERED_SHARE * n:
        return out
    # neighbouring numbered rows of one section: one number per row apart
    steps = [(i, j) for i, j in itertools.pairwise(num) if sections[i] == sections[j]]
    if not steps or sum(1 for i, j in steps if num[j] == num[i] + (j - i)) < IN_STEP_SHARE * len(steps):
        return out
    if sum(1 for i in num if not (stts[i] or "").strip().isdigit()) < MARKED_SHARE * len(num):
        for i, v in num.items():  # the plan prints bare numbers: specks beside one are OCR's
            if stts[i] != str(v):
                out[i] = str(v)
    blocks = [list(g) for _, g in itertools.groupby(range(n), key=lambda i: sections[i])]
    for b, block in enumerate(blocks):
        above = blocks[b - 1] if b else None
        below = blocks[b + 1] if b + 1 < len(blocks) else None
        for missing, run in itertools.groupby(block, key=lambda i: i not in num):
            rows = list(run)
            if missing and (start := _count_before(rows, block, above, below, num)) is not None:
                for k, i in enumerate(rows):
                    out[i] = str(start + k)
    return out


def _count_before(
    run: list[int], block: list[int], above: list[int] | None, below: list[int] | None, num: Mapping[int, int]
) -> int | None:
    """The number of the run's first row where the count around it fits exactly, else None."""
    first, last = run[0], run[-1]
    prev = next((i for i in reversed(block) if i < first and i in num), None)
    nxt = next((i for i in block if i > last and i in num), None)
    if prev is not None and nxt is not None:  # inside a section
        return num[prev] + 1 if num[nxt] - num[prev] == nxt - prev else None
    if nxt is not None:  # at a section's start: from 1, or on from the section above
        if num[nxt] == nxt - block[0] + 1:
            return 1
        went_on = _last_count(above, num)
        return went_on + 1 if went_on is not None and num[nxt] == went_on + nxt - block[0] + 1 else None
    if prev is None:
        return None
    if below is None:  # the table's last rows
        return num[prev] + 1 if first == last else None
    head = next((i for i in below if i in num), None)  # at a section's end: the next section shows the count
    if head is None:
        return None
    restarts = num[head] == head - below[0] + 1 and first == last  # how many rows it ends with is not shown
    goes_on = num[head] == num[prev] + (head - prev)
    return num[prev] + 1 if restarts or goes_on else None


def _last_count(block: list[int] | None, num: Mapping[int, int]) -> int | None:
    """The number a section's last row holds, counted on from the last one read in it."""
    last = next((i for i in reversed(block or []) if i in num), None)
    return None if last is None or not block else num[last] + (block[-1] - last)
