"""Reading curators' files: whole, bounded, and never blocking."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from kiosk.content import files


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5000])
def test_read_bytes_reads_the_whole_file_or_one_byte_past_the_limit(tmp_path, size):
    path = tmp_path / "portrait.yaml"
    data = os.urandom(size)
    path.write_bytes(data)
    got = files.read_bytes(str(path), limit=1000)
    # One byte past the limit is how the caller tells "too big" from "just fits".
    assert got == data[:1001]


def test_read_bytes_follows_a_file_that_grew_after_it_was_opened(tmp_path, monkeypatch):
    path = tmp_path / "portrait.yaml"
    path.write_bytes(b"a" * 10)
    real_fstat = os.fstat

    def stale_fstat(fd):  # the size seen before a copy finished writing
        info = real_fstat(fd)
        if path.stat().st_size == 10:
            with open(path, "ab") as handle:
                handle.write(b"b" * 90)
        return SimpleNamespace(st_mode=info.st_mode, st_size=10)

    monkeypatch.setattr(files.os, "fstat", stale_fstat)
    assert files.read_bytes(str(path), limit=1000) == b"a" * 10 + b"b" * 90


def test_read_bytes_refuses_a_pipe_without_blocking(tmp_path):
    fifo = tmp_path / "portrait.yaml"
    os.mkfifo(fifo)
    with pytest.raises(files.UnsafeFile):
        files.read_bytes(str(fifo), limit=1000)
