"""The content cues of the OCR-text line segmentation (issue 12): leads and deadlines on OCR'd text.

The cues are read from the data files (deadline phrases, agency heads, the gazetteer, the
output nouns of the column vocabulary) and must survive OCR without a Vietnamese model
(`Truéc ngay`, `Sé N6i vu`, `Canam`); a cell that looks finished does not take the next
line's words; every cue entry occurs in ../shared/corpus text.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from conftest import CORPUS, corpus_misses
from kehoach_parse.lexicon.agencies import respell_agencies
from kehoach_parse.lexicon.deadlines import (
    deadline_start,
    is_deadline,
    phrases,
    respell,
    waits_for_event,
    wrapped_unit,
)
from kehoach_parse.lexicon.slips import read_with_marks, vowel_slip
from kehoach_parse.loaders import ocr_text, text_columns
from kehoach_parse.loaders.text_columns import Model, segment_line, tokens
from kehoach_parse.vietnamese.keys import fold, key

# --- deadline recogniser --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Quý II/2025", "Quy IV/2023", "Nam 2025", "Thuong xuyen", "Trước ngày 31/12/2024", "Hàng tháng",
     "Quý I - Quý II/2024", "Cả năm 2024", "Tháng 9/2024", "Quý l năm 2024", "Truéc ngay 30/3/2025", "Canam 2024",
     "ném 2025"],
)  # fmt: skip
def test_deadlines_are_recognised_with_and_without_diacritics(text: str) -> None:
    assert deadline_start(text) and is_deadline(text)


@pytest.mark.parametrize("text", ["quy định hành chính", "Kế hoạch", "Sở Nội vụ", "thông tin", "năm học mới"])
def test_other_words_are_not_deadlines(text: str) -> None:
    assert not is_deadline(text)
    assert not deadline_start(text) or text == "năm học mới"  # "năm" alone opens a year only with the year


def test_a_unit_whose_number_wrapped_is_an_open_deadline() -> None:
    assert wrapped_unit("Năm") and wrapped_unit("Trước ngày") and wrapped_unit("Quý II năm") and wrapped_unit("Quý I -")
    assert not wrapped_unit("Hàng tháng") and not wrapped_unit("Quý I/2024")


def test_a_phrase_wrapped_before_its_end_opens_a_deadline() -> None:
    """`6 tháng cuối` / `năm 2025`: the opening words of a phrase, a unit among them, open a deadline
    cell (not a whole one); words without a unit do not (`Hoàn thành` of `hoàn thành trước` opens
    activities)."""
    assert deadline_start("6 thang cudi Quyét dinh") and deadline_start("Sáu tháng đầu")
    assert not is_deadline("6 tháng cuối")
    assert not deadline_start("Hoàn thành việc rà soát")


def test_an_events_opening_waits_for_its_object() -> None:
    """`Khi có` / `phát sinh`: an event's opening words are no finished deadline cell; a slipped
    vowel reads as the word a phrase puts after the word before (`c6` after `Khi` is `có`, not `cả`)."""
    assert waits_for_event("Khi c6") and waits_for_event("Sau khi") and not waits_for_event("Khi có phát sinh")
    assert is_deadline("Khi c6 phat sinh")
    assert not text_columns.closed("deadline", "Khi có") and text_columns.closed("deadline", "Khi có phát sinh")


def test_ocr_slips_are_only_read_into_words_without_vietnamese_marks() -> None:
    assert vowel_slip("so", "s6") and vowel_slip("noi", "n6i") and vowel_slip("truoc", "truec", 2)
    # `-l eng` reads a marked o as `d` (`Ndi` for `Nội`, `Trudc` for `Trước`, `hd sơ` for `hồ sơ`)
    assert vowel_slip("noi", "ndi") and vowel_slip("truoc", "trudc", 2) and deadline_start("Trudc ngay 30/4/2026")
    # and a horn as an apostrophe (`Tru’éc`)
    assert deadline_start("Tru’éc ngay") and is_deadline("Tru'éc ngay 15/6/2026")
    assert not vowel_slip("so", "sc0") and not vowel_slip("tu", "to0")
    assert (
        read_with_marks("Sử") and read_with_marks("đơn") and not read_with_marks("Sé") and not read_with_marks("Truéc")
    )


@pytest.mark.parametrize(
    ("ocr", "spelled"),
    [("Nam\n2025", "Năm\n2025"), ("Thuong xuyen", "Thường xuyên"), ("Truéc ngay 30/3/2025", "Trước ngày 30/3/2025"),
     ("Quy IV/2023 -\nQuy I/2024", "Quý IV/2023 -\nQuý I/2024"), ("Theo quy dinh", "Theo quy định"),
     ("Hàng tháng", "Hàng tháng"), ("Hằng quý", "Hằng quý"), ("Nam", "Nam"), ("Canam 2024", "Cả năm 2024"),
     ("Truc ngay 30/8/2025", "Trước ngày 30/8/2025")],
)  # fmt: skip
def test_deadline_cells_are_spelled_as_the_phrases(ocr: str, spelled: str) -> None:
    """Only words read without Vietnamese marks change; a unit alone ("Nam") is no phrase."""
    assert respell(ocr) == spelled


@pytest.mark.parametrize(
    ("ocr", "spelled"),
    [("QuýIInăm 2026", "Quý II năm 2026"), ("Quy IInam 2024", "Quý II năm 2024"), ("Quý Inăm\n2024", "Quý I năm\n2024"),
     ("QuýIVnăm 2025", "Quý IV năm 2025"), ("Năm2024", "Năm 2024"), ("Thang4/2024", "Tháng 4/2024"),
     ("Inăm", "Inăm"),  # a lone `I` glued to `năm` is a quarter's numeral only after `Quý`
     ("Quý III/2024", "Quý III/2024")],
)  # fmt: skip
def test_time_words_ocr_ran_together_are_spaced_again(ocr: str, spelled: str) -> None:
    assert respell(ocr) == spelled
    if spelled != ocr and "\n" not in ocr:
        assert is_deadline(ocr)  # the grammar reads the glued form as the spaced one


def test_marks_the_repair_stage_guessed_give_way_to_the_phrase_before_a_number() -> None:
    # `Thang` alone was restored as the name `Thắng`; joined to its number it can only be the month
    assert respell("Thắng 3/2025", restored=True) == "Tháng 3/2025"
    assert respell("Thắng 3/2025") == "Thắng 3/2025"  # read by a Vietnamese model: kept as read
    assert respell("Thắng", restored=True) == "Thắng"  # a unit is spelled only before its number


@pytest.mark.parametrize(
    ("ocr", "spelled"),
    [("So Noi vu", "Sở Nội vụ"), ("Sé N6i vu", "Sở Nội vụ"), ("Kho bac Nha nuéc tinh", "Kho bạc Nhà nước tỉnh"),
     ("S@ Tai chinh; S@_ Tu phap", "Sở Tài chính; Sở Tư pháp"), ("Cac so, ban, nganh", "Các sở, ban, ngành"),
     ("Uỷ ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh"), ("So lieu thong ke", "So lieu thong ke"),
     ("SởTàichính", "Sở Tài chính"), ("(SởN ội vụ)", "(Sở Nội vụ)"),
     ("Trung tâm Phục vụ: hành chính công tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),
     ("Cac So, nganh", "Các Sở, ngành"), ("S¢ Tu Phap", "Sở Tư Pháp"), ("SO NOI VU", "Sở Nội vụ")],
)  # fmt: skip
def test_agency_cells_are_spelled_as_the_gazetteer(ocr: str, spelled: str) -> None:
    """Whole names only; what a Vietnamese model read (`Uỷ`) stays as read. A capital the plan printed
    on a word stays (`Cac So` is `Các Sở`); a name in capitals takes the gazetteer's casing."""
    assert respell_agencies(ocr) == spelled


