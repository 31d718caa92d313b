"""Document level: the acceptance points of the clean seeds, asserted on real values."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from conftest import S000, S001, S003, S004, parsed

AREAS = {
    "chi_dao_dieu_hanh", "the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong",
    "chinh_quyen_so",
}  # fmt: skip


# seeds 000 and 003 list the seven areas in the same order, chỉ đạo điều hành last
SEVEN_SECTIONS = [
    ("I", "the_che"), ("II", "thu_tuc_hanh_chinh"), ("III", "to_chuc_bo_may"), ("IV", "cong_vu"),
    ("V", "tai_chinh_cong"), ("VI", "chinh_quyen_so"), ("VII", "chi_dao_dieu_hanh"),
]  # fmt: skip


def sections(plan) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for r in plan.records:
        seen.setdefault(r.section.number, r.section.area)
    return list(seen.items())


# --- 003: TSV with page breaks -------------------------------------------------------------


def test_003_sections_and_counts() -> None:
    plan = parsed(S003)
    assert sections(plan) == SEVEN_SECTIONS
    # 41 data lines in the table, minus the 6 page-split continuation lines = 35 activity rows
    counts = Counter(r.section.number for r in plan.records)
    assert counts == {"I": 5, "II": 4, "III": 2, "IV": 6, "V": 3, "VI": 7, "VII": 8}


def test_003_page_split_row_is_stitched() -> None:
    plan = parsed(S003)
    rec = next(r for r in plan.records if r.objective and r.objective.text.startswith("Khắc phục triệt để"))
    assert rec.objective.text == (
        "Khắc phục triệt để sự trùng lặp, chồng chéo chức năng, nhiệm vụ theo tinh thần Nghị quyết số 18-NQ/TW; "
        "Nghị định số 107/2020/NĐ-CP; Nghị định số 108/2020/NĐ-CP"
    )
    assert rec.task.text == "Quy định chức năng, nhiệm vụ, quyền hạn của các phòng chuyên môn, đơn vị trực thuộc Sở"
    assert rec.activity.text == "Quyết định Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức"
    assert [a.text for a in rec.lead] == ["Phòng Tổ chức cán bộ"]
    assert rec.deadline.text == "Sau khi có thông tư, hướng dẫn của cơ quan chủ quản và cơ quan cấp trên"
    assert rec.provenance.rows == [14, 16] and rec.provenance.line == 184


def test_003_split_task_completes_every_row_that_owns_it() -> None:
    plan = parsed(S003)
    owners = [
        r
        for r in plan.records
        if r.stt == "9" or (r.task and r.task.text.startswith("Đổi mới nội dung, phương pháp đào"))
    ]
    assert len(owners) == 2
    assert all(r.task.text.endswith("theo nội dung chương trình") for r in owners)


def test_003_no_header_becomes_a_record() -> None:
    plan = parsed(S003)
    assert not any((r.stt or "") == "STT" or (r.objective and r.objective.text == "Mục tiêu") for r in plan.records)
    assert len(plan.records) == 35


# --- 004: TSV with markup ----------------------------------------------------------------------


def test_004_one_record_per_numbered_row() -> None:
    plan = parsed(S004)
    assert [r.stt for r in plan.records] == [str(i) for i in range(1, 83)]
    assert [n for n, _ in sections(plan)] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert {a for _, a in sections(plan)} == AREAS


def test_004_markup_gone_from_every_text() -> None:
    blob = parsed(S004).model_dump_json()
    for mark in ("<b>", "</b>", "<p>", "</p>", "**"):
        assert mark not in blob


def test_004_agency_list_split() -> None:
    plan = parsed(S004)
    rec = next(r for r in plan.records if r.stt == "16")
    assert [a.text for a in rec.lead] == ["Sở Tư pháp", "các sở, ngành"]
    rec = next(r for r in plan.records if r.stt == "18")
    assert [a.text for a in rec.lead] == ["Sở Tư pháp", "các sở, ngành", "UBND cấp huyện"]


def test_004_numbering_slip_kept_as_printed() -> None:
    rec = next(r for r in parsed(S004).records if r.stt == "26")
    assert rec.section.number == "II"
    assert (rec.task.number, rec.task.label) == ("2.6", "Nhiệm vụ 6")
    assert rec.task.text.startswith("Đẩy mạnh quá trình chuyển đổi số")


def test_004_task_continued_in_next_row() -> None:
    plan = parsed(S004)
    r69, r70 = (next(r for r in plan.records if r.stt == s) for s in ("69", "70"))
    assert r69.task == r70.task
    assert r70.task.text.endswith("Chính phủ số (trong đó có cung cấp dịch vụ công trực tuyến mức độ 4)")
    assert r70.activity.label == "Hoạt động 7"


def test_004_section_without_a_task_in_its_first_row() -> None:
    rec = next(r for r in parsed(S004).records if r.stt == "43")
    assert rec.section.number == "V" and rec.task is None and rec.activity.number == "2.1"


# --- 000: header-less cell dump ------------------------------------------------------------


def test_000_sections_in_order() -> None:
    plan = parsed(S000)
    assert sections(plan) == SEVEN_SECTIONS


def test_000_one_record_per_activity_row() -> None:
    plan = parsed(S000)
    # every "3.x. Hoạt động" cell of the seed is one row: 5+7+6+10+4+9+17 = 58
    counts = Counter(r.section.number for r in plan.records)
    assert counts == {"I": 5, "II": 7, "III": 6, "IV": 10, "V": 4, "VI": 9, "VII": 17}
    raw = Path(S000).read_text(encoding="utf-8")
    assert len(re.findall(r"^\t3\.\d+\.\s*hoạt động", raw, re.I | re.M)) == sum(counts.values())


def test_000_budget_activity() -> None:
    plan = parsed(S000)
    rec = next(
        r for r in plan.records if r.activity and r.activity.text == "Lập dự trù kinh phí tuyên truyền CCHC năm 2023"
    )
    assert rec.budget is not None and rec.budget.amount_million_vnd == 250.0
    assert (rec.deadline.kind, rec.deadline.start, rec.deadline.end) == ("month", "2022-12-01", "2022-12-31")
    assert [a.name for a in rec.lead] == ["Sở Nội vụ"]
    assert rec.partners == []


def test_000_notes_from_mixed_last_column() -> None:
    plan = parsed(S000)
    notes = [r.notes for r in plan.records if r.notes]
    assert "Theo KH số 324/KH-UBND ngày 13/7/2021" in notes
    assert all(r.budget is None or r.budget.amount_million_vnd is not None for r in plan.records)


def test_000_every_record_is_complete() -> None:
    plan = parsed(S000)
    for r in plan.records:
        assert (r.activity and r.activity.text) or (r.task and r.task.text), r.id
        assert r.lead, r.id
    # the seed has exactly one activity row with an empty deadline cell (3.5, section I)
    assert [r.id for r in plan.records if r.deadline is None] == ["I.5"]


# --- 001: narrative only -------------------------------------------------------------------


def test_001_no_table() -> None:
    plan = parsed(S001)
    assert plan.records == []
    assert [f.code for f in plan.findings if f.code == "W_NO_TABLE"] == ["W_NO_TABLE"]


# --- OCR'd cells: field confidence and disagreeing reads (issue 11) ---------------------------


def _ocr_table(rows: list[list[tuple[str, float | None, str | None]]], merged_task: bool = False):
    from kehoach_parse.source import Cell, Row, Table

    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    out = [Row(cells=[Cell(t, c) for c, t in enumerate(header)], page=1)]
    for k, texts in enumerate(rows):
        cells = [Cell(t, c, confidence=conf, second_read=second) for c, (t, conf, second) in enumerate(texts)]
        if merged_task and k > 0:
            cells = [c for c in cells if c.col != 1]
        elif merged_task:
            cells[1].row_span = len(rows)
        out.append(Row(cells=cells, page=1))
    return Table(rows=out, n_cols=4, confidence=0.9)


def _build(table):
    from kehoach_parse.plan.columns import map_header
    from kehoach_parse.plan.records import TableState, build_records

    state = TableState()
    cmap = map_header(table)
    assert cmap is not None
    return build_records(table, cmap, (2025, 2025), state=state), state


def test_cell_confidence_becomes_field_confidence_and_findings() -> None:
    from kehoach_parse.plan.records import DISAGREEMENT_CONFIDENCE, LOW_CONFIDENCE

    table = _ocr_table(
        [
            [("1", 0.95, None), ("Rà soát thủ tục", 0.9, None), ("Sở Nội vụ", 0.4, None),
             ("Quý II/2025", 0.93, "Quý III/2025")],
            [("2", 0.95, None), ("Kiểm tra", 0.91, None), ("Sở Tư pháp", 0.88, None), ("Quý IV/2025", 0.9, None)],
        ]
    )  # fmt: skip
    (a, b), state = _build(table)
    assert a.provenance.field_confidence == {
        "task": 0.9, "lead": 0.4, "deadline": DISAGREEMENT_CONFIDENCE,
    }  # fmt: skip
    assert a.deadline is not None and a.deadline.text == "Quý II/2025"  # the first read is kept
    assert b.provenance.field_confidence["lead"] == 0.88
    codes = sorted((f.code, f.record_id, f.field) for f in state.findings)
    assert codes == [("W_LOW_CONFIDENCE_FIELD", "0.1", "lead"), ("W_OCR_DISAGREEMENT", "0.1", "deadline")]
    disagreement = next(f for f in state.findings if f.code == "W_OCR_DISAGREEMENT")
    assert "«Quý II/2025» / «Quý III/2025»" in disagreement.message and disagreement.severity == "warning"
    low = next(f for f in state.findings if f.code == "W_LOW_CONFIDENCE_FIELD")
    assert "lead" in low.message and "0.40" in low.message and LOW_CONFIDENCE > 0.4


def test_shared_cell_is_reported_once_and_digital_cells_have_no_confidence() -> None:
    table = _ocr_table(
        [
            [("1", None, None), ("Rà soát thủ tục", 0.3, None), ("Sở Nội vụ", None, None), ("Quý II/2025", None, None)],
            [("2", None, None), ("", None, None), ("Sở Tư pháp", None, None), ("Quý IV/2025", None, None)],
        ],
        merged_task=True,
    )  # fmt: skip
    (a, b), state = _build(table)
    assert a.provenance.field_confidence == {"task": 0.3} == b.provenance.field_confidence
    assert [(f.code, f.record_id) for f in state.findings] == [("W_LOW_CONFIDENCE_FIELD", "0.1")]


# --- a table whose merges were lost (text export, OCR'd text): empty cells ------------------------


def _flat_table(rows: list[list[str]], header: list[str]):
    from kehoach_parse.source import Cell, Row, Table

    out = [Row(cells=[Cell(t, c) for c, t in enumerate(header)])]
    out += [Row(cells=[Cell(t, c) for c, t in enumerate(texts)]) for texts in rows]
    return Table(rows=out, n_cols=len(header), spans_known=False)


def test_empty_cell_of_a_higher_level_is_the_merged_cell_above_but_a_numbered_rows_lowest_is_its_own() -> None:
    table = _flat_table(
        [
            ["1", "Kiểm soát thủ tục", "Rà soát thủ tục", "Sở Nội vụ", "Quý II/2025"],
            ["2", "", "Công bố thủ tục", "Văn phòng UBND tỉnh", "Quý III/2025"],  # task merged down: inherited
            ["3", "", "", "Sở Tư pháp", "Quý IV/2025"],  # its activity text was lost: not row 2's repeated
        ],
        ["STT", "Nhiệm vụ", "Hoạt động", "Cơ quan chủ trì", "Thời gian hoàn thành"],
    )
    recs, _ = _build(table)
    got = [(r.stt, r.task.text if r.task else None, r.activity.text if r.activity else None) for r in recs]
    assert got == [
        ("1", "Kiểm soát thủ tục", "Rà soát thủ tục"),
        ("2", "Kiểm soát thủ tục", "Công bố thủ tục"),
        ("3", "Kiểm soát thủ tục", None),
    ]


def test_a_numbered_rows_lowest_cell_opening_mid_sentence_is_its_own_not_joined_above() -> None:
    """Composed: OCR lost the opening words of row 3's activity (`Rà soát, hệ thống hóa văn bản`),
    so its cell opens mid-sentence. A higher level's cell opening so goes on from the merged cell
    above (row 2's task); the lowest level of a row numbered apart is its own item: joined above,
    rows 2 and 3 would both read the one text."""
    table = _flat_table(
        [
            ["1", "Kiểm soát văn bản", "Kiểm tra việc thi hành pháp luật", "Sở Tư pháp", "Quý II/2025"],
            ["2", "theo quy định", "Theo dõi thi hành pháp luật", "Sở Tư pháp", "Quý III/2025"],
            ["3", "", "quy phạm pháp luật do UBND tỉnh ban hành", "Sở Tư pháp", "Quý IV/2025"],
        ],
        ["STT", "Nhiệm vụ", "Hoạt động", "Cơ quan chủ trì", "Thời gian hoàn thành"],
    )
    recs, _ = _build(table)
    got = [(r.stt, r.task.text if r.task else None, r.activity.text if r.activity else None) for r in recs]
    assert got == [
        ("1", "Kiểm soát văn bản theo quy định", "Kiểm tra việc thi hành pháp luật"),
        ("2", "Kiểm soát văn bản theo quy định", "Theo dõi thi hành pháp luật"),
        ("3", "Kiểm soát văn bản theo quy định", "quy phạm pháp luật do UBND tỉnh ban hành"),
    ]


def test_a_record_without_any_text_is_reported() -> None:
    from kehoach_parse.model import Metadata, PlanDocument
    from kehoach_parse.validate import validate

    table = _flat_table(
        [["1", "Rà soát thủ tục", "Sở Nội vụ", "Quý II/2025"], ["2", "", "Sở Tư pháp", "Quý IV/2025"]],
        ["STT", "Hoạt động", "Cơ quan chủ trì", "Thời gian hoàn thành"],
    )
    recs, _ = _build(table)
    plan = PlanDocument.model_construct(records=recs, metadata=Metadata())
    found = [(f.code, f.record_id) for f in validate(plan) if f.code == "W_MISSING_ACTIVITY"]
    assert found == [("W_MISSING_ACTIVITY", recs[1].id)]
