"""Candidate generation: lost diacritics and the OCR confusion model."""

import pytest

from kehoach_parse.vietnamese.restore import _models


@pytest.fixture(scope="module")
def cm():
    return _models()[1]


def words(cands):
    return {c.word for c in cands}


def test_lost_diacritics(cm):
    got = words(cm.candidates("nuoc", "stripped"))
    assert "nước" in got
    assert "nuốc" not in got  # not a corpus syllable
    assert {"hành", "hạnh"} <= words(cm.candidates("hanh", "stripped"))
    assert "đường" in words(cm.candidates("duong", "stripped"))


@pytest.mark.parametrize(
    ("ocr", "truth"),
    [
        ("nuéc", "nước"),
        ("ctia", "của"),
        ("chirc", "chức"),
        ("dugc", "được"),
        ("ngudi", "người"),
        ("x4y", "xây"),
        ("s6", "số"),
        ("1ap", "lập"),
        ("hi¢u", "hiệu"),
        ("Tw", "tư"),
        ("Bic", "bắc"),
        ("Cii", "cải"),
        ("d0", "đó"),
        ("Pay", "đẩy"),
    ],
)
def test_ocr_confusions(cm, ocr, truth):
    assert truth in words(cm.candidates(ocr, "ocr"))


def test_rewrite_costs_are_weighted(cm):
    rw = cm.rewrites("ctia")
    assert rw["cua"] < 1.5
    assert rw.get("ctia", 0.0) == 0.0


def test_clean_mode_keeps_marked_syllables(cm):
    got = cm.candidates("hoà", "clean")
    assert len(got) == 1 and got[0].word == "hòa" and got[0].cost == 0.0
