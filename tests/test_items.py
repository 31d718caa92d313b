"""Unit tests: numbered hierarchy cells and budget amounts."""

from __future__ import annotations

import pytest

from kehoach_parse.model import Item
from kehoach_parse.plan.budget import parse_amount, parse_budget
from kehoach_parse.plan.items import parse_item


@pytest.mark.parametrize(
    ("cell", "number", "label", "text"),
    [
        ("2.3. Nhiệm vụ 3: Xây dựng Kế hoạch", "2.3", "Nhiệm vụ 3", "Xây dựng Kế hoạch"),
        ("1.1: Nhiệm vụ 1: Nâng cao chất lượng", "1.1", "Nhiệm vụ 1", "Nâng cao chất lượng"),
        ("1.1.Nhiệm vụ 1: Theo dõi kiểm soát", "1.1", "Nhiệm vụ 1", "Theo dõi kiểm soát"),
        ("2.1. Hoạt động 1 Tổng hợp kết quả", "2.1", "Hoạt động 1", "Tổng hợp kết quả"),
        ("3.4. hoạt động 4: \nXây dựng, ban hành", "3.4", "hoạt động 4", "Xây dựng, ban hành"),
        ("2.11. Nhiệm vụ  11: Tham mưu", "2.11", "Nhiệm vụ 11", "Tham mưu"),
        ("2.1. Nhiệm vụ1: Thực hiện chế độ", "2.1", "Nhiệm vụ1", "Thực hiện chế độ"),
        ("3.11. Hoạt động 10: Xây dựng kế hoạch", "3.11", "Hoạt động 10", "Xây dựng kế hoạch"),
        ("1.3. Phát triển hạ tầng CNTT", "1.3", None, "Phát triển hạ tầng CNTT"),
        ("Hoạt động 1: Chủ động tham mưu", None, "Hoạt động 1", "Chủ động tham mưu"),
        ("Nâng cao chất lượng công tác", None, None, "Nâng cao chất lượng công tác"),
        ("100% TTHC nội bộ", None, None, "100% TTHC nội bộ"),
        ("Năm 2022: hoàn thành", None, None, "Năm 2022: hoàn thành"),
    ],
)
def test_parse_item(cell: str, number: str | None, label: str | None, text: str) -> None:
    assert parse_item(cell) == Item(number=number, label=label, text=text)


def test_empty_item() -> None:
    assert parse_item("  \n ") is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [("250", 250.0), ("1.500", 1500.0), ("2,5", 2.5), ("1.234.567", 1234567.0), ("12 000", 12000.0),
     ("Theo dự toán được phê duyệt", None), ("Theo KH số 324/KH-UBND ngày 13/7/2021", None), ("", None)],
)  # fmt: skip
def test_parse_amount(text: str, amount: float | None) -> None:
    assert parse_amount(text) == amount


def test_parse_budget_keeps_text() -> None:
    assert parse_budget("Theo dự toán được phê duyệt").model_dump() == {
        "text": "Theo dự toán được phê duyệt",
        "amount_million_vnd": None,
    }
    assert parse_budget(" ") is None


@pytest.mark.parametrize(
    ("text", "number", "label", "body"),
    [
        ("2,1. Nhiệm vụ 1: Xây dựng Kế hoạch", "2.1", "Nhiệm vụ 1", "Xây dựng Kế hoạch"),  # OCR read the dot as a comma
        ("2,5 tỷ đồng cho dự án", None, None, "2,5 tỷ đồng cho dự án"),  # an amount: no label, no item
        ("2,1. Rà soát văn bản", None, None, "2,1. Rà soát văn bản"),  # a comma without a label stays text
    ],
)
def test_a_comma_in_an_item_number_counts_only_before_a_label(
    text: str, number: str | None, label: str | None, body: str
) -> None:
    assert parse_item(text) == Item(number=number, label=label, text=body)
