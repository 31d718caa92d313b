"""The repair stage leaves clean short text alone, wherever it sits, and still repairs damaged text.

A short cell cannot tell its mode by itself, so the restorer borrows the mode of the text
around it; a clean, fully marked cell among stripped or OCR-damaged cells used to be
"repaired" into another marked reading (`Ban Sổ - Thẻ` -> `Ban Sơ - Thể`). The cells below are
composed for these tests (agency names, deadlines, output nouns of CCHC plans), as are the
damaged contexts; none comes from `samples/`.
"""

from __future__ import annotations

import pytest

from kehoach_parse.repair import repair_source
from kehoach_parse.source import Cell, Paragraph, Row, SourceDocument, Table
from kehoach_parse.vietnamese.restore import restore_stream, restore_with_changes

CLEAN_CELLS = [
    "Ban Sổ - Thẻ",
    "Ban Sổ - Thẻ; Ban Thu",
    "Ban Thu, Ban Sổ - Thẻ",
    "Ban Tổ chức",
    "Ban Tổ chức Tỉnh ủy",
    "Phòng Tư pháp",
    "Phòng Nội vụ",
    "Phòng Văn hóa - Thông tin",
    "Quý IV/2023",
    "Quý I/2025",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Kế hoạch và Đầu tư",
    "Sở Giáo dục và Đào tạo",
    "Sở Thông tin và Truyền thông",
    "Ban Dân tộc",
    "Ban Kiểm tra",
    "Ban Pháp chế",
    "Ban Thi đua - Khen thưởng",
    "Ban Thực hiện chính sách bảo hiểm y tế",
    "Cục Thuế",
    "Công an tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Văn phòng UBND tỉnh",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Trung tâm Phục vụ hành chính công",
    "UBND các huyện, thành phố",
    "Hằng năm",
    "Thường xuyên",
    "Tháng 6/2025",
    "Trước 30/6/2025",
    "Kế hoạch",
    "Báo cáo",
    "Quyết định",
]

# composed damaged contexts: diacritics stripped, and the look of tesseract -l eng on a scan
STRIPPED = [
    "Ke hoach cai cach hanh chinh nha nuoc nam 2025 cua tinh",
    "Chu tri, phoi hop voi cac co quan lien quan trien khai thuc hien",
]
OCR = [
    "Thuc hién ké hoach cai cach hanh chinh nha nuéc nim 2025 ctia tinh",
    "Chu tri, phéi hop véi cac co quan lién quan trién khai thuc hién",
]


def _in_stream(context: list[str], line: str) -> str:
    return list(restore_stream([*context, line]))[-1]


@pytest.mark.parametrize("cell", CLEAN_CELLS)
def test_clean_cell_untouched_alone(cell: str) -> None:
    out, changes = restore_with_changes(cell)
    assert (out, changes) == (cell, [])


@pytest.mark.parametrize("context", [STRIPPED, OCR], ids=["among-stripped", "among-ocr"])
@pytest.mark.parametrize("cell", CLEAN_CELLS)
def test_clean_cell_untouched_among_damaged_lines(cell: str, context: list[str]) -> None:
    assert _in_stream(context, cell) == cell


@pytest.mark.parametrize(
    ("context", "damaged", "repaired"),
    [
        (STRIPPED, "Phong Tu phap", "Phòng Tư pháp"),
        (STRIPPED, "Ban To chuc", "Ban Tổ chức"),
        (STRIPPED, "So Noi vu", "Sở Nội vụ"),
        (STRIPPED, "Van phong UBND tinh", "Văn phòng UBND tỉnh"),
        (STRIPPED, "Thực hien kế hoạch", "Thực hiện kế hoạch"),  # one word typed without its marks
        (OCR, "Ban T6 chirc", "Ban Tổ chức"),
        (OCR, "Phòng Tw pháp", "Phòng Tư pháp"),
        (OCR, "Sở Nội vu", "Sở Nội vụ"),
        (OCR, "Cai cach hanh chinh", "Cải cách hành chính"),
    ],
)
def test_damaged_cell_still_repaired(context: list[str], damaged: str, repaired: str) -> None:
    assert _in_stream(context, damaged) == repaired


def test_damaged_sentence_still_repaired_alone() -> None:
    assert restore_with_changes("Sở Tài chinh")[0] == "Sở Tài chính"
    assert restore_with_changes("nha nuéc")[0] == "nhà nước"


def _doc(kind: str, cells: list[str], paragraphs: list[str]) -> SourceDocument:
    table = Table(rows=[Row(cells=[Cell(text=t, col=0)]) for t in cells], n_cols=1)
    blocks = [Paragraph(text=p) for p in paragraphs] + [table]
    fmt = "text" if kind == "ocr_text" else "docx"
    return SourceDocument(path="x", sha256="0", format=fmt, kind=kind, loader="test", blocks=blocks)


def test_repair_source_keeps_clean_partner_cell() -> None:
    """The held-back BHXH plan's partner cell, in a DOCX whose other cells lost their marks."""
    cells = ["Ban Sổ - Thẻ; Ban Thu", "Chu tri xay dung ke hoach", "Ban Thu, Ban Sổ - Thẻ"]
    doc, _ = repair_source(_doc("digital", cells, []))
    got = [c.text for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    assert got[0] == cells[0] and got[2] == cells[2]
    assert got[1] == "Chủ trì xây dựng kế hoạch"


def test_repair_source_ocr_text_keeps_clean_cells() -> None:
    doc, _ = repair_source(_doc("ocr_text", ["Sở Tư pháp", "Ban Sổ - Thẻ", "Quý IV/2023"], OCR))
    got = [c.text for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    assert got == ["Sở Tư pháp", "Ban Sổ - Thẻ", "Quý IV/2023"]


def test_typed_text_keeps_letters_next_to_digits() -> None:
    """A note mark or code glued to a word in typed text (`vụ1`) is not OCR damage to rewrite away."""
    text = "Các nhiệm vụ1 và hoạt động1 của kế hoạch năm 2025 được giao cho Sở Nội vụ"
    assert restore_with_changes(text) == (text, [])


def test_repair_source_fixes_ocr_mark_slips_in_scans_only() -> None:
    """A scan OCR'd with Vietnamese marks misreads some (`quần` for `quản`): repaired there, the
    reading kept as `original`; the same text typed in a DOCX is the writer's and stays."""
    cells = ["Tăng cường quần lý nhà nước về công tác hướng dân", "Sở Nội vụ"]
    doc, _ = repair_source(_doc("scanned", cells, []))
    fixed = [c for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    assert [c.text for c in fixed] == ["Tăng cường quản lý nhà nước về công tác hướng dẫn", "Sở Nội vụ"]
    assert fixed[0].original == cells[0] and fixed[1].original is None
    doc, _ = repair_source(_doc("digital", cells, []))
    assert [c.text for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells] == cells
