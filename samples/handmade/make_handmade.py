#!/usr/bin/env python3
"""Compose hand-written CCHC plans as DOCX, independent of the parser and of the seeds.

Why: the parser was judged on real plans whose shapes the seeds never showed (unusual
header wordings, a 7th column with no role, tasks in small body tables, column-number
rows, tasks listed without any table). These documents reproduce those shapes with text
written for this purpose, so the parser can be measured on documents it was not tuned on.

Every document is a whole plan: the national header block (a borderless two-column table),
`KẾ HOẠCH` and the title, `Căn cứ …` paragraphs, body sections, the tables or the task
lists, the signature block. The same specification below carries, for each row, what a
careful reader takes from it (agency splits, responsibility cells naming both roles); the
expectation files in samples/expected/handmade/ were written from these documents.

Outputs: samples/handmade/dev/*.docx and samples/handmade/heldout/*.docx. Deterministic:
fixed core properties and zip timestamps, so two runs give identical bytes.
Run: `.venv/bin/python samples/handmade/make_handmade.py` (from anywhere).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------------------------------------------------
# Specification types. A cell value prints as text; list-like cells also say what a reader takes from them.
# ---------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class A:
    """A list cell (agencies, outputs) printed as `printed`, read as the items `items`."""

    printed: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class J:
    """A single responsibility cell naming both roles (`X chủ trì, phối hợp với Y`)."""

    printed: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]


Cell = str | list[str] | A | J | None


@dataclass
class R:
    """One activity row. `cells` maps a role (or an extra column's header) to its value."""

    stt: str | None
    cells: dict[str, Cell]
    merge_up: tuple[str, ...] = ()  # roles whose cell is vertically merged with the row above ("stt" included)
    span_lp: str | None = None  # one cell spanning the lead and partners columns
    note: str | None = None  # judgment call, written into the expectation as a comment


@dataclass
class S:
    """A section row. style: merged | split | whole | cell (see _section_cells)."""

    num: str | None
    title: str
    style: str = "merged"


@dataclass
class T:
    """A table: columns (header text, role), rows, and the layout quirks it shows."""

    cols: list[tuple[str, str]]
    rows: list[R | S]
    group: tuple[int, int, str] | None = None  # two-row header: (first col, last col, text over them)
    colnums: str | None = None  # "paren" -> (1) (2) ...; "plain" -> 1 2 ...
    tbl_header: bool = False  # w:tblHeader on the header row(s)
    repeat_at: tuple[int, ...] = ()  # physically repeat the header before these row indexes
    repeat_colnums: bool = False  # the physical repeat includes the column-number row
    section: str | None = None  # body table without section rows: number of the nearest area heading
    template_rows: list[str] | None = None  # blank reporting template: STT texts of its empty rows (no records)


@dataclass
class Close:
    """Closing lines of a task item or group (`- Đơn vị chủ trì: Sở Nội vụ.`)."""

    lines: list[tuple[str, str, Cell]]  # (label as printed, role, value)
    prefix: str = "- "
    end: str = "."


@dataclass
class Item:
    marker: str | None  # printed marker: "1.1.", "a)", "-", None
    text: str
    bullets: list[str] = field(default_factory=list)
    bullet: str = "-"


@dataclass
class LG:
    """A group of listed tasks closed by one set of closing lines (tasks without a table)."""

    section: str
    items: list[Item]
    close: Close
    note: str | None = None


Block = tuple | T | LG


@dataclass
class Doc:
    name: str
    set: str  # dev | heldout
    left: list[str]  # letterhead lines (left column)
    number_line: str
    place_date: str
    title: list[str]
    bases: list[str]
    body: list[Block]
    sign_left: list[str]
    sign: list[str]  # TM./KT. lines, title, blank, name
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # document-level comments for the expectation
    plan_year: int = 2025


def H(text: str) -> tuple:
    return ("h", text)


def P(text: str) -> tuple:
    return ("p", text)


def C(text: str, bold: bool = True) -> tuple:
    return ("c", text, bold)


LANDSCAPE = ("landscape",)


# ---------------------------------------------------------------------------------------------------------------------
# Shared body text (purpose, organisation) written for these documents.
# ---------------------------------------------------------------------------------------------------------------------

PURPOSE = [
    H("I. MỤC ĐÍCH, YÊU CẦU"),
    P("1. Mục đích"),
    P(
        "Tiếp tục triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính; lấy người dân, doanh nghiệp làm trung "
        "tâm, lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ của cơ quan hành chính."
    ),
    P("2. Yêu cầu"),
    P(
        "Các nhiệm vụ phải cụ thể, gắn với trách nhiệm của người đứng đầu, có sản phẩm và thời hạn hoàn thành rõ ràng; "
        "bảo đảm tính khả thi và phù hợp với điều kiện thực tế của cơ quan, đơn vị."
    ),
]


def ORGANISE(unit: str, office: str) -> list[Block]:
    return [
        H("IV. TỔ CHỨC THỰC HIỆN"),
        P(
            f"{unit} căn cứ nội dung Kế hoạch này xây dựng kế hoạch chi tiết, bố trí nguồn lực và tổ chức thực hiện "
            "có hiệu quả; định kỳ báo cáo kết quả theo quy định."
        ),
        P(
            f"{office} theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp những khó khăn, vướng mắc, "
            "kịp thời báo cáo cấp có thẩm quyền xem xét, quyết định."
        ),
    ]


BASES_PROVINCE = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật "
    "Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành "
    "chính nhà nước giai đoạn 2021 - 2030;",
]

# =====================================================================================================================
# DEV 1. UBND tỉnh Quảng Trị: landscape appendix, 7 columns with `Theo dõi, kiểm tra, đôn đốc`, deadline first.
# =====================================================================================================================

TD = "Theo dõi, kiểm tra, đôn đốc"
QT_COLS = [
    ("STT", "stt"),
    ("Nội dung công việc", "activity"),
    ("Kết quả đầu ra", "outputs"),
    ("Thời gian thực hiện", "deadline"),
    ("Chủ trì thực hiện", "lead"),
    ("Phối hợp thực hiện", "partners"),
    (TD, "extra"),
]
VP = "Văn phòng UBND tỉnh"
SNV = "Sở Nội vụ"
SBN = "Các sở, ban, ngành"
UBH = "UBND các huyện, thị xã, thành phố"


def qt(stt, act, out, dl, lead, part, td="", **kw) -> R:
    return R(stt, {"activity": act, "outputs": out, "deadline": dl, "lead": lead, "partners": part, TD: td}, **kw)


