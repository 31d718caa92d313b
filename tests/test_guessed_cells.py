"""Unit and record level: agency and deadline cells of a guessed grid keep what their grammar names.

The phrases are composed here (the kinds of debris OCR'd plain text leaves when a line's
fragments are split into columns at the wrong place), not copied from a sample.
"""

from __future__ import annotations

import pytest

from kehoach_parse.plan.agencies import load_gazetteer
from kehoach_parse.plan.guessed_cells import agencies_in, claim_deadline, rejoin_deadline, time_phrase_in


@pytest.mark.parametrize(
    ("item", "want"),
    [
        # a known name followed by the outputs column's words
        ("Sở Kế hoạch và Đầu tư báo cáo kết quả", ["Sở Kế hoạch và Đầu tư"]),
        # words before it that open with no agency head are a neighbour's
        ("thực hiện Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"]),
        # the longest name wins over the shorter one inside it ("UBND tỉnh")
        ("Văn phòng UBND tỉnh các", ["Văn phòng UBND tỉnh"]),
        # two names, the debris between them cut
        ("Sở Tài chính dự toán UBND cấp huyện năm", ["Sở Tài chính", "UBND cấp huyện"]),
        # a remark in parentheses after a name stays with it
        ("Sở Nội vụ (tổng hợp chung) kết quả", ["Sở Nội vụ (tổng hợp chung)"]),
        # an unknown group opening the item stays as a name of its own (a head word opens it)
        ("Ban Quản lý dự án đầu tư xây dựng Sở Y tế", ["Ban Quản lý dự án đầu tư xây dựng", "Sở Y tế"]),
        # an abbreviation may be one word; a lower-case common word may not
        ("STP phối hợp", ["STP"]),
        # a known name keeps the qualifiers it is still known with, not a neighbour's word
        ("Sở Tư pháp tỉnh dự thảo văn bản", ["Sở Tư pháp tỉnh"]),
        ("UBND các huyện, TP, thị xã trực thuộc", ["UBND các huyện, TP, thị xã"]),
        ("Văn phòng UBND tỉnh tinh", ["Văn phòng UBND tỉnh"]),  # a word it already has is a neighbour's
        ("công bố của UBND tỉnh", ["UBND tỉnh"]),  # a link word after words that name nothing links nothing
    ],
)
def test_known_agencies_are_kept_and_neighbours_words_cut(item: str, want: list[str]) -> None:
    assert agencies_in(item, load_gazetteer()) == want


@pytest.mark.parametrize(
    "item",
    [
        "Trung tâm dữ liệu vùng", "kết quả thực hiện", "vp", "",
        # an unknown name joined to a known one by a link word is one name
        "Chi cục Văn thư - Lưu trữ thuộc Sở Nội vụ", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    ],
)  # fmt: skip
def test_an_item_naming_no_known_agency_stays_as_written(item: str) -> None:
    assert agencies_in(item, load_gazetteer()) is None


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("Năm 2025 SỞ, 2 ngành,", "Năm 2025"),  # the partners column's words after the phrase
        ("R - Quý III/2025", "Quý III/2025"),  # a stray letter and dash before it
        ("kết quả Tháng 6/2025", "Tháng 6/2025"),
        ("Trước ngày 15/3/2025 báo", "Trước ngày 15/3/2025"),  # vocabulary words leading to the number stay
        ("Năm 2025 trước", "Năm 2025"),  # nothing closes a time phrase after its number
        ("Tháng 10/2025 2025", "Tháng 10/2025"),  # a lone year beside a phrase naming it
        ("Quý II/2025 2024; tỉnh, 2024", "Quý II/2025"),
        ("Giai đoạn 2024 - 2025 xong", "Giai đoạn 2024 - 2025"),  # a range's second year is not lone
        ("Giai đoạn 2024- 2025 xong", "Giai đoạn 2024- 2025"),
        ("2026 văn bản", "2026"),  # a lone year is kept when nothing else names a time
        ("Quý IV 350 năm 2024", "Quý IV năm 2024"),  # runs joined without the budget's amount between
        # no number: the phrase opening the cell, without grain or a neighbour's words after it
        ("Hàng quý a P", "Hàng quý"),
        ("Thường xuyên HĐND,", "Thường xuyên"),
        # a recurrence is whole by itself: lower-case words after it are a neighbour's
        ("Thường xuyên hành chính", "Thường xuyên"),
        ("Hang thang qua khao sat", "Hang thang"),
    ],
)
def test_time_phrase_is_cut_out_of_neighbours_words(cell: str, want: str) -> None:
    assert time_phrase_in(cell) == want


