"""The scan bench generator (samples/scanbench/make_scanbench.py).

Why: the bench's numbers are only worth something if the generator draws the same documents
every time and writes expectations that say what it drew. One small document (one page,
clean 300 dpi, no OCR) checks the drawing, the expectation and determinism; the committed
expectations must be what the generator composes; an OCR end-to-end run on two generated
scans (`slow`) checks that the parser and scorer take them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from conftest import have_tesseract
from kehoach_parse.evaluation import expectation_from_dict, load_expectation, score

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "samples" / "scanbench" / "make_scanbench.py"
EXPECTED = ROOT / "samples" / "scanbench" / "expected"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_scanbench", GENERATOR)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_scanbench"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


sb = _load()
needs_fonts = pytest.mark.skipif(
    bool(sb.missing_fonts()), reason=f"scan-bench fonts not installed ({sb.FONT_PACKAGES})"
)


def small_spec(seed: int = 11, condition: str = "clean300") -> object:
    """Two sections of one or two rows, no body page: one table page."""
    return sb.Spec(f"t-{condition}", 0, condition, "dev", seed=seed, sections=(2, 2), per_section=(1, 2), body=False)


@needs_fonts
def test_small_document_page_scan_and_expectation() -> None:
    doc = sb.compose(small_spec())
    pages, notes = sb.render_pages(doc)
    assert len(pages) == 1 and notes == []
    assert pages[0].size == (3508, 2480)  # A4 landscape at 300 dpi
    assert doc.scan.dpi == 300 and not doc.scan.searchable
    scans = sb.scan_document(doc, pages)
    assert len(scans) == 1 and scans[0].size == (3508, 2480)
    assert scans[0].getextrema() != pages[0].getextrema() or scans[0].mode != pages[0].mode  # it was degraded

    exp = expectation_from_dict(tomllib.loads(sb.expectation_toml(doc, notes)))
    assert exp.set == "scans-clean300-dev" and exp.complete and exp.reviewed
    assert exp.sources == ("out/scanbench/dev/t-clean300.pdf",)
    assert exp.metadata == {}  # no body page, no metadata to check
    assert [r.section for r in exp.records] == [r.section for r in doc.records]
    assert exp.records[0].section == "I" and {r.section for r in exp.records} == {"I", "II"}
    role = doc.layout.content_role
    for want, rec in zip(doc.records, exp.records, strict=True):
        assert rec.values[role]["text"] == want.content
        assert rec.values["lead"] == want.lead and rec.values["partners"] == want.partners
        assert rec.values["deadline"]["text"] == want.deadline["text"]


@needs_fonts
def test_same_seed_same_document_other_seed_other_document() -> None:
    a, b = sb.compose(small_spec()), sb.compose(small_spec())
    pa, pb = sb.render_pages(a)[0], sb.render_pages(b)[0]
    assert [p.tobytes() for p in pa] == [p.tobytes() for p in pb]
    assert [p.tobytes() for p in sb.scan_document(a, pa)] == [p.tobytes() for p in sb.scan_document(b, pb)]
    assert sb.expectation_toml(a) == sb.expectation_toml(b)
    c = sb.compose(small_spec(seed=12))
    assert sb.expectation_toml(c) != sb.expectation_toml(a)


@needs_fonts
def test_image_only_pdf_has_a4_pages_and_no_text(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    doc = sb.compose(small_spec())
    scans = sb.scan_document(doc, sb.render_pages(doc)[0])
    path = tmp_path / "t.pdf"
    sb.save_image_pdf(scans, doc.scan, path)
    first = path.read_bytes()
    sb.save_image_pdf(scans, doc.scan, path)
    assert path.read_bytes() == first  # no timestamp: byte-identical
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) == 1
        w, h = pdf[0].get_size()
        assert abs(w - 842) < 2 and abs(h - 595) < 2
        assert pdf[0].get_textpage().count_chars() == 0
    finally:
        pdf.close()


def test_omitted_columns_are_not_printed_and_their_fields_are_empty() -> None:
    """`Spec.omit` (the OCR-text `omit` sets) leaves one or two of outputs, partners and deadline out."""
    plain = sb.compose(small_spec())
    for seed in range(11, 19):
        spec = sb.Spec("t", 0, "clean300", "dev", seed=seed, sections=(2, 2), per_section=(1, 2), body=False, omit=True)
        doc = sb.compose(spec)
        gone = set(doc.layout.omitted)
        assert 1 <= len(gone) <= 2 and gone <= set(sb.OMITTABLE)
        assert not gone & set(doc.layout.roles) and len(doc.layout.headers) == len(doc.layout.roles)
        assert abs(sum(doc.layout.widths) - 1) < 1e-9
        raw = tomllib.loads(sb.expectation_toml(doc))
        assert expectation_from_dict(raw).records  # a valid expectation
        for rec in raw["records"]:
            assert ("deadline" not in gone) == (rec.get("deadline") is not None)
            assert "outputs" not in gone or not rec.get("outputs")
            assert "partners" not in gone or not rec.get("partners")
    # drawn from its own stream: the document drawn without it is unchanged
    assert sb.expectation_toml(sb.compose(small_spec())) == sb.expectation_toml(plain)
    assert not plain.layout.omitted


def test_bench_draw_covers_every_condition_dev_and_heldout() -> None:
    specs = sb.bench_specs()
    assert len(specs) == 40 and len({s.name for s in specs}) == 40
    per = Counter((s.condition, s.split) for s in specs)
    for cond in sb.CONDITIONS:
        assert per[(cond, "dev")] >= 4 and per[(cond, "heldout")] >= 4
        assert per[(cond, "dev")] + per[(cond, "heldout")] >= 8
    assert Counter(s.split for s in specs) == {"dev": 20, "heldout": 20}


def test_dev2_is_fifteen_further_documents() -> None:
    """`dev2` (sb41…sb55): three per condition, none of them a dev or held-back document."""
    dev2 = sb.dev2_specs()
    assert [s.name for s in dev2][:2] == ["sb41-clean300", "sb42-grey200"] and len(dev2) == 15
    assert Counter(s.condition for s in dev2) == dict.fromkeys(sb.CONDITIONS, 3)
    assert {s.split for s in dev2} == {"dev2"}
    assert not {s.index for s in dev2} & {s.index for s in sb.bench_specs()}


@needs_fonts
def test_committed_expectations_are_what_the_generator_composes() -> None:
    specs = sb.bench_specs() + sb.dev2_specs()
    files = sorted(EXPECTED.rglob("*.toml"))
    assert len(files) == len(specs), "run `make scanbench` and commit samples/scanbench/expected/"
    for spec in specs:
        doc = sb.compose(spec)
        _, notes = sb.render_table(doc)
        path = sb.expectation_path(doc, EXPECTED)
        assert path.read_text(encoding="utf-8") == sb.expectation_toml(doc, notes), f"{path} is stale"
        exp = load_expectation(path)
        assert exp.set == f"scans-{spec.condition}-{spec.split}"
        assert exp.sources == (f"out/scanbench/{spec.split}/{spec.name}.pdf",)
        assert exp.records and exp.metadata["period"][0] == exp.metadata["period"][1]


@pytest.mark.slow
@needs_fonts
@pytest.mark.skipif(not have_tesseract(), reason="tesseract with Vietnamese data not installed")
def test_ocr_end_to_end_image_only_and_searchable(tmp_path: Path) -> None:
    """The same one-page scan as an image-only and as a searchable PDF: both parse and can be scored."""
    from kehoach_parse.pipeline import parse

    doc = sb.compose(small_spec(seed=5))
    exp = expectation_from_dict(tomllib.loads(sb.expectation_toml(doc)))
    scans = sb.scan_document(doc, sb.render_pages(doc)[0])
    image_only, searchable = tmp_path / "image.pdf", tmp_path / "searchable.pdf"
    sb.save_image_pdf(scans, doc.scan, image_only)
    sb.save_searchable_pdf(scans, doc.scan, searchable)

    # Plumbing only: how many records the parser gets right is the bench's number (`make eval-scans`), not a test.
    plan = parse(str(image_only))
    assert plan.source.kind == "scanned" and plan.source.pages == 1
    s = score(exp, plan, source=str(image_only))
    assert s.n_expected == len(doc.records) and s.n_parsed == len(plan.records)

    plan2 = parse(str(searchable))
    assert plan2.source.pages == 1
    s2 = score(exp, plan2, source=str(searchable))
    assert s2.n_expected == s.n_expected


def test_eval_names_a_missing_bench_source_and_the_command_that_makes_it(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        '[document]\nsources = ["out/scanbench/dev/no-such-document.pdf"]\nset = "scans-clean300-dev"\n'
        'reviewed_by = "test"\n\n[[records]]\nsection = "I"\ntask = "Một nhiệm vụ"\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval.py"), "--dir", str(tmp_path), "--by-condition"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-document.pdf" in lines[0] and "make scanbench" in lines[0]
