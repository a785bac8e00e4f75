"""Files' sha256 remembered by their stat, so an export of an unchanged folder reads no
briefing or sidecar to know it is unchanged.

A digest is reused only while the file's size, modification and change times (in
nanoseconds), inode and device are what they were when it was read. A file rewritten
with the same size inside one tick of the file system's clock keeps all of them (ext4
ticks in milliseconds, FAT in 2 s), so a digest is remembered only for a file last
changed more than :data:`SETTLED_NS` before it was read (git's "racy" rule): any later
change then falls on a later tick and shows. The stat is taken from the open file before
and after reading; a file that changed while it was read is not remembered either.

Kept in one file beside the summary parts (``parts/digests``, marshal of plain tuples,
checked on reading, written whole; silent on any failure, like every cache), read once
per process and written at the end of a run that learnt something.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import time
from pathlib import Path
from typing import Any

from briefing_tui.core.extract import cache
from briefing_tui.core.extract.split_cache import write_whole

SETTLED_NS = 2_000_000_000
MAX_FILES = 100_000
MAGIC = b"BTFD1\n"
NAME = "digests"

Stat = tuple[int, int, int, int, int]
_known: dict[str, tuple[Stat, str]] | None = None
_learnt = False


def _stat(result: os.stat_result) -> Stat:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino,
            result.st_dev)


def _file() -> Path | None:
    where = cache.folder()
    return None if where is None else where / "parts" / NAME


def _memo() -> dict[str, tuple[Stat, str]]:
    global _known
    if _known is None:
        _known = _read()
    return _known


def _read() -> dict[str, tuple[Stat, str]]:
    where = _file()
    if where is None:
        return {}
    try:
        data = where.read_bytes()
        body = data[len(MAGIC) + 32:]
        if not data.startswith(MAGIC) or \
                hashlib.sha256(body).digest() != data[len(MAGIC):len(MAGIC) + 32]:
            return {}
        record: Any = marshal.loads(body)
        if type(record) is not dict:
            return {}
        for path, value in record.items():
            if type(path) is not str or type(value) is not tuple or len(value) != 2 or \
                    type(value[1]) is not str or type(value[0]) is not tuple or \
                    len(value[0]) != 5 or any(type(v) is not int for v in value[0]):
                return {}
        return record
    except (OSError, ValueError, TypeError, EOFError):
        return {}


def sha256_of(path: Path) -> str:
    """The sha256 (hex) of ``path``'s bytes, from memory when its stat is unchanged.
    Raises OSError as reading it would."""
    global _learnt
    name = os.path.abspath(path)
    known = _memo().get(name)
    if known is not None and known[0] == _stat(os.stat(path)):
        return known[1]
    with open(path, "rb") as handle:
        before = _stat(os.fstat(handle.fileno()))
        digest = hashlib.sha256(handle.read()).hexdigest()
        after = _stat(os.fstat(handle.fileno()))
    if before == after and time.time_ns() - max(before[1], before[2]) > SETTLED_NS:
        _memo()[name] = (before, digest)
        _learnt = True
    return digest


def save() -> None:
    """Write what this process learnt (nothing when it learnt nothing)."""
    global _learnt
    where = _file()
    if not _learnt or where is None:
        return
    memo = _memo()
    if len(memo) > MAX_FILES:  # a folder of many runs: start again from what is here
        memo.clear()
    try:
        body = marshal.dumps(memo)
        where.parent.mkdir(parents=True, exist_ok=True)
        write_whole(where, MAGIC + hashlib.sha256(body).digest() + body)
    except (OSError, ValueError):
        return
    _learnt = False


def forget() -> None:
    """Drop what is in memory (the next look reads the file again): for tests and for
    a cache folder that changed."""
    global _known, _learnt
    _known, _learnt = None, False
