"""CSV and JSONL rows keep what the JSON has: role-less columns and each record's findings."""

from __future__ import annotations

import csv
import io
import json

from conftest import S000, parsed
from kehoach_parse.export import to_csv, to_jsonl


def test_csv_rows_carry_extra_and_findings() -> None:
    plan = parsed("samples/handmade/dev/quangtri_ubnd_2025.docx")
    rows = list(csv.DictReader(io.StringIO(to_csv(plan).lstrip("\ufeff"))))
    assert len(rows) == len(plan.records)
    with_extra = [r for r in rows if r["extra"]]
    assert with_extra and all(r["extra"].startswith("Theo dõi, kiểm tra, đôn đốc: ") for r in with_extra)


def test_jsonl_rows_carry_their_findings() -> None:
    plan = parsed(S000)
    rows = [json.loads(line) for line in to_jsonl(plan).splitlines()]
    i5 = next(r for r in rows if r["id"] == "I.5")  # the one activity of seed 000 without a deadline
    assert "W_MISSING_DEADLINE" in {f["code"] for f in i5["findings"]}
    csv_rows = list(csv.DictReader(io.StringIO(to_csv(plan).lstrip("\ufeff"))))
    assert "W_MISSING_DEADLINE" in next(r for r in csv_rows if r["id"] == "I.5")["findings"]
