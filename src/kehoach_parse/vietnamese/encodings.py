"""Legacy Vietnamese encodings (TCVN3/ABC, VNI, VISCII, Windows-1258) -> Unicode NFC.

Before Unicode, Vietnamese documents were typed in 8-bit *font encodings*: the bytes are
Latin-1 look-alikes that a special font draws as Vietnamese letters (`C¶i c¸ch hµnh chÝnh`
in `.VnTime` is *Cải cách hành chính*). Such text survives in two shapes:

* in a DOCX, as Unicode characters whose code points are the legacy byte values
  (Word maps the bytes through Windows-1252), next to a font name that gives it away;
* in a `.txt` export, either as those same characters in UTF-8 or as the raw bytes.

This module knows no files: it maps characters. `detect_encoding` decides by font name
where there is one and by character statistics (which decoding yields the most
well-formed Vietnamese syllables) otherwise; `decode` converts; `encode` goes the other
way so tests and the sample generator can make legacy text from reviewed Unicode text.

Tables: VISCII is RFC 1456; TCVN3 is the VN3 repertoire of TCVN 5712:1993 (the `.VnTime`
ABC fonts: lowercase letters plus Ă Â Ê Ô Ơ Ư Đ; capitals with tone marks are drawn by
the separate "H" fonts such as `.VnTimeH` at the lowercase positions); VNI is the VNI
Windows convention (base letter followed by a mark character); Windows-1258 is Python's
`cp1258` codec with combining tone marks. The two byte tables are cross-checked against
glibc iconv (`VISCII`, `TCVN5712-1`) by the tests.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

Encoding = Literal["unicode", "tcvn3", "vni", "viscii", "cp1258"]
LEGACY: tuple[Encoding, ...] = ("tcvn3", "vni", "viscii", "cp1258")

NAMES: dict[str, str] = {
    "unicode": "Unicode",
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI",
    "viscii": "VISCII",
    "cp1258": "Windows-1258",
}

# --- byte tables ------------------------------------------------------------------------

# RFC 1456 VISCII, bytes 0x80..0xFF in order, plus six capitals in the C0 range.
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "Õắằặấầẩậẽẹếềểễệố"
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉ"
    "đựòóôõỏọụùúũủýợỮ"
)
_VISCII: dict[int, str] = {0x80 + i: ch for i, ch in enumerate(_VISCII_HIGH)}
_VISCII.update({0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"})

# TCVN 5712:1993 VN3 (ABC): 0xA1..0xAE, then the toned lowercase letters from 0xB5.
_TCVN3: dict[int, str] = {0xA1 + i: ch for i, ch in enumerate("ĂÂÊÔƠƯĐăâêôơưđ")}
_TCVN3.update(
    {
        **dict(zip(range(0xB5, 0xBA), "àảãáạ", strict=True)),
        **dict(zip(range(0xBB, 0xBF), "ằẳẵắ", strict=True)),
        **dict(zip(range(0xC6, 0xCD), "ặầẩẫấậè", strict=True)),
        **dict(zip(range(0xCE, 0xD9), "ẻẽéẹềểễếệìỉ", strict=True)),
        **dict(zip(range(0xDC, 0xE0), "ĩíịò", strict=True)),
        **dict(zip(range(0xE1, 0xF0), "ỏõóọồổỗốộờởỡớợù", strict=True)),
        **dict(zip(range(0xF1, 0xFF), "ủũúụừửữứựỳỷỹýỵ", strict=True)),
    }
)

# Windows-1252 view of 0x80..0x9F: how Word and UTF-8 exports carry those legacy bytes.
_CP1252_HIGH: dict[str, int] = {}
for _b in range(0x80, 0xA0):
    with contextlib.suppress(UnicodeDecodeError):
        _CP1252_HIGH[bytes([_b]).decode("cp1252")] = _b

# --- VNI (Windows) ------------------------------------------------------------------------

_TONES = ("acute", "grave", "hook", "tilde", "dot")
_TONE_MARK = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323"}
# mark characters following a base letter, lowercase forms (capitals use .upper())
_VNI_TONE = dict(zip(_TONES, "ùøûõï", strict=True))  # on a, e, o, u, y, ơ, ư
_VNI_CIRC = dict(zip(("none", *_TONES), "âáàåãä", strict=True))  # on a, e, o
_VNI_BREVE = dict(zip(("none", *_TONES), "êéèúüë", strict=True))  # on a
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


@lru_cache(maxsize=1)
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(unicode letter -> VNI string, VNI string -> unicode letter), both cases."""
    enc: dict[str, str] = {}
    for base in "aeouy":
        for tone in _TONES:
            enc[_compose(base, _TONE_MARK[tone])] = base + _VNI_TONE[tone]
    for base in "aeo":
        enc[_compose(base, "\u0302")] = base + _VNI_CIRC["none"]
        for tone in _TONES:
            enc[_compose(base, "\u0302", _TONE_MARK[tone])] = base + _VNI_CIRC[tone]
    enc["ă"] = "a" + _VNI_BREVE["none"]
    for tone in _TONES:
        enc[_compose("a", "\u0306", _TONE_MARK[tone])] = "a" + _VNI_BREVE[tone]
    for horn, single in (("ơ", "ô"), ("ư", "ö")):
        for tone in _TONES:
            enc[_compose(horn, _TONE_MARK[tone])] = single + _VNI_TONE[tone]
    enc.update(_VNI_SINGLE)  # í ì ỉ ĩ ị and ỵ are single characters in VNI
    full = dict(enc)
    for uni, vni in enc.items():
        full[uni.upper()] = vni.upper()
    dec = {vni: uni for uni, vni in full.items()}
    # lenient readings seen in hand-typed text: i and y with the ordinary tone marks
    for base in "iy":
        for tone in _TONES:
            for b, m in ((base, _VNI_TONE[tone]), (base.upper(), _VNI_TONE[tone].upper())):
                dec.setdefault(b + m, _compose(b, _TONE_MARK[tone]))
    return full, dec


