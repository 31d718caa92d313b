"""Tables whose header row OCR garbled past recognition (issue 11): kept, columns read from content.

Every table is composed for the test: a clean plan table, then the same table with its header
cells garbled (random character noise, dropped words; seeded) the way a grey 200 dpi scan
leaves them. The records must be those of the clean table, with W_COLUMNS_INFERRED naming the
columns whose role came from their content; the garbled header is no record.
"""

from __future__ import annotations

import random

import pytest

from kehoach_parse.plan.columns import ColumnMap, infer_roles, is_repeated_header, map_header
from kehoach_parse.plan.interpret import interpret
from kehoach_parse.source import Cell, Row, SourceDocument, Table

HEADER = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
BODY = [
    ["I", "Công tác chỉ đạo, điều hành"],
    [
        "1",
        "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2025",
        "Sở Nội vụ",
        "Các sở, ban, ngành",
        "Quý I/2025",
        "Kế hoạch của UBND tỉnh",
    ],
    [
        "2",
        "Kiểm tra công tác cải cách hành chính tại các cơ quan",
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh",
        "Tháng 10/2025",
        "Báo cáo kết quả kiểm tra",
    ],
    [
        "3",
        "Tuyên truyền về cải cách hành chính trên báo, đài",
        "Sở Thông tin và Truyền thông",
        "Các cơ quan báo chí",
        "Thường xuyên",
        "Chuyên trang, chuyên mục",
    ],
    ["II", "Cải cách thủ tục hành chính"],
    [
        "4",
        "Rà soát, đơn giản hóa thủ tục hành chính nội bộ",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành",
        "Quý III/2025",
        "Quyết định phê duyệt phương án",
    ],
    [
        "5",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Sở Khoa học và Công nghệ",
        "UBND cấp huyện",
        "Cả năm 2025",
        "Hồ sơ được số hóa",
    ],
    [
        "6",
        "Công khai thủ tục hành chính trên Cổng dịch vụ công",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành",
        "6 tháng đầu năm 2025",
        "Thủ tục được công khai",
    ],
]
NOISE = "~|!;:,.'`^°ÏÌ1lI/\\()[]{}-_=+*#@$%&"


def _garble(text: str, rng: random.Random, drop: float = 0.3, rate: float = 0.4) -> str:
    words = [w for w in text.split() if rng.random() >= drop]
    return " ".join("".join(rng.choice(NOISE) if rng.random() < rate else ch for ch in w) for w in words)


def _row(texts: list[str], page: int = 1, conf: float = 0.9) -> Row:
    if len(texts) == 2:  # a section row: its title merged across the row
        cells = [Cell(texts[0], 0, confidence=conf), Cell(texts[1], 1, col_span=len(HEADER) - 1, confidence=conf)]
    else:
        cells = [Cell(t, c, confidence=conf) for c, t in enumerate(texts)]
    return Row(cells=cells, page=page)


def _doc(header: list[str] | None, body: list[list[str]] = BODY, *, numbers: list[str] | None = None) -> SourceDocument:
    rows = [_row(header)] if header is not None else []
    if numbers is not None:
        rows.append(_row(numbers))
    rows += [_row(texts) for texts in body]
    table = Table(rows=rows, n_cols=len(HEADER), confidence=0.9)
    return SourceDocument(path="t", sha256="0", format="image", kind="scanned", loader="test", blocks=[table])


def _view(doc: SourceDocument) -> list[tuple]:
    return [
        (
            r.id,
            r.task.text if r.task else None,
            [a.text for a in r.lead],
            [a.text for a in r.partners],
            r.deadline.text if r.deadline else None,
            r.outputs,
        )
        for r in interpret(doc).records
    ]


def _inferred(doc: SourceDocument) -> list[str]:
    return [f.message for f in interpret(doc).findings if f.code == "W_COLUMNS_INFERRED"]


def test_the_clean_table_reads_from_its_header_without_a_finding() -> None:
    doc = _doc(HEADER)
    assert len(_view(doc)) == 6 and _inferred(doc) == []


@pytest.mark.parametrize("seed", range(8))
def test_a_garbled_header_keeps_every_record_with_a_finding(seed: int) -> None:
    rng = random.Random(seed)
    garbled = [_garble(t, rng) for t in HEADER]
    doc = _doc(garbled)
    assert map_header(doc.tables[0]) is None or not map_header(doc.tables[0]).is_plan_table()  # type: ignore[union-attr]
    assert _view(doc) == _view(_doc(HEADER))
    cmap = infer_roles(doc.tables[0])
    assert cmap.roles == {"stt": 0, "task": 1, "lead": 2, "partners": 3, "deadline": 4, "outputs": 5}
    (message,) = _inferred(doc)  # the columns named are those whose title was not read
    assert all(f"cột {c + 1}" in message for role, c in cmap.roles.items() if role in cmap.guessed)


def test_the_roles_come_from_the_content_and_the_header_is_no_record() -> None:
    doc = _doc(["I", "%hiệm v` tơể", "C: qu+1 chư _rì th[c", "^hố[ hợ( thực hiệă", "/i`m ThS", "&I sa rẽ"])
    cmap = infer_roles(doc.tables[0])
    assert cmap.roles == {"stt": 0, "task": 1, "lead": 2, "partners": 3, "deadline": 4, "outputs": 5}
    assert cmap.header_rows == [0] and cmap.guessed
    assert [r.id for r in interpret(doc).records] == ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3"]


def test_a_garbled_column_number_row_under_the_header_is_no_record() -> None:
    doc = _doc(
        ["Sô", "Tê% nhi1m", "Đơn [ị ^rì", "quư' phối hợă", "/I`P", "+h^ ăhú"],
        numbers=[":", "Ï#.", "/@)", "14°", "/*)", "(6)"],
    )
    assert infer_roles(doc.tables[0]).header_rows == [0, 1]
    assert len(_view(doc)) == 6


