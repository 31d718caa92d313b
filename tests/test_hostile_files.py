"""Hostile file systems and stopped work (issue 14, items 4-7 and 12): names that are not
UTF-8, symlinks out of the batch folder, special files, unwritable outputs, umask, batch's
own outputs, and child processes (LibreOffice, tesseract) and temp folders that must not
outlive the command however it ends. Every input is made here; fake `soffice` and
`tesseract` scripts stand in for the real programs, so no LibreOffice is needed.
Waits are generous guards against hangs, never speed measurements.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, S003, alive, fake_doc, kill_logged, logged_pids, wait_until

HANG_GUARD = 120  # seconds; a run that takes this long has hung


def kehoach(*args: str | bytes, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command in its own process (so a hang is cut off and signals are real)."""
    cmd = [sys.executable, "-m", "kehoach_parse.cli", *args]
    return subprocess.run(cmd, capture_output=True, timeout=HANG_GUARD, env=env, cwd=cwd, check=False)


def err_lines(proc: subprocess.CompletedProcess) -> list[str]:
    text = proc.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    return text.splitlines()


def summary(out: Path) -> dict[str, dict]:
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {Path(r["file"]).name: r for r in rows}


# --- 4: file names that are not UTF-8 -------------------------------------------------------


def test_non_utf8_names_kept_on_disk_and_escaped_in_text(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    name = b"k\xe9 ho\xffch.txt"  # Latin-1 bytes: not UTF-8
    shutil.copy(S003, os.path.join(bytes(src), name))
    out = tmp_path / "out"
    proc = kehoach("batch", str(src), "-o", str(out))
    err_lines(proc)
    assert proc.returncode == 0
    assert name + b".json" in os.listdir(bytes(out))  # the output keeps the input's bytes
    rows = summary(out)
    assert rows["k\\xe9 ho\\xffch.txt"]["status"] == "ok"
    assert "k\\xe9 ho\\xffch.txt" in (out / "summary.csv").read_text(encoding="utf-8-sig")
    plan = json.loads(Path(os.fsdecode(os.path.join(bytes(out), name + b".json"))).read_bytes())
    assert plan["source"]["path"].endswith("k\\xe9 ho\\xffch.txt")

    # parse -o: a non-UTF-8 input and output name, the message shows both escaped
    target = os.path.join(bytes(tmp_path), b"r\xfe.json")
    proc = kehoach("parse", os.path.join(bytes(src), name), "-o", target)
    (line,) = err_lines(proc)
    assert proc.returncode == 0 and os.path.isfile(target)
    assert "k\\xe9 ho\\xffch.txt" in line and "r\\xfe.json" in line

    # an error message names the file escaped too
    empty = os.path.join(bytes(src), b"r\xf6ng.txt")
    open(empty, "wb").close()
    proc = kehoach("parse", empty)
    (line,) = err_lines(proc)
    assert proc.returncode == 3 and "r\\xf6ng.txt" in line and "tệp rỗng" in line


def test_shown_escapes_only_undecodable_bytes() -> None:
    from kehoach_parse.files import shown

    assert shown(os.fsdecode(b"k\xe1\xba\xbf ho\xff.txt")) == "kế ho\\xff.txt"
    assert shown("kế hoạch.txt") == "kế hoạch.txt"
    assert shown("\ud800") == "\\ud800"  # not an escaped byte: still printable


# --- 5: symlinks out of the folder, special files ------------------------------------------


def test_batch_refuses_links_out_of_the_folder_and_special_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(S003, src / "a.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("STT\tHoạt động\n1\tBÍ-MẬT-NGOÀI-THƯ-MỤC\n", encoding="utf-8")
    (src / "secret.txt").symlink_to(secret)
    (src / "zero.txt").symlink_to("/dev/zero")  # read without limit before the fix
    (src / "inside.txt").symlink_to("a.txt")  # a link inside DIR to a file inside DIR is fine
    os.mkfifo(src / "pipe.txt")  # opening it would block forever
    proc = kehoach("batch", str(src), "-o", str(tmp_path / "out"))
    lines = err_lines(proc)
    assert proc.returncode == 3
    rows = summary(tmp_path / "out")
    assert rows["a.txt"]["status"] == rows["inside.txt"]["status"] == "ok"
    for name in ("secret.txt", "zero.txt"):
        assert rows[name]["status"] == "failed" and "symlink" in rows[name]["error"]
    assert rows["pipe.txt"]["status"] == "failed" and "FIFO" in rows["pipe.txt"]["error"]
    assert len([ln for ln in lines if ln.startswith("kehoach: ")]) == 3
    for out in (tmp_path / "out").iterdir():
        assert "BÍ-MẬT" not in out.read_text(encoding="utf-8-sig")


def test_parse_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    proc = kehoach("parse", str(fifo))
    (line,) = err_lines(proc)
    assert proc.returncode == 3 and line.startswith(f"kehoach: {fifo}: ") and "FIFO" in line


def test_parse_refuses_a_device(tmp_path: Path) -> None:
    proc = kehoach("parse", "/dev/zero")
    (line,) = err_lines(proc)
    assert proc.returncode == 3 and "/dev/zero" in line and "not a regular file" in line


# --- 7 and 15: outputs that cannot be written, folders that do not exist --------------------


def _unwritable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `folder` refuse new files: chmod for a normal user, a patched os.open for root
    (root writes through any mode bits)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    real_open = os.open
    denied = os.fsencode(folder)

    def open_(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT and os.path.dirname(os.fsencode(path)) == denied:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", open_)


def test_unwritable_output_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from kehoach_parse.cli import main

    ro = tmp_path / "ro"
    ro.mkdir()
    _unwritable(ro, monkeypatch)
    try:
        res = CliRunner().invoke(main, ["parse", S003, "-o", str(ro / "x.json")])
        assert res.exit_code == 3 and "Traceback" not in res.output, res.output
        assert res.stderr.startswith(f"kehoach: {ro / 'x.json'}: ") and res.stderr.count("\n") == 1
        res = CliRunner().invoke(main, ["batch", "samples", "-o", str(ro), "--glob", "003_*.txt"])
        assert res.exit_code == 3, res.output
        assert "Traceback" not in res.stderr and res.stderr.startswith(f"kehoach: {ro}")
    finally:
        ro.chmod(0o755)
    assert not [p for p in ro.iterdir() if p.name.endswith(".tmp")]


def test_missing_output_folder_is_refused_not_created(tmp_path: Path) -> None:
    proc = kehoach("parse", S003, "-o", str(tmp_path / "nope" / "x.json"))
    (line,) = err_lines(proc)
    assert proc.returncode == 3 and "không tồn tại" in line and not (tmp_path / "nope").exists()
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(S003, src / "a.txt")
    proc = kehoach(
        "batch", str(src), "-o", str(tmp_path / "o" / "deep"), "--combined", str(tmp_path / "no" / "all.jsonl")
    )
    (line,) = err_lines(proc)
    assert proc.returncode == 3 and "không tồn tại" in line and not (tmp_path / "no").exists()
    # batch creates OUTDIR (and folders under it); --combined inside OUTDIR is fine
    proc = kehoach(
        "batch", str(src), "-o", str(tmp_path / "o" / "deep"), "--combined", str(tmp_path / "o" / "deep" / "all.jsonl")
    )
    assert proc.returncode == 0 and (tmp_path / "o" / "deep" / "all.jsonl").is_file()


# --- 12: umask, batch's own outputs ------------------------------------------------------


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        src = tmp_path / "in"
        src.mkdir()
        shutil.copy(S003, src / "a.txt")
        assert kehoach("parse", S003, "-o", str(tmp_path / "one.json")).returncode == 0
        assert kehoach("batch", str(src), "-o", str(tmp_path / "out")).returncode == 0
    finally:
        os.umask(old)
    written = [tmp_path / "one.json", *(tmp_path / "out").iterdir()]
    assert len(written) == 4
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {mode}


@pytest.mark.parametrize("outdir", [".", "out"])
def test_batch_never_reads_what_it_wrote(tmp_path: Path, outdir: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(S003, src / "a.txt")
    args = ("batch", ".", "-o", outdir, "--glob", "*", "--combined", "all.jsonl")
    for _ in range(3):
        proc = kehoach(*args, cwd=src)
        assert proc.returncode == 0, proc.stderr.decode()
        assert err_lines(proc)[-1].startswith("1 tệp: 1 đã chuyển")
    assert not [p for p in src.rglob("*.json.json")]


# --- 6: child processes and temp folders ---------------------------------------------------


FAKE = """#!/bin/sh
# stands in for {name}: starts a child of its own (like soffice -> soffice.bin), then hangs
if [ "$1" = "--list-langs" ]; then printf 'List of available languages (2):\\neng\\nvie\\n'; exit 0; fi
sleep 300 &
echo "$$ $! $PWD $*" >> "$FAKE_LOG"
sleep 300
"""


@pytest.fixture
def fakes(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path, Path]]:
    """PATH with fake soffice/tesseract, a private TMPDIR, a log of the pids they started."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for name in ("soffice", "tesseract"):
        (bin_ / name).write_text(FAKE.format(name=name))
        (bin_ / name).chmod(0o755)
    tmp, log = tmp_path / "tmp", tmp_path / "pids.log"
    tmp.mkdir()
    env = dict(os.environ, PATH=f"{bin_}:{os.environ['PATH']}", TMPDIR=str(tmp), FAKE_LOG=str(log))
    yield env, tmp, log
    kill_logged(log, 2)


def _fake_scan(folder: Path) -> Path:
    from PIL import Image

    path = folder / "scan.png"
    Image.new("L", (200, 100), 255).save(path)
    return path


def _fake_scans(folder: Path) -> Path:
    """Six pages in one TIFF: with --jobs 2, pages wait in the thread pool behind the running two."""
    from PIL import Image

    path = folder / "scans.tif"
    pages = [Image.new("L", (200, 100), 255) for _ in range(6)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    return path


def _all_gone(tmp: Path, log: Path) -> None:
    wait_until(lambda: not any(alive(p) for p in logged_pids(log, 2)), "the fake program's process group to die")
    wait_until(lambda: not any(tmp.iterdir()), f"temp folders to go: {list(tmp.iterdir())}")


def test_doc_conversion_timeout_kills_the_group_and_removes_the_copy(
    fakes: tuple[dict[str, str], Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    from kehoach_parse.errors import InputError
    from kehoach_parse.loaders import legacy_doc, read_input

    env, tmp, log = fakes
    for key in ("PATH", "FAKE_LOG"):
        monkeypatch.setenv(key, env[key])
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    raw = read_input(str(fake_doc(tmp_path)))
    with pytest.raises(InputError, match="LibreOffice không chuyển đổi xong"):
        legacy_doc.convert_to_docx(raw, timeout=1)
    assert len(logged_pids(log, 2)) == 2
    _all_gone(tmp, log)
    assert legacy_doc.TIMEOUT_SECONDS < 60  # a hanging .doc is bounded well under a minute by default


@pytest.mark.parametrize("kind", ["doc", "scan", "scans"])
def test_sigterm_of_parse_kills_children_and_removes_temp(
    fakes: tuple[dict[str, str], Path, Path], tmp_path: Path, kind: str
) -> None:
    env, tmp, log = fakes
    plan = {"doc": fake_doc, "scan": _fake_scan, "scans": _fake_scans}[kind](tmp_path)
    cmd = [sys.executable, "-m", "kehoach_parse.cli", "parse", str(plan), "--jobs", "2"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = 4 if kind == "scans" else 2  # two pages at once: two fake tesseracts, each with a child
    try:
        wait_until(lambda: len(logged_pids(log, 2)) == started, "the fake program to start")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=HANG_GUARD)
    finally:
        proc.kill()
    assert proc.returncode != 0 and b"Traceback" not in err, err
    _all_gone(tmp, log)


def test_batch_timeout_kills_children_and_removes_temp(
    fakes: tuple[dict[str, str], Path, Path], tmp_path: Path
) -> None:
    env, tmp, log = fakes
    src = tmp_path / "in"
    src.mkdir()
    fake_doc(src)
    proc = kehoach("batch", str(src), "-o", str(tmp_path / "out"), "--timeout", "2", env=env)
    err_lines(proc)
    assert proc.returncode == 3 and summary(tmp_path / "out")["cu.doc"]["status"] == "timeout"
    assert len(logged_pids(log, 2)) == 2
    _all_gone(tmp, log)


def test_kill_9_of_the_batch_parent_stops_its_workers(fakes: tuple[dict[str, str], Path, Path], tmp_path: Path) -> None:
    env, tmp, log = fakes
    src = tmp_path / "in"
    src.mkdir()
    fake_doc(src)
    cmd = [
        sys.executable,
        "-m",
        "kehoach_parse.cli",
        "batch",
        str(src),
        "-o",
        str(tmp_path / "out"),
        "--timeout",
        "600",
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: len(logged_pids(log, 2)) == 2, "the fake soffice to start")
        workers = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        proc.kill()
        proc.wait(timeout=HANG_GUARD)
    finally:
        proc.kill()
    assert workers
    wait_until(lambda: not any(alive(w) for w in workers), "the batch worker to stop with its parent")
    _all_gone(tmp, log)


def test_run_child_kills_the_group_on_timeout(tmp_path: Path) -> None:
    from kehoach_parse.children import run_child

    script = tmp_path / "prog"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {tmp_path / 'pid'}\nsleep 300\n")
    script.chmod(0o755)
    with pytest.raises(subprocess.TimeoutExpired):
        run_child([str(script)], timeout=1)
    grandchild = int((tmp_path / "pid").read_text())
    wait_until(lambda: not alive(grandchild), "the grandchild to die")
    done = run_child(["/bin/sh", "-c", "echo out; echo err >&2; exit 7"], timeout=HANG_GUARD)
    assert (done.returncode, done.stdout, done.stderr) == (7, b"out\n", b"err\n")
    with pytest.raises(FileNotFoundError):
        run_child([str(tmp_path / "missing")], timeout=5)
