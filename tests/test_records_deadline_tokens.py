"""Every token of an OCR'd deadline is accounted for (issue 11, "nothing changes silently").

The rule is general: the deadline grammar (dates, months, quarters, years and the lists that
continue them), the vocabulary of data/deadline_phrases.json in the case it is written in, a
number beside its unit, connectors between two parts and a remark's parentheses explain a
token; anything else — a capitalised word inside a lower-case deadline, stray punctuation, a
number or numeral after a complete date or quarter — makes the deadline doubtful, with a reason.
Every input is composed for the test.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS, corpus_misses
from kehoach_parse.files import read_data
from kehoach_parse.plan.columns import map_header
from kehoach_parse.plan.deadlines import parse_deadline
from kehoach_parse.plan.records import DOUBT_CONFIDENCE, TableState, _recurring, build_records, deadline_doubts
from kehoach_parse.source import Cell, Row, Table
from kehoach_parse.vietnamese.keys import fold

PERIOD = (2024, 2025)


def _doubts(text: str) -> list[str]:
    return deadline_doubts(text, text, parse_deadline(text, PERIOD), PERIOD)


@pytest.mark.parametrize(
    "text",
    [
        "QUÝ III/2025",  # an all-capital cell is a style
        "THƯỜNG XUYÊN",
        "Trong quý III năm 2024",
        "Quý I và Quý III/2025",
        "Quý III, IV năm 2025",
        "Tháng 3, 6, 9",
        "Tháng 6, tháng 12/2025",
        "Quý IV/2024- Quý I/2025",
        "Năm 2024 - 2025",
        "Giai đoạn 2024-2025",
        "Quý III/ 2025",
        "Quý IV/ năm 2024",
        "Tháng 12/ 2024",
        "Trước 30/6/2025",
        "Trước ngày 20 tháng cuối quý",  # a day beside its unit
        "Thường xuyên hằng năm",
        "Quý II/2025 (trước ngày 15)",  # a remark: prose, not the grammar
    ],
)
def test_every_token_of_a_well_formed_deadline_is_accounted_for(text: str) -> None:
    assert _doubts(text) == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Hàng QUÝ.", "case:QUÝ"),  # one all-capital word inside a lower-case deadline
        ("Hàng QUÝ.", "stray punctuation:."),
        ("Hàng quý.", "stray punctuation:."),
        ("Năm 2025 |", "stray punctuation:|"),  # a ruling line read as a bar
        ("Tháng 6/", "stray punctuation:/"),  # its year lost
        ("- Quý I/2025", "stray punctuation:-"),  # a connector with nothing before it
        ("Quý I/2025,", "stray punctuation:,"),
        ("Quý II/2025 (Sở Nội vụ", "stray punctuation:("),
        ("tHáng 07/2025", "case:tHáng"),
        ("Quý ii/2025", "case:ii"),
        ("Trước ngày 15/03/2024 3", "a number no time phrase explains:3"),  # after a complete date
        ("Quý II/2025 7", "a number no time phrase explains:7"),
        ("Năm 2025 I", "a numeral outside a quarter:I"),
        ("Quý III/2025 IV", "a numeral outside a quarter:IV"),
    ],
)
def test_an_unexplained_token_is_a_doubt_with_its_reason(text: str, why: str) -> None:
    assert why in _doubts(text)


def test_the_time_words_come_from_the_data_file() -> None:
    """`_TIME_WORDS` moved to data/deadline_phrases.json `time_words`: a word there is no doubt."""
    words = read_data("deadline_phrases.json")["time_words"]
    assert "xuyên" in words and "giai" in words
    assert _doubts("Dự kiến hoàn thành quý III năm 2025") == []


def test_an_unexplained_token_caps_the_field_and_is_reported_once() -> None:
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    rows = [Row(cells=[Cell(t, c) for c, t in enumerate(header)], page=1)]
    for k, text in enumerate(["Hàng QUÝ.", "Hàng quý", "Trước ngày 15/03/2024 3"], 1):
        cells = [Cell(str(k), 0, confidence=0.96), Cell(f"Nhiệm vụ số {k}", 1, confidence=0.96)]
        cells += [Cell("Sở Nội vụ", 2, confidence=0.96), Cell(text, 3, confidence=0.96)]
        rows.append(Row(cells=cells, page=1))
    table = Table(rows=rows, n_cols=4, confidence=0.9)
    cmap = map_header(table)
    assert cmap is not None
    state = TableState()
    recs = build_records(table, cmap, PERIOD, state=state)
    assert [r.provenance.field_confidence["deadline"] for r in recs] == [DOUBT_CONFIDENCE, 0.96, DOUBT_CONFIDENCE]
    assert [f.record_id for f in state.findings if f.code == "W_LOW_CONFIDENCE_FIELD"] == ["0.1", "0.3"]
    assert "case:QUÝ" in state.findings[0].message
    assert recs[2].deadline is not None and recs[2].deadline.text == "Trước ngày 15/03/2024 3"  # the text is kept


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_every_time_word_occurs_in_the_corpus() -> None:
    """No time word may be one sample's private word: each occurs in ../shared/corpus text."""
    words = read_data("deadline_phrases.json")["time_words"]
    assert len(words) == len(set(words)) and all(w == w.strip().lower() and " " not in w for w in words)
    assert not corpus_misses({w: w for w in words}, lambda line: " ".join(line.lower().split()))


def test_recurring_words_are_time_words_and_drive_the_doubts() -> None:
    """`every_words`/`counting_words` (data/deadline_phrases.json) are time words, and removing one
    from the file would change what is doubted: each is exercised here."""
    raw = read_data("deadline_phrases.json")
    words = set(raw["time_words"])
    assert set(raw["every_words"]) <= words and set(raw["counting_words"]) <= words
    assert not set(raw["every_words"]) & set(raw["counting_words"])
    bare, numbered = _recurring()
    for w in raw["every_words"]:
        assert not bare.search(fold(f"{w} quý")) and numbered.search(fold(f"{w} quý 3"))
    for w in raw["counting_words"]:
        assert not bare.search(fold(f"{w} tháng")) and not numbered.search(fold(f"{w} quý 3"))
    assert bare.search(fold("Quý năm 2025")) and not bare.search(fold("Quý IV năm 2025"))
