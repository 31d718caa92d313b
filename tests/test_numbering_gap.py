"""W_NUMBERING_GAP: one slip in the printed numbering is one warning; the sequence re-synchronises."""

from __future__ import annotations

import pytest

from conftest import S004, parsed
from kehoach_parse.model import Item, PlanDocument, PlanRecord, Provenance, Section, Source
from kehoach_parse.validate import _numbering


def plan_with_tasks(*numbers: str) -> PlanDocument:
    records = [
        PlanRecord(
            id=f"I.{k}", seq=k, section=Section(number="I", title="Cải cách thể chế", area="the_che"),
            task=Item(number=n, label=f"Nhiệm vụ {n.split('.')[-1]}", text=f"Nhiệm vụ số {k}"),
            provenance=Provenance(table=0, rows=[k], confidence=1.0),
        )
        for k, n in enumerate(numbers, 1)
    ]  # fmt: skip
    source = Source(path="x.txt", sha256="0" * 64, format="text", kind="text_export", loader="text.tsv")
    return PlanDocument(generator="test", source=source, records=records)


def gaps(*numbers: str) -> list[str]:
    return [f.record_id or "" for f in _numbering(plan_with_tasks(*numbers)) if f.code == "W_NUMBERING_GAP"]


@pytest.mark.parametrize(
    ("numbers", "warned"),
    [
        (("1.1", "1.2", "1.3", "1.4"), []),
        (("1.1", "1.2", "1.3", "1.40", "1.5", "1.6"), ["I.4"]),  # a typo: 5 follows where 4 should be
        (("1.1", "1.2", "1.3", "1.40", "1.4", "1.5"), ["I.4"]),  # an extra item
        (("1.1", "1.2", "2.3", "1.4", "1.5"), ["I.3"]),  # a wrong prefix (004's 1.8, 2.9, 1.10)
        (("1.1", "1.2", "1.4", "1.5", "1.6"), ["I.3"]),  # a real jump: the numbering goes on from it
        (("1.1", "1.2", "1.2", "1.3"), ["I.3"]),  # a number printed twice
        (("1.1", "1.2", "1.9", "1.11", "1.13"), ["I.3", "I.4", "I.5"]),  # each slip its own warning
        (("1.1", "1.2", "1.1", "1.2"), []),  # numbering restarts
    ],
)
def test_one_slip_is_one_warning(numbers: tuple[str, ...], warned: list[str]) -> None:
    assert gaps(*numbers) == warned


def test_004_wrong_prefix_warns_once() -> None:
    found = [f.message for f in parsed(S004).findings if f.code == "W_NUMBERING_GAP"]
    assert "Đánh số Nhiệm vụ 9 nhảy cóc: 2.9 sau 1.8" in found
    assert not any("1.10 sau 2.9" in m for m in found)  # no second warning for the slip
