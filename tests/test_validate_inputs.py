"""`kehoach validate` reads plans, parse JSON (1.0/1.1, BOM) and JSONL; refuses what is not a plan (issue 14/8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import S000, S003, parsed
from kehoach_parse.cli import main
from kehoach_parse.export import to_csv, to_json, to_jsonl


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def plan_json() -> str:
    return to_json(parsed(S003))


def test_parse_json_with_bom_and_contract_1_0_are_plans(tmp_path: Path, plan_json: str) -> None:
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + plan_json.encode())
    old = tmp_path / "old.json"
    data = json.loads(plan_json)
    data["schema_version"] = "1.0"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for path in (bom, old):
        code, _out, err = run("validate", str(path))
        assert code == 0, err
        assert err == ""


def test_jsonl_of_two_plans_is_validated_per_plan(tmp_path: Path) -> None:
    combined = tmp_path / "combined.jsonl"
    combined.write_text(to_jsonl(parsed(S003)) + to_jsonl(parsed(S000)), encoding="utf-8")
    code, out, err = run("validate", str(combined), "--format", "json")
    assert code == 0, err
    assert [r["source"] for r in json.loads(out)] == [S003, S000]
    one = tmp_path / "one.jsonl"
    one.write_text(to_jsonl(parsed(S003)).splitlines()[0] + "\n", encoding="utf-8")
    assert run("validate", str(one))[0] == 0


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("a.json", b'{"a":1}', "không phải kế hoạch"),
        ("list.json", b"[1, 2, 3]", "danh sách"),
        ("string.json", b'"KE HOACH"', "chuỗi"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "lồng sâu"),
        ("deep_obj.json", b'{"a":' * 40 + b"1" + b"}" * 40, "lồng sâu"),
        ("empty.jsonl", b"", "JSONL rỗng"),
        ("blank.jsonl", b"\n\n  \n", "JSONL rỗng"),
        ("version.json", b'{"schema_version": "9.9", "source": {}, "records": []}', "schema_version"),
    ],
)
def test_json_that_is_not_a_plan_is_one_line_exit_3(tmp_path: Path, name: str, content: bytes, said: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run("validate", str(path))
    assert code == 3
    assert out == ""
    assert len(err.splitlines()) == 1 and said in err and str(path) in err


def test_truncated_parse_json_is_refused(tmp_path: Path, plan_json: str) -> None:
    path = tmp_path / "cut.json"
    path.write_text(plan_json[: len(plan_json) // 2], encoding="utf-8")
    code, _, err = run("validate", str(path))
    assert code == 3
    assert len(err.splitlines()) == 1 and "cắt cụt" in err


@pytest.mark.parametrize("headers", ["en", "vi"])
def test_csv_export_is_not_a_plan(tmp_path: Path, headers: str) -> None:
    path = tmp_path / "003.csv"
    path.write_text(to_csv(parsed(S003), headers=headers), encoding="utf-8")
    code, _, err = run("validate", str(path))
    assert code == 3
    assert len(err.splitlines()) == 1 and "CSV" in err and "not a plan" in err


def test_text_plan_starting_with_a_quote_is_still_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "quoted.txt"
    path.write_text('"Dự thảo"\n' + Path(S003).read_text(encoding="utf-8"), encoding="utf-8")
    assert run("validate", str(path))[0] in (0, 1)
