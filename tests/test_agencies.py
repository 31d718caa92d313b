"""Agency gazetteer: every agency text of the seeds -> canonical name and kind; unknowns stay null."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kehoach_parse.plan.agencies import Gazetteer, closest_alias, load_gazetteer, match_agency
from kehoach_parse.plan.lists import split_agencies

DEPT, OFFICE, COMM, GROUP, OTHER = "department", "office", "committee", "group", "other"

SEED_AGENCIES = [
    # seed 000
    ("Sở Tư pháp", "Sở Tư pháp", DEPT),
    ("Sở Tư pháp (đối với nhiệm vụ tự kiểm tra, kiểm tra theo thẩm quyền)", "Sở Tư pháp", DEPT),
    ("Các Sở, ngành", "Các sở, ngành", GROUP),
    ("Các Sở, ngành (đối với nhiệm vụ rà soát)", "Các sở, ngành", GROUP),
    ("Các Sở, ngành, đơn vị, địa phương có liên quan", "Các sở, ngành, đơn vị, địa phương", GROUP),
    ("UBND cấp huyện", "UBND cấp huyện", GROUP),
    ("UBND cấp huyện có liên quan", "UBND cấp huyện", GROUP),
    ("Sở, ngành", "Các sở, ngành", GROUP),
    ("UBND huyện, thành phố", "UBND cấp huyện", GROUP),
    ("UBND huyện", "UBND cấp huyện", GROUP),
    ("UBND các huyện, Thành phố", "UBND cấp huyện", GROUP),
    ("UBND cấp xã", "UBND cấp xã", GROUP),
    ("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh", OFFICE),
    ("Văn Phòng UBND tỉnh", "Văn phòng UBND tỉnh", OFFICE),
    ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", DEPT),
    ("Sở Thông tin và TT", "Sở Thông tin và Truyền thông", DEPT),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông", DEPT),
    ("Các sở, ngành", "Các sở, ngành", GROUP),
    ("Các sở, cơ quan, đơn vị thuộc UBND tỉnh", "Các sở, cơ quan, đơn vị thuộc UBND tỉnh", GROUP),
    ("Các Sở, cơ quan, đơn vị thuộc UBND tỉnh", "Các sở, cơ quan, đơn vị thuộc UBND tỉnh", GROUP),
    ("Sở Nội vụ", "Sở Nội vụ", DEPT),
    ("Các sở, ngành, các huyện, TP", "Các sở, ngành, UBND cấp huyện", GROUP),
    ("các ĐVSN công lập", "Các đơn vị sự nghiệp công lập", GROUP),
    ("Sở Tài chính", "Sở Tài chính", DEPT),
    ("Các Sở, ban, ngành trực thuộc UBND tỉnh", "Các sở, ban, ngành", GROUP),
    ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", DEPT),
    # seed 003 (a department's plan: its own units)
    ("Thanh tra", "Thanh tra", OFFICE),
    ("Tổ Pháp chế", "Tổ Pháp chế", OFFICE),
    ("Văn phòng", "Văn phòng", OFFICE),
    ("Phòng Tổ chức", "Phòng Tổ chức cán bộ", OFFICE),
    ("Phòng Tổ chức cán bộ", "Phòng Tổ chức cán bộ", OFFICE),
    ("Phòng Kế hoạch và Tài chính", "Phòng Kế hoạch và Tài chính", OFFICE),
    ("Các phòng chuyên môn, nghiệp vụ", "Các phòng chuyên môn, nghiệp vụ", GROUP),
    ("Các phòng chuyên môn", "Các phòng chuyên môn, nghiệp vụ", GROUP),
    ("Các phòng chuyên môn, ng nghiệp vụ", "Các phòng chuyên môn, nghiệp vụ", GROUP),
    ("Các phòng chuyên môn, ngành vụ", "Các phòng chuyên môn, nghiệp vụ", GROUP),
    ("các đơn vị trực thuộc Sở", "Các đơn vị trực thuộc Sở", GROUP),
    ("Bưu điện tỉnh", "Bưu điện tỉnh", OTHER),
    # seed 004
    ("Các sở, ban, ngành", "Các sở, ban, ngành", GROUP),
    ("Các sở, ban, ngành liên quan", "Các sở, ban, ngành", GROUP),
    ("Các Sở, ban ngành", "Các sở, ban, ngành", GROUP),
    ("Đài PTTH tỉnh", "Đài Phát thanh và Truyền hình tỉnh", OTHER),
    ("Báo Hải Dương", "Báo Hải Dương", OTHER),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", DEPT),
    ("Sở Công thương", "Sở Công Thương", DEPT),
    ("Công an tỉnh", "Công an tỉnh", DEPT),
    ("UBND các cấp", "UBND các cấp", GROUP),
    ("UBND các huyện, thị xã, thành phố", "UBND cấp huyện", GROUP),
    ("UBND các xã, phường, thị trấn", "UBND cấp xã", GROUP),
    ("UBND các huyện, thị xã, thành phố, các xã, phường, thị trấn", "UBND cấp huyện, cấp xã", GROUP),
    ("Trung tâm Phục vụ HHC", "Trung tâm Phục vụ hành chính công tỉnh", OFFICE),
    ("Bộ phận Một cửa các cấp", "Bộ phận Một cửa các cấp", GROUP),
    ("Các đơn vị sự nghiệp công lập", "Các đơn vị sự nghiệp công lập", GROUP),
    ("Các đơn vị sự nghiệp công lập có liên quan", "Các đơn vị sự nghiệp công lập", GROUP),
    ("Các đơn vị sự nghiệp", "Các đơn vị sự nghiệp công lập", GROUP),
    ("Đơn vị sự nghiệp công", "Các đơn vị sự nghiệp công lập", GROUP),
    ("Các đơn vị liên quan", "Các cơ quan, đơn vị có liên quan", GROUP),
    ("các cơ quan đơn vị có liên quan", "Các cơ quan, đơn vị có liên quan", GROUP),
    ("các cơ quan liên quan", "Các cơ quan, đơn vị có liên quan", GROUP),
    # seed 002 (OCR, accents lost)
    ("So Tu phap", "Sở Tư pháp", DEPT),
    ("Cac So, nganh", "Các sở, ngành", GROUP),
    ("So Noi vu", "Sở Nội vụ", DEPT),
    ("So Tai chinh", "Sở Tài chính", DEPT),
    ("So TT&TT", "Sở Thông tin và Truyền thông", DEPT),
    ("So Thong tin va Truyen thong", "Sở Thông tin và Truyền thông", DEPT),
    ("Van phong UBND tinh", "Văn phòng UBND tỉnh", OFFICE),
    ("UBND cap huyen", "UBND cấp huyện", GROUP),
    ("Cac so, co quan, don vi thuoc UBND tinh", "Các sở, cơ quan, đơn vị thuộc UBND tỉnh", GROUP),
    ("So Giao duc va DT", "Sở Giáo dục và Đào tạo", DEPT),
]

ABBREVIATIONS = [
    ("Sở TTTT", "Sở Thông tin và Truyền thông", DEPT, "Sở Khoa học và Công nghệ"),
    ("VP UBND tỉnh", "Văn phòng UBND tỉnh", OFFICE, None),
    ("ĐVSN công lập", "Các đơn vị sự nghiệp công lập", GROUP, None),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo", DEPT, None),
    ("Đài PT-TH", "Đài Phát thanh và Truyền hình tỉnh", OTHER, None),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", DEPT, "Sở Tài chính"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội", DEPT, "Sở Nội vụ"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn", DEPT, "Sở Nông nghiệp và Môi trường"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường", DEPT, "Sở Nông nghiệp và Môi trường"),
    ("Sở GTVT", "Sở Giao thông vận tải", DEPT, "Sở Xây dựng"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông", DEPT, "Sở Khoa học và Công nghệ"),
    ("Sở Nội vụ", "Sở Nội vụ", DEPT, None),
    ("Uỷ ban nhân dân tỉnh", "UBND tỉnh", COMM, None),
    ("Ủy ban nhân dân cấp huyện", "UBND cấp huyện", GROUP, None),
    ("Hội đồng nhân dân tỉnh", "HĐND tỉnh", COMM, None),
    ("UBND tỉnh Bắc Giang", "UBND tỉnh", COMM, None),
    ("Sở Nội vụ tỉnh Bắc Giang", "Sở Nội vụ", DEPT, None),
    ("Báo Bắc Giang", "Báo Bắc Giang", OTHER, None),
    ("Thanh tra tỉnh", "Thanh tra tỉnh", DEPT, None),
    ("Cục Thuế tỉnh", "Cục Thuế tỉnh", DEPT, None),
    ("Kho bạc Nhà nước tỉnh", "Kho bạc Nhà nước tỉnh", DEPT, None),
]


@pytest.mark.parametrize(("text", "name", "kind"), SEED_AGENCIES)
def test_seed_agencies(text: str, name: str, kind: str) -> None:
    a = match_agency(text)
    assert (a.name, a.kind) == (name, kind)
    assert a.text == text
    assert a.score is not None and 90 <= a.score <= 100


@pytest.mark.parametrize(("text", "name", "kind", "current"), ABBREVIATIONS)
def test_abbreviations_and_current_names(text: str, name: str, kind: str, current: str | None) -> None:
    a = match_agency(text)
    assert (a.name, a.kind, a.current_name) == (name, kind, current)


UNKNOWN = [
    ("Sở Du lịch", DEPT),
    ("Sở Lao động", DEPT),
    ("Sở Tài nguyên", DEPT),
    ("Sở Nông nghiệp", DEPT),
    ("Ban Chỉ đạo CCHC tỉnh", DEPT),
    ("Phòng Nội vụ", OFFICE),
    ("Trung tâm Y tế huyện", OFFICE),
    ("Hội đồng thi đua", COMM),
    ("UBND thành phố", COMM),
    ("Các phòng", GROUP),
    ("Các Sở, ban, ngành,các công ty cổ phần có liên quan", GROUP),
    ("các cơ quan thông tin đại chúng, các tổ chức đoàn thể, các cơ quan, đơn vị", GROUP),
    ("Các sở, ngành, cơ quan quản lý cấp trên thuộc tỉnh", GROUP),
    ("Cơ quan NN quản lý cấp trên của ĐVSN", OTHER),
    ("Cơ quan HCNN, ĐVSN được giao thực hiện cơ chế tự chủ", OTHER),
    ("Văn", OTHER),
    ("cán bộ", OTHER),
    ("Báo cáo", OTHER),
    ("Công ty Cổ phần Xuất nhập khẩu", OTHER),
    ("", OTHER),
]


@pytest.mark.parametrize(("text", "kind"), UNKNOWN)
def test_unknown_keeps_name_null(text: str, kind: str) -> None:
    a = match_agency(text)
    assert a.name is None
    assert a.score is None
    assert a.kind == kind


@pytest.mark.parametrize(
    "text",
    ["Sở Ngoi vụ", "PUBND tinh", "So Tx va MT", "Sở Kế hoạch và Công nghệ", "Sở Tài chính và Đầu tư"],
)
def test_ambiguous_damage_is_not_guessed(text: str) -> None:
    assert match_agency(text).name is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sở NoOi vụ", "Sở Nội vụ"),  # `ộ` read as `oO`: a vowel doubled, no syllable
        ("Số NO6i vũ", "Sở Nội vụ"),  # `ộ` read as `6`
        ("Sở Tài chinh", "Sở Tài chính"),  # marks lost: an exact key
    ],
)
def test_a_short_name_read_with_one_ocr_slip(text: str, name: str) -> None:
    """Short names are left out of the fuzzy ratio (one letter makes another agency); a word OCR
    slipped in that reads as no syllable is still that name's."""
    assert match_agency(text).name == name