# --- agency and output cues -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [
        "Sở Nội vụ",
        "Sé N6i vu",
        "S@ Tai chinh",
        "S¢ Khoa hoc",
        "Các cơ quan",
        "UBND tỉnh",
        # a head followed by its list's comma, read with marks (the heads are matched without punctuation)
        "Các sở, ban, ngành",
        "Các cơ quan, đơn vị",
        "Sở, ngành",
    ],
)
def test_agency_names_open_with_ocr_slips(start: str) -> None:
    assert text_columns._agency_start(start)


@pytest.mark.parametrize(
    "start",
    # `Bao c4o`, `Bao céo`, `Ban hanh`: `Báo cáo`, `ban hành` with an OCR vowel slip (composed)
    [
        "Sử dụng biên chế",
        "Báo cáo kết quả",
        "Các văn bản",
        "Tổ chức thực hiện",
        "Bao c4o kết quả",
        "Bao céo",
        "Ban hanh",
    ],
)
def test_words_that_only_look_like_agency_heads_do_not(start: str) -> None:
    assert not text_columns._agency_start(start)


def test_lower_case_words_are_no_agency_or_output_start() -> None:
    """`ban hành văn bản` in the middle of a sentence: neither the head `Ban` nor the output noun `Văn bản`."""
    st = text_columns._starts(tokens("ban hành văn bản QPPL | Ban Quản lý | Văn bản"), {})
    assert st.agency == [False, False, False, False, False, True, False, False, False, False]
    assert st.output == [False, False, False, False, False, False, False, False, True, False]


