"""SPEC §1 "Lists": splitting Sản phẩm and Cơ quan cells into items (cases from the seeds)."""

from __future__ import annotations

import pytest

from kehoach_parse.plan.lists import split_agencies, split_outputs

AGENCY_CASES = [
    # SPEC examples
    ("Sở Tư pháp và các sở, ngành, UBND cấp huyện", ["Sở Tư pháp", "các sở, ngành", "UBND cấp huyện"]),
    ("Các sở, ban, ngành; UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("-Sở, ngành; -UBND huyện, thành phố", ["Sở, ngành", "UBND huyện, thành phố"]),
    (
        "Đài PTTH tỉnh; Báo Hải Dương; các cơ quan thông tin đại chúng, các tổ chức đoàn thể, các cơ quan, đơn vị",
        [
            "Đài PTTH tỉnh",
            "Báo Hải Dương",
            "các cơ quan thông tin đại chúng, các tổ chức đoàn thể, các cơ quan, đơn vị",
        ],
    ),
    ("Thanh tra + Tổ Pháp chế", ["Thanh tra", "Tổ Pháp chế"]),
    # wraps and bullets (seed 000)
    ("Các sở,\nngành, UBND huyện, Thành phố", ["Các sở, ngành", "UBND huyện, Thành phố"]),
    (
        "-Văn phòng UBND tỉnh;\n-Sở, ngành; -UBND huyện, thành phố",
        ["Văn phòng UBND tỉnh", "Sở, ngành", "UBND huyện, thành phố"],
    ),
    (
        "- Sở Tư pháp (đối với nhiệm vụ tự kiểm tra, kiểm tra theo thẩm quyền).\n"
        "- Các Sở, ngành (đối với nhiệm vụ rà soát)",
        [
            "Sở Tư pháp (đối với nhiệm vụ tự kiểm tra, kiểm tra theo thẩm quyền)",
            "Các Sở, ngành (đối với nhiệm vụ rà soát)",
        ],
    ),
    ("Các Sở, ngành; UBND cấp huyện", ["Các Sở, ngành", "UBND cấp huyện"]),
    ("Các Sở, ngành, UBND cấp huyện có liên quan", ["Các Sở, ngành", "UBND cấp huyện có liên quan"]),
    ("Sở, ngành; UBND huyện, thành phố", ["Sở, ngành", "UBND huyện, thành phố"]),
    ("Các sở, ngành; UBND cấp huyện, UBND cấp xã", ["Các sở, ngành", "UBND cấp huyện", "UBND cấp xã"]),
    (
        "Các sở, cơ quan, đơn vị thuộc UBND tỉnh, UBND cấp huyện",
        ["Các sở, cơ quan, đơn vị thuộc UBND tỉnh", "UBND cấp huyện"],
    ),
    ("Các sở, ngành, các huyện, TP; các ĐVSN công lập", ["Các sở, ngành, các huyện, TP", "các ĐVSN công lập"]),
    ("Sở Nội vụ; Sở Thông tin và TT", ["Sở Nội vụ", "Sở Thông tin và TT"]),
    (
        "Các Sở, ban, ngành trực thuộc UBND tỉnh, UBND các huyện, Thành phố",
        ["Các Sở, ban, ngành trực thuộc UBND tỉnh", "UBND các huyện, Thành phố"],
    ),
    ("Các Sở, ban, ngành,các công ty cổ phần có liên quan.", ["Các Sở, ban, ngành,các công ty cổ phần có liên quan"]),
    ("Các Sở, ngành, đơn vị, địa phương có liên quan", ["Các Sở, ngành, đơn vị, địa phương có liên quan"]),
    ("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
    ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
    # seed 003
    (
        "Các phòng chuyên môn, nghiệp vụ, các đơn vị trực thuộc Sở",
        ["Các phòng chuyên môn, nghiệp vụ", "các đơn vị trực thuộc Sở"],
    ),
    ("Bưu điện tỉnh, Các phòng chuyên môn, nghiệp vụ", ["Bưu điện tỉnh", "Các phòng chuyên môn, nghiệp vụ"]),
    ("Các phòng chuyên môn, ng nghiệp vụ", ["Các phòng chuyên môn, ng nghiệp vụ"]),
    ("Các phòng chuyên môn, ngành vụ", ["Các phòng chuyên môn, ngành vụ"]),
    # seed 004 (markup left by the text export)
    ("<p>Sở Tư pháp và các sở, ngành</p>", ["Sở Tư pháp", "các sở, ngành"]),
    ("Sở Kế hoạch và Đầu tư, Sở Công thương", ["Sở Kế hoạch và Đầu tư", "Sở Công thương"]),
    ("Các Sở, ban ngành", ["Các Sở, ban ngành"]),
    ("Các sở, ban, ngành, UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("Sở Nội vụ; UBND cấp huyện và UBND cấp xã", ["Sở Nội vụ", "UBND cấp huyện", "UBND cấp xã"]),
    (
        "Các sở, ban, ngành, UBND cấp huyện và các cơ quan đơn vị có liên quan",
        ["Các sở, ban, ngành", "UBND cấp huyện", "các cơ quan đơn vị có liên quan"],
    ),
    ("Sở Tài chính và các cơ quan liên quan", ["Sở Tài chính", "các cơ quan liên quan"]),
    (
        "Sở Thông tin và Truyền thông, Công an tỉnh, Sở Tài chính, Sở Kế hoạch và Đầu tư, UBND cấp huyện",
        ["Sở Thông tin và Truyền thông", "Công an tỉnh", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "UBND cấp huyện"],
    ),
    (
        "Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông, các sở, ban, ngành, UBND các huyện, thị xã, thành phố "
        "và UBND các xã, phường, thị trấn",
        [
            "Văn phòng UBND tỉnh",
            "Sở Thông tin và Truyền thông",
            "các sở, ban, ngành",
            "UBND các huyện, thị xã, thành phố",
            "UBND các xã, phường, thị trấn",
        ],
    ),
    (
        "Trung tâm Phục vụ HHC, Bộ phận Một cửa các cấp, các Sở, ban, ngành, UBND các huyện, thị xã, thành phố, "
        "các xã, phường, thị trấn",
        [
            "Trung tâm Phục vụ HHC",
            "Bộ phận Một cửa các cấp",
            "các Sở, ban, ngành",
            "UBND các huyện, thị xã, thành phố, các xã, phường, thị trấn",
        ],
    ),
    # a lost line break between two groups (seed 004 row 67)
    (
        "Các sở, ban, ngành, UBND cấp huyện Các đơn vị sự nghiệp công lập",
        ["Các sở, ban, ngành", "UBND cấp huyện", "Các đơn vị sự nghiệp công lập"],
    ),
    ("Cơ quan HCNN, ĐVSN được giao thực hiện cơ chế tự chủ", ["Cơ quan HCNN, ĐVSN được giao thực hiện cơ chế tự chủ"]),
    # OCR text without accents, old spelling of Ủy ban
    ("Cac So, nganh; UBND cap huyen", ["Cac So, nganh", "UBND cap huyen"]),
    ("Sở Nội vụ, Uỷ ban nhân dân cấp huyện", ["Sở Nội vụ", "Uỷ ban nhân dân cấp huyện"]),
    # empties
    ("", []),
    ("  ;  ; ", []),
    ("-\n;", []),
]


@pytest.mark.parametrize(("text", "expected"), AGENCY_CASES)
def test_split_agencies(text: str, expected: list[str]) -> None:
    assert split_agencies(text) == expected


OUTPUT_CASES = [
    ("Hồ sơ hợp đồng thuê dịch\nvụ", ["Hồ sơ hợp đồng thuê dịch vụ"]),
    ("Kế hoạch - Báo cáo; - Các văn bản.", ["Kế hoạch - Báo cáo", "Các văn bản."]),
    ("-Quyết định; - Văn bản.", ["Quyết định", "Văn bản."]),
    (
        "- Quyết định phê duyệt phương án đơn giản hóa TTHC\n"
        "- Báo/văn bản đề xuất cáo rà soát, phương án đơn giản hóa TTHC",
        [
            "Quyết định phê duyệt phương án đơn giản hóa TTHC",
            "Báo/văn bản đề xuất cáo rà soát, phương án đơn giản hóa TTHC",
        ],
    ),
    ("- Quyết định;\n- TTHC được cập nhật, công khai.", ["Quyết định", "TTHC được cập nhật, công khai."]),
    ("Kế hoạch/ Báo cáo.\n- Thông báo kết luận kiểm tra. ", ["Kế hoạch/ Báo cáo.", "Thông báo kết luận kiểm tra."]),
    ("Kế hoạch,\nBáo cáo kết quả kiểm tra", ["Kế hoạch, Báo cáo kết quả kiểm tra"]),
    (
        "Kết quả đánh giá mức độ\nhài lòng việc giải quyết TTHC",
        ["Kết quả đánh giá mức độ hài lòng việc giải quyết TTHC"],
    ),
    (
        "Cổng dịch vụ công; Hệ thống một của điện tử của tỉnh; Báo cáo",
        ["Cổng dịch vụ công", "Hệ thống một của điện tử của tỉnh", "Báo cáo"],
    ),
    ("+ Kế hoạch\n+ Báo cáo", ["Kế hoạch", "Báo cáo"]),
    ("• Kế hoạch\n• Báo cáo", ["Kế hoạch", "Báo cáo"]),
    ("<p>Báo cáo tự kiểm tra văn bản quy phạm pháp luật.</p>", ["Báo cáo tự kiểm tra văn bản quy phạm pháp luật."]),
    (
        "Báo cáo, Hồ sơ đánh giá nội bộ, Quyết định công bố hệ thống QLCL",
        ["Báo cáo, Hồ sơ đánh giá nội bộ, Quyết định công bố hệ thống QLCL"],
    ),
    ("", []),
    ("   \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), OUTPUT_CASES)
def test_split_outputs(text: str, expected: list[str]) -> None:
    assert split_outputs(text) == expected


def test_joint_office_of_two_bodies_is_one_agency() -> None:
    assert split_agencies("Văn phòng HĐND và UBND huyện, Phòng Tư pháp") == [
        "Văn phòng HĐND và UBND huyện",
        "Phòng Tư pháp",
    ]
    assert split_agencies("VP Đoàn ĐBQH và HĐND tỉnh") == ["VP Đoàn ĐBQH và HĐND tỉnh"]
    assert split_agencies("Sở Nội vụ và UBND các huyện") == ["Sở Nội vụ", "UBND các huyện"]


def test_bare_category_nouns_make_one_group() -> None:
    assert split_agencies("Sở, ban, ngành; UBND cấp huyện, cấp xã") == ["Sở, ban, ngành", "UBND cấp huyện, cấp xã"]
    assert split_agencies("Sở Tư pháp, Sở Nội vụ") == ["Sở Tư pháp", "Sở Nội vụ"]


def test_long_cell_of_one_agency_is_linear() -> None:
    """20,000 chunks that all join one item (no agency head after the commas): the growing item used
    to be re-folded per chunk, 311 s for this 220 KB cell; now it is built once. A hang guard, not a timing."""
    import subprocess
    import sys

    code = (
        "from kehoach_parse.plan.lists import split_agencies as s;"
        "r = s('phòng ban, ' * 20000); assert len(r) == 1 and r[0].count('phòng ban') == 20000, r[:1]"
    )
    proc = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    "cell, items",
    [
        # what the item's running state answers must equal what the whole item would:
        ("Văn phòng HĐND và UBND tỉnh", ["Văn phòng HĐND và UBND tỉnh"]),  # joint office: short item, whole fold
        ("Các sở, ban, ngành, UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),  # group start kept
        ("Sở, ban, ngành", ["Sở, ban, ngành"]),  # generic before generic: one group
        ("cán bộ\nphụ trách\nSở Nội vụ", ["cán bộ phụ trách Sở Nội vụ"]),  # wrapped lines join with one space
    ],
)
def test_item_state_matches_whole_item(cell: str, items: list[str]) -> None:
    assert split_agencies(cell) == items
