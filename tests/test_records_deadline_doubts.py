"""Nothing changes silently (issue 11): an OCR'd deadline that may say something else is flagged.

Every table here is composed for the test: the misreads are the kinds two agreeing OCR
reads let through (wrong accents, a lost word or numeral, Roman I read as 1, a far year).
"""

from __future__ import annotations

import pytest

from kehoach_parse.plan.columns import map_header
from kehoach_parse.plan.deadlines import parse_deadline
from kehoach_parse.plan.records import (
    DOUBT_CONFIDENCE,
    LOW_CONFIDENCE,
    TableState,
    build_records,
    deadline_doubts,
)
from kehoach_parse.source import Cell, Row, Table

PERIOD = (2024, 2025)


def _doubts(text: str, read_as: str | None = None) -> list[str]:
    return deadline_doubts(text, read_as if read_as is not None else text, parse_deadline(text, PERIOD), PERIOD)


@pytest.mark.parametrize(
    "text",
    [
        "Quý III/2025",
        "Quý IV năm 2024",
        "Quý II - Quý III/2025",
        "Quý III, IV năm 2025",
        "Quý 2/2025",
        "Tháng 07/2025",
        "Tháng 3, 6, 9",
        "Trước ngày 31/12/2025",
        "6 tháng đầu năm 2025",
        "Sáu tháng cuối năm 2024",
        "Cả năm 2025",
        "Năm 2024",
        "Thường xuyên",
        "Hàng quý",
        "Hằng quý, trước ngày 20 tháng cuối quý",
        "Hàng quý năm 2025",  # every quarter of that year: the year is not a stray number
        "Cuối quý III/2025",  # `cuối quý` + a numeral is one quarter's end
        "Khi có Thông tư mới",
        "Theo quy định",
        "Quý IV/2025 - Quý I/2026",
        "Quý I/2024 và Quý I/2025",
    ],
)
def test_deadlines_as_plans_print_them_raise_no_doubt(text: str) -> None:
    assert _doubts(text) == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Quý III nắm 2025", "accents:nắm"),  # `năm` with the wrong accents
        ("Cả nắm 2024", "accents:nắm"),
        ("Cá năm 2024", "accents:cá"),
        ("Thường", "no time read"),  # `xuyên` lost
        ("Trong Quý 2022", "quy without its number"),  # `I/` lost: it would read as the whole year
        ("Tháng /2025", "thang without its number"),
        ("Quý 1/2024", "quarter in ones"),  # Roman I read as a one: II and III are a stroke away
        ("Quý 11/2025", "quarter in ones"),
        ("Trước ngày 15/7/2029", "year outside the plan period:2029"),
        ("Quý II- Quý II/2024", "the same quarter twice"),  # a stroke lost from III
        ("Quy Ï năm 2025", "accents:quy"),
        ("Quy Ï năm 2025", "a letter Vietnamese does not use"),
        ("6 tháng đầu năm ị 2025", "a stray letter"),
        ("Tháng07/2025", "letters glued to digits"),
        ("Cảnăm 2025", "unknown word:cảnăm"),  # two words run together
        ("Hàng quý 3", "a recurrence followed by a number"),  # a stray figure: every quarter is not Q3
        ("Hằng tháng 5", "a recurrence followed by a number"),
        ("Mỗi quý II", "a recurrence followed by a number"),
    ],
)
def test_misreads_two_reads_can_agree_on_are_doubted(text: str, why: str) -> None:
    assert why in _doubts(text)


def test_digits_changed_by_the_repair_stage_are_doubted() -> None:
    assert _doubts("Quý II/2025", read_as="Quý II/2025") == []
    assert "numerals changed by repair" in _doubts("Quý III/2025", read_as="Quý IIl/2025")


def _table(deadlines: list[tuple[str, float | None]]) -> Table:
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    rows = [Row(cells=[Cell(t, c) for c, t in enumerate(header)], page=1)]
    for k, (text, conf) in enumerate(deadlines, 1):
        cells = [Cell(str(k), 0, confidence=conf), Cell(f"Nhiệm vụ số {k}", 1, confidence=conf)]
        cells += [Cell("Sở Nội vụ", 2, confidence=conf), Cell(text, 3, confidence=conf)]
        rows.append(Row(cells=cells, page=1))
    return Table(rows=rows, n_cols=4, confidence=0.9)


def test_a_doubted_ocr_deadline_gets_a_low_confidence_finding_however_sure_tesseract_was() -> None:
    table = _table([("Quý III nắm 2025", 0.95), ("Quý III năm 2025", 0.95), ("Thường", 0.97)])
    state = TableState()
    cmap = map_header(table)
    assert cmap is not None
    recs = build_records(table, cmap, PERIOD, state=state)
    assert [r.provenance.field_confidence["deadline"] for r in recs] == [DOUBT_CONFIDENCE, 0.95, DOUBT_CONFIDENCE]
    assert DOUBT_CONFIDENCE < LOW_CONFIDENCE
    assert [(f.code, f.record_id, f.field) for f in state.findings] == [
        ("W_LOW_CONFIDENCE_FIELD", "0.1", "deadline"),
        ("W_LOW_CONFIDENCE_FIELD", "0.3", "deadline"),
    ]
    assert recs[0].deadline is not None and recs[0].deadline.text == "Quý III nắm 2025"  # the text is kept


def test_digital_deadlines_are_not_second_guessed() -> None:
    table = _table([("Thường", None), ("Quý 1/2024", None)])
    state = TableState()
    cmap = map_header(table)
    assert cmap is not None
    recs = build_records(table, cmap, PERIOD, state=state)
    assert all(r.provenance.field_confidence == {} for r in recs) and state.findings == []
