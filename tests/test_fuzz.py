"""The fuzzing harness (scripts/fuzz.py) on a short CI budget, and the inputs it found, replayed.

`make fuzz FUZZ_SECONDS=600` is the long run; here each target gets a few seconds of
derandomised recipes, so the run is the same on every machine for the same code. Every
input must end in a SourceDocument or a one-line InputError (the CLI: exit 0, or exit 3
with one `kehoach:` line), with no traceback, within the harness's time and memory caps.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
_spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
assert _spec and _spec.loader
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz"] = fuzz
_spec.loader.exec_module(fuzz)

CI_SECONDS = {"text": 3, "docx": 4, "pdf": 5, "image": 2, "cli": 6}  # ~20 s in all

# Failures found by the fuzzer whose fix lies outside the loaders' limits (issue 14), each
# kept as a regression test below (each was fixed at its cause; the replay fails if it comes back).
FOUND = {
    # text.py `_tsv_table`: a line of TABs only opens a TSV block with no non-blank line -> IndexError
    "tabs_only_line": (
        "text",
        fuzz.Recipe("samples/legacy/003_72adce018a707e85.tcvn3.txt", (("text_repeat", 3, 50),)),
        "issue 14: text loader IndexError on a TAB-only line (loaders/text.py _tsv_table)",
    ),
    # pdfminer logs `Execute called on non-indirect object` to stderr before the one line (item 11)
    "pdfminer_warnings": (
        "pdf",
        fuzz.Recipe(
            "samples/pdf/000_b9abb36b8c36f44d.pdf",
            (("splice", 688, 12618, 68), ("pdf_length", 14038104, 688), ("pdf_loop", 1108), ("pdf_deep_array", 333)),
        ),
        "issue 14 item 11: pdfminer warnings reach stderr",
    ),
    # text.py: a line with a broken UTF-8 sequence after a legacy-looking one -> UnicodeDecodeError (item 12 work)
    "mixed_line_decode": (
        "text",
        fuzz.Recipe(
            "samples/003_72adce018a707e85.txt",
            (
                ("text_repeat", 319, 132),
                ("text_repeat", 108, 132),
                ("text_repeat", 132, 5344),
                ("delete", 579, 3628799),
            ),
        ),
        "text loader UnicodeDecodeError in the per-line decoding (loaders/text.py)",
    ),
    # limits.check_pdf: pdfium could count the pages but not size one (`make fuzz`, 10 min pdf run)
    "pdfium_page_size": (
        "pdf",
        fuzz.Recipe(
            "samples/scanned/000_b9abb36b8c36f44d.scan.pdf", (("interesting", 29, 79), ("interesting", 29, 79))
        ),
        "PdfiumError from limits.check_pdf get_page_size (loaders/limits.py)",
    ),
    # pdf_routing.page_facts: `/Count 0` in the page tree -> pypdfium2 PdfiumError "Failed to load page."
    "pdfium_page_count": (
        "pdf",
        fuzz.Recipe("samples/pdf/000_b9abb36b8c36f44d.reordered.pdf", (("pdf_count", 35),)),
        "PdfiumError from pdf_routing.page_facts (loaders/pdf_routing.py)",
    ),
    # plan/columns._looks_agency split a 435 KB cell of `Sở Nội vụ; ` whole per probe (quadratic) -> timeout
    "huge_agency_cell": (
        "text",
        fuzz.Recipe("samples/000_b9abb36b8c36f44d.txt", (("text_repeat", 901561, 254789606),)),
        "timeout in plan/columns.infer_roles -> _looks_agency -> split_agencies on a huge cell",
    ),
}


def _known(target: str, outcome: fuzz.Outcome) -> bool:
    """A failure of one of the open FOUND kinds (so the CI run reports new failures only): none is open now."""
    return False


@pytest.mark.fuzz
@pytest.mark.parametrize("target", list(CI_SECONDS))
def test_fuzz_short_budget(target: str, tmp_path: Path) -> None:
    stats = fuzz.fuzz(target, CI_SECONDS[target], out=tmp_path, log=False, derandomize=True)
    assert stats.executions > 0
    new = [(r.to_json(), o.kind, o.detail[-600:]) for r, o in stats.failures if not _known(target, o)]
    assert not new, new


@pytest.mark.parametrize("name", list(FOUND))
def test_found_inputs_replayed(name: str) -> None:
    target, recipe, why = FOUND[name]
    outcome = fuzz.run_one(target, recipe.build())
    assert outcome.kind in ("ok", "refused"), f"{why}: {outcome.kind} {outcome.detail[-600:]}"


@pytest.mark.parametrize("name", sorted(fuzz.MUTATORS))
def test_every_mutator_applies_to_every_seed_kind(name: str) -> None:
    """Mutators are total: whatever the seed, they return bytes (recipes must always replay)."""
    for target in ("text", "docx", "pdf", "image"):
        seed = fuzz.seeds(target)[0]
        args = (7,) * fuzz.MUTATORS[name][1]
        if name in ("zip_bomb", "pdf_bomb"):
            continue  # 210 MB each: exercised by the fuzz runs and by tests/test_limits.py
        assert isinstance(fuzz.MUTATORS[name][0](seed.read_bytes(), *args), bytes)


def test_harness_catches_a_hang_and_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's alarm and traceback detection work (a harness that cannot fail proves nothing)."""
    monkeypatch.setattr(fuzz, "INPUT_TIMEOUT", 1)
    from kehoach_parse.loaders import text

    def hang(raw: object, *rest: object) -> None:
        while True:
            pass

    monkeypatch.setattr(text, "load", hang)
    assert fuzz.run_one("text", b"Ke hoach\n").kind == "timeout"

    def crash(raw: object, *rest: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(text, "load", crash)
    outcome = fuzz.run_one("text", b"Ke hoach\n")
    assert outcome.kind == "crash" and "boom" in outcome.detail
