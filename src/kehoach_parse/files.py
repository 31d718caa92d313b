"""File helpers shared by the commands and the rule tables: atomic writes, package data.

Outputs are written through a temp file in the target's folder and renamed over it, so a
crash or a kill never leaves half a JSON where a reader expects a whole one. Rule tables
live as JSON in `data/` (reviewable without reading code) and are read once per process.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["read_data", "write_atomic"]


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` (UTF-8, newlines as given) via a temp file in the same folder and `os.replace`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@cache
def read_data(name: str) -> Any:
    """A JSON file of the package's `data/` folder, parsed once (callers must not mutate it)."""
    return json.loads(resources.files("kehoach_parse.data").joinpath(name).read_text("utf-8"))
