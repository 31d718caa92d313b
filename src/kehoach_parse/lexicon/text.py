"""Text clean-up shared by the loaders and the plan readers."""

from __future__ import annotations

import re

__all__ = ["strip_markup"]

_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__")


def strip_markup(text: str) -> str:
    """Remove HTML tags and markdown emphasis that text exports leave in cells."""
    return _MARKUP.sub("", text)
