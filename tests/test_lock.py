"""The lock file that tells a second app a briefing is already open (core.lock)."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import briefing_tui.core.lock as lock_module
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.lock import STALE_SECONDS, DocumentLock, LockState, Owner, lock_path


class ReadOnlyOs:
    """``os`` for core.lock only, where nothing can be created (EROFS)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def open(self, path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return os.open(path, flags, mode, **kw)


def briefing(tmp_path: Path) -> Path:
    doc = tmp_path / "article.txt"
    doc.write_text("Kabul talks resumed.\n", encoding="utf-8")
    return doc


def write_lock(doc: Path, age: float = 0.0, **fields: Any) -> Path:
    me = Owner.me()
    data = {"host": me.host, "pid": os.getpid(), "user": "amina", "boot": me.boot,
            "started": "2026-06-11T09:30:00+00:00", "token": "theirs", "proc": ""}
    data.update(fields)
    path = lock_path(doc)
    path.write_text(json.dumps(data), encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_first_takes_it_second_is_told_who_and_release_frees_it(tmp_path: Path) -> None:
    doc = briefing(tmp_path)
    first, second = DocumentLock(doc), DocumentLock(doc)
    assert first.acquire() is LockState.HELD
    assert lock_path(doc).name == ".article.txt.annotations.lock"
    assert second.acquire() is LockState.OTHER
    assert second.owner is not None and second.owner.pid == os.getpid()
    assert f"@{socket.gethostname()} (pid {os.getpid()}) since " in second.owner.describe()
    assert first.acquire() is LockState.HELD  # taking it again is harmless
    second.release()  # not its lock: left alone
    assert lock_path(doc).exists()
    first.release()
    assert not lock_path(doc).exists()
    assert second.acquire() is LockState.HELD


def test_lock_files_are_never_listed_as_briefings(tmp_path: Path) -> None:
    doc = briefing(tmp_path)
    DocumentLock(doc).acquire()
    assert find_documents([tmp_path]).documents == [doc]


def test_a_dead_process_lock_on_this_host_is_taken_over(tmp_path: Path) -> None:
    doc = briefing(tmp_path)
    write_lock(doc, pid=dead_pid())
    mine = DocumentLock(doc)
    assert mine.acquire() is LockState.HELD
    assert mine.still_ours()
    assert [p.name for p in tmp_path.iterdir() if "stale" in p.name] == []


def test_a_reused_pid_does_not_keep_a_lock(tmp_path: Path) -> None:
    """Same pid as a live process, but that process started at another time."""
    doc = briefing(tmp_path)
    if not Owner.me().proc:
        pytest.skip("no /proc start times here")
    write_lock(doc, pid=os.getpid(), proc="1")
    assert DocumentLock(doc).acquire() is LockState.HELD


@pytest.mark.parametrize(("age", "expected"), [(60.0, LockState.OTHER),
                                               (STALE_SECONDS + 60, LockState.HELD)])
def test_another_hosts_lock_is_live_until_it_stops_being_refreshed(
        tmp_path: Path, age: float, expected: LockState) -> None:
    doc = briefing(tmp_path)
    write_lock(doc, age=age, host="laptop-7", pid=4242, boot="elsewhere")
    assert DocumentLock(doc).acquire() is expected


@pytest.mark.parametrize(("age", "expected"), [(1.0, LockState.OTHER),
                                               (60.0, LockState.HELD)])
def test_a_half_written_lock_is_young_or_stale(tmp_path: Path, age: float,
                                               expected: LockState) -> None:
    doc = briefing(tmp_path)
    path = lock_path(doc)
    path.write_bytes(b'{"host": "lap')  # a crash between create and write
    os.utime(path, (time.time() - age, time.time() - age))
    mine = DocumentLock(doc)
    assert mine.acquire() is expected
    if expected is LockState.OTHER:
        assert mine.owner is not None and "another app" in mine.owner.describe()


def test_refresh_touches_our_lock_and_notices_losing_it(tmp_path: Path) -> None:
    doc = briefing(tmp_path)
    mine = DocumentLock(doc)
    mine.acquire()
    os.utime(lock_path(doc), (1, 1))
    assert mine.refresh()
    assert time.time() - lock_path(doc).stat().st_mtime < 60
    write_lock(doc, host="laptop-7", pid=4242)  # someone judged us gone
    assert not mine.refresh()
    mine.release()
    assert lock_path(doc).exists()  # theirs: left alone


def test_a_taker_that_lost_the_race_puts_the_new_lock_back(tmp_path: Path) -> None:
    """Between our look at a stale lock and our rename, another app took it over."""
    doc = briefing(tmp_path)
    stale = Owner(host="laptop-7", pid=4242, token="stale")
    fresh = write_lock(doc, host="laptop-7", pid=99, token="fresh")
    DocumentLock(doc)._break(stale)
    assert json.loads(fresh.read_text())["token"] == "fresh"
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "article.txt"]


@pytest.mark.parametrize("failure", ["read-only", "symlink", "folder"])
def test_no_lock_possible_means_unavailable_with_a_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    doc = briefing(tmp_path)
    if failure == "read-only":
        monkeypatch.setattr(lock_module, "os", ReadOnlyOs())
    elif failure == "symlink":
        lock_path(doc).symlink_to(tmp_path / "elsewhere")
    else:
        lock_path(doc).mkdir()
    mine = DocumentLock(doc)
    assert mine.acquire() is LockState.UNAVAILABLE
    assert mine.reason
    if failure == "read-only":
        assert mine.reason == "the folder is read-only"
    mine.release()
    assert os.path.lexists(lock_path(doc)) == (failure != "read-only")


@pytest.mark.parametrize("content", [b"[]", b"{\"pid\": \"12\"}", b"\xff\xfe", b"1" * 70000,
                                     b'{"host": "\\u001b]0;x\\u0007", "pid": 3}'])
def test_hostile_lock_files_never_crash(tmp_path: Path, content: bytes) -> None:
    doc = briefing(tmp_path)
    lock_path(doc).write_bytes(content)
    mine = DocumentLock(doc)
    state = mine.acquire()
    assert state in (LockState.OTHER, LockState.UNAVAILABLE)
    if mine.owner is not None:
        assert len(mine.owner.describe()) < 1000
