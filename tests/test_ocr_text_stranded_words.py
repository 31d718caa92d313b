"""OCR'd plain text (issue 12): a deadline's or a name's words the line split gave to the cell beside it.

A deadline cell wraps in a narrow column (`Trước` / `ngày` / `30/11/2027`), and so does an
agency name (`Văn phòng UBND` / `tỉnh`). Without the positions of its words, tesseract's text
gives a line's split nothing to tell `ngày` or `tỉnh` at the column's edge from the last word of
the cell beside it. Rows here are built from composed fragments (never copied from a sample's
OCR) and put through the loader's steps.
"""

from __future__ import annotations

from kehoach_parse.lexicon.deadlines import names_time, time_word, unglue_time
from kehoach_parse.loaders import ocr_text
from kehoach_parse.loaders.text_columns import Fragment, Model

ROLES = ["stt", "activity", "outputs", "deadline", "lead", "partners"]
ACT, OUT, DL, LEAD = 1, 2, 3, 4


def _row(lines: list[list[tuple[int, str]]]) -> ocr_text._RowBuild:
    rb = ocr_text._RowBuild(line=10)
    for i, frags in enumerate(lines):
        rb.add(10 + i, [Fragment(c, t, 0.9) for c, t in frags])
    return rb


def _deadline(rb: ocr_text._RowBuild) -> str:
    ocr_text._stranded_time_words(Model(ROLES, [3, 40, 20, 10, 15, 20]), [rb])
    return " ".join(f.text for f in rb.cols.get(DL, []))


def _lead(rb: ocr_text._RowBuild) -> str:
    ocr_text._stranded_name_words(Model(ROLES, [3, 40, 20, 10, 15, 20]), [rb])
    return " ".join(f.text for f in rb.cols.get(LEAD, []))


def test_a_names_end_closing_the_cell_beside_it_on_the_line_below_is_put_back() -> None:
    rb = _row(
        [
            [(ACT, "Cung cap dich vu cong truc tuyen"), (OUT, "Danh muc dich vu"), (LEAD, "Van phong UBND")],
            [(ACT, "tren Cong Dich vu cong"), (OUT, "truc tuyen tinh")],  # `tinh` ends the lead's name
        ]
    )
    assert _lead(rb) == "Van phong UBND tinh"
    assert [f.text for f in rb.cols[OUT]] == ["Danh muc dich vu", "truc tuyen"]
    # from the cell on the right: its first words
    rb = _row([[(ACT, "Bao dam an toan"), (LEAD, "So Khoa hoc va")], [(ACT, "thong tin"), (5, "Cong nghe UBND tinh")]])
    assert _lead(rb) == "So Khoa hoc va Cong nghe"


def test_words_that_make_no_longer_name_stay() -> None:
    rb = _row([[(ACT, "Kiem tra cong vu"), (LEAD, "So Noi vu")], [(ACT, "tai cac co quan"), (OUT, "thanh tra")]])
    assert _lead(rb) == "So Noi vu"
    # nothing is taken on a line where the cell has words of its own
    rb = _row([[(LEAD, "Van phong UBND")], [(OUT, "tinh"), (LEAD, "Cac so")]])
    assert _lead(rb) == "Van phong UBND Cac so"


def test_a_word_inside_the_deadline_cell_closing_the_activity_line_is_put_back() -> None:
    rb = _row(
        [
            [(0, "1"), (ACT, "Ra soat van ban quy"), (OUT, "Bao cao ket qua"), (DL, "Truoc"), (LEAD, "So Tu phap")],
            [(ACT, "pham phap luat ra soat g ngay")],  # `ngay` is the deadline's, beside the activity
            [(ACT, "cua tinh"), (DL, "30/11/2027")],
        ]
    )
    assert _deadline(rb) == "Truoc ngay 30/11/2027"
    # the activity keeps its words, the junk `g` included (only marks with no letter go)
    assert [f.text for f in rb.cols[ACT]] == ["Ra soat van ban quy", "pham phap luat ra soat g", "cua tinh"]


