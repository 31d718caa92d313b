"""Candidate generation: lost diacritics and the OCR confusion model (learned, no hand-written rules)."""

import pytest

from kehoach_parse.vietnamese.restore import _models

# Confusions of seed 002's real scan that our renders (scripts/build_confusions.py: six faces, ten scan
# conditions) never produce: the hand-written rules that covered them are gone (issue 12, item 5).
SEED_002_ONLY = pytest.mark.xfail(strict=True, reason="not produced by the rendered training pages")


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
        pytest.param("hi¢u", "hiệu", marks=SEED_002_ONLY),
        ("Tw", "tư"),
        ("Bic", "bắc"),
        ("Cii", "cải"),
        pytest.param("d0", "đó", marks=SEED_002_ONLY),
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


def test_rules_come_from_the_learned_table_only(cm):
    from kehoach_parse.vietnamese.candidates import CONFUSIONS, load_rules

    assert not (CONFUSIONS.parent / "ocr_hand_rules.json").exists()
    learned = {(a, b): c for a, b, c in load_rules()}
    for src, dsts in cm.rules.items():
        for dst, cost in dsts:
            assert learned[(src, dst)] == cost
    assert all(learned[("", dst)] == cost for dst, cost in cm.insertions)


def test_context_rules_learned(cm):
    """A rewrite that happens next to a certain letter is learned with it, cheaper than without (ươ read as ue)."""
    cost = {(src, dst): c for src, dsts in cm.rules.items() for dst, c in dsts}
    assert cost[("ue", "uo")] < cost[("e", "o")] - 0.3
