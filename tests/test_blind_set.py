"""The blind set (samples/blind: plans drawn by reportlab, an independent renderer) and the fixes it led to.

The generator must give byte-identical PDFs on every run, like the other generators' `--check`; the unit
tests below pin the two general causes the set exposed: a row split by a page break drawn without its
border at the cut, and a signature block whose `Nơi nhận` lines come interleaved with the signer's.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from kehoach_parse.loaders.geometry import Seg, close_open_rows, find_lattices
from kehoach_parse.plan.metadata import extract_metadata
from kehoach_parse.source import Paragraph

BLIND = ROOT / "samples" / "blind"
# The faces the committed PDFs embed (Debian fonts-liberation2 2.1.5): other versions give other bytes.
FONT_SHA256 = {
    "LiberationSerif-Regular.ttf": "29d12439831b7f59194efec85872f24f54eff05738933f9a860220d2abff88ba",
    "LiberationSerif-Bold.ttf": "446a4421f297698427170fd7db20e59169a4188baaaf940e9bea58af6341a723",
    "LiberationSerif-Italic.ttf": "c1830c433ab41379f1139fac388989d37c9f08c81e1bd643efdcc7946db30753",
}


def _generator():
    spec = importlib.util.spec_from_file_location("make_blind", BLIND / "make_blind.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_blind"] = module
    spec.loader.exec_module(module)
    return module


def test_regenerated_set_is_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("reportlab", reason="reportlab not installed (pip install -e '.[test]')")
    gen = _generator()
    fonts = gen.font_paths()
    if fonts is None:
        pytest.skip("Liberation Serif 2.x not installed (scripts/install_sysdeps.sh installs fonts-liberation2)")
    for path in fonts.values():
        want = FONT_SHA256.get(path.name)
        if want and hashlib.sha256(path.read_bytes()).hexdigest() != want:
            pytest.skip(f"{path} is another version than the one the committed PDFs embed")
    assert gen.main(["--out", str(tmp_path)]) == 0
    committed = sorted(p.relative_to(BLIND) for p in BLIND.glob("*/*.pdf"))
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.glob("*/*.pdf"))
    assert made == committed and len(made) == 6
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (BLIND / rel).read_bytes(), f"{rel} differs: rerun make_blind.py"


def _grid(xs: list[float], rows: list[float], v_breaks: list[float], bottom: float | None = None) -> list[Seg]:
    """Horizontal lines at `rows`; every vertical drawn in pieces cut at `v_breaks`, down to `bottom`."""
    hs = [Seg(xs[0], y, xs[-1], y) for y in rows]
    cuts = [rows[0], *v_breaks, bottom if bottom is not None else rows[-1]]
    vs = [Seg(x, a, x, b) for x in xs for a, b in itertools.pairwise(cuts)]
    return hs + vs


def test_row_cut_at_the_page_bottom_gets_its_border() -> None:
    # page N: the last row (430-470) has no bottom line, the verticals go on to 470
    segs = _grid([40, 70, 300, 400, 500], [50, 80, 100, 200, 430], [100], bottom=470)
    assert find_lattices(segs)[0].ys[-1] == 430
    closed = find_lattices(close_open_rows(segs))[0]
    assert closed.ys[-1] == pytest.approx(470) and closed.n_rows == 5


def test_continued_piece_under_the_repeated_header_gets_its_own_row() -> None:
    # page N + 1: header 50-80, number row 80-100, continued piece 100-120 drawn without the line at 100;
    # every vertical stops and starts again at 100
    segs = _grid([40, 70, 300, 400, 500], [50, 80, 120, 300], [100])
    assert 100 not in find_lattices(segs)[0].ys
    ys = find_lattices(close_open_rows(segs))[0].ys
    assert ys == pytest.approx([50, 80, 100, 120, 300])


def test_fully_ruled_table_is_unchanged() -> None:
    segs = _grid([40, 70, 300, 500], [50, 80, 100, 200], [80, 100])
    assert close_open_rows(segs) == segs


def test_merged_cell_is_not_cut() -> None:
    # rows 100-150 and 150-200 merged in column 1 only: the verticals do not all stop at 150
    xs = [40, 70, 300, 500]
    segs = [Seg(40, y, 500, y) for y in (50, 100, 200)] + [Seg(70, 150, 500, 150), Seg(40, 150, 70, 150)]
    segs += [Seg(x, 50, x, 200) for x in xs]
    assert close_open_rows(segs) == segs


def _meta(lines: list[str]):
    return extract_metadata([Paragraph(t) for t in lines])


def test_signer_read_through_interleaved_recipients() -> None:
    # a PDF read row by row gives the `Nơi nhận` column and the signature column interleaved
    meta = _meta(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH BẮC KẠN",
            "Số: 3/KH-UBND",
            "KẾ HOẠCH",
            "Kiểm tra công vụ năm 2026",
            "Nơi nhận:",
            "- Sở Nội vụ;",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "- Các sở, ngành;",
            "- Lưu: VT.",
            "PHÓ CHỦ TỊCH",
            "Đinh Thị Mai",
        ]
    )
    assert meta.signer is not None
    assert (meta.signer.name, meta.signer.title, meta.signer.on_behalf_of) == (
        "Đinh Thị Mai",
        "PHÓ CHỦ TỊCH",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
    )


def test_recipient_line_is_never_the_signer_name() -> None:
    meta = _meta(["KẾ HOẠCH", "Tuyên truyền năm 2026", "Nơi nhận:", "GIÁM ĐỐC", "- Lưu: VT, KH.", "Lò Văn Pấng"])
    assert meta.signer is not None and meta.signer.name == "Lò Văn Pấng"


def test_name_with_a_one_letter_word() -> None:
    # Ê Đê names start with `Y` (men) or `H'` (women)
    meta = _meta(["KẾ HOẠCH", "Số hóa hồ sơ năm 2026", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Y Bhin Mlô"])
    assert meta.signer is not None and meta.signer.name == "Y Bhin Mlô"
