#!/usr/bin/env python3
"""Draw a blind set of whole CCHC plans as digital PDFs with reportlab's platypus.

Why: every other digital PDF the project is tested on was drawn by our own code
(samples/make_pdfs.py), whose tables the PDF loader was tuned against. These six plans are
laid out by an independent renderer with real table layout: cells wrap, the header repeats
on every page (`repeatRows`), a row that meets a page break is split across the two pages
(`splitInRow`), cells are merged with `SPAN` (section rows across the table, a task merged
down over its activity rows, a group header over `Chủ trì | Phối hợp`). The plan text was
composed for this set (not taken from the seeds, the handmade set or any parse).

Outputs: samples/blind/dev/*.pdf and samples/blind/heldout/*.pdf; expectations (written by
hand from this file) are in samples/expected/blind/. Byte-identical on every run
(`rl_config.invariant`), given the same Liberation Serif 2.x font files.

Run: `.venv/bin/python samples/blind/make_blind.py [--out DIR] [--check]`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")
FACES = {
    "Serif": "LiberationSerif-Regular.ttf",
    "Serif-Bold": "LiberationSerif-Bold.ttf",
    "Serif-Italic": "LiberationSerif-Italic.ttf",
    "Serif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}

# A cell that is covered by the cell above it (a vertical merge).
UP = object()


@dataclass
class Sec:
    """A section row: `style` says how it is drawn.

    span: one cell across the whole row reading `I. TITLE` (or `TITLE` when numeral is None);
    stt: the numeral in the STT cell, the title merged over the remaining cells;
    plain: the title alone in the content cell, the other cells empty and not merged.
    """

    numeral: str | None
    title: str
    style: str = "span"


@dataclass
class Plan:
    """One whole plan: letterhead, body, appendix table, signature."""

    name: str
    part: str  # dev | heldout
    left: list[str]  # issuer lines of the letterhead
    number: str  # `Số: ...`
    place_date: str
    title_lines: list[str]
    bases: list[str]
    body: list[tuple[str, str]]  # (style, text): h = bold heading, p = paragraph, b = bullet
    header: list[list[str]]  # one or two header rows (two: group header over Chủ trì | Phối hợp)
    header_spans: list[tuple[tuple[int, int], tuple[int, int]]]
    widths: list[float]  # column widths in cm
    rows: list[Sec | list[object]]
    number_row: list[str] | None = None
    landscape: bool = True
    sign_before_appendix: bool = False
    gap: float = 8  # points between the appendix title and the table (moves the page breaks)
    split_in_row: bool = False  # a row meeting the page break is split across the pages (Word's default)
    sign: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    appendix_title: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------------
# The plans. Text composed for this set.
# ---------------------------------------------------------------------------------------------------------------------

TINH = ["Các sở, ban, ngành tỉnh", "UBND các xã, phường"]

LAOCAI = Plan(
    name="laocai_ubnd_2026",
    part="dev",
    split_in_row=True,
    gap=50,  # puts the page break inside row 14
    left=["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"],
    number="Số: 18/KH-UBND",
    place_date="Lào Cai, ngày 16 tháng 01 năm 2026",
    title_lines=["KẾ HOẠCH", "Cải cách hành chính nhà nước tỉnh Lào Cai năm 2026"],
    bases=[
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Quyết định số 2105/QĐ-UBND ngày 28 tháng 10 năm 2025 của UBND tỉnh Lào Cai ban hành Kế hoạch "
        "cải cách hành chính nhà nước giai đoạn 2026 - 2030;",
    ],
    body=[
        ("p", "Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2026 như sau:"),
        ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
        (
            "p",
            "1. Tiếp tục nâng cao chất lượng, hiệu quả hoạt động của bộ máy hành chính sau khi tổ chức chính "
            "quyền địa phương hai cấp; lấy người dân, doanh nghiệp làm trung tâm phục vụ.",
        ),
        (
            "p",
            "2. Nhiệm vụ phải cụ thể, gắn trách nhiệm của người đứng đầu cơ quan, đơn vị với kết quả thực hiện; "
            "bảo đảm hoàn thành đúng thời hạn.",
        ),
        ("h", "II. NHIỆM VỤ TRỌNG TÂM"),
        ("p", "Các nhiệm vụ cụ thể, cơ quan chủ trì, phối hợp và thời hạn hoàn thành tại Phụ lục kèm theo."),
        ("h", "III. TỔ CHỨC THỰC HIỆN"),
        (
            "p",
            "1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường căn cứ Kế hoạch này xây dựng kế hoạch "
            "của cơ quan, đơn vị mình, gửi Sở Nội vụ trước ngày 31 tháng 01 năm 2026.",
        ),
        ("p", "2. Sở Nội vụ theo dõi, đôn đốc, tổng hợp kết quả, báo cáo UBND tỉnh theo quy định."),
    ],
    header=[
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Dự kiến sản phẩm",
            "Đơn vị chủ trì thực hiện",
            "Đơn vị phối hợp thực hiện",
            "Thời hạn hoàn thành",
            "Ghi chú",
        ]
    ],
    header_spans=[],
    number_row=["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    widths=[1.1, 8.2, 3.8, 3.6, 4.4, 2.8, 2.6],
    rows=[
        Sec("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "plain"),
        [
            "1",
            "Ban hành Kế hoạch cải cách hành chính nhà nước năm 2026 của tỉnh",
            "Kế hoạch của UBND tỉnh",
            ["Sở Nội vụ"],
            [TINH, ";\n"],
            "Tháng 01/2026",
            "",
        ],
        [
            "2",
            "Ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 và tổ chức kiểm tra tại các cơ "
            "quan, đơn vị, địa phương theo kế hoạch",
            "Kế hoạch kiểm tra; Báo cáo kết quả kiểm tra",
            ["Sở Nội vụ"],
            [["Văn phòng UBND tỉnh", "Sở Tư pháp", "Sở Khoa học và Công nghệ"], ", "],
            "Quý II/2026",
            "",
        ],
        [
            "3",
            "Xác định, công bố Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành và UBND các xã, phường",
            "Quyết định công bố Chỉ số",
            ["Sở Nội vụ"],
            [["Hội đồng thẩm định Chỉ số cải cách hành chính tỉnh"], ""],
            "Trước 30/6/2026",
            "Theo Bộ tiêu chí của tỉnh",
        ],
        [
            "4",
            "Tổ chức điều tra xã hội học đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ "
            "quan hành chính nhà nước trên địa bàn tỉnh",
            "Báo cáo kết quả điều tra",
            ["Sở Nội vụ"],
            [["Bưu điện tỉnh", "UBND các xã, phường"], ";\n"],
            "Quý III/2026",
            "",
        ],
        Sec("II", "CẢI CÁCH THỂ CHẾ", "plain"),
        [
            "5",
            "Xây dựng, ban hành văn bản quy phạm pháp luật của HĐND, UBND tỉnh theo Chương trình xây dựng văn "
            "bản năm 2026, bảo đảm phù hợp với mô hình chính quyền địa phương hai cấp",
            "Nghị quyết của HĐND tỉnh; Quyết định của UBND tỉnh",
            ["Các sở, ban, ngành được giao chủ trì soạn thảo"],
            [["Sở Tư pháp"], ""],
            "Năm 2026",
            "",
        ],
        [
            "6",
            "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành; kịp thời đề xuất sửa "
            "đổi, bổ sung, thay thế các văn bản không còn phù hợp",
            "Báo cáo kết quả rà soát",
            ["Sở Tư pháp"],
            [TINH, ";\n"],
            "Thường xuyên",
            "",
        ],
        [
            "7",
            "Kiểm tra việc thực hiện văn bản quy phạm pháp luật tại các cơ quan, đơn vị và địa phương",
            "Báo cáo kết quả kiểm tra",
            ["Sở Tư pháp"],
            [["Sở Nội vụ", "Văn phòng UBND tỉnh"], ", "],
            "Quý IV/2026",
            "",
        ],
        Sec("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "plain"),
        [
            "8",
            "Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân thuộc thẩm quyền giải quyết của địa "
            "phương, cắt giảm tối thiểu 20% thời gian giải quyết và chi phí tuân thủ",
            "Phương án đơn giản hóa",
            ["Văn phòng UBND tỉnh"],
            [TINH, ";\n"],
            "Tháng 6/2026",
            "Cắt giảm tối thiểu 20%",
        ],
        [
            "9",
            "Công bố, công khai danh mục thủ tục hành chính và quy trình nội bộ giải quyết thủ tục hành chính "
            "trên Cổng Dịch vụ công quốc gia và Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
            "Quyết định công bố; Quy trình nội bộ",
            ["Văn phòng UBND tỉnh"],
            [["Các sở, ban, ngành tỉnh"], ""],
            "Thường xuyên",
            "",
        ],
        [
            "10",
            "Tổ chức tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính",
            "Báo cáo tình hình tiếp nhận, xử lý",
            ["Văn phòng UBND tỉnh"],
            [TINH, ";\n"],
            "6 tháng đầu năm",
            "",
        ],
        Sec("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "plain"),
        [
            "11",
            "Rà soát, sắp xếp lại các cơ quan chuyên môn, đơn vị sự nghiệp công lập thuộc UBND tỉnh sau khi "
            "hợp nhất, bảo đảm tinh gọn, hoạt động hiệu lực, hiệu quả; hoàn thiện quy định chức năng, nhiệm "
            "vụ, quyền hạn và cơ cấu tổ chức của từng cơ quan, đơn vị theo hướng dẫn của các bộ, ngành trung "
            "ương",
            "Đề án sắp xếp; Quyết định quy định chức năng, nhiệm vụ",
            ["Sở Nội vụ"],
            [["Các cơ quan chuyên môn thuộc UBND tỉnh"], ""],
            "Quý II/2026",
            "",
        ],
        [
            "12",
            "Quản lý biên chế công chức, số lượng người làm việc trong các đơn vị sự nghiệp công lập theo vị "
            "trí việc làm được phê duyệt",
            "Quyết định giao biên chế",
            ["Sở Nội vụ"],
            [["Sở Tài chính"], ""],
            "Năm 2026",
            "",
        ],
        Sec("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "plain"),
        [
            "13",
            "Rà soát, hoàn thiện danh mục vị trí việc làm của các cơ quan, tổ chức hành chính và đơn vị sự "
            "nghiệp công lập sau sắp xếp",
            "Quyết định phê duyệt vị trí việc làm",
            ["Sở Nội vụ"],
            [TINH, ";\n"],
            "Tháng 9/2026",
            "",
        ],
        [
            "14",
            "Tổ chức bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức cấp xã về thực hiện nhiệm vụ sau khi "
            "tổ chức chính quyền địa phương hai cấp",
            "Các lớp bồi dưỡng",
            ["Sở Nội vụ"],
            [["UBND các xã, phường"], ""],
            "Quý III/2026",
            "Kinh phí đào tạo",
        ],
        Sec("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", "plain"),
        [
            "15",
            "Thực hiện cơ chế tự chủ tài chính đối với đơn vị sự nghiệp công lập; đẩy mạnh giao nhiệm vụ, "
            "đặt hàng cung cấp dịch vụ sự nghiệp công sử dụng ngân sách nhà nước; rà soát, ban hành định mức "
            "kinh tế - kỹ thuật, đơn giá dịch vụ sự nghiệp công thuộc thẩm quyền của tỉnh; đánh giá mức độ tự "
            "chủ của từng đơn vị sau sắp xếp, hợp nhất để giao quyền tự chủ giai đoạn mới; hướng dẫn các đơn vị "
            "xây dựng phương án tự chủ tài chính, trình cấp có thẩm quyền phê duyệt theo quy định; kiểm tra, "
            "giám sát việc sử dụng nguồn thu, trích lập các quỹ của đơn vị sự nghiệp công lập",
            "Quyết định giao quyền tự chủ",
            ["Sở Tài chính"],
            [["Các cơ quan, đơn vị có liên quan"], ""],
            "Năm 2026",
            "",
        ],
        Sec("VII", "XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "plain"),
        [
            "16",
            "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, kết nối, chia sẻ dữ liệu với "
            "Cơ sở dữ liệu quốc gia về dân cư phục vụ giải quyết thủ tục hành chính",
            "Hệ thống được nâng cấp",
            ["Sở Khoa học và Công nghệ"],
            [["Văn phòng UBND tỉnh", "Công an tỉnh"], ";\n"],
            "Quý IV/2026",
            "",
        ],
        [
            "17",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa các cấp",
            "Hồ sơ được số hóa",
            ["Trung tâm Phục vụ hành chính công tỉnh"],
            [["UBND các xã, phường"], ""],
            "Thường xuyên",
            "",
        ],
    ],
    sign=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Hoàng Quốc Khánh"],
    recipients=[
        "Nơi nhận:",
        "- Bộ Nội vụ;",
        "- TT. Tỉnh ủy, TT. HĐND tỉnh;",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các xã, phường;",
        "- Lưu: VT, NC.",
    ],
    appendix_title=[
        "Phụ lục",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "(Kèm theo Kế hoạch số 18/KH-UBND ngày 16/01/2026 của UBND tỉnh Lào Cai)",
    ],
)

DAKLAK = Plan(
    name="daklak_sonoivu_2026",
    part="dev",
    left=["UBND TỈNH ĐẮK LẮK", "SỞ NỘI VỤ"],
    number="Số: 07/KH-SNV",
    place_date="Đắk Lắk, ngày 09 tháng 01 năm 2026",
    title_lines=["KẾ HOẠCH", "Cải cách hành chính năm 2026 của Sở Nội vụ"],
    bases=[
        "Căn cứ Kế hoạch số 315/KH-UBND ngày 26 tháng 12 năm 2025 của UBND tỉnh Đắk Lắk về cải cách hành chính "
        "nhà nước năm 2026;",
        "Căn cứ Quyết định số 04/2025/QĐ-UBND ngày 02 tháng 7 năm 2025 của UBND tỉnh quy định chức năng, nhiệm "
        "vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ;",
    ],
    body=[
        ("p", "Sở Nội vụ xây dựng Kế hoạch cải cách hành chính năm 2026 với các nội dung sau:"),
        ("h", "1. Mục tiêu"),
        ("p", "Hoàn thành 100% nhiệm vụ cải cách hành chính được giao; nâng cao Chỉ số cải cách hành chính của Sở."),
        ("h", "2. Nhiệm vụ"),
        ("p", "Nhiệm vụ, hoạt động cụ thể và kinh phí thực hiện tại Phụ lục kèm theo Kế hoạch này."),
        ("h", "3. Kinh phí"),
        ("p", "Kinh phí thực hiện từ nguồn ngân sách nhà nước giao cho Sở năm 2026."),
    ],
    header=[
        ["TT", "Nhiệm vụ", "Hoạt động", "Đơn vị thực hiện", "", "Thời gian thực hiện", "Kinh phí (triệu đồng)"],
        ["", "", "", "Chủ trì", "Phối hợp", "", ""],
    ],
    header_spans=[
        ((0, 0), (0, 1)),
        ((1, 0), (1, 1)),
        ((2, 0), (2, 1)),
        ((3, 0), (4, 0)),
        ((5, 0), (5, 1)),
        ((6, 0), (6, 1)),
    ],
    widths=[1.0, 5.6, 7.4, 3.4, 4.6, 2.8, 2.2],
    rows=[
        Sec(None, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        [
            "1",
            "Chỉ đạo, điều hành cải cách hành chính của Sở",
            "Ban hành Kế hoạch cải cách hành chính năm 2026 của Sở",
            ["Văn phòng Sở"],
            [["Các phòng, đơn vị thuộc Sở"], ""],
            "Tháng 01/2026",
            "",
        ],
        [
            "2",
            UP,
            "Báo cáo định kỳ kết quả thực hiện cải cách hành chính quý, 6 tháng và năm",
            ["Văn phòng Sở"],
            [["Các phòng, đơn vị thuộc Sở"], ""],
            "Hằng quý",
            "",
        ],
        [
            "3",
            UP,
            "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2025 của Sở",
            ["Văn phòng Sở"],
            [["Các phòng, đơn vị thuộc Sở"], ""],
            "Quý I/2026",
            "",
        ],
        [
            "4",
            "Tuyên truyền cải cách hành chính",
            "Đăng tải tin, bài về cải cách hành chính trên Trang thông tin điện tử của Sở",
            ["Văn phòng Sở"],
            [["Phòng Cải cách hành chính"], ""],
            "Thường xuyên",
            "20",
        ],
        Sec(None, "CẢI CÁCH THỂ CHẾ"),
        [
            "5",
            "Hoàn thiện thể chế thuộc lĩnh vực nội vụ",
            "Tham mưu UBND tỉnh ban hành quyết định quy định chức năng, nhiệm vụ của các cơ quan chuyên môn",
            ["Phòng Tổ chức, biên chế"],
            [["Sở Tư pháp", "Các sở, ban, ngành tỉnh"], ";\n"],
            "Quý II/2026",
            "",
        ],
        [
            "6",
            UP,
            "Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực nội vụ do UBND tỉnh ban hành",
            ["Phòng Tổ chức, biên chế"],
            [["Văn phòng Sở"], ""],
            "Tháng 6/2026",
            "15",
        ],
        Sec(None, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        [
            "7",
            "Kiểm soát thủ tục hành chính của Sở",
            "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực nội vụ",
            ["Văn phòng Sở"],
            [["Các phòng chuyên môn"], ""],
            "Quý III/2026",
            "30",
        ],
        [
            "8",
            UP,
            "Cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công quốc gia",
            ["Văn phòng Sở"],
            [["Trung tâm Phục vụ hành chính công tỉnh"], ""],
            "Thường xuyên",
            "",
        ],
        Sec(None, "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
        [
            "9",
            "Nâng cao chất lượng đội ngũ công chức",
            "Tổ chức thi nâng ngạch công chức năm 2026",
            ["Phòng Công chức, viên chức"],
            [["Sở Tài chính", "Trung tâm Phục vụ hành chính công tỉnh"], ";\n"],
            "Quý IV/2026",
            "1.500",
        ],
        [
            "10",
            UP,
            "Bồi dưỡng kỹ năng số cho công chức của Sở",
            ["Văn phòng Sở"],
            [["Phòng Công chức, viên chức"], ""],
            "Trước 30/9/2026",
            "45",
        ],
    ],
    sign=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Y Khuê Niê"],
    recipients=[
        "Nơi nhận:",
        "- UBND tỉnh (để b/c);",
        "- Giám đốc, các PGĐ Sở;",
        "- Các phòng, đơn vị thuộc Sở;",
        "- Lưu: VT, VP.",
    ],
    appendix_title=["PHỤ LỤC", "NHIỆM VỤ, HOẠT ĐỘNG CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA SỞ NỘI VỤ"],
    sign_before_appendix=True,
)

HAIPHONG = Plan(
    name="haiphong_sotuphap_2026",
    part="dev",
    left=["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ TƯ PHÁP"],
    number="Số: 25/KH-STP",
    place_date="Hải Phòng, ngày 20 tháng 01 năm 2026",
    title_lines=["KẾ HOẠCH", "Thực hiện công tác cải cách hành chính năm 2026"],
    bases=[
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 08 tháng 01 năm 2026 của UBND thành phố Hải Phòng về cải cách hành "
        "chính nhà nước năm 2026;",
        "Căn cứ chức năng, nhiệm vụ, quyền hạn của Sở Tư pháp;",
    ],
    body=[
        ("p", "Sở Tư pháp ban hành Kế hoạch thực hiện công tác cải cách hành chính năm 2026 như sau:"),
        ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("b", "- Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính thuộc lĩnh vực tư pháp."),
        ("b", "- Gắn kết quả thực hiện với đánh giá, xếp loại cơ quan, đơn vị và cá nhân."),
        ("h", "II. NHIỆM VỤ CỤ THỂ"),
        ("p", "Nhiệm vụ cụ thể theo bảng dưới đây:"),
    ],
    header=[
        [
            "STT",
            "Nội dung công việc",
            "Hình thức sản phẩm",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian",
            "Chỉ số đánh giá",
        ]
    ],
    header_spans=[],
    widths=[1.3, 5.0, 2.6, 2.2, 2.6, 2.6, 2.2],
    landscape=False,
    rows=[
        Sec("I", "Công tác chỉ đạo, điều hành", "stt"),
        [
            "1",
            "Xây dựng Kế hoạch cải cách hành chính năm 2026 của Sở",
            "Kế hoạch",
            ["Văn phòng Sở"],
            [["Các phòng thuộc Sở"], ""],
            "Tháng 01/2026",
            "Ban hành đúng hạn",
        ],
        [
            "2",
            "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị thuộc Sở",
            "Thông báo kết luận kiểm tra",
            ["Thanh tra Sở"],
            [["Văn phòng Sở"], ""],
            "Quý III/2026",
            "",
        ],
        Sec("II", "Cải cách thủ tục hành chính", "stt"),
        [
            "3",
            "Giải quyết thủ tục hành chính lĩnh vực hộ tịch, lý lịch tư pháp đúng và trước hạn",
            "Hồ sơ giải quyết đúng hạn",
            ["Phòng Hành chính tư pháp"],
            [["Trung tâm Phục vụ hành chính công thành phố"], ""],
            "Thường xuyên",
            "100% hồ sơ đúng hạn",
        ],
        [
            "4",
            "Rà soát quy trình nội bộ giải quyết thủ tục hành chính thuộc lĩnh vực bổ trợ tư pháp",
            "Báo cáo rà soát; Dự thảo quy trình",
            ["Phòng Bổ trợ tư pháp"],
            [["Văn phòng Sở"], ""],
            "6 tháng đầu năm",
            "",
        ],
        Sec("III", "Cải cách tổ chức bộ máy", "plain"),
        [
            "5",
            "Kiện toàn tổ chức các phòng chuyên môn và đơn vị sự nghiệp thuộc Sở",
            "Quyết định kiện toàn",
            ["Văn phòng Sở"],
            [["Sở Nội vụ"], ""],
            "Quý II/2026",
            "",
        ],
        Sec("IV", "Xây dựng chính quyền số", "stt"),
        [
            "6",
            "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục cấp Phiếu lý lịch tư pháp",
            "Dịch vụ công trực tuyến",
            ["Trung tâm Lý lịch tư pháp"],
            [["Công an thành phố", "Sở Khoa học và Công nghệ"], ";\n"],
            "Năm 2026",
            "Tỷ lệ hồ sơ trực tuyến trên 80%",
        ],
        [
            "7",
            "Số hóa sổ hộ tịch lưu trữ tại Sở",
            "Dữ liệu hộ tịch điện tử",
            ["Phòng Hành chính tư pháp"],
            [["UBND các xã, phường"], ""],
            "Trước 31/12/2026",
            "",
        ],
    ],
    sign=["GIÁM ĐỐC", "", "", "Phạm Thị Hồng Vân"],
    recipients=["Nơi nhận:", "- Sở Nội vụ;", "- Ban Giám đốc Sở;", "- Lưu: VT, VP."],
    appendix_title=[],
)

THANHHOA = Plan(
    name="thanhhoa_ubnd_2026",
    part="heldout",
    split_in_row=True,
    left=["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"],
    number="Số: 31/KH-UBND",
    place_date="Thanh Hóa, ngày 22 tháng 01 năm 2026",
    title_lines=["KẾ HOẠCH", "Cải cách hành chính nhà nước năm 2026 trên địa bàn tỉnh Thanh Hóa"],
    bases=[
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Quyết định số 1780/QĐ-UBND ngày 19 tháng 5 năm 2021 của UBND tỉnh Thanh Hóa ban hành Kế hoạch cải "
        "cách hành chính nhà nước tỉnh giai đoạn 2021 - 2030;",
        "Căn cứ tình hình thực tế của tỉnh;",
    ],
    body=[
        ("p", "UBND tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2026 trên địa bàn tỉnh như sau:"),
        ("h", "I. MỤC TIÊU"),
        (
            "p",
            "Duy trì, cải thiện thứ hạng Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng của người dân, "
            "tổ chức (SIPAS) của tỉnh năm 2026.",
        ),
        ("h", "II. NHIỆM VỤ, GIẢI PHÁP"),
        ("p", "Chi tiết tại Phụ lục kèm theo."),
    ],
    header=[
        ["TT", "Nhiệm vụ", "Sản phẩm", "Cơ quan thực hiện", "", "Thời gian hoàn thành", "Nguồn kinh phí"],
        ["", "", "", "Chủ trì", "Phối hợp", "", ""],
    ],
    header_spans=[
        ((0, 0), (0, 1)),
        ((1, 0), (1, 1)),
        ((2, 0), (2, 1)),
        ((3, 0), (4, 0)),
        ((5, 0), (5, 1)),
        ((6, 0), (6, 1)),
    ],
    number_row=["1", "2", "3", "4", "5", "6", "7"],
    widths=[1.0, 8.6, 3.8, 3.4, 4.4, 2.8, 2.6],
    rows=[
        Sec("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        [
            "1",
            "Ban hành Kế hoạch cải cách hành chính nhà nước năm 2026; kế hoạch tuyên truyền; kế hoạch kiểm tra",
            "Các kế hoạch của UBND tỉnh",
            ["Sở Nội vụ"],
            [["Sở Văn hóa, Thể thao và Du lịch"], ""],
            "Tháng 01/2026",
            "Ngân sách tỉnh",
        ],
        [
            "2",
            "Tổ chức Hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm",
            "Hội nghị",
            ["Sở Nội vụ"],
            [TINH, ";\n"],
            "Tháng 7/2026",
            "Ngân sách tỉnh",
        ],
        [
            "3",
            "Khảo sát, đánh giá mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính",
            "Báo cáo kết quả khảo sát",
            ["Sở Nội vụ"],
            [["Bưu điện tỉnh"], ""],
            "Quý IV/2026",
            "Ngân sách tỉnh",
        ],
        Sec("II", "CẢI CÁCH THỂ CHẾ"),
        [
            "4",
            "Xây dựng, trình HĐND tỉnh ban hành các nghị quyết quy định chính sách đặc thù của tỉnh theo thẩm "
            "quyền được giao tại các luật, nghị định mới ban hành",
            "Nghị quyết của HĐND tỉnh",
            ["Các sở, ban, ngành được giao"],
            [["Sở Tư pháp"], ""],
            "Theo Chương trình của HĐND tỉnh",
            "",
        ],
        [
            "5",
            "Theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh",
            "Báo cáo",
            ["Sở Tư pháp"],
            [TINH, ";\n"],
            "Trước 15/11/2026",
            "",
        ],
        Sec("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        [
            "6",
            "Thực thi phương án phân cấp, ủy quyền giải quyết thủ tục hành chính cho chính quyền cấp xã theo "
            "mô hình chính quyền địa phương hai cấp; hướng dẫn, kiểm tra việc thực hiện tại các xã, phường",
            "Quyết định phê duyệt phương án; Báo cáo",
            ["Văn phòng UBND tỉnh"],
            [TINH, ";\n"],
            "Quý II/2026",
            "",
        ],
        [
            "7",
            "Triển khai thực hiện thủ tục hành chính không phụ thuộc địa giới hành chính trong phạm vi tỉnh",
            "Danh mục thủ tục hành chính",
            ["Văn phòng UBND tỉnh"],
            [["Trung tâm Phục vụ hành chính công tỉnh"], ""],
            "Năm 2026",
            "",
        ],
        [
            "8",
            "Công khai tiến độ, kết quả giải quyết hồ sơ thủ tục hành chính",
            "Dữ liệu trên Cổng Dịch vụ công",
            ["Các sở, ban, ngành tỉnh"],
            [["UBND các xã, phường"], ""],
            "Thường xuyên",
            "",
        ],
        Sec("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"),
        [
            "9",
            "Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn thuộc UBND tỉnh, khắc phục chồng chéo, "
            "trùng lặp sau sắp xếp; trình UBND tỉnh ban hành quyết định quy định chức năng, nhiệm vụ, quyền hạn",
            "Quyết định của UBND tỉnh",
            ["Sở Nội vụ"],
            [["Các cơ quan chuyên môn thuộc UBND tỉnh"], ""],
            "Quý III/2026",
            "",
        ],
        [
            "10",
            "Thực hiện tinh giản biên chế theo quy định",
            "Quyết định tinh giản biên chế",
            ["Sở Nội vụ"],
            [["Sở Tài chính"], ""],
            "6 tháng đầu năm",
            "Ngân sách tỉnh",
        ],
        Sec("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
        [
            "11",
            "Tổ chức tuyển dụng công chức cấp xã năm 2026",
            "Kết quả tuyển dụng",
            ["Sở Nội vụ"],
            [["UBND các xã, phường"], ""],
            "Quý III/2026",
            "Ngân sách tỉnh",
        ],
        [
            "12",
            "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2026",
            "Báo cáo",
            ["Sở Nội vụ"],
            [TINH, ";\n"],
            "Tháng 12/2026",
            "",
        ],
        Sec("VI", "CẢI CÁCH TÀI CHÍNH CÔNG"),
        [
            "13",
            "Kiểm tra việc quản lý, sử dụng tài sản công tại các cơ quan, đơn vị",
            "Kết luận kiểm tra",
            ["Sở Tài chính"],
            [["Kho bạc Nhà nước khu vực X"], ""],
            "Quý IV/2026",
            "",
        ],
        Sec("VII", "XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
        [
            "14",
            "Triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP), kết nối với các hệ thống thông tin "
            "của trung ương; bảo đảm an toàn thông tin cho các hệ thống dùng chung của tỉnh theo cấp độ",
            "Nền tảng LGSP được nâng cấp",
            ["Sở Khoa học và Công nghệ"],
            [["Công an tỉnh", "Các sở, ban, ngành tỉnh"], ";\n"],
            "Năm 2026",
            "Ngân sách tỉnh; nguồn hợp pháp khác",
        ],
        [
            "15",
            "Duy trì, cập nhật Hệ thống quản lý văn bản và điều hành, chữ ký số chuyên dùng",
            "Hệ thống hoạt động",
            ["Văn phòng UBND tỉnh"],
            [TINH, ";\n"],
            "Thường xuyên",
            "",
        ],
    ],
    sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Đỗ Minh Tuấn"],
    recipients=[
        "Nơi nhận:",
        "- Bộ Nội vụ;",
        "- TTr. Tỉnh ủy, HĐND tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- Lưu: VT, THKH.",
    ],
    appendix_title=[
        "PHỤ LỤC",
        "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "(Ban hành kèm theo Kế hoạch số 31/KH-UBND ngày 22/01/2026 của UBND tỉnh)",
    ],
)

HUE = Plan(
    name="hue_sotaichinh_2026",
    part="heldout",
    left=["UBND THÀNH PHỐ HUẾ", "SỞ TÀI CHÍNH"],
    number="Số: 14/KH-STC",
    place_date="Huế, ngày 13 tháng 01 năm 2026",
    title_lines=["KẾ HOẠCH", "Cải cách hành chính năm 2026"],
    bases=[
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 06 tháng 01 năm 2026 của UBND thành phố Huế về cải cách hành chính "
        "năm 2026;",
        "Căn cứ Quyết định số 2411/QĐ-UBND ngày 15 tháng 8 năm 2025 của UBND thành phố quy định chức năng, nhiệm "
        "vụ, quyền hạn của Sở Tài chính;",
    ],
    body=[
        ("p", "Sở Tài chính xây dựng Kế hoạch cải cách hành chính năm 2026 như sau:"),
        ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("p", "Xác định rõ nhiệm vụ, trách nhiệm của các phòng, đơn vị; hoàn thành đúng tiến độ."),
        ("h", "II. NHIỆM VỤ"),
        ("p", "Các nhiệm vụ, hoạt động tại Phụ lục."),
    ],
    header=[
        ["TT", "Nhiệm vụ", "Nội dung hoạt động", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Ghi chú"]
    ],
    header_spans=[],
    widths=[0.9, 4.6, 6.4, 3.0, 2.8, 3.6, 2.3, 2.4],
    rows=[
        Sec(None, "Công tác chỉ đạo, điều hành", "span"),
        [
            "1",
            "Chỉ đạo, điều hành cải cách hành chính",
            "Ban hành Kế hoạch cải cách hành chính năm 2026 của Sở",
            "Kế hoạch",
            ["Văn phòng Sở"],
            [["Các phòng thuộc Sở"], ""],
            "Tháng 01/2026",
            "",
        ],
        [
            "2",
            UP,
            "Kiểm tra việc thực hiện cải cách hành chính tại các đơn vị trực thuộc",
            "Báo cáo kiểm tra",
            ["Thanh tra Sở"],
            [["Văn phòng Sở"], ""],
            "Quý III/2026",
            "",
        ],
        Sec(None, "Cải cách thủ tục hành chính", "span"),
        [
            "3",
            "Kiểm soát thủ tục hành chính",
            "Rà soát thủ tục hành chính lĩnh vực quản lý giá, tài sản công",
            "Báo cáo rà soát",
            ["Phòng Quản lý giá và công sản"],
            [["Văn phòng Sở"], ""],
            "Tháng 6/2026",
            "",
        ],
        [
            "4",
            UP,
            "Giải quyết hồ sơ đăng ký doanh nghiệp qua mạng",
            "Hồ sơ được giải quyết",
            ["Phòng Đăng ký kinh doanh"],
            [["Trung tâm Phục vụ hành chính công thành phố"], ""],
            "Thường xuyên",
            "Tỷ lệ trực tuyến trên 95%",
        ],
        [
            "5",
            UP,
            "Công khai thủ tục hành chính tại Bộ phận Một cửa",
            "Thủ tục được công khai",
            ["Văn phòng Sở"],
            [["Các phòng chuyên môn"], ""],
            "Năm 2026",
            "",
        ],
        Sec(None, "Cải cách tài chính công", "span"),
        [
            "6",
            "Quản lý ngân sách",
            "Hướng dẫn xây dựng dự toán ngân sách nhà nước năm 2027",
            "Văn bản hướng dẫn",
            ["Phòng Quản lý ngân sách"],
            [TINH, ";\n"],
            "Quý II/2026",
            "",
        ],
        [
            "7",
            UP,
            "Thẩm định quyết toán ngân sách của các đơn vị dự toán",
            "Thông báo thẩm định",
            ["Phòng Quản lý ngân sách"],
            [["Kho bạc Nhà nước khu vực XII"], ""],
            "Trước 30/10/2026",
            "",
        ],
        Sec(None, "Xây dựng chính quyền số", "span"),
        [
            "8",
            "Chuyển đổi số",
            "Triển khai phần mềm quản lý tài sản công dùng chung",
            "Phần mềm được triển khai",
            ["Văn phòng Sở"],
            [["Sở Khoa học và Công nghệ"], ""],
            "6 tháng cuối năm",
            "",
        ],
    ],
    sign=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Lê Văn Thịnh"],
    recipients=["Nơi nhận:", "- UBND thành phố (b/c);", "- Sở Nội vụ;", "- Lưu: VT, VP."],
    appendix_title=["PHỤ LỤC", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA SỞ TÀI CHÍNH"],
)

BONOIVU = Plan(
    name="bonoivu_2026",
    part="heldout",
    left=["BỘ NỘI VỤ"],
    number="Số: 102/KH-BNV",
    place_date="Hà Nội, ngày 26 tháng 01 năm 2026",
    title_lines=["KẾ HOẠCH", "Cải cách hành chính năm 2026 của Bộ Nội vụ"],
    bases=[
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Nghị định số 25/2025/NĐ-CP ngày 21 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, "
        "quyền hạn và cơ cấu tổ chức của Bộ Nội vụ;",
    ],
    body=[
        ("p", "Bộ Nội vụ ban hành Kế hoạch cải cách hành chính năm 2026 với các nội dung sau:"),
        ("h", "I. MỤC TIÊU"),
        ("p", "Hoàn thành các nhiệm vụ cải cách hành chính được Chính phủ giao cho Bộ năm 2026."),
        ("h", "II. NHIỆM VỤ"),
        ("p", "Phân công nhiệm vụ cụ thể tại Phụ lục."),
    ],
    header=[
        [
            "STT",
            "Tên nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
            "Chỉ số đánh giá",
        ]
    ],
    header_spans=[],
    number_row=["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    widths=[1.1, 8.0, 3.4, 4.0, 2.8, 3.6, 3.6],
    rows=[
        Sec("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "stt"),
        [
            "1",
            "Ban hành Kế hoạch cải cách hành chính năm 2026 của Bộ",
            ["Vụ Tổ chức cán bộ"],
            [["Các đơn vị thuộc Bộ"], ""],
            "Tháng 01/2026",
            "Kế hoạch",
            "",
        ],
        [
            "2",
            "Tổng hợp, báo cáo Chính phủ kết quả cải cách hành chính năm 2026",
            ["Vụ Cải cách hành chính"],
            [["Văn phòng Bộ"], ""],
            "Tháng 12/2026",
            "Báo cáo của Bộ",
            "Đúng thời hạn",
        ],
        Sec("II", "CẢI CÁCH THỂ CHẾ", "stt"),
        [
            "3",
            "Xây dựng Nghị định quy định về vị trí việc làm trong cơ quan hành chính",
            ["Vụ Công chức - Viên chức"],
            [["Vụ Pháp chế", "Văn phòng Chính phủ"], ";\n"],
            "Quý III/2026",
            "Nghị định của Chính phủ",
            "",
        ],
        [
            "4",
            "Rà soát văn bản quy phạm pháp luật về tổ chức chính quyền địa phương hai cấp",
            ["Vụ Chính quyền địa phương"],
            [["Vụ Pháp chế"], ""],
            "6 tháng đầu năm",
            "Báo cáo rà soát",
            "",
        ],
        Sec("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "stt"),
        [
            "5",
            "Cắt giảm, đơn giản hóa thủ tục hành chính lĩnh vực thi đua, khen thưởng",
            ["Ban Thi đua - Khen thưởng Trung ương"],
            [["Văn phòng Bộ"], ""],
            "Quý II/2026",
            "Phương án cắt giảm",
            "Cắt giảm tối thiểu 30% chi phí tuân thủ",
        ],
        Sec("IV", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "stt"),
        [
            "6",
            "Hướng dẫn đánh giá cán bộ, công chức theo kết quả, sản phẩm cụ thể",
            ["Vụ Công chức - Viên chức"],
            [["Các bộ, ngành, địa phương"], ""],
            "Năm 2026",
            "Thông tư hướng dẫn",
            "",
        ],
        [
            "7",
            "Tổ chức thi tuyển lãnh đạo cấp vụ theo phương thức cạnh tranh",
            ["Vụ Tổ chức cán bộ"],
            [["Hội đồng thi tuyển của Bộ"], ""],
            "Trước 31/8/2026",
            "Kết quả thi tuyển",
            "",
        ],
    ],
    sign=["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "", "Trương Hải Long"],
    recipients=[
        "Nơi nhận:",
        "- Bộ trưởng (để b/c);",
        "- Các Thứ trưởng;",
        "- Các đơn vị thuộc Bộ;",
        "- Lưu: VT, CCHC.",
    ],
    appendix_title=[
        "PHỤ LỤC",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA BỘ NỘI VỤ",
        "(Kèm theo Kế hoạch số 102/KH-BNV ngày 26 tháng 01 năm 2026)",
    ],
    sign_before_appendix=True,
)

PLANS = [LAOCAI, DAKLAK, HAIPHONG, THANHHOA, HUE, BONOIVU]

# Column keys of each plan, in drawing order (what each column holds).
COLUMNS = {
    "laocai_ubnd_2026": ["stt", "task", "outputs", "lead", "partners", "deadline", "notes"],
    "daklak_sonoivu_2026": ["stt", "task", "activity", "lead", "partners", "deadline", "budget"],
    "haiphong_sotuphap_2026": ["stt", "activity", "outputs", "lead", "partners", "deadline", "extra"],
    "thanhhoa_ubnd_2026": ["stt", "task", "outputs", "lead", "partners", "deadline", "budget"],
    "hue_sotaichinh_2026": ["stt", "task", "activity", "outputs", "lead", "partners", "deadline", "notes"],
    "bonoivu_2026": ["stt", "task", "lead", "partners", "deadline", "outputs", "extra"],
}


# ---------------------------------------------------------------------------------------------------------------------
# Drawing.
# ---------------------------------------------------------------------------------------------------------------------


def font_paths() -> dict[str, Path] | None:
    """The Liberation Serif faces (Vietnamese glyphs), or None when they are not installed."""
    for d in FONT_DIRS:
        paths = {k: Path(d) / f for k, f in FACES.items()}
        if all(p.is_file() for p in paths.values()):
            return paths
    return None


def _register() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    paths = font_paths()
    if paths is None:
        raise SystemExit("Liberation Serif not found: apt-get install fonts-liberation2")
    for key, path in paths.items():
        if key not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(key, str(path)))
    addMapping("Serif", 0, 0, "Serif")
    addMapping("Serif", 1, 0, "Serif-Bold")
    addMapping("Serif", 0, 1, "Serif-Italic")
    addMapping("Serif", 1, 1, "Serif-BoldItalic")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _cell_text(value: object) -> str:
    """What a data cell prints: agencies are [items] or [[items], separator]."""
    if value is UP or value is None:
        return ""
    if isinstance(value, list):
        if len(value) == 2 and isinstance(value[0], list):
            items, sep = value
            return (sep or "; ").join(items)
        return "; ".join(str(v) for v in value)
    return str(value)


def build(plan: Plan, out: Path) -> None:
    """Draw one plan to `out`."""
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    _register()
    base = ParagraphStyle("base", fontName="Serif", fontSize=13, leading=16, alignment=TA_JUSTIFY)
    center = ParagraphStyle("c", parent=base, alignment=TA_CENTER)
    center_b = ParagraphStyle("cb", parent=center, fontName="Serif-Bold")
    center_i = ParagraphStyle("ci", parent=center, fontName="Serif-Italic")
    body = ParagraphStyle("p", parent=base, firstLineIndent=1.0 * cm, spaceAfter=4)
    basis = ParagraphStyle("basis", parent=body, fontName="Serif-Italic")
    head = ParagraphStyle("h", parent=base, fontName="Serif-Bold", spaceBefore=4, spaceAfter=4)
    small = ParagraphStyle("s", parent=base, fontSize=11, leading=13, alignment=TA_LEFT)
    small_b = ParagraphStyle("sb", parent=small, fontName="Serif-Bold")
    cell = ParagraphStyle("cell", parent=base, fontSize=11, leading=13, alignment=TA_LEFT)
    cell_c = ParagraphStyle("cellc", parent=cell, alignment=TA_CENTER)
    cell_h = ParagraphStyle("cellh", parent=cell_c, fontName="Serif-Bold")

    portrait_frame = Frame(3.0 * cm, 2.0 * cm, A4[0] - 5.0 * cm, A4[1] - 4.0 * cm, id="p")
    lw, lh = landscape(A4)
    land_frame = Frame(1.5 * cm, 1.5 * cm, lw - 3.0 * cm, lh - 3.0 * cm, id="l")
    doc = BaseDocTemplate(str(out), pagesize=A4, title="", author="", subject="", creator="", producer="")
    doc.addPageTemplates(
        [
            PageTemplate(id="portrait", frames=[portrait_frame], pagesize=A4),
            PageTemplate(id="landscape", frames=[land_frame], pagesize=landscape(A4)),
        ]
    )
    story: list = []

    # Letterhead: a borderless two-column table, as the national form lays it out.
    # 12 pt, as the national form sets it: neither the issuer nor the motto wraps
    lh = ParagraphStyle("lh", parent=center, fontSize=12, leading=15)
    lh_b = ParagraphStyle("lhb", parent=lh, fontName="Serif-Bold")
    lh_i = ParagraphStyle("lhi", parent=lh, fontName="Serif-Italic")
    left = [Paragraph(_esc(line), lh_b if i else lh) for i, line in enumerate(plan.left)]
    if len(plan.left) == 1:
        left = [Paragraph(_esc(plan.left[0]), lh_b)]
    left.append(Paragraph(_esc(plan.number), lh))
    right = [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lh_b),
        Paragraph("Độc lập - Tự do - Hạnh phúc", lh_b),
        Spacer(1, 10),
        Paragraph(plan.place_date, lh_i),
    ]
    story.append(
        Table(
            [[left, right]],
            colWidths=[6.8 * cm, 9.2 * cm],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
    )
    story.append(Spacer(1, 16))
    story.append(Paragraph(_esc(plan.title_lines[0]), ParagraphStyle("t", parent=center_b, fontSize=14)))
    for line in plan.title_lines[1:]:
        story.append(Paragraph(_esc(line), center_b))
    story.append(Spacer(1, 12))
    for b in plan.bases:
        story.append(Paragraph(_esc(b), basis))
    for style, text in plan.body:
        story.append(Paragraph(_esc(text), head if style == "h" else body))

    def signature() -> None:
        story.append(Spacer(1, 14))
        rec = [Paragraph(_esc(line), small_b if i == 0 else small) for i, line in enumerate(plan.recipients)]
        sig = [Paragraph(_esc(line) if line else "&nbsp;", center_b) for line in plan.sign]
        story.append(
            Table([[rec, sig]], colWidths=[7.0 * cm, 9.0 * cm], style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        )

    if plan.sign_before_appendix:
        signature()
    if plan.landscape:
        story.append(NextPageTemplate("landscape"))
        story.append(PageBreak())
    else:
        story.append(Spacer(1, 8))
    for line in plan.appendix_title:
        story.append(Paragraph(_esc(line), center_i if line.startswith("(") else center_b))
    if plan.appendix_title:
        story.append(Spacer(1, plan.gap))

    # The appendix table.
    keys = COLUMNS[plan.name]
    ncol = len(keys)
    data: list[list[object]] = [[Paragraph(_esc(h), cell_h) if h else "" for h in row] for row in plan.header]
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, len(plan.header) - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("SPAN", a, b) for a, b in plan.header_spans]
    if plan.number_row:
        data.append([Paragraph(n, cell_c) for n in plan.number_row])
    repeat = len(data)
    open_merge: dict[int, int] = {}  # column -> first row of a vertical merge still open

    def close(col: int, last: int) -> None:
        first = open_merge.pop(col)
        if last > first:
            style.append(("SPAN", (col, first), (col, last)))

    for spec in plan.rows:
        r = len(data)
        if isinstance(spec, Sec):
            for col in list(open_merge):
                close(col, r - 1)
            label = f"{spec.numeral}. {spec.title}" if spec.numeral else spec.title
            if spec.style == "span":
                data.append([Paragraph(_esc(label), small_b)] + [""] * (ncol - 1))
                style.append(("SPAN", (0, r), (-1, r)))
            elif spec.style == "stt":
                data.append(
                    [Paragraph(spec.numeral or "", cell_h), Paragraph(_esc(spec.title), small_b)] + [""] * (ncol - 2)
                )
                style.append(("SPAN", (1, r), (-1, r)))
            else:  # plain: numeral in STT, title in the content cell, other cells empty, not merged
                data.append(
                    [Paragraph(spec.numeral or "", cell_h), Paragraph(_esc(spec.title), small_b)] + [""] * (ncol - 2)
                )
            continue
        row: list[object] = []
        for col, value in enumerate(spec):
            if value is UP:
                row.append("")
                continue
            if col in open_merge:
                close(col, r - 1)
            text = _cell_text(value)
            para = Paragraph(_esc(text), cell_c if keys[col] in ("stt", "deadline", "budget") else cell)
            # reportlab splits inside a row only cells given as lists of flowables
            row.append(([para] if plan.split_in_row else para) if text else "")
            if col > 0 and keys[col] in ("task",):
                open_merge[col] = r
        data.append(row)
    for col in list(open_merge):
        close(col, len(data) - 1)

    width = (lw - 3.0 * cm) if plan.landscape else (A4[0] - 5.0 * cm)
    scale = width / (sum(plan.widths) * cm)
    # splitByRow=0 + splitInRow: split inside the row that meets the page break (at least 20 pt on each page);
    # otherwise the table breaks between rows only.
    table = Table(
        data,
        colWidths=[w * cm * scale for w in plan.widths],
        repeatRows=repeat,
        splitByRow=0 if plan.split_in_row else 1,
        splitInRow=20 if plan.split_in_row else 0,
        style=TableStyle(style),
    )
    story.append(table)
    if not plan.sign_before_appendix:
        signature()
    doc.build(story)


def main(argv: list[str] | None = None) -> int:
    """Write every plan (or compare with the committed files under --check)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="root folder (dev/ and heldout/ are made under it)")
    ap.add_argument("--check", action="store_true", help="regenerate into a temporary folder and compare")
    args = ap.parse_args(argv)
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            main(["--out", tmp])
            bad = [
                f"{p.part}/{p.name}.pdf"
                for p in PLANS
                if (Path(tmp) / p.part / f"{p.name}.pdf").read_bytes() != (HERE / p.part / f"{p.name}.pdf").read_bytes()
            ]
        if bad:
            print("differs from the committed file: " + ", ".join(bad), file=sys.stderr)
            return 1
        return 0
    for plan in PLANS:
        folder = args.out / plan.part
        folder.mkdir(parents=True, exist_ok=True)
        build(plan, folder / f"{plan.name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
