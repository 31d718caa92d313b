"""load -> repair -> interpret -> validate: one function per stage, composed by `parse`."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OptionError
from .files import shown
from .findings import REGISTRY, finding
from .loaders.limits import Limits
from .model import Finding, PageRoute, PlanDocument, Repair, Source
from .plan.agencies import load_gazetteer
from .plan.interpret import Interpretation, interpret
from .source import SourceDocument

GENERATOR = "kehoach-parse"


def generator() -> str:
    from . import __version__

    return f"{GENERATOR} {__version__}"


def load(path: str, *, ocr: str = "auto", jobs: int = 1, limits: Limits | None = None) -> SourceDocument:
    from .loaders import load as _load

    return _load(path, ocr=ocr, jobs=jobs, limits=limits)  # type: ignore[arg-type]


def repair(source: SourceDocument, *, force: bool = False) -> tuple[SourceDocument, list[Repair]]:
    """Fix broken Vietnamese in place (OCR'd sources always, other blocks when broken)."""
    from .repair import repair_source

    return repair_source(source, force=force)


def assemble(source: SourceDocument, interp: Interpretation, body_repairs: list[Repair]) -> PlanDocument:
    plan = PlanDocument(
        generator=generator(),
        source=Source(
            path=shown(source.path),  # a non-UTF-8 file name stays storable: bytes as \xNN
            sha256=source.sha256,
            format=source.format,
            kind=source.kind,
            pages=source.pages,
            loader=source.loader,
            encoding=source.encoding,
            page_routes=page_routes(source),
        ),
        metadata=interp.metadata,
        records=interp.records,
        repairs=body_repairs,
    )
    plan.findings = processing_findings(source, interp, body_repairs) + run_validation(plan)
    return plan


def page_routes(source: SourceDocument) -> list[PageRoute]:
    """One route per page (SPEC §2); a loader that routes pages itself says so, else every page has its kind."""
    if source.page_routes:
        return list(source.page_routes)
    return [source.kind] * (source.pages or 1)


def processing_findings(source: SourceDocument, interp: Interpretation, repairs: list[Repair]) -> list[Finding]:
    out: list[Finding] = []
    for note in source.notes:
        code = note.code if note.code in REGISTRY and "{message}" in REGISTRY[note.code].message else "I_LOADER"
        out.append(finding(code, page=note.page, line=note.line, message=note.message))
    if not interp.tables and not interp.records:
        out.append(finding("W_NO_TABLE"))
    for table, _cmap in interp.tables:
        if table.confidence < 1.0:
            out.append(finding("W_LOW_CONFIDENCE_TABLE", confidence=table.confidence))
    out.extend(interp.findings)
    n_repairs = len(repairs) + sum(len(r.repairs) for r in interp.records)
    if n_repairs:
        out.append(finding("I_REPAIRED", count=n_repairs))
    return out


def run_validation(plan: PlanDocument) -> list[Finding]:
    from .validate import validate

    return validate(plan)


def gazetteer_or_fail(path: str):
    """Load a user gazetteer, turning any problem into a one-line usage error."""
    try:
        return load_gazetteer(Path(path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OptionError(f"{path}: không đọc được tệp --gazetteer ({exc}) — cần CSV/JSON alias,name,kind") from exc


def parse(
    path: str | os.PathLike[str],
    *,
    ocr: str = "auto",
    repair_text: bool = True,
    jobs: int = 1,
    gazetteer: str | None = None,
    limits: Limits | None = None,
) -> PlanDocument:
    """Parse one input file into a PlanDocument.

    `gazetteer` names a CSV/JSON of agency aliases merged over the built-in gazetteer;
    `limits` overrides the input limits (pages, pixels, sizes: `loaders.limits.Limits`).
    """
    if ocr not in ("auto", "always", "never"):
        raise ValueError(f"ocr must be 'auto', 'always' or 'never', not {ocr!r}")
    gz = gazetteer_or_fail(gazetteer) if gazetteer else None
    source = load(os.fspath(path), ocr=ocr, jobs=jobs, limits=limits)
    body_repairs: list[Repair] = []
    if repair_text:
        source, body_repairs = repair(source)
    interp = interpret(source, gz)
    return assemble(source, interp, body_repairs)
