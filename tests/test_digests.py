"""Files' digests remembered by their stat (issue #17): reused only while size, times,
inode and device are unchanged, never for a file changed within the last two seconds
(a rewrite inside one tick of the clock would keep its stat), kept in one checked file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.core import digests
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export.folder import export_folder
from briefing_tui.core.sidecar import sidecar_path

from .tagged_corpus import NAMES, tagged_corpus


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    digests.forget()  # each test's own cache folder, read afresh
    yield
    digests.forget()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remembered(path: Path) -> str | None:
    known = digests._memo().get(os.path.abspath(path))
    return None if known is None else known[1]


def test_a_file_changed_just_now_is_hashed_every_time(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"first")
    assert digests.sha256_of(path) == sha(b"first")
    assert remembered(path) is None  # racy: it may change again within the same tick
    path.write_bytes(b"other")  # same size, very likely the same clock tick
    assert digests.sha256_of(path) == sha(b"other")


def test_a_settled_file_s_digest_is_used_while_its_stat_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    path = tmp_path / "a.txt"
    path.write_bytes(b"first")
    assert digests.sha256_of(path) == remembered(path) == sha(b"first")
    name = os.path.abspath(path)
    stat, _ = digests._memo()[name]
    digests._memo()[name] = (stat, "remembered")  # the stat alone decides
    assert digests.sha256_of(path) == "remembered"
    before = path.stat()
    path.write_bytes(b"other")  # same size; even the same mtime, set back by hand
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert digests.sha256_of(path) == sha(b"other")  # its change time moved


def test_a_file_replaced_by_another_of_the_same_size_and_times_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_bytes(b"first")
    other.write_bytes(b"other")
    digests.sha256_of(path)
    os.replace(other, path)  # a save by rename: a new inode
    assert digests.sha256_of(path) == sha(b"other")


def test_what_was_learnt_is_kept_for_the_next_run_and_a_bad_file_is_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    path = tmp_path / "a.txt"
    path.write_bytes(b"first")
    digests.sha256_of(path)
    digests.save()
    digests.forget()
    assert remembered(path) == sha(b"first")
    kept = digests._file()
    assert kept is not None
    kept.write_bytes(kept.read_bytes()[:-3] + b"???")  # the digest no longer matches
    digests.forget()
    assert remembered(path) is None
    assert digests.sha256_of(path) == sha(b"first")


def test_a_sidecar_rewritten_at_once_with_the_same_size_is_exported_as_it_is_now(
        tmp_path: Path) -> None:
    folder = tagged_corpus(tmp_path / "corpus", note="Check figure A")
    book = Codebook()
    first = export_folder([folder], "csv", book, timestamp=None, workers=1).data
    sidecar = sidecar_path(folder / NAMES[0])
    text = sidecar.read_text(encoding="utf-8")
    assert "Check figure A" in text
    swapped = text.replace("Check figure A", "Check figure B")  # the same size
    before = sidecar.stat()
    sidecar.write_text(swapped, encoding="utf-8")
    os.utime(sidecar, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert sidecar.stat().st_size == before.st_size
    second = export_folder([folder], "csv", book, timestamp=None, workers=1).data
    assert b"Check figure B" in second  # the other two briefings keep their "A"
    assert b"Check figure A" in first