def _vni_decode(text: str) -> str:
    """VNI mark sequences -> precomposed letters; the base letter decides the case."""
    _, dec = _vni_tables()
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if i + 1 < n:
            pair = ch + text[i + 1]
            hit = dec.get(pair)
            if hit is None and pair[1].isalpha():
                # a mark in the other case (e.g. a capital base with a lowercase mark)
                alt = ch + (pair[1].lower() if ch.islower() else pair[1].upper())
                hit = dec.get(alt)
            if hit is not None:
                out.append(hit)
                i += 2
                continue
        out.append(dec.get(ch, ch))
        i += 1
    return "".join(out)


# --- character views ------------------------------------------------------------------


def _byte_value(ch: str) -> int | None:
    """The legacy byte a character stands for, as Word or a UTF-8 export carries it."""
    o = ord(ch)
    if o < 0x80 or 0xA0 <= o < 0x100:
        return o
    b = _CP1252_HIGH.get(ch)
    if b is not None:
        return b
    if 0x80 <= o < 0xA0:
        return o
    if 0xF000 <= o <= 0xF0FF:  # symbol-font private-use mapping
        return o - 0xF000
    return None


def _as_chars(data: bytes | str) -> str:
    """Bytes as Latin-1 characters (one per byte); strings unchanged."""
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        return data.decode("latin-1")
    return data


def _map_table(text: str, table: dict[int, str]) -> str:
    """Replace every character standing for a byte of `table` by its letter."""
    out: list[str] = []
    for ch in text:
        b = _byte_value(ch)
        hit = table.get(b) if b is not None else None
        out.append(hit if hit is not None else ch)
    return _fix_c1("".join(out))


@lru_cache(maxsize=1)
def _cp1258_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for b in range(0x80, 0x100):
        with contextlib.suppress(UnicodeDecodeError):
            table[b] = bytes([b]).decode("cp1258")
    return table


