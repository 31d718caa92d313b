"""Memory of large tables (issue 14: a 100,000-row TSV took 2.3 GB): what keeps it bounded.

The causes are checked as structure (records share their agencies, deadlines and field-name
sets; the JSON is built as bytes equal to dumping the whole model), and one guard parses a
20,000-row TSV under RLIMIT_AS in a fresh process: it catches a return of the blow-up
(about 23 KB a row before, 7 KB now), it does not measure anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from kehoach_parse.export import render, render_bytes, to_json, to_json_bytes
from kehoach_parse.model import Agency, Deadline
from kehoach_parse.pipeline import parse

ROOT = Path(__file__).resolve().parent.parent
HEADER = "STT\tHoạt động\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
ROW = (
    "{n}\tXây dựng và triển khai kế hoạch cải cách hành chính số {n} trên địa bàn tỉnh\t"
    "Kế hoạch của UBND tỉnh\tSở Nội vụ\tCác sở, ban, ngành; UBND cấp huyện\tQuý {q}/2025\n"
)


def tsv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for n in range(1, rows + 1):
            fh.write(ROW.format(n=n, q=("I", "II", "III", "IV")[n % 4]))
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):
    return parse(str(tsv(tmp_path_factory.mktemp("mem") / "rows.txt", 200)))


def test_records_share_equal_agencies_and_deadlines(plan) -> None:
    """One Agency/Deadline object per distinct text in a document, not one per record."""
    records = plan.records
    assert len(records) == 200
    assert all(r.lead[0] is records[0].lead[0] for r in records)
    assert all(r.partners[1] is records[0].partners[1] for r in records)
    assert len({id(r.deadline) for r in records}) == 4  # Quý I..IV
    assert records[1].deadline.kind == "quarter" and records[1].deadline.start == "2025-07-01"  # row 2: Quý III


def test_shared_values_are_frozen(plan) -> None:
    """A shared value cannot be changed under the other records that hold it; a copy can."""
    agency = plan.records[0].lead[0]
    with pytest.raises(ValidationError):
        agency.name = "Sở khác"
    changed = agency.model_copy(update={"name": "Sở khác"})
    assert changed.name == "Sở khác" and plan.records[1].lead[0].name == "Sở Nội vụ"
    assert isinstance(agency, Agency) and isinstance(plan.records[0].deadline, Deadline)


def test_full_field_sets_are_shared_and_assignment_still_works(plan) -> None:
    a, b = plan.records[0], plan.records[1]
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert a.provenance.__pydantic_fields_set__ is b.provenance.__pydantic_fields_set__
    copy = a.model_copy()
    copy.notes = "ghi chú"
    assert copy.notes == "ghi chú" and b.notes is None
    assert a.model_fields_set == set(type(a).model_fields)


def test_json_bytes_equal_dumping_the_whole_model(plan) -> None:
    whole = json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    assert to_json_bytes(plan) == whole.encode("utf-8")
    assert to_json(plan) == whole == render(plan, "json")
    assert render_bytes(plan, "json") == whole.encode("utf-8")
    assert render_bytes(plan, "csv") == render(plan, "csv").encode("utf-8")
    empty = plan.model_copy(update={"records": []})
    assert to_json(empty) == json.dumps(empty.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def test_records_marker_in_a_value_is_left_alone(tmp_path: Path) -> None:
    """The placeholder the records are spliced at is found by its key, not by its text alone."""
    path = tmp_path / "p.txt"
    path.write_text("@@kehoach:records@@\n" + HEADER + ROW.format(n=1, q="I") * 3, encoding="utf-8")
    plan = parse(str(path))
    assert to_json(plan) == json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def test_large_table_parses_under_an_address_space_ceiling(tmp_path: Path) -> None:
    """20,000 rows (4 MB) under 512 MB of address space: ~170 MB now, ~500 MB of RSS before."""
    path = tsv(tmp_path / "rows.txt", 20_000)
    out = tmp_path / "rows.json"
    ceiling = 512 * 1024 * 1024
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({ceiling}, {ceiling}))
        from kehoach_parse.cli import main
        sys.argv = ["kehoach", "parse", {str(path)!r}, "-o", {str(out)!r}]
        main()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "20000 hoạt động" in proc.stderr
    assert out.stat().st_size > 20_000 * 1000
