"""The issuer from the letterhead (plan/letterhead.py), on letterheads composed for this test.

None of these comes from a sample: they follow the shapes Nghị định 30/2020/NĐ-CP prescribes
(governing body over issuing body, names in capitals, a name wrapped over two lines) and the
ways loaders deliver them (one line per paragraph; OCR putting the motto on the same line).
"""

from __future__ import annotations

import pytest

from kehoach_parse.plan.letterhead import case_agency_name, read_letterhead
from kehoach_parse.plan.metadata import extract_metadata
from kehoach_parse.source import Paragraph

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


@pytest.mark.parametrize(
    ("block", "issuer", "province", "central"),
    [
        # one name wrapped over two lines: the UBND's short form, as SPEC §2 writes it
        (["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], "UBND tỉnh Lạng Sơn", "Lạng Sơn", False),
        # a centrally-run city keeps "thành phố"
        (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"], "UBND thành phố Cần Thơ", "Cần Thơ", False),
        # a district-level town: its own unit and place; the province is not in the letterhead
        (["ỦY BAN NHÂN DÂN", "THỊ XÃ BA ĐỒN"], "UBND thị xã Ba Đồn", None, False),
        # a provincial city under its province: the lower name issues, the upper gives the province
        (["UBND TỈNH THÁI BÌNH", "UBND THÀNH PHỐ THÁI BÌNH"], "UBND thành phố Thái Bình", "Thái Bình", False),
        # a department under the province: the department issues, named with the province as plans do
        (["UBND TỈNH SƠN LA", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"], "Sở Tài nguyên và Môi trường tỉnh Sơn La", "Sơn La",
         False),
        (["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ XÂY DỰNG"], "Sở Xây dựng thành phố Hải Phòng", "Hải Phòng", False),
        # a district office: the district's unit and place are appended; no province known
        (["UBND HUYỆN TAM ĐẢO", "PHÒNG TƯ PHÁP"], "Phòng Tư pháp huyện Tam Đảo", None, False),
        # a national body: ends in the country, so no province (its place of issue is Hà Nội, not its province)
        (["BẢO HIỂM XÃ HỘI VIỆT NAM"], "Bảo hiểm xã hội Việt Nam", None, True),
        # its provincial branch names the province itself ("XÃ HỘI" is no commune)
        (["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH KON TUM"], "Bảo hiểm xã hội tỉnh Kon Tum", "Kon Tum",
         False),
        # a ministry, and a body under a ministry: national
        (["BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"], "Bộ Văn hóa, Thể thao và Du lịch", None, True),
        (["BỘ TÀI CHÍNH", "KHO BẠC NHÀ NƯỚC"], "Kho bạc Nhà nước", None, True),
        (["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH CÀ MAU"], "Cục Thuế tỉnh Cà Mau", "Cà Mau", False),
        # the motto on the same line (OCR, PDF reading order), with two spaces or none between
        (["UBND HUYỆN MƯỜNG LA      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "UBND huyện Mường La", None, False),
        (["SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH BÌNH PHƯỚC Độc lập - Tự do - Hạnh phúc"],
         "Sở Y tế tỉnh Bình Phước", "Bình Phước", False),
    ],
)  # fmt: skip
def test_issuer_from_letterhead(block: list[str], issuer: str, province: str | None, central: bool) -> None:
    found = read_letterhead([*block, "Số: 15/KH-XX", *MOTTO, "KẾ HOẠCH"])
    assert found is not None
    assert (found.issuer, found.province, found.central) == (issuer, province, central)


def test_body_text_after_the_block_is_not_part_of_the_name() -> None:
    # a capitalised body line with a year is no letterhead line; the block ends before it
    found = read_letterhead(["SỞ NỘI VỤ", "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"])
    assert found is not None and found.names == ("SỞ NỘI VỤ",)


def test_no_letterhead() -> None:
    assert read_letterhead(["Số: 1/KH-UBND", "KẾ HOẠCH"]) is None  # an export that lost it


@pytest.mark.parametrize(
    ("upper", "cased"),
    [
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),  # the gazetteer's spelling
        ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),  # each field capitalised
        ("BAN QUẢN LÝ KHU KINH TẾ", "Ban Quản lý khu kinh tế"),  # 'QUẢN' is not the unit 'quận'
        ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "Ngân hàng Nhà nước Việt Nam"),  # a fixed name part, then the country
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH ĐẮK NÔNG", "Trung tâm Phục vụ hành chính công tỉnh Đắk Nông"),
    ],
)
def test_case_agency_name(upper: str, cased: str) -> None:
    assert case_agency_name(upper) == cased


def _meta(lines: list[str]):
    return extract_metadata([Paragraph(text=t) for t in lines])


def test_national_body_takes_no_province_from_its_place_and_signer_positions() -> None:
    meta = _meta(
        ["BẢO HIỂM XÃ HỘI VIỆT NAM", "Số: 310/KH-BHXH", *MOTTO, "Hà Nội, ngày 05 tháng 02 năm 2026", "KẾ HOẠCH",
         "Cải cách hành chính năm 2026", "I. MỤC ĐÍCH", "Nội dung.", "KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC",
         "Trần Thị Hoa"]
    )  # fmt: skip
    assert meta.issuer == "Bảo hiểm xã hội Việt Nam"
    assert meta.province is None  # Hà Nội is where it sits, not a province it governs
    assert meta.issued_place == "Hà Nội"
    assert meta.signer is not None
    assert (meta.signer.title, meta.signer.on_behalf_of, meta.signer.name) == (
        "PHÓ TỔNG GIÁM ĐỐC",
        "KT. TỔNG GIÁM ĐỐC",
        "Trần Thị Hoa",
    )


def test_district_plan_province_comes_from_the_body() -> None:
    meta = _meta(
        ["ỦY BAN NHÂN DÂN", "HUYỆN TAM ĐẢO", "Số: 9/KH-UBND", *MOTTO, "Tam Đảo, ngày 10 tháng 01 năm 2026",
         "KẾ HOẠCH", "Cải cách hành chính năm 2026",
         "Căn cứ Kế hoạch số 20/KH-UBND ngày 02/01/2026 của UBND tỉnh Vĩnh Phúc;"]
    )  # fmt: skip
    assert meta.issuer == "UBND huyện Tam Đảo"
    assert meta.province == "Vĩnh Phúc"  # the UBND tỉnh the plan implements
