"""kehoach-parse: Vietnamese CCHC plans (Kế hoạch cải cách hành chính) to validated data.

from kehoach_parse import parse, validate
plan = parse("plan.docx")          # -> PlanDocument
findings = validate(plan)          # -> list[Finding]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["__version__", "parse", "validate"]

if TYPE_CHECKING:
    from .model import Finding, PlanDocument


def parse(path: str, **options: Any) -> PlanDocument:
    """Parse one plan document (PDF, DOCX, text export, OCR text, image) into a PlanDocument."""
    from .pipeline import parse as _parse

    return _parse(path, **options)


def validate(plan: PlanDocument) -> list[Finding]:
    """Run the validation rules over a parsed plan and return the findings."""
    from .validate import validate as _validate

    return _validate(plan)
