"""`kehoach report`: an offline HTML review page, each record beside the crop of its source row.

People check a parse by looking at it next to the source; this page puts both side by side in
one self-contained file (inline style and script, images as data: URIs) that works from a
file:// URL and as an e-mail attachment. `html` writes the page, `crops` cuts the source pages.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import InputError
from ..model import PlanDocument
from .crops import MAX_BYTES, MAX_CROPS, Budget, plan_crops
from .html import ReportPlan, report_html

__all__ = ["MAX_CROPS", "ReportPlan", "build_report", "plans_from_structured", "source_for_crops"]


def plans_from_structured(path: str) -> list[PlanDocument] | None:
    """The plans in a parse JSON/JSONL, or None when `path` is a document to parse.

    Anything that is JSON but not a plan is an InputError (one line, exit 3).
    """
    from pydantic import ValidationError

    from ..checking import NotAPlan, read_structured

    try:
        dicts = read_structured(path)
    except NotAPlan as exc:
        raise InputError(path, str(exc).removeprefix(f"{path}: ")) from None
    if dicts is None:
        return None
    try:
        return [PlanDocument.model_validate(d) for d in dicts]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(
            path, f"JSON không khớp lược đồ plan.schema.json ({where}: {first['msg']})", "tạo lại bằng `kehoach parse`"
        ) from None


def source_for_crops(plan: PlanDocument, given: str) -> str | None:
    """The source document of a parse JSON: its path as recorded, else beside the JSON; None if absent."""
    recorded = plan.source.path
    if recorded in ("-", "<stdin>"):
        return None
    for candidate in (recorded, os.path.join(os.path.dirname(given), recorded)):
        if os.path.isfile(candidate):
            return candidate
    return None


def build_report(
    items: Sequence[tuple[PlanDocument, str, str | None]],
    *,
    generator: str,
    max_crops: int = MAX_CROPS,
    max_bytes: int = MAX_BYTES,
) -> str:
    """(plan, input as given, file to crop from or None) for each plan -> the HTML page.

    The crop allowance is shared by the whole page, so a batch report stays bounded too.
    """
    budget = Budget(max_crops=max_crops, max_bytes=max_bytes)
    plans = []
    for plan, given, source in items:
        crops = plan_crops(plan, source, budget)
        plans.append(ReportPlan(plan, given, crops))
    return report_html(plans, generator)
