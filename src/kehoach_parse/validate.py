"""Validation rules: a parsed plan in, findings out (codes from `findings.REGISTRY`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .files import read_data
from .findings import finding
from .model import Finding, Item, PlanDocument, PlanRecord
from .vietnamese.keys import key


@cache
def nq76_areas() -> dict[str, str]:
    """The six areas of Nghị quyết 76/NQ-CP (area code -> the name NQ76 gives it), from data/areas.json."""
    return {a["area"]: a["nq76_title"] for a in read_data("areas.json")["areas"] if "nq76_title" in a}


# the codes these rules produce (re-run on a parse JSON; the other findings are kept as they were)
RULE_CODES = frozenset(
    {
        "E_MISSING_LEAD", "W_MISSING_DEADLINE", "W_MISSING_ACTIVITY", "W_UNPARSED_DEADLINE",
        "W_DEADLINE_OUTSIDE_PERIOD",
        "W_NUMBERING_GAP", "W_NUMBERING_MISMATCH", "W_AREA_MISSING", "W_DUPLICATE_ACTIVITY",
        "I_LEAD_IS_PARTNER", "I_UNKNOWN_AGENCY", "W_BROKEN_TEXT",
    }
)  # fmt: skip


def validate(plan: PlanDocument) -> list[Finding]:
    """Every rule over the plan's records; loader and repair findings are not repeated."""
    if not plan.records:
        return []
    out: list[Finding] = []
    for rule in (_per_record, _numbering, _areas, _duplicates, _broken_text):
        out.extend(rule(plan))
    return out


def _where(rec: PlanRecord) -> dict:
    return {"record_id": rec.id, "page": rec.provenance.page, "line": rec.provenance.line,
            "row": rec.provenance.rows[0] if rec.provenance.rows else None}  # fmt: skip


def _per_record(plan: PlanDocument) -> Iterator[Finding]:
    period = plan.metadata.period
    for rec in plan.records:
        w = _where(rec)
        if not rec.lead:
            yield finding("E_MISSING_LEAD", field="lead", **w)
        if not any(item is not None and item.text.strip() for item in (rec.objective, rec.task, rec.activity)):
            yield finding("W_MISSING_ACTIVITY", field="activity", **w)
        if rec.deadline is None:
            yield finding("W_MISSING_DEADLINE", field="deadline", **w)
        elif rec.deadline.kind == "unspecified":
            yield finding("W_UNPARSED_DEADLINE", field="deadline", text=rec.deadline.text, **w)
        elif period and rec.deadline.end and rec.deadline.kind not in ("recurring",):
            first, last = f"{period.start_year - 1}-10-01", f"{period.end_year + 1}-03-31"
            if rec.deadline.end < first or (rec.deadline.start or rec.deadline.end) > last:
                yield finding(
                    "W_DEADLINE_OUTSIDE_PERIOD", field="deadline", text=rec.deadline.text,
                    start=period.start_year, end=period.end_year, **w,
                )  # fmt: skip
        lead_keys = {key(a.name or a.text) for a in rec.lead}
        for i, a in enumerate(rec.partners):
            if key(a.name or a.text) in lead_keys:
                yield finding("I_LEAD_IS_PARTNER", field=f"partners[{i}]", name=a.name or a.text, **w)
        for role in ("lead", "partners"):
            for i, a in enumerate(getattr(rec, role)):
                if a.name is None and a.kind != "group":
                    yield finding("I_UNKNOWN_AGENCY", field=f"{role}[{i}]", text=a.text, **w)


def _label_number(item: Item) -> int | None:
    m = re.search(r"(\d+)\s*$", item.label or "")
    return int(m.group(1)) if m else None


def _split_number(number: str) -> tuple[tuple[str, ...], int | None]:
    """'2.3' -> (('2',), 3); a last part that is not digits -> None."""
    parts = number.split(".")
    return tuple(parts[:-1]), int(parts[-1]) if parts[-1].isdigit() else None


