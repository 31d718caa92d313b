"""The record-level scorer (kehoach_parse.evaluation): folding, pairing, field comparison, scores.

The expectation tests and `make eval` stand on this module, so its rules are pinned here on
hand-made data: no sample document is parsed.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kehoach_parse.evaluation import (
    FIELDS,
    ExpectationError,
    combine,
    compare_metadata,
    compare_record,
    differences,
    expectation_from_dict,
    expected_record,
    fold,
    hungarian,
    load_expectation,
    match,
    score,
    unknown_keys,
)
from kehoach_parse.model import PlanRecord, Provenance, Section


def parsed(section: str | None, activity: str | None, **kw: Any) -> dict[str, Any]:
    """A parsed record as `model_dump(mode="json")` gives it."""
    rec: dict[str, Any] = {
        "id": "x",
        "seq": 1,
        "stt": None,
        "section": None if section is None else {"number": section, "title": "", "area": "other"},
        "objective": None,
        "task": None,
        "activity": None if activity is None else {"number": None, "label": None, "text": activity},
        "outputs": [],
        "lead": [],
        "partners": [],
        "deadline": None,
        "budget": None,
        "notes": None,
        "extra": {},
    }
    for k, v in kw.items():
        if k in ("lead", "partners"):
            v = [{"text": t, "name": None, "kind": "other", "score": None, "current_name": None} for t in v]
        rec[k] = v
    return rec


def expected(section: str, activity: str | None, **kw: Any) -> dict[str, Any]:
    """An expected [[records]] entry as tomllib gives it."""
    out: dict[str, Any] = {"section": section, **kw}
    if activity is not None:
        out["activity"] = activity
    return out


# --- folding and the pairing rule ---------------------------------------------------------------


def test_fold_drops_accents_d_case_and_punctuation() -> None:
    assert fold("Đảm bảo  Tiến-độ, Quý IV/2025 (đợt 2)") == "dam bao tien do quy iv 2025 dot 2"
    assert fold(unicodedata.normalize("NFD", "Cải cách")) == "cai cach"
    assert fold(None) == fold("") == ""


def test_ratio_threshold_is_75_inclusive() -> None:
    # fuzz.ratio("aaaa", "aaab") == 75.0 exactly; "abcdefghijk" vs "abcdefghxyz" is 72.7
    assert match([expected("I", "aaaa")], [parsed("I", "aaab")]) == [(0, 0)]
    assert match([expected("I", "abcdefghijk")], [parsed("I", "abcdefghxyz")]) == []


def test_accents_and_case_do_not_decide_a_pairing() -> None:
    assert match([expected("I", "Rà soát văn bản QPPL")], [parsed("I", "ra soat van ban qppl.")]) == [(0, 0)]


def test_task_text_is_the_key_without_activity() -> None:
    e = expected("I", None, task="Hoàn thiện thể chế")
    assert match([e], [parsed("I", None, task={"number": None, "label": None, "text": "Hoàn thiện thể chế"})]) == [
        (0, 0)
    ]


def test_section_gate() -> None:
    e = [expected("I", "Rà soát văn bản")]
    p = [parsed("II", "Rà soát văn bản")]
    assert match(e, p) == []
    assert match(e, p, use_sections=False) == [(0, 0)]
    assert match(e, [parsed(None, "Rà soát văn bản")]) == [(0, 0)]  # no section on one side: not checked


def test_hungarian_beats_greedy() -> None:
    """Greedy takes the best pair first (e0-p0, 100) and strands e1 (e1-p1 is 72 < 75);
    the assignment pairs both."""
    e = [expected("I", "Cập nhật cơ sở dữ liệu"), expected("I", "Rà soát, cập nhật cơ sở dữ liệu")]
    p = [parsed("I", "Cập nhật cơ sở dữ liệu"), parsed("I", "Cập nhật cơ sở dữ liệu quốc gia")]
    assert match(e, p) == [(0, 1), (1, 0)]


def test_hungarian_on_weights() -> None:
    assert hungarian([[95, 90], [90, 0]]) == [(0, 1), (1, 0)]
    assert hungarian([]) == []
    assert hungarian([[]]) == []


@pytest.mark.parametrize(("rows", "cols"), [(1, 1), (2, 3), (3, 2), (4, 4), (5, 2), (2, 6), (6, 6)])
def test_hungarian_is_optimal_on_rectangular_matrices(rows: int, cols: int) -> None:
    rng = random.Random(rows * 31 + cols)
    for _ in range(20):
        w = [[rng.randint(0, 9) for _ in range(cols)] for _ in range(rows)]
        pairs = hungarian(w)
        assert len(pairs) == min(rows, cols)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        if rows <= cols:
            best = max(sum(w[r][c] for r, c in enumerate(perm)) for perm in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(w[r][c] for c, r in enumerate(perm)) for perm in itertools.permutations(range(rows), cols))
        assert sum(w[r][c] for r, c in pairs) == best


def test_rectangular_match_extra_parsed_and_extra_expected() -> None:
    e = [expected("I", "Rà soát văn bản"), expected("I", "Tuyên truyền cải cách hành chính")]
    p = [parsed("I", "Họp giao ban"), parsed("I", "Tuyên truyền cải cách hành chính"), parsed("I", "Rà soát văn bản")]
    assert match(e, p) == [(0, 2), (1, 1)]
    assert match([*reversed(e), expected("II", "Số hóa hồ sơ")], p[1:]) == [(0, 0), (1, 1)]


def test_empty_inputs() -> None:
    assert match([], [parsed("I", "x")]) == []
    assert match([expected("I", "x")], []) == []
    exp = expectation_from_dict({"document": {"sources": ["a.txt"], "reviewed_by": "me"}})
    s = score(exp, {"records": [], "metadata": {}, "findings": []})
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    exp2 = expectation_from_dict({"document": {"sources": ["a.txt"]}, "records": [expected("I", "x")]})
    s2 = score(exp2, {"records": []})
    assert (s2.precision, s2.recall, s2.f1) == (0.0, 0.0, 0.0)


def test_repeated_activity_pairs_by_the_rest_of_the_row_then_by_order() -> None:
    """Fill-down rows repeat the activity text: the outputs tell them apart; identical rows keep order."""
    e = [expected("I", "Rà soát", outputs=["Báo cáo"]), expected("I", "Rà soát", outputs=["Quyết định"])]
    swapped = [parsed("I", "Rà soát", outputs=["Quyết định"]), parsed("I", "Rà soát", outputs=["Báo cáo"])]
    assert match(e, swapped) == [(0, 1), (1, 0)]
    same = [expected("I", "Rà soát")] * 3
    assert match(same, [parsed("I", "Rà soát")] * 3) == [(0, 0), (1, 1), (2, 2)]
    # the second of two identical rows is missing: the first expected row takes the one parsed row
    assert match(same[:2], [parsed("I", "Rà soát")]) == [(0, 0)]


def test_match_accepts_pydantic_records() -> None:
    rec = PlanRecord(
        id="I.1",
        seq=1,
        section=Section(number="I", title="Cải cách thể chế", area="the_che"),
        activity={"text": "Rà soát văn bản"},
        provenance=Provenance(table=0, rows=[1], confidence=1.0),
    )
    assert match([expected("I", "Rà soát văn bản")], [rec]) == [(0, 0)]
    assert all(compare_record(expected("I", "Rà soát văn bản"), rec).values())


# --- field comparison ---------------------------------------------------------------------------


def test_texts_compare_after_nfc_and_whitespace_only() -> None:
    e = expected("I", "Cải cách  hành chính", lead=["Sở Nội vụ"])
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính\n")
    assert compare_record(e, parsed("I", nfd, lead=["Sở  Nội vụ"])) == dict.fromkeys(FIELDS, True)
    res = compare_record(e, parsed("I", "Cải cách hành chính.", lead=["Sở Nội Vụ"]))
    assert not res["activity"] and not res["lead"] and res["section"]


def test_plain_string_item_means_no_number_or_label() -> None:
    e = expected("I", None, task="Hoàn thiện thể chế")
    numbered = {"number": "2.1", "label": "Nhiệm vụ 1", "text": "Hoàn thiện thể chế"}
    assert not compare_record(e, parsed("I", None, task=numbered))["task"]
    assert compare_record({**e, "task": numbered}, parsed("I", None, task=numbered))["task"]


def test_deadline_checks_recurrence_and_parts_only_when_given() -> None:
    got = {"text": "Thường xuyên", "kind": "recurring", "start": "2025-01-01", "end": "2025-12-31"}
    p = parsed("I", "x", deadline={**got, "recurrence": "continuous", "parts": []})
    assert compare_record(expected("I", "x", deadline=got), p)["deadline"]
    assert compare_record(expected("I", "x", deadline={**got, "recurrence": "continuous"}), p)["deadline"]
    assert not compare_record(expected("I", "x", deadline={**got, "recurrence": "yearly"}), p)["deadline"]
    assert not compare_record(expected("I", "x", deadline={**got, "parts": ["year"]}), p)["deadline"]
    # start/end absent in the expectation mean null, and are checked
    assert not compare_record(expected("I", "x", deadline={"text": "Thường xuyên", "kind": "recurring"}), p)["deadline"]
    assert not compare_record(expected("I", "x"), p)["deadline"]


def test_budget_extra_notes_stt() -> None:
    p = parsed(
        "I",
        "x",
        stt="1",
        budget={"text": "250", "amount_million_vnd": 250.0},
        notes="Ghi chú",
        extra={"Theo dõi": "VP"},
    )
    e = expected("I", "x", stt="1", budget={"text": "250", "amount": 250}, notes="Ghi chú", extra={"Theo dõi": "VP"})
    assert all(compare_record(e, p).values())
    res = compare_record({**e, "budget": {"text": "250"}, "extra": {}, "stt": "2"}, p)
    assert not res["budget"] and not res["extra"] and not res["stt"]


def test_unreadable_fields_are_not_compared() -> None:
    e = expected("I", "x", lead=["Sở Nội vụ"], unreadable=["lead"])
    res = compare_record(e, parsed("I", "x", lead=["S0 Nôi vu"]))
    assert "lead" not in res and all(res.values())


def test_differences_name_the_failing_fields() -> None:
    e = expected("I", "x", lead=["Sở Nội vụ"])
    assert differences(e, parsed("I", "x", lead=["Sở Tư pháp"])) == {"lead": (["Sở Nội vụ"], ["Sở Tư pháp"])}


# --- scores -------------------------------------------------------------------------------------

THREE = {
    "document": {"sources": ["a.txt"], "set": "hand", "reviewed_by": "test", "complete": True},
    "metadata": {"title": "Kế hoạch CCHC năm 2025", "period": [2025, 2025], "legal_basis": 2, "nulls": ["number"]},
    "records": [
        expected("I", "Rà soát văn bản quy phạm pháp luật", lead=["Sở Tư pháp"]),
        expected("I", "Tuyên truyền cải cách hành chính", lead=["Sở Nội vụ"]),
        expected("II", "Số hóa hồ sơ thủ tục hành chính", lead=["Văn phòng UBND tỉnh"]),
    ],
}
THREE_PARSED = {
    "source": {"path": "a.txt"},
    "metadata": {
        "title": "Kế hoạch CCHC năm 2025",
        "number": "12/KH-UBND",
        "period": {"start_year": 2025, "end_year": 2025},
        "legal_basis": ["Nghị quyết 76/NQ-CP", "Quyết định 1"],
    },
    "records": [
        parsed("I", "Rà soát văn bản quy phạm pháp luật", lead=["Sở Tư pháp"]),
        parsed("I", "Tuyên truyền cải cách hành chính", lead=["Sở Nội Vụ"]),  # wrong case: lead wrong
        parsed("II", "Xây dựng chính quyền số", lead=["Sở Thông tin và Truyền thông"]),  # spurious
    ],
    "findings": [{"code": "W_MISSING_DEADLINE"}],
}


def test_known_scores_on_three_records() -> None:
    s = score(expectation_from_dict(THREE), THREE_PARSED)
    assert (s.n_expected, s.n_parsed, s.matched) == (3, 3, 2)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3) and s.f1 == pytest.approx(2 / 3)
    assert s.f1_nosec == pytest.approx(2 / 3)
    assert (s.fields["lead"].correct, s.fields["lead"].total) == (1, 2)
    assert s.fields["activity"].accuracy == 1.0 and s.fields["section"].accuracy == 1.0
    assert s.missed == ["II.1"] and s.spurious == 1
    meta = {k: (c.correct, c.total) for k, c in s.metadata.items()}
    assert meta == {"title": (1, 1), "period": (1, 1), "legal_basis": (1, 1), "number": (0, 1)}
    assert s.metadata_counts.accuracy == 0.75


def test_incomplete_expectation_has_no_precision() -> None:
    raw = {**THREE, "document": {**THREE["document"], "complete": False}}
    s = score(expectation_from_dict(raw), THREE_PARSED)
    assert s.precision is None and s.f1 is None and s.recall == pytest.approx(2 / 3)


def test_combine_is_micro_and_takes_precision_from_complete_documents() -> None:
    a = score(expectation_from_dict(THREE), THREE_PARSED)
    raw = {**THREE, "document": {**THREE["document"], "complete": False}}
    b = score(expectation_from_dict(raw), {**THREE_PARSED, "records": THREE_PARSED["records"][:1]})
    t = combine([a, b])
    assert (t.documents, t.n_expected, t.n_parsed, t.matched) == (2, 6, 4, 3)
    assert t.recall == pytest.approx(3 / 6) and t.precision == pytest.approx(2 / 3)
    assert (t.fields["lead"].correct, t.fields["lead"].total) == (2, 3)
    assert combine([b]).precision is None


def test_metadata_only_for_metadata_sources() -> None:
    raw = {**THREE, "document": {**THREE["document"], "sources": ["a.txt", "b.docx"], "metadata_sources": ["a.txt"]}}
    exp = expectation_from_dict(raw)
    assert score(exp, THREE_PARSED, source="b.docx").metadata == {}
    assert score(exp, THREE_PARSED, source="./a.txt").metadata


def test_metadata_signer_nulls_and_findings() -> None:
    exp = expectation_from_dict(
        {
            "document": {"sources": ["a.txt"], "findings": ["W_NO_TABLE"]},
            "metadata": {"signer": {"name": "Nguyễn Văn A", "title": "CHỦ TỊCH"}, "nulls": ["issuer", "legal_basis"]},
        }
    )
    meta = {"signer": {"name": "Nguyễn Văn A", "title": "CHỦ TỊCH", "on_behalf_of": None}, "legal_basis": []}
    assert compare_metadata(exp, meta) == {"signer": True, "issuer": True, "legal_basis": True}
    meta["signer"]["on_behalf_of"] = "TM. ỦY BAN NHÂN DÂN"
    assert not compare_metadata(exp, meta)["signer"]
    assert score(exp, {"metadata": meta, "records": [], "findings": []}).missing_findings == ["W_NO_TABLE"]


# --- loading ------------------------------------------------------------------------------------


def test_load_normalises_records(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        """
[document]
sources = ["samples/x.txt"]
reviewed_by = "test"
known_failure = "one spurious record"

