#!/usr/bin/env python3
"""Fuzz every loader and the CLI with mutated samples (issue 14): `make fuzz FUZZ_SECONDS=600`.

Hypothesis draws a recipe — a seed file from samples/ plus 1-4 mutations — and the recipe is
replayed in a child forked from a warm server (imports done once), so each input gets its
own RLIMIT_AS, an alarm and its own peak RSS (wait4). The property, per input:

- loaders (text, docx, pdf, image): a SourceDocument or an InputError whose message is one
  line; nothing else raised, nothing written to stderr;
- cli (`kehoach parse FILE`): exit 0 with no stderr, or exit 3 with exactly one stderr line
  `kehoach: …`; never a traceback;
- always within the time and memory caps (a timeout or MemoryError is a failure).

Failures are written to out/fuzz/<target>-<hash>.{bin,json} (the input and its recipe);
tests/test_fuzz.py replays recipes as regression tests. Mutators know zip (member
duplication, dropping, lying sizes, bombs), XML (deep nesting, nested text boxes, wide
tables, entities), PDF (huge boxes and counts, flate bombs, deep arrays, page-tree loops)
and PNG headers, besides byte flips, truncation and splicing.

OCR is not fuzzed by default (tesseract is hidden from the children, so scanned inputs stop
at `require_tesseract` after decoding); `--ocr` keeps it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))


TARGETS = ("text", "docx", "pdf", "image", "cli")
MEMORY_CAP = 2_000_000_000  # RLIMIT_AS of each child
INPUT_TIMEOUT = 60  # seconds per input


def seeds(target: str) -> list[Path]:
    """Files of samples/ a target starts from (the CLI takes them all)."""
    s = ROOT / "samples"
    by_target = {
        "text": sorted(s.glob("*.txt")) + sorted((s / "legacy").glob("*.txt")),
        "docx": sorted((s / "docx").glob("*.docx"))[:3]
        + sorted((s / "handmade").rglob("*.docx"))[:3]
        + sorted((s / "legacy").glob("*.docx")),
        "pdf": sorted((s / "pdf").glob("*.pdf"))[:3] + sorted((s / "scanned").glob("*.pdf"))[:1],
        "image": sorted((s / "images").glob("*.png")),
    }
    if target == "cli":
        return [p for t in ("text", "docx", "pdf", "image") for p in by_target[t][:2]]
    return by_target[target]


# --- mutators: each (data, *ints) -> data, deterministic, so a recipe replays exactly ---------

Op = tuple[Any, ...]


def _pos(data: bytes, n: int) -> int:
    return n % (len(data) + 1)


def flip(data: bytes, at: int, bit: int) -> bytes:
    if not data:
        return data
    i = at % len(data)
    return data[:i] + bytes([data[i] ^ (1 << (bit % 8))]) + data[i + 1 :]


def truncate(data: bytes, at: int) -> bytes:
    return data[: _pos(data, at)]


def splice(data: bytes, at: int, length: int, to: int) -> bytes:
    """Copy a slice of the file elsewhere in it (duplicated structure)."""
    i = _pos(data, at)
    piece = data[i : i + length % 4096]
    j = _pos(data, to)
    return data[:j] + piece + data[j:]


def delete(data: bytes, at: int, length: int) -> bytes:
    i = _pos(data, at)
    return data[:i] + data[i + length % 4096 :]


_INTERESTING = [b"0", b"-1", b"4294967295", b"99999999999999999999", b"1e308", b"NaN", b"\xff\xff\xff\xff", b"\x00"]


def interesting(data: bytes, at: int, which: int) -> bytes:
    """Overwrite a number-looking spot (or any spot) with a boundary value."""
    nums = [m.span() for m in re.finditer(rb"\d+", data[:200_000])]
    value = _INTERESTING[which % len(_INTERESTING)]
    if nums:
        i, j = nums[at % len(nums)]
    else:
        i = j = _pos(data, at)
    return data[:i] + value + data[j:]


# zip ---------------------------------------------------------------------------------------


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [(i, zf.read(i)) for i in zf.infolist()]
    except Exception:
        return None


def _rezip(members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, _quiet_duplicates():
        for info, blob in members:
            zf.writestr(info, blob)
    return out.getvalue()


class _quiet_duplicates:
    def __enter__(self) -> None:
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self._w.__exit__(*exc)


def zip_duplicate(data: bytes, which: int) -> bytes:
    members = _members(data)
    if not members:
        return data
    info, blob = members[which % len(members)]
    return _rezip([*members, (info.filename, blob[::-1] if which % 2 else blob)])


def zip_drop(data: bytes, which: int) -> bytes:
    members = _members(data)
    if not members:
        return data
    del members[which % len(members)]
    return _rezip(members)  # type: ignore[arg-type]


def zip_lie(data: bytes, which: int, size: int) -> bytes:
    """Patch a central-directory entry's uncompressed size (headers can lie)."""
    buf = bytearray(data)
    entries = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    if not entries:
        return data
    at = entries[which % len(entries)] + 24
    buf[at : at + 4] = (size % (1 << 32)).to_bytes(4, "little")
    return bytes(buf)


