"""Errors that reach a person: one line naming the file, what is wrong and what to do."""

from __future__ import annotations


class KehoachError(Exception):
    """Base of the errors the CLI turns into one stderr line and an exit code."""

    exit_code = 3


class InputError(KehoachError):
    """An input could not be read or parsed (exit 3)."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path, self.problem, self.hint = path, problem, hint
        super().__init__(self.line())

    def line(self) -> str:
        tail = f" — {self.hint}" if self.hint else ""
        return f"{self.path}: {self.problem}{tail}"


class OptionError(KehoachError):
    """An option's file (e.g. --gazetteer) is missing or malformed (exit 2)."""

    exit_code = 2
