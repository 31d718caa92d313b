"""Classify an appendix section title into a CCHC content area (SPEC §2 Area).

The classifier lives in `lexicon/areas.py` (below both layers: the OCR-text loader needs it
too); its names are re-exported here.
"""

from __future__ import annotations

from ..lexicon.areas import area_of_title, classify_area

__all__ = ["area_of_title", "classify_area"]
