"""The JSON Schema is generated from the models and kept in sync; outputs validate against it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ROOT, S000, S001, S003, S004, parsed
from kehoach_parse.export import to_json
from kehoach_parse.schema import schema_text

SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `make schema` and commit"


def test_schema_names_vietnamese_columns() -> None:
    rec = json.loads(schema_text())["$defs"]["PlanRecord"]["properties"]
    assert "Mục tiêu" in rec["objective"]["description"]
    assert "chủ trì" in rec["lead"]["description"]
    assert "Kinh phí" in rec["budget"]["description"]


@pytest.mark.parametrize("sample", [S000, S001, S003, S004])
def test_output_validates(sample: str) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(to_json(parsed(sample))), schema)