@pytest.mark.parametrize(
    "cell",
    [
        "Năm 2025",  # nothing to cut
        "Quý I và Quý III năm 2025",  # the year closes the second quarter: not lone
        "Trước ngày 10/2/2025",
        "Thường xuyên",  # the whole cell reads: recurring and event phrases are left to the grammar
        "Khi có văn bản mới",
        "Nội vụ ) Năm 5025",  # no year the grammar reads
        "Theo Kế hoạch riêng",  # a lower-case word goes on with the phrase: nothing cut
        "Thường xuyên trong năm",  # time words go on with a recurrence: the whole cell reads
        "Sở Nội vụ",  # no phrase opens it
    ],
)
def test_time_phrase_leaves_cells_without_debris_or_numbers(cell: str) -> None:
    assert time_phrase_in(cell) is None


def _table(rows: list[list[str]], *, guessed: bool):
    from kehoach_parse.source import Cell, Row, Table

    header = ["STT", "Hoạt động", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    out = [Row(cells=[Cell(t, c) for c, t in enumerate(header)])]
    out += [Row(cells=[Cell(t, c) for c, t in enumerate(texts)]) for texts in rows]
    # OCR'd plain text: merges lost and the grid a guess; a printed table: neither
    return Table(rows=out, n_cols=4, spans_known=not guessed, confidence=0.9 if guessed else 1.0)


def _records(table):
    from kehoach_parse.plan.columns import map_header
    from kehoach_parse.plan.records import TableState, build_records

    cmap = map_header(table)
    assert cmap is not None
    return build_records(table, cmap, (2025, 2025), state=TableState())


ROW = ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp dự thảo văn bản", "Năm 2025 Các sở,"]


def test_guessed_grid_cuts_lead_and_deadline_and_records_the_cut() -> None:
    (rec,) = _records(_table([ROW], guessed=True))
    assert [a.text for a in rec.lead] == ["Sở Tư pháp"] and rec.lead[0].name == "Sở Tư pháp"
    assert rec.deadline is not None and (rec.deadline.text, rec.deadline.kind) == ("Năm 2025", "year")
    cuts = {(r.field, r.before, r.after, r.method) for r in rec.repairs}
    assert cuts == {
        ("lead", "Sở Tư pháp dự thảo văn bản", "Sở Tư pháp", "ocr"),
        ("deadline.text", "Năm 2025 Các sở,", "Năm 2025", "ocr"),
    }  # nothing lost: the cut words are in `before` (the contract's methods: OCR's layout put them there)


def test_printed_grid_keeps_cells_as_written() -> None:
    (rec,) = _records(_table([ROW], guessed=False))
    assert [a.text for a in rec.lead] == ["Sở Tư pháp dự thảo văn bản"]
    assert rec.deadline is not None and rec.deadline.text == "Năm 2025 Các sở,"
    assert rec.repairs == []


@pytest.mark.parametrize(
    ("item", "want"),
    [
        ("CO6ng an tỉnh", "Công an tỉnh"),  # `6` for the circumflex's hook: one letter off a long name
        ("Kho bạc Nhà nưóc tỉnh", "Kho bạc Nhà nước tỉnh"),
        ("Sở Khoa hoc và Cồng nghệ", "Sở Khoa học và Công nghệ"),
        ("SỞ Nội vụ", "Sở Nội vụ"),  # the same letters, the case misread: however short the name
        ("Sở Nôi vụ", "Sở Nội vụ"),
        # a short name's word with a marked vowel OCR slipped (`ộ` -> `d`) and no syllable left: no
        # agency is written so, and the one alias it spells with that slip is this one
        ("Sở Ndi vụ", "Sở Nội vụ"),
        ("Các cơ quan, đơn VỊ", "Các cơ quan, đơn vị"),
        ("Văn phòng UBND TỈNH", "Văn phòng UBND tỉnh"),  # a shout among lower case; not `Văn phòng Ủy ban
        # nhân dân tỉnh`, which shares its key: the alias written closest
    ],
)
def test_a_known_name_ocr_damaged_is_written_as_the_gazetteer_writes_it(item: str, want: str) -> None:
    from kehoach_parse.plan.agencies import closest_alias

    assert closest_alias(item, load_gazetteer()) == want


@pytest.mark.parametrize(
    "item",
    [
        "Sở Nội vụ",  # an exact alias: nothing to mend
        "Sở Nai vụ",  # too short to tell one wrong letter from another agency: `nai` is a syllable
        "Công an tỉnh (chủ trì)",  # a remark the match left out would be lost
        "Trung tâm Y tế huyện",  # no known name
        "UBND TỈNH",  # all capitals: how the plan prints it
        "Các sở, ban, ngành",  # the gazetteer writes `Các Sở, ban, ngành` too: a case the plan may print
        "Trung tâm Phục vụ HHC",  # a letter off, but an abbreviation a plan may print (seed 004 does)
        "Ủy ban nhân dân tỉnh Hoá",  # (no known name either)
    ],
)
def test_no_respelling_without_a_sure_whole_match(item: str) -> None:
    from kehoach_parse.plan.agencies import closest_alias

    assert closest_alias(item, load_gazetteer()) is None


def test_guessed_grid_respells_a_damaged_name_and_records_it() -> None:
    (rec,) = _records(_table([["1", "Bảo đảm an ninh trật tự", "CO6ng an tỉnh", "Năm 2025"]], guessed=True))
    assert [a.text for a in rec.lead] == ["Công an tỉnh"]
    assert ("lead", "CO6ng an tỉnh", "Công an tỉnh", "fuzzy") in {
        (r.field, r.before, r.after, r.method) for r in rec.repairs
    }
    (typed,) = _records(_table([["1", "Bảo đảm an ninh trật tự", "CO6ng an tỉnh", "Năm 2025"]], guessed=False))
    assert [a.text for a in typed.lead] == ["CO6ng an tỉnh"]  # a printed grid keeps its text; `name` says who
    assert typed.lead[0].name == "Công an tỉnh"


def test_a_known_name_cut_out_of_an_item_is_written_as_the_gazetteer_writes_it() -> None:
    # `SG Tai chinh cong` restored as `SỞ Tài chính công`: the name is cut out, and its capitals
    # (OCR's `G` for `ở`, among lower-case words) are the gazetteer's
    (rec,) = _records(_table([["1", "Rà soát tài sản công", "SỞ Tài chính công", "Năm 2025"]], guessed=True))
    assert [a.text for a in rec.lead] == ["Sở Tài chính"]
    assert ("lead", "SỞ Tài chính công", "Sở Tài chính", "ocr") in {
        (r.field, r.before, r.after, r.method) for r in rec.repairs
    }


def test_ruled_scan_respells_damaged_names_but_not_the_plans_own_case() -> None:
    from kehoach_parse.source import Cell, Row, Table

    header = ["STT", "Hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    texts = [
        "1",
        "Nâng cấp cổng thông tin điện tử",
        "Sở Thông tin và Tmyền thông",
        "Các sở, ngành; CO6ng an tỉnh",
        "Năm 2025",
    ]
    rows = [Row(cells=[Cell(t, c) for c, t in enumerate(header)])]
    rows.append(Row(cells=[Cell(t, c, confidence=0.8) for c, t in enumerate(texts)]))  # read by OCR
    table = Table(rows=rows, n_cols=5, spans_known=True, confidence=0.8)  # ruled: the grid is printed
    (rec,) = _records(table)
    assert [a.text for a in rec.lead] == ["Sở Thông tin và Truyền thông"]
    assert [a.text for a in rec.partners] == ["Các sở, ngành", "Công an tỉnh"]  # `sở` as this plan prints it
    mended = {(r.field, r.before, r.after, r.method) for r in rec.repairs}
    assert ("lead", "Sở Thông tin và Tmyền thông", "Sở Thông tin và Truyền thông", "fuzzy") in mended
    assert ("partners", "CO6ng an tỉnh", "Công an tỉnh", "fuzzy") in mended


# --- a wrapped deadline's halves in two cells ----------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "want"),
    [
        # the time words closed a neighbour's line; the number wrapped into the deadline cell
        ({"deadline": "15/6/2026", "partners": "Các cơ quan báo chí Trước ngày"},
         ("Trước ngày 15/6/2026", "partners", "Các cơ quan báo chí", "Trước ngày")),
        # read without marks (a horn read as an apostrophe), a line of the cell below kept
        ({"deadline": "15/6/2026", "lead": "Sở Nội vụ Tru’éc ngay\nphối hợp"},
         ("Trước ngày 15/6/2026", "lead", "Sở Nội vụ\nphối hợp", "Tru’éc ngay")),
        # the phrase itself wrapped over the neighbour's two lines
        ({"deadline": "2026", "partners": "Sở Tư pháp 6 thang dau\nnam"},
         ("6 tháng đầu năm 2026", "partners", "Sở Tư pháp", "6 thang dau nam")),
        # the number opened a neighbour's line; `Thắng` (the name restored for `Thang` alone) is the month
        ({"deadline": "Thắng", "outputs": "3/2025 Báo cáo kết quả rà soát"},
         ("Tháng 3/2025", "outputs", "Báo cáo kết quả rà soát", "3/2025")),
        ({"deadline": "Quý II -", "outputs": "Báo cáo\nQuý III/2026"}, None),  # not a number alone: no join
        ({"deadline": "Trước ngày", "outputs": "Báo cáo\n20/06/2026"},
         ("Trước ngày 20/06/2026", "outputs", "Báo cáo", "20/06/2026")),
    ],
)  # fmt: skip
def test_a_wrapped_deadlines_halves_are_joined_again(cells: dict[str, str], want: tuple[str, ...] | None) -> None:
    assert rejoin_deadline(cells) == want


