"""One responsibility cell that names both roles -> lead text and partners text (SPEC §1).

`Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành`, `Chủ trì: Sở Tư pháp; phối hợp:
Văn phòng UBND tỉnh`, `Sở Y tế (chủ trì), các huyện (phối hợp)` are split at the role
words; a cell with no role words is all lead.
"""

from __future__ import annotations

import re

# a role word with what commonly surrounds it: "chủ trì", "(chủ trì)", "Chủ trì:", "phối hợp với", "phối hợp:"
_LEAD = re.compile(r"\(?\b(?:cơ quan |đơn vị )?chủ\s+trì\b\)?\s*(?:thực hiện\s*)?[:,;.]?", re.I)
_PARTNERS = re.compile(r"\(?\b(?:cơ quan |đơn vị )?phối\s+hợp\b\)?\s*(?:thực hiện\s*)?(?:với\b)?\s*[:,;.]?", re.I)
_EDGES = " \t\n,;.:-–"


def split_responsibility(text: str) -> tuple[str, str] | None:
    """(lead text, partners text) when the cell names the partner role; None otherwise."""
    p = _PARTNERS.search(text)
    if p is None:
        return None
    lead_m = _LEAD.search(text)
    if lead_m is not None and lead_m.start() < p.start() and lead_m.end() > p.start():
        lead_m = None
    if lead_m is None:  # "A, phối hợp với B" / "A (phối hợp)"
        before, after = text[: p.start()].strip(_EDGES), text[p.end() :].strip(_EDGES)
        return (before, after) if after else ("", before)
    first, second = sorted((lead_m, p), key=lambda m: m.start())
    seg0 = text[: first.start()].strip(_EDGES)
    seg1 = text[first.end() : second.start()].strip(_EDGES)
    seg2 = text[second.end() :].strip(_EDGES)
    if seg0:  # the role word follows its agency: "A chủ trì, phối hợp với B", "A (chủ trì), B (phối hợp)"
        one, two = seg0, (seg2 or seg1)
    else:  # the role word leads: "Chủ trì: A; phối hợp: B"
        one, two = seg1, seg2
    return (one, two) if first is lead_m else (two, one)
