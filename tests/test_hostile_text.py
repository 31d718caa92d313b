"""Hostile text inputs (issue 14, items 3, 9, 10, 11, 12): bounded time and memory, one line on stderr.

Every input is generated here. Hang and memory guards run in a subprocess with a generous
timeout (and RLIMIT_AS where memory is the point): they catch a return of the failure,
they do not measure speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kehoach_parse.errors import InputError
from kehoach_parse.loaders import RawInput
from kehoach_parse.loaders import text as text_loader
from kehoach_parse.plan.deadlines import MAX_CHARS, parse_deadline
from kehoach_parse.vietnamese import restore as restore_mod
from kehoach_parse.vietnamese.encodings import decode_bytes, encode_bytes

KEHOACH = str(Path(sys.executable).with_name("kehoach"))
SENTENCE = "Tăng cường công tác chỉ đạo, điều hành cải cách hành chính của các cơ quan, đơn vị trên địa bàn tỉnh"


def python(code: str, *, timeout: float = 120, address_space: int | None = None) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter, optionally under an RLIMIT_AS ceiling (bytes)."""
    if address_space:
        code = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))\n" + code
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )


def raw(data: bytes, path: str = "x.txt") -> RawInput:
    return RawInput(path=path, data=data, sha256="0" * 64)


# --- 3: deadlines linear in the number of phrases ----------------------------------------


