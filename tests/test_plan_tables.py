"""Plan tables as provinces write them: role-less columns kept, section rows by shape, body lists.

The tables here are built cell by cell from text composed for the test (never from a
parser's output), so each expectation is what the composed table says.
"""

from __future__ import annotations

from conftest import parsed
from kehoach_parse.plan.body_tasks import body_task_records
from kehoach_parse.plan.columns import map_header
from kehoach_parse.plan.interpret import interpret
from kehoach_parse.plan.responsibility import split_responsibility
from kehoach_parse.source import Cell, Paragraph, Row, SourceDocument, Table


def _table(*rows: list[str | Cell | None], spans_known: bool = True) -> Table:
    out = []
    for texts in rows:
        cells = [t if isinstance(t, Cell) else Cell(t, i) for i, t in enumerate(texts) if t is not None]
        out.append(Row(cells=cells))
    return Table(rows=out, n_cols=max(len(r) for r in rows), spans_known=spans_known)


def _doc(*blocks: Paragraph | Table) -> SourceDocument:
    return SourceDocument(path="t", sha256="0", format="docx", kind="digital", loader="test", blocks=list(blocks))


HEADER = [
    "TT",
    "Nội dung công việc",
    "Thời gian thực hiện",
    "Chủ trì thực hiện",
    "Phối hợp",
    "Theo dõi, kiểm tra, đôn đốc",
]


def test_unknown_column_goes_to_extra_and_lead_is_read() -> None:
    t = _table(
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],  # column numbers: not a record
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""],
        [
            "1",
            "Rà soát văn bản quy phạm pháp luật",
            "Quý II/2025",
            "Sở Tư pháp",
            "Các sở, ngành",
            "Văn phòng UBND tỉnh",
        ],
        ["", "Cải cách tài chính công", "", "", "", ""],  # an area title without its numeral
        ["2", "Giao quyền tự chủ cho đơn vị sự nghiệp", "Năm 2025", "Sở Tài chính", "", ""],
    )
    cmap = map_header(t)
    assert cmap is not None and cmap.extra == {5: "Theo dõi, kiểm tra, đôn đốc"}
    interp = interpret(_doc(t))
    recs = interp.records
    assert [r.id for r in recs] == ["I.1", "II.1"]  # II inferred from the sequence
    assert [a.text for a in recs[0].lead] == ["Sở Tư pháp"] and [a.text for a in recs[0].partners] == ["Các sở, ngành"]
    assert recs[0].extra == {"Theo dõi, kiểm tra, đôn đốc": "Văn phòng UBND tỉnh"} and recs[1].extra == {}
    assert recs[0].activity is not None and recs[0].activity.text == "Rà soát văn bản quy phạm pháp luật"
    assert recs[1].section.area == "tai_chinh_cong"
    assert [(f.code, f.message) for f in interp.findings] == [
        (
            "I_SECTION_INFERRED",
            "Số mục II («Cải cách tài chính công») được suy ra từ thứ tự các mục, không đọc được trong văn bản",
        )
    ]


def test_body_tables_each_give_records_in_order_with_the_heading_section() -> None:
    small = ["TT", "Nội dung", "Trách nhiệm", "Thời gian"]
    t1 = _table(small, ["1", "Tuyên truyền về cải cách hành chính", "Phòng Nội vụ", "Quý I/2025"])
    t2 = _table(small, ["1", "Rà soát thủ tục hành chính", "Văn phòng UBND huyện", "Quý II/2025"])
    doc = _doc(Paragraph("1. Cải cách thể chế"), t1, Paragraph("2. Cải cách thủ tục hành chính"), t2)
    recs = interpret(doc).records
    assert [(r.id, r.provenance.table) for r in recs] == [("1.1", 0), ("2.1", 1)]
    assert [r.lead[0].text for r in recs] == ["Phòng Nội vụ", "Văn phòng UBND huyện"]


def test_cell_spanning_lead_and_partners_gives_both() -> None:
    span = Cell("Theo phân công tại Quyết định số 1234/QĐ-UBND", 2, col_span=2)
    t = _table(
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Tiến độ"], ["1", "Kiểm tra CCHC", span, None, "Quý III/2025"]
    )
    rec = interpret(_doc(t)).records[0]
    assert (
        [a.text for a in rec.lead]
        == [a.text for a in rec.partners]
        == ["Theo phân công tại Quyết định số 1234/QĐ-UBND"]
    )
    assert rec.task is not None and rec.activity is None  # a lone Nhiệm vụ column keeps its role


def test_responsibility_cell_is_split_at_role_words() -> None:
    assert split_responsibility("Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành") == (
        "Sở Nội vụ",
        "các sở, ban, ngành",
    )
    assert split_responsibility("Chủ trì: Sở Tư pháp; phối hợp: Văn phòng UBND tỉnh") == (
        "Sở Tư pháp",
        "Văn phòng UBND tỉnh",
    )
    assert split_responsibility("Sở Y tế (chủ trì), các huyện (phối hợp)") == ("Sở Y tế", "các huyện")
    assert split_responsibility("Sở Nội vụ") is None
    t = _table(
        ["TT", "Nội dung", "Trách nhiệm", "Thời gian"],
        ["1", "Kiểm tra công vụ", "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành", "Quý IV/2025"],
    )
    rec = interpret(_doc(t)).records[0]
    assert [a.text for a in rec.lead] == ["Sở Nội vụ"] and [a.text for a in rec.partners] == ["các sở, ban, ngành"]


