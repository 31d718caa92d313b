"""Section numbers on rough scans (issue 11): from the STT cell when legible, else from the sequence.

The tables are composed for the test the way OCR leaves them: a Roman numeral misread
(`H`, `TII.`, `L`, `1` for `II`), lost, a scrap of grain in an empty cell, a cell spanning
down from the row above, a garbled column-number row. Nothing may land in section 0 and
every inferred number has its I_SECTION_INFERRED finding.
"""

from __future__ import annotations

import pytest

from kehoach_parse.model import Section
from kehoach_parse.plan.interpret import interpret
from kehoach_parse.plan.sections import make_section, section_row
from kehoach_parse.source import Cell, Row, SourceDocument, Table

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
FLAT = [2, 3]


def _cells(*texts: str | Cell, conf: float | None = 0.9) -> list[Cell | None]:
    """One row as OCR gives it (every cell with a confidence), or as digital text with `conf=None`."""
    return [t if isinstance(t, Cell) else Cell(t, i, confidence=conf if t else None) for i, t in enumerate(texts)]


def _doc(*rows: list[str | Cell]) -> SourceDocument:
    out = [Row(cells=[Cell(t, i) for i, t in enumerate(HEADER)], page=1)]
    for texts in rows:
        out.append(Row(cells=[c for c in _cells(*texts) if c is not None], page=1))
    table = Table(rows=out, n_cols=4, confidence=0.8)
    return SourceDocument(path="t", sha256="0", format="image", kind="scanned", loader="test", blocks=[table])


def _numbers_and_inferred(doc: SourceDocument) -> tuple[list[str], list[str]]:
    interp = interpret(doc)
    inferred = [f.message.split()[2] for f in interp.findings if f.code == "I_SECTION_INFERRED"]
    return [r.section.number for r in interp.records], inferred


def _task(n: int) -> list[str]:
    return [str(n), f"Nhiệm vụ thứ {n} của kế hoạch", "Sở Nội vụ", "Quý II/2025"]


@pytest.mark.parametrize("scrap", ["H", "Il", "1I", "lì", "_I", "TII.", "L", "Œ"])
def test_a_misread_numeral_beside_an_area_title_takes_the_next_number(scrap: str) -> None:
    previous = make_section("I", "Công tác chỉ đạo, điều hành")
    got = section_row(_cells(scrap, "Cải cách thể chế", "", ""), FLAT, previous)
    assert got is not None and got[0].number == "II" and got[0].area == "the_che" and got[1] is True


@pytest.mark.parametrize(
    ("printed", "previous", "number", "inferred"),
    [
        ("III", "II", "III", False),
        ("V", "III", "V", False),  # areas a plan leaves out: a short gap forward is kept as printed
        ("II", "II", "III", True),  # III read as II
        ("I", "IV", "V", True),  # going back
        ("L", None, "I", True),  # no plan has fifty sections: `I.` read as `L.`
        ("X", "II", "III", True),  # too far forward
        ("1", "I", "II", True),  # a digit among Roman numerals: II read as 1
        ("2", "1", "2", False),  # sections numbered with digits, in order
    ],
)
def test_a_printed_number_is_kept_only_where_it_fits_the_sequence(
    printed: str, previous: str | None, number: str, inferred: bool
) -> None:
    prev = make_section(previous, "x") if previous else None
    got = section_row(_cells(printed, "CẢI CÁCH TÀI CHÍNH CÔNG", "", ""), FLAT, prev)
    assert got == (make_section(number, "CẢI CÁCH TÀI CHÍNH CÔNG"), inferred)


@pytest.mark.parametrize(("printed", "previous"), [("VI", "II"), ("1", "I"), ("XX", None)])
def test_digital_numbers_are_kept_as_printed_unless_they_go_back(printed: str, previous: str | None) -> None:
    prev = make_section(previous, "x") if previous else None
    got = section_row(_cells(printed, "CẢI CÁCH TÀI CHÍNH CÔNG", "", "", conf=None), FLAT, prev)
    assert got == (make_section(printed, "CẢI CÁCH TÀI CHÍNH CÔNG"), False)