class _Sequence:
    """The numbering a section's items should follow, re-synchronised after a slip.

    One slip is one warning: after `1, 2, 3, 40, 5` (a typo) or `2.1, 2.2, 3.3, 2.4` (a wrong
    prefix) the next item matches what the sequence expected had the slip not happened, so it
    is not a second gap; after `1, 2, 4, 5` (a real jump) the numbering goes on from the slip.
    """

    def __init__(self) -> None:
        self.good: tuple[tuple[str, ...], int] | None = None  # the last number that fitted
        self.steps = 1  # items since then (a slipped item still takes its place)
        self.slip: tuple[tuple[str, ...], int] | None = None  # the last number that did not fit

    def fits(self, prefix: tuple[str, ...], last: int) -> bool:
        """Whether `prefix.last` continues the sequence; updates it either way."""
        ok = self.good is None
        if self.good is not None:
            good_prefix, good = self.good
            # next in line, the place a slipped item took, a restart, or on from a real jump
            ok = (prefix == good_prefix and last in (good + 1, good + self.steps, 1)) or self.slip == (prefix, last - 1)
        if ok:
            self.good, self.steps, self.slip = (prefix, last), 1, None
        else:
            self.steps += 1
            self.slip = (prefix, last)
        return ok


def _numbering(plan: PlanDocument) -> Iterator[Finding]:
    """Slips in the printed numbering of tasks and activities, per section (one warning per slip)."""
    for role in ("objective", "task", "activity"):
        previous: Item | None = None
        section = None
        sequence = _Sequence()
        for rec in plan.records:
            item: Item | None = getattr(rec, role)
            if rec.section.number != section:
                section, previous, sequence = rec.section.number, None, _Sequence()
            if item is None or item.number is None or (previous is not None and item == previous):
                continue
            w = _where(rec)
            prefix, last = _split_number(item.number)
            label_no = _label_number(item)
            if last is not None and label_no is not None and last != label_no:
                yield finding("W_NUMBERING_MISMATCH", field=f"{role}.number", number=item.number,
                              label=item.label, **w)  # fmt: skip
            if last is None:
                sequence = _Sequence()  # an unnumbered item: start again from the next number
            elif not sequence.fits(prefix, last) and previous is not None and previous.number:
                yield finding("W_NUMBERING_GAP", field=f"{role}.number", label=item.label or role,
                              number=item.number, previous=previous.number, **w)  # fmt: skip
            previous = item


def _areas(plan: PlanDocument) -> Iterator[Finding]:
    present = {rec.section.area for rec in plan.records}
    for area, name in nq76_areas().items():
        if area not in present:
            yield finding("W_AREA_MISSING", area=name)


def _duplicates(plan: PlanDocument) -> Iterator[Finding]:
    seen: dict[str, PlanRecord] = {}
    previous: PlanRecord | None = None
    for rec in plan.records:
        prev, previous = previous, rec
        if rec.activity is None:
            continue
        k = key(rec.activity.text)
        if len(k) < 12 or (prev is not None and prev.activity == rec.activity and prev.task == rec.task):
            continue  # one merged activity cell over several output rows is not a duplicate
        if k in seen:
            yield finding("W_DUPLICATE_ACTIVITY", field="activity", other=seen[k].id, **_where(rec))
        else:
            seen[k] = rec


def _broken_text(plan: PlanDocument) -> Iterator[Finding]:
    """Hierarchy texts that still look like damaged Vietnamese after the repair stage."""
    from .repair import BROKEN, looks_clean
    from .vietnamese.restore import brokenness

    for rec in plan.records:
        for role in ("objective", "task", "activity"):
            item: Item | None = getattr(rec, role)
            if item is None or looks_clean(item.text):
                continue
            if brokenness(item.text) > BROKEN:
                yield finding("W_BROKEN_TEXT", field=f"{role}.text", text=item.text[:60], **_where(rec))