QT_ROWS: list[R | S] = [
    S("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "whole"),
    qt(
        "1",
        "Xây dựng, ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 của tỉnh",
        "Kế hoạch của UBND tỉnh",
        "Tháng 01/2025",
        SNV,
        [SBN, UBH],
        VP,
    ),
    qt(
        "2",
        "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2025",
        "Kế hoạch của Sở Nội vụ",
        "Quý I/2025",
        SNV,
        A(
            "Sở Văn hóa, Thể thao và Du lịch, Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Trị",
            ("Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Trị"),
        ),
        VP,
        note="partners split at `, ` before `Đài` and `Báo` (agency heads); `, Thể thao và Du lịch` and "
        "`và Truyền hình` are inside names (no agency head follows)",
    ),
    qt(
        "3",
        "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị, địa phương",
        "Báo cáo kết quả kiểm tra",
        "Quý II, III/2025",
        SNV,
        "Các cơ quan thành viên Đoàn kiểm tra của tỉnh",
        VP,
    ),
    qt(
        "4",
        "Xác định, công bố Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành và UBND cấp huyện",
        "Quyết định công bố Chỉ số cải cách hành chính",
        "Trước ngày 30/6/2025",
        SNV,
        "Hội đồng thẩm định Chỉ số cải cách hành chính tỉnh",
        "",
    ),
    qt(
        "5",
        "Báo cáo định kỳ công tác cải cách hành chính quý, 6 tháng, năm",
        "Báo cáo của UBND tỉnh",
        "Hàng quý",
        SNV,
        A("Các sở, ban, ngành;\nUBND các huyện, thị xã, thành phố", (SBN, UBH)),
        VP,
        note="partners: `;` then a line break inside the cell",
    ),
    S("II", "CẢI CÁCH THỂ CHẾ", "merged"),
    qt(
        "6",
        "Xây dựng, ban hành văn bản quy phạm pháp luật theo Chương trình xây dựng văn bản năm 2025 của HĐND, UBND tỉnh",
        ["Nghị quyết của HĐND tỉnh", "Quyết định của UBND tỉnh"],
        "Năm 2025",
        "Các sở, ban, ngành được giao chủ trì soạn thảo",
        "Sở Tư pháp",
        "Sở Tư pháp",
    ),
    qt(
        "7",
        "Tự kiểm tra, rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
        "Báo cáo kết quả rà soát",
        "Thường xuyên",
        "Sở Tư pháp",
        SBN,
        VP,
    ),
    qt(
        "8",
        "Theo dõi tình hình thi hành pháp luật trong lĩnh vực xử lý vi phạm hành chính",
        "Báo cáo của UBND tỉnh",
        "Quý IV/2025",
        "Sở Tư pháp",
        A("Công an tỉnh, Sở Nội vụ, UBND các huyện, thị xã, thành phố", ("Công an tỉnh", SNV, UBH)),
        "",
        note="partners split at `, ` before `Sở` and `UBND`; `thị xã, thành phố` stays inside the group",
    ),
    S("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "split"),
    qt(
        "09",
        "Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân liên quan đến quản lý dân cư",
        "Kế hoạch rà soát",
        "Quý I/2025",
        "Sở Tư pháp",
        SBN,
        VP,
        note="STT printed `09`; STT and content cells merged down over the next two rows (shape G)",
    ),
    qt(
        None,
        "",
        "Báo cáo kết quả rà soát, phương án đơn giản hóa",
        "Quý III/2025",
        SBN,
        "Sở Tư pháp",
        "",
        merge_up=("stt", "activity"),
        note="under the merged STT: stt null, activity from the merged cell",
    ),
    qt(
        None,
        "",
        "",
        "Quý IV/2025",
        VP,
        A("Sở Tư pháp; Công an tỉnh", ("Sở Tư pháp", "Công an tỉnh")),
        "",
        merge_up=("stt", "activity"),
        note="empty output cell -> outputs []",
    ),
    qt(
        "10",
        "Công bố, công khai danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp chính quyền",
        "Quyết định công bố của Chủ tịch UBND tỉnh",
        "Thường xuyên",
        SBN,
        VP,
        VP,
    ),
    qt(
        "11",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa các cấp",
        ["Hồ sơ được số hóa", "Báo cáo kết quả số hóa"],
        "Cả năm",
        A("Sở, ban, ngành; UBND cấp huyện, cấp xã", ("Sở, ban, ngành", "UBND cấp huyện, cấp xã")),
        "Trung tâm Phục vụ hành chính công tỉnh",
        "",
    ),
    S("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "merged"),
    qt(
        "12",
        "Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh theo hướng tinh gọn",
        ["Đề án sắp xếp", "Quyết định của UBND tỉnh"],
        "Quý I - Quý II/2025",
        SNV,
        SBN,
        VP,
    ),
    qt(
        "13",
        "Thẩm định đề án vị trí việc làm của các đơn vị sự nghiệp công lập",
        "Văn bản thẩm định",
        "Khi có văn bản hướng dẫn",
        SNV,
        "Sở Tài chính",
        "",
    ),
    S("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "merged"),
    qt(
        "14",
        "Tổ chức tuyển dụng công chức, viên chức theo hình thức thi tuyển trên máy vi tính",
        "Kết quả tuyển dụng",
        "6 tháng đầu năm",
        SNV,
        A(
            "Sở Thông tin và Truyền thông;\nCác cơ quan, đơn vị có nhu cầu tuyển dụng",
            ("Sở Thông tin và Truyền thông", "Các cơ quan, đơn vị có nhu cầu tuyển dụng"),
        ),
        "",
    ),
    qt(
        "15",
        "Bồi dưỡng kiến thức, kỹ năng cho công chức làm công tác cải cách hành chính",
        "Lớp bồi dưỡng",
        "Quý III/2025",
        SNV,
        "Trường Chính trị tỉnh",
        VP,
    ),
    qt(
        "16",
        "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính trong thực thi công vụ",
        "Thông báo kết luận kiểm tra",
        "Thường xuyên",
        SNV,
        A("Thanh tra tỉnh, Văn phòng UBND tỉnh", ("Thanh tra tỉnh", VP)),
        VP,
    ),
    S("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", "merged"),
    qt(
        "17",
        "Triển khai cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập",
        "Quyết định giao quyền tự chủ",
        "Tháng 6/2025",
        "Sở Tài chính",
        [SNV, "Các đơn vị sự nghiệp công lập"],
        "",
    ),
    qt(
        "18",
        "Công khai ngân sách nhà nước theo quy định",
        "Báo cáo công khai ngân sách",
        "Hàng quý",
        "Sở Tài chính",
        "Kho bạc Nhà nước tỉnh",
        VP,
    ),
    S("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "merged"),
    qt(
        "19",
        "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
        "Hệ thống được nâng cấp",
        "Quý IV/2025 - Quý I/2026",
        "Sở Thông tin và Truyền thông",
        [VP, "Sở Tài chính"],
        VP,
    ),
    qt(
        "20",
        "Nâng cao tỷ lệ hồ sơ giải quyết thủ tục hành chính trực tuyến toàn trình",
        "Báo cáo kết quả",
        "Trước ngày 15/12/2025",
        VP,
        A(
            "Sở Thông tin và Truyền thông;\nSở Nội vụ, Bưu điện tỉnh",
            ("Sở Thông tin và Truyền thông", SNV, "Bưu điện tỉnh"),
        ),
        "",
        note="partners mix `;`, a line break and `, ` (shape I)",
    ),
    qt(
        "21",
        "Triển khai các nhiệm vụ của Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử",
        "Báo cáo tiến độ",
        "Hàng tháng",
        "Công an tỉnh",
        A("Các sở, ban,\nngành; UBND các huyện, thị xã, thành phố", (SBN, UBH)),
        VP,
        note="`Các sở, ban,⏎ngành`: the line break is a wrap inside the group -> `Các sở, ban, ngành`",
    ),
]

DEV_QT = Doc(
    name="quangtri_ubnd_2025",
    set="dev",
    left=["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"],
    number_line="Số: 45/KH-UBND",
    place_date="Quảng Trị, ngày 12 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính nhà nước năm 2025"],
    bases=[
        *BASES_PROVINCE,
        "Căn cứ Quyết định số 2318/QĐ-UBND ngày 30 tháng 9 năm 2021 của UBND tỉnh ban hành Kế hoạch cải cách hành "
        "chính nhà nước tỉnh Quảng Trị giai đoạn 2021 - 2030;",
    ],
    body=[
        P("Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ TRỌNG TÂM"),
        P(
            "Tập trung thực hiện đồng bộ các nội dung cải cách hành chính; các nhiệm vụ cụ thể, kết quả đầu ra, thời "
            "gian và cơ quan thực hiện được nêu tại Phụ lục kèm theo Kế hoạch này."
        ),
        H("III. KINH PHÍ THỰC HIỆN"),
        P("Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm 2025 của các cơ quan, đơn vị."),
        *ORGANISE("Các sở, ban, ngành; UBND các huyện, thị xã, thành phố", "Sở Nội vụ"),
        ("sign",),
        LANDSCAPE,
        C("PHỤ LỤC"),
        C("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC NĂM 2025"),
        C("(Kèm theo Kế hoạch số 45/KH-UBND ngày 12/01/2025 của UBND tỉnh Quảng Trị)", False),
        T(QT_COLS, QT_ROWS, colnums="paren", tbl_header=True, repeat_at=(16,)),
    ],
    sign_left=["Nơi nhận:", "- Bộ Nội vụ;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ban, ngành;", "- Lưu: VT, NC."],
    sign=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Hoàng Văn Nam"],
    meta={
        "title": "Cải cách hành chính nhà nước năm 2025",
        "number": "45/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": "UBND tỉnh Quảng Trị",
        "province": "Quảng Trị",
        "province_current": "Quảng Trị",
        "issued_date": "2025-01-12",
        "issued_place": "Quảng Trị",
        "period": [2025, 2025],
        "signer": {
            "name": "Hoàng Văn Nam",
            "title": "PHÓ CHỦ TỊCH",
            "on_behalf_of": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        },
        "legal_basis": 3,
    },
    notes=[
        "Portrait body, then a landscape section with the appendix: header row marked w:tblHeader, a column-number row",
        "`(1) … (7)` under it (not a record), the header row physically repeated before section IV (not a record).",
        "7th column `Theo dõi, kiểm tra, đôn đốc` has no role -> extra, only where the cell is non-empty.",
        "Section I is one cell across the row reading `I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH`; II, IV-VII: STT numeral, the",
        "title merged over the rest; III: numeral in STT, title in the next cell, other cells empty (not merged).",
        "Single content column `Nội dung công việc` -> activity; task and objective null everywhere.",
    ],
)

# =====================================================================================================================
# DEV 2. Sở Nội vụ tỉnh Nghệ An: two small tables in the body (TT | Nội dung | Trách nhiệm | Thời gian), blank template.
# =====================================================================================================================

NA_COLS = [("TT", "stt"), ("Nội dung", "activity"), ("Trách nhiệm", "resp"), ("Thời gian", "deadline")]


def na(stt, act, resp, dl, **kw) -> R:
    return R(stt, {"activity": act, "resp": resp, "deadline": dl}, **kw)


PCC = "Phòng Cải cách hành chính"
VPS = "Văn phòng Sở"
NA_T1 = [
    na(
        "1",
        "Rà soát, cập nhật danh mục thủ tục hành chính thuộc phạm vi quản lý của ngành Nội vụ",
        J(
            "Phòng Cải cách hành chính chủ trì, phối hợp với các phòng, đơn vị thuộc Sở",
            (PCC,),
            ("các phòng, đơn vị thuộc Sở",),
        ),
        "Quý I/2025",
        note="responsibility cell names both roles: split at `chủ trì, phối hợp với` (SPEC §1 Content columns)",
    ),
    na(
        "2",
        "Tham mưu UBND tỉnh công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung lĩnh vực nội vụ",
        VPS,
        "Khi có văn bản hướng dẫn",
    ),
    na(
        "3",
        "Đề xuất phương án đơn giản hóa ít nhất 02 thủ tục hành chính",
        "Các phòng chuyên môn thuộc Sở",
        "Trước ngày 30/6/2025",
    ),
    na(
        "4",
        "Tiếp nhận, trả kết quả hồ sơ thủ tục hành chính qua Trung tâm Phục vụ hành chính công tỉnh",
        VPS,
        "Thường xuyên",
    ),
    na(
        "5",
        "Công khai thủ tục hành chính trên Cổng thông tin điện tử của Sở",
        J("Văn phòng Sở chủ trì, phối hợp với Phòng Công chức, viên chức", (VPS,), ("Phòng Công chức, viên chức",)),
        "Thường xuyên",
    ),
    na(
        "6",
        "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
        "Thanh tra Sở",
        "Thường xuyên",
    ),
    na(
        "7",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        A("Văn phòng Sở; các phòng chuyên môn", (VPS, "các phòng chuyên môn")),
        "Cả năm",
        note="no role words: the whole cell is lead, split at `;` (SPEC §1 Lists)",
    ),
    na("8", "Tự kiểm tra việc thực hiện thủ tục hành chính tại Sở", PCC, "Quý III/2025"),
    na(
        "9",
        "Khảo sát mức độ hài lòng của tổ chức, cá nhân đối với việc giải quyết thủ tục hành chính của Sở",
        J("Phòng Cải cách hành chính chủ trì; Văn phòng Sở phối hợp", (PCC,), (VPS,)),
        "Quý IV/2025",
        note="judgment: `X chủ trì; Y phối hợp` names both roles -> lead X, partners Y",
    ),
    na("10", "Báo cáo tình hình, kết quả thực hiện kiểm soát thủ tục hành chính", VPS, "Hàng quý"),
    na("11", "Niêm yết công khai địa chỉ tiếp nhận phản ánh, kiến nghị tại trụ sở Sở", VPS, "Tháng 01/2025"),
]
NA_T2 = [
    na("1", "Duy trì, vận hành hệ thống quản lý văn bản và điều hành", VPS, "Thường xuyên"),
    na("2", "Sử dụng chữ ký số trong gửi, nhận văn bản điện tử", "Các phòng, đơn vị thuộc Sở", "Thường xuyên"),
    na(
        "3",
        "Cập nhật dữ liệu vào Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức",
        J("Phòng Công chức, viên chức chủ trì, phối hợp với Văn phòng Sở", ("Phòng Công chức, viên chức",), (VPS,)),
        "6 tháng đầu năm",
    ),
    na("4", "Duy trì, cải tiến hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015", VPS, "Năm 2025"),
    na(
        "5",
        "Cung cấp dịch vụ công trực tuyến toàn trình đối với các thủ tục hành chính đủ điều kiện",
        J(
            "Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn và Trung tâm Phục vụ hành chính công tỉnh",
            (VPS,),
            ("các phòng chuyên môn", "Trung tâm Phục vụ hành chính công tỉnh"),
        ),
        "Quý II/2025",
        note="partners split at ` và ` before `Trung tâm` (an agency head, SPEC §1 Lists)",
    ),
    na("6", "Tổ chức các cuộc họp, hội nghị bằng hình thức trực tuyến khi đủ điều kiện", VPS, "Cả năm"),
    na("7", "Bảo đảm an toàn thông tin mạng cho hệ thống thông tin của Sở", VPS, "Thường xuyên"),
    na("8", "Số hóa tài liệu lưu trữ tại Lưu trữ lịch sử tỉnh", "Trung tâm Lưu trữ lịch sử", "Quý II, III/2025"),
    na("9", "Cập nhật thông tin trên Cổng thông tin điện tử của Sở", VPS, "Hàng tháng"),
    na("10", "Báo cáo kết quả ứng dụng công nghệ thông tin, chuyển đổi số", VPS, "Trước ngày 15/12/2025"),
]

DEV_NA = Doc(
    name="nghean_sonoivu_2025",
    set="dev",
    left=["UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ"],
    number_line="Số: 12/KH-SNV",
    place_date="Nghệ An, ngày 08 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính năm 2025 của Sở Nội vụ"],
    bases=[
        "Căn cứ Quyết định số 4256/QĐ-UBND ngày 24 tháng 12 năm 2024 của UBND tỉnh Nghệ An ban hành Kế hoạch cải "
        "cách hành chính nhà nước tỉnh Nghệ An năm 2025;",
        "Căn cứ chức năng, nhiệm vụ, quyền hạn của Sở Nội vụ;",
    ],
    body=[
        P("Sở Nội vụ xây dựng Kế hoạch cải cách hành chính năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ CỤ THỂ"),
        H("1. Cải cách thủ tục hành chính"),
        T(NA_COLS, NA_T1, section="1"),
        H("2. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
        T(NA_COLS, NA_T2, section="2"),
        H("III. TỔ CHỨC THỰC HIỆN"),
        P(
            "Trưởng các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao tổ chức thực hiện; báo cáo kết quả về Văn "
            "phòng Sở theo mẫu tại Phụ lục trước ngày 15 của tháng cuối quý."
        ),
        ("sign",),
        C("PHỤ LỤC"),
        C("MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"),
        T(
            [
                ("TT", "stt"),
                ("Nội dung", "activity"),
                ("Trách nhiệm", "resp"),
                ("Thời gian", "deadline"),
                ("Kết quả thực hiện", "extra"),
                ("Ghi chú", "notes"),
            ],
            [],
            template_rows=["1", "2", "3", "..."],
        ),
    ],
    sign_left=["Nơi nhận:", "- UBND tỉnh (để b/c);", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, CCHC."],
    sign=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Nguyễn Thị Thu Hà"],
    meta={
        "title": "Cải cách hành chính năm 2025 của Sở Nội vụ",
        "number": "12/KH-SNV",
        "symbol": "KH-SNV",
        "issuer": "Sở Nội vụ tỉnh Nghệ An",
        "province": "Nghệ An",
        "province_current": "Nghệ An",
        "issued_date": "2025-01-08",
        "issued_place": "Nghệ An",
        "period": [2025, 2025],
        "signer": {"name": "Nguyễn Thị Thu Hà", "title": "PHÓ GIÁM ĐỐC", "on_behalf_of": "KT. GIÁM ĐỐC"},
        "legal_basis": 2,
    },
    notes=[
        "Tasks sit in two small body tables `TT | Nội dung | Trách nhiệm | Thời gian` (11 + 10 rows), under the body",
        "headings `1. Cải cách thủ tục hành chính` and `2. Xây dựng và phát triển chính quyền điện tử, chính quyền số`",
        'no section rows, so section = the heading\'s number ("1", "2"). `Nội dung` alone -> activity.',
        "`Trách nhiệm` is a single responsibility column: lead only, except cells naming both roles (shape J).",
        "Issuer: letterhead `UBND TỈNH NGHỆ AN / SỞ NỘI VỤ` -> `Sở Nội vụ tỉnh Nghệ An` (README example form).",
        "The appendix is a blank reporting template (same vocabulary, rows with only `1` .. `...`): no records.",
    ],
)

# =====================================================================================================================
# DEV 3. UBND huyện Hương Khê (Hà Tĩnh): tasks as numbered items closed by `- Đơn vị chủ trì: …` lines, no table.
# =====================================================================================================================

PNV = "Phòng Nội vụ"
VPH = "Văn phòng HĐND và UBND huyện"
XTT = "UBND các xã, thị trấn"


def close(
    lead=None,
    part=None,
    dl=None,
    out=None,
    labels=("Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm"),
    prefix="- ",
    end=".",
) -> Close:
    lines: list[tuple[str, str, Cell]] = []
    for label, role, value in zip(
        labels, ("lead", "partners", "deadline", "outputs"), (lead, part, dl, out), strict=False
    ):
        if value is not None:
            lines.append((label, role, value))
    return Close(lines, prefix, end)


HK_BODY: list[Block] = [
    H("1. Công tác chỉ đạo, điều hành"),
    LG(
        "1",
        [
            Item(
                "1.1.",
                "Xây dựng, ban hành Kế hoạch cải cách hành chính, Kế hoạch tuyên truyền cải cách hành chính "
                "năm 2025 của UBND huyện",
            )
        ],
        close(PNV, "Các cơ quan, đơn vị thuộc UBND huyện", "Tháng 01/2025"),
    ),
    LG(
        "1",
        [Item("1.2.", "Kiểm tra công tác cải cách hành chính tại các cơ quan chuyên môn và UBND các xã, thị trấn")],
        close(PNV, [VPH, "Phòng Tư pháp"], "Quý II, III/2025", "Thông báo kết quả kiểm tra"),
    ),
    H("2. Cải cách thể chế"),
    LG(
        "2",
        [
            Item("a)", "Rà soát, kiểm tra văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành"),
            Item("b)", "Theo dõi tình hình thi hành pháp luật trên địa bàn huyện"),
            Item("c)", "Triển khai công tác phổ biến, giáo dục pháp luật cho cán bộ, công chức và Nhân dân"),
        ],
        close(
            "Phòng Tư pháp",
            ["Các cơ quan chuyên môn thuộc UBND huyện", XTT],
            "Thường xuyên",
            labels=("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"),
        ),
        note="items a)-c) are closed by one set of lines: each item gets them",
    ),
    H("3. Cải cách thủ tục hành chính"),
    LG(
        "3",
        [
            Item(
                "3.1.",
                "Thực hiện công khai, minh bạch thủ tục hành chính",
                [
                    "Niêm yết công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa huyện và cấp xã",
                    "Công khai kết quả giải quyết hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
                ],
                bullet="+",
            )
        ],
        close(VPH, XTT, "Thường xuyên", labels=("Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm")),
        note="two levels: the `3.1.` item is the task, each `+` bullet an activity record",
    ),
    LG(
        "3",
        [Item("3.2.", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt tỷ lệ theo quy định")],
        close(
            VPH,
            "Các cơ quan chuyên môn thuộc UBND huyện",
            "Quý IV/2025",
            "Báo cáo kết quả số hóa",
            labels=("Chủ trì", "Phối hợp", "Thời hạn", "Kết quả"),
        ),
    ),
    H("4. Cải cách tổ chức bộ máy hành chính nhà nước"),
    LG(
        "4",
        [
            Item(
                "4.1.",
                "Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND huyện theo hướng dẫn của tỉnh",
            )
        ],
        close(PNV, None, "Khi có văn bản hướng dẫn", ["Đề án sắp xếp", "Quyết định của UBND huyện"]),
    ),
    LG(
        "4",
        [Item("4.2.", "Rà soát vị trí việc làm trong các cơ quan, đơn vị")],
        close(PNV, "Các cơ quan, đơn vị thuộc UBND huyện", "Quý I - Quý II/2025"),
    ),
    H("5. Cải cách chế độ công vụ"),
    LG(
        "5",
        [
            Item("5.1.", "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2025"),
            Item("5.2.", "Tăng cường kỷ luật, kỷ cương hành chính trong thực thi công vụ"),
        ],
        close(PNV, ["Các cơ quan, đơn vị", XTT], "Cả năm"),
        note="items 5.1 and 5.2 share one set of closing lines",
    ),
    H("6. Cải cách tài chính công"),
    LG(
        "6",
        [Item("6.1.", "Thực hiện công khai dự toán, quyết toán ngân sách huyện")],
        close("Phòng Tài chính - Kế hoạch", None, "Hàng quý"),
    ),
    H("7. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    LG(
        "7",
        [Item("7.1.", "Nâng cao tỷ lệ hồ sơ giải quyết thủ tục hành chính trực tuyến")],
        close(VPH, ["Phòng Văn hóa và Thông tin", XTT], "Trước ngày 30/6/2025"),
    ),
]

DEV_HK = Doc(
    name="huongkhe_huyen_2025",
    set="dev",
    left=["ỦY BAN NHÂN DÂN", "HUYỆN HƯƠNG KHÊ"],
    number_line="Số: 28/KH-UBND",
    place_date="Hương Khê, ngày 15 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính năm 2025"],
    bases=[
        "Căn cứ Kế hoạch số 512/KH-UBND ngày 20 tháng 12 năm 2024 của UBND tỉnh Hà Tĩnh về cải cách hành chính nhà "
        "nước năm 2025;",
        "Căn cứ tình hình thực tế của địa phương;",
    ],
    body=[
        P("UBND huyện Hương Khê ban hành Kế hoạch cải cách hành chính năm 2025, cụ thể như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ, GIẢI PHÁP"),
        *HK_BODY,
        H("III. TỔ CHỨC THỰC HIỆN"),
        P(
            "1. Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện, Chủ tịch UBND các xã, thị trấn chịu trách nhiệm "
            "trước Chủ tịch UBND huyện về kết quả thực hiện cải cách hành chính tại cơ quan, địa phương mình."
        ),
        P("2. Phòng Nội vụ theo dõi, tổng hợp, báo cáo UBND huyện kết quả thực hiện Kế hoạch."),
        ("sign",),
    ],
    sign_left=[
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- TT Huyện ủy, TT HĐND huyện;",
        "- Các cơ quan, đơn vị;",
        "- Lưu: VT, NV.",
    ],
    sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Phan Đình Thắng"],
    meta={
        "title": "Cải cách hành chính năm 2025",
        "number": "28/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": "UBND huyện Hương Khê",
        "province": "Hà Tĩnh",
        "province_current": "Hà Tĩnh",
        "issued_date": "2025-01-15",
        "issued_place": "Hương Khê",
        "period": [2025, 2025],
        "signer": {"name": "Phan Đình Thắng", "title": "CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN"},
        "legal_basis": 2,
    },
    notes=[
        "No plan table at all: tasks are numbered items under area headings `1. Công tác chỉ đạo, điều hành` ...",
        "`7. Xây dựng và phát triển chính quyền điện tử, chính quyền số`; section = the heading's number.",
        "Each item (or group of items) is closed by lines such as `- Đơn vị chủ trì: Phòng Nội vụ.`; the final `.` is",
        "punctuation, not part of the value. Closing-line labels vary (Cơ quan chủ trì, Chủ trì, Thời hạn, Kết quả).",
        "Items in `III. TỔ CHỨC THỰC HIỆN` (`1. Thủ trưởng …`, `2. Phòng Nội vụ theo dõi …`) are assignments:",
        "no closing lines, no records. Issuer is the district; province from the legal basis (`UBND tỉnh Hà Tĩnh`);",
        "issued_place is the district town as printed (`Hương Khê, ngày …`).",
    ],
)

# =====================================================================================================================
# DEV 4. Bộ Tư pháp: two-row header (Cơ quan thực hiện over Chủ trì | Phối hợp), sections without numerals, budget.
# =====================================================================================================================

BTP_COLS = [
    ("STT", "stt"),
    ("Nhiệm vụ, giải pháp", "task"),
    ("Sản phẩm đầu ra", "outputs"),
    ("Chủ trì", "lead"),
    ("Phối hợp", "partners"),
    ("Thời hạn", "deadline"),
    ("Kinh phí (triệu đồng)", "budget"),
    ("Ghi chú", "notes"),
]
VTC = "Vụ Tổ chức cán bộ"
DVB = "Các đơn vị thuộc Bộ"
VPB = "Văn phòng Bộ"
CNTT = "Cục Công nghệ thông tin"
HT = "Cục Hộ tịch, quốc tịch, chứng thực"
KHTC = "Vụ Kế hoạch - Tài chính"


def btp(stt, task, out, lead, part, dl, budget="", notes="", **kw) -> R:
    return R(
        stt,
        {
            "task": task,
            "outputs": out,
            "lead": lead,
            "partners": part,
            "deadline": dl,
            "budget": budget,
            "notes": notes,
        },
        **kw,
    )


BTP_ROWS: list[R | S] = [
    S(None, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "whole"),
    btp(
        "1",
        "Ban hành Kế hoạch cải cách hành chính năm 2025 của Bộ Tư pháp",
        "Kế hoạch của Bộ",
        VTC,
        DVB,
        "Tháng 01/2025",
    ),
    btp(
        "2",
        "Kiểm tra công tác cải cách hành chính tại các đơn vị thuộc Bộ và cơ quan thi hành án dân sự",
        "Báo cáo kết quả kiểm tra",
        VTC,
        A("Văn phòng Bộ; Thanh tra Bộ", (VPB, "Thanh tra Bộ")),
        "Quý II, III/2025",
        "150",
    ),
    btp(
        "3",
        "Tuyên truyền về cải cách hành chính trên Cổng thông tin điện tử Bộ Tư pháp và Báo Pháp luật Việt Nam",
        "Tin, bài, chuyên mục",
        "Báo Pháp luật Việt Nam",
        VPB,
        "Thường xuyên",
        "80",
        note="output `Tin, bài, chuyên mục` is one item (no `;`)",
    ),
    btp(
        "4",
        "Thực hiện các nhiệm vụ được giao tại Kế hoạch thực hiện Chương trình tổng thể cải cách hành chính giai "
        "đoạn 2021 - 2030 của Bộ",
        "Báo cáo kết quả",
        None,
        None,
        "Năm 2025",
        "Theo dự toán được giao",
        span_lp="Theo phân công tại Quyết định số 1234/QĐ-BTP",
        note="one cell merged across Chủ trì and Phối hợp gives its text to both roles (shape I); budget text "
        "without a number -> amount null",
    ),
    btp(
        "5",
        "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024 của Bộ",
        "Báo cáo tự đánh giá",
        VTC,
        DVB,
        "Quý I/2025",
    ),
    S(None, "CẢI CÁCH THỂ CHẾ", "cell"),
    btp(
        "6",
        "Xây dựng, trình Chính phủ, Thủ tướng Chính phủ các dự án, dự thảo văn bản quy phạm pháp luật theo "
        "Chương trình công tác năm 2025",
        "Dự án Luật",
        "Cục Bổ trợ tư pháp",
        "Vụ Các vấn đề chung về xây dựng pháp luật",
        "Quý III/2025",
        "500",
        note="STT and task merged down over three rows with their own outputs, agencies, deadlines (shape G)",
    ),
    btp(
        None,
        "",
        "Nghị định của Chính phủ",
        HT,
        A("Vụ Pháp luật hình sự - hành chính; Văn phòng Bộ", ("Vụ Pháp luật hình sự - hành chính", VPB)),
        "Quý IV/2025",
        "300",
        merge_up=("stt", "task"),
    ),
    btp(
        None,
        "",
        "",
        "Vụ Pháp luật dân sự - kinh tế",
        "Các đơn vị có liên quan",
        "Tháng 12/2025",
        "",
        "Theo Chương trình công tác của Chính phủ",
        merge_up=("stt", "task"),
        note="empty output cell -> outputs []",
    ),
    btp(
        "7",
        "Kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền",
        ["Thông báo kết quả kiểm tra", "Báo cáo"],
        "Cục Kiểm tra văn bản quy phạm pháp luật",
        DVB,
        "Thường xuyên",
        "200",
    ),
    btp(
        "8",
        "Theo dõi tình hình thi hành pháp luật năm 2025",
        "Báo cáo của Bộ",
        "Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật",
        DVB,
        "Tháng 12/2025",
    ),
    S(None, "Cải cách thủ tục hành chính", "whole"),
    btp(
        "9",
        "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của Bộ",
        ["Phương án đơn giản hóa", "Quyết định phê duyệt"],
        VPB,
        "Các đơn vị có thủ tục hành chính",
        "Quý II/2025",
        "100",
    ),
    btp(
        "10",
        "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia về thủ tục hành chính",
        "Thủ tục hành chính được công khai",
        VPB,
        DVB,
        "Thường xuyên",
    ),
    btp(
        "11",
        "Cung cấp dịch vụ công trực tuyến toàn trình trong lĩnh vực lý lịch tư pháp, hộ tịch",
        "Dịch vụ công trực tuyến",
        A(
            "Trung tâm Lý lịch tư pháp quốc gia;\nCục Hộ tịch, quốc tịch, chứng thực",
            ("Trung tâm Lý lịch tư pháp quốc gia", HT),
        ),
        CNTT,
        "Quý I - Quý II/2025",
        "1.200",
        note="budget `1.200`: `.` is the Vietnamese thousands separator -> 1200.0 million VND (judgment)",
    ),
    S(None, "Cải cách tổ chức bộ máy hành chính nhà nước", "whole"),
    btp(
        "12",
        "Xây dựng, trình ban hành Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của các "
        "đơn vị thuộc Bộ sau sắp xếp",
        "Quyết định của Bộ trưởng",
        VTC,
        DVB,
        "Quý I/2025",
    ),
    btp(
        "13",
        "Rà soát, hoàn thiện vị trí việc làm của các đơn vị thuộc Bộ",
        "Đề án vị trí việc làm",
        VTC,
        DVB,
        "Khi có văn bản hướng dẫn",
    ),
    S(None, "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "whole"),
    btp(
        "14",
        "Bồi dưỡng kiến thức, kỹ năng cho công chức, viên chức của Bộ",
        "Các lớp bồi dưỡng",
        VTC,
        A("Học viện Tư pháp; Trường Đại học Luật Hà Nội", ("Học viện Tư pháp", "Trường Đại học Luật Hà Nội")),
        "Quý III/2025",
        "350",
    ),
    btp(
        "15",
        "Đánh giá, xếp loại chất lượng công chức, viên chức năm 2025",
        "Quyết định phê duyệt kết quả",
        VTC,
        DVB,
        "Tháng 12/2025",
    ),
    S(None, "Cải cách tài chính công", "cell"),
    btp(
        "16",
        "Giao dự toán ngân sách nhà nước năm 2025 cho các đơn vị dự toán thuộc Bộ",
        "Quyết định giao dự toán",
        KHTC,
        "Các đơn vị dự toán thuộc Bộ",
        "Tháng 01/2025",
    ),
    btp(
        "17",
        "Công khai ngân sách theo quy định",
        "Báo cáo công khai",
        KHTC,
        "",
        "Hàng quý",
        note="empty Phối hợp cell -> partners []",
    ),
    S(None, "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ", "whole"),
    btp(
        "18",
        "Triển khai Hệ thống quản lý văn bản và điều hành thông suốt từ Bộ đến các đơn vị",
        "Hệ thống được vận hành",
        CNTT,
        VPB,
        "Cả năm",
        "400",
    ),
    btp(
        "19",
        "Xây dựng Cơ sở dữ liệu hộ tịch điện tử toàn quốc giai đoạn 2",
        "Cơ sở dữ liệu",
        HT,
        CNTT,
        "Quý IV/2025 - Quý I/2026",
        "Theo dự toán được phê duyệt",
    ),
]

DEV_BTP = Doc(
    name="botuphap_2025",
    set="dev",
    left=["BỘ TƯ PHÁP"],
    number_line="Số: 215/KH-BTP",
    place_date="Hà Nội, ngày 20 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính năm 2025 của Bộ Tư pháp"],
    bases=[
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
        "hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Nghị định số 98/2022/NĐ-CP ngày 29 tháng 11 năm 2022 của Chính phủ quy định chức năng, nhiệm vụ, quyền "
        "hạn và cơ cấu tổ chức của Bộ Tư pháp;",
        "Căn cứ Quyết định số 1234/QĐ-BTP ngày 10 tháng 6 năm 2022 của Bộ trưởng Bộ Tư pháp phân công thực hiện Kế "
        "hoạch cải cách hành chính giai đoạn 2021 - 2030;",
    ],
    body=[
        P("Bộ Tư pháp ban hành Kế hoạch cải cách hành chính năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ"),
        P("Các nhiệm vụ cải cách hành chính năm 2025 của Bộ được nêu tại Phụ lục kèm theo Kế hoạch này."),
        H("III. KINH PHÍ"),
        P("Kinh phí thực hiện từ nguồn ngân sách nhà nước giao cho các đơn vị thuộc Bộ năm 2025."),
        *ORGANISE("Thủ trưởng các đơn vị thuộc Bộ", "Vụ Tổ chức cán bộ"),
        ("sign",),
        LANDSCAPE,
        C("PHỤ LỤC"),
        C("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA BỘ TƯ PHÁP"),
        C("(Ban hành kèm theo Kế hoạch số 215/KH-BTP ngày 20/01/2025 của Bộ Tư pháp)", False),
        T(BTP_COLS, BTP_ROWS, group=(3, 4, "Cơ quan thực hiện"), colnums="plain", tbl_header=True),
    ],
    sign_left=["Nơi nhận:", "- Bộ trưởng (để b/c);", "- Các Thứ trưởng;", "- Các đơn vị thuộc Bộ;", "- Lưu: VT, TCCB."],
    sign=["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Nguyễn Thanh Tịnh"],
    meta={
        "title": "Cải cách hành chính năm 2025 của Bộ Tư pháp",
        "number": "215/KH-BTP",
        "symbol": "KH-BTP",
        "issuer": "Bộ Tư pháp",
        "issued_date": "2025-01-20",
        "issued_place": "Hà Nội",
        "period": [2025, 2025],
        "signer": {"name": "Nguyễn Thanh Tịnh", "title": "THỨ TRƯỞNG", "on_behalf_of": "KT. BỘ TRƯỞNG"},
        "legal_basis": 3,
        "nulls": ["province", "province_current"],
    },
    notes=[
        "A ministry's plan: province and province_current null (judgment: `Hà Nội` is only where it was signed).",
        "Two-row header: `Cơ quan thực hiện` merged over `Chủ trì | Phối hợp`, both header rows w:tblHeader, then a",
        "column-number row `1 2 … 8` (not a record). Landscape appendix after a portrait body.",
        "Sections carry no numerals: `CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH` (one cell across the row), `CẢI CÁCH THỂ CHẾ` (in",
        "the task cell, other cells empty, not merged), `Cải cách thủ tục hành chính` (normal case, one cell), ...",
        "-> numbered by sequence I..VII. `Nhiệm vụ, giải pháp` is the only content column -> task, activity null.",
    ],
)

# =====================================================================================================================
# DEV 5. Sở Tài chính tỉnh Phú Yên: one body table per CCHC area, `Đơn vị thực hiện` naming both roles, extra columns.
# =====================================================================================================================

PY_COLS = [
    ("STT", "stt"),
    ("Nhiệm vụ", "task"),
    ("Hoạt động", "activity"),
    ("Đơn vị thực hiện", "resp"),
    ("Lộ trình", "deadline"),
    ("Sản phẩm", "outputs"),
    ("Chỉ tiêu", "extra"),
    ("Đơn vị báo cáo", "extra"),
]


def py(stt, task, act, resp, dl, out, target="", rep="", **kw) -> R:
    return R(
        stt,
        {
            "task": task,
            "activity": act,
            "resp": resp,
            "deadline": dl,
            "outputs": out,
            "Chỉ tiêu": target,
            "Đơn vị báo cáo": rep,
        },
        **kw,
    )


PQLNS = "Phòng Quản lý ngân sách"
PY_T1 = [
    py(
        "1",
        "Chỉ đạo, điều hành công tác cải cách hành chính",
        "Ban hành Kế hoạch cải cách hành chính năm 2025 của Sở",
        VPS,
        "Tháng 01/2025",
        "Kế hoạch",
        "100% nhiệm vụ được triển khai",
        VPS,
        note="task cell merged down over rows 1-2; each row has its own STT",
    ),
    py(
        "2",
        "",
        "Báo cáo định kỳ công tác cải cách hành chính",
        J("Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn", (VPS,), ("các phòng chuyên môn",)),
        "Hàng quý",
        "Báo cáo quý, 6 tháng, năm",
        "",
        VPS,
        merge_up=("task",),
        note="task from the merged cell above; output `Báo cáo quý, 6 tháng, năm` is one item",
    ),
    py(
        "3",
        "Tuyên truyền cải cách hành chính",
        "Đăng tải tin, bài về cải cách hành chính trên Trang thông tin điện tử của Sở",
        VPS,
        "Thường xuyên",
        "Tin, bài",
        "Ít nhất 12 tin, bài/năm",
        VPS,
    ),
    py(
        "4",
        "Kiểm tra cải cách hành chính",
        "Tự kiểm tra công tác cải cách hành chính tại các phòng thuộc Sở",
        VPS,
        "Quý III/2025",
        "Báo cáo kiểm tra",
        "",
        VPS,
    ),
]
PY_T2 = [
    py(
        "1",
        "Kiểm soát thủ tục hành chính",
        "Rà soát thủ tục hành chính lĩnh vực tài chính",
        J(
            "Phòng Quản lý giá và công sản chủ trì, phối hợp với các phòng liên quan",
            ("Phòng Quản lý giá và công sản",),
            ("các phòng liên quan",),
        ),
        "Quý II/2025",
        "Báo cáo rà soát",
        "01 báo cáo",
        VPS,
    ),
    py(
        "2",
        "",
        "Giải quyết hồ sơ thủ tục hành chính đúng hạn",
        "Các phòng chuyên môn",
        "Thường xuyên",
        "Hồ sơ được giải quyết",
        "100% hồ sơ đúng hạn",
        VPS,
        merge_up=("task",),
    ),
    py(
        "3",
        "",
        "Công khai kết quả giải quyết hồ sơ thủ tục hành chính",
        VPS,
        "Hàng tháng",
        "Kết quả được công khai",
        "",
        "",
        merge_up=("task",),
    ),
    py(
        "4",
        "Thực hiện cơ chế một cửa, một cửa liên thông",
        "Cử công chức làm việc tại Trung tâm Phục vụ hành chính công tỉnh",
        VPS,
        "Cả năm",
        "Quyết định cử công chức",
        "",
        VPS,
    ),
]
PY_T3 = [
    py(
        "1",
        "Quản lý ngân sách nhà nước",
        "Thẩm định dự toán ngân sách năm 2026 của các cơ quan, đơn vị",
        PQLNS,
        "Quý IV/2025",
        "Báo cáo thẩm định",
        "",
        PQLNS,
    ),
    py(
        "2",
        "",
        "Công khai dự toán, quyết toán ngân sách địa phương",
        J("Phòng Quản lý ngân sách chủ trì, phối hợp với Văn phòng Sở", (PQLNS,), (VPS,)),
        "Hàng quý",
        "Báo cáo công khai",
        "100%",
        PQLNS,
        merge_up=("task",),
    ),
    py(
        "3",
        "",
        "Hướng dẫn đơn vị sự nghiệp công lập thực hiện tự chủ tài chính",
        J(
            "Phòng Tài chính hành chính sự nghiệp chủ trì, phối hợp với Sở Nội vụ, Kho bạc Nhà nước tỉnh",
            ("Phòng Tài chính hành chính sự nghiệp",),
            ("Sở Nội vụ", "Kho bạc Nhà nước tỉnh"),
        ),
        "Quý II, III/2025",
        "Văn bản hướng dẫn",
        "",
        "",
        merge_up=("task",),
        note="partners split at `, ` before `Kho bạc` (agency head)",
    ),
    py(
        "4",
        "Quản lý tài sản công",
        "Kiểm tra việc quản lý, sử dụng tài sản công tại các cơ quan, đơn vị",
        "Phòng Quản lý giá và công sản",
        "Quý III/2025",
        "Kết luận kiểm tra",
        "05 đơn vị",
        "Thanh tra Sở",
    ),
]
PY_T4 = [
    py(
        "1",
        "Ứng dụng công nghệ thông tin trong hoạt động của Sở",
        "Vận hành hệ thống quản lý văn bản và điều hành",
        VPS,
        "Thường xuyên",
        "",
        "100% văn bản được trao đổi dưới dạng điện tử",
        VPS,
        note="empty Sản phẩm cell -> outputs []",
    ),
    py(
        "2",
        "",
        "Sử dụng chữ ký số trên văn bản điện tử",
        "Các phòng, đơn vị thuộc Sở",
        "Thường xuyên",
        "Văn bản điện tử có chữ ký số",
        "",
        "",
        merge_up=("task",),
    ),
    py(
        "3",
        "Cung cấp dịch vụ công trực tuyến",
        "Cung cấp dịch vụ công trực tuyến toàn trình",
        J("Văn phòng Sở chủ trì, phối hợp với Sở Thông tin và Truyền thông", (VPS,), ("Sở Thông tin và Truyền thông",)),
        "Trước ngày 30/6/2025",
        "Dịch vụ công trực tuyến",
        "Tối thiểu 80% thủ tục hành chính đủ điều kiện",
        VPS,
    ),
]

DEV_PY = Doc(
    name="phuyen_sotaichinh_2025",
    set="dev",
    left=["UBND TỈNH PHÚ YÊN", "SỞ TÀI CHÍNH"],
    number_line="Số: 35/KH-STC",
    place_date="Phú Yên, ngày 17 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính năm 2025"],
    bases=[
        "Căn cứ Kế hoạch số 268/KH-UBND ngày 25 tháng 12 năm 2024 của UBND tỉnh Phú Yên về cải cách hành chính nhà "
        "nước năm 2025;",
        "Căn cứ Quyết định số 15/2021/QĐ-UBND ngày 12 tháng 4 năm 2021 của UBND tỉnh quy định chức năng, nhiệm vụ, "
        "quyền hạn và cơ cấu tổ chức của Sở Tài chính;",
    ],
    body=[
        P("Sở Tài chính xây dựng Kế hoạch cải cách hành chính năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ TRỌNG TÂM"),
        H("1. Công tác chỉ đạo, điều hành"),
        T(PY_COLS, PY_T1, section="1"),
        H("2. Cải cách thủ tục hành chính"),
        T(PY_COLS, PY_T2, section="2"),
        H("3. Cải cách tài chính công"),
        T(PY_COLS, PY_T3, section="3"),
        H("4. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
        T(PY_COLS, PY_T4, section="4"),
        H("III. TỔ CHỨC THỰC HIỆN"),
        P("Trưởng các phòng, đơn vị thuộc Sở tổ chức thực hiện; Văn phòng Sở tổng hợp, báo cáo Giám đốc Sở."),
        ("sign",),
    ],
    sign_left=["Nơi nhận:", "- Sở Nội vụ;", "- Ban Giám đốc Sở;", "- Lưu: VT, VP."],
    sign=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Trần Minh Quang"],
    meta={
        "title": "Cải cách hành chính năm 2025",
        "number": "35/KH-STC",
        "symbol": "KH-STC",
        "issuer": "Sở Tài chính tỉnh Phú Yên",
        "province": "Phú Yên",
        "province_current": "Đắk Lắk",
        "issued_date": "2025-01-17",
        "issued_place": "Phú Yên",
        "period": [2025, 2025],
        "signer": {"name": "Trần Minh Quang", "title": "PHÓ GIÁM ĐỐC", "on_behalf_of": "KT. GIÁM ĐỐC"},
        "legal_basis": 2,
    },
    notes=[
        "One table per CCHC area in the body, under headings `1.` .. `4.` (no section rows): section = heading number.",
        "Columns Nhiệm vụ (task) + Hoạt động (activity); task cells merged down over their activity rows, while every",
        "row keeps its own STT. `Đơn vị thực hiện` is the only agency column: lead, or lead + partners when the cell",
        "names both roles. `Chỉ tiêu` and `Đơn vị báo cáo` have no role -> extra (non-empty cells only).",
        "Phú Yên is part of Đắk Lắk since 1 July 2025.",
    ],
)

# =====================================================================================================================
# HELDOUT 1. UBND tỉnh Vĩnh Phúc: `Sở, ngành chủ trì tham mưu`, number row `1 2 3`, header pasted again mid-table.
# =====================================================================================================================

VBG = "Văn bản giao nhiệm vụ"
VPC_COLS = [
    ("STT", "stt"),
    ("Nhiệm vụ", "task"),
    ("Sở, ngành chủ trì tham mưu", "lead"),
    ("Cơ quan phối hợp", "partners"),
    ("Lộ trình", "deadline"),
    ("Hình thức văn bản", "outputs"),
    (VBG, "extra"),
]


def vpc(stt, task, lead, part, dl, out, vb="", **kw) -> R:
    return R(stt, {"task": task, "lead": lead, "partners": part, "deadline": dl, "outputs": out, VBG: vb}, **kw)


UBHT = "UBND các huyện, thành phố"
VPC_ROWS: list[R | S] = [
    S("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "split"),
    vpc(
        "1",
        "Tham mưu ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 của tỉnh",
        SNV,
        [SBN, UBHT],
        "Tháng 01/2025",
        "Kế hoạch của UBND tỉnh",
        "Quyết định số 2020/QĐ-UBND ngày 30/12/2024",
    ),
    vpc(
        "2",
        "Tham mưu tổ chức Hội nghị đánh giá kết quả cải cách hành chính năm 2024, triển khai nhiệm vụ năm 2025",
        SNV,
        VP,
        "Quý I/2025",
        ["Hội nghị", "Thông báo kết luận"],
    ),
    vpc(
        "3",
        "Tham mưu kiểm tra công tác cải cách hành chính đối với các sở, ngành, địa phương",
        SNV,
        "Các thành viên Ban Chỉ đạo cải cách hành chính tỉnh",
        "Quý II - Quý III/2025",
        ["Kế hoạch kiểm tra", "Báo cáo kết quả kiểm tra"],
    ),
    S("II", "CẢI CÁCH THỂ CHẾ", "split"),
    vpc(
        "4",
        "Tham mưu xây dựng Chương trình xây dựng Nghị quyết của HĐND tỉnh năm 2026",
        "Sở Tư pháp",
        ["Văn phòng Đoàn ĐBQH và HĐND tỉnh", VP],
        "Quý IV/2025",
        "Chương trình của UBND tỉnh",
    ),
    vpc(
        "5",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh",
        "Sở Tư pháp",
        SBN,
        "Năm 2025",
        "Quyết định công bố kết quả rà soát",
        "Kế hoạch số 95/KH-UBND ngày 12/3/2024",
    ),
    S(None, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "whole"),
    vpc(
        "6",
        "Tham mưu công bố danh mục thủ tục hành chính và quy trình nội bộ giải quyết thủ tục hành chính",
        VP,
        SBN,
        "Thường xuyên",
        "Quyết định của Chủ tịch UBND tỉnh",
    ),
    vpc(
        "7",
        "Thực hiện cơ chế một cửa, một cửa liên thông tại Trung tâm Phục vụ hành chính công tỉnh",
        VP,
        A("Sở Thông tin và Truyền thông, Bưu điện tỉnh", ("Sở Thông tin và Truyền thông", "Bưu điện tỉnh")),
        "Cả năm",
        "Báo cáo kết quả thực hiện",
    ),
    vpc(
        "8",
        "Rà soát, đề xuất phân cấp, ủy quyền giải quyết thủ tục hành chính",
        VP,
        A("Sở Tư pháp, Sở Nội vụ", ("Sở Tư pháp", SNV)),
        "Quý III/2025",
        "Quyết định của UBND tỉnh",
        note="the header and number rows are pasted again just above this row (page break): not records",
    ),
    S("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "split"),
    vpc(
        "9",
        "Tham mưu sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh",
        SNV,
        SBN,
        "Quý I/2025",
        ["Đề án", "Nghị quyết của HĐND tỉnh"],
        "Kế hoạch số 141/KH-BCĐ ngày 06/12/2024",
    ),
    vpc(
        "10",
        "Thẩm định đề án vị trí việc làm của cơ quan, tổ chức hành chính",
        SNV,
        "Các cơ quan, đơn vị có liên quan",
        "Khi có văn bản hướng dẫn",
        "Văn bản thẩm định",
    ),
    S("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "split"),
    vpc(
        "11",
        "Tổ chức tuyển dụng công chức, viên chức năm 2025",
        SNV,
        "Các cơ quan, đơn vị có nhu cầu tuyển dụng",
        "6 tháng đầu năm",
        ["Thông báo tuyển dụng", "Quyết định công nhận kết quả"],
    ),
    vpc(
        "12", "Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", SNV, "Trường Chính trị tỉnh", "Cả năm", "Lớp bồi dưỡng"
    ),
    S("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", "split"),
    vpc(
        "13",
        "Triển khai quy định về cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập",
        "Sở Tài chính",
        [SNV, "Các đơn vị sự nghiệp công lập"],
        "Năm 2025",
        "Quyết định giao quyền tự chủ",
    ),
    vpc(
        "14",
        "Thực hiện công khai ngân sách nhà nước",
        "Sở Tài chính",
        "Kho bạc Nhà nước Vĩnh Phúc",
        "Hàng quý",
        "Báo cáo công khai",
    ),
    S("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "split"),
    vpc(
        "15",
        "Vận hành Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        "Sở Thông tin và Truyền thông",
        VP,
        "Quý IV/2025 - Quý I/2026",
        "Nền tảng được vận hành",
    ),
    vpc(
        "16",
        "Nâng cao tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính",
        VP,
        ["Sở Tài chính", "Ngân hàng Nhà nước chi nhánh tỉnh"],
        "Trước ngày 30/6/2025",
        "Báo cáo kết quả",
    ),
]

HO_VPC = Doc(
    name="vinhphuc_ubnd_2025",
    set="heldout",
    left=["ỦY BAN NHÂN DÂN", "TỈNH VĨNH PHÚC"],
    number_line="Số: 18/KH-UBND",
    place_date="Vĩnh Phúc, ngày 22 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính nhà nước tỉnh Vĩnh Phúc năm 2025"],
    bases=[
        *BASES_PROVINCE,
        "Căn cứ Kế hoạch số 219/KH-UBND ngày 05 tháng 11 năm 2021 của UBND tỉnh thực hiện Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030 trên địa bàn tỉnh Vĩnh Phúc;",
    ],
    body=[
        P("UBND tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2025, như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025"),
        P("Nhiệm vụ cụ thể, cơ quan chủ trì tham mưu và lộ trình thực hiện tại Phụ lục I kèm theo."),
        H("III. CHẾ ĐỘ BÁO CÁO"),
        P("Các cơ quan, đơn vị báo cáo kết quả thực hiện theo mẫu tại Phụ lục II, gửi Sở Nội vụ để tổng hợp."),
        *ORGANISE("Các sở, ban, ngành; UBND các huyện, thành phố", "Sở Nội vụ"),
        ("sign",),
        LANDSCAPE,
        C("PHỤ LỤC I"),
        C("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC TỈNH VĨNH PHÚC NĂM 2025"),
        C("(Kèm theo Kế hoạch số 18/KH-UBND ngày 22/01/2025 của UBND tỉnh)", False),
        T(VPC_COLS, VPC_ROWS, colnums="plain", repeat_at=(10,), repeat_colnums=True),
        C("PHỤ LỤC II"),
        C("BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN"),
        T(
            [
                ("STT", "stt"),
                ("Nhiệm vụ", "task"),
                ("Sở, ngành chủ trì tham mưu", "lead"),
                ("Lộ trình", "deadline"),
                ("Kết quả thực hiện", "extra"),
                ("Khó khăn, vướng mắc", "extra"),
            ],
            [],
            template_rows=["1", "2", "3"],
        ),
    ],
    sign_left=["Nơi nhận:", "- Bộ Nội vụ;", "- TTTU, TTHĐND tỉnh;", "- CT, các PCT UBND tỉnh;", "- Lưu: VT, NC2."],
    sign=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Vũ Việt Văn"],
    meta={
        "title": "Cải cách hành chính nhà nước tỉnh Vĩnh Phúc năm 2025",
        "number": "18/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": "UBND tỉnh Vĩnh Phúc",
        "province": "Vĩnh Phúc",
        "province_current": "Phú Thọ",
        "issued_date": "2025-01-22",
        "issued_place": "Vĩnh Phúc",
        "period": [2025, 2025],
        "signer": {"name": "Vũ Việt Văn", "title": "PHÓ CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"},
        "legal_basis": 3,
    },
    notes=[
        "Appendix I: lead header `Sở, ngành chủ trì tham mưu`; column-number row `1 2 … 7` under the header; deadline",
        "`Lộ trình` before outputs `Hình thức văn bản`; `Văn bản giao nhiệm vụ` has no role -> extra. No w:tblHeader:",
        "the header and number rows are physically pasted again before row STT 8 (page break) -> not records.",
        "Sections: numeral in STT + title in the next cell, other cells empty (not merged); `CẢI CÁCH THỦ TỤC HÀNH",
        "CHÍNH` alone in a cell across the row, no numeral -> III by sequence. `Nhiệm vụ` alone -> task.",
        "Appendix II is a blank reporting template with the same vocabulary (rows with only an STT): no records.",
        "Vĩnh Phúc is part of Phú Thọ since 1 July 2025.",
    ],
)

# =====================================================================================================================
# HELDOUT 2. UBND huyện Đức Trọng (Lâm Đồng): tasks listed under Roman area headings, closing lines without dashes.
# =====================================================================================================================

PVH = "Văn phòng HĐND và UBND huyện"


def dt_close(lead=None, part=None, dl=None, out=None, out_label="Kết quả") -> Close:
    return close(lead, part, dl, out, labels=("Cơ quan chủ trì", "Phối hợp", "Thời hạn", out_label), prefix="", end="")


DT_BODY: list[Block] = [
    H("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    LG(
        "I",
        [Item("1.", "Ban hành kế hoạch cải cách hành chính, kế hoạch kiểm tra cải cách hành chính năm 2025")],
        dt_close(PNV, PVH, "Quý I/2025"),
    ),
    LG(
        "I",
        [
            Item(
                "2.",
                "Tuyên truyền cải cách hành chính",
                [
                    "Đăng tải tin, bài trên Trang thông tin điện tử huyện",
                    "Tổ chức Hội thi tìm hiểu về cải cách hành chính cấp huyện",
                ],
                bullet="•",
            )
        ],
        dt_close(
            "Trung tâm Văn hóa - Thông tin và Thể thao huyện",
            [PNV, XTT],
            "Quý II, III/2025",
            ["Tin, bài", "Hội thi cấp huyện"],
        ),
        note="two levels: item `2.` is the task, each `•` bullet an activity record",
    ),
    H("II. CẢI CÁCH THỂ CHẾ"),
    LG(
        "II",
        [
            Item("1.", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành"),
            Item("2.", "Theo dõi tình hình thi hành pháp luật trong lĩnh vực đất đai, xây dựng"),
        ],
        dt_close("Phòng Tư pháp", "Các cơ quan chuyên môn thuộc UBND huyện", "Thường xuyên"),
        note="items 1 and 2 share the closing lines printed after item 2",
    ),
    H("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    LG(
        "III",
        [
            Item(
                "1.",
                "Công khai, minh bạch thủ tục hành chính",
                [
                    "Niêm yết thủ tục hành chính tại Bộ phận Một cửa huyện",
                    "Cập nhật thủ tục hành chính trên Cổng dịch vụ công quốc gia",
                ],
            )
        ],
        dt_close(PVH, XTT, "Thường xuyên"),
        note="the activity bullets start with `-`; closing lines here have no dash",
    ),
    LG(
        "III",
        [
            Item(
                "2.", "Đánh giá chất lượng giải quyết thủ tục hành chính theo Bộ chỉ số phục vụ người dân, doanh nghiệp"
            )
        ],
        dt_close(PVH, None, "Hàng quý", "Báo cáo đánh giá"),
    ),
    H("IV. CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"),
    LG(
        "IV",
        [Item("1.", "Sắp xếp đơn vị hành chính cấp xã theo chủ trương của cấp có thẩm quyền")],
        dt_close(
            PNV, "UBND các xã, thị trấn có liên quan", "Khi có văn bản hướng dẫn", "Đề án sắp xếp", out_label="Sản phẩm"
        ),
    ),
    H("V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    LG(
        "V",
        [
            Item(
                "1.",
                "Thực hiện quy định về văn hóa công vụ",
                [
                    "Kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính",
                    "Xử lý nghiêm cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính",
                ],
                bullet="+",
            )
        ],
        dt_close(PNV, "Thanh tra huyện", "Cả năm"),
    ),
    H("VI. CẢI CÁCH TÀI CHÍNH CÔNG"),
    LG(
        "VI",
        [Item("1.", "Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập thuộc huyện")],
        dt_close("Phòng Tài chính - Kế hoạch", PNV, "Tháng 6/2025"),
    ),
    H("VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
    LG(
        "VII",
        [
            Item("1.", "Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
            Item("2.", "Vận hành hệ thống hội nghị truyền hình trực tuyến đến cấp xã"),
        ],
        dt_close("Phòng Văn hóa và Thông tin", [PVH, XTT], "Trước ngày 15/12/2025"),
    ),
]

HO_DT = Doc(
    name="ductrong_huyen_2025",
    set="heldout",
    left=["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC TRỌNG"],
    number_line="Số: 09/KH-UBND",
    place_date="Đức Trọng, ngày 10 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính nhà nước năm 2025 trên địa bàn huyện Đức Trọng"],
    bases=[
        "Căn cứ Kế hoạch số 10520/KH-UBND ngày 27 tháng 12 năm 2024 của UBND tỉnh Lâm Đồng về cải cách hành chính "
        "nhà nước năm 2025;",
    ],
    body=[
        P("UBND huyện ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 như sau:"),
        H("Phần I. MỤC ĐÍCH, YÊU CẦU"),
        P(
            "Triển khai toàn diện các nhiệm vụ cải cách hành chính; nâng cao chất lượng phục vụ người dân, doanh "
            "nghiệp; phấn đấu cải thiện các chỉ số cải cách hành chính của huyện."
        ),
        H("Phần II. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025"),
        *DT_BODY,
        H("Phần III. TỔ CHỨC THỰC HIỆN"),
        P(
            "Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, thị trấn tổ chức thực hiện Kế hoạch; Phòng Nội vụ "
            "theo dõi, tổng hợp, báo cáo UBND huyện."
        ),
        ("sign",),
    ],
    sign_left=["Nơi nhận:", "- Sở Nội vụ;", "- TT Huyện ủy;", "- Các phòng, ban, đơn vị;", "- Lưu: VT, NV."],
    sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn Sơn"],
    meta={
        "title": "Cải cách hành chính nhà nước năm 2025 trên địa bàn huyện Đức Trọng",
        "number": "09/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": "UBND huyện Đức Trọng",
        "province": "Lâm Đồng",
        "province_current": "Lâm Đồng",
        "issued_date": "2025-01-10",
        "issued_place": "Đức Trọng",
        "period": [2025, 2025],
        "signer": {"name": "Nguyễn Văn Sơn", "title": "CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN"},
        "legal_basis": 1,
    },
    notes=[
        "No plan table: tasks are numbered items under Roman area headings (`I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH` ...),",
        "section = that numeral. Closing lines have no dash and no final period: `Cơ quan chủ trì: …`, `Phối hợp: …`",
        "`Thời hạn: …`, `Kết quả: …` / `Sản phẩm: …`. Bullets under an item (`•`, `-`, `+`) are activity records.",
        "Province from the legal basis (`UBND tỉnh Lâm Đồng`); issued_place as printed (`Đức Trọng, ngày …`).",
    ],
)

# =====================================================================================================================
# HELDOUT 3. Bảo hiểm xã hội Việt Nam: two-row header `Đơn vị thực hiện`, merged task rows with STT `09`, budget.
# =====================================================================================================================

BH_COLS = [
    ("STT", "stt"),
    ("Tên nhiệm vụ", "task"),
    ("Chủ trì", "lead"),
    ("Phối hợp", "partners"),
    ("Thời gian hoàn thành", "deadline"),
    ("Sản phẩm đầu ra", "outputs"),
    ("Dự toán", "budget"),
]
BTC = "Ban Tổ chức cán bộ"
TTCN = "Trung tâm Công nghệ thông tin"
DVTT = "Các đơn vị trực thuộc"
BHT = "Bảo hiểm xã hội các tỉnh, thành phố"
BST = "Ban Sổ - Thẻ"
CSXH = "Ban Thực hiện chính sách bảo hiểm xã hội"
TCKT = "Ban Tài chính - Kế toán"


def bh(stt, task, lead, part, dl, out, budget="", **kw) -> R:
    return R(
        stt, {"task": task, "lead": lead, "partners": part, "deadline": dl, "outputs": out, "budget": budget}, **kw
    )


BH_ROWS: list[R | S] = [
    S("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "merged"),
    bh(
        "1",
        "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2025 của Ngành",
        BTC,
        DVTT,
        "Tháng 01/2025",
        "Kế hoạch",
    ),
    bh(
        "2",
        "Kiểm tra việc thực hiện cải cách hành chính tại Bảo hiểm xã hội các tỉnh, thành phố",
        BTC,
        A("Văn phòng; Ban Kiểm tra", ("Văn phòng", "Ban Kiểm tra")),
        "Quý II, III/2025",
        "Báo cáo kết quả kiểm tra",
        "120",
    ),
    bh(
        "3",
        "Tổng hợp, báo cáo kết quả cải cách hành chính định kỳ",
        "Văn phòng",
        DVTT,
        "Hàng quý",
        "Báo cáo quý, 6 tháng, năm",
    ),
    bh(
        "4",
        "Thực hiện các nhiệm vụ cải cách hành chính được giao tại Kế hoạch giai đoạn 2021 - 2030 của Ngành",
        None,
        None,
        "Năm 2025",
        "Báo cáo kết quả",
        "Theo dự toán được giao",
        span_lp="Theo phân công tại Quyết định số 1234/QĐ-BHXH",
        note="one cell merged across Chủ trì and Phối hợp gives its text to both roles; budget text, amount null",
    ),
    S("II", "CẢI CÁCH THỂ CHẾ", "merged"),
    bh(
        "5",
        "Rà soát, đề xuất sửa đổi, bổ sung văn bản quy phạm pháp luật về bảo hiểm xã hội, bảo hiểm y tế",
        CSXH,
        A(
            "Ban Thực hiện chính sách bảo hiểm y tế;\nBan Thu, Ban Sổ - Thẻ",
            ("Ban Thực hiện chính sách bảo hiểm y tế", "Ban Thu", BST),
        ),
        "Quý III/2025",
        "Văn bản đề xuất",
        note="partners: `;`, a line break, then `, ` before `Ban` (agency head)",
    ),
    bh(
        "6",
        "Xây dựng, ban hành văn bản hướng dẫn nghiệp vụ thực hiện Luật Bảo hiểm xã hội năm 2024",
        CSXH,
        "Các đơn vị liên quan",
        "Trước ngày 30/6/2025",
        ["Quyết định", "Công văn hướng dẫn"],
    ),
    S(None, "Cải cách thủ tục hành chính", "whole"),
    bh(
        "7",
        "Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực thu, cấp sổ bảo hiểm xã hội, thẻ bảo hiểm y tế",
        BST,
        A("Ban Thu; Văn phòng", ("Ban Thu", "Văn phòng")),
        "Quý II/2025",
        "Phương án đơn giản hóa",
        "50",
    ),
    bh(
        "8",
        "Cung cấp dịch vụ công trực tuyến toàn trình",
        TTCN,
        "Các đơn vị nghiệp vụ",
        "Cả năm",
        "Dịch vụ công trực tuyến",
    ),
    bh(
        "09",
        "Thực hiện liên thông điện tử nhóm thủ tục hành chính: đăng ký khai sinh - đăng ký thường trú - cấp thẻ "
        "bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        BST,
        TTCN,
        "Quý I/2025",
        "Quy trình liên thông",
        note="STT printed `09`; STT and task merged down over three rows (shape G)",
    ),
    bh(None, "", CSXH, BHT, "Quý II/2025", "Hướng dẫn nghiệp vụ", merge_up=("stt", "task")),
    bh(
        None,
        "",
        TTCN,
        "",
        "Tháng 6/2025",
        "",
        "80",
        merge_up=("stt", "task"),
        note="empty Phối hợp and Sản phẩm đầu ra cells -> []",
    ),
    bh(
        "10",
        "Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích",
        CSXH,
        "Bưu điện Việt Nam",
        "Thường xuyên",
        "Hồ sơ được tiếp nhận, trả kết quả",
    ),
    S("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "merged"),
    bh(
        "11",
        "Sắp xếp, kiện toàn tổ chức bộ máy Bảo hiểm xã hội cấp tỉnh theo mô hình mới",
        BTC,
        DVTT,
        "Quý I - Quý II/2025",
        "Quyết định quy định chức năng, nhiệm vụ",
    ),
    bh("12", "Rà soát, điều chỉnh vị trí việc làm", BTC, BHT, "Quý IV/2025", "Đề án vị trí việc làm"),
    S("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "merged"),
    bh(
        "13",
        "Đào tạo, bồi dưỡng công chức, viên chức",
        "Trường Đào tạo nghiệp vụ bảo hiểm xã hội",
        BTC,
        "Cả năm",
        "Các lớp đào tạo, bồi dưỡng",
        "1.500",
        note="budget `1.500` (thousands separator) -> 1500.0 (judgment)",
    ),
    bh(
        "14",
        "Đánh giá, xếp loại công chức, viên chức theo kết quả thực hiện nhiệm vụ",
        DVTT,
        BTC,
        "Tháng 12/2025",
        "Kết quả đánh giá",
    ),
    S("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", "merged"),
    bh(
        "15",
        "Giao dự toán chi phí quản lý bảo hiểm xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế năm 2025",
        TCKT,
        "Văn phòng",
        "Quý I/2025",
        "Quyết định giao dự toán",
    ),
    bh("16", "Công khai tài chính theo quy định", TCKT, "", "Hàng quý", "Báo cáo công khai"),
    S("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ", "merged"),
    bh(
        "17",
        "Nâng cấp Cơ sở dữ liệu quốc gia về bảo hiểm",
        TTCN,
        A("Ban Sổ - Thẻ; Ban Thu", (BST, "Ban Thu")),
        "Quý IV/2025 - Quý I/2026",
        "Cơ sở dữ liệu được nâng cấp",
        "2.000",
    ),
    bh(
        "18",
        "Kết nối, chia sẻ dữ liệu với Cơ sở dữ liệu quốc gia về dân cư",
        TTCN,
        "Bộ Công an",
        "Thường xuyên",
        "Dữ liệu được kết nối, chia sẻ",
    ),
]

HO_BH = Doc(
    name="bhxh_vietnam_2025",
    set="heldout",
    left=["BẢO HIỂM XÃ HỘI VIỆT NAM"],
    number_line="Số: 110/KH-BHXH",
    place_date="Hà Nội, ngày 14 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính năm 2025 của Bảo hiểm xã hội Việt Nam"],
    bases=[
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
        "hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Nghị định số 89/2020/NĐ-CP ngày 04 tháng 8 năm 2020 của Chính phủ quy định chức năng, nhiệm vụ, quyền "
        "hạn và cơ cấu tổ chức của Bảo hiểm xã hội Việt Nam;",
    ],
    body=[
        P("Bảo hiểm xã hội Việt Nam ban hành Kế hoạch cải cách hành chính năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN"),
        P("Chi tiết tại Phụ lục kèm theo Kế hoạch này."),
        *ORGANISE(
            "Thủ trưởng các đơn vị trực thuộc; Giám đốc Bảo hiểm xã hội các tỉnh, thành phố", "Ban Tổ chức cán bộ"
        ),
        ("sign",),
        LANDSCAPE,
        C("PHỤ LỤC"),
        C("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025"),
        C("(Kèm theo Kế hoạch số 110/KH-BHXH ngày 14/01/2025 của Bảo hiểm xã hội Việt Nam)", False),
        T(BH_COLS, BH_ROWS, group=(2, 3, "Đơn vị thực hiện"), tbl_header=True),
    ],
    sign_left=[
        "Nơi nhận:",
        "- Bộ Tài chính;",
        "- Tổng Giám đốc (để b/c);",
        "- Các đơn vị trực thuộc;",
        "- Lưu: VT, TCCB.",
    ],
    sign=["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", "", "Đào Việt Ánh"],
    meta={
        "title": "Cải cách hành chính năm 2025 của Bảo hiểm xã hội Việt Nam",
        "number": "110/KH-BHXH",
        "symbol": "KH-BHXH",
        "issuer": "Bảo hiểm xã hội Việt Nam",
        "issued_date": "2025-01-14",
        "issued_place": "Hà Nội",
        "period": [2025, 2025],
        "signer": {"name": "Đào Việt Ánh", "title": "PHÓ TỔNG GIÁM ĐỐC", "on_behalf_of": "KT. TỔNG GIÁM ĐỐC"},
        "legal_basis": 2,
        "nulls": ["province", "province_current"],
    },
    notes=[
        "A national agency's plan: province and province_current null (judgment; Hà Nội is only the signing place).",
        "Two-row header: `Đơn vị thực hiện` merged over `Chủ trì | Phối hợp`, both rows w:tblHeader; the deadline",
        "comes before outputs; `Dự toán` is the budget column; no column-number row. Landscape appendix.",
        "Sections: numeral in STT + title merged over the rest; `Cải cách thủ tục hành chính` (normal case, one cell",
        "across the row, no numeral) -> III by sequence. `Tên nhiệm vụ` alone -> task, activity null.",
    ],
)

# =====================================================================================================================
# HELDOUT 4. Sở Tư pháp tỉnh Quảng Nam: two body tables `STT | Nhiệm vụ | Trách nhiệm thực hiện | Thời gian hoàn thành`.
# =====================================================================================================================

QN_COLS = [
    ("STT", "stt"),
    ("Nhiệm vụ", "task"),
    ("Trách nhiệm thực hiện", "resp"),
    ("Thời gian hoàn thành", "deadline"),
]
PXD = "Phòng Xây dựng và kiểm tra văn bản quy phạm pháp luật"
PPB = "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật"
PHC = "Phòng Hành chính tư pháp"


def qnr(stt, task, resp, dl, **kw) -> R:
    return R(stt, {"task": task, "resp": resp, "deadline": dl}, **kw)


QN_T1 = [
    qnr("1", "Tham mưu UBND tỉnh ban hành Kế hoạch xây dựng văn bản quy phạm pháp luật năm 2025", PXD, "Tháng 01/2025"),
    qnr(
        "2",
        "Thẩm định dự thảo văn bản quy phạm pháp luật của HĐND, UBND tỉnh",
        J(f"{PXD} chủ trì, phối hợp với các phòng, đơn vị thuộc Sở", (PXD,), ("các phòng, đơn vị thuộc Sở",)),
        "Thường xuyên",
    ),
    qnr("3", "Kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền", PXD, "Hàng quý"),
    qnr(
        "4",
        "Theo dõi tình hình thi hành pháp luật về xử lý vi phạm hành chính",
        J(f"{PPB} chủ trì, phối hợp với Công an tỉnh, Sở Nội vụ", (PPB,), ("Công an tỉnh", "Sở Nội vụ")),
        "Quý III/2025",
        note="the lead name itself contains `, ` and ` và ` without an agency head after them",
    ),
    qnr(
        "5",
        "Tổ chức các hoạt động hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        PPB,
        "Tháng 11/2025",
    ),
    qnr(
        "6",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
        A(f"{PXD};\nVăn phòng Sở", (PXD, VPS)),
        "Quý I - Quý II/2025",
        note="no role words: both agencies are lead (`;` + line break), partners []",
    ),
    qnr(
        "7",
        "Góp ý dự thảo luật, pháp lệnh, nghị định theo đề nghị của Bộ Tư pháp",
        "Các phòng chuyên môn thuộc Sở",
        "Khi có đề nghị của Bộ Tư pháp",
    ),
    qnr(
        "8", "Cập nhật văn bản quy phạm pháp luật của tỉnh vào Cơ sở dữ liệu quốc gia về pháp luật", VPS, "Thường xuyên"
    ),
    qnr(
        "9",
        "Báo cáo công tác xây dựng, kiểm tra, rà soát văn bản 6 tháng và năm",
        PXD,
        "Tháng 6, tháng 12/2025",
        note="deadline names two months -> multiple (one part per month), like `Quý I và Quý III/2023` in seed 004",
    ),
]
QN_T2 = [
    qnr(
        "1",
        "Rà soát, đánh giá thủ tục hành chính thuộc lĩnh vực tư pháp",
        J("Văn phòng Sở chủ trì; các phòng chuyên môn phối hợp", (VPS,), ("các phòng chuyên môn",)),
        "Quý II/2025",
    ),
    qnr("2", "Tiếp nhận, giải quyết hồ sơ cấp Phiếu lý lịch tư pháp qua dịch vụ công trực tuyến", PHC, "Thường xuyên"),
    qnr(
        "3",
        "Công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh và trên Cổng dịch vụ công",
        VPS,
        "Thường xuyên",
    ),
    qnr(
        "4",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        A("Văn phòng Sở, Phòng Hành chính tư pháp", (VPS, PHC)),
        "Cả năm",
        note="split at `, ` before `Phòng` (agency head); both lead",
    ),
    qnr("5", "Tự kiểm tra việc giải quyết thủ tục hành chính của Sở", "Thanh tra Sở", "Quý IV/2025"),
    qnr(
        "6",
        "Đánh giá chất lượng phục vụ người dân, doanh nghiệp trong giải quyết thủ tục hành chính",
        VPS,
        "Hàng tháng",
    ),
    qnr(
        "7",
        "Triển khai chứng thực bản sao điện tử từ bản chính",
        J("Phòng Hành chính tư pháp chủ trì, phối hợp với UBND các huyện, thị xã, thành phố", (PHC,), (UBH,)),
        "6 tháng đầu năm",
    ),
    qnr("8", "Hướng dẫn nghiệp vụ hộ tịch cho công chức tư pháp - hộ tịch cấp xã", PHC, "Quý II, III/2025"),
]

HO_QN = Doc(
    name="quangnam_sotuphap_2025",
    set="heldout",
    left=["UBND TỈNH QUẢNG NAM", "SỞ TƯ PHÁP"],
    number_line="Số: 05/KH-STP",
    place_date="Quảng Nam, ngày 06 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính năm 2025 của Sở Tư pháp"],
    bases=[
        "Căn cứ Kế hoạch số 9876/KH-UBND ngày 26 tháng 12 năm 2024 của UBND tỉnh Quảng Nam về cải cách hành chính "
        "nhà nước năm 2025;",
        "Căn cứ Quyết định số 20/2022/QĐ-UBND ngày 15 tháng 6 năm 2022 của UBND tỉnh quy định vị trí, chức năng, nhiệm "
        "vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp;",
    ],
    body=[
        P("Sở Tư pháp ban hành Kế hoạch cải cách hành chính năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ"),
        H("1. Công tác chỉ đạo, điều hành"),
        P(
            "Quán triệt đến toàn thể công chức, viên chức các nhiệm vụ cải cách hành chính năm 2025; gắn kết quả thực "
            "hiện cải cách hành chính với đánh giá, xếp loại tập thể, cá nhân cuối năm."
        ),
        H("2. Cải cách thể chế"),
        T(QN_COLS, QN_T1, section="2"),
        H("3. Cải cách thủ tục hành chính"),
        T(QN_COLS, QN_T2, section="3"),
        H("III. TỔ CHỨC THỰC HIỆN"),
        P(
            "Các phòng, đơn vị báo cáo kết quả theo Biểu mẫu kèm theo, gửi Văn phòng Sở trước ngày 10 của tháng cuối "
            "quý."
        ),
        ("sign",),
        C("BIỂU MẪU TỔNG HỢP KẾT QUẢ THỰC HIỆN"),
        T(
            [
                ("STT", "stt"),
                ("Nhiệm vụ", "task"),
                ("Trách nhiệm thực hiện", "resp"),
                ("Thời gian hoàn thành", "deadline"),
                ("Kết quả", "outputs"),
                ("Ghi chú", "notes"),
            ],
            [],
            template_rows=["", "", ""],
        ),
    ],
    sign_left=["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."],
    sign=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Lê Thị Minh Thư"],
    meta={
        "title": "Cải cách hành chính năm 2025 của Sở Tư pháp",
        "number": "05/KH-STP",
        "symbol": "KH-STP",
        "issuer": "Sở Tư pháp tỉnh Quảng Nam",
        "province": "Quảng Nam",
        "province_current": "Đà Nẵng",
        "issued_date": "2025-01-06",
        "issued_place": "Quảng Nam",
        "period": [2025, 2025],
        "signer": {"name": "Lê Thị Minh Thư", "title": "PHÓ GIÁM ĐỐC", "on_behalf_of": "KT. GIÁM ĐỐC"},
        "legal_basis": 2,
    },
    notes=[
        "Two small body tables `STT | Nhiệm vụ | Trách nhiệm thực hiện | Thời gian hoàn thành` (9 + 8 rows) under",
        '`2. Cải cách thể chế` and `3. Cải cách thủ tục hành chính` -> sections "2", "3". Heading `1. Công tác chỉ đạo',
        "điều hành` has narrative only (no task lines, no records). `Nhiệm vụ` alone -> task.",
        "`Trách nhiệm thực hiện`: lead only, except cells naming both roles (shape J). Final blank template table",
        "(same vocabulary, three empty rows): no records. Quảng Nam is part of Đà Nẵng since 1 July 2025.",
    ],
)

# =====================================================================================================================
# HELDOUT 5. UBND tỉnh Sóc Trăng: one body table per area with `(1) (2) …` rows, `Cơ quan chủ trì tham mưu`, extra.
# =====================================================================================================================

DVBC = "Đơn vị báo cáo"
ST_COLS = [
    ("TT", "stt"),
    ("Nội dung công việc", "activity"),
    ("Cơ quan chủ trì tham mưu", "lead"),
    ("Cơ quan/Đơn vị phối hợp", "partners"),
    ("Tiến độ", "deadline"),
    ("Kết quả", "outputs"),
    (DVBC, "extra"),
]


def st(stt, act, lead, part, dl, out, rep="", **kw) -> R:
    return R(stt, {"activity": act, "lead": lead, "partners": part, "deadline": dl, "outputs": out, DVBC: rep}, **kw)


STP = "Sở Tư pháp"
STT_ = "Sở Thông tin và Truyền thông"
ST_T1 = [
    st(
        "1",
        "Xây dựng, ban hành văn bản quy phạm pháp luật theo Chương trình năm 2025",
        "Các sở, ban, ngành được giao chủ trì soạn thảo",
        [STP, VP],
        "Năm 2025",
        ["Nghị quyết", "Quyết định"],
        STP,
    ),
    st(
        "2",
        "Rà soát văn bản quy phạm pháp luật theo chuyên đề, lĩnh vực",
        STP,
        SBN,
        "Quý III/2025",
        "Báo cáo kết quả rà soát",
        STP,
    ),
    st(
        "3",
        "Kiểm tra công tác xây dựng và thi hành pháp luật tại các huyện, thị xã, thành phố",
        STP,
        UBH,
        "Quý II, III/2025",
        "Kết luận kiểm tra",
    ),
    st(
        "4",
        "Phổ biến, giáo dục pháp luật cho cán bộ, công chức và Nhân dân",
        STP,
        A(
            "Sở Thông tin và Truyền thông, Đài Phát thanh và Truyền hình Sóc Trăng, Báo Sóc Trăng",
            (STT_, "Đài Phát thanh và Truyền hình Sóc Trăng", "Báo Sóc Trăng"),
        ),
        "Thường xuyên",
        ["Tin, bài", "Hội nghị phổ biến pháp luật"],
        STP,
    ),
]
ST_T2 = [
    st(
        "1",
        "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp",
        VP,
        SBN,
        "Khi có quyết định công bố của Bộ, ngành",
        "Quyết định của Chủ tịch UBND tỉnh",
        VP,
    ),
    st(
        "2",
        "Thực hiện cắt giảm thời gian giải quyết thủ tục hành chính",
        A("Các sở, ban, ngành; UBND cấp huyện", (SBN, "UBND cấp huyện")),
        VP,
        "Quý I/2025",
        "Quyết định phê duyệt phương án",
        VP,
    ),
    st("3", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", VP, "", "Thường xuyên", "Báo cáo"),
    st(
        "4",
        "Vận hành Trung tâm Phục vụ hành chính công tỉnh",
        VP,
        A("Sở Thông tin và Truyền thông;\nBưu điện tỉnh", (STT_, "Bưu điện tỉnh")),
        "Cả năm",
        "Báo cáo kết quả hoạt động",
        VP,
    ),
]
ST_T3 = [
    st(
        "1",
        "Sắp xếp các cơ quan chuyên môn thuộc UBND tỉnh",
        SNV,
        SBN,
        "Quý I/2025",
        ["Nghị quyết của HĐND tỉnh", "Quyết định của UBND tỉnh"],
        SNV,
    ),
    st(
        "2",
        "Kiện toàn tổ chức bên trong các cơ quan chuyên môn sau sắp xếp",
        SBN,
        SNV,
        "Quý II/2025",
        "Quyết định",
        SNV,
    ),
    st(
        "3",
        "Thực hiện tinh giản biên chế theo quy định",
        SNV,
        ["Sở Tài chính", "Bảo hiểm xã hội tỉnh"],
        "6 tháng đầu năm",
        "Quyết định tinh giản biên chế",
    ),
]
ST_T4 = [
    st(
        "1",
        "Tuyển dụng công chức năm 2025",
        SNV,
        "Các cơ quan, đơn vị có nhu cầu tuyển dụng",
        "Quý III/2025",
        "Kết quả tuyển dụng",
        SNV,
    ),
    st("2", "Bồi dưỡng kỹ năng số cho cán bộ, công chức", SNV, STT_, "Quý IV/2025", "Lớp bồi dưỡng"),
    st("3", "Kiểm tra công vụ đột xuất", SNV, "Thanh tra tỉnh", "Hàng quý", "Thông báo kết quả kiểm tra", SNV),
]
ST_T5 = [
    st(
        "1",
        "Vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
        VP,
        STT_,
        "Thường xuyên",
        "Hệ thống vận hành ổn định",
        VP,
    ),
    st("2", "Xây dựng Kho dữ liệu dùng chung của tỉnh", STT_, SBN, "Quý IV/2025 - Quý I/2026", "Kho dữ liệu", STT_),
    st(
        "3",
        "Triển khai chữ ký số cho cán bộ, công chức cấp xã",
        STT_,
        "UBND cấp huyện, cấp xã",
        "Trước ngày 30/6/2025",
        "Chứng thư số được cấp",
    ),
    st(
        "4",
        "Phát triển hạ tầng số phục vụ chính quyền số",
        STT_,
        ["Viễn thông Sóc Trăng", "Viettel Sóc Trăng"],
        "Năm 2025",
        "Hạ tầng được nâng cấp",
    ),
]

HO_ST = Doc(
    name="soctrang_ubnd_2025",
    set="heldout",
    left=["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG"],
    number_line="Số: 14/KH-UBND",
    place_date="Sóc Trăng, ngày 16 tháng 01 năm 2025",
    title=["KẾ HOẠCH", "Cải cách hành chính nhà nước tỉnh Sóc Trăng năm 2025"],
    bases=BASES_PROVINCE,
    body=[
        P("UBND tỉnh Sóc Trăng ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 như sau:"),
        *PURPOSE,
        H("II. NHIỆM VỤ, GIẢI PHÁP"),
        H("1. Cải cách thể chế"),
        T(ST_COLS, ST_T1, colnums="paren", section="1"),
        H("2. Cải cách thủ tục hành chính"),
        T(ST_COLS, ST_T2, colnums="paren", section="2"),
        H("3. Cải cách tổ chức bộ máy hành chính nhà nước"),
        T(ST_COLS, ST_T3, colnums="paren", section="3"),
        H("4. Cải cách chế độ công vụ"),
        T(ST_COLS, ST_T4, colnums="paren", section="4"),
        H("5. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
        T(ST_COLS, ST_T5, colnums="paren", section="5"),
        H("III. TỔ CHỨC THỰC HIỆN"),
        P("Các cơ quan được giao chủ trì tham mưu tổ chức thực hiện; đơn vị báo cáo gửi kết quả về Sở Nội vụ."),
        ("sign",),
    ],
    sign_left=["Nơi nhận:", "- Bộ Nội vụ;", "- TT. Tỉnh ủy;", "- Các sở, ban, ngành;", "- Lưu: VT, NC."],
    sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Văn Lâu"],
    meta={
        "title": "Cải cách hành chính nhà nước tỉnh Sóc Trăng năm 2025",
        "number": "14/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": "UBND tỉnh Sóc Trăng",
        "province": "Sóc Trăng",
        "province_current": "Cần Thơ",
        "issued_date": "2025-01-16",
        "issued_place": "Sóc Trăng",
        "period": [2025, 2025],
        "signer": {"name": "Trần Văn Lâu", "title": "CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN"},
        "legal_basis": 2,
    },
    notes=[
        "One body table per CCHC area under headings `1.` .. `5.` (no section rows) -> section = heading number.",
        "Each table has a column-number row `(1) … (7)` under its header (not a record). `Nội dung công việc` alone ->",
        "activity. Lead header `Cơ quan chủ trì tham mưu`, partners `Cơ quan/Đơn vị phối hợp`, deadline `Tiến độ`,",
        "outputs `Kết quả`; `Đơn vị báo cáo` has no role -> extra. Sóc Trăng is part of Cần Thơ since 1 July 2025.",
    ],
)

DOCS: list[Doc] = [DEV_QT, DEV_NA, DEV_HK, DEV_BTP, DEV_PY, HO_VPC, HO_DT, HO_BH, HO_QN, HO_ST]


# ---------------------------------------------------------------------------------------------------------------------
# DOCX writing.
# ---------------------------------------------------------------------------------------------------------------------


def printed(value: Cell) -> str:
    """The text a cell shows."""
    if value is None:
        return ""
    if isinstance(value, (A, J)):
        return value.printed
    if isinstance(value, list):
        return "; ".join(value)
    return value


def _font(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "Times New Roman")


def _para(container, text: str, bold: bool = False, center: bool = False, italic: bool = False):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _set_cell(cell, text: str, bold: bool = False, center: bool = False) -> None:
    """Fill a cell; `\n` becomes a line break inside one paragraph (as typed with Shift+Enter)."""
    p = cell.paragraphs[0]
    if text:
        run = p.add_run(text)
        run.bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _mark_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def _header_block(doc, d: Doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    lines = [*d.left, "", d.number_line]
    for i, line in enumerate(lines):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        if line:
            run = p.add_run(line)
            run.bold = line != d.number_line
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rlines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", d.place_date]
    for i, line in enumerate(rlines):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        if line:
            run = p.add_run(line)
            run.bold = i < 2
            run.italic = i == 3
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _sign_block(doc, d: Doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for i, line in enumerate(d.sign_left):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        run = p.add_run(line)
        run.bold = i == 0
        run.italic = i == 0
    for i, line in enumerate([*d.sign, ""]):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        if line:
            p.add_run(line).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _section_cells(s: S, ncols: int, content_col: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Cells and horizontal merges (first, last col) of a section row."""
    cells = [""] * ncols
    if s.style == "whole":
        cells[0] = f"{s.num}. {s.title}" if s.num else s.title
        return cells, [(0, ncols - 1)]
    if s.style == "merged":
        cells[0] = s.num or ""
        cells[1] = s.title
        return cells, [(1, ncols - 1)]
    if s.style == "split":
        cells[0] = s.num or ""
        cells[1] = s.title
        return cells, []
    cells[content_col] = s.title  # "cell": title alone in the content cell, the other cells empty
    return cells, []


def _write_table(doc, t: T) -> None:
    ncols = len(t.cols)
    grid: list[list[str]] = []
    hmerges: list[tuple[int, int, int]] = []  # row, first col, last col
    vmerges: list[tuple[int, int, int]] = []  # col, first row, last row
    header_idx: list[int] = []
    bold_rows: set[int] = set()

    def add_header(first: bool) -> None:
        if t.group:
            g0, g1, gtext = t.group
            top = [h if not (g0 <= i <= g1) else "" for i, (h, _r) in enumerate(t.cols)]
            top[g0] = gtext
            bottom = [h if g0 <= i <= g1 else "" for i, (h, _r) in enumerate(t.cols)]
            r0 = len(grid)
            grid.append(top)
            grid.append(bottom)
            hmerges.append((r0, g0, g1))
            for i in range(ncols):
                if not (g0 <= i <= g1):
                    vmerges.append((i, r0, r0 + 1))
            bold_rows.update({r0, r0 + 1})
            if first:
                header_idx.extend([r0, r0 + 1])
        else:
            bold_rows.add(len(grid))
            if first:
                header_idx.append(len(grid))
            grid.append([h for h, _r in t.cols])
        if t.colnums and (first or t.repeat_colnums):
            nums = [f"({i + 1})" if t.colnums == "paren" else str(i + 1) for i in range(ncols)]
            grid.append(nums)

    add_header(True)
    roles = [r for _h, r in t.cols]
    keys = [h if r == "extra" else r for h, r in t.cols]
    content_col = next(i for i, r in enumerate(roles) if r in ("task", "activity"))
    open_merge: dict[int, int] = {}  # col -> first row of a running vertical merge
    for idx, row in enumerate(t.rows):
        if idx in t.repeat_at:
            add_header(False)
        r = len(grid)
        if isinstance(row, S):
            cells, merges = _section_cells(row, ncols, content_col)
            grid.append(cells)
            bold_rows.add(r)
            for a, b in merges:
                hmerges.append((r, a, b))
            continue
        cells = []
        for key, role in zip(keys, roles, strict=False):
            if role == "stt":
                cells.append(row.stt or "")
            else:
                cells.append(printed(row.cells.get(key)))
        if row.span_lp is not None:
            li, pi = roles.index("lead"), roles.index("partners")
            cells[li] = row.span_lp
            cells[pi] = ""
            hmerges.append((r, li, pi))
        grid.append(cells)
        for i, role in enumerate(roles):
            if role in row.merge_up:
                open_merge.setdefault(i, r - 1)
                vmerges.append((i, open_merge[i], r))
            else:
                open_merge.pop(i, None)
    for stt in t.template_rows or []:
        grid.append([stt] + [""] * (ncols - 1))

    table = doc.add_table(rows=len(grid), cols=ncols)
    table.style = "Table Grid"
    for ri, cells in enumerate(grid):
        for ci, text in enumerate(cells):
            _set_cell(table.cell(ri, ci), text, bold=ri in bold_rows, center=ri in bold_rows or ci == 0)
    for ri in header_idx:
        _mark_header(table.rows[ri])
    for ri, a, b in hmerges:
        table.cell(ri, a).merge(table.cell(ri, b))
    # vertical merges: keep the longest span per (col, first row)
    spans: dict[tuple[int, int], int] = {}
    for col, r0, r1 in vmerges:
        spans[(col, r0)] = max(spans.get((col, r0), r1), r1)
    for (col, r0), r1 in sorted(spans.items()):
        table.cell(r0, col).merge(table.cell(r1, col))


def _landscape(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width, section.page_height
    if width < height:
        section.page_width, section.page_height = height, width


def _write_group(doc, g: LG) -> None:
    for it in g.items:
        prefix = f"{it.marker} " if it.marker else ""
        _para(doc, prefix + it.text)
        for b in it.bullets:
            _para(doc, f"{it.bullet} {b}")
    for label, _role, value in g.close.lines:
        _para(doc, f"{g.close.prefix}{label}: {printed(value)}{g.close.end}")


def build(d: Doc) -> bytes:
    doc = Document()
    _font(doc)
    _header_block(doc, d)
    _para(doc, "")
    _para(doc, d.title[0], bold=True, center=True)
    for line in d.title[1:]:
        _para(doc, line, bold=True, center=True)
    _para(doc, "")
    for basis in d.bases:
        _para(doc, basis, italic=True)
    for block in d.body:
        if isinstance(block, T):
            _write_table(doc, block)
            _para(doc, "")
        elif isinstance(block, LG):
            _write_group(doc, block)
        elif block[0] == "h":
            _para(doc, block[1], bold=True)
        elif block[0] == "p":
            _para(doc, block[1])
        elif block[0] == "c":
            _para(doc, block[1], bold=block[2], center=True, italic=not block[2])
        elif block[0] == "sign":
            _sign_block(doc, d)
        elif block[0] == "landscape":
            _landscape(doc)
    props = doc.core_properties
    props.author = "handmade"
    props.last_modified_by = "handmade"
    props.title = " ".join(d.title)
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member timestamps so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    for d in DOCS:
        folder = HERE / d.set
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{d.name}.docx").write_bytes(build(d))
        print(f"{d.set}/{d.name}.docx")


if __name__ == "__main__":
    main()
