"""Table of every deadline phrase of the seeds (and common variants) -> full Deadline."""

from __future__ import annotations

import pytest

from kehoach_parse.model import Deadline
from kehoach_parse.plan.deadlines import parse_deadline

P22 = (2022, 2022)  # seeds 000 and 003
P23 = (2023, 2023)  # seed 004
P25 = (2025, 2025)  # seed 002


def D(kind: str, start: str | None = None, end: str | None = None, rec: str | None = None, parts=(), text=None):
    """Expected Deadline; text defaults to the input with whitespace collapsed."""
    return {"kind": kind, "start": start, "end": end, "recurrence": rec, "parts": list(parts), "text": text}


def part(text: str, kind: str, start: str | None, end: str | None) -> Deadline:
    return Deadline(text=text, kind=kind, start=start, end=end)


def Y(y: int) -> dict:
    return D("year", f"{y}-01-01", f"{y}-12-31")


def Q(y: int, q: int) -> dict:
    ends = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
    return D("quarter", f"{y}-{3 * q - 2:02d}-01", f"{y}-{ends[q]}")


def M(y: int, m: int, last: int) -> dict:
    return D("month", f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last:02d}")


def R(rec: str, y0: int, y1: int | None = None) -> dict:
    return D("recurring", f"{y0}-01-01", f"{y1 or y0}-12-31", rec)


EVENT = D("event")

SEED_000 = [  # cell 8 of each row, plan period 2022
    ("Năm 2022", P22, Y(2022)),
    ("Quý III/ 2022", P22, Q(2022, 3)),
    ("Thường xuyên", P22, R("continuous", 2022)),
    ("Cả năm 2022", P22, Y(2022)),
    ("Thường xuyên hàng năm", P22, R("yearly", 2022)),
    ("Quý I/2022", P22, Q(2022, 1)),
    ("Khi có Thông tư mới", P22, EVENT),
    ("Quý II năm 2022", P22, Q(2022, 2)),
    ("Tháng 01/2022", P22, M(2022, 1, 31)),
    ("Tháng 11/2022", P22, M(2022, 11, 30)),
    ("Tháng 12/2022", P22, M(2022, 12, 31)),
    ("Quý III năm 2022", P22, Q(2022, 3)),
    ("Tháng 1/2022", P22, M(2022, 1, 31)),
    ("Tháng 02/2022\n(Gửi KH về Sở Nội vụ)", P22, M(2022, 2, 28)),
    ("Tháng 01/2022 (Gửi KH về Sở Nội vụ)", P22, M(2022, 1, 31)),
    ("Tháng 03/2022 (Gửi Đăng ký về Sở Nội vụ)", P22, M(2022, 3, 31)),
    ("Tháng 03/2022", P22, M(2022, 3, 31)),
    ("Tháng 03/2022 (Gửi KH về Sở Nội vụ)", P22, M(2022, 3, 31)),
    ("Quý II/2022 (Sau khi Ban CĐ CCHC của Chính phủ công bố kết quả)", P22, Q(2022, 2)),
    ("Tháng 10/2022", P22, M(2022, 10, 31)),
]

SEED_003 = [  # column "Thời gian thực hiện", cells split at page breaks joined; period 2022
    ("Sau khi có thông báo bằng văn bản của Bộ Tư pháp", P22, EVENT),
    (
        "Trước ngày 31/12/2021 Trong Quý IV năm 2022",
        P22,
        D(
            "multiple",
            "2021-12-31",
            "2022-12-31",
            parts=[
                part("Trước ngày 31/12/2021", "date", None, "2021-12-31"),
                part("Trong Quý IV năm 2022", "quarter", "2022-10-01", "2022-12-31"),
            ],
        ),
    ),
    ("Trước ngày 30/01/2022", P22, D("date", None, "2022-01-30")),
    ("Trong năm 2022", P22, Y(2022)),
    ("Trước ngày 31/12/2021", P22, D("date", None, "2021-12-31")),
    ("Theo Kế hoạch", P22, EVENT),
    ("Trước tháng 01/2022", P22, D("date", None, "2021-12-31")),
    ("Trước ngày 15/8/2022", P22, D("date", None, "2022-08-15")),
    ("Sau khi có thông tư, hướng dẫn của cơ quan chủ quản và cơ quan cấp trên", P22, EVENT),
    ("Sau khi có thông tư,", P22, EVENT),
    ("Thường xuyên trong năm", P22, R("continuous", 2022)),
    ("Trong Quý I năm 2022", P22, Q(2022, 1)),
    ("Trong Quý IV năm 2022", P22, Q(2022, 4)),
    ("Trong quý III năm 2022", P22, Q(2022, 3)),
    ("Trong quý III", P22, Q(2022, 3)),
    ("Trước 31/01/2022", P22, D("date", None, "2022-01-31")),
    ("Trước 30/6/2022", P22, D("date", None, "2022-06-30")),
    ("Trước ngày 28/02/2022", P22, D("date", None, "2022-02-28")),
    ("Năm 2022", P22, Y(2022)),
    ("Ban hành kế hoạch trước 31/12/2021", P22, D("date", None, "2021-12-31")),
    ("Lồng ghép trong báo cáo CCHC", P22, EVENT),
    ("Theo văn bản hướng dẫn của Sở Nội vụ", P22, EVENT),
    ("Theo văn bản hướng dẫn của", P22, EVENT),
    ("Theo thời gian quy định của Bộ Nội vụ", P22, EVENT),
    ("Trong Quý I/2022", P22, Q(2022, 1)),
    ("Trong Quý IV/2022", P22, Q(2022, 4)),
]

