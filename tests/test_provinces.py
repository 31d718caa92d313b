"""Province names and the 1 July 2025 merger (Nghị quyết 202/2025/QH15)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kehoach_parse.plan.provinces import find_province, province_current, provinces

UNCHANGED = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
]

MERGED = {
    "Tuyên Quang": ["Hà Giang", "Tuyên Quang"],
    "Lào Cai": ["Yên Bái", "Lào Cai"],
    "Thái Nguyên": ["Bắc Kạn", "Thái Nguyên"],
    "Phú Thọ": ["Vĩnh Phúc", "Hòa Bình", "Phú Thọ"],
    "Bắc Ninh": ["Bắc Giang", "Bắc Ninh"],
    "Hưng Yên": ["Thái Bình", "Hưng Yên"],
    "Hải Phòng": ["Hải Dương", "Hải Phòng"],
    "Ninh Bình": ["Hà Nam", "Nam Định", "Ninh Bình"],
    "Quảng Trị": ["Quảng Bình", "Quảng Trị"],
    "Đà Nẵng": ["Quảng Nam", "Đà Nẵng"],
    "Quảng Ngãi": ["Kon Tum", "Quảng Ngãi"],
    "Gia Lai": ["Bình Định", "Gia Lai"],
    "Khánh Hòa": ["Ninh Thuận", "Khánh Hòa"],
    "Lâm Đồng": ["Đắk Nông", "Bình Thuận", "Lâm Đồng"],
    "Đắk Lắk": ["Phú Yên", "Đắk Lắk"],
    "Hồ Chí Minh": ["Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh"],
    "Đồng Nai": ["Bình Phước", "Đồng Nai"],
    "Tây Ninh": ["Long An", "Tây Ninh"],
    "Cần Thơ": ["Sóc Trăng", "Hậu Giang", "Cần Thơ"],
    "Vĩnh Long": ["Bến Tre", "Trà Vinh", "Vĩnh Long"],
    "Đồng Tháp": ["Tiền Giang", "Đồng Tháp"],
    "Cà Mau": ["Bạc Liêu", "Cà Mau"],
    "An Giang": ["Kiên Giang", "An Giang"],
}


def test_table_has_63_old_and_34_new_units() -> None:
    old = [p.name for p in provinces() if p.name != "Huế"]  # Huế is listed as the 2025 name of Thừa Thiên Huế
    assert len(old) == 63 == len(set(old))
    assert len({p.current for p in provinces()}) == 34
    raw = json.loads(resources.files("kehoach_parse.data").joinpath("provinces.json").read_text("utf-8"))
    assert sorted(raw["current_units"]) == sorted({p.current for p in provinces()})
    assert len(UNCHANGED) + len(MERGED) == 34
    assert sum(len(v) for v in MERGED.values()) + len(UNCHANGED) == 63  # Huế stands for Thừa Thiên Huế


@pytest.mark.parametrize("name", UNCHANGED)
def test_unchanged_units_map_to_themselves(name: str) -> None:
    assert province_current(name) == name


@pytest.mark.parametrize(("old", "new"), [(o, n) for n, olds in MERGED.items() for o in olds])
def test_merged_units(old: str, new: str) -> None:
    assert province_current(old) == new


@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("Bắc Giang", "Bắc Ninh"),
        ("Hải Dương", "Hải Phòng"),
        ("Gia Lai", "Gia Lai"),
        ("Thừa Thiên Huế", "Huế"),
        ("bac giang", "Bắc Ninh"),
        ("HẢI DƯƠNG", "Hải Phòng"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("tỉnh Bắc Giang", "Bắc Ninh"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_province_current(name: str, current: str | None) -> None:
    assert province_current(name) == current


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("UBND tỉnh Bắc Giang", "Bắc Giang"),
        ("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "Bắc Giang"),
        ("TỈNH HẢI DƯƠNG", "Hải Dương"),
        ("tinh Bac Giang", "Bắc Giang"),
        ("KE HOACH CAI CACH HANH CHINH NHA NUGC TINH BAC GIANG NAM 2025", "Bắc Giang"),
        ("Cii cach hanh chinh nha nuéc tinh Bic Giang nim 2025", "Bắc Giang"),
        ("KHUNG KẾ HOẠCH THỰC HIỆN CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC TỈNH HẢI DƯƠNG NĂM 2023", "Hải Dương"),
        ("Gia Lai, ngày tháng 12 năm 2021", "Gia Lai"),
        ("của Ủy ban nhân dân tỉnh Gia Lai về ban hành", "Gia Lai"),
        ("Ủy ban nhân dân tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("tỉnh Đắk Lắk", "Đắk Lắk"),
        ("tỉnh Hoà Bình", "Hòa Bình"),
        ("Báo Hải Dương", "Hải Dương"),
        ("hai phòng chuyên môn", None),
        ("vì hòa bình", None),
        ("tình hình thực tế", None),
        ("", None),
    ],
)
def test_find_province(text: str, province: str | None) -> None:
    assert find_province(text) == province