def test_item_labels_are_numbered() -> None:
    """ "Hoạt động 2:" opens a row; "hoạt động của các doanh nghiệp" is a sentence."""
    label = ocr_text._ROW_LABEL["activity"]
    assert label.match(fold("Hoạt động 2: Nâng cao")) and label.match(fold("Hoat; dong I: San"))
    assert not label.match(fold("hoạt động của các doanh nghiệp..."))
    assert text_columns._LABEL.match(fold("2.3. Hoạt động 3: Tổ chức"))
    assert not text_columns._LABEL.match(fold("hoat dong cua cac doanh"))


# --- finished cells -------------------------------------------------------------------------------


def _model() -> Model:
    return Model(["stt", "activity", "deadline", "lead", "partners"], [3.0, 40.0, 12.0, 12.0, 16.0])


def test_a_wrapped_agency_name_continues_in_its_own_column() -> None:
    """`Sở Nội vụ` is a whole name, `Các cơ quan báo` is not: `chí` goes on the partners' cell."""
    above = {0: "1", 1: "Tổng hợp, báo cáo định kỳ kết quả thực", 2: "Trước ngày", 3: "Sở Nội vụ", 4: "Các cơ quan báo"}
    frags = segment_line(_model(), tokens("hiện nhiệm vụ cải cách hành chính 31/12/2024 chí"), above)
    assert [(f.col, f.text) for f in frags] == [
        (1, "hiện nhiệm vụ cải cách hành chính"),
        (2, "31/12/2024"),
        (4, "chí"),
    ]


def test_a_finished_deadline_takes_no_more_time_words() -> None:
    """Beside `Hàng tháng`, the activity's `năm 2024 của tỉnh` stays in the activity."""
    above = {1: "Xây dựng, ban hành Kế hoạch cải cách", 2: "Hàng tháng", 3: "Sở Nội vụ", 4: "Sở Tài chính, Trung"}
    frags = segment_line(_model(), tokens("hành chính năm 2024 của tỉnh tâm Phục vụ hành"), above)
    assert [(f.col, f.text) for f in frags] == [(1, "hành chính năm 2024 của tỉnh"), (4, "tâm Phục vụ hành")]


def test_an_open_deadline_takes_its_number_from_the_next_line() -> None:
    above = {1: "Quản lý, sử dụng biên chế công chức và", 2: "Quý II năm", 3: "Sở Nội vụ", 4: "Sở Tài chính; Trung"}
    frags = segment_line(_model(), tokens("số lượng người làm việc được giao 2024 tâm Phục vụ hành"), above)
    assert (2, "2024") in [(f.col, f.text) for f in frags]


# --- every cue word is the corpus's, not a sample's -----------------------------------------------


def _cue_entries() -> dict[str, str]:
    data = resources.files("kehoach_parse.data")
    titles = json.loads(data.joinpath("column_titles.json").read_text("utf-8"))
    heads = json.loads(data.joinpath("agency_heads.json").read_text("utf-8"))
    entries = list(titles["output_nouns"]) + list(titles["appendix_titles"]) + list(heads["heads"]) + phrases()
    return {key(e): e for e in entries if key(e)}


# Entries the corpus lacks, each with why it stays (the lead decides whether it may):
ABSENT = {
    # the spelled-out counterpart of the attested "sáu tháng đầu năm"; tests/test_records_deadline_doubts.py reads it
    "sáu tháng cuối năm",
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_every_cue_entry_occurs_in_the_corpus() -> None:
    assert corpus_misses(_cue_entries(), key) == sorted(ABSENT)
