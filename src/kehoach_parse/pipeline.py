"""load -> repair -> interpret -> validate: one function per stage, composed by `parse`."""

from __future__ import annotations

from .findings import finding
from .model import Finding, PlanDocument, Repair, Source
from .plan.interpret import Interpretation, interpret
from .source import SourceDocument

GENERATOR = "kehoach-parse"


def generator() -> str:
    from . import __version__

    return f"{GENERATOR} {__version__}"


def load(path: str, *, ocr: str = "auto", jobs: int = 1) -> SourceDocument:
    from .loaders import load as _load

    return _load(path, ocr=ocr, jobs=jobs)  # type: ignore[arg-type]


def repair(source: SourceDocument, *, force: bool = False) -> tuple[SourceDocument, list[Repair]]:
    """Fix broken Vietnamese in place (OCR'd sources always, other blocks when broken)."""
    from .repair import repair_source

    return repair_source(source, force=force)


def assemble(source: SourceDocument, interp: Interpretation, body_repairs: list[Repair]) -> PlanDocument:
    plan = PlanDocument(
        generator=generator(),
        source=Source(
            path=source.path,
            sha256=source.sha256,
            format=source.format,
            kind=source.kind,
            pages=source.pages,
            loader=source.loader,
            encoding=source.encoding,
        ),
        metadata=interp.metadata,
        records=interp.records,
        repairs=body_repairs,
    )
    plan.findings = processing_findings(source, interp, body_repairs) + run_validation(plan)
    return plan


def processing_findings(source: SourceDocument, interp: Interpretation, repairs: list[Repair]) -> list[Finding]:
    out: list[Finding] = []
    for note in source.notes:
        code = note.code if note.code in ("I_LEGACY_ENCODING",) else "I_LOADER"
        out.append(finding(code, page=note.page, line=note.line, message=note.message))
    if not interp.tables:
        out.append(finding("W_NO_TABLE"))
    for table, _cmap in interp.tables:
        if table.confidence < 1.0:
            out.append(finding("W_LOW_CONFIDENCE_TABLE", confidence=table.confidence))
    n_repairs = len(repairs) + sum(len(r.repairs) for r in interp.records)
    if n_repairs:
        out.append(finding("I_REPAIRED", count=n_repairs))
    return out


def run_validation(plan: PlanDocument) -> list[Finding]:
    from .validate import validate

    return validate(plan)


def parse(path: str, *, ocr: str = "auto", repair_text: bool = True, jobs: int = 1, **_: object) -> PlanDocument:
    """Parse one input file into a PlanDocument (see SPEC §1)."""
    source = load(path, ocr=ocr, jobs=jobs)
    body_repairs: list[Repair] = []
    if repair_text:
        source, body_repairs = repair(source)
    interp = interpret(source)
    return assemble(source, interp, body_repairs)
