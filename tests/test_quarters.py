"""Unit: quarter numerals of OCR'd deadline cells written back in Roman where the reading is sure."""

from __future__ import annotations

import pytest

from kehoach_parse.plan.quarters import document_writes_roman, fix_quarters


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("Quý 11/2025", "Quý II/2025"),  # no quarter 11: the I's were read as ones
        ("QUÝ 111/2025", "QUÝ III/2025"),  # case kept
        ("Quý 1v năm 2025", "Quý IV năm 2025"),
        ("Quý l/2024", "Quý I/2024"),  # a lower-case L
        ("Quỹ IV/2025", "Quý IV/2025"),  # `Quỹ` (fund) before a quarter numeral is the quarter word
        ("Quý I⁄2024", "Quý I/2024"),  # tesseract's fraction slash
        ("Quý I - Quý 11/2025", "Quý I - Quý II/2025"),
        ("Quý 11 - Quý 1V/2025", "Quý II - Quý IV/2025"),
        ("Quý l năm 2024", "Quý I năm 2024"),
        ("Quý HI/2024", "Quý III/2024"),  # `H` for `II`
        ("Quý H năm 2024", "Quý II năm 2024"),
        ("Quy! nam 2025", "Quý I nam 2025"),  # `!` for `I`, glued to its word: the space put back
        ("QuýIV/2025", "Quý IV/2025"),
    ],
)
def test_look_alikes_no_digit_reading_explains_are_roman_everywhere(cell: str, want: str) -> None:
    assert fix_quarters(cell, roman=False) == want == fix_quarters(cell, roman=True)


@pytest.mark.parametrize(("cell", "roman", "want"), [
    ("Quý 1/2025", True, "Quý I/2025"),
    ("Quý 1/2025", False, "Quý 1/2025"),  # a document writing `Quý 2`, `Quý 3`: its `1` is a one
    ("Quỹ 1 năm 2025", True, "Quý I năm 2025"),
])  # fmt: skip
def test_a_lone_one_follows_the_documents_style(cell: str, roman: bool, want: str) -> None:
    assert fix_quarters(cell, roman) == want


@pytest.mark.parametrize(
    "cell", ["Quý 2/2025", "Quỹ đầu tư", "Quỹ 2024", "Tháng 11/2025", "Quý | 2025", "Quy ieoze", "Quỹ Hưng"]
)
def test_anything_else_is_left_as_read(cell: str) -> None:
    assert fix_quarters(cell, roman=True) == cell


def test_style_vote() -> None:
    assert document_writes_roman(["Quý II/2025", "Quý 1/2025"])
    assert document_writes_roman(["Quý 11/2025"])  # a look-alike is Roman evidence
    assert not document_writes_roman(["Quý 2/2025", "Quý 3/2025", "Quý IV/2025"])
    assert document_writes_roman(["Quý 1/2025", "Năm 2025"])  # no evidence: Roman, as the corpus writes


def test_ocr_read_cells_are_fixed_with_the_read_kept_and_typed_cells_are_not() -> None:
    from kehoach_parse.plan.columns import map_header
    from kehoach_parse.plan.records import TableState, build_records
    from kehoach_parse.source import Cell, Row, Table

    def records(confidence: float | None):
        header = ["STT", "Hoạt động", "Thời gian hoàn thành"]
        rows = [Row(cells=[Cell(t, c) for c, t in enumerate(header)])]
        texts = ["1", "Rà soát thủ tục", "Quý 11/2025"]
        rows.append(Row(cells=[Cell(t, c, confidence=confidence) for c, t in enumerate(texts)]))
        table = Table(rows=rows, n_cols=3, confidence=0.9)  # a grid not printed as such (OCR, body lists)
        cmap = map_header(table)
        assert cmap is not None
        return build_records(table, cmap, (2025, 2025), state=TableState())

    (ocr,) = records(0.9)
    assert ocr.deadline is not None and (ocr.deadline.text, ocr.deadline.kind) == ("Quý II/2025", "quarter")
    assert [(r.field, r.before, r.after) for r in ocr.repairs] == [("deadline.text", "Quý 11/2025", "Quý II/2025")]
    (digital,) = records(None)  # typed text (no OCR confidence): `11` is what the author wrote
    assert digital.deadline is not None and digital.deadline.text == "Quý 11/2025" and not digital.repairs