[[records]]
section = "I"
task = { number = "2.1", label = "Nhiệm vụ 1", text = "Hoàn thiện" }
unreadable = ["budget"]

[[records]]
section = "I"
stt = 2
activity = "Rà soát"
known_failure = { fields = ["lead", "missing"], why = "not split" }

[[records]]
section = "II"
activity = "Số hóa"
""",
        encoding="utf-8",
    )
    exp = load_expectation(path)
    assert exp.complete and exp.known_failure is not None and exp.known_failure.why == "one spurious record"
    r1, r2, r3 = exp.records
    assert [r.id for r in exp.records] == ["I.1", "I.2", "II.1"]
    assert r1.values["task"] == {"number": "2.1", "label": "Nhiệm vụ 1", "text": "Hoàn thiện"}
    assert r1.values["activity"] is None and r1.values["outputs"] == [] and r1.values["extra"] == {}
    assert r1.unreadable == {"budget"} and "budget" not in r1.compared_fields()
    assert r2.values["stt"] == "2" and r2.values["activity"] == {"number": None, "label": None, "text": "Rà soát"}
    assert r2.known_failure is not None and r2.known_failure.fields == ("lead", "missing")
    assert r3.known_failure is None


@pytest.mark.parametrize(
    "raw",
    [
        {"document": {"sources": []}},
        {"document": {"sources": ["a"]}, "records": [{"activity": "x"}]},
        {"document": {"sources": ["a"]}, "records": [{"section": "I", "deadline": {"text": "2025"}}]},
        {
            "document": {"sources": ["a"]},
            "records": [{"section": "I", "known_failure": {"fields": ["leed"], "why": "x"}}],
        },
        {"document": {"sources": ["a"]}, "records": [{"section": "I", "known_failure": {"fields": ["lead"]}}]},
        {"document": {"sources": ["a"]}, "metadata": {"period": [2025]}},
        {"document": {"sources": ["a"]}, "metadata": {"title": "x", "nulls": ["title"]}},
    ],
)
def test_malformed_expectations_are_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(ExpectationError):
        expectation_from_dict(raw)


def test_unknown_keys_are_listed() -> None:
    raw = {
        "document": {"sources": ["a"], "reviewd_by": "x"},
        "metadata": {"titel": "x"},
        "records": [{"section": "I", "lead_agency": ["x"], "deadline": {"text": "x", "kind": "year", "ends": "y"}}],
    }
    assert unknown_keys(raw) == [
        "document.reviewd_by",
        "metadata.titel",
        "records[0].lead_agency",
        "records[0].deadline.ends",
    ]
    assert unknown_keys(THREE) == []


def test_expected_record_accepts_the_readme_example() -> None:
    rec = expected_record(
        {
            "section": "I",
            "stt": "1",
            "objective": {"number": "1.1", "label": "Mục tiêu 1", "text": "..."},
            "outputs": ["Kế hoạch của UBND tỉnh"],
            "lead": ["Sở Nội vụ"],
            "deadline": {"text": "Quý III/2023", "kind": "quarter", "start": "2023-07-01", "end": "2023-09-30"},
            "budget": {"text": "250", "amount": 250.0},
            "notes": "Theo KH số 324/KH-UBND ngày 13/7/2021",
            "extra": {"Theo dõi, kiểm tra, đôn đốc": "Văn phòng UBND tỉnh"},
            "known_failure": {"fields": ["lead"], "why": "what the parser does wrong today"},
        }
    )
    assert rec.values["budget"] == {"text": "250", "amount": 250.0}
    assert rec.values["deadline"]["end"] == "2023-09-30" and "recurrence" not in rec.values["deadline"]
