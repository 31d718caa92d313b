"""The repair stage API: restore, changes, pass-through tokens, clean text untouched."""

import unicodedata

import pytest

from kehoach_parse.vietnamese.restore import Change, brokenness, restore, restore_stream, restore_with_changes

TITLE = "Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025"


def test_title_from_seed_002_style_ocr():
    assert restore("Cii cach hanh chinh nha nuéc tinh Bic Giang nim 2025") == TITLE


def test_stripped_sentence():
    src = "Thuc hien Nghi quyet so 76/NQ-CP ngay 15/7/2021 cua Chinh phu ban hanh Chuong trinh tong the"
    assert restore(src) == (
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể"
    )


def test_clean_text_unchanged():
    clean = (
        "Cải cách hành chính phải xuất phát từ lợi ích của người dân, doanh nghiệp; "
        "lấy sự hài lòng của người dân là thước đo đánh giá chất lượng phục vụ. Hoà bình, thuỷ lợi."
    )
    out, changes = restore_with_changes(clean)
    assert out == clean  # also the old-style tone placement is left alone
    assert changes == []


@pytest.mark.parametrize(
    "token",
    ["201/KH-UBND", "76/NQ-CP", "CCHC", "TTHC", "UBND", "CB,CC,VC", "QPPL", "2021-2030", "15/7/2021", "100%"],
)
def test_pass_through_tokens(token):
    text = f"Thuc hien ke hoach {token} cua tinh"
    out = restore(text)
    assert token in out
    assert out.startswith("Thực hiện kế hoạch")


def test_case_preserved():
    assert restore("KE HOACH CAI CACH HANH CHINH") == "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"
    assert restore("Uy ban nhan dan tinh Bac Giang") == "Ủy ban nhân dân tỉnh Bắc Giang"


def test_changes_have_original_offsets():
    text = "Cai cach hanh chinh nha nuéc"
    out, changes = restore_with_changes(text)
    assert out == "Cải cách hành chính nhà nước"
    assert all(isinstance(c, Change) for c in changes)
    for c in changes:
        assert text[c.start : c.end] == c.before
    assert (changes[0].before, changes[0].after, changes[0].method) == ("Cai", "Cải", "diacritics")
    assert (changes[-1].before, changes[-1].after, changes[-1].method) == ("nuéc", "nước", "ocr")


def test_nfd_input():
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính nhà nước")
    assert restore(nfd) == "Cải cách hành chính nhà nước"


def test_brokenness():
    assert brokenness("Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025") < 0.1
    assert brokenness("Cai cach hanh chinh nha nuoc tinh Bac Giang nam 2025") > 0.8
    assert brokenness("") == 0.0


def test_stream_keeps_line_endings():
    lines = ["Cai cach hanh chinh\n", "\n", "nha nuoc tinh Bac Giang\n"]
    out = list(restore_stream(lines))
    assert out == ["Cải cách hành chính\n", "\n", "nhà nước tỉnh Bắc Giang\n"]


def test_apostrophes():
    # OCR writes a horn as an apostrophe inside a word; single-letter prefixes are names
    assert restore("chi nhanh nu’dc ngoai tai Viét Nam") == "chi nhánh nước ngoài tại Việt Nam"
    assert restore("nguoi H'mong song o vung nui") == "người H'mông sống ở vùng núi"


def test_codes_with_digits_untouched():
    out = restore("Luat so 29/2018/QH14 cua Quoc hoi")
    assert out == "Luật số 29/2018/QH14 của Quốc hội"


# Text OCR'd with Vietnamese marks (`tesseract -l vie`): the marks are OCR's reading, and it
# misreads some (`quần` for `quản`). `slips=True` (the repair stage sets it for scanned and
# OCR'd sources) lets the language model replace a mark the context makes far likelier.
@pytest.mark.parametrize(
    ("ocr", "right"),
    [
        ("Tăng cường quần lý nhà nước về công tác hướng dân", "Tăng cường quản lý nhà nước về công tác hướng dẫn"),
        ("Rà soát, đánh giá thú tục hành chính", "Rà soát, đánh giá thủ tục hành chính"),
        ("Kiểm tra việc thi hành pháp luật về xứ lý vi phạm", "Kiểm tra việc thi hành pháp luật về xử lý vi phạm"),
        ("Tố chức kiểm tra công tác cải cách hành chính", "Tổ chức kiểm tra công tác cải cách hành chính"),
    ],
)
def test_ocr_mark_slips_are_repaired_in_ocrd_text(ocr, right):
    assert next(restore_stream([ocr], slips=True)) == right
    assert next(restore_stream([ocr])) == ocr  # typed text: its marks are the writer's, kept


@pytest.mark.parametrize(
    "line",
    [
        "Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan",
        "Cải cách hành chính phải xuất phát từ lợi ích của người dân, doanh nghiệp",
        "Xây dựng, cập nhật vị trí việc làm trong các cơ quan, tổ chức hành chính",
        "Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính năm 2025",
    ],
)
def test_ocrd_text_read_right_is_left_alone(line):
    assert next(restore_stream([line], slips=True)) == line
