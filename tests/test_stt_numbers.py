"""STT numbers OCR lost or garbled, given back from the count around them (plan/numbering.py).

Each case says which numbers the rows printed and why the count does or does not show it.
The document cases are OCR'd plain text composed in tesseract's shape (one wrapped line of
every cell side by side), not taken from a sample.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import parse_docx_table
from kehoach_parse.plan.numbering import COUNTED_CONFIDENCE, read_number, restore_numbers
from test_ocr_text_body import BODY, HEADER, PREAMBLE, SIGNATURE, _records


@pytest.mark.parametrize(
    ("read", "number"),
    [
        ("3", 3),
        ("3.", 3),  # a speck after the number
        ("2 :", 2),
        ("1__", 1),
        ("3...", 3),
        ("#2", 2),
        ("l", 1),  # a lone 1 read as l
        ("¿_", None),  # a look-alike: no number read
        ("°", None),
        ("Ít", None),
        ("", None),
        (None, None),
    ],
)
def test_number_read_in_an_stt_cell(read: str | None, number: int | None) -> None:
    assert read_number(read) == number


def _restored(stts: list[str | None], sections: str) -> list[str | None]:
    return restore_numbers(stts, list(sections))


def test_a_lost_number_between_two_read_is_the_one_between() -> None:
    # printed 1 2 3 4 5; OCR lost 2 and read 4 as a look-alike
    assert _restored(["1", None, "3", "°", "5"], "IIIII") == [None, "2", None, "4", None]


def test_a_run_the_count_does_not_fit_is_left_alone() -> None:
    # 3, ?, ?, 5: two rows where one number is missing; one of them is no row of its own (a
    # split OCR made), and which one is not shown
    assert _restored(["1", "2", "3", None, None, "5", "6"], "IIIIIII") == [None] * 7


def test_rows_sharing_a_number_get_none() -> None:
    # an STT cell spanning a task's activities: 1, -, -, 2, -, 3 (the table does not number rows one by one)
    assert _restored(["1", None, None, "2", None, "3", None], "IIIIIII") == [None] * 7


def test_a_count_that_starts_again_in_each_section() -> None:
    # I: 1 2 3 | II: 1 2 3 — the first row of II lost its number; the count there begins at 1
    assert _restored(["1", "2", "3", None, "2", "3"], "IIIJJJ") == [None, None, None, "1", None, None]


def test_a_count_that_goes_on_across_sections() -> None:
    # I: 1 2 3 | II: 4 5 6 — the first row of II lost its number; the count goes on from I
    assert _restored(["1", "2", "3", None, "5", "6"], "IIIJJJ") == [None, None, None, "4", None, None]


def test_the_last_row_of_a_section_the_next_section_shows() -> None:
    # I: 1 2 3 | II: 4 5 — going on; and I: 1 2 3 | II: 1 2 — starting again (one row only)
    assert _restored(["1", "2", None, "4", "5"], "IIIJJ") == [None, None, "3", None, None]
    assert _restored(["1", "2", None, "1", "2"], "IIIJJ") == [None, None, "3", None, None]
    # two rows at a section's end with the count starting again below: how many rows it held is not shown
    assert _restored(["1", "2", None, None, "1", "2", "3"], "IIIIJJJ") == [None] * 7


def test_the_tables_last_row() -> None:
    assert _restored(["1", "2", "3", None], "IIII") == [None, None, None, "4"]
    assert _restored(["1", "2", "3", None, None], "IIIII") == [None] * 5


def test_specks_beside_a_number_go_where_the_plan_prints_bare_numbers() -> None:
    assert _restored(["1", "2.", "3", "4 :", "5"], "IIIII") == [None, "2", None, "4", None]
    # a plan that prints `1.`, `2.`: that is how it numbers, not a speck
    assert _restored(["1.", "2.", "3.", "4.", "5"], "IIIII") == [None] * 5


def test_marks_on_half_the_numbers_are_specks() -> None:
    # `2.`, `5.`, `6.` among bare numbers: a plan prints one style, so the dots are OCR's
    read = ["1", "2.", "3", "4", "5.", "6.", "7"]
    assert _restored(read, "IIIIIII") == [None, "2", None, None, "5", "6", None]


def test_a_row_split_in_two_does_not_stop_the_count_elsewhere() -> None:
    # printed 1..8; OCR split row 5 in two (a record with no number of its own) and lost 2:
    # the count around 2 still fits; around the split it does not, so both halves stay unnumbered
    read = ["1", None, "3", "4", "5", None, "6", "7", "8"]
    assert _restored(read, "IIIIIIIII") == [None, "2", None, None, None, None, None, None, None]


def test_a_number_read_against_the_count_is_kept() -> None:
    # 1 2 7 4 5: a misread 3, or the plan's own slip; the text does not say which
    assert _restored(["1", "2", "7", "4", "5"], "IIIII") == [None] * 5


def test_too_few_numbers_read_restore_nothing() -> None:
    assert _restored(["1", None, None, None, "5"], "IIIII") == [None] * 5
    assert _restored(["1", None], "II") == [None, None]


# --- in a parsed document ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("2 Tổng hợp", "Tổng hợp"),  # the number lost
        ("2 Tổng hợp", "° Tổng hợp"),  # read as a speck
        ("2 Tổng hợp", "¿_ Tổng hợp"),
    ],
)
def test_a_lost_stt_is_counted_and_says_so(tmp_path: Path, printed: str, read: str) -> None:
    body = [ln.replace(printed, read) for ln in BODY]
    plan = _records([*PREAMBLE, *HEADER, *body, *SIGNATURE], tmp_path)
    assert [r.stt for r in plan.records] == ["1", "2", "3", "4", "5"]
    second = plan.records[1]
    # the count gave it, not OCR: a repair from what the cell held, and a confidence below a read's
    assert [(x.field, x.after, x.method) for x in second.repairs if x.field == "stt"] == [("stt", "2", "ocr")]
    assert second.provenance.field_confidence["stt"] == COUNTED_CONFIDENCE
    assert all("stt" not in r.provenance.field_confidence for r in plan.records if r is not second)


def test_a_speck_beside_an_stt_is_an_ocr_repair(tmp_path: Path) -> None:
    body = [ln.replace("2 Tổng hợp", "2: Tổng hợp") for ln in BODY]
    plan = _records([*PREAMBLE, *HEADER, *body, *SIGNATURE], tmp_path)
    second = plan.records[1]
    assert second.stt == "2"
    assert [(x.field, x.before, x.after) for x in second.repairs if x.field == "stt"] == [("stt", "2:", "2")]
    assert "stt" not in second.provenance.field_confidence  # the number was read


def test_a_digital_table_keeps_its_stt_as_printed(tmp_path: Path) -> None:
    """A DOCX or text-layer table is no OCR read: an empty STT cell is the plan's own."""
    rows = [
        ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian hoàn thành"),
        ("I", "CẢI CÁCH THỂ CHẾ", "", ""),
        ("1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do tỉnh ban hành", "Sở Tư pháp", "Quý II/2026"),
        (
            "",
            "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của tỉnh",
            "Văn phòng UBND tỉnh",
            "Quý III/2026",
        ),
        ("3", "Bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức, viên chức", "Sở Nội vụ", "Quý IV/2026"),
        ("4", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Văn phòng UBND tỉnh", "Năm 2026"),
    ]
    plan = parse_docx_table(tmp_path, rows)
    assert [r.stt for r in plan.records] == ["1", None, "3", "4"]
