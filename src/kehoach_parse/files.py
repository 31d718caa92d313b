"""File helpers shared by the commands and the rule tables: atomic writes, names, package data.

Outputs are written through a temp file in the target's folder and renamed over it, so a
crash or a kill never leaves half a JSON where a reader expects a whole one. Rule tables
live as JSON in `data/` (reviewable without reading code) and are read once per process.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError

__all__ = ["OutputError", "check_regular", "read_data", "shown", "write_atomic"]


class OutputError(InputError):
    """An output could not be written (exit 3, one line naming the file)."""


def shown(text: str | os.PathLike[str]) -> str:
    """A file name (or a message holding one) fit to print or store as UTF-8.

    Python keeps the undecodable bytes of a file name as lone surrogates; those cannot be
    written as UTF-8, so each such byte is shown as `\\xNN` (the name on disk is untouched).
    """
    text = os.fspath(text)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def check_regular(path: str | os.PathLike[str]) -> None:
    """Refuse a FIFO, device or socket before anything opens it (opening a FIFO blocks)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the reader says so in its own words
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    what = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "thiết bị (device)"
    raise InputError(
        shown(path), f"là tệp đặc biệt ({what}), không phải tệp thường (not a regular file)", "chỉ đọc tệp thường"
    )


Writer = Callable[[BinaryIO], None]  # streams the output into an open binary file


def write_atomic(path: str | os.PathLike[str], text: str | bytes | Writer) -> None:
    """Write `text` (UTF-8, newlines as given; bytes as they are; or a writer streaming into the
    file) via a temp file and `os.replace`.

    The temp file is created with mode 0666 so the umask decides (0644 by default), like any
    file a program writes. The folder must exist: callers that own a folder tree create it.
    A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is
    written in place: renaming over it would replace a device with a file.
    Any failure is one OutputError line, and no temp file is left behind.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise OutputError(
            shown(target), f"thư mục {shown(target.parent)} không tồn tại", "tạo thư mục trước hoặc chọn -o khác"
        )
    try:
        special = target.exists() and not target.is_file()
        if special and target.is_dir():
            raise OutputError(shown(target), "là một thư mục, không phải tệp", "chọn -o là một tệp")
        if special:
            with open(target, "wb") as fb:
                _write(fb, text)
            return
    except OSError as exc:
        raise OutputError(shown(target), f"không ghi được tệp kết quả ({exc.strerror})", _WRITE_HINT) from exc
    tmp = target.parent / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise OutputError(shown(target), f"không ghi được tệp kết quả ({exc.strerror})", _WRITE_HINT) from exc
    try:
        with os.fdopen(fd, "wb") as fb:
            _write(fb, text)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(shown(target), f"không ghi được tệp kết quả ({exc.strerror})", _WRITE_HINT) from exc
        raise


def _write(fb: BinaryIO, text: str | bytes | Writer) -> None:
    if isinstance(text, bytes):
        fb.write(text)
    elif isinstance(text, str):
        fb.write(text.encode("utf-8"))
    else:
        text(fb)


_WRITE_HINT = "kiểm tra quyền ghi và chỗ trống của thư mục, hoặc chọn -o khác"


@cache
def read_data(name: str) -> Any:
    """A JSON file of the package's `data/` folder, parsed once (callers must not mutate it)."""
    return json.loads((Path(__file__).parent / "data" / name).read_text("utf-8"))
