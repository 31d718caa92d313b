#!/usr/bin/env python3
"""Scan bench: CCHC plan tables rendered and "scanned" here, scored against what was composed.

    python samples/scanbench/make_scanbench.py [--out out/scanbench] [--only NAME ...] [--jobs N] [--check]
    (`make scanbench`; samples/scanbench/README.md)

Why: the project's own scanned samples are rendered from the same expected outputs the
parser is tested on; this bench is drawn independently. Every document is composed from
text written in this file (activities, agencies, deadlines, header wordings — never from
samples/ or a parse), laid out with Pillow's ImageDraw in a randomised face and size, then
degraded like a scanner or copier would and saved as an image-only or a searchable PDF
(tesseract's `pdf` output, pages merged with pypdfium2). The expectation TOML of each
document (samples/expected/README.md format) is written from the composed content, so it
is right by construction. Everything is drawn from SEED: the same run gives the same
documents and byte-identical TOML files (searchable PDFs carry tesseract's own timestamp).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = 20251127
N_DOCUMENTS = 40
RENDER_DPI = 300  # the "paper" is drawn at 300 dpi, then scanned at the document's dpi
A4_MM = (210.0, 297.0)
CONDITIONS = ("clean300", "grey200", "rough150", "searchable", "bwcopy")
CONDITION_NOTES = {
    "clean300": "clean 300 dpi",
    "grey200": "200 dpi greyscale",
    "rough150": "150 dpi rough copy (uneven light, heavy grain, JPEG q30-45, 1-1.8° skew)",
    "searchable": "searchable PDF (page image + tesseract text layer)",
    "bwcopy": "black-and-white copier (threshold)",
}
PDF_DATE = time.gmtime(1735689600)  # fixed /CreationDate: image-only PDFs are byte-identical run to run

# --- fonts ------------------------------------------------------------------------------------------------------------

FONT_DIRS = ("/usr/share/fonts/truetype", "/usr/share/fonts/TTF", "/usr/local/share/fonts")
# family -> (regular, bold, italic); Liberation only from liberation2 (1.07 has no Vietnamese glyphs)
FAMILIES: dict[str, tuple[str, str, str]] = {
    "Liberation Serif": (
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
        "liberation2/LiberationSerif-Italic.ttf",
    ),
    "Liberation Sans": (
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
        "liberation2/LiberationSans-Italic.ttf",
    ),
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf", "freefont/FreeSerifItalic.ttf"),  # Times-like
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf", "freefont/FreeSansOblique.ttf"),  # Arial-like
}
FONT_PACKAGES = "fonts-liberation2 fonts-dejavu-core fonts-freefont-ttf"


class FontMissing(RuntimeError):
    """A face the bench draws from is not installed."""


def font_path(rel: str) -> str:
    for base in FONT_DIRS:
        p = Path(base) / rel
        if p.is_file():
            return str(p)
    raise FontMissing(
        f"make_scanbench: thiếu phông chữ {rel}; cài các gói {FONT_PACKAGES} "
        "(sh scripts/install_sysdeps.sh, quyền root)"
    )


def missing_fonts() -> list[str]:
    """Font files the bench needs that are not installed (empty when everything is there)."""
    out = []
    for files in FAMILIES.values():
        for rel in files:
            try:
                font_path(rel)
            except FontMissing:
                out.append(rel)
    return out


_FONT_CACHE: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def load_font(family: str, style: int, px: int) -> ImageFont.FreeTypeFont:
    """style 0 regular, 1 bold, 2 italic; BASIC layout so the rendering does not depend on libraqm."""
    path = font_path(FAMILIES[family][style])
    key = (path, px)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(path, px, layout_engine=ImageFont.Layout.BASIC)
    return _FONT_CACHE[key]


def pt_px(pt: float) -> int:
    return round(pt * RENDER_DPI / 72)


def mm_px(mm: float) -> int:
    return round(mm * RENDER_DPI / 25.4)


# --- composed content (written for this bench) -----------------------------------------------------------------------

# province as printed -> the unit it belongs to since 1 July 2025 (Nghị quyết 202/2025/QH15)
PROVINCES = {
    "Nghệ An": "Nghệ An",
    "Hà Tĩnh": "Hà Tĩnh",
    "Thanh Hóa": "Thanh Hóa",
    "Quảng Ninh": "Quảng Ninh",
    "Lạng Sơn": "Lạng Sơn",
    "Cao Bằng": "Cao Bằng",
    "Sơn La": "Sơn La",
    "Điện Biên": "Điện Biên",
    "Lai Châu": "Lai Châu",
    "Bắc Giang": "Bắc Ninh",
    "Yên Bái": "Lào Cai",
    "Hà Giang": "Tuyên Quang",
    "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ",
    "Bắc Kạn": "Thái Nguyên",
    "Thái Bình": "Hưng Yên",
    "Nam Định": "Ninh Bình",
    "Hà Nam": "Ninh Bình",
    "Quảng Bình": "Quảng Trị",
    "Kon Tum": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Phú Yên": "Đắk Lắk",
    "Ninh Thuận": "Khánh Hòa",
    "Bình Thuận": "Lâm Đồng",
    "Đắk Nông": "Lâm Đồng",
    "Long An": "Tây Ninh",
    "Tiền Giang": "Đồng Tháp",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Kiên Giang": "An Giang",
    "Bạc Liêu": "Cà Mau",
    "Bình Phước": "Đồng Nai",
}
SIGNER_NAMES = (
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Quang Minh",
    "Phạm Đức Thắng",
    "Hoàng Thị Mai",
    "Võ Văn Tâm",
    "Đặng Minh Khoa",
    "Bùi Thanh Sơn",
    "Đỗ Thị Hương",
    "Ngô Văn Bình",
    "Phan Thị Thu Hà",
    "Trịnh Xuân Trường",
)

# area key -> (section title, [(activity, [outputs], [lead candidates])])
AREAS: dict[str, tuple[str, list[tuple[str, list[str], list[str]]]]] = {
    "chi_dao": (
        "Công tác chỉ đạo, điều hành",
        [
            (
                "Xây dựng, ban hành Kế hoạch cải cách hành chính năm {Y} của tỉnh",
                ["Kế hoạch của UBND tỉnh"],
                ["Sở Nội vụ"],
            ),
            (
                "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị",
                ["Báo cáo kết quả kiểm tra"],
                ["Sở Nội vụ"],
            ),
            (
                "Tuyên truyền về cải cách hành chính trên các phương tiện thông tin đại chúng",
                ["Chuyên trang, chuyên mục tuyên truyền"],
                ["Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh và Truyền hình tỉnh"],
            ),
            (
                "Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
                ["Báo cáo kết quả khảo sát"],
                ["Sở Nội vụ"],
            ),
            (
                "Xác định Chỉ số cải cách hành chính của các sở, ban, ngành và UBND cấp huyện",
                ["Quyết định công bố Chỉ số cải cách hành chính"],
                ["Sở Nội vụ"],
            ),
            (
                "Tổng hợp, báo cáo định kỳ kết quả thực hiện nhiệm vụ cải cách hành chính",
                ["Báo cáo quý", "Báo cáo 6 tháng", "Báo cáo năm"],
                ["Sở Nội vụ"],
            ),
        ],
    ),
    "the_che": (
        "Cải cách thể chế",
        [
            (
                "Xây dựng Chương trình ban hành văn bản quy phạm pháp luật của tỉnh năm {Y}",
                ["Quyết định phê duyệt Chương trình"],
                ["Sở Tư pháp"],
            ),
            (
                "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
                ["Báo cáo kết quả rà soát"],
                ["Sở Tư pháp"],
            ),
            (
                "Kiểm tra việc thi hành pháp luật về xử lý vi phạm hành chính",
                ["Kết luận kiểm tra"],
                ["Sở Tư pháp"],
            ),
            (
                "Theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm của tỉnh",
                ["Báo cáo theo dõi thi hành pháp luật"],
                ["Sở Tư pháp"],
            ),
            (
                "Lấy ý kiến đối tượng chịu sự tác động của dự thảo văn bản quy phạm pháp luật",
                ["Văn bản tổng hợp ý kiến"],
                ["Các cơ quan chủ trì soạn thảo"],
            ),
        ],
    ),
    "tthc": (
        "Cải cách thủ tục hành chính",
        [
            (
                "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh",
                ["Quyết định thông qua phương án đơn giản hóa"],
                ["Văn phòng UBND tỉnh"],
            ),
            (
                "Công bố danh mục thủ tục hành chính được sửa đổi, bổ sung, bãi bỏ",
                ["Quyết định công bố của Chủ tịch UBND tỉnh"],
                ["Văn phòng UBND tỉnh"],
            ),
            (
                "Tiếp nhận, giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh",
                ["Hồ sơ được giải quyết đúng hạn"],
                ["Trung tâm Phục vụ hành chính công tỉnh"],
            ),
            (
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                ["Kho dữ liệu hồ sơ số hóa"],
                ["Trung tâm Phục vụ hành chính công tỉnh"],
            ),
            (
                "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
                ["Báo cáo kết quả xử lý phản ánh, kiến nghị"],
                ["Văn phòng UBND tỉnh"],
            ),
        ],
    ),
    "bo_may": (
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        [
            (
                "Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh",
                ["Đề án sắp xếp tổ chức bộ máy"],
                ["Sở Nội vụ"],
            ),
            (
                "Quản lý, sử dụng biên chế công chức và số lượng người làm việc được giao",
                ["Quyết định giao biên chế"],
                ["Sở Nội vụ"],
            ),
            (
                "Kiện toàn tổ chức các đơn vị sự nghiệp công lập thuộc tỉnh",
                ["Quyết định kiện toàn tổ chức"],
                ["Sở Nội vụ"],
            ),
            (
                "Thực hiện phân cấp, ủy quyền trong quản lý nhà nước giữa các cấp chính quyền",
                ["Quyết định phân cấp, ủy quyền"],
                ["Sở Nội vụ", "Sở Tư pháp"],
            ),
        ],
    ),
    "cong_vu": (
        "Cải cách chế độ công vụ",
        [
            (
                "Xây dựng, cập nhật vị trí việc làm trong các cơ quan, tổ chức hành chính",
                ["Danh mục vị trí việc làm được phê duyệt"],
                ["Sở Nội vụ"],
            ),
            (
                "Bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức, viên chức",
                ["Lớp bồi dưỡng", "Báo cáo kết quả bồi dưỡng"],
                ["Sở Nội vụ"],
            ),
            (
                "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {Y}",
                ["Kết quả đánh giá, xếp loại"],
                ["Các cơ quan, đơn vị"],
            ),
            (
                "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị",
                ["Thông báo kết quả kiểm tra công vụ"],
                ["Sở Nội vụ"],
            ),
        ],
    ),
    "tai_chinh": (
        "Cải cách tài chính công",
        [
            (
                "Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập",
                ["Quyết định giao quyền tự chủ"],
                ["Sở Tài chính"],
            ),
            (
                "Công khai dự toán, quyết toán ngân sách nhà nước theo quy định",
                ["Báo cáo công khai ngân sách"],
                ["Sở Tài chính"],
            ),
            (
                "Rà soát, sắp xếp lại, xử lý tài sản công tại các cơ quan, đơn vị",
                ["Phương án sắp xếp tài sản công"],
                ["Sở Tài chính"],
            ),
            (
                "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {Y}",
                ["Báo cáo tiến độ giải ngân"],
                ["Sở Tài chính", "Kho bạc Nhà nước tỉnh"],
            ),
        ],
    ),
    "cq_so": (
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        [
            (
                "Vận hành Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
                ["Hệ thống vận hành ổn định, thông suốt"],
                ["Sở Khoa học và Công nghệ"],
            ),
            (
                "Cung cấp dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia",
                ["Danh mục dịch vụ công trực tuyến"],
                ["Văn phòng UBND tỉnh"],
            ),
            (
                "Triển khai nền tảng tích hợp, chia sẻ dữ liệu của tỉnh",
                ["Nền tảng tích hợp, chia sẻ dữ liệu"],
                ["Sở Khoa học và Công nghệ"],
            ),
            (
                "Bảo đảm an toàn thông tin mạng cho các hệ thống thông tin dùng chung",
                ["Báo cáo đánh giá an toàn thông tin"],
                ["Sở Khoa học và Công nghệ", "Công an tỉnh"],
            ),
            (
                "Thực hiện thanh toán trực tuyến phí, lệ phí trong giải quyết thủ tục hành chính",
                ["Báo cáo tỷ lệ hồ sơ thanh toán trực tuyến"],
                ["Trung tâm Phục vụ hành chính công tỉnh"],
            ),
        ],
    ),
}
AREA_ORDER = ("chi_dao", "the_che", "tthc", "bo_may", "cong_vu", "tai_chinh", "cq_so")
PARTNER_AGENCIES = (
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Văn phòng UBND tỉnh",
    "Sở Khoa học và Công nghệ",
    "Công an tỉnh",
    "Thanh tra tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh",
)
PARTNER_GROUPS = (
    "Các sở, ban, ngành",
    "UBND các huyện, thị xã, thành phố",
    "Các cơ quan, đơn vị liên quan",
    "UBND cấp huyện",
    "Các cơ quan báo chí",
)
AGENCY_HEADS = ("Sở ", "UBND ", "Văn phòng ", "Công an ", "Kho bạc ", "Trung tâm ")  # heads SPEC §1 splits before
NOTES = ("Báo cáo định kỳ", "Lồng ghép với nhiệm vụ chuyên môn", "Theo chỉ đạo của UBND tỉnh")

# header wordings per role (composed for the bench; a column is titled with one of them)
HEADERS = {
    "stt": ("STT", "TT", "Số TT"),
    "task": ("Nhiệm vụ", "Tên nhiệm vụ", "Nhiệm vụ cụ thể"),
    "activity": ("Nội dung công việc", "Nội dung thực hiện", "Hoạt động", "Nội dung"),
    "outputs": ("Kết quả đầu ra", "Sản phẩm", "Sản phẩm đầu ra", "Kết quả", "Hình thức sản phẩm"),
    "lead": ("Chủ trì thực hiện", "Cơ quan chủ trì", "Đơn vị chủ trì", "Cơ quan chủ trì thực hiện"),
    "partners": ("Phối hợp thực hiện", "Cơ quan phối hợp", "Đơn vị phối hợp"),
    "deadline": ("Thời gian thực hiện", "Thời gian hoàn thành", "Thời hạn hoàn thành", "Tiến độ thực hiện"),
    "budget": ("Kinh phí (triệu đồng)", "Dự toán kinh phí (triệu đồng)"),
    "notes": ("Ghi chú",),
}
WIDTHS = {  # relative column widths (jittered per document)
    "stt": 0.05,
    "content": 0.33,
    "outputs": 0.15,
    "lead": 0.14,
    "partners": 0.17,
    "deadline": 0.11,
    "budget": 0.08,
    "notes": 0.09,
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
QUARTERS = ("I", "II", "III", "IV")
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def month_end(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else MONTH_DAYS[month - 1]


def compose_deadline(rng: random.Random, y: int) -> dict[str, Any]:
    """A deadline phrase and what it means (SPEC §2 Deadline): text, kind, start, end (, recurrence)."""
    kind = rng.choices(("quarter", "date", "month", "year", "recurring", "half_year", "range"), (5, 4, 3, 2, 3, 1, 1))[
        0
    ]
    year_span = {"start": f"{y}-01-01", "end": f"{y}-12-31"}
    if kind == "quarter":
        q = rng.randrange(4)
        text = rng.choice((f"Quý {QUARTERS[q]}/{y}", f"Quý {QUARTERS[q]} năm {y}"))
        m0 = 3 * q + 1
        return {
            "text": text,
            "kind": "quarter",
            "start": f"{y}-{m0:02d}-01",
            "end": f"{y}-{m0 + 2:02d}-{month_end(y, m0 + 2):02d}",
        }
    if kind == "date":
        m = rng.randint(3, 12)
        d = rng.choice((15, 20, 25, 30, month_end(y, m)))
        d = min(d, month_end(y, m))
        ds = rng.choice((f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}"))
        return {"text": f"Trước ngày {ds}", "kind": "date", "end": f"{y}-{m:02d}-{d:02d}"}
    if kind == "month":
        m = rng.randint(1, 12)
        ms = rng.choice((f"{m}", f"{m:02d}"))
        return {
            "text": f"Tháng {ms}/{y}",
            "kind": "month",
            "start": f"{y}-{m:02d}-01",
            "end": f"{y}-{m:02d}-{month_end(y, m):02d}",
        }
    if kind == "year":
        return {"text": rng.choice((f"Năm {y}", f"Cả năm {y}")), "kind": "year", **year_span}
    if kind == "recurring":
        text, rec = rng.choice((("Thường xuyên", "continuous"), ("Hàng quý", "quarterly"), ("Hàng tháng", "monthly")))
        return {"text": text, "kind": "recurring", **year_span, "recurrence": rec}
    if kind == "half_year":
        first = rng.random() < 0.5
        return {
            "text": f"6 tháng {'đầu' if first else 'cuối'} năm {y}",
            "kind": "half_year",
            "start": f"{y}-{'01' if first else '07'}-01",
            "end": f"{y}-{'06-30' if first else '12-31'}",
        }
    q = rng.randrange(3)
    m0, m1 = 3 * q + 1, 3 * q + 6
    return {
        "text": f"Quý {QUARTERS[q]} - Quý {QUARTERS[q + 1]}/{y}",
        "kind": "range",
        "start": f"{y}-{m0:02d}-01",
        "end": f"{y}-{m1:02d}-{month_end(y, m1):02d}",
    }


@dataclass
class Row:
    """One activity row as composed: what the cells print and what the record must be."""

    section: str
    stt: str | None
    content: str
    outputs: list[str]
    outputs_sep: str
    lead: list[str]
    partners: list[str]
    partners_sep: str
    deadline: dict[str, Any] | None  # None: the table prints no deadline column
    budget: tuple[str, float | None] | None = None
    notes: str | None = None

    def cell(self, role: str) -> str:
        if role == "stt":
            return self.stt or ""
        if role == "content":
            return self.content
        if role == "outputs":
            return self.outputs_sep.join(self.outputs)
        if role == "lead":
            return "; ".join(self.lead)
        if role == "partners":
            return self.partners_sep.join(self.partners)
        if role == "deadline":
            return self.deadline["text"] if self.deadline else ""
        if role == "budget":
            return self.budget[0] if self.budget else ""
        if role == "notes":
            return self.notes or ""
        raise KeyError(role)


@dataclass
class Section:
    number: str
    title: str  # as printed (case applied)
    rows: list[Row] = field(default_factory=list)


@dataclass
class Layout:
    """How the document looks: face, sizes, columns, section-row style."""

    family: str
    body_pt: float
    table_pt: float
    line_spacing: float
    roles: list[str]  # column order, "content" for the task/activity column
    headers: list[str]
    widths: list[float]  # fractions of the table width
    content_role: str  # task | activity
    header_bold: bool
    header_shade: bool
    colnums: str  # "" | "paren" | "plain"
    section_style: str  # inline | stt_merged | stt_unmerged
    section_bold: bool
    section_upper: bool
    repeat_header: bool
    split_rows: bool
    valign_middle: bool
    rule_px: int
    ink: int
    bases_italic: bool
    omitted: tuple[str, ...] = ()  # columns the table leaves out (Spec.omit)


@dataclass
class ScanParams:
    dpi: int
    skew: float  # degrees, counter-clockwise positive
    blur: float  # Gaussian radius in scan pixels
    grain: float  # noise standard deviation (grey levels)
    light: float  # 0 = even; 0.3 = parts of the page at 70 % brightness
    mode: str  # rgb | grey | bw
    threshold: int  # bw only
    quality: int  # JPEG quality (rgb / grey)
    searchable: bool


@dataclass
class Doc:
    name: str
    index: int
    condition: str
    split: str  # dev | heldout
    meta: dict[str, Any]
    body: dict[str, Any] | None  # lines of the body page; None: table pages only
    sections: list[Section]
    layout: Layout
    scan: ScanParams
    seed: int = SEED

    @property
    def set_name(self) -> str:
        return f"scans-{self.condition}-{self.split}"

    @property
    def source(self) -> str:
        return f"out/scanbench/{self.split}/{self.name}.pdf"

    @property
    def records(self) -> list[Row]:
        return [r for s in self.sections for r in s.rows]


def compose_rows(
    rng: random.Random, y: int, n_sections: int, per_section: tuple[int, int]
) -> tuple[list[Section], bool, bool]:
    """Sections and rows; also whether the table has a budget and a notes column."""
    areas = sorted(rng.sample(AREA_ORDER, n_sections), key=AREA_ORDER.index)
    restart = rng.random() < 0.35  # STT restarts in every section
    budget_col = rng.random() < 0.35
    notes_col = rng.random() < 0.25
    sections = []
    n = 0
    for k, area in enumerate(areas):
        title, pool = AREAS[area]
        sec = Section(ROMAN[k], title)
        for j, (act, outs, leads) in enumerate(rng.sample(pool, min(len(pool), rng.randint(*per_section)))):
            n += 1
            lead = [rng.choice(leads)]
            if rng.random() < 0.12:
                lead.append(rng.choice([a for a in PARTNER_AGENCIES if a != lead[0]]))
            others = [a for a in PARTNER_AGENCIES if a not in lead]
            partners = rng.sample(others, rng.randint(0, 2))
            if rng.random() < 0.6 or not partners:
                partners.append(rng.choice(PARTNER_GROUPS))
            # `, ` only where SPEC §1 splits at it: every later item starts with an agency head
            comma_ok = all(p.startswith(AGENCY_HEADS) for p in partners[1:]) and not any(
                p in PARTNER_GROUPS for p in partners
            )
            sep = ", " if comma_ok and rng.random() < 0.5 else "; "
            budget = None
            if budget_col and rng.random() < 0.7:
                budget = rng.choice(
                    [(str(v), float(v)) for v in (30, 50, 80, 100, 120, 150, 200, 350)]
                    + [("Trong dự toán được giao", None)]
                )
            notes = rng.choice(NOTES) if notes_col and rng.random() < 0.3 else None
            outputs = rng.sample(outs, rng.randint(1, min(2, len(outs))))
            sec.rows.append(
                Row(
                    section=sec.number,
                    stt=str(j + 1 if restart else n),
                    content=act.format(Y=y),
                    outputs=outputs,
                    outputs_sep="; ",
                    lead=lead,
                    partners=partners,
                    partners_sep=sep,
                    deadline=compose_deadline(rng, y),
                    budget=budget,
                    notes=notes,
                )
            )
        sections.append(sec)
    return sections, budget_col, notes_col


def compose_layout(rng: random.Random, budget_col: bool, notes_col: bool) -> Layout:
    family = rng.choice(sorted(FAMILIES))
    middle = ["outputs", "lead", "partners", "deadline"]
    order = rng.choice(
        (
            ["outputs", "lead", "partners", "deadline"],
            ["lead", "partners", "deadline", "outputs"],
            ["deadline", "lead", "partners", "outputs"],
            ["outputs", "deadline", "lead", "partners"],
            rng.sample(middle, len(middle)),
        )
    )
    if order.index("partners") < order.index("lead") and rng.random() < 0.7:  # lead before partners, mostly
        i, j = order.index("lead"), order.index("partners")
        order[i], order[j] = order[j], order[i]
    roles = ["stt", "content", *order]
    if budget_col:
        roles.append("budget")
    if notes_col:
        roles.append("notes")
    content_role = rng.choice(("task", "activity"))
    headers = [rng.choice(HEADERS[content_role if r == "content" else r]) for r in roles]
    raw = [WIDTHS[r] * rng.uniform(0.85, 1.2) for r in roles]
    total = sum(raw)
    return Layout(
        family=family,
        body_pt=rng.choice((13.0, 13.5, 14.0)),
        table_pt=rng.choice((10.0, 10.5, 11.0, 11.5, 12.0, 12.5, 13.0, 13.5, 14.0)),
        line_spacing=rng.uniform(1.12, 1.35),
        roles=roles,
        headers=headers,
        widths=[w / total for w in raw],
        content_role=content_role,
        header_bold=rng.random() < 0.85,
        header_shade=rng.random() < 0.25,
        colnums=rng.choices(("", "paren", "plain"), (6, 2, 2))[0],
        section_style=rng.choice(("inline", "stt_merged", "stt_unmerged")),
        section_bold=rng.random() < 0.8,
        section_upper=rng.random() < 0.6,
        repeat_header=rng.random() < 0.75,
        split_rows=rng.random() < 0.7,
        valign_middle=rng.random() < 0.4,
        rule_px=rng.choice((2, 3, 3, 4)),
        ink=rng.randint(0, 45),
        bases_italic=rng.random() < 0.5,
    )


OMITTABLE = ("outputs", "partners", "deadline")


def omit_columns(rng: random.Random, layout: Layout, sections: Sequence[Section]) -> None:
    """Leave out one or two of the outputs, partners and deadline columns, and empty those fields."""
    gone = set(rng.sample(OMITTABLE, rng.choice((1, 1, 2))))
    keep = [k for k, r in enumerate(layout.roles) if r not in gone]
    total = sum(layout.widths[k] for k in keep)
    layout.roles = [layout.roles[k] for k in keep]
    layout.headers = [layout.headers[k] for k in keep]
    layout.widths = [layout.widths[k] / total for k in keep]
    layout.omitted = tuple(r for r in OMITTABLE if r in gone)
    for sec in sections:
        for row in sec.rows:
            if "outputs" in gone:
                row.outputs = []
            if "partners" in gone:
                row.partners = []
            if "deadline" in gone:
                row.deadline = None


def compose_scan(rng: random.Random, condition: str) -> ScanParams:
    sign = rng.choice((-1, 1))
    if condition == "clean300":
        return ScanParams(
            300, rng.uniform(-0.4, 0.4), rng.uniform(0.0, 0.4), rng.uniform(2, 5), rng.uniform(0, 0.06),
            rng.choice(("rgb", "grey")), 0, rng.randint(80, 95), False,
        )  # fmt: skip
    if condition == "grey200":
        return ScanParams(
            200, sign * rng.uniform(0.3, 0.9), rng.uniform(0.3, 0.8), rng.uniform(5, 10), rng.uniform(0.05, 0.15),
            "grey", 0, rng.randint(55, 85), False,
        )  # fmt: skip
    if condition == "rough150":
        return ScanParams(
            150, sign * rng.uniform(1.0, 1.8), rng.uniform(0.5, 1.0), rng.uniform(12, 20), rng.uniform(0.2, 0.35),
            "grey", 0, rng.randint(30, 45), False,
        )  # fmt: skip
    if condition == "searchable":
        return ScanParams(
            rng.choice((200, 240, 300)), sign * rng.uniform(0.2, 1.2), rng.uniform(0.2, 0.7), rng.uniform(4, 10),
            rng.uniform(0.03, 0.15), rng.choice(("rgb", "grey")), 0, rng.randint(50, 85), True,
        )  # fmt: skip
    if condition == "bwcopy":
        return ScanParams(
            rng.choice((200, 300)), sign * rng.uniform(0.3, 2.0), rng.uniform(0.3, 0.8), rng.uniform(6, 14),
            rng.uniform(0.05, 0.2), "bw", rng.randint(135, 175), 0, False,
        )  # fmt: skip
    raise ValueError(f"unknown condition {condition!r}")


def compose_meta(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """Metadata as the expectation states it, and the body page lines that print it."""
    province = rng.choice(sorted(PROVINCES))
    y = rng.choice((2024, 2025, 2026))
    if rng.random() < 0.5:
        iy, im, idd = y - 1, 12, rng.randint(10, 31)
    else:
        iy, im, idd = y, 1, rng.randint(3, 25)
    number = rng.randint(5, 420)
    title_lines = rng.choice(
        (
            [f"Cải cách hành chính nhà nước năm {y}"],
            [f"Cải cách hành chính năm {y}"],
            [f"Cải cách hành chính nhà nước năm {y}", f"trên địa bàn tỉnh {province}"],
        )
    )
    luat = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
        if y >= 2026
        else "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    )
    bases = [
        luat,
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030;",
        f"Căn cứ Quyết định số {rng.randint(100, 3200)}/QĐ-UBND ngày {rng.randint(2, 28)} tháng {rng.randint(8, 12)} "
        f"năm 2021 của UBND tỉnh ban hành Kế hoạch cải cách hành chính nhà nước tỉnh {province} giai đoạn "
        "2021 - 2030;",
    ]
    bases = bases[rng.randint(0, 1) :]
    name = rng.choice(SIGNER_NAMES)
    if rng.random() < 0.6:
        sign = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        signer = {"name": name, "title": "PHÓ CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"}
    else:
        sign = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        signer = {"name": name, "title": "CHỦ TỊCH", "on_behalf_of": "TM. ỦY BAN NHÂN DÂN"}
    meta = {
        "title": " ".join(title_lines),
        "number": f"{number}/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": f"UBND tỉnh {province}",
        "province": province,
        "province_current": PROVINCES[province],
        "issued_date": f"{iy}-{im:02d}-{idd:02d}",
        "issued_place": province,
        "period": [y, y],
        "signer": signer,
        "legal_basis": len(bases),
    }
    body = {
        "left": ["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}"],
        "number_line": f"Số: {number}/KH-UBND",
        "date_line": f"{province}, ngày {idd:02d} tháng {im:02d} năm {iy}",
        "title": ["KẾ HOẠCH", *title_lines],
        "bases": bases,
        "sign": [*sign, "", "", name],
        "appendix_ref": (
            f"(Kèm theo Kế hoạch số {number}/KH-UBND ngày {idd:02d}/{im:02d}/{iy} của UBND tỉnh {province})"
        ),
        "year": y,
    }
    return meta, body


@dataclass(frozen=True)
class Spec:
    """What to draw: the bench draws 40 of these from SEED; a test draws one small one."""

    name: str
    index: int
    condition: str
    split: str
    seed: int = SEED
    sections: tuple[int, int] = (3, 5)
    per_section: tuple[int, int] = (2, 4)
    body: bool = True
    # leave out some of the outputs, partners and deadline columns (real plans often print no
    # outputs or partners column): drawn from a stream of its own, so the documents drawn without
    # it are unchanged
    omit: bool = False


def bench_specs(
    seed: int = SEED, first_index: int = 0, count: int = N_DOCUMENTS, split_to: str | None = None
) -> list[Spec]:
    """40 documents, conditions in turn; in each condition the 1st, 3rd, … go to dev, the others are held back.

    `first_index`/`count`/`split_to` draw further documents (sb41 … into a `dev2` set) to check
    a decision on scans nobody developed on, without touching the dev and held-back halves.
    """
    out = []
    for i in range(first_index, first_index + count):
        cond = CONDITIONS[i % len(CONDITIONS)]
        split = split_to or ("dev" if (i // len(CONDITIONS)) % 2 == 0 else "heldout")
        out.append(Spec(f"sb{i + 1:02d}-{cond}", i, cond, split, seed))
    return out


# A fresh development set (issue 13): sb41…sb55, three per condition, drawn after the forty above
# from the same seed, to check a decision made on `dev` on documents nobody developed on.
DEV2_FIRST, DEV2_COUNT = 40, 15


def dev2_specs(seed: int = SEED) -> list[Spec]:
    """The `dev2` set: documents DEV2_FIRST … DEV2_FIRST + DEV2_COUNT - 1, conditions in turn."""
    return bench_specs(seed, DEV2_FIRST, DEV2_COUNT, "dev2")


def compose(spec: Spec) -> Doc:
    rng = random.Random(f"{spec.seed}:{spec.index}:{spec.condition}:compose")
    meta, body = compose_meta(rng)
    y = meta["period"][0]
    n_sec = rng.randint(*spec.sections)
    sections, budget_col, notes_col = compose_rows(rng, y, n_sec, spec.per_section)
    layout = compose_layout(rng, budget_col, notes_col)
    if spec.omit:
        omit_columns(random.Random(f"{spec.seed}:{spec.index}:{spec.condition}:omit"), layout, sections)
    for sec in sections:
        t = sec.title.upper() if layout.section_upper else sec.title
        sec.title = t
    scan = compose_scan(rng, spec.condition)
    return Doc(
        spec.name,
        spec.index,
        spec.condition,
        spec.split,
        meta,
        body if spec.body else None,
        sections,
        layout,
        scan,
        spec.seed,
    )


# --- rendering --------------------------------------------------------------------------------------------------------


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap; a lone `-`/`+` stays with the word before it (a line must not look like a list item)."""
    tokens: list[str] = []
    for w in text.split():
        if tokens and w in ("-", "–", "+"):
            tokens[-1] += " " + w
        else:
            tokens.append(w)
    lines: list[str] = []
    cur = ""
    for t in tokens:
        trial = f"{cur} {t}" if cur else t
        if cur and font.getlength(trial) > width:
            lines.append(cur)
            cur = t
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Page:
    image: Image.Image
    draw: ImageDraw.ImageDraw