_BOMB: dict[int, bytes] = {}


def zip_bomb(data: bytes, which: int) -> bytes:
    """Replace a member by 210 MB of spaces (just over the default part limit), deflated."""
    members = _members(data)
    if not members:
        return data
    if 210 not in _BOMB:
        _BOMB[210] = b" " * 210_000_000
    info, _ = members[which % len(members)]
    members[which % len(members)] = (info, _BOMB[210])
    return _rezip(members)  # type: ignore[arg-type]


def _xml_member(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    members = _members(data)
    if not members:
        return edit(data)  # a plain XML or text file
    names = [i.filename for i, _ in members]
    k = names.index("word/document.xml") if "word/document.xml" in names else 0
    info, blob = members[k]
    members[k] = (info, edit(blob))
    return _rezip(members)  # type: ignore[arg-type]


def _in_body(xml: bytes, inner: Callable[[bytes], bytes]) -> bytes:
    m = re.search(rb"<w:body>", xml)
    if not m:
        return inner(xml)
    return xml[: m.end()] + inner(b"") + xml[m.end() :]


def xml_deep(data: bytes, depth: int) -> bytes:
    d = depth % 20_000
    return _xml_member(
        data, lambda x: _in_body(x, lambda _: b"<w:sdt><w:sdtContent>" * d + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * d)
    )


def xml_boxes(data: bytes, depth: int) -> bytes:
    d = depth % 40
    inner = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(d):
        inner = (
            b"<w:p><w:r><w:t>b</w:t></w:r><w:r><w:pict><w:txbxContent>"
            + inner
            + b"</w:txbxContent></w:pict></w:r></w:p>"
        )
    return _xml_member(data, lambda x: _in_body(x, lambda _: inner))


def xml_wide(data: bytes, cols: int, span: int) -> bytes:
    n = cols % 3000 + 1
    cell = b'<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr><w:p/></w:tc>' % (span % 1_000_000_001)
    table = b"<w:tbl><w:tblGrid>" + b"<w:gridCol/>" * n + b"</w:tblGrid><w:tr>" + cell * n + b"</w:tr></w:tbl>"
    return _xml_member(data, lambda x: _in_body(x, lambda _: table))


def xml_entities(data: bytes, which: int) -> bytes:
    """A DOCTYPE with entity expansion (billion laughs) or an external file (XXE)."""
    decl = [
        b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ][which % 2]

    def edit(x: bytes) -> bytes:
        x = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", x)
        return decl + _in_body(x, lambda _: b"<w:p><w:r><w:t>&e;</w:t></w:r></w:p>")

    return _xml_member(data, edit)


def xml_unclose(data: bytes, which: int) -> bytes:
    """Drop one closing tag (malformed XML)."""

    def edit(x: bytes) -> bytes:
        closes = [m.span() for m in re.finditer(rb"</[^>]+>", x[:500_000])]
        if not closes:
            return x
        i, j = closes[which % len(closes)]
        return x[:i] + x[j:]

    return _xml_member(data, edit)


# PDF ---------------------------------------------------------------------------------------


def pdf_box(data: bytes, which: int, size: int) -> bytes:
    boxes = list(re.finditer(rb"/(Media|Crop)Box\s*\[[^\]]*\]", data))
    if not boxes:
        return data
    m = boxes[which % len(boxes)]
    side = [14400, 200000, 0, -595, 10**12][size % 5]
    return data[: m.start()] + b"/MediaBox [0 0 %d %d]" % (side, side) + data[m.end() :]


def pdf_count(data: bytes, value: int) -> bytes:
    return re.sub(rb"/Count \d+", b"/Count %d" % [0, 10**9, 2**31, 5][value % 4], data, count=1)


def pdf_length(data: bytes, which: int, value: int) -> bytes:
    lengths = list(re.finditer(rb"/Length \d+", data))
    if not lengths:
        return data
    m = lengths[which % len(lengths)]
    return data[: m.start()] + b"/Length %d" % [0, 1, 10**10, value % 100000][value % 4] + data[m.end() :]


def pdf_bomb(data: bytes, which: int) -> bytes:
    """Append a page whose content is 210 MB of spaces (just over the stream limit)."""
    del which
    if 0 not in _BOMB:
        _BOMB[0] = zlib.compress(b" " * 210_000_000, 9)
    obj = b"\n9999 0 obj\n<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(_BOMB[0]) + _BOMB[0]
    i = data.rfind(b"xref")
    i = len(data) if i == -1 else i
    return data[:i] + obj + b"\nendstream\nendobj\n" + data[i:]


def pdf_deep_array(data: bytes, depth: int) -> bytes:
    d = depth % 50_000 + 1
    m = re.search(rb"/Type\s*/Page\b", data)
    if not m:
        return data
    return data[: m.end()] + b" /Junk " + b"[" * d + b"]" * d + data[m.end() :]


def pdf_loop(data: bytes, which: int) -> bytes:
    """Make a page tree node its own kid (a cycle)."""
    del which
    m = re.search(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Pages", data)
    if not m:
        return data
    return re.sub(rb"/Kids\s*\[", b"/Kids [" + m.group(1) + b" 0 R ", data, count=1)


# PNG ---------------------------------------------------------------------------------------


def png_size(data: bytes, w: int, h: int) -> bytes:
    """Rewrite IHDR's width and height (CRC fixed, so the decoder believes them)."""
    import struct

    i = data.find(b"IHDR")
    if i < 4:
        return data
    wv, hv = [1, 65535, 2**31 - 1, 100_001, 20000][w % 5], [1, 65535, 2**31 - 1, 1000, 20000][h % 5]
    body = struct.pack(">II", wv, hv) + data[i + 12 : i + 17]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + body) & 0xFFFFFFFF)
    return data[: i + 4] + body + crc + data[i + 21 :]


