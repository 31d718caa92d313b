"""Unit: syllables OCR ran together are split apart, and only those (composed phrases, not samples)."""

from __future__ import annotations

import pytest

from kehoach_parse.vietnamese.restore import _models, restore_with_changes
from kehoach_parse.vietnamese.unglue import unglue


@pytest.mark.parametrize(
    ("token", "pieces"),
    [
        ("Quyétdinh", ("Quyét", "dinh")),  # `-l eng` marks and a lost space
        ("kiemtra", ("kiem", "tra")),
        ("thanhtoán", ("thanh", "toán")),
        ("SoNéivu", ("So", "Néi", "vu")),  # three syllables, case kept as written
        ("chinhquyen", ("chinh", "quyen")),
    ],
)
def test_syllables_run_together_are_split(token: str, pieces: tuple[str, ...]) -> None:
    lm, cm = _models()
    assert unglue(token, lm, cm) == pieces


@pytest.mark.parametrize(
    "token",
    [
        "hotline", "online", "website", "Microsoft", "smartphone", "blockchain",  # foreign words stay whole
        "chure",  # one syllable misread (`chức`), not two run together
        "nghiêng", "Nguyễn",  # syllables
        "UBND", "abc",  # too short or no syllables
    ],
)  # fmt: skip
def test_other_tokens_stay_whole(token: str) -> None:
    lm, cm = _models()
    assert unglue(token, lm, cm) is None


def test_restore_writes_the_pieces_apart_as_one_change() -> None:
    text, changes = restore_with_changes("Bao cao kétquakiém tra cia SoNéivu")
    assert text == "Báo cáo kết quả kiểm tra của Sở Nội vụ"
    glued = [(c.start, c.end, c.before, c.after, c.method) for c in changes if " " in c.after]
    assert glued == [(8, 18, "kétquakiém", "kết quả kiểm", "ocr"), (27, 34, "SoNéivu", "Sở Nội vụ", "ocr")]


def test_clean_text_is_never_split() -> None:
    text = "Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan; website của tỉnh"
    assert restore_with_changes(text) == (text, [])