def _vni_view(text: str) -> str:
    """Symbol-font private-use characters (U+F0C0..) back to the Latin-1 marks VNI uses."""
    if not any("\uf0c0" <= ch <= "\uf0ff" for ch in text):
        return text
    return "".join(chr(ord(ch) - 0xF000) if "\uf0c0" <= ch <= "\uf0ff" else ch for ch in text)


# --- public API -----------------------------------------------------------------------


def decode(data: bytes | str, encoding: Encoding, *, uppercase: bool = False) -> str:
    """Decode legacy text to Unicode NFC.

    `data` is either raw bytes of a text file or a string whose characters stand for the
    legacy bytes (DOCX runs, UTF-8 exports). `uppercase` is for the capitals-only fonts
    (`.VnTimeH`), which draw capitals at the lowercase code points.
    """
    if encoding == "unicode":
        text = _decode_unicode_bytes(data) if isinstance(data, bytes) else data
    else:
        text = _as_chars(data)
        if encoding == "tcvn3":
            text = _map_table(text, _TCVN3)
        elif encoding == "viscii":
            text = _map_table(text, _VISCII)
        elif encoding == "cp1258":
            text = _map_table(text, _cp1258_table())
        elif encoding == "vni":
            text = _vni_decode(_vni_view(_fix_c1(text)))
        else:  # pragma: no cover - Literal guards this
            raise ValueError(f"unknown encoding {encoding!r}")
    if uppercase:
        text = text.upper()
    return unicodedata.normalize("NFC", text)


def _fix_c1(text: str) -> str:
    """Raw bytes 0x80..0x9F read as Latin-1 are C1 controls; show them as Windows-1252."""
    if not any("\x80" <= ch < "\xa0" for ch in text):
        return text
    return "".join(_char_for_byte(ord(ch)) if "\x80" <= ch < "\xa0" else ch for ch in text)


def _decode_unicode_bytes(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def encode(text: str, encoding: Encoding) -> str:
    """Unicode -> legacy text as characters (the way Word stores text in a legacy font).

    TCVN3 has no toned capitals: they come out at their lowercase code point, as typed in
    an `.VnTimeH` font (`encode_runs` says which spans need such a font).
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "unicode":
        return text
    if encoding == "vni":
        enc, _ = _vni_tables()
        return "".join(enc.get(ch, ch) for ch in text)
    if encoding == "cp1258":
        return encode_bytes(text, "cp1258").decode("cp1252", errors="replace")
    table = _TCVN3 if encoding == "tcvn3" else _VISCII
    rev = {ch: b for b, ch in table.items()}
    out: list[str] = []
    for ch in text:
        b = rev.get(ch)
        if b is None and encoding == "tcvn3" and ch.lower() in rev and ch.lower() != ch:
            b = rev[ch.lower()]
        if b is not None:
            out.append(_char_for_byte(b))
        else:
            cb = _byte_value(ch)
            out.append(_unrepresentable(ch) if cb is not None and cb in table else ch)
    return "".join(out)


def _unrepresentable(ch: str) -> str:
    """A character whose byte means a letter in the legacy table: write its nearest ASCII."""
    if ch == "\u2026":
        return "..."
    if ch.isspace():
        return " "
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if c.isascii())
    return base or "?"


def _char_for_byte(b: int) -> str:
    if 0x80 <= b < 0xA0:
        return bytes([b]).decode("cp1252", errors="ignore") or chr(b)
    return chr(b)


def encode_bytes(text: str, encoding: Encoding) -> bytes:
    """Unicode -> the bytes of a legacy text file (UTF-8 for "unicode")."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "unicode":
        return text.encode("utf-8")
    if encoding == "cp1258":
        out = bytearray()
        for ch in text:
            out += _cp1258_char(ch)
        return bytes(out)
    chars = encode(text, encoding)
    out = bytearray()
    for ch in chars:
        b = _byte_value(ch)
        out += bytes([b]) if b is not None else ch.encode("cp1252", errors="replace")
    return bytes(out)


_TONE_MARKS = set(_TONE_MARK.values())


def _cp1258_char(ch: str) -> bytes:
    """One letter as Windows-1258 writes it: base (with ^, ˘ or horn) + combining tone."""
    decomposed = unicodedata.normalize("NFD", ch)
    tones = [m for m in decomposed if m in _TONE_MARKS]
    if tones:
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONE_MARKS))
        return base.encode("cp1258", errors="replace") + "".join(tones).encode("cp1258")
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        return b"?"