def test_a_numeral_glued_to_a_merged_title_is_read_or_inferred() -> None:
    merged = Cell("TII. Cải cách tổ chức bộ máy hành chính nhà nước", 0, col_span=4, confidence=0.8)
    got = section_row([merged, merged, merged, merged], FLAT, make_section("II", "Cải cách thủ tục hành chính"))
    assert got == (make_section("III", "Cải cách tổ chức bộ máy hành chính nhà nước"), True)
    merged = Cell("IV. Cải cách chế độ công vụ", 0, col_span=4, confidence=0.9)
    got = section_row([merged, merged, merged, merged], FLAT, make_section("III", "x"))
    assert got == (make_section("IV", "Cải cách chế độ công vụ"), False)


def test_a_scrap_of_grain_in_an_empty_cell_does_not_hide_a_section_row() -> None:
    row = _cells("", "Cải cách chế độ công vụ", Cell("HAA<s a", 2, confidence=0.48), "")
    got = section_row(row, FLAT, make_section("I", "x"))
    assert got is not None and got[0].number == "II" and got[0].area == "cong_vu"
    # a sure read in that cell is text: the row is an activity (no area title) or not a section
    assert (
        section_row(_cells("", "Cải cách chế độ công vụ", Cell("Sở Nội vụ", 2, confidence=0.95), ""), FLAT, None)
        is None
    )
    # grain beside a title that is no area title: not a section row
    assert section_row(_cells("", "Rà soát văn bản", Cell("HAA<s a", 2, confidence=0.48), ""), FLAT, None) is None


def test_a_cell_spanning_down_from_the_row_above_is_not_part_of_the_section_row() -> None:
    above = Cell("Phương án sắp xếp tài sản công", 2, row_span=2)
    title = Cell("Xây dựng và phát triển chính quyền điện tử, chính quyền số", 1, confidence=0.9)
    row = [Cell("IV", 0, confidence=0.7), title, above, None]
    own = [c for c in row if c is not None and c is not above]
    got = section_row(row, FLAT, make_section("III", "x"), own=own)
    assert got is not None and got[0].number == "IV" and got[1] is False


def test_a_heading_repeated_on_a_new_page_keeps_its_number() -> None:
    previous: Section = make_section("II", "Cải cách thủ tục hành chính")
    got = section_row(_cells("", "Cải cách thủ tục hành chính", "", ""), FLAT, previous)
    assert got == (make_section("II", "Cải cách thủ tục hành chính"), True)


