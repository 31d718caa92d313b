"""OCR'd plain text (issue 12): where the table starts, and what grain and babble are not.

Every text here is composed for the test in the shape tesseract writes (a wrapped line of every
cell side by side, `|` rule remnants, words without their marks, grain read as short letter
runs such as `ee`, `ae`), never copied from a sample's OCR.
"""

from __future__ import annotations

from pathlib import Path

from conftest import parse_text
from kehoach_parse.loaders import ocr_text
from kehoach_parse.loaders.text_columns import header_orders
from kehoach_parse.vietnamese.orthography import is_skeleton

_OPENING = """UY BAN NHAN DAN TINH AN GIANG
So: 12/KH-UBND An Giang, ngay 5 thang 1 nam 2027
KE HOACH
Cai cach hanh chinh nam 2027

I. NHIEM VU TRONG TAM

Cac nhiem vu cu the, ket qua dau ra, co quan chu tri, co quan phoi hop va thoi gian

thuc hien duoc neu tai Phu luc kem theo Ke hoach nay.
III. TO CHUC THUC HIEN

Thu truong cac so, ban, nganh, Chu tich UBND cac huyen chiu
trach nhiem to chuc thuc hien Ke hoach nay; dinh ky bao cao ket qua ve So Noi vu
de tong hop, bao cao UBND tinh.
Noi nhan: TM. UY BAN NHAN DAN
- Nhu tren;
- Luu: VT.
PHU LUC
NHIEM VU CAI CACH HANH CHINH NAM 2027
"""

_ROWS_PAGE_1 = """I |CAI CACH THE CHE
1 |Ra soat van ban quy pham phap luat cua tinh So Tu phap Cac so, nganh Quy II/2027 Bao cao ra soat
2 |Theo doi thi hanh phap luat tai dia phuong So Tu phap UBND cap huyen Quy IV/2027 Bao cao theo doi
II |CAI CACH THU TUC HANH CHINH
3 |Cong bo danh muc thu tuc hanh chinh moi Van phong UBND tinh Cac so, nganh Thang 3/2027 Quyet dinh cong bo
4 |So hoa ho so ket qua giai quyet thu tuc So Noi vu UBND cap huyen Quy III/2027 Kho du lieu so
"""

_HEADER = """STT Nhiem vu Co quan chu tri Co quan phoi hop Thoi gian Hinh thuc san pham
hoan thanh
"""

_ROWS_PAGE_2 = """III |CAI CACH CHE DO CONG VU
5 |Xay dung vi tri viec lam cac co quan So Noi vu Cac so, nganh Quy I/2027 Danh muc vi tri viec lam
6 |Danh gia xep loai can bo cong chuc So Noi vu Cac co quan, don vi Thang 12/2027 Ket qua danh gia
"""

_WANT = [("I", "1"), ("I", "2"), ("II", "3"), ("II", "4"), ("III", "5"), ("III", "6")]


def _got(plan) -> list[tuple[str | None, str | None]]:
    return [(r.section.number if r.section else None, r.stt) for r in plan.records]


def test_a_one_line_body_sentence_naming_the_columns_heads_no_table(tmp_path: Path) -> None:
    """The sentence is one line of column words; the prose after it names an agency and a plan
    (`Ke hoach nay; dinh ky` … `So Noi vu`), which reads like a row's line. The appendix's header
    (two lines, STT among them) heads the table: its rows are all found."""
    plan = parse_text(tmp_path, _OPENING + _HEADER + _ROWS_PAGE_1 + _ROWS_PAGE_2)
    assert _got(plan) == _WANT
    assert plan.records[0].lead and plan.records[0].lead[0].text == "Sở Tư pháp"


def test_a_garbled_first_header_still_heads_its_page_when_rows_follow(tmp_path: Path) -> None:
    """OCR left the first page's header one line naming three columns, neither STT nor the content
    column (`ee ae Co quan chu tri … Thoi gian … Hinh thuc san`): rows follow it at once, so the
    table begins there, not at the header printed again on page 2."""
    garbled = "ee ae Co quan chu tri Me oe Thoi gian ee Hinh thuc san\n"
    text = _OPENING + garbled + _ROWS_PAGE_1 + "\n" + _HEADER + _ROWS_PAGE_2
    assert _got(parse_text(tmp_path, text)) == _WANT


def test_a_bold_heading_ocr_made_babble_of_is_a_section_row(tmp_path: Path) -> None:
    """`1 |ehicicn cud sOconeve Se`: the section row's numeral read as 1, its title as letters
    that are no syllable; right above a row numbered 1 it is the section, not a record (without
    it, the second `1` would open a lost section and shift every section after it)."""
    rows = """1 |ehicicn cud sOconeve Se
1 |Boi duong kien thuc cho can bo cong chuc So Noi vu Cac so, nganh Quy II/2027 Lop boi duong
2 |Kiem tra cong vu tai cac co quan So Noi vu Thanh tra tinh Quy III/2027 Thong bao ket qua
II |CAI CACH TAI CHINH CONG
1 |Giao quyen tu chu tai chinh cho don vi So Tai chinh Cac so, nganh Thang 8/2027 Quyet dinh giao
"""
    plan = parse_text(tmp_path, _OPENING + _HEADER + rows)
    assert _got(plan) == [("I", "1"), ("I", "2"), ("II", "1")]