def test_deadline_parser_is_not_quadratic_in_units() -> None:
    """1k/8k/64k year-less units (quadratic before: 8k took ~1 s, 64k over a minute)."""
    proc = python(
        """
        from kehoach_parse.plan import deadlines
        deadlines.MAX_CHARS = 10**9  # the algorithm itself, not the length cap
        for unit in ("Quý I/", "tháng 1, ", "1/2 "):
            for n in (1000, 8000, 64000):
                d = deadlines.parse_deadline(unit * n, (2022, 2022))
                assert d.kind == "multiple" and len(d.parts) == n, (unit, n, d.kind)
        print("ok")
        """,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_overlong_deadline_cell_is_kept_as_unspecified_text() -> None:
    text = "Quý I/" * 100_000
    d = parse_deadline(text, (2022, 2022))
    assert d is not None and d.kind == "unspecified" and d.text == text and not d.parts
    assert parse_deadline("Quý I/" * (MAX_CHARS // 7) + "2022").kind == "multiple"  # under the cap: read


def test_tsv_with_a_700kb_deadline_cell_parses(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    rows = [
        "STT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành",
        "I\tCẢI CÁCH THỂ CHẾ\t\t",
        "1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tQuý I/2022",
        "2\tKiểm tra công tác cải cách hành chính\tSở Nội vụ\t" + "Quý I/" * 100_000,
        "3\tTuyên truyền cải cách hành chính\tSở Nội vụ\tQuý II/2022",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    proc = subprocess.run([KEHOACH, "parse", str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '"kind": "unspecified"' in proc.stdout


# --- 9: restore never tracebacks on bad bytes or a folder --------------------------------


def test_restore_invalid_utf8_on_stdin_under_strict_locale() -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    proc = subprocess.run(
        [KEHOACH, "restore"],
        input=b"Cai cach hanh chinh \xff\xfe\xc3 tinh\n",
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert "\ufffd" in proc.stdout.decode("utf-8")  # replaced, the rest repaired


def test_restore_of_a_directory_is_one_line_exit_3(tmp_path: Path) -> None:
    proc = subprocess.run([KEHOACH, "restore", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert len(proc.stderr.splitlines()) == 1 and "thư mục" in proc.stderr


def test_restore_long_line_is_decoded_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long line goes through the decoder a piece at a time (memory stays flat) and comes back whole."""
    seen: list[int] = []
    real = restore_mod._restore_line

    def spy(line: str, *args, **kwargs) -> str:
        seen.append(len(line))
        return real(line, *args, **kwargs)

    monkeypatch.setattr(restore_mod, "PIECE", 200)
    monkeypatch.setattr(restore_mod, "_restore_line", spy)
    long_line = " ".join(["cai cach hanh chinh nha nuoc"] * 300)
    lines = ["ke hoach", long_line + "\r", "so noi vu"]
    out = list(restore_mod.restore_stream(lines, chunk=7))
    assert len(out) == 3
    assert out[1].endswith("\r") and out[1].count(" ") == long_line.count(" ")
    assert out[1].startswith("cải cách hành chính nhà nước")
    assert max(seen) <= 200 and len(seen) > 20


# --- 10: text size and memory --------------------------------------------------------------


def test_text_over_the_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_001)  # sparse: no disk spent
    path.write_bytes(b"a" * 16 + path.read_bytes()[16:].replace(b"\x00", b" "))
    proc = subprocess.run([KEHOACH, "parse", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3
    assert len(proc.stderr.splitlines()) == 1
    assert "--limits text=" in proc.stderr and str(path) in proc.stderr
    assert proc.stdout == ""


def test_text_limit_is_overridable() -> None:
    class Limits:
        text = 100

    with pytest.raises(InputError, match="--limits text="):
        text_loader.load(raw(b"x" * 101), Limits())  # type: ignore[arg-type]
    assert text_loader.load(raw(b"x" * 101)).blocks  # the default limit is 50 MB


def test_text_loader_memory_stays_near_the_input_size() -> None:
    """8 MB of prose: the OCR-damage screen once listed every word (ten million strings for 50 MB)."""
    proc = python(
        f"""
        import tracemalloc
        from kehoach_parse.loaders import RawInput, text
        data = ({SENTENCE!r} + ".\\n").encode() * 60_000
        tracemalloc.start()
        doc = text.load(RawInput("x.txt", data, "0" * 64))
        print(len(data), tracemalloc.get_traced_memory()[1])
        """,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    size, peak = map(int, proc.stdout.split())
    assert peak < 6 * size, (size, peak)  # was over 20x


# --- 11: only our line on stderr ------------------------------------------------------------


def _tiny_pdf(content: bytes) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdfminer_warnings_do_not_reach_stderr(tmp_path: Path) -> None:
    path = tmp_path / "warn.pdf"  # nine unparsable `cm` operators: pdfminer logs a warning for each
    path.write_bytes(_tiny_pdf(b"/a /b /c /d /e /f cm\n" * 9 + b"BT /F1 12 Tf 72 700 Td (Ke hoach) Tj ET"))
    proc = subprocess.run([KEHOACH, "parse", str(path), "-o", str(tmp_path / "o.json")], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert "concatenate matrix" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    debug = subprocess.run([KEHOACH, "parse", str(path)], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "KEHOACH_DEBUG": "1"})  # fmt: skip
    assert "concatenate matrix" in debug.stderr  # the library really warns: the test tests something


# --- 12: UTF-16/32 with a BOM; UTF-8 mixed with Windows-1258 ----------------------------------

PLAN_LINES = [
    "KẾ HOẠCH Cải cách hành chính nhà nước năm 2022",
    "STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành",
    "I\tCẢI CÁCH THỂ CHẾ\t\t",
    "1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tQuý I/2022",
    "2\tKiểm tra công tác cải cách hành chính\tSở Nội vụ\tQuý II/2022",
    "3\tTuyên truyền cải cách hành chính\tSở Thông tin và Truyền thông\tThường xuyên",
]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom_are_read(codec: str) -> None:
    text = "\n".join(PLAN_LINES)
    data = ("\ufeff" + text).encode(codec) if codec.endswith("-be") else text.encode(codec)
    assert decode_bytes(data) == (text, "unicode")
    doc = text_loader.load(raw(data))
    assert doc.loader == "text.tsv" and doc.encoding == "unicode"


def test_mixed_utf8_and_windows_1258_lines_are_decoded_per_line() -> None:
    utf8 = [f"{i}\t{SENTENCE} số {i}\tSở Nội vụ\tQuý I/2022" for i in range(1, 40)]
    legacy = [f"{i}\tĐẩy mạnh ứng dụng công nghệ thông tin số {i}\tSở Tư pháp\tQuý II/2022" for i in range(40, 80)]
    lines = [x for pair in zip(utf8, legacy, strict=False) for x in pair]
    data = b"\n".join(encode_bytes(ln, "cp1258") if ln in legacy else ln.encode() for ln in lines)
    text, encoding = decode_bytes(data)
    assert encoding == "cp1258"
    assert text.split("\n") == lines  # no line garbled either way