def test_grey_scan_sections_never_shift_and_every_inference_is_reported() -> None:
    doc = _doc(
        ["", "Công tác chỉ đạo, điều hành", "", ""],  # numeral lost
        _task(1),
        ["H", "Cải cách thể chế", "", ""],  # II read as H
        _task(2),
        ["", "Cải cách thủ tục hành chính", "", ""],  # III lost
        _task(3),
        ["IV", "Cải cách tài chính công", "", ""],
        _task(4),
        ["1", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", "", ""],  # V read as 1
        _task(5),
    )
    numbers, inferred = _numbers_and_inferred(doc)
    assert numbers == ["I", "II", "III", "IV", "V"]
    assert inferred == ["I", "II", "III", "V"]


def test_rows_above_a_lost_first_heading_are_not_left_in_section_zero() -> None:
    # the heading row of section I never came out of OCR: its rows take I, from the II below
    doc = _doc(_task(1), ["II", "Cải cách thể chế", "", ""], _task(2))
    numbers, inferred = _numbers_and_inferred(doc)
    assert numbers == ["I", "II"] and inferred == ["I"]


def test_a_garbled_column_number_row_is_no_record() -> None:
    garbled = [Cell("(1)", 0, confidence=0.8), Cell("(2)", 1, confidence=0.9)]
    garbled += [Cell("Œ)", 2, confidence=0.4), Cell("(4)", 3, confidence=0.9)]
    doc = _doc(garbled, ["I", "Cải cách thể chế", "", ""], _task(1))
    numbers, inferred = _numbers_and_inferred(doc)
    assert numbers == ["I"] and inferred == []


def test_a_table_without_section_rows_stays_in_section_zero() -> None:
    numbers, inferred = _numbers_and_inferred(_doc(_task(1), _task(2)))
    assert numbers == ["0", "0"] and inferred == []


def test_an_unsure_numeral_counts_only_where_the_sequence_expects_it() -> None:
    unsure = [Cell("1", 0, confidence=0.5), Cell("Công tác chỉ đạo, điều hành", 1, col_span=3, confidence=0.96)]
    assert section_row(unsure, FLAT, None) == (make_section("I", "Công tác chỉ đạo, điều hành"), True)
    unsure = [Cell("II", 0, confidence=0.09), Cell("Cải cách thủ tục hành chính", 1, col_span=3, confidence=0.8)]
    got = section_row(unsure, FLAT, make_section("II", "Cải cách thể chế"))
    assert got == (make_section("III", "Cải cách thủ tục hành chính"), True)  # III read as II, unsure
    unsure = [Cell("IV", 0, confidence=0.3), Cell("Cải cách tài chính công", 1, col_span=3, confidence=0.8)]
    got = section_row(unsure, FLAT, make_section("III", "x"))
    assert got == (make_section("IV", "Cải cách tài chính công"), False)  # unsure but as expected: read


@pytest.mark.parametrize("scrap", ['"1', "“Il", "|l'", "ll”", "1]."])
def test_any_short_misread_beside_an_area_title_is_the_lost_numeral(scrap: str) -> None:
    """Whatever glyphs OCR made of the numeral (a quote mark is no numeral glyph), a short STT
    beside an NQ76 area title with the flat cells empty is a section row, numbered by the sequence."""
    previous = make_section("I", "Công tác chỉ đạo, điều hành")
    got = section_row(_cells(scrap, "Cải cách thể chế", "", ""), FLAT, previous)
    assert got == (make_section("II", "Cải cách thể chế"), True)


def test_a_lost_section_row_neither_becomes_a_record_nor_shifts_the_next_section() -> None:
    # the class of the 6 dev records in the wrong section: II read as `"1` was taken for an activity,
    # its rows went to I and the title-alone III after it became II
    doc = _doc(
        ["", "Công tác chỉ đạo, điều hành", "", ""],
        _task(1),
        ['"1', "Cải cách thể chế", "", ""],
        _task(2),
        ["", "Cải cách thủ tục hành chính", "", ""],
        _task(3),
        ["IV", "Cải cách tài chính công", "", ""],
        _task(4),
    )
    numbers, inferred = _numbers_and_inferred(doc)
    assert numbers == ["I", "II", "III", "IV"]
    assert inferred == ["I", "II", "III"]


def test_a_short_stt_beside_a_title_that_is_no_area_title_is_no_section() -> None:
    assert section_row(_cells('"1', "Rà soát văn bản quy phạm", "", ""), FLAT, None) is None


@pytest.mark.parametrize(
    ("stt", "title", "number", "area"),
    [
        ("VI. CẢI", "CÁCH TÀI CHÍNH CÔNG", "VI", "tai_chinh_cong"),  # a column line read inside the heading
        ("III. Cải cách", "thủ tục hành chính", "III", "thu_tuc_hanh_chinh"),
    ],
)
def test_a_heading_split_across_a_column_line_is_one_section_row(stt: str, title: str, number: str, area: str) -> None:
    previous = make_section({"VI": "V", "III": "II"}[number], "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số")
    got = section_row(_cells(stt, title, "", ""), FLAT, previous)
    assert got is not None and got[0].number == number and got[0].area == area and got[1] is False


def test_a_split_cell_that_is_no_area_heading_stays_a_record() -> None:
    """`II. Rà` | `soát văn bản`: a numbered activity, not an area title — not a section row."""
    assert section_row(_cells("II. Rà", "soát văn bản quy phạm pháp luật", "Sở Tư pháp", ""), FLAT, None) is None


def _heading(numeral: str, title: str, conf: float) -> list[str | Cell]:
    return [Cell(numeral, 0, confidence=conf), Cell(title, 1, confidence=0.95), "", ""]


def test_a_first_numeral_read_as_1_is_roman_where_the_table_numbers_its_sections_in_roman() -> None:
    # psm 6 over a column strip reads the printed `I` as `1` surely (0.89), the later `IV`, `V`
    # as printed: the digit is the Roman numeral misread, not the start of a digit sequence
    doc = _doc(
        _heading("1", "Công tác chỉ đạo, điều hành", 0.89),
        _task(1),
        _heading("II", "Cải cách thể chế", 0.3),
        _task(1),
        _heading("11", "Cải cách thủ tục hành chính", 0.9),  # III read as 11: the sequence still fixes it
        _task(1),
        _heading("IV", "Cải cách tài chính công", 0.97),
        _task(1),
    )
    numbers, inferred = _numbers_and_inferred(doc)
    assert numbers == ["I", "II", "III", "IV"]
    assert inferred[0] == "I"  # the number is not what OCR read: reported


def test_digit_sections_stay_digits_when_no_surely_read_roman_numeral_says_otherwise() -> None:
    doc = _doc(
        _heading("1", "CẢI CÁCH THỂ CHẾ", 0.9),
        _task(1),
        _heading("2", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 0.9),
        _task(1),
        _heading("3", "CẢI CÁCH TÀI CHÍNH CÔNG", 0.9),
        _task(1),
        ["II", "Nhiệm vụ thứ hai", "Sở Tài chính", "Quý I/2025"],  # II may be a misread 11: no evidence of Roman
    )
    numbers, _ = _numbers_and_inferred(doc)
    assert numbers == ["1", "2", "3", "3"]


@pytest.mark.parametrize(
    ("texts", "roman"),
    [
        (["1", "2", "IV"], True),
        (["1", "V."], True),
        (["1", "II", "I"], False),  # II and I are what 11 and 1 look like
        (["1", "IV"], False),  # conf below SCRAP_CONFIDENCE: see the helper
    ],
)
def test_roman_numbered_needs_a_surely_read_numeral_no_digit_resembles(texts: list[str], roman: bool) -> None:
    from kehoach_parse.plan.sections import roman_numbered

    conf = 0.3 if texts == ["1", "IV"] else 0.9
    cells = [Cell(t, 0, confidence=conf) for t in texts] + [None, Cell("IX", 0)]  # digital text is no OCR evidence
    assert roman_numbered(cells) is roman


def test_a_heading_ocr_made_grain_of_still_opens_a_section_when_one_cell_spans_the_row() -> None:
    # a rough scan: the numeral and the whole merged title cell read as grain (conf 0.15); the
    # span itself says heading, so the records after it are not filed under the section before
    title = Cell("7° se CC. NI II LH", 1, col_span=3, confidence=0.15)
    doc = _doc(
        _heading("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 0.9),
        _task(1),
        [Cell("“NU", 0, confidence=0.0), title],
        _task(1),
        _heading("Mì", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH", 0.47),
        _task(1),
    )
    interp = interpret(doc)
    assert [(r.section.number, r.section.title) for r in interp.records] == [
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        ("II", ""),  # the title could not be read: left empty, not filled with grain
        ("III", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH"),
    ]


def test_grain_in_one_flat_cell_of_an_activity_row_is_no_heading() -> None:
    grain = Cell("HAA<s a", 2, confidence=0.2)
    row: list[str | Cell] = [Cell("3", 0, confidence=0.9), Cell("Nhiệm vụ ba", 1, confidence=0.9), grain, ""]
    assert section_row(_cells(*row), FLAT, make_section("I", "x")) is None


def test_one_glyph_of_grain_in_a_flat_cell_hides_no_heading_however_sure_the_read() -> None:
    got = section_row(_cells("HI", "Cái cách tài chính công TS", "Ị", ""), FLAT, make_section("II", "x"))
    assert got is not None and got[0].number == "III" and got[0].area == "tai_chinh_cong"
