"""Shared fixtures: tests run from the repo root so sample paths read as a user types them."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"  # reviewed expectations, *.toml (samples/expected/README.md)

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
