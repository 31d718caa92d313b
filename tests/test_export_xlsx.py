"""Excel export: three sheets a compiler can filter, Vietnamese text, real dates."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from conftest import S001, S003, S004, parsed
from kehoach_parse.export_xlsx import excel_date, to_xlsx


def test_three_plan_workbook() -> None:
    plans = [parsed(S003), parsed(S004), parsed(S001)]
    wb = load_workbook(io.BytesIO(to_xlsx(plans)))
    assert wb.sheetnames == ["Hoạt động", "Phát hiện", "Kế hoạch"]
    acts, finds, kh = wb["Hoạt động"], wb["Phát hiện"], wb["Kế hoạch"]
    assert acts.max_row == 1 + sum(len(p.records) for p in plans)
    assert finds.max_row == 1 + sum(len(p.findings) for p in plans)
    assert kh.max_row == 1 + 3
    header = [c.value for c in acts[1]]
    assert header[:5] == ["Tệp", "Tỉnh", "Tỉnh (nay)", "Số kế hoạch", "Mã"]
    first = {h: c.value for h, c in zip(header, acts[2], strict=True)}
    assert first["Tỉnh"] == "Gia Lai" and first["Lĩnh vực"] == "the_che"
    # a full date is an Excel date; Quý/Tháng deadlines resolve to dates too
    dated = [
        r for r in acts.iter_rows(min_row=2, values_only=True) if isinstance(r[header.index("Đến ngày")], dt.datetime)
    ]
    assert dated
    assert acts.freeze_panes == "A2" and acts.auto_filter.ref
    plan_rows = {r[0]: r for r in kh.iter_rows(min_row=2, values_only=True)}
    assert plan_rows[S003][1] == "Gia Lai" and plan_rows[S003][8] == 35
    assert plan_rows[S001][5] == "2021-08"  # a partial date stays text


def test_excel_date() -> None:
    assert excel_date("2025-03-31") == dt.date(2025, 3, 31)
    assert excel_date("2021-08") == "2021-08" and excel_date(None) is None


def test_cli_xlsx_for_parse_and_batch(tmp_path) -> None:
    import shutil

    from click.testing import CliRunner

    from kehoach_parse.cli import main

    out = tmp_path / "p.xlsx"
    res = CliRunner().invoke(main, ["parse", S003, "--format", "xlsx", "-o", str(out)])
    assert res.exit_code == 0 and load_workbook(out)["Hoạt động"].max_row == 36
    assert CliRunner().invoke(main, ["parse", S003, "--format", "xlsx"]).exit_code == 2  # a workbook needs -o
    src = tmp_path / "in"
    src.mkdir()
    for s in (S001, S003, S004):
        shutil.copy(s, src)
    combined = tmp_path / "all.xlsx"
    res = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "--combined", str(combined)]
    )
    assert res.exit_code == 0, res.output
    wb = load_workbook(combined)
    assert wb["Kế hoạch"].max_row == 4 and wb["Hoạt động"].max_row == 1 + 35 + 82