def test_merged_stt_and_task_over_rows_give_one_record_per_row() -> None:
    stt, task = Cell("09", 0, row_span=2), Cell("Hiện đại hóa hành chính", 1, row_span=2)
    t = _table(
        ["STT", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Chủ trì", "Thời hạn"],
        [stt, task, "Nâng cấp cổng dịch vụ công", "", "Sở Thông tin và Truyền thông", "Quý II/2025"],
        [None, None, "Số hóa hồ sơ", "Kho dữ liệu", "Văn phòng UBND tỉnh", "Năm 2025"],
    )
    recs = interpret(_doc(t)).records
    assert [(r.stt, r.task.text if r.task else None, r.outputs) for r in recs] == [
        ("09", "Hiện đại hóa hành chính", []),
        (None, "Hiện đại hóa hành chính", ["Kho dữ liệu"]),
    ]


def test_task_heading_row_heads_the_rows_below_instead_of_being_a_record() -> None:
    t = _table(
        ["STT", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Thời gian"],
        ["1", "Tuyên truyền cải cách hành chính", "", "", ""],
        ["", "", "Xây dựng kế hoạch tuyên truyền", "Sở Nội vụ", "Quý I/2025"],
        ["", "", "Tổ chức cuộc thi tìm hiểu", "Sở Nội vụ", "Quý III/2025"],
    )
    recs = interpret(_doc(t)).records
    assert [(r.task.text if r.task else None, r.activity.text if r.activity else None) for r in recs] == [
        ("Tuyên truyền cải cách hành chính", "Xây dựng kế hoạch tuyên truyền"),
        ("Tuyên truyền cải cách hành chính", "Tổ chức cuộc thi tìm hiểu"),
    ]


def test_blank_form_table_gives_no_records() -> None:
    t = _table(["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Ghi chú"], ["1", "", "", "", ""], ["2"])
    assert interpret(_doc(t)).records == []


def test_tasks_listed_in_the_body() -> None:
    plan = parsed("tests/data/body_tasks_plan.txt")
    got = [
        (
            r.section.number,
            r.task.number if r.task else None,
            r.task.text if r.task else None,
            [a.text for a in r.lead],
            [a.text for a in r.partners],
            r.deadline.text if r.deadline else None,
            r.provenance.table,
            r.provenance.line,
        )
        for r in plan.records
    ]
    assert got == [
        ("1", "a", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành.",
         ["Phòng Tư pháp"], ["Các cơ quan chuyên môn thuộc UBND huyện"], "Quý II/2025", None, 11),
        ("1", "b", "Kiểm tra việc thi hành pháp luật trên địa bàn huyện", ["Phòng Tư pháp"], [], "Quý III/2025",
         None, 15),
        # a group of two bullets closed by one set of lines: the lines apply to both
        ("2", None, "Công khai đầy đủ thủ tục hành chính trên Cổng dịch vụ công.",
         ["Văn phòng HĐND và UBND huyện"], ["UBND các xã, thị trấn"], "Thường xuyên", None, 17),
        ("2", None, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
         ["Văn phòng HĐND và UBND huyện"], ["UBND các xã, thị trấn"], "Thường xuyên", None, 18),
    ]  # fmt: skip
    assert "W_NO_TABLE" not in {f.code for f in plan.findings}


def test_narrative_duty_lists_are_not_tasks() -> None:
    """'- Chủ trì triển khai các nội dung: …' is a sentence about duties, not a closing line."""
    paras = [Paragraph("2. Sở Nội vụ", line=1), Paragraph("- Chủ trì triển khai các nội dung: tuyên truyền.", line=2)]
    assert body_task_records(paras, None, None) == []


def test_a_repeated_or_backward_numeral_is_inferred_from_the_sequence() -> None:
    t = _table(
        HEADER[:5],
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", ""],
        ["1", "Xây dựng kế hoạch", "Quý I/2025", "Sở Nội vụ", ""],
        ["II", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["2", "Rà soát văn bản", "Quý II/2025", "Sở Tư pháp", ""],
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],  # OCR read III as II
        ["3", "Công khai thủ tục", "Quý III/2025", "Văn phòng UBND tỉnh", ""],
        ["V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "", "", ""],  # a gap forward stays as printed
        ["4", "Tuyển dụng công chức", "Quý IV/2025", "Sở Nội vụ", ""],
    )
    interp = interpret(_doc(t))
    assert [r.section.number for r in interp.records] == ["I", "II", "III", "V"]
    assert [f.code for f in interp.findings] == ["I_SECTION_INFERRED"]
