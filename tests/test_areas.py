"""Section titles of the seeds (plain, upper case, numbered, OCR'd) -> CCHC area."""

from __future__ import annotations

import pytest

from kehoach_parse.plan.areas import classify_area

CASES = [
    # seed 000
    ("Cải cách thể chế", "the_che"),
    ("Cải cách TTHC", "thu_tuc_hanh_chinh"),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", "to_chuc_bo_may"),
    ("Cải cách chế độ công vụ", "cong_vu"),
    ("Cải cách tài chính công", "tai_chinh_cong"),
    ("Xây dựng và phát triển chính quyền điện tử, chính quyền số", "chinh_quyen_so"),
    ("Công tác chỉ đạo, điều hành", "chi_dao_dieu_hanh"),
    # seed 003 (appendix and body headings)
    ("Cải cách thủ tục hành chính", "thu_tuc_hanh_chinh"),
    ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "chinh_quyen_so"),
    ("Công tác chỉ đạo điều hành", "chi_dao_dieu_hanh"),
    ("3. Cải cách tổ chức bộ máy", "to_chuc_bo_may"),
    ("4. Cải cách công vụ", "cong_vu"),
    ("6. Xây dựng và phát triển Chính phủ điện tử", "chinh_quyen_so"),
    ("7. Công tác chỉ đạo, điều hành, thông tin, tuyên truyền về cải cách hành chính", "chi_dao_dieu_hanh"),
    # seed 004 (upper case, markup, number inside the cell)
    ("<b>CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH</b>", "chi_dao_dieu_hanh"),
    ("CẢI CÁCH THỂ CHẾ", "the_che"),
    ("<b>CẢI CÁCH THỦ TỤC HÀNH CHÍNH</b>", "thu_tuc_hanh_chinh"),
    ("<b>CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC</b>", "to_chuc_bo_may"),
    ("<b>CẢI CÁCH CHẾ ĐỘ CÔNG VỤ</b>", "cong_vu"),
    ("<b>CẢI CÁCH TÀI CHÍNH CÔNG</b>", "tai_chinh_cong"),
    ("<b>VII XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ</b>", "chinh_quyen_so"),
    # seed 002 (OCR, accents lost or wrong)
    ("[CAI CACH THE CHE", "the_che"),
    ("CAI CACH THE CHE", "the_che"),
    ("CAI CACH THU TUC HANH CHINH", "thu_tuc_hanh_chinh"),
    ("CAI CACH TO CHUC BQ MAY HANH CHINH NHA NUOC", "to_chuc_bo_may"),
    ("CAI CACH CHE PQ CONG VU", "cong_vu"),
    ("CAI CACH TAI CHINH CONG", "tai_chinh_cong"),
    ("XAY DUNG VA PHAT TRIEN CHINH QUYEN PIEN TU, CHINH QUYEN SO", "chinh_quyen_so"),
    ("[CONG TAC CHI PAO, PIEU HANH", "chi_dao_dieu_hanh"),
    ("Cai cach thé ché", "the_che"),
    ("Cong tac chi dao, di¢u hanh", "chi_dao_dieu_hanh"),
    # other spellings
    ("Hiện đại hóa hành chính", "chinh_quyen_so"),
    ("Xây dựng Chính phủ điện tử", "chinh_quyen_so"),
    ("II. CẢI CÁCH THỂ CHẾ", "the_che"),
    ("Cải cách hành chính", "other"),
    ("Kinh phí thực hiện", "other"),
    ("", "other"),
]


@pytest.mark.parametrize(("title", "area"), CASES)
def test_classify_area(title: str, area: str) -> None:
    assert classify_area(title) == area


# OCR'd titles garbled past the usual likeness (composed as tesseract misreads bold capitals): the
# area whose title they are clearly nearest; typed, the same words name no area (a section of its own)
GARBLED = [
    ("CONG TRC CHRO, DIRT TANT COU", "chi_dao_dieu_hanh"),  # CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
    ("CATCKCH TAT CHINA CONG", "tai_chinh_cong"),  # CẢI CÁCH TÀI CHÍNH CÔNG
    ("XAY DUNG CHINH QUYEN", "chinh_quyen_so"),  # the title's second line lost
]


@pytest.mark.parametrize(("title", "area"), GARBLED)
def test_an_ocr_title_garbled_takes_the_area_it_is_clearly_nearest(title: str, area: str) -> None:
    assert classify_area(title, ocr=True) == area
    assert classify_area(title) == "other"


@pytest.mark.parametrize("title", ["Cải cách hành chính", "Kinh phí thực hiện", "NHIỆM VỤ KHÁC", ""])
def test_an_ocr_title_near_no_area_is_other(title: str) -> None:
    # `Cải cách hành chính` is as near the titles of four areas (all `Cải cách …`): no margin
    assert classify_area(title, ocr=True) == "other"