@pytest.mark.parametrize(
    "cells",
    [
        {"deadline": "2026", "outputs": "Báo cáo năm"},  # `năm` of an output's name: no cell opens in lower case
        {"deadline": "Thường xuyên", "outputs": "2026 Báo cáo"},  # complete without a number
        {"deadline": "Năm 2026", "partners": "Các sở Trước ngày"},  # complete: nothing to join
        {"deadline": "30/4/2026", "activity": "Rà soát, báo cáo Trước ngày"},  # the content cell is no neighbour
        {"deadline": "", "partners": "Trước ngày"},
    ],
)
def test_a_deadline_is_joined_only_where_a_half_is_missing(cells: dict[str, str]) -> None:
    assert rejoin_deadline(cells) is None


def test_guessed_grid_joins_a_deadlines_halves_and_records_both_cells() -> None:
    split = ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp Trước ngày", "30/4/2025"]
    (rec,) = _records(_table([split], guessed=True))
    assert [a.text for a in rec.lead] == ["Sở Tư pháp"]
    assert rec.deadline is not None and (rec.deadline.text, rec.deadline.kind) == ("Trước ngày 30/4/2025", "date")
    cuts = {(r.field, r.before, r.after) for r in rec.repairs}
    assert ("deadline.text", "30/4/2025", "Trước ngày 30/4/2025") in cuts
    assert ("lead", "Sở Tư pháp Trước ngày", "Sở Tư pháp") in cuts  # nothing lost: the words moved are in `before`
    # a printed grid keeps each cell's words where they were printed
    (typed,) = _records(_table([split], guessed=False))
    assert typed.deadline is not None and typed.deadline.text == "30/4/2025"