# text --------------------------------------------------------------------------------------


def text_repeat(data: bytes, which: int, times: int) -> bytes:
    phrase = [
        b"Qu\xc3\xbd I/",
        b"th\xc3\xa1ng 1, ",
        b"1/2 ",
        b"\t",
        b"\xc6\xb0",
        b"S\xe1\xbb\x9f N\xe1\xbb\x99i v\xe1\xbb\xa5; ",
    ]
    return data + phrase[which % len(phrase)] * (times % 50_000)


MUTATORS: dict[str, tuple[Callable[..., bytes], int]] = {  # name -> (function, number of int arguments)
    "flip": (flip, 2),
    "truncate": (truncate, 1),
    "splice": (splice, 3),
    "delete": (delete, 2),
    "interesting": (interesting, 2),
    "zip_duplicate": (zip_duplicate, 1),
    "zip_drop": (zip_drop, 1),
    "zip_lie": (zip_lie, 2),
    "zip_bomb": (zip_bomb, 1),
    "xml_deep": (xml_deep, 1),
    "xml_boxes": (xml_boxes, 1),
    "xml_wide": (xml_wide, 2),
    "xml_entities": (xml_entities, 1),
    "xml_unclose": (xml_unclose, 1),
    "pdf_box": (pdf_box, 2),
    "pdf_count": (pdf_count, 1),
    "pdf_length": (pdf_length, 2),
    "pdf_bomb": (pdf_bomb, 1),
    "pdf_deep_array": (pdf_deep_array, 1),
    "pdf_loop": (pdf_loop, 1),
    "png_size": (png_size, 2),
    "text_repeat": (text_repeat, 2),
}
_BYTES = ["flip", "truncate", "splice", "delete", "interesting"]
_ZIP = [
    "zip_duplicate",
    "zip_drop",
    "zip_lie",
    "zip_bomb",
    "xml_deep",
    "xml_boxes",
    "xml_wide",
    "xml_entities",
    "xml_unclose",
]
_PDF = ["pdf_box", "pdf_count", "pdf_length", "pdf_bomb", "pdf_deep_array", "pdf_loop"]
MUTATORS_FOR = {
    "text": [*_BYTES, "text_repeat"],
    "docx": _BYTES + _ZIP,
    "pdf": _BYTES + _PDF,
    "image": [*_BYTES, "png_size"],
    "cli": _BYTES + _ZIP + _PDF + ["png_size", "text_repeat"],
}


