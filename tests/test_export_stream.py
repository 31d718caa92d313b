"""The record-by-record JSON writer gives exactly the bytes of dumping the whole document."""

from __future__ import annotations

import pytest

from conftest import S000, S001, S002, S004, parsed
from kehoach_parse.export import dumps_json, to_data, to_json


@pytest.mark.parametrize("sample", [S000, S001, S002, S004, "samples/handmade/dev/quangtri_ubnd_2025.docx"])
def test_streamed_json_equals_the_whole_dump(sample: str) -> None:
    plan = parsed(sample)
    assert to_json(plan) == dumps_json(to_data(plan))