SEED_004 = [  # column "6. THỜI GIAN HOÀN THÀNH", period 2023
    ("Quý IV/ năm 2022", P23, Q(2022, 4)),
    ("Trước ngày 20 của tháng cuối quý năm 2023", P23, R("quarterly", 2023)),
    ("Quý I/2023", P23, Q(2023, 1)),
    ("Thường xuyên", P23, R("continuous", 2023)),
    ("Quý III/2023", P23, Q(2023, 3)),
    ("Quý IV/2023", P23, Q(2023, 4)),
    ("Quý IV/2023 - Quý I/2024", P23, D("range", "2023-10-01", "2024-03-31")),
    ("Quý IV/2023- Quý I/2024", P23, D("range", "2023-10-01", "2024-03-31")),
    ("Cả năm", P23, Y(2023)),
    ("<p>Cả năm</p>", P23, {**Y(2023), "text": "Cả năm"}),
    (
        "Quý I và Quý III/2023",
        P23,
        D(
            "multiple",
            "2023-01-01",
            "2023-09-30",
            parts=[
                part("Quý I", "quarter", "2023-01-01", "2023-03-31"),
                part("Quý III/2023", "quarter", "2023-07-01", "2023-09-30"),
            ],
        ),
    ),
    ("Tháng 12/ 2023", P23, M(2023, 12, 31)),
    ("Sau khi có chỉ đạo hoặc giao nhiệm vụ của cơ quan trung ương", P23, EVENT),
    ("Hàng tháng", P23, R("monthly", 2023)),
    ("Thường xuyên (khi có Thông tư hướng dẫn mới của Bộ, ngành)", P23, R("continuous", 2023)),
    ("Năm 2023 - 2025", P23, D("range", "2023-01-01", "2025-12-31")),
    ("Quý II-Quý III/ 2023", P23, D("range", "2023-04-01", "2023-09-30")),
    ("Năm 2023", P23, Y(2023)),
    ("Quý I - Quý II/2023", P23, D("range", "2023-01-01", "2023-06-30")),
    ("Năm 2022", P23, Y(2022)),
    ("Hàng năm", P23, R("yearly", 2023)),
    ("Thực hiện theo lộ trình", P23, EVENT),
    ("Thường xuyên theo chế độ báo cáo", P23, R("continuous", 2023)),
]

SEED_002 = [  # appendix of the OCR'd 2025 plan, accents lost; period 2025
    ("Nam 2025", P25, Y(2025)),
    ("Nim 2025", P25, Y(2025)),
    ("2025", P25, Y(2025)),
    ("Nam 2025", None, Y(2025)),
    ("Khi c6 phat sinh", P25, EVENT),
    ("Khi co phat sinh", P25, EVENT),
    ("Trudc 10/2/2025", P25, D("date", None, "2025-02-10")),
    ("Truoc 10/2/2025", P25, D("date", None, "2025-02-10")),
    ("Theo Ke hoach rieng", P25, EVENT),
    ("Theo Ké hoach riéng", P25, EVENT),
    ("Thuong xuyen", P25, R("continuous", 2025)),
    ("Thuong Xuyén", P25, R("continuous", 2025)),
    ("Quy I nam 2025", P25, Q(2025, 1)),
    ("Giai doan 2024-2025", P25, D("range", "2024-01-01", "2025-12-31")),
    (
        "Quy III, IV nam 2025",
        P25,
        D(
            "multiple",
            "2025-07-01",
            "2025-12-31",
            parts=[
                part("Quy III", "quarter", "2025-07-01", "2025-09-30"),
                part("IV nam 2025", "quarter", "2025-10-01", "2025-12-31"),
            ],
        ),
    ),
    (
        "Quy I, [IV nam 2025",
        P25,
        D(
            "multiple",
            "2025-01-01",
            "2025-12-31",
            parts=[
                part("Quy I", "quarter", "2025-01-01", "2025-03-31"),
                part("IV nam 2025", "quarter", "2025-10-01", "2025-12-31"),
            ],
        ),
    ),
    ("Thang 11 nam 2025", P25, M(2025, 11, 30)),
    ("Thang 10/2025", P25, M(2025, 10, 31)),
    ("Thuong xuyen hang nam", P25, R("yearly", 2025)),
    ("Thang 01/2025", P25, M(2025, 1, 31)),
    ("Thang 07/2025", P25, M(2025, 7, 31)),
    ("Thang 1/2025", P25, M(2025, 1, 31)),
    ("Thang 12/2025", P25, M(2025, 12, 31)),
    ("Théng 02/2025 (Gui KH ve So Noi vu)", P25, M(2025, 2, 28)),
    ("Thang 03/2025 (Gui Dang ky ve So Noi vu)", P25, M(2025, 3, 31)),
    ("Quy |1/2025", P25, {**Q(2025, 1), "text": "Quy |1/2025"}),
    ("Quy 11/2025 (Sau khi BCDH CCHC cua CP cong bo ket qua)", P25, Q(2025, 2)),
]

