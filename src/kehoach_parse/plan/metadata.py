"""Plan metadata from the body: number, symbol, issuer, province, place and date, title,
period, signer and legal basis.

Works on paragraphs only (any loader's), in reading order. The national header block,
the `Số: …` line, the `<place>, ngày … tháng … năm …` line and the `KẾ HOẠCH` title
block are near the top; the signature block is at the end of the body; the appendix
heading (`Kèm theo Kế hoạch số … của …`) also names the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..files import read_data
from ..model import Metadata, Period, Signer
from ..source import Paragraph
from ..vietnamese.numerals import ROMAN_PATTERN
from .letterhead import read_letterhead
from .provinces import find_province, province_current
from .text import key, squash

_NUMBER = re.compile(
    r"(?:^|\b)s[ốo]\s*(?:ký hiệu)?\s*:?\s*(?P<num>\d+)?\s*/\s*"
    r"(?P<sym>[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)+)",
    re.I,
)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d][^,\d]{1,40}),\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?\s*(?:năm|/)\s*(?P<y>\d{4})",
    re.I,
)
_DATE_IN_ANNEX = re.compile(r"ngày\s*(?P<d>\d{1,2})?\s*(?:tháng\s*|/)(?P<m>\d{1,2})?\s*(?:năm\s*|/)(?P<y>\d{4})", re.I)
_YEARS = re.compile(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})|năm\s+(\d{4})", re.I)
_CAPACITY = re.compile(r"^(TM|KT|TL|TUQ|Q|TQ)\s*\.\s*\S", re.I)
_LEGAL = re.compile(
    r"(?P<kind>Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Luật|Chương trình|Công văn)\s+số\s*:?\s*"
    r"(?P<num>\d+[\w/.\-ĐđƯư]*)"
    r"(?P<date>\s+ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}\s*/\s*\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?",
)
_LAW = re.compile(  # a law cited by name and date, without a number: "Luật Tổ chức chính quyền địa phương ngày …"
    r"(?<!của )\bLuật\s+(?!số)[^;:]{3,160}?\s+ngày\s+\d{1,2}"
    r"(?:\s*/\s*\d{1,2}\s*/\s*\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
_ROMAN_HEADING = re.compile(rf"^{ROMAN_PATTERN}\s*[.)]\s")
_RECIPIENT = re.compile(r"^(?:[-+•–]\s|nơi\s+nhận\b)", re.I)


@cache
def _words() -> tuple[dict[str, str], frozenset[str]]:
    """(issuer by symbol tail, signer positions as keys), from the data file."""
    raw = read_data("metadata_words.json")
    return dict(raw["issuer_by_symbol"]), frozenset(key(p) for p in raw["signer_positions"])


def extract_metadata(paragraphs: Sequence[Paragraph]) -> Metadata:
    texts = [squash(p.text) for p in paragraphs if p.text.strip()]
    head = texts[:40]
    number, symbol = _number(head) or _number(texts) or (None, None)
    place, date = _place_date(head)
    title = _title(texts)
    annex_issuer, annex_date = _annex(texts)
    if date is None:
        date = annex_date
    issuer, province, central = _issuer(head, texts, symbol, place, annex_issuer)
    if province is None and not central:  # a ministry's place is not its province
        for t in (place, title, *head):
            if t and (province := find_province(t)):
                break
    return Metadata(
        title=title,
        number=number,
        symbol=symbol,
        issuer=issuer,
        province=province,
        province_current=province_current(province) if province else None,
        issued_date=date,
        issued_place=place,
        period=_period(title, texts),
        signer=_signer(texts),
        legal_basis=_legal_basis(texts),
    )


def _number(lines: Sequence[str]) -> tuple[str | None, str] | None:
    for t in lines:
        if (m := _NUMBER.search(t)) and len(t) < 200:
            sym = m.group("sym")
            return (f"{m.group('num')}/{sym}" if m.group("num") else None), sym
    return None


def _iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not y:
        return None
    if not m:
        return y
    if not d:
        return f"{y}-{int(m):02d}"
    return f"{y}-{int(m):02d}-{int(d):02d}"


def _place_date(lines: Sequence[str]) -> tuple[str | None, str | None]:
    for t in lines:
        # the place/date line often shares a line with the header block in OCR'd text
        for piece in (t, *re.split(r"\s{2,}|(?<=KH-UBND)\s", t)):
            m = _PLACE_DATE.search(piece.strip())
            if m:
                place = squash(m.group("place"))
                place = re.sub(r"^.*?(?:/\S+\s+)", "", place)  # "…/KH-UBND Bắc Giang" -> "Bắc Giang"
                return place, _iso(m.group("d"), m.group("m"), m.group("y"))
    return None, None


def _title(texts: Sequence[str]) -> str | None:
    for i, t in enumerate(texts[:60]):
        k = key(t)
        if k == "ke hoach" and i + 1 < len(texts):
            return texts[i + 1]
        if k.startswith(("khung ke hoach", "ke hoach ")) and len(t) > 20 and not k.startswith("ke hoach so"):
            return t
    return None


def _annex(texts: Sequence[str]) -> tuple[str | None, str | None]:
    """'(Kèm theo Kế hoạch số: /KH-UBND ngày tháng 12 năm 2022 của Ủy ban nhân dân tỉnh X)'."""
    for t in texts:
        if re.search(r"kèm\s+theo", t, re.I) and re.search(r"kế\s+hoạch", t, re.I):
            m = re.search(r"\bcủa\s+(?P<who>[^)]+?)\)?\s*$", t)
            d = _DATE_IN_ANNEX.search(t)
            date = _iso(d.group("d"), d.group("m"), d.group("y")) if d else None
            return (_short_issuer(squash(m.group("who"))) if m else None), date
    return None, None


def _short_issuer(name: str) -> str:
    name = re.sub(r"^(?:Chủ tịch\s+)?(?:Ủy|Uỷ) ban nhân dân", "UBND", name, flags=re.I)
    name = re.sub(r"^Chủ tịch\s+", "", name, flags=re.I)
    return name


def _issuer(
    head: Sequence[str], texts: Sequence[str], symbol: str | None, place: str | None, annex: str | None
) -> tuple[str | None, str | None, bool]:
    """(issuer, its province, a national body?) — the letterhead first, then weaker evidence."""
    # 1. the letterhead (plan/letterhead.py)
    letterhead = read_letterhead(head)
    if letterhead is not None and letterhead.issuer:
        return letterhead.issuer, letterhead.province, letterhead.central
    # 1b. OCR'd text whose letterhead shares lines with the motto in lower case: "UY BAN NHAN DAN" / "TINH BAC GIANG"
    for i, t in enumerate(head[:12]):
        if key(t).startswith(("uy ban nhan dan", "ubnd")):
            prov = find_province(t) or next((p for s in head[i + 1 : i + 3] if (p := find_province(s))), None)
            if prov:
                return f"UBND tỉnh {prov}", prov, False
    return (*_weaker_issuer(texts, symbol, place, annex), False)


def _weaker_issuer(
    texts: Sequence[str], symbol: str | None, place: str | None, annex: str | None
) -> tuple[str | None, str | None]:
    # 2. the appendix heading names the plan's issuer
    if annex:
        return annex, find_province(annex)
    # 3. "<Cơ quan> xây dựng / ban hành Kế hoạch …" in the preamble
    for t in texts[:30]:
        m = re.match(r"^(?P<who>(?:Sở|Ủy ban|UBND|Ban|Văn phòng)[^,.;]{3,60}?)\s+(?:xây dựng|ban hành)\s+Kế hoạch", t)
        if m:
            who = _short_issuer(m.group("who"))
            return who, find_province(who)
    # 4. the symbol: KH-UBND with the place of issue
    if symbol:
        tail = key(symbol.split("-", 1)[-1]).replace(" ", "").upper()
        base = _words()[0].get(tail)
        prov = find_province(place) if place else None
        if base == "UBND" and prov:
            return f"UBND tỉnh {prov}", prov
        if base and base != "UBND":
            return base, None
    return None, None


def _period(title: str | None, texts: Sequence[str]) -> Period | None:
    for t in [title, *texts[:15]] if title else texts[:15]:
        if not t:
            continue
        m = _YEARS.search(t)
        if m:
            if m.group(1):
                return Period(start_year=int(m.group(1)), end_year=int(m.group(2)))
            return Period(start_year=int(m.group(3)), end_year=int(m.group(3)))
    return None


def _signer(texts: Sequence[str]) -> Signer | None:
    """The signature block: [TM./KT. …] then the position, then the name, near the end."""
    lines: list[str] = []
    for t in texts:
        lines.extend(x.strip() for x in t.split("\n") if x.strip() and not _RECIPIENT.match(x.strip()))
    # The `Nơi nhận:` list sits beside the signature; a PDF may interleave its lines with the signer's
    # (read row by row), so they are left out: no capacity, position or name line starts that way.
    for i in range(len(lines) - 1, max(len(lines) - 80, -1), -1):
        if not _is_position(lines[i]):
            continue
        above = [x for x in lines[max(i - 2, 0) : i] if _CAPACITY.match(x)]
        while above and lines[i - len(above)] is not above[0]:
            above.pop(0)  # only the capacity lines directly above the position
        capacity = " ".join(above) or None  # "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
        name = next((x for x in lines[i + 1 : i + 4] if _is_name(x)), None)
        if name:
            return Signer(name=name, title=lines[i], on_behalf_of=capacity)
    return None


def _is_position(t: str) -> bool:
    return t.isupper() and key(t) in _words()[1]


def _is_name(t: str) -> bool:
    """2-5 words whose alphabetic words (at least two) are capitalised; one letter is a word too (`Y Khuê Niê`)."""
    words = t.split()
    alpha = [w for w in words if w.isalpha()]
    return (
        2 <= len(words) <= 5
        and len(alpha) >= 2
        and all(w[:1].isupper() and (w[1:].islower() or len(w) == 1) for w in alpha)
    )


def _legal_basis(texts: Sequence[str]) -> list[str]:
    """References in the preamble: from the first 'Căn cứ'/'Thực hiện' line to the first heading.

    Wrapped lines (OCR'd text keeps the page's line breaks) are joined first.
    """
    start = next((i for i, t in enumerate(texts[:40]) if re.match(r"^(căn cứ|thực hiện)\b", t, re.I)), None)
    if start is None:
        return []
    preamble: list[str] = []
    for t in texts[start : start + 30]:
        if _ROMAN_HEADING.match(t):
            break
        preamble.append(t)
    refs: list[str] = []
    for m in sorted(
        [*_LEGAL.finditer(" ".join(preamble)), *_LAW.finditer(" ".join(preamble))], key=lambda m: m.start()
    ):
        ref = squash(m.group(0))
        if ref not in refs:
            refs.append(ref)
    return refs
