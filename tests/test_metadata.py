"""Plan metadata from the body of each seed (issue acceptance values)."""

from __future__ import annotations

from conftest import S001, S002, S003, S004, parsed


def test_001_metadata() -> None:
    m = parsed(S001).metadata
    assert (m.issuer, m.province, m.province_current) == ("UBND tỉnh Bắc Giang", "Bắc Giang", "Bắc Ninh")
    assert (m.number, m.symbol, m.issued_date, m.issued_place) == (None, "KH-UBND", "2021-08", "Bắc Giang")
    assert (m.period.start_year, m.period.end_year) == (2021, 2030)
    assert m.signer.model_dump() == {"name": "Lê Ánh Dương", "title": "CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN"}
    assert m.title == "Cải cách hành chính nhà nước tỉnh Bắc Giang giai đoạn 2021-2030"
    assert m.legal_basis == ["Nghị quyết số 76/NQ-CP ngày 15/7/2021"]


def test_003_metadata() -> None:
    plan = parsed(S003)
    m = plan.metadata
    assert (m.issuer, m.province, m.issued_date) == ("Sở Giáo dục và Đào tạo", "Gia Lai", "2021-12")
    assert (m.period.start_year, m.period.end_year) == (2022, 2022)
    assert m.signer.model_dump() == {"name": "Nguyễn Văn Long", "title": "PHÓ GIÁM ĐỐC", "on_behalf_of": "KT. GIÁM ĐỐC"}
    dl = next(
        r.deadline for r in plan.records if r.deadline and r.deadline.text.startswith("Trước ngày 31/12/2021 Trong")
    )
    assert dl.kind == "multiple" and [(p.kind, p.end) for p in dl.parts] == [
        ("date", "2021-12-31"),
        ("quarter", "2022-12-31"),
    ]


def test_004_metadata_and_year_less_deadlines() -> None:
    plan = parsed(S004)
    m = plan.metadata
    assert (m.province, m.province_current, m.period.start_year, m.period.end_year) == (
        "Hải Dương",
        "Hải Phòng",
        2023,
        2023,
    )
    assert m.issuer == "UBND tỉnh Hải Dương"
    multiple = next(r.deadline for r in plan.records if r.deadline and r.deadline.text == "Quý I và Quý III/2023")
    assert multiple.kind == "multiple" and len(multiple.parts) == 2
    whole_year = next(r.deadline for r in plan.records if r.deadline and r.deadline.text == "Cả năm")
    assert (whole_year.kind, whole_year.start, whole_year.end) == ("year", "2023-01-01", "2023-12-31")


def test_002_metadata_from_repaired_ocr_body() -> None:
    plan = parsed(S002)
    m = plan.metadata
    assert (m.number, m.issued_date, m.province, m.issuer) == (
        "201/KH-UBND",
        "2024-12-27",
        "Bắc Giang",
        "UBND tỉnh Bắc Giang",
    )
    assert m.title == "Cải cách hành chính nhà nước tỉnh Bắc Giang năm 2025"
    assert (m.period.start_year, m.period.end_year) == (2025, 2025)
    assert "Kế hoạch số 402/KH-UBND ngày 21/8/2021" in m.legal_basis
    # what the OCR said is kept beside what was made of it
    assert any(r.field.startswith("body.line[") and r.before.startswith("Cii cach") for r in plan.repairs)


def test_002_appendix_is_low_confidence_and_complete_in_sections() -> None:
    plan = parsed(S002)
    sections = list(dict.fromkeys((r.section.number, r.section.area) for r in plan.records))
    assert sections == [
        ("I", "the_che"), ("II", "thu_tuc_hanh_chinh"), ("III", "to_chuc_bo_may"), ("IV", "cong_vu"),
        ("V", "tai_chinh_cong"), ("VI", "chinh_quyen_so"), ("VII", "chi_dao_dieu_hanh"),
    ]  # fmt: skip
    assert all(0 < r.provenance.confidence < 1 for r in plan.records)
    assert "W_LOW_CONFIDENCE_TABLE" in {f.code for f in plan.findings}
    first = plan.records[0]
    # the whole cell, not its first fragment (neighbouring columns still leak in: not asserted past the cell's start)
    assert first.activity.label == "Hoạt động 1"
    assert first.activity.text.startswith("Chủ động tham mưu ban hành văn bản QPPL")
    assert any(r.field == "activity.text" and r.before.startswith("Hoat dong 1") for r in first.repairs)


def test_002_recall_against_hand_list() -> None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("eval_002", Path("scripts/eval_002.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    res = mod.evaluate()
    # The general line splitter (issue 12) finds 52 of the 58 with their whole cells and 4 spurious rows;
    # seed 002's marker rules found 55 with first words only. A floor, not a snapshot.
    assert res["listed"] == 58 and res["found"] >= 52 and len(res["spurious"]) <= 4