VARIANTS = [
    ("Quý III/2022", None, Q(2022, 3)),
    ("Quy III/2022", None, Q(2022, 3)),
    ("QUÝ III/2022", None, Q(2022, 3)),
    ("Quý 3/2022", None, Q(2022, 3)),
    ("Quý 3 năm 2022", None, Q(2022, 3)),
    ("Cuối quý III/2022", None, Q(2022, 3)),
    ("Tháng 12/2022", None, M(2022, 12, 31)),
    ("Cả năm 2022", None, Y(2022)),
    ("Nam 2025", None, Y(2025)),
    ("Thuong xuyen", P22, R("continuous", 2022)),
    ("Thường xuyên", None, D("recurring", rec="continuous")),
    ("Thường xuyên", (2021, 2025), R("continuous", 2021, 2025)),
    ("Hàng quý", P22, R("quarterly", 2022)),
    ("Hằng năm", P22, R("yearly", 2022)),
    ("Cả năm", None, D("year")),
    ("Quý I", None, D("quarter")),
    ("Quý I", (2021, 2030), Q(2021, 1)),
    ("6 tháng đầu năm", P22, D("half_year", "2022-01-01", "2022-06-30")),
    ("6 tháng cuối năm", P22, D("half_year", "2022-07-01", "2022-12-31")),
    ("6 tháng đầu năm 2023", None, D("half_year", "2023-01-01", "2023-06-30")),
    ("Trước quý III/2022", None, D("date", None, "2022-06-30")),
    ("Trước năm 2023", None, D("date", None, "2022-12-31")),
    ("15/8/2022", None, D("date", None, "2022-08-15")),
    ("28/02/2022", None, D("date", None, "2022-02-28")),
    ("ngày 15 tháng 8 năm 2022", None, D("date", None, "2022-08-15")),
    ("Trước 15/12", P22, D("date", None, "2022-12-15")),
    ("Từ tháng 3 đến tháng 6/2022", None, D("range", "2022-03-01", "2022-06-30")),
    ("Khi có phát sinh", None, EVENT),
    ("Theo KH số 324/KH-UBND ngày 13/7/2021", None, EVENT),
    ("Đang cập nhật", P22, D("unspecified")),
    ("31/02/2022", P22, D("unspecified")),
]


@pytest.mark.parametrize(("text", "period", "expected"), SEED_000 + SEED_003 + SEED_004 + SEED_002 + VARIANTS)
def test_parse_deadline(text: str, period: tuple[int, int] | None, expected: dict) -> None:
    want = Deadline(
        text=expected["text"] or " ".join(text.split()),
        kind=expected["kind"],
        start=expected["start"],
        end=expected["end"],
        recurrence=expected["recurrence"],
        parts=expected["parts"],
    )
    assert parse_deadline(text, period) == want


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_is_none(text: str) -> None:
    assert parse_deadline(text) is None


def test_parts_only_for_multiple() -> None:
    for text, period, _ in SEED_000 + SEED_003 + SEED_004 + SEED_002 + VARIANTS:
        d = parse_deadline(text, period)
        assert d is not None
        assert bool(d.parts) == (d.kind == "multiple"), text
        assert (d.recurrence is not None) == (d.kind == "recurring"), text


def test_decomposed_unicode_is_read_like_composed() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Trước ngày 31/12/2021 Trong Quý IV năm 2022")
    d = parse_deadline(text, P22)
    assert d is not None and d.kind == "multiple"
    assert [p.text for p in d.parts] == ["Trước ngày 31/12/2021", "Trong Quý IV năm 2022"]
