"""`kehoach validate` for CI: formats, exit codes (3 beats 1 beats 0), JSON inputs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conftest import S000, S003, S004, parsed
from kehoach_parse.cli import main
from kehoach_parse.export import to_json
from kehoach_parse.findings import REGISTRY


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_github_annotations_for_000_numbering_slips_and_missing_deadline() -> None:
    code, out, _ = run("validate", S000, "--format", "github")
    assert code == 0  # warnings only
    lines = out.splitlines()
    assert (
        f"::warning file={S000},line=99,title=W_NUMBERING_GAP::Đánh số Nhiệm vụ 9 nhảy cóc: 2.9 sau 2.3 (bản ghi II.4)"
        in lines
    )
    assert any("title=W_NUMBERING_MISMATCH::Số thứ tự 3.11 không khớp với nhãn «Hoạt động 10»" in ln for ln in lines)
    missing = [ln for ln in lines if "W_MISSING_DEADLINE" in ln]
    assert missing == [
        f"::warning file={S000},line=50,title=W_MISSING_DEADLINE::Hoạt động thiếu thời gian hoàn thành (bản ghi I.5)"
    ]


def test_strict_fails_on_warnings() -> None:
    assert run("validate", S000, "--strict")[0] == 1


def test_parse_json_is_validated_the_same_way(tmp_path: Path) -> None:
    out = tmp_path / "000.json"
    out.write_text(to_json(parsed(S000)), encoding="utf-8")
    code_doc, text_doc, _ = run("validate", S000)
    code_json, text_json, _ = run("validate", str(out))
    assert code_doc == code_json == 0
    assert text_doc == text_json  # annotations point at the source document either way


def test_missing_lead_in_json_exits_1(tmp_path: Path) -> None:
    data = json.loads(to_json(parsed(S003)))
    data["records"][0]["lead"] = []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run("validate", str(bad), "--format", "json")
    assert code == 1
    findings = json.loads(out)[0]["findings"]
    assert {"code": "E_MISSING_LEAD", "record_id": "I.1"}.items() <= next(
        f for f in findings if f["code"] == "E_MISSING_LEAD"
    ).items()


def test_json_not_matching_schema_exits_3(tmp_path: Path) -> None:
    data = json.loads(to_json(parsed(S003)))
    data["records"][0]["deadline"] = {"kind": "soon"}
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run("validate", str(bad))
    assert code == 3 and "lược đồ" in err and str(bad) in err


def test_three_beats_one_beats_zero(tmp_path: Path) -> None:
    data = json.loads(to_json(parsed(S003)))
    data["records"][0]["lead"] = []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run("validate", S003, str(bad))[0] == 1
    assert run("validate", S003, str(bad), str(tmp_path / "missing.txt"))[0] == 3
    assert run("validate", S003)[0] == 0


def test_004_errors_fail_validation() -> None:
    code, out, _ = run("validate", S004)
    assert code == 1 and "E_MISSING_LEAD" in out


def test_every_code_used_is_registered() -> None:
    import re

    src = Path(__file__).resolve().parent.parent / "src" / "kehoach_parse"
    used = set()
    for py in src.rglob("*.py"):
        used |= set(re.findall(r"\"([EWI]_[A-Z0-9_]+)\"", py.read_text(encoding="utf-8")))
    assert used <= set(REGISTRY), used - set(REGISTRY)


def test_contract_1_0_documents_are_still_read(tmp_path: Path) -> None:
    """A parse JSON written under contract 1.0 (no extra, bbox, field_confidence, page_routes) validates as before."""
    data = json.loads(to_json(parsed(S003)))
    assert data["schema_version"] == "1.1"
    data["schema_version"] = "1.0"
    del data["source"]["page_routes"]
    for rec in data["records"]:
        del rec["extra"], rec["provenance"]["bbox"], rec["provenance"]["field_confidence"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code_new, text_new, _ = run("validate", S003)
    code_old, text_old, _ = run("validate", str(old))
    assert code_old == code_new and text_old == text_new
