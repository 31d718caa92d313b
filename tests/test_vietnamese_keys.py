"""The shared text helpers: matching key, positional fold, Roman numerals, the damaged-text screen."""

import pytest

from kehoach_parse.vietnamese.keys import fold, key
from kehoach_parse.vietnamese.numerals import ROMAN_PATTERN, is_roman, to_roman
from kehoach_parse.vietnamese.orthography import marked_share, repair_method


def test_fold_keeps_positions() -> None:
    text = "Uỷ ban nhân dân tỉnh Đắk Lắk"
    folded = fold(text)
    assert folded == "uy ban nhan dan tinh dak lak"
    assert len(folded) == len(text)
    assert fold("ỦY BAN") == fold("Uỷ ban") == "uy ban"


def test_key_ignores_accents_case_and_punctuation() -> None:
    assert key("Sở Nội vụ") == key("SO NOI VU") == key(" sở  nội-vụ. ") == "so noi vu"
    assert key("Sở KH&ĐT") == "so kh&dt"  # `&` is part of abbreviations
    assert key("Đồng") == "dong"
    assert key("naïve") == "naive"
    assert key("") == ""


@pytest.mark.parametrize("numeral", ["I", "II", "IV", "IX", "XIV", "XXXIX", "XL", "L", "LXXXIX"])
def test_roman_numerals(numeral: str) -> None:
    assert is_roman(numeral)
    assert is_roman(f" {numeral}. ")


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IL", "C", "CM", "H", "1", "i", "Cải"])
def test_not_roman(text: str) -> None:
    assert not is_roman(text)


def test_to_roman_round_trips() -> None:
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 89, 1990)] == ["I", "IV", "IX", "XIV", "XL", "LXXXIX", "MCMXC"]
    assert to_roman(0) == ""
    assert all(is_roman(to_roman(n)) for n in range(1, 90))
    assert "(?=" in ROMAN_PATTERN  # never matches the empty string


def test_marked_share() -> None:
    assert marked_share("") == (0, 0.0)
    assert marked_share("Ke hoạch cải cách hành chính 2025") == (6, 5 / 6)
    assert marked_share("Cai cach hanh chinh") == (4, 0.0)
    assert marked_share("UBND tỉnh CCHC", skip_caps=True) == (1, 1.0)


def test_repair_method() -> None:
    assert repair_method("Cai cach", "Cải cách") == "diacritics"
    assert repair_method("ctia", "của") == "ocr"
    assert repair_method("k¥", "kỹ") == "ocr"  # an OCR symbol is not an accent


def test_key_folds_ocr_symbols_one_for_one() -> None:
    # one character per character: an OCR symbol never becomes a multi-letter transliteration
    assert key("nhi€ém vu") == "nhieem vu"
    assert key("hi¢u qua") == "hicu qua"
    assert key("Va\ufffdn pho\ufffdng") == "va n pho ng"
