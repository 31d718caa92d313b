"""Text clean-up shared by the loaders and the plan readers."""

from __future__ import annotations

import re

__all__ = ["is_mark", "strip_markup"]

_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__")


def strip_markup(text: str) -> str:
    """Remove HTML tags and markdown emphasis that text exports leave in cells."""
    return _MARKUP.sub("", text)


def is_mark(token: str) -> bool:
    """A token with no letter or figure: a rule's remnant or grain OCR left between words (`|`, `_`, `„`, `=`)."""
    return not any(ch.isalnum() for ch in token)