def test_a_header_read_in_part_keeps_its_titles_and_infers_the_rest() -> None:
    header = ["TT", "Nội dung công việc", "T+ến độ ưh_c hiện", "Đă^ v[ chủ ]rì", "Phối hÌp :`ện", "Kết quả đầu ra"]
    body = [r if len(r) == 2 else [r[0], r[1], r[4], r[2], r[3], r[5]] for r in BODY]  # deadline second
    doc = _doc(header, body)
    records = interpret(doc).records
    assert len(records) == 6 and records[0].activity is not None  # `Nội dung` was read: activity
    assert [a.text for a in records[0].lead] == ["Sở Nội vụ"] and records[0].deadline.text == "Quý I/2025"  # type: ignore[union-attr]
    (message,) = _inferred(doc)
    assert "cột 3: thời gian" in message and "cột 2" not in message  # only the guessed columns are named


def test_a_garbled_header_repeated_below_a_page_break_is_no_record() -> None:
    doc = _doc(["I", "%hiệm v` tơể", "C: qu+1 chư _rì th[c", "^hố[ hợ( thực hiệă", "/i`m ThS", "&I sa rẽ"])
    table = doc.tables[0]
    repeat = _row(["S~ TT", "Tê/ nhiệ` ư", "Cơ q`an c%ủ t#ì", "P;ối ;ợp", "T^ời gi:n", "S^n ph'm"], page=2)
    for row in table.rows[5:]:
        row.page = 2
    table.rows.insert(5, repeat)
    assert len(_view(doc)) == 6


def test_a_table_printed_without_a_header_has_no_finding() -> None:
    """Seed 000 prints no header at all: its columns are inferred as before, nothing to report."""
    doc = _doc(None)
    assert len(_view(doc)) == 6 and _inferred(doc) == []
    assert infer_roles(doc.tables[0]).header_rows == []


def test_two_long_text_columns_are_task_then_activity() -> None:
    body = [
        r if len(r) == 2 else [r[0], f"Nhóm việc {r[0]} của kế hoạch cải cách", r[1], r[2], r[4], r[5]] for r in BODY
    ]
    doc = _doc(["~%", "#ê^ nh!", "N{i d`ng", "Đơ+ vị", "T/ời", ":ản"], body)
    cmap = infer_roles(doc.tables[0])
    assert (cmap.col("task"), cmap.col("activity"), cmap.col("lead"), cmap.col("deadline")) == (1, 2, 3, 4)


def test_a_header_repeated_with_an_ocr_scrap_in_a_title_is_spotted() -> None:
    header = [Cell(t, c) for c, t in enumerate(["", "Tên nhiệm vụ", "Tiến độ thực hiện", "Đơn vị chủ trì", "Ghi chú"])]
    table = Table(rows=[Row(cells=header)], n_cols=5)
    cmap = map_header(table)
    assert isinstance(cmap, ColumnMap)
    again = [
        Cell(t, c)
        for c, t in enumerate(["Số Tr", "Tên nhiệm VÀ vụ", "Tiến độ thực hiện", "Đơn vị can chủ trì sa", "Ghi chủ"])
    ]
    assert is_repeated_header(cmap, again)
    data = [
        Cell(t, c)
        for c, t in enumerate(["3", "Kiểm tra nhiệm vụ", "Quý I/2025", "Sở Nội vụ", "Ghi chú thêm về tiến độ"])
    ]
    assert not is_repeated_header(cmap, data)


def test_a_digital_row_at_a_page_top_that_reads_as_no_data_is_kept() -> None:
    """Only OCR garbles a header: in a digital header-less table an odd row below a page break stays a record."""
    odd = [
        "",
        "Tổng kết, đánh giá việc thực hiện kế hoạch",
        "Tổ công tác liên ngành",
        "Ban biên tập",
        "Khi có yêu cầu",
        "",
    ]
    doc = _doc(None, [*BODY, odd])
    table = doc.tables[0]
    table.confidence = 1.0
    table.rows[-1].page = 2
    for row in table.rows:
        for cell in row.cells:
            cell.confidence = None
    assert infer_roles(table).header_rows == []
    assert len(_view(doc)) == 7


def test_the_tail_of_a_row_split_by_a_page_break_is_no_header() -> None:
    """Below a page break a header fills its columns; a split row's tail (`và UBND cấp huyện` | `2025`) does not."""
    doc = _doc(["I", "%hiệm v` tơể", "C: qu+1 chư _rì th[c", "^hố[ hợ( thực hiệă", "/i`m ThS", "&I sa rẽ"])
    table = doc.tables[0]
    tail = Row(cells=[Cell("và các đơn vị liên quan", 3, confidence=0.9), Cell("2025", 4, confidence=0.9)], page=2)
    for row in table.rows[5:]:
        row.page = 2
    table.rows.insert(5, tail)
    assert 5 not in infer_roles(table).header_rows


def test_a_title_misread_over_the_stt_column_gives_way_to_the_content() -> None:
    """`Số` (what OCR left of `Số TT`) reads as `Sở`, an agency title: the numerals below say STT."""
    doc = _doc(["Số", "Tên nhiệm vụ", "C[ q`an ch+ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"])
    records = interpret(doc).records
    assert [r.section.number for r in records] == ["I"] * 3 + ["II"] * 3  # section rows, not records
    assert [a.text for a in records[0].lead] == ["Sở Nội vụ"] and records[0].stt == "1"
    (message,) = _inferred(doc)
    assert "cột 1: STT" in message and "cột 3: chủ trì" in message