def test_babble_right_under_a_section_row_is_neither_a_section_nor_a_row(tmp_path: Path) -> None:
    """`1 |ehicicn cud sOconeve` between a section row read whole and the section's row 1: the
    section is already there and a row of its own would be numbered 1 itself; it is grain."""
    rows = """I |CONG TAC CHI DAO, DIEU HANH
1 |ehicicn cud sOconeve Se
1 |To chuc kiem tra cong tac cai cach hanh chinh So Noi vu Cac so, nganh Quy II/2027 Bao cao ket qua
2 |Tong hop bao cao dinh ky ket qua So Noi vu Cac so, nganh Quy IV/2027 Bao cao nam
II |CAI CACH THE CHE
1 |Ra soat van ban quy pham phap luat cua tinh So Tu phap Cac so, nganh Quy II/2027 Bao cao ra soat
"""
    plan = parse_text(tmp_path, _OPENING + _HEADER + rows)
    assert _got(plan) == [("I", "1"), ("I", "2"), ("II", "1")]


def test_a_speck_numbering_a_rows_top_line_opens_no_row_and_no_section(tmp_path: Path) -> None:
    """`4 e < : uyet dinh cong bo` right under section II, above row `1`: counted per section the
    section's first row is 1, counted on the row below would be 5. The line is row 1's top line
    (its number printed lower, centred) with a speck read as `4`; it opens no row, and the `1` below
    it opens no lost section (section III stays III)."""
    rows = """I |CAI CACH THE CHE
1 |Ra soat van ban quy pham phap luat cua tinh So Tu phap Cac so, nganh Quy II/2027 Bao cao ra soat
2 |Theo doi thi hanh phap luat tai dia phuong So Tu phap UBND cap huyen Quy IV/2027 Bao cao theo doi
II |CAI CACH THU TUC HANH CHINH
4 e < : Quyet dinh cong bo
1 |Cong bo danh muc thu tuc hanh chinh moi Van phong UBND tinh Cac so, nganh Thang 3/2027
2 |So hoa ho so ket qua giai quyet thu tuc So Noi vu UBND cap huyen Quy III/2027 Kho du lieu so
III |CAI CACH CHE DO CONG VU
1 |Xay dung vi tri viec lam cac co quan So Noi vu Cac so, nganh Quy I/2027 Danh muc vi tri viec lam
"""
    plan = parse_text(tmp_path, _OPENING + _HEADER + rows)
    assert _got(plan) == [("I", "1"), ("I", "2"), ("II", "1"), ("II", "2"), ("III", "1")]


def test_grain_and_words_with_slips() -> None:
    # a row opening without a number needs two words that read as syllables; grain has none
    assert ocr_text._too_few_words("Pa ee eee")
    assert not ocr_text._too_few_words("Thyc hien phan cap, uy quyen")  # `Thyc`: Thực, a marked vowel slipped
    # a numbered line keeps the lenient test: OCR cuts a centred row's words short (`Tu ph`)
    assert not ocr_text._too_few_words("2 e 1/2 Tu ph")
    # content that opens in words, however slipped, opens a row; grain beside a number does not
    assert ocr_text._worded("Thyc hién phan cap, uy quyén")
    assert not ocr_text._worded("Ss E a8 ed oe 5")
    assert ocr_text._babble("ehicicn cud sOconeve Se")
    assert not ocr_text._babble("Boi duong kien thuc cho can bo")


def test_skeletons_are_the_letters_of_syllables() -> None:
    for word in ("duong", "đường", "CHINH", "nghiep", "Kiém"):
        assert is_skeleton(word), word
    for word in ("ee", "sOconeve", "ehicicn", "hs"):
        assert not is_skeleton(word), word


def test_a_titles_second_word_under_its_first_orders_its_column() -> None:
    """`Thoi han hoan` above; below, `thanh` (that title's end) stands before `Co quan chu tri`:
    the deadline column comes before the lead (the usual order puts it after the partners), though
    no line shows both titles' first words."""
    lines = ["Hinh thuc san | Thoi han hoan", "STT Nhiem vu pham | thanh | Co quan chu tri | Co quan phoi hop"]
    order = header_orders(lines, limit=1)[0]
    assert order.index("outputs") < order.index("deadline") < order.index("lead") < order.index("partners")


def test_a_section_row_read_as_babble_with_its_area_keyword_legible(tmp_path: Path) -> None:
    """`1 [ee nach THU TUC HANH CHINH [2 oe a`: the bold row's numeral read as `1`, most of its title
    as babble, but `THỦ TỤC HÀNH CHÍNH` legible in capitals. It is section I, not a row 1 above the
    section's row 1 (which opened a lost section and shifted every section after it)."""
    rows = """1 [ee nach THU TUC HANH CHINH [2 oe a
1 |Cong bo danh muc thu tuc hanh chinh moi Van phong UBND tinh Cac so, nganh Thang 3/2027 Quyet dinh cong bo
2 |So hoa ho so ket qua giai quyet thu tuc So Noi vu UBND cap huyen Quy III/2027 Kho du lieu so
II |CAI CACH CHE DO CONG VU
1 |Xay dung vi tri viec lam cac co quan So Noi vu Cac so, nganh Quy I/2027 Danh muc vi tri viec lam
"""
    plan = parse_text(tmp_path, _OPENING + _HEADER + rows)
    assert _got(plan) == [("I", "1"), ("I", "2"), ("II", "1")]


def test_capitals_in_a_rows_sentence_are_no_section() -> None:
    assert ocr_text._keyword_in_babble(["1", "[ee", "nach", "THU", "TUC", "HANH", "CHINH", "[2", "oe", "a"]) == (
        "I",
        "THU TUC HANH CHINH",
    )
    # a row's words around the capitals: not babble
    assert ocr_text._keyword_in_babble(["1", "Ra", "soat", "van", "ban", "THE", "CHE", "cua", "tinh"]) is None
    # capitals naming no area, or a number no numeral looks like
    assert ocr_text._keyword_in_babble(["2", "ee", "UBND", "TINH", "oe"]) is None
    assert ocr_text._keyword_in_babble(["3", "ae", "THU", "TUC", "HANH", "CHINH", "ee"]) is None