def encode_runs(text: str, encoding: Encoding = "tcvn3") -> list[tuple[str, bool]]:
    """Split text into (legacy characters, needs_capital_font) runs.

    Only TCVN3 needs this: toned capitals exist only in the "H" fonts. Other encodings
    return one run.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding != "tcvn3":
        return [(encode(text, encoding), False)] if text else []
    rev = {ch: b for b, ch in _TCVN3.items()}

    def kind(ch: str) -> str:
        if ch not in rev and ch.lower() in rev and ch.lower() != ch:
            return "U"  # a toned capital: only an H font has it
        return "L" if ch.islower() else "N"

    units: list[tuple[str, str]] = []  # whole capitals-only words stay together
    for token in re.split(r"(\s+)", text):
        if not token:
            continue
        kinds = [kind(ch) for ch in token]
        if "L" not in kinds:
            units.append((token, "U" if "U" in kinds else "N"))
        else:
            units.extend(zip(token, kinds, strict=True))
    runs: list[tuple[str, bool]] = []
    cur: list[str] = []
    cur_kind = "N"
    for piece, k in units:
        if k != "N" and cur_kind != "N" and k != cur_kind:
            runs.append((encode("".join(cur), "tcvn3"), cur_kind == "U"))
            cur, cur_kind = [], "N"
        if k != "N":
            cur_kind = k
        cur.append(piece)
    if cur:
        runs.append((encode("".join(cur), "tcvn3"), cur_kind == "U"))
    return runs


# --- fonts ------------------------------------------------------------------------------


def font_encoding(font_name: str | None) -> tuple[Encoding, bool] | None:
    """(encoding, capitals-only) for a legacy Vietnamese font name, None for any other font.

    `.VnTime`, `.VnArial`, ... are TCVN3 (ABC); those ending in `H` (`.VnTimeH`) draw
    capitals only. `VNI-Times`, `VNI-Helve`, ... are VNI. `VISCII` in a name means VISCII.
    """
    if not font_name:
        return None
    name = font_name.strip()
    low = name.lower()
    if low.startswith(".vn") or low.startswith("vn3-"):
        return "tcvn3", name.rstrip().endswith("H")
    if low.startswith(("vni-", "vni ")):
        return "vni", False
    if "viscii" in low:
        return "viscii", False
    return None


# --- detection --------------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"  # longest first
_RIME = re.compile(
    r"^(?:[ou]?)(?:iê|yê|ia|uô|ua|ươ|ưa|[aăâeêioôơuưy])(?:[iyou]|ch|nh|ng|c|m|n|p|t)?$",
)
_ONSET_LIST = ("", *_ONSETS.split("|"))
_VIET_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđ" + "".join(_compose(v, m) for v in _VOWELS for m in ("", *_TONE_MARK.values()))
)
_STRIP = " \t\r\n.,;:!?()[]{}\"'“”‘’«»-–—/\\*<>|+=&%#@~_0123456789"


def _is_syllable(word: str) -> bool:
    """Whether `word` is shaped like one Vietnamese syllable (sane case, one tone, valid rime)."""
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    low = word.lower()
    if any(ch not in _VIET_LETTERS for ch in low):
        return False
    nfd = unicodedata.normalize("NFD", low)
    if sum(1 for ch in nfd if ch in _TONE_MARKS) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_MARKS))
    return any(toneless.startswith(o) and _RIME.match(toneless[len(o) :]) for o in _ONSET_LIST)


def plausibility(text: str, limit: int = 4000) -> int:
    """Well-formed minus ill-formed words among those with non-ASCII characters.

    ASCII-only words read the same in every encoding, so only the others tell them apart.
    """
    score = 0
    seen = 0
    for token in text.split():
        word = token.strip(_STRIP)
        if not word or word.isascii():
            continue
        score += 1 if _is_syllable(word) else -1
        seen += 1
        if seen >= limit:
            break
    return score


# Counted by the regex engine, not a Python loop over every character (5-10 ms of a cold parse).
_UNICODE_ONLY = re.compile("[\u1ea0-\u1ef9ăĂđĐơƠưƯĩĨũŨ]")
_LATIN1 = re.compile("[\xa0-\xff]")


def _unicode_letters(text: str) -> tuple[int, int]:
    """(letters only Unicode has: U+1EA0..U+1EF9, ă đ ơ ư ĩ ũ; Latin-1 characters)."""
    return len(_UNICODE_ONLY.findall(text)), len(_LATIN1.findall(text))


def _clearly_unicode(text: str, minimum: int = 20) -> bool:
    """Many letters that exist only in Unicode and few Latin-1 look-alikes: no 8-bit
    font encoding produces that (its characters all lie below U+0100)."""
    ext, latin = _unicode_letters(text)
    return ext >= minimum and ext >= 0.3 * latin


def font_text_is_legacy(text: str, encoding: Encoding) -> bool:
    """Whether text set in a legacy-encoded font really is in that encoding.

    Documents retyped in Unicode often keep the old font; their text has letters above
    U+00FF, which no 8-bit encoding has, and reads no better decoded.
    """
    if text.isascii() or _clearly_unicode(text, minimum=2):
        return False
    return plausibility(decode(text, encoding)) >= plausibility(text)


def _candidates(data: bytes | str) -> dict[Encoding, str]:
    if isinstance(data, bytes):
        cands: dict[Encoding, str] = {"unicode": _decode_unicode_bytes(data)}
    else:
        cands = {"unicode": data}
    for enc in LEGACY:
        if enc == "cp1258" and not isinstance(data, bytes):
            # Windows-1258 only survives as bytes; as characters it reads as Latin-1.
            text = data
            if not any(ch in text for ch in "ÌìÒÞòÐð"):
                continue
        cands[enc] = decode(data, enc)
    return cands


def detect_encoding(data: bytes | str, font_names: Iterable[str] = ()) -> Encoding:
    """Which encoding `data` is in: by font name when one is legacy, else by statistics.

    A legacy font name is believed unless its decoding reads worse than the text as is
    (documents retyped in Unicode sometimes keep the old font). Without one, a legacy
    decoding must beat the text as is clearly (by 3 words and a fifth of the evidence),
    so Unicode text with OCR damage is never "decoded".
    """
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "unicode"
        try:
            text: bytes | str = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data
    else:
        text = data
    sample = text[:60_000]
    if isinstance(sample, str):
        sample = unicodedata.normalize("NFC", sample)
    by_font = [fe[0] for fe in (font_encoding(f) for f in font_names) if fe]
    if by_font:
        enc = max(set(by_font), key=by_font.count)
        if font_text_is_legacy(decode(sample, "unicode") if isinstance(sample, bytes) else sample, enc):
            return enc
    if isinstance(sample, str) and (sample.isascii() or _clearly_unicode(sample)):
        return "unicode"
    scores = {enc: plausibility(t) for enc, t in _candidates(sample).items()}
    base = scores.pop("unicode")
    if isinstance(sample, bytes):
        # undecodable as UTF-8: a legacy 8-bit file is likelier than Windows-1252 Vietnamese
        base = min(base, 0)
    if not scores:
        return "unicode"
    best = max(scores, key=lambda e: (scores[e], -LEGACY.index(e)))
    gain = scores[best] - base
    evidence = sum(1 for tok in (decode(sample, best)).split() if not tok.strip(_STRIP).isascii())
    if gain >= 3 and gain >= 0.2 * max(evidence, 1) and scores[best] > 0:
        return best
    return "unicode"


def decode_auto(data: bytes | str, font_names: Iterable[str] = ()) -> tuple[str, Encoding]:
    """Detect and decode in one step: (Unicode NFC text, encoding it was in)."""
    if isinstance(data, bytes) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-8 may still carry font-encoded characters: decode those, not the bytes
        with contextlib.suppress(UnicodeDecodeError):
            data = data.decode("utf-8-sig")
    enc = detect_encoding(data, font_names)
    text = decode(data, enc)
    if enc == "tcvn3":
        text = fix_capital_words(text)  # the "H" font that said "capitals" is gone
    return text, enc


# Byte-order marks of the Unicode encodings a text file may carry; UTF-32 LE first, since
# its mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
)


def bom_encoding(data: bytes) -> str | None:
    """The Python codec a byte-order mark announces ("utf-16", "utf-32", "utf-8-sig"), else None."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes) -> tuple[str, Encoding]:
    """A text file's bytes to Unicode NFC, whatever Vietnamese encoding it uses.

    UTF-32, UTF-16 (with a BOM) and UTF-8 are read as such; the text may still hold
    font-encoded characters (a `.VnTime` document saved as text), which are decoded too.
    A file that is not wholly UTF-8 is decided line by line: a line that is valid UTF-8
    stays UTF-8 (files pasted together from several sources mix them), the others are a
    legacy 8-bit encoding detected from those lines, or failing that Windows-1252.
    """
    codec = bom_encoding(data)
    if codec in ("utf-16", "utf-32"):
        assert codec is not None
        return decode_auto(unicodedata.normalize("NFC", data.decode(codec, errors="replace")))
    try:
        return decode_auto(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    return mixed if mixed is not None else decode_auto(data)


def _decode_mixed(data: bytes) -> tuple[str, Encoding] | None:
    """Per-line decoding of a file where valid UTF-8 lines (with non-ASCII letters) sit beside
    lines that are not UTF-8; None when no line is UTF-8 beyond ASCII (a wholly legacy file)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.split(b"\n")
    legacy: list[int] = []
    utf8 = 0
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(i)
        else:
            utf8 += 1
    if not utf8:
        return None
    enc = detect_encoding(b"\n".join(lines[i] for i in legacy))
    out: list[str] = []
    todo = iter(legacy)
    nxt = next(todo, -1)
    for i, line in enumerate(lines):
        if i != nxt:
            out.append(line.decode("utf-8"))
            continue
        text = decode(line, enc)
        out.append(fix_capital_words(text) if enc == "tcvn3" else text)
        nxt = next(todo, -1)
    return unicodedata.normalize("NFC", "\n".join(out)), enc


_WORD = re.compile(r"\S+")


def fix_capital_words(text: str) -> str:
    """Restore capitals lost with a TCVN3 "H" font: in an all-capitals line, capitalise
    the toned letters of words that have no lowercase ASCII letter (`KẾ HOẠCH`)."""
    out: list[str] = []
    for line in text.split("\n"):
        letters = [ch for ch in line if ch.isascii() and ch.isalpha()]
        upper = sum(1 for ch in letters if ch.isupper())
        if upper >= 4 and upper >= 0.9 * len(letters):
            line = _WORD.sub(lambda m: m.group(0).upper() if not _has_ascii_lower(m.group(0)) else m.group(0), line)
        out.append(line)
    return "\n".join(out)


def _has_ascii_lower(word: str) -> bool:
    return any("a" <= ch <= "z" for ch in word)


def describe(encoding: Encoding) -> str:
    """The info message for a decoded document (Vietnamese, one line)."""
    return f"Văn bản dùng bảng mã cũ {NAMES[encoding]}, đã chuyển sang Unicode (NFC)"
