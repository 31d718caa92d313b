"""The start-up compile cache (issue 13 item 4) builds exactly what the compilers build.

A cached regex must be the same program (`Pattern.__eq__` compares the compiled code), a
cached dataclass method the same code object; a parse reads the same bytes whether the cache
is off, cold or warm; a damaged cache file is ignored; the hooks never outlive the command.
The faster screens of this round (`marked_share`, `_unicode_letters`) are checked against
their plain per-word and per-character definitions.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach_parse import compile_cache

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "samples" / "004_4eb45db0ba18c56a.txt"

pytestmark = pytest.mark.skipif(not compile_cache._SUPPORTED, reason="the cache hooks CPython 3.11 only")

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<num>\d+(?:\.\d+)*)\s*[.:]?\s*(?P<rest>.*)", 0),
    (r"\b(?:tinh|thanh pho|tp)\W{0,2}\s*(ha\s+noi|bac\s+giang)\b", 0),
    (r"[àáảãạăđ]+", re.IGNORECASE),
    (r"(?i)quý\s*(?:I{1,3}|IV)(?![0-9a-z])", 0),
    (r"^\s*[-+•–]\s*", re.MULTILINE),
    (r"(a)|(?P<b>b)(?(1)c|d)", re.VERBOSE),
    (rb"\x00[\x01-\x7f]+", 0),
    (r"[^\W\d_]{2,}", re.ASCII),
]


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache.marshal"
    monkeypatch.setenv("KEHOACH_COMPILE_CACHE", str(path))
    yield path
    compile_cache.disable()


def _cached(pattern: str | bytes, flags: int) -> re.Pattern:
    return re._compiler.compile(pattern, flags)  # type: ignore[attr-defined]  # the hooked function


def test_regexes_are_the_same_program_cold_and_warm(cache_file: Path) -> None:
    plain = [compile_cache._original_compile(p, f) for p, f in PATTERNS]
    for _round in ("cold", "warm"):
        compile_cache.enable()
        cached = [_cached(p, f) for p, f in PATTERNS]
        compile_cache.disable()
        assert cache_file.exists()
        for a, b in zip(plain, cached, strict=True):
            assert a == b  # Pattern equality compares flags and the compiled code
            assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert re._compiler.compile is compile_cache._original_compile  # type: ignore[attr-defined]


def _make_class() -> type:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Cell:
        text: str
        col: int = 0
        tags: tuple[str, ...] = ()
        extra: list[int] = dataclasses.field(default_factory=list, hash=False)

    return Cell


def _methods(cls: type) -> dict[str, tuple]:
    out = {}
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        fn = cls.__dict__[name]
        code = fn.__code__
        out[name] = (code.co_code, code.co_consts, code.co_names, code.co_varnames, code.co_flags, fn.__annotations__)
    return out


def test_dataclass_methods_are_the_same_code_cold_and_warm(cache_file: Path) -> None:
    plain = _make_class()
    for _round in ("cold", "warm"):
        compile_cache.enable()
        cached = _make_class()
        compile_cache.disable()
        assert _methods(cached) == _methods(plain)
        a, b = plain("x", 2), cached("x", 2)
        assert repr(a).split(".")[-1] == repr(b).split(".")[-1] and hash(a) == hash(b)
        with pytest.raises(dataclasses.FrozenInstanceError):
            b.col = 3  # type: ignore[misc]
    assert "exec" not in vars(dataclasses)


def _parse(out: Path, **env: str) -> bytes:
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **env}
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach_parse.cli", "parse", str(TEXT), "-o", str(out)],
        capture_output=True, text=True, timeout=300, env=full,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return out.read_bytes()


def test_parse_gives_the_same_bytes_with_the_cache_off_cold_warm_and_damaged(tmp_path: Path) -> None:
    cache = tmp_path / "cache.marshal"
    off = _parse(tmp_path / "off.json", KEHOACH_COMPILE_CACHE="off")
    assert not cache.exists()
    cold = _parse(tmp_path / "cold.json", KEHOACH_COMPILE_CACHE=str(cache))
    assert cache.stat().st_size > 0
    written = cache.stat().st_mtime_ns
    warm = _parse(tmp_path / "warm.json", KEHOACH_COMPILE_CACHE=str(cache))
    assert cache.stat().st_mtime_ns == written  # nothing new compiled: not written again
    cache.write_bytes(b"\x00garbage")
    damaged = _parse(tmp_path / "damaged.json", KEHOACH_COMPILE_CACHE=str(cache))
    assert off == cold == warm == damaged
    assert compile_cache._read(cache)[0]  # rewritten whole


def test_hooks_are_gone_after_the_command_however_it_ends(cache_file: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kehoach_parse.cli import main

    for args in (["parse", str(TEXT), "-o", str(tmp_path / "o.json")], ["parse", str(tmp_path / "missing.txt")]):
        CliRunner().invoke(main, args)
        assert "exec" not in vars(dataclasses)
        assert re._compiler.compile is compile_cache._original_compile  # type: ignore[attr-defined]
        assert compile_cache._state is None


def test_unwritable_cache_place_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KEHOACH_COMPILE_CACHE", str(blocker / "sub" / "cache.marshal"))  # parent is a file
    compile_cache.enable()
    _cached(r"unwritable-(\d+)", 0)
    compile_cache.disable()
    assert compile_cache._state is None


def _marked_share_reference(text: str, skip_caps: bool = False) -> tuple[int, float]:
    marked = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if not (skip_caps and w.isupper())]
    if not words:
        return 0, 0.0
    return len(words), sum(1 for w in words if marked.search(w)) / len(words)


def _unicode_letters_reference(text: str) -> tuple[int, int]:
    ext = latin = 0
    for ch in text:
        o = ord(ch)
        if 0x1EA0 <= o <= 0x1EF9 or ch in "ăĂđĐơƠưƯĩĨũŨ":
            ext += 1
        elif 0xA0 <= o < 0x100:
            latin += 1
    return ext, latin


def test_fast_screens_agree_with_their_definitions() -> None:
    from kehoach_parse.vietnamese.encodings import _unicode_letters
    from kehoach_parse.vietnamese.orthography import marked_share

    rnd = random.Random(13)
    alphabet = "aăâbdđeêioôơuưyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậềếểễệìíỉĩịồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ09_-.İıſK\u0301\xa0\xff"
    randoms = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    texts = [TEXT.read_text("utf-8"), *randoms]
    texts += [f"ab{chr(cp)}c {chr(cp)}{chr(cp)}" for cp in range(0x80, 0x2000)]
    for text in texts:
        for skip_caps in (False, True):
            assert marked_share(text, skip_caps=skip_caps) == _marked_share_reference(text, skip_caps), text
        assert _unicode_letters(text) == _unicode_letters_reference(text), text
