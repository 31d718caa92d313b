"""A start-up compile cache for `kehoach parse`, kept next to our bytecode like a .pyc.

Every cold start compiles ~130 regexes (Python's regex compiler is itself Python) and execs
the generated source of the methods of ~75 dataclasses (ours, pydantic's, annotated_types'):
about a sixth of a cold text parse, redone identically on every run. What they compile to
depends only on the source text (and flags) and on the interpreter, so the compiled forms are
kept in one marshal file in our `__pycache__` folder, read once at start and written again
only when a run compiled something it did not hold. A hit builds the very object a miss
builds (the same code object, the same regex program), so no output can change; a missing,
unreadable or foreign file only means compiling as usual.

Set KEHOACH_COMPILE_CACHE=off to disable it, or to a file path to keep the cache there.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine: what re._compiler hands its program to
import builtins
import contextlib
import dataclasses
import marshal
import os
import re
import sys
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

_FORMAT = 2
# A run that brings the file past this many entries (text, DOCX and PDF plans need ~600) rewrites
# it with that run's entries only: patterns built from a document's own text must not grow it.
_MAX_ENTRIES = 1500
# The hooks rely on CPython 3.11's `dataclasses` (methods made by `exec` of source text) and
# `re._compiler` (parse, then `_code`, then `_sre.compile`); elsewhere the cache stays off.
_SUPPORTED = sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11)


class _State:
    def __init__(self) -> None:
        self.path: Path | None = None
        self.codes: dict[str, Any] = {}  # dataclass method source -> code object
        self.regexes: dict[tuple[str | bytes, int], tuple[Any, ...]] = {}  # (pattern, flags) -> _sre.compile args
        self.new = 0
        self.used_codes: set[str] = set()
        self.used_regexes: set[tuple[str | bytes, int]] = set()


_state: _State | None = None
_original_compile = _compiler.compile


def cache_path() -> Path | None:
    """Where the cache lives (None: disabled): one file per interpreter build and regex format."""
    setting = os.environ.get("KEHOACH_COMPILE_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-sre{_sre.MAGIC}"
    return Path(__file__).parent / "__pycache__" / f"kehoach-compile.{tag}.marshal"


def _read(path: Path) -> tuple[dict[str, Any], dict[tuple[str | bytes, int], tuple[Any, ...]]]:
    try:
        with open(path, "rb") as fh:
            data = marshal.loads(fh.read())  # `marshal.load(fh)` reads piece by piece: 20x slower
        fmt, codes, regexes = data
        if fmt == _FORMAT and isinstance(codes, dict) and isinstance(regexes, dict):
            return codes, regexes
    except Exception:  # missing, truncated, another format: compile as usual
        pass
    return {}, {}


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """`exec` for `dataclasses`: source text is compiled once per cache, as `exec` compiles it."""
    state = _state
    if isinstance(source, str):
        code = state.codes.get(source) if state is not None else None
        if code is None:
            # dont_inherit: compiled as `exec` compiles it for dataclasses, whose module has no
            # `from __future__` import (this one's would make the methods' annotations strings)
            code = compile(source, "<string>", "exec", dont_inherit=True)
            if state is not None:
                state.codes[source] = code
                state.new += 1
        if state is not None:
            state.used_codes.add(source)
        source = code
    builtins.exec(source, globals, locals)


def _compile_regex(p: Any, flags: int = 0) -> Any:
    """`re._compiler.compile` with the program looked up first; the same steps as the original."""
    state = _state
    if state is None or not isinstance(p, (str, bytes)) or flags & re.DEBUG:
        return _original_compile(p, flags)
    key = (p, int(flags))
    args = state.regexes.get(key)
    if args is None:
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1,
                dict(groupindex), tuple(indexgroup))  # fmt: skip
        state.regexes[key] = args
        state.new += 1
    state.used_regexes.add(key)
    final_flags, code_list, groups, groupindex, indexgroup = args
    return _sre.compile(p, final_flags, code_list, groups, dict(groupindex), indexgroup)


def enable() -> None:
    """Use (and fill) the cache until `disable()`; a no-op when off or unsupported."""
    global _state
    path = cache_path()
    if _state is not None or path is None or not _SUPPORTED:
        return
    state = _State()
    state.path = path
    state.codes, state.regexes = _read(path)
    _state = state
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin inside dataclasses only
    _compiler.compile = _compile_regex


def disable() -> None:
    """Put `exec` and the regex compiler back; write the cache if this run compiled anything new."""
    global _state
    state = _state
    if state is None:
        return
    _compiler.compile = _original_compile
    with contextlib.suppress(AttributeError):
        del dataclasses.exec  # type: ignore[attr-defined]
    _state = None  # a thread still inside a hook falls back to the plain compilers
    if state.new and state.path is not None:
        _write(state)


def _write(state: _State) -> None:
    codes, regexes = state.codes, state.regexes
    if len(codes) + len(regexes) > _MAX_ENTRIES:
        codes = {k: v for k, v in codes.items() if k in state.used_codes}
        regexes = {k: v for k, v in regexes.items() if k in state.used_regexes}
    assert state.path is not None
    from .files import OutputError, write_atomic

    try:
        state.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(state.path, marshal.dumps((_FORMAT, codes, regexes)))  # whole or not at all
    except (OSError, OutputError, ValueError):  # a read-only install, a full disk: the next run compiles again
        pass