@pytest.mark.parametrize(
    "text",
    [
        "Sở Ngoại vụ Nội",  # four words: no alias
        "Sở Nai vụ",  # `nai` is a syllable: another word, not a slip of `Nội`
        "S6 NoOi vu",  # two words slipped in a three-word name
    ],
)
def test_slips_that_are_not_guessed(text: str) -> None:
    assert match_agency(text).name is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sở Khoa học và Công", "Sở Khoa học và Công nghệ"),  # the cell wrapped `nghệ` away
        ("Sở Khoa học và", "Sở Khoa học và Công nghệ"),
        ("Kho bạc Nhà", "Kho bạc Nhà nước tỉnh"),
        ("Sở Khoa học", None),  # two words: too little of the name to say
        ("Sở Nông nghiệp và", None),  # opens two agencies' names
        ("Ban Quản lý", None),  # opens one known name, but most of it would be guessed
        ("Sở Văn hóa, Thể thao", None),  # three words missing
        ("Các cơ quan, đơn vị", "Các cơ quan, đơn vị"),  # a group is a group of its own, never completed
    ],
)
def test_a_name_cut_short_is_the_one_name_it_opens(text: str, name: str | None) -> None:
    agency = match_agency(text)
    assert agency.name == name
    assert agency.text == text  # the name as written: its missing words are no repair
    if name is not None and name != text:
        assert agency.score is not None and agency.score < 100
        assert closest_alias(text, load_gazetteer()) is None  # and no spelling fix either


