"""`kehoach batch`: naming, summaries, resume, isolation of bad files, atomic outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import S001, S003, S004
from kehoach_parse.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(S003, src / "003.txt")
    shutil.copy(S004, src / "sub" / "004.txt")
    shutil.copy(S001, src / "sub" / "004.docx")  # a text file with a misleading name: content decides
    (src / "empty.txt").write_bytes(b"")
    (src / "notes.md").write_text("not selected", encoding="utf-8")
    return src


def test_batch_converts_and_summarises(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out"
    code, _, err = run("batch", str(src), "-o", str(out), "--jobs", "2", "--combined", str(out / "all.jsonl"))
    assert code == 3, err  # one bad file (empty) -> exit 3, the others converted
    assert (out / "003.txt.json").is_file() and (out / "sub" / "004.txt.json").is_file()
    assert (out / "sub" / "004.docx.json").is_file()  # no collision with 004.txt
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    by_file = {Path(r["file"]).name: r for r in summary}
    assert set(by_file) == {"003.txt", "004.txt", "004.docx", "empty.txt"}
    assert by_file["003.txt"]["status"] == "ok" and by_file["003.txt"]["records"] == 35
    assert by_file["empty.txt"]["status"] == "failed" and "tệp rỗng" in by_file["empty.txt"]["error"]
    assert (out / "summary.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    combined = (out / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(combined) == sum(r["records"] for r in summary) >= 35 + 82
    assert not list(out.rglob("*.tmp"))


def test_resume_does_nothing_the_second_time(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out"
    (src / "empty.txt").unlink()
    assert run("batch", str(src), "-o", str(out), "--jobs", "1")[0] == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.txt.json")}
    code, _, err = run("batch", str(src), "-o", str(out), "--resume")
    assert code == 0 and "0 đã chuyển, 3 bỏ qua" in err
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*.txt.json")}
    # a changed source is converted again
    (src / "003.txt").write_bytes((src / "003.txt").read_bytes() + b"\n")
    assert "1 đã chuyển, 2 bỏ qua" in run("batch", str(src), "-o", str(out), "--resume")[2]


def test_outputs_inside_input_folder_are_never_read(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    (src / "empty.txt").unlink()
    run("batch", str(src), "-o", str(src / "out"))
    code, _, err = run("batch", str(src), "-o", str(src / "out"), "--glob", "*.json")
    lines = err.splitlines()
    assert code == 0 and len(lines) == 2 and lines[1].startswith("0 tệp")
    assert "cảnh báo" in lines[0] and "không có tệp đầu vào nào" in lines[0] and str(src) in lines[0]


def test_timeout_bounds_each_file(tmp_path: Path, monkeypatch) -> None:
    import time

    import kehoach_parse.pipeline

    def hang(path: str, **options: object) -> None:
        time.sleep(30)

    monkeypatch.setattr(kehoach_parse.pipeline, "parse", hang)  # forked workers inherit the patch
    src, out = _folder(tmp_path), tmp_path / "out"
    started = time.perf_counter()
    code, _, _ = run("batch", str(src), "-o", str(out), "--timeout", "0.5", "--glob", "003.txt")
    assert time.perf_counter() - started < 10
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert code == 3 and summary[0]["status"] == "timeout" and not (out / "003.txt.json").exists()


def test_empty_folder_is_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    code, _, err = run("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0 and err.startswith("kehoach: cảnh báo:") and "--glob" in err
    assert json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8")) == []


def test_own_outputs_skipped_by_content_never_by_name(tmp_path: Path) -> None:
    src, other = tmp_path / "in", tmp_path / "elsewhere"
    src.mkdir()
    other.mkdir()
    shutil.copy(S003, src / "plan.txt")
    assert run("parse", S003, "-o", str(src / "parsed-as.txt"))[0] == 0  # a parse JSON named like a plan
    assert run("parse", S003, "-o", str(src / "rows.txt"), "--format", "jsonl")[0] == 0
    assert run("parse", S003, "-o", str(src / "rows.csv.txt"), "--format", "csv")[0] == 0
    assert run("parse", S003, "-o", str(src / "rows-vi.txt"), "--format", "csv", "--headers", "vi")[0] == 0
    shutil.copy(S004, src / "004.txt.json")  # a plan whose name looks like an output: read
    run("batch", str(src), "-o", str(other))  # its summaries, copied in: skipped
    shutil.copy(other / "summary.json", src / "summary-copy.txt")
    shutil.copy(other / "summary.csv", src / "summary-copy.csv.txt")
    code, _, err = run("batch", str(src), "-o", str(tmp_path / "out"), "--glob", "*")
    rows = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert code == 0, err
    assert sorted(Path(r["file"]).name for r in rows) == ["004.txt.json", "plan.txt"]


def test_summaries_carry_the_plan_columns(tmp_path: Path) -> None:
    from kehoach_parse.batch import SUMMARY_FIELDS
    from kehoach_parse.export_xlsx import PLAN_FIELDS

    src, out = _folder(tmp_path), tmp_path / "out"
    run("batch", str(src), "-o", str(out), "--jobs", "2")
    assert set(PLAN_FIELDS) <= set(SUMMARY_FIELDS)
    rows = {Path(r["file"]).name: r for r in json.loads((out / "summary.json").read_text(encoding="utf-8"))}
    assert list(rows["003.txt"]) == list(SUMMARY_FIELDS)
    assert rows["003.txt"]["province"] == "Gia Lai" and rows["003.txt"]["records"] == 35
    assert rows["004.docx"]["issued_date"] == "2021-08"  # S001 under a misleading name
    assert rows["empty.txt"]["province"] is None
    header = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(SUMMARY_FIELDS)
    # --resume reads the same columns back from the outputs
    run("batch", str(src), "-o", str(out), "--resume")
    again = {Path(r["file"]).name: r for r in json.loads((out / "summary.json").read_text(encoding="utf-8"))}
    assert again["003.txt"]["status"] == "skipped"
    assert {k: v for k, v in again["003.txt"].items() if k not in ("status", "seconds")} == {
        k: v for k, v in rows["003.txt"].items() if k not in ("status", "seconds")
    }


def test_verbose_prints_one_line_per_file_and_quiet_otherwise(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    code, _, err = run("batch", str(src), "-o", str(tmp_path / "q"))
    assert code == 3 and len(err.splitlines()) == 2  # the failed file's line and the total: nothing else
    code, _, err = run("batch", str(src), "-o", str(tmp_path / "v"), "--verbose")
    lines = err.splitlines()
    assert code == 3 and len(lines) == 4 + 2
    ok = next(line for line in lines if line.startswith(str(src / "003.txt")))
    assert ": ok, 35 hoạt động, " in ok and ok.endswith(" s")
    assert any("empty.txt: failed, 0 hoạt động" in line for line in lines)


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from conftest import ROOT

    src = _folder(tmp_path)
    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "kehoach_parse.cli", "batch", str(src), "-o", str(tmp_path / "out")]
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 3
    assert "/4" in screen and "lỗi " in screen and "còn" in screen  # done/total, failed, ETA


def test_dask_missing_is_one_line(monkeypatch, tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError, as when not installed
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    code, _, err = run("batch", S003.rsplit("/", 1)[0], "-o", str(tmp_path / "o"), "--glob", "003_*.txt",
                       "--executor", "dask")  # fmt: skip
    assert code == 2 and len(err.splitlines()) == 1 and "pip install 'kehoach-parse[dask]'" in err
    code, _, err = run("batch", "samples", "-o", str(tmp_path / "p"), "--scheduler", "tcp://x:8786")
    assert code == 2 and "--executor dask" in err and not (tmp_path / "p").exists()
