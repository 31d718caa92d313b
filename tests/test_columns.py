"""Header vocabulary (data/column_titles.json) and the head-first title reading."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pytest

from conftest import CORPUS, corpus_misses
from kehoach_parse.plan.columns import is_column_number_row, is_role_label, match_title
from kehoach_parse.plan.text import key
from kehoach_parse.source import Cell

# Forms the issue names (issue 10, item 1): each must map, in any column order.
NAMED = {
    "Cơ quan chủ trì": "lead", "Đơn vị chủ trì": "lead", "Cơ quan/Đơn vị chủ trì": "lead", "Chủ trì": "lead",
    "Chủ trì thực hiện": "lead", "Trách nhiệm thực hiện": "lead", "Trách nhiệm": "lead",
    "Sở, ngành chủ trì tham mưu": "lead",
    "Phối hợp": "partners", "Phối hợp thực hiện": "partners", "Cơ quan/Đơn vị phối hợp": "partners",
    "Thời gian hoàn thành": "deadline", "Thời gian thực hiện": "deadline", "Thời hạn": "deadline",
    "Tiến độ": "deadline", "Lộ trình": "deadline",
    "Sản phẩm": "outputs", "Sản phẩm đầu ra": "outputs", "Kết quả": "outputs", "Kết quả đầu ra": "outputs",
    "Hình thức văn bản": "outputs",
    "Nội dung": "activity", "Nội dung công việc": "activity", "Hoạt động": "activity",
    "Nhiệm vụ": "task", "Nhiệm vụ, giải pháp": "task", "Tên nhiệm vụ": "task", "Mục tiêu": "objective",
    "Kinh phí": "budget", "Dự toán": "budget", "Nguồn kinh phí": "budget", "Ghi chú": "notes",
    "STT": "stt", "TT": "stt",
    # a generic agency column: lead unless a sub-header under it says otherwise
    "Cơ quan thực hiện": "agencies", "Đơn vị thực hiện": "agencies",
    # no role: kept in the record's extra
    "Theo dõi, kiểm tra, đôn đốc": None, "Đơn vị báo cáo": None, "Chỉ tiêu": None,
}  # fmt: skip


@pytest.mark.parametrize("title,role", NAMED.items())
def test_named_forms(title: str, role: str | None) -> None:
    assert match_title(title)[0] == role


def test_lead_and_partner_wordings_are_not_confused() -> None:
    assert match_title("Chủ trì thực hiện")[0] == "lead"
    assert match_title("Phối hợp thực hiện")[0] == "partners"
    assert match_title("Chủ trì, phối hợp")[0] == "lead"  # one responsibility column, split per cell
    assert match_title("Trách nhiệm phối hợp")[0] == "partners"


def test_cells_are_not_titles() -> None:
    for cell in ("Hoạt động 1: Xây dựng kế hoạch", "Nhiệm vụ 3 Tham mưu", "Sở Nội vụ", "Quý I/2025"):
        assert match_title(cell)[0] in (None, "agencies") or cell == "Sở Nội vụ", cell


HELD_BACK = Path(__file__).parent / "data" / "heldout_header_wordings.tsv"


def _vocabulary_entries() -> set[str]:
    raw = json.loads(resources.files("kehoach_parse.data").joinpath("column_titles.json").read_text("utf-8"))
    return {key(t) for t in raw["stt"]} | {key(c) for cues in raw["cues"].values() for c in cues}


def _held_back() -> list[tuple[str, str]]:
    """The composed wordings, less any that the vocabulary lists verbatim (those are not held back)."""
    with HELD_BACK.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    entries = _vocabulary_entries()
    return [(r[0], r[1]) for r in rows if len(r) >= 2 and key(r[0]) not in entries]


def test_enough_wordings_are_held_back() -> None:
    assert len(_held_back()) >= 15


def test_held_back_wordings_map() -> None:
    """Composed wordings the vocabulary never saw: how many map to the right role (reported, floor 80 %)."""
    held = _held_back()
    right = [w for w, role in held if (match_title(w)[0] or "none").replace("agencies", "lead") == role]
    wrong = [(w, role, match_title(w)[0]) for w, role in held if w not in right]
    print(f"held-back header wordings: {len(right)}/{len(held)} mapped right; wrong: {wrong}")
    assert len(right) >= 0.8 * len(held), wrong


def test_role_labels_of_body_lists_are_strict() -> None:
    assert is_role_label("Đơn vị chủ trì thực hiện") == "lead"
    assert is_role_label("Thời hạn hoàn thành") == "deadline"
    assert is_role_label("Chủ trì triển khai các nội dung") is None  # a sentence, not a label


def test_column_number_rows() -> None:
    def row(*texts: str) -> list[Cell | None]:
        return [Cell(t, i) for i, t in enumerate(texts)]

    assert is_column_number_row(row("(1)", "(2)", "(3)", "(4)"))
    assert is_column_number_row(row("1", "2", "3", "4", "5"))
    assert not is_column_number_row(row("1", "Xây dựng kế hoạch", "Sở Nội vụ", "Quý I"))
    assert not is_column_number_row(row("1", "3", "7"))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_every_vocabulary_entry_occurs_in_the_corpus() -> None:
    """No entry may be one sample's private word: each occurs in ../shared/corpus text (accent-folded)."""
    raw = json.loads(resources.files("kehoach_parse.data").joinpath("column_titles.json").read_text("utf-8"))
    entries = (
        raw["stt"]
        + [c for cues in raw["cues"].values() for c in cues]
        + [h for heads in raw["heads"].values() for h in heads]
        + raw["agency_verbs"]
        + raw["qualifiers"]
        + [u for units in raw["units"].values() for u in units]
    )
    assert not corpus_misses({key(e): e for e in entries}, key)
