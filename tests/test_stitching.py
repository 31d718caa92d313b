"""Rows cut by a page break are stitched to their start in interpretation (plan/stitching.py), for any format."""

from __future__ import annotations

from kehoach_parse.plan.columns import map_header
from kehoach_parse.plan.records import TableState, build_records
from kehoach_parse.plan.stitching import is_continuation
from kehoach_parse.source import Cell, Row, Table

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def _row(texts: list[str], page: int, **kw) -> Row:
    return Row(cells=[Cell(t, c) for c, t in enumerate(texts)], page=page, **kw)


def _table(rows: list[Row]) -> Table:
    return Table(rows=[_row(HEADER, 1), *rows], n_cols=len(HEADER))


def _records(table: Table):
    cmap = map_header(table)
    assert cmap is not None and cmap.is_plan_table()
    return build_records(table, cmap, (2025, 2025), state=TableState())


def test_predicate() -> None:
    prev = {"task": "Rà soát thủ tục", "lead": "Sở Nội vụ", "deadline": "Quý I/2025"}
    tail_lower = {"task": "hành chính của tỉnh", "lead": "", "deadline": ""}
    tail_upper = {"task": "UBND cấp huyện", "lead": "", "deadline": ""}
    new_row = {"task": "Kiểm tra", "lead": "Sở Tư pháp", "deadline": "Quý II/2025"}
    assert is_continuation(tail_lower, prev, stt="", prev_stt="1", page_break=True)
    # starts with a capital, but has neither lead nor deadline under a row that had both
    assert is_continuation(tail_upper, prev, stt="", prev_stt="1", page_break=True)
    assert not is_continuation(tail_upper, prev, stt="", prev_stt="1", page_break=False)  # no page break
    assert not is_continuation(tail_lower, prev, stt="2", prev_stt="1", page_break=True)  # numbered: a row
    assert not is_continuation(new_row, prev, stt="", prev_stt="1", page_break=True)  # a full row of its own
    assert not is_continuation(tail_upper, prev, stt="", prev_stt=None, page_break=True)  # unnumbered table


def test_a_cell_cut_mid_phrase_above_is_continued_however_the_tail_begins() -> None:
    """`Theo văn bản hướng dẫn của` / `Sở Nội vụ`: the tail opens with a capital and fills the
    deadline, but the deadline above stops mid-phrase (by the language model), so it goes on."""
    prev = {"task": "Đánh giá Chỉ số CCHC", "lead": "Văn phòng", "deadline": "Theo văn bản hướng dẫn của"}
    tail = {"task": "", "lead": "", "deadline": "Sở Nội vụ"}
    assert is_continuation(tail, prev, stt="", prev_stt="21", page_break=True)
    done = {**prev, "deadline": "Theo văn bản hướng dẫn của Sở Nội vụ"}
    assert not is_continuation({"task": "Báo cáo", "lead": "", "deadline": "Quý IV/2025"}, done, stt="", prev_stt="21",
                               page_break=True)  # fmt: skip


def test_row_cut_by_a_page_break_is_one_record() -> None:
    """No repeated header, no mid-sentence start: the page change alone says where the break is."""
    table = _table(
        [
            _row(
                ["1", "Rà soát, đơn giản hóa thủ tục", "Sở Nội vụ", "Sở Tư pháp; Văn phòng UBND tỉnh;", "Quý I/2025"], 1
            ),
            _row(["", "Thủ tục hành chính nội bộ", "", "UBND cấp huyện", ""], 2),
            _row(["2", "Kiểm tra công tác cải cách", "Sở Tư pháp", "Các sở", "Quý II/2025"], 2),
        ]
    )
    recs = _records(table)
    assert len(recs) == 2
    first = recs[0]
    assert first.task is not None and first.task.text == "Rà soát, đơn giản hóa thủ tục Thủ tục hành chính nội bộ"
    assert [a.text for a in first.partners] == ["Sở Tư pháp", "Văn phòng UBND tỉnh", "UBND cấp huyện"]
    assert first.provenance.rows == [1, 2]
    assert recs[1].stt == "2"


def test_row_after_a_repeated_header_is_stitched() -> None:
    table = _table(
        [
            _row(["1", "Rà soát, đơn giản hóa thủ tục", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2025"], 1),
            _row(HEADER, 2),
            _row(["", "hành chính nội bộ", "", "", ""], 2),
        ]
    )
    recs = _records(table)
    assert len(recs) == 1 and recs[0].task is not None
    assert recs[0].task.text == "Rà soát, đơn giản hóa thủ tục hành chính nội bộ"


def test_unnumbered_row_on_the_same_page_is_not_stitched() -> None:
    table = _table(
        [
            _row(["1", "Rà soát thủ tục", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2025"], 1),
            _row(["", "Kiểm tra công tác cải cách", "Sở Tư pháp", "Các sở", "Quý II/2025"], 1),
            _row(["", "Tổng kết", "Sở Nội vụ", "", "Quý IV/2025"], 2),
        ]
    )
    assert len(_records(table)) == 3
