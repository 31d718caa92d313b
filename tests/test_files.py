"""files.write_atomic: the one writer every output goes through."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from kehoach_parse.errors import KehoachError
from kehoach_parse.files import write_atomic


@pytest.mark.parametrize("content", ["Sở Tư pháp\n", "Sở Tư pháp\n".encode()])
def test_text_and_bytes_give_the_same_file(tmp_path: Path, content: str | bytes) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, content)
    assert target.read_bytes() == "Sở Tư pháp\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left


def test_a_writer_streams_into_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, lambda fh: [fh.write(b"a"), fh.write(b"b")])
    assert target.read_bytes() == b"ab"


def test_a_failing_writer_leaves_neither_output_nor_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"

    def boom(fh) -> None:
        fh.write(b"half")
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_atomic(target, boom)
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` once renamed a file over the device (as root); a FIFO shows the same case safely."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, b"records")
    reader.join(timeout=30)
    assert got == [b"records"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_directory_target_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KehoachError, match="thư mục"):
        write_atomic(tmp_path, b"x")
