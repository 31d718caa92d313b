"""Legacy Vietnamese encodings: tables, round trips over real text, detection."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from kehoach_parse.vietnamese import encodings as E

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CLEAN_SEEDS = [
    "000_b9abb36b8c36f44d.txt",
    "001_47299de66b06ee91.txt",
    "003_72adce018a707e85.txt",
    "004_4eb45db0ba18c56a.txt",
]
OCR_SEED = "002_28b79bbaf6c53f00.txt"


def _seed(name: str) -> str:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{name} not in samples/")
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def _representable(text: str) -> str:
    """Seed text without the few characters VISCII/TCVN3 have no room for."""
    for a, b in (
        ("\u00a0", " "),
        ("\u2026", "..."),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("“", '"'),
        ("”", '"'),
        ("‘", "'"),
        ("’", "'"),
    ):
        text = text.replace(a, b)
    return text


@pytest.mark.parametrize(
    ("legacy", "encoding"),
    [
        ("C¶i c¸ch hµnh chÝnh", "tcvn3"),
        ("Caûi caùch haønh chính", "vni"),
        ("C\xe4i c\xe1ch h\xe0nh ch\xedn\x68", "viscii"),
    ],
)
def test_known_spellings(legacy: str, encoding: E.Encoding) -> None:
    assert E.decode(legacy, encoding) == "Cải cách hành chính"
    assert E.decode(legacy.encode("latin-1"), encoding) == "Cải cách hành chính"


def test_cp1258_decomposed_tones() -> None:
    data = "Ca\u0309i ca\u0301ch ha\u0300nh chi\u0301nh".encode("cp1258")
    assert E.decode(data, "cp1258") == "Cải cách hành chính"
    assert E.detect_encoding(data * 3) == "cp1258"


def test_capital_fonts_and_lost_capitals() -> None:
    assert E.decode("KÕ HO¹CH", "tcvn3", uppercase=True) == "KẾ HOẠCH"
    assert E.fix_capital_words(E.decode("ñY BAN NH¢N D¢N TØNH B¾C GIANG", "tcvn3")) == "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"
    # a capital at the start of a normal sentence is not a capitals-only line
    assert E.fix_capital_words(E.decode("Tæ chøc thùc hiÖn", "tcvn3")) == "Tổ chức thực hiện"


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", ("tcvn3", False)),
        (".VnTimeH", ("tcvn3", True)),
        (".VnArial NarrowH", ("tcvn3", True)),
        ("VNI-Times", ("vni", False)),
        ("VNI-Helve-Condense", ("vni", False)),
        ("Times New Roman", None),
        (None, None),
    ],
)
def test_font_names(font: str | None, expected: tuple[str, bool] | None) -> None:
    assert E.font_encoding(font) == expected


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
@pytest.mark.parametrize(("table", "iconv_name"), [(E._VISCII, "VISCII"), (E._TCVN3, "TCVN5712-1")])
def test_tables_agree_with_glibc(table: dict[int, str], iconv_name: str) -> None:
    data = bytes(sorted(table))
    proc = subprocess.run(["iconv", "-f", iconv_name, "-t", "UTF-8"], input=data, capture_output=True, check=False)
    if proc.returncode != 0:
        pytest.skip(f"iconv has no {iconv_name}")
    assert proc.stdout.decode("utf-8") == "".join(table[b] for b in sorted(table))


def test_tables_cover_the_alphabet() -> None:
    letters = {E._compose(v, m) for v in "aăâeêioôơuưy" for m in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")}
    letters = {ch for ch in letters if not ch.isascii()} | {"đ"}
    assert len(letters) == 67
    assert letters | {ch.upper() for ch in letters} == set(E._VISCII.values())
    assert letters <= set(E._TCVN3.values())
    vni, _ = E._vni_tables()
    assert letters | {ch.upper() for ch in letters} <= set(vni)


@pytest.mark.parametrize("seed", CLEAN_SEEDS)
@pytest.mark.parametrize("encoding", ["vni", "viscii", "cp1258"])
def test_round_trip_seed_lines(seed: str, encoding: E.Encoding) -> None:
    for line in _representable(_seed(seed)).split("\n"):
        assert E.decode(E.encode_bytes(line, encoding), encoding) == line
        if encoding != "cp1258":
            assert E.decode(E.encode(line, encoding), encoding) == line


@pytest.mark.parametrize("seed", CLEAN_SEEDS)
def test_round_trip_tcvn3_runs(seed: str) -> None:
    for line in _representable(_seed(seed)).split("\n"):
        runs = E.encode_runs(line, "tcvn3")
        assert "".join(E.decode(t, "tcvn3", uppercase=capital) for t, capital in runs) == line


@pytest.mark.parametrize("seed", CLEAN_SEEDS)
def test_detection_on_seeds(seed: str) -> None:
    text = _representable(_seed(seed))
    assert E.detect_encoding(text) == "unicode"
    assert E.detect_encoding(text.encode("utf-8")) == "unicode"
    for encoding in ("tcvn3", "vni", "viscii"):
        assert E.detect_encoding(E.encode(text, encoding)) == encoding, encoding
        assert E.detect_encoding(E.encode(text, encoding).encode("utf-8")) == encoding, encoding
        if encoding != "tcvn3":
            assert E.decode_bytes(E.encode(text, encoding).encode("utf-8")) == (text, encoding)
    for encoding in ("tcvn3", "vni", "viscii", "cp1258"):
        assert E.detect_encoding(E.encode_bytes(text, encoding)) == encoding, encoding
        decoded, found = E.decode_bytes(E.encode_bytes(text, encoding))
        assert found == encoding
        if encoding != "tcvn3":  # TCVN3 loses capitals in mixed-case lines without the H font
            assert decoded == text


def test_ocr_damaged_unicode_is_not_decoded() -> None:
    text = _seed(OCR_SEED)
    assert E.detect_encoding(text) == "unicode"
    assert E.detect_encoding(text.encode("utf-8")) == "unicode"
    assert E.decode_bytes(text.encode("utf-8")) == (text, "unicode")


def test_short_and_ascii_inputs_stay_unicode() -> None:
    assert E.detect_encoding("") == "unicode"
    assert E.detect_encoding("STT\tUBND\t2022") == "unicode"
    assert E.detect_encoding("Sở Tư pháp") == "unicode"
    assert E.decode_bytes("Sở Tư pháp".encode("utf-8-sig")) == ("Sở Tư pháp", "unicode")
    decomposed = unicodedata.normalize("NFD", "Cải cách hành chính")
    assert E.decode_bytes(decomposed.encode("utf-8")) == ("Cải cách hành chính", "unicode")


def test_font_says_legacy_but_text_is_unicode() -> None:
    text = "Cải cách hành chính nhà nước tỉnh Bắc Giang"
    assert E.detect_encoding(text, font_names=[".VnTime"]) == "unicode"
    assert E.detect_encoding(E.encode(text, "tcvn3"), font_names=[".VnTime"]) == "tcvn3"


def test_describe_is_one_vietnamese_line() -> None:
    msg = E.describe("tcvn3")
    assert "TCVN3" in msg and "Unicode" in msg and "\n" not in msg
