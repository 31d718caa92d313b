"""Shared fixtures: tests run from the repo root so sample paths read as a user types them."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"  # reviewed expectations, *.toml (samples/expected/README.md)
CORPUS = ROOT.parent / "shared" / "corpus"  # the repair stage's corpus (data hygiene: never samples/)

S000 = "samples/000_b9abb36b8c36f44d.txt"
S001 = "samples/001_47299de66b06ee91.txt"
S002 = "samples/002_28b79bbaf6c53f00.txt"
S003 = "samples/003_72adce018a707e85.txt"
S004 = "samples/004_4eb45db0ba18c56a.txt"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@cache
def parsed(path: str, **options: object):
    """Parse once per session (the pipeline is pure, so caching is safe).

    A missing file is a broken test or expectation, not an input error to test: say which file.
    """
    from kehoach_parse.pipeline import parse

    if not (ROOT / path).is_file():
        raise FileNotFoundError(f"{path}: no such sample under {ROOT} (named by a test or an expectation file)")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return parse(path, **options)
    finally:
        os.chdir(cwd)


def record_contents(plan) -> list[dict]:
    """A plan's records without provenance and repairs: what two loaders of one document must agree on."""
    out = []
    for r in plan.records:
        d = r.model_dump(mode="json")
        d.pop("provenance", None)
        d.pop("repairs", None)
        out.append(d)
    return out


def alive(pid: int) -> bool:
    """The process is running (a zombie waiting for a reaper that never comes counts as dead)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until(check, what: str, seconds: float = 60) -> None:
    """Poll `check` until it holds; fail naming `what` after `seconds` (a hang guard, not a timing)."""
    import time

    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"still waiting for: {what}"
        time.sleep(0.05)


def logged_pids(log: Path, per_line: int | None = None) -> list[int]:
    """The pids the fake child programs of a test wrote to `log` (the first `per_line` of each line)."""
    if not log.exists():
        return []
    return [int(p) for line in log.read_text().splitlines() for p in line.split()[:per_line]]


def kill_logged(log: Path, per_line: int | None = None) -> None:
    """Never leave a stray fake child behind, whatever a test did."""
    import contextlib
    import signal

    for pid in logged_pids(log, per_line):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


SCANNED_003 = SAMPLES / "scanned" / "003_72adce018a707e85.scan.pdf"


def scanned_page_pdf(dest: Path, page: int = 3, dpi: int = 200) -> Path:
    """One page of the scanned sample 003 re-saved as an image-only PDF at `dpi` (no text layer)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(SCANNED_003))
    try:
        pdf_page = doc[page]
        img = pdf_page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        pdf_page.close()
    finally:
        doc.close()
    img.save(dest, format="PDF", resolution=dpi)
    return dest


@cache
def have_tesseract() -> bool:
    """tesseract with its Vietnamese data (`make test` installs both; a bare machine may lack them)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False, timeout=60)
    return "vie" in (out.stdout + out.stderr).split()


def has_font(name: str) -> bool:
    """Whether PIL finds this TrueType font (tests that draw text fall back or skip without it)."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(name, 12)
    except OSError:
        return False
    return True


needs_tesseract = pytest.mark.skipif(not have_tesseract(), reason="tesseract with Vietnamese data not installed")


def corpus_misses(wanted: dict[str, str], key) -> list[str]:
    """The entries (values) of `wanted` whose key (its dict key, `key(...)` of the text) never occurs as
    whole words in the first 400,000 lines of each corpus file: a vocabulary entry no text attests."""
    found: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh):
                k = f" {key(line)} "
                found |= {w for w in wanted if w not in found and f" {w} " in k}
                if len(found) == len(wanted) or n > 400_000:
                    break
        if len(found) == len(wanted):
            break
    return sorted(wanted[w] for w in set(wanted) - found)


HANGING_SOFFICE = """#!/bin/sh
sleep 300 &
echo "$$ $!" >> "$FAKE_LOG"
sleep 300
"""  # a converter that starts a child of its own (soffice -> soffice.bin), logs both pids, and hangs


def hanging_soffice(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    """(environment with the hanging `soffice` first on PATH and a private TMPDIR, that TMPDIR, the pid log)."""
    bin_, tmp, log = tmp_path / "bin", tmp_path / "tmp", tmp_path / "pids.log"
    bin_.mkdir()
    tmp.mkdir()
    (bin_ / "soffice").write_text(HANGING_SOFFICE)
    (bin_ / "soffice").chmod(0o755)
    return dict(os.environ, PATH=f"{bin_}:{os.environ['PATH']}", TMPDIR=str(tmp), FAKE_LOG=str(log)), tmp, log


def fake_doc(folder: Path, name: str = "cu.doc") -> Path:
    """A file that sniffs as a legacy Word .doc (OLE header + WordDocument stream name): it goes to soffice."""
    path = folder / name
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\1" * 900
    )
    return path


def parse_text(tmp_path: Path, text: str):
    """A composed OCR'd text parsed as a file, as a user would give it."""
    from kehoach_parse.pipeline import parse

    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return parse(str(path))


def parse_docx_table(tmp_path: Path, rows: list[tuple[str, ...]]):
    """A plan typed in Word: `PHỤ LỤC` over one bordered table of `rows` (its header first), parsed."""
    import docx

    from kehoach_parse.pipeline import parse

    document = docx.Document()
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return parse(str(path))