def test_cells_of_seed_split_and_matched() -> None:
    cell = "Sở Thông tin và Truyền thông, Công an tỉnh, Sở Tài chính, Sở Kế hoạch và Đầu tư, UBND cấp huyện"
    names = [match_agency(t).name for t in split_agencies(cell)]
    assert names == [
        "Sở Thông tin và Truyền thông",
        "Công an tỉnh",
        "Sở Tài chính",
        "Sở Kế hoạch và Đầu tư",
        "UBND cấp huyện",
    ]
    kinds = [match_agency(t).kind for t in split_agencies("Các sở, ban, ngành; UBND cấp huyện")]
    assert kinds == ["group", "group"]


def test_builtin_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_load_gazetteer_csv_merges_over_builtin(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(
        "alias,name,kind,current_name\n"
        "Sở VHTT,Sở Văn hóa và Thể thao,department,\n"
        "Phòng NV,Phòng Nội vụ,office,Phòng Nội vụ\n",
        encoding="utf-8",
    )
    gz = load_gazetteer(path)
    assert isinstance(gz, Gazetteer)
    assert match_agency("Sở VHTT", gz).name == "Sở Văn hóa và Thể thao"
    assert match_agency("Phòng Nội vụ", gz).kind == "office"
    assert match_agency("Phòng NV", gz).current_name is None  # same as its own name
    assert match_agency("Sở Nội vụ", gz).name == "Sở Nội vụ"  # built-in entries stay
    assert match_agency("Sở VHTT").name is None  # the built-in gazetteer is unchanged


def test_load_gazetteer_json_overrides(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    rows = [
        {"alias": "Sở TT&TT", "name": "Sở Thông tin và Truyền thông", "kind": "department", "current_name": "Sở KH&CN"}
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    gz = load_gazetteer(path)
    assert match_agency("Sở TT&TT", gz).current_name == "Sở KH&CN"


def test_load_gazetteer_rejects_bad_kind(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("alias,name,kind\nX,Y,ministry\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ministry"):
        load_gazetteer(path)


def test_gazetteer_data_is_well_formed() -> None:
    from importlib import resources

    raw = json.loads(resources.files("kehoach_parse.data").joinpath("agencies.json").read_text("utf-8"))
    names = [e["name"] for e in raw["agencies"]]
    assert len(names) == len(set(names))
    for e in raw["agencies"]:
        assert e["kind"] in {"department", "office", "committee", "group", "other"}
        if "current_name" in e:
            assert e["current_name"] in names
