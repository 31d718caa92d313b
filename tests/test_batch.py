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
    assert len((out / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 35 + 82
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
    assert code == 0 and err.startswith("0 tệp")


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
