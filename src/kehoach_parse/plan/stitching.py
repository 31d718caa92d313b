"""Is this table row the tail of the row before it, cut off by a page break?

A row that runs over the foot of a page continues at the top of the next one (after the
repeated header, if any) as a row of its own: no STT, and only the cells whose text was
still running. Loaders stitch it with geometry where they can (`loaders/layout.py`, when
the text visibly ran to the page foot); this is the format-neutral check interpretation
applies to what reaches it, keyed on the page change — digital PDFs, OCR'd pages and
text exports alike.
"""

from __future__ import annotations

from collections.abc import Mapping

# The cells every activity row fills; a page-top row without any of them is a tail.
_ROW_OWN = ("lead", "deadline")


def starts_mid_sentence(text: str) -> bool:
    """Lower-case or punctuation first: the text continues something."""
    t = text.lstrip()
    return bool(t) and (t[0].islower() or t[0] in ",;.)")


def is_continuation(
    values: Mapping[str, str],
    prev_values: Mapping[str, str],
    *,
    stt: str,
    prev_stt: str | None,
    page_break: bool,
) -> bool:
    """A page-top row with no STT that continues the previous row.

    It must follow a page break (or a header repeated on the new page) and either start
    mid-sentence in some cell, or — below a numbered row that had its own lead/deadline —
    leave every one of those empty (a new activity names who does it and by when; a tail
    of a long content cell does not), or fill a cell whose text above stops mid-phrase by the
    language model (`vietnamese.lm.ends_unfinished`).
    """
    if not page_break or stt.strip():
        return False
    filled = [role for role, text in values.items() if text.strip()]
    if not filled:
        return False
    if any(starts_mid_sentence(values[role]) for role in filled):
        return True
    own_before = [role for role in _ROW_OWN if prev_values.get(role, "").strip()]
    if bool(prev_stt) and bool(own_before) and not any(values.get(role, "").strip() for role in _ROW_OWN):
        return True
    # the cell above stops mid-phrase (`Theo văn bản hướng dẫn của` / `Sở Nội vụ`): this goes on with it
    from ..vietnamese.lm import ends_unfinished

    return any(ends_unfinished(prev_values.get(role, "")) for role in filled)