@dataclass(frozen=True)
class Recipe:
    """A seed file (relative to the repo) and the mutations applied to it, in order."""

    seed: str
    ops: tuple[Op, ...]

    def build(self) -> bytes:
        data = (ROOT / self.seed).read_bytes()
        for name, *args in self.ops:
            data = MUTATORS[name][0](data, *args)
        return data

    def to_json(self) -> dict[str, Any]:
        return {"seed": self.seed, "ops": [list(op) for op in self.ops]}


# --- running one input in a forked child ---------------------------------------------------


@dataclass
class Outcome:
    kind: str  # "ok" | "refused" | "crash" | "stderr" | "timeout" | "memory" | "killed"
    detail: str = ""
    seconds: float = 0.0
    rss_mb: float = 0.0

    @property
    def failed(self) -> bool:
        return self.kind not in ("ok", "refused")


def _child(target: str, path: str, err_path: str, ocr: bool) -> int:
    """Runs in the forked child: one input, the verdict as the exit status (details in err_path)."""
    import logging

    logging.root.handlers.clear()  # as in a fresh `kehoach` process (pytest installs its own)
    from kehoach_parse.cli import quiet_libraries

    quiet_libraries()  # what the command line does at start: library warnings never reach stderr
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    signal.alarm(INPUT_TIMEOUT)
    if not ocr:
        os.environ["PATH"] = os.pathsep.join(
            p for p in os.environ.get("PATH", "").split(os.pathsep) if not os.path.exists(os.path.join(p, "tesseract"))
        )
    fd = os.open(err_path, os.O_WRONLY | os.O_TRUNC)
    os.dup2(fd, 2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", line_buffering=True)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
    if target == "cli":
        from kehoach_parse.cli import main

        try:
            main(["parse", path], prog_name="kehoach")
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            return 1
        return 0
    from kehoach_parse.errors import KehoachError
    from kehoach_parse.loaders import load

    try:
        load(path)
    except KehoachError as exc:
        if "\n" in str(exc):
            print(f"MULTILINE {exc!r}", file=sys.stderr)
            return 12
        return 3
    except MemoryError:
        return 11
    except BaseException:
        traceback.print_exc()
        return 10
    return 0


def run_one(target: str, data: bytes, *, ocr: bool = False, workdir: str | None = None) -> Outcome:
    """One input in a fresh fork: verdict, seconds and the child's own peak RSS."""
    with tempfile.TemporaryDirectory(dir=workdir, prefix="kehoach-fuzz-") as tmp:
        ext = {"text": ".txt", "docx": ".docx", "pdf": ".pdf", "image": ".png"}.get(target, ".bin")
        path = os.path.join(tmp, "input" + ext)
        err_path = os.path.join(tmp, "stderr")
        Path(path).write_bytes(data)
        Path(err_path).write_bytes(b"")
        sys.stdout.flush()
        sys.stderr.flush()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _child(target, path, err_path, ocr)
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.monotonic() - start
        err = Path(err_path).read_text("utf-8", "replace")
    rss = usage.ru_maxrss / 1024
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        kind = "timeout" if sig == signal.SIGALRM else "killed"
        return Outcome(kind, f"signal {sig}; {err[-300:]}", seconds, rss)
    code = os.WEXITSTATUS(status)
    lines = err.splitlines()
    if "Traceback" in err or "MemoryError" in err:
        return Outcome("memory" if "MemoryError" in err else "crash", err[-1500:], seconds, rss)
    if target == "cli":
        if code == 0 and not lines:
            return Outcome("ok", "", seconds, rss)
        if code == 3 and len(lines) == 1 and lines[0].startswith("kehoach: "):
            return Outcome("refused", lines[0], seconds, rss)
        return Outcome("crash" if code not in (0, 3) else "stderr", f"exit {code}; {err[-1500:]}", seconds, rss)
    verdict = {0: "ok", 3: "refused", 10: "crash", 11: "memory", 12: "crash"}.get(code, "crash")
    if verdict in ("ok", "refused") and lines:
        return Outcome("stderr", err[-1500:], seconds, rss)
    return Outcome(verdict, err[-1500:], seconds, rss)


# --- the hypothesis driver -------------------------------------------------------------------


@dataclass
class Stats:
    target: str
    executions: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[Recipe, Outcome]] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    peak_rss_mb: float = 0.0

    def add(self, recipe: Recipe, outcome: Outcome) -> None:
        self.executions += 1
        self.outcomes[outcome.kind] = self.outcomes.get(outcome.kind, 0) + 1
        if outcome.seconds > self.slowest[0]:
            self.slowest = (outcome.seconds, json.dumps(recipe.to_json(), ensure_ascii=False))
        self.peak_rss_mb = max(self.peak_rss_mb, outcome.rss_mb)
        if outcome.failed:
            self.failures.append((recipe, outcome))

    def summary(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "executions": self.executions,
            "outcomes": self.outcomes,
            "failures": len(self.failures),
            "slowest_seconds": round(self.slowest[0], 2),
            "slowest_input": self.slowest[1],
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


class _Budget(Exception):
    """Time is up: the only exception the hypothesis test raises, so hypothesis stops."""


def recipes(target: str) -> Any:
    """The hypothesis strategy of recipes for a target."""
    from hypothesis import strategies as st

    names = [str(p.relative_to(ROOT)) for p in seeds(target)]
    ints = st.integers(min_value=0, max_value=2**32)
    ops = st.sampled_from(MUTATORS_FOR[target]).flatmap(
        lambda name: st.tuples(st.just(name), *([ints] * MUTATORS[name][1]))
    )
    return st.builds(Recipe, st.sampled_from(names), st.lists(ops, min_size=1, max_size=4).map(tuple))


def fuzz(
    target: str,
    seconds: float,
    *,
    out: Path | None = None,
    ocr: bool = False,
    log: bool = True,
    derandomize: bool = False,
) -> Stats:
    """Run recipes for `seconds`; every failing input is saved under `out` with its recipe.

    `derandomize` makes the sequence of recipes the same on every run (the CI budget).
    """
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings

    stats = Stats(target)
    deadline = time.monotonic() + seconds

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        derandomize=derandomize,
    )
    @given(recipes(target))
    def one(recipe: Recipe) -> None:
        if time.monotonic() > deadline:
            raise _Budget
        try:
            data = recipe.build()
        except Exception:  # a mutator that cannot apply: not an input to test
            return
        outcome = run_one(target, data, ocr=ocr)
        stats.add(recipe, outcome)
        if outcome.failed:
            if out is not None:
                save(out, target, recipe, data, outcome)
            if log:
                print(
                    f"[{target}] {outcome.kind}: {json.dumps(recipe.to_json())} {outcome.detail[-200:]}",
                    file=sys.stderr,
                )

    with contextlib.suppress(_Budget):
        one()
    return stats


def save(out: Path, target: str, recipe: Recipe, data: bytes, outcome: Outcome) -> None:
    out.mkdir(parents=True, exist_ok=True)
    name = f"{target}-{hashlib.sha256(data).hexdigest()[:12]}"
    (out / f"{name}.bin").write_bytes(data)
    info = {"target": target, "recipe": recipe.to_json(), "kind": outcome.kind, "detail": outcome.detail}
    (out / f"{name}.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60, help="time budget per target")
    ap.add_argument("--target", action="append", choices=TARGETS, help="default: all")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "fuzz")
    ap.add_argument("--ocr", action="store_true", help="let scanned inputs reach tesseract (slow)")
    ap.add_argument("--json", type=Path, help="write the per-target summary here")
    args = ap.parse_args(argv)
    results = []
    for target in args.target or TARGETS:
        stats = fuzz(target, args.seconds, out=args.out, ocr=args.ocr)
        summary = stats.summary()
        results.append(summary)
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