def new_page(landscape: bool) -> Page:
    w, h = mm_px(A4_MM[0]), mm_px(A4_MM[1])
    if landscape:
        w, h = h, w
    im = Image.new("L", (w, h), 255)
    return Page(im, ImageDraw.Draw(im))


def centered(page: Page, text: str, font: ImageFont.FreeTypeFont, cx: int, y: int, ink: int) -> None:
    page.draw.text((cx - font.getlength(text) / 2, y), text, font=font, fill=ink)


def render_body(doc: Doc) -> Image.Image:
    """The body page: header block, `Số: …/KH-UBND`, date, title, `Căn cứ` lines, short text, signature."""
    lay, b = doc.layout, doc.body
    assert b is not None
    page = new_page(landscape=False)
    w = page.image.width
    px = pt_px(lay.body_pt)
    reg, bold, ital = (load_font(lay.family, s, px) for s in (0, 1, 2))
    small_b = load_font(lay.family, 1, pt_px(lay.body_pt - 1))
    step = round(px * lay.line_spacing)
    ink = lay.ink
    top, left, right = mm_px(18), mm_px(28), w - mm_px(18)
    lx, rx = round(w * 0.27), round(w * 0.66)
    centered(page, b["left"][0], reg, lx, top, ink)
    centered(page, b["left"][1], bold, lx, top + step, ink)
    page.draw.line((lx - mm_px(12), top + 2 * step + 4, lx + mm_px(12), top + 2 * step + 4), fill=ink, width=3)
    centered(page, b["number_line"], reg, lx, top + 3 * step, ink)
    centered(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", small_b, rx, top, ink)
    centered(page, "Độc lập - Tự do - Hạnh phúc", bold, rx, top + step, ink)
    page.draw.line((rx - mm_px(28), top + 2 * step + 4, rx + mm_px(28), top + 2 * step + 4), fill=ink, width=3)
    centered(page, b["date_line"], ital, rx, top + 3 * step, ink)
    y = top + 5 * step
    for line in b["title"]:
        centered(page, line, bold, w // 2, y, ink)
        y += step
    y += step // 2
    text_w = right - left
    indent = mm_px(10)

    def para(text: str, font: ImageFont.FreeTypeFont = reg) -> None:
        nonlocal y
        lines = wrap(text, font, text_w - indent)
        for k, line in enumerate(lines):
            page.draw.text((left + (indent if k == 0 else 0), y), line, font=font, fill=ink)
            y += step
        y += step // 4

    base_font = ital if lay.bases_italic else reg  # some plans set the `Căn cứ` lines in italics
    for base in b["bases"]:
        para(base, base_font)
    yr = b["year"]
    para(f"Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm {yr} như sau:")
    para("I. MỤC ĐÍCH, YÊU CẦU", bold)
    para(
        "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp; gắn trách "
        "nhiệm của người đứng đầu với kết quả thực hiện nhiệm vụ cải cách hành chính."
    )
    para("II. NHIỆM VỤ TRỌNG TÂM", bold)
    para(
        "Các nhiệm vụ cụ thể, kết quả đầu ra, cơ quan chủ trì, cơ quan phối hợp và thời gian thực hiện được nêu "
        "tại Phụ lục kèm theo Kế hoạch này."
    )
    para("III. TỔ CHỨC THỰC HIỆN", bold)
    para(
        "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm tổ chức thực "
        "hiện Kế hoạch này; định kỳ báo cáo kết quả về Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh."
    )
    y += step
    small = load_font(lay.family, 0, pt_px(11))
    small_bi = load_font(lay.family, 1, pt_px(11))
    sy = y
    page.draw.text((left, sy), "Nơi nhận:", font=small_bi, fill=ink)
    for k, line in enumerate(("- Bộ Nội vụ;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ban, ngành;", "- Lưu: VT.")):
        page.draw.text((left, sy + (k + 1) * pt_px(13)), line, font=small, fill=ink)
    for k, line in enumerate(b["sign"]):
        if line:
            centered(page, line, bold, rx, sy + k * step, ink)
    return page.image


def render_table(doc: Doc) -> tuple[list[Image.Image], list[str]]:
    """Table pages (landscape): appendix heading, header row repeated or not, rows split across pages or moved.

    Returns the page images and notes on what happened (split rows), for the expectation's comments.
    """
    lay = doc.layout
    notes: list[str] = []
    px = pt_px(lay.table_pt)
    reg, bold, ital = (load_font(lay.family, s, px) for s in (0, 1, 2))
    sec_font = bold if lay.section_bold else reg
    head_font = bold if lay.header_bold else reg
    line_h = round(px * lay.line_spacing)
    pad_x, pad_y = mm_px(1.2), mm_px(1.0)
    ink, lw = lay.ink, lay.rule_px
    first = new_page(landscape=True)
    pw, ph = first.image.size
    left, right, top, bottom = mm_px(14), pw - mm_px(12), mm_px(14), ph - mm_px(14)
    table_w = right - left
    xs = [left]
    for f in lay.widths:
        xs.append(xs[-1] + round(f * table_w))
    xs[-1] = right
    ncol = len(lay.roles)

    def col_w(i: int, j: int | None = None) -> int:
        return xs[(j if j is not None else i) + 1] - xs[i] - 2 * pad_x

    pages = [first]
    page = first
    first_no = 2 if doc.body is not None else 1  # the document's page number of the first table page
    y = top
    if doc.body is not None:
        hb = load_font(lay.family, 1, pt_px(13))
        hi = load_font(lay.family, 2, pt_px(12))
        yr = doc.body["year"]
        for text, font in (
            ("PHỤ LỤC", hb),
            (f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {yr}", hb),
            (doc.body["appendix_ref"], hi),
        ):
            centered(page, text, font, pw // 2, y, ink)
            y += round(font.size * 1.3)
        y += mm_px(3)

    def draw_cell(x0: int, x1: int, y0: int, y1: int, lines: list[str], font, align: str) -> None:
        page.draw.rectangle((x0, y0, x1, y1), outline=ink, width=lw)
        th = len(lines) * line_h
        ty = y0 + pad_y + (max(0, (y1 - y0 - 2 * pad_y - th) // 2) if lay.valign_middle else 0)
        for line in lines:
            tx = (x0 + x1) / 2 - font.getlength(line) / 2 if align == "center" else x0 + pad_x
            page.draw.text((tx, ty), line, font=font, fill=ink)
            ty += line_h

    def header_rows() -> list[tuple[list[list[str]], int, bool]]:
        cells = [wrap(h, head_font, col_w(i)) for i, h in enumerate(lay.headers)]
        out = [(cells, max(len(c) for c in cells) * line_h + 2 * pad_y, True)]
        if lay.colnums:
            nums = [[f"({i + 1})" if lay.colnums == "paren" else str(i + 1)] for i in range(ncol)]
            out.append((nums, line_h + 2 * pad_y, False))
        return out

    def draw_header() -> None:
        nonlocal y
        for cells, h, is_title in header_rows():
            if is_title and lay.header_shade:
                page.draw.rectangle((left, y, right, y + h), fill=225)
            for i, lines in enumerate(cells):
                draw_cell(xs[i], xs[i + 1], y, y + h, lines, head_font if is_title else ital, "center")
            y += h

    def next_page() -> None:
        nonlocal page, y
        page = new_page(landscape=True)
        pages.append(page)
        y = top
        if lay.repeat_header:
            draw_header()

    draw_header()
    align = {"stt": "center", "deadline": "center", "budget": "center"}

    def section_cells(sec: Section) -> list[tuple[int, int, list[str], Any, str]]:
        """(first col, last col, lines, font, align) for the pieces of a section row."""
        if lay.section_style == "inline":
            text = f"{sec.number}. {sec.title}"
            return [(0, ncol - 1, wrap(text, sec_font, col_w(0, ncol - 1)), sec_font, "left")]
        stt = (0, 0, [sec.number], sec_font, "center")
        if lay.section_style == "stt_merged":
            return [stt, (1, ncol - 1, wrap(sec.title, sec_font, col_w(1, ncol - 1)), sec_font, "left")]
        empty: list[str] = []
        rest = [(i, i, empty, sec_font, "left") for i in range(2, ncol)]
        return [stt, (1, 1, wrap(sec.title, sec_font, col_w(1)), sec_font, "left"), *rest]

    for sec in doc.sections:
        pieces = section_cells(sec)
        h = max(len(p[2]) for p in pieces) * line_h + 2 * pad_y
        if y + h + line_h * 2 > bottom:  # a section row is never left alone at a page foot
            next_page()
        for c0, c1, lines, font, al in pieces:
            draw_cell(xs[c0], xs[c1 + 1], y, y + h, lines, font, al)
        y += h
        for row in sec.rows:
            cells = [wrap(row.cell(r), reg, col_w(i)) for i, r in enumerate(lay.roles)]
            n_lines = max(len(c) for c in cells)
            h = n_lines * line_h + 2 * pad_y
            if y + h > bottom:
                fit = (bottom - y - 2 * pad_y) // line_h
                if lay.split_rows and fit >= 1 and n_lines - fit >= 1 and n_lines >= 2:
                    part = [c[:fit] for c in cells]
                    rest = [c[fit:] for c in cells]
                    ph1 = fit * line_h + 2 * pad_y
                    for i, lines in enumerate(part):
                        draw_cell(xs[i], xs[i + 1], y, y + ph1, lines, reg, align.get(lay.roles[i], "left"))
                    notes.append(
                        f"row {row.section}/{row.stt} split across pages {len(pages) + first_no - 1}-"
                        f"{len(pages) + first_no} "
                        f"({fit} + {n_lines - fit} lines; the continuation has an empty STT)"
                    )
                    next_page()
                    cells = rest
                    cells[0] = []
                    h = max(1, max(len(c) for c in cells)) * line_h + 2 * pad_y
                else:
                    next_page()
            for i, lines in enumerate(cells):
                draw_cell(xs[i], xs[i + 1], y, y + h, lines, reg, align.get(lay.roles[i], "left"))
            y += h
    return [p.image for p in pages], notes


def render_pages(doc: Doc) -> tuple[list[Image.Image], list[str]]:
    """Every page of the document at 300 dpi (greyscale paper), and layout notes."""
    pages, notes = render_table(doc)
    if doc.body is not None:
        pages = [render_body(doc), *pages]
    return pages, notes


# --- scanning ---------------------------------------------------------------------------------------------------------


def noise_image(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    """Grain centred on 128 with about `sigma` grey levels of spread (two uniform draws: a triangular law)."""
    w, h = size
    a = Image.frombytes("L", size, rng.randbytes(w * h))
    b = Image.frombytes("L", size, rng.randbytes(w * h))
    tri = ImageChops.add(a, b, scale=2.0)  # mean 127.5, sd about 52
    k = sigma / 52.0
    return tri.point([max(0, min(255, round(128 + (v - 128) * k))) for v in range(256)])


def light_field(rng: random.Random, size: tuple[int, int], strength: float) -> Image.Image:
    """Smooth uneven lighting: a coarse random grid blown up bicubically, times a shadow along one edge."""
    gw, gh = 5, 4
    grid = Image.new("L", (gw, gh))
    grid.putdata([round(255 * (1 - strength * rng.random() * 0.6)) for _ in range(gw * gh)])
    small = (max(8, size[0] // 16), max(8, size[1] // 16))  # smooth at 1/16 scale, then blow up: cheap
    field_im = grid.resize(small, Image.Resampling.BICUBIC)
    grad = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270)))
    lo = round(255 * (1 - strength))
    grad = grad.point([lo + (255 - lo) * v // 255 for v in range(256)]).resize(small, Image.Resampling.BICUBIC)
    smooth = ImageChops.multiply(field_im, grad).filter(ImageFilter.GaussianBlur(2))
    return smooth.resize(size, Image.Resampling.BILINEAR)


def scan_page(page: Image.Image, p: ScanParams, rng: random.Random) -> Image.Image:
    """What a scanner or copier makes of a 300-dpi page: resample, skew, blur, light, grain, colour mode."""
    im = page
    if p.dpi != RENDER_DPI:
        size = (round(im.width * p.dpi / RENDER_DPI), round(im.height * p.dpi / RENDER_DPI))
        im = im.resize(size, Image.Resampling.LANCZOS)
    if abs(p.skew) > 1e-3:
        im = im.rotate(p.skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if p.blur > 0.05:
        im = im.filter(ImageFilter.GaussianBlur(p.blur))
    if p.light > 0.005:
        im = ImageChops.multiply(im, light_field(rng, im.size, p.light))
    if p.grain > 0.5:
        im = ImageChops.add(im, noise_image(rng, im.size, p.grain), scale=1.0, offset=-128)
    if p.mode == "bw":
        return im.point([0 if v < p.threshold else 255 for v in range(256)]).convert("1", dither=Image.Dither.NONE)
    if p.mode == "rgb":  # a colour scan of slightly yellow paper
        g = im.point([round(v * 0.985) for v in range(256)])
        b = im.point([round(v * 0.93) for v in range(256)])
        return Image.merge("RGB", (im, g, b))
    return im


def scan_document(doc: Doc, pages: Sequence[Image.Image]) -> list[Image.Image]:
    return [
        scan_page(pg, doc.scan, random.Random(f"{doc.seed}:{doc.index}:{doc.condition}:scan:{k}"))
        for k, pg in enumerate(pages)
    ]


def jpeg_bytes(im: Image.Image, p: ScanParams) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=p.quality, dpi=(p.dpi, p.dpi))
    return buf.getvalue()


def save_image_pdf(images: Sequence[Image.Image], p: ScanParams, path: Path) -> None:
    """Image-only PDF: one JPEG (or CCITT G4 for black and white) per page, page size from the dpi."""
    first, *rest = images
    kw: dict[str, Any] = {"resolution": float(p.dpi), "creationDate": PDF_DATE, "modDate": PDF_DATE}
    if p.mode != "bw":
        kw["quality"] = p.quality
    first.save(path, "PDF", save_all=True, append_images=rest, **kw)


def save_searchable_pdf(images: Sequence[Image.Image], p: ScanParams, path: Path) -> None:
    """Searchable PDF as a user makes it: `tesseract page.jpg out -l vie pdf` per page, pages merged."""
    import pypdfium2 as pdfium

    if shutil.which("tesseract") is None:
        raise RuntimeError("make_scanbench: cần tesseract (gói tesseract-ocr, tesseract-ocr-vie) cho PDF có lớp chữ")
    with tempfile.TemporaryDirectory(prefix="scanbench-") as tmp:
        parts = []
        for k, im in enumerate(images):
            jpg = Path(tmp) / f"page{k + 1:03d}.jpg"
            jpg.write_bytes(jpeg_bytes(im, p))
            base = Path(tmp) / f"page{k + 1:03d}"
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
            subprocess.run(
                ["tesseract", str(jpg), str(base), "-l", "vie", "pdf"],
                check=True,
                capture_output=True,
                timeout=600,
                env=env,
            )
            parts.append(base.with_suffix(".pdf"))
        out = pdfium.PdfDocument.new()
        for part in parts:
            src = pdfium.PdfDocument(str(part))
            out.import_pages(src)
            src.close()
        out.save(str(path))
        out.close()


# --- expectation ------------------------------------------------------------------------------------------------------


def q(s: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these texts)."""
    return json.dumps(nfc(s), ensure_ascii=False)


def qlist(items: Sequence[str]) -> str:
    return "[" + ", ".join(q(s) for s in items) + "]"


def deadline_toml(d: dict[str, Any]) -> str:
    parts = [f"text = {q(d['text'])}", f"kind = {q(d['kind'])}"]
    for k in ("start", "end", "recurrence"):
        if k in d:
            parts.append(f"{k} = {q(d[k])}")
    return "{ " + ", ".join(parts) + " }"


def expectation_toml(doc: Doc, layout_notes: Sequence[str] = ()) -> str:
    """The expectation file of one document, from its composed content (samples/expected/README.md)."""
    lay, s = doc.layout, doc.scan
    cols = " | ".join(lay.headers)
    lines = [
        f"# Scan bench document {doc.name} ({CONDITION_NOTES[doc.condition]}), drawn by samples/scanbench/"
        f"make_scanbench.py from seed {doc.seed}.",
        "# Written by the generator from the content it composed, never from a parse: right by construction.",
        f"# Face {lay.family}, table {lay.table_pt:g} pt, body {lay.body_pt:g} pt; columns: {cols}"
        + (f"; column-number row ({lay.colnums})" if lay.colnums else ""),
        f"# Section rows: {lay.section_style}, {'bold' if lay.section_bold else 'regular'}, "
        f"{'upper case' if lay.section_upper else 'sentence case'}; header "
        f"{'repeated on every page' if lay.repeat_header else 'on the first table page only'}; rows "
        f"{'split' if lay.split_rows else 'moved whole'} at a page break.",
        f"# Scan: {s.dpi} dpi, {s.mode}, skew {s.skew:+.2f}°, blur {s.blur:.2f} px, grain {s.grain:.1f}, "
        f"uneven light {s.light:.2f}, "
        + (f"threshold {s.threshold}" if s.mode == "bw" else f"JPEG q{s.quality}")
        + ("; searchable PDF (tesseract text layer)" if s.searchable else "; image-only PDF"),
    ]
    if lay.omitted:
        lines.append(f"# Columns left out (and their fields empty): {', '.join(lay.omitted)}.")
    lines += [f"# {n}" for n in layout_notes]
    lines += [
        f"# The single content column `{lay.headers[1]}` gives {lay.content_role} records "
        f"({'activity' if lay.content_role == 'task' else 'task'} and objective null).",
        "[document]",
        f"sources = [{q(doc.source)}]",
        f"set = {q(doc.set_name)}",
        'reviewed_by = "scanbench generator: written from the composed content, not from a parse"',
        "complete = true",
        "",
    ]
    if doc.body is not None:
        m = doc.meta
        sg = m["signer"]
        lines += [
            "[metadata]",
            f"title = {q(m['title'])}",
            f"number = {q(m['number'])}",
            f"symbol = {q(m['symbol'])}",
            f"issuer = {q(m['issuer'])}",
            f"province = {q(m['province'])}",
            f"province_current = {q(m['province_current'])}",
            f"issued_date = {q(m['issued_date'])}",
            f"issued_place = {q(m['issued_place'])}",
            f"period = [{m['period'][0]}, {m['period'][1]}]",
            f"signer = {{ name = {q(sg['name'])}, title = {q(sg['title'])}, on_behalf_of = {q(sg['on_behalf_of'])} }}",
            f"legal_basis = {m['legal_basis']}",
            "",
        ]
    for r in doc.records:
        lines.append("[[records]]")
        lines.append(f"section = {q(r.section)}")
        if r.stt is not None:
            lines.append(f"stt = {q(r.stt)}")
        lines.append(f"{lay.content_role} = {q(r.content)}")
        lines.append(f"outputs = {qlist(r.outputs)}")
        lines.append(f"lead = {qlist(r.lead)}")
        if r.partners:
            lines.append(f"partners = {qlist(r.partners)}")
        if r.deadline is not None:
            lines.append(f"deadline = {deadline_toml(r.deadline)}")
        if r.budget is not None:
            text, amount = r.budget
            lines.append(
                f"budget = {{ text = {q(text)}, amount = {amount:.1f} }}"
                if amount is not None
                else f"budget = {{ text = {q(text)} }}"
            )
        if r.notes:
            lines.append(f"notes = {q(r.notes)}")
        lines.append("")
    return "\n".join(lines)


# --- driver -----------------------------------------------------------------------------------------------------------


def expectation_path(doc: Doc, expected_root: Path) -> Path:
    return expected_root / doc.split / f"{doc.name}.toml"


def build(spec: Spec, out_root: Path, expected_root: Path | None, pdf: bool = True) -> tuple[str, float]:
    """Compose, render, scan and save one document; write its expectation. Returns (name, seconds)."""
    t0 = time.perf_counter()
    doc = compose(spec)
    pages, notes = render_pages(doc)
    if expected_root is not None:
        p = expectation_path(doc, expected_root)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(expectation_toml(doc, notes), encoding="utf-8")
    if pdf:
        scans = scan_document(doc, pages)
        target = out_root / doc.split / f"{doc.name}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".pdf.tmp")
        if doc.scan.searchable:
            save_searchable_pdf(scans, doc.scan, tmp)
        else:
            save_image_pdf(scans, doc.scan, tmp)
        tmp.replace(target)
    return spec.name, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "scanbench", help="where the PDFs go")
    ap.add_argument("--expected", type=Path, default=ROOT / "samples" / "scanbench" / "expected")
    ap.add_argument("--only", nargs="*", help="document names (sb01-clean300 …)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--check", action="store_true", help="only check the committed expectations are up to date")
    ap.add_argument("--seed", type=int, default=SEED, help="the bench's seed (another seed: other documents)")
    ap.add_argument("--first-index", type=int, default=0, help="first document index (40: sb41 …)")
    ap.add_argument("--count", type=int, default=N_DOCUMENTS, help="how many documents from --first-index")
    ap.add_argument("--split", help="put every document in this set (dev2) instead of alternating dev/heldout")
    args = ap.parse_args(argv)
    if missing := missing_fonts():
        print(
            f"make_scanbench: thiếu phông chữ {', '.join(missing)}; cài các gói {FONT_PACKAGES} "
            "(sh scripts/install_sysdeps.sh, quyền root)",
            file=sys.stderr,
        )
        return 2
    if args.first_index or args.count != N_DOCUMENTS or args.split or args.seed != SEED:
        specs = bench_specs(args.seed, args.first_index, args.count, args.split)
    else:  # the bench as committed: dev, heldout and dev2
        specs = bench_specs() + dev2_specs()
    if args.only:
        unknown = set(args.only) - {s.name for s in specs}
        if unknown:
            print(
                f"make_scanbench: không có tài liệu {sorted(unknown)}; xem tên trong {args.expected}", file=sys.stderr
            )
            return 2
        specs = [s for s in specs if s.name in args.only]
    if args.check:
        stale = []
        for spec in specs:
            doc = compose(spec)
            _, notes = render_table(doc)
            path = expectation_path(doc, args.expected)
            if not path.is_file() or path.read_text(encoding="utf-8") != expectation_toml(doc, notes):
                stale.append(str(path))
        for p in stale:
            print(
                f"make_scanbench: {p}: khác với nội dung bộ sinh; chạy make scanbench rồi xem lại git diff",
                file=sys.stderr,
            )
        return 1 if stale else 0
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(build, s, args.out, args.expected) for s in specs]
        for f in futures:
            name, secs = f.result()
            print(f"{name}: {secs:.1f} s", file=sys.stderr)
    print(f"scanbench: {len(specs)} documents in {time.perf_counter() - t0:.0f} s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