def test_a_word_opening_the_cell_on_the_right_is_put_back_too() -> None:
    rb = _row(
        [
            [(ACT, "Kiem tra cong vu"), (DL, "Quy IV")],
            [(ACT, "tai cac co quan"), (LEAD, "nam So Noi vu")],  # `nam` opens the lead's fragment
            [(DL, "2027")],
        ]
    )
    assert _deadline(rb) == "Quy IV nam 2027"
    assert [f.text for f in rb.cols[LEAD]] == ["So Noi vu"]


def test_the_line_above_a_cell_that_is_no_deadline_yet() -> None:
    """`2027` alone is a year any cell may hold; `Quy II nam _` closing the partners' line above it
    (with a rule's remnant) is the deadline's opening."""
    rb = _row(
        [
            [(ACT, "Khao sat su hai long"), (OUT, "UBND cac huyen, Quy II nam _")],
            [(ACT, "cua nguoi dan"), (DL, "2027")],
        ]
    )
    assert _deadline(rb) == "Quy II nam 2027"
    assert [f.text for f in rb.cols[OUT]] == ["UBND cac huyen,"]


def test_what_is_not_moved() -> None:
    # a connector alone names no time (`và` of `Sở Văn hóa, Thể thao và Du lịch`)
    rb = _row([[(ACT, "Tuyen truyen"), (DL, "Quy IV nam")], [(ACT, "Van hoa, The thao va")], [(DL, "2027")]])
    assert _deadline(rb) == "Quy IV nam 2027"
    # the lines above the gap are a whole deadline with its number: the year below is another cell's
    rb = _row([[(ACT, "Xay dung Chuong trinh"), (DL, "Thang 7/2027")], [(ACT, "cua tinh nam")], [(DL, "2027")]])
    assert _deadline(rb) == "Thang 7/2027 2027"
    # an opening in lower case is the middle of a sentence (`… ban hành năm`), not a cell's start
    rb = _row([[(ACT, "Ke hoach ban hanh nam")], [(ACT, "cua tinh"), (DL, "2027")]])
    assert _deadline(rb) == "2027"
    # a cell that reads whole already takes nothing from the line above
    rb = _row([[(ACT, "Bao cao Quy I")], [(DL, "Quy II/2027")]])
    assert _deadline(rb) == "Quy II/2027"


def test_time_words_and_what_names_a_time() -> None:
    for word in ("ngay", "Truéc", "năm", "30/11/2027", "7/2027", "2027", "Quy"):
        assert time_word(word), word
    for word in ("phap", "tinh", "g", "150"):
        assert not time_word(word), word
    assert names_time("ngay") and names_time("2027")
    assert not names_time("va") and not names_time("cuoi") and time_word("cuoi")


def test_a_ranges_dash_gets_the_space_ocr_lost() -> None:
    assert unglue_time("Quý II- Quý III/2027") == "Quý II - Quý III/2027"
    assert unglue_time("Quy I -Quy II/2027") == "Quy I - Quy II/2027"
    assert unglue_time("Quý II-Quý III/2027") == "Quý II-Quý III/2027"  # printed so: kept
    assert unglue_time("2026- 2027") == "2026- 2027"  # years: not a phrase's words


def test_a_cell_opening_in_lower_case_goes_on_only_from_an_unfinished_cell() -> None:
    """`phát sinh` opening a row's deadline cell under `Khi có` is the rest of that deadline; under
    the whole `Khi có phát sinh` it is its own row's (OCR lost the words before it)."""
    model = Model(ROLES, [3, 40, 20, 10, 15, 20])
    first, second = _row([[(0, "1"), (ACT, "Ra soat"), (DL, "Khi co")]]), _row([[(ACT, "Kiem tra"), (DL, "phat sinh")]])
    ocr_text._lower_case_openings(model, [first, second])
    assert [f.text for f in first.cols[DL]] == ["Khi co", "phat sinh"] and DL not in second.cols
    first = _row([[(0, "1"), (ACT, "Ra soat"), (DL, "Khi co phat sinh")]])
    second = _row([[(ACT, "Kiem tra"), (DL, "phat sinh")]])
    ocr_text._lower_case_openings(model, [first, second])
    assert [f.text for f in first.cols[DL]] == ["Khi co phat sinh"] and [f.text for f in second.cols[DL]] == [
        "phat sinh"
    ]