@pytest.mark.parametrize(
    ("cells", "want"),
    [
        # the whole phrase in the middle of the outputs cell: the cell keeps its own words around it
        (
            {"deadline": "", "outputs": "Quyết định phê duyệt Quý IV/2026 Chương trình"},
            ("Quý IV/2026", "outputs", "Quyết định phê duyệt Chương trình", "Quý IV/2026"),
        ),
        # on the partners cell's last line
        (
            {"deadline": "", "partners": "Các sở, ban, ngành\nNăm 2025"},
            ("Năm 2025", "partners", "Các sở, ban, ngành", "Năm 2025"),
        ),
        # a date opening a line of the lead cell, the time words before it
        (
            {"deadline": "", "lead": "Sở Nội vụ Trước ngày 30/4/2026"},
            ("Trước ngày 30/4/2026", "lead", "Sở Nội vụ", "Trước ngày 30/4/2026"),
        ),
        # the deadline cell holds something: nothing is claimed (the joins are `rejoin_deadline`'s)
        ({"deadline": "Quý I/2026", "outputs": "Báo cáo Năm 2025"}, None),
        # an output's own year: it goes on lower-case time words, or stands alone
        ({"deadline": "", "outputs": "Báo cáo năm 2025"}, None),
        ({"deadline": "", "outputs": "Kế hoạch 2025"}, None),
        # no deadline column: no deadline is made up
        ({"outputs": "Quyết định Năm 2025"}, None),
        # the content cell is no neighbour
        ({"deadline": "", "activity": "Triển khai Năm 2025"}, None),
    ],
)
def test_a_deadline_ocr_put_whole_into_a_neighbour_is_claimed(
    cells: dict[str, str], want: tuple[str, ...] | None
) -> None:
    assert claim_deadline(cells) == want


def test_guessed_grid_claims_a_deadline_from_a_neighbour_and_records_both_cells() -> None:
    row = ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp Quý III/2025", ""]
    (rec,) = _records(_table([row], guessed=True))
    assert [a.text for a in rec.lead] == ["Sở Tư pháp"]
    assert rec.deadline is not None and (rec.deadline.text, rec.deadline.kind) == ("Quý III/2025", "quarter")
    cuts = {(r.field, r.before, r.after) for r in rec.repairs}
    assert ("lead", "Sở Tư pháp Quý III/2025", "Sở Tư pháp") in cuts  # the words moved stay in `before`
