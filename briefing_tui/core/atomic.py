"""Reading a small file with its fingerprint, and replacing it atomically.

A crash, a kill or a full disk at any moment leaves either the old bytes or the new ones,
never a mix: the new content goes to a temp file in the same folder, is flushed and
fsynced, then ``os.replace`` swaps it in and the folder is fsynced so the rename survives
a power cut. Temp files that a kill left behind are removed by a later save once they are
an hour old. Nothing here knows about sidecars; errors are plain ``OSError``.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import itertools
import os
import stat
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO named like a sidecar must not hang us
_counter = itertools.count(1)
STALE_TEMP_SECONDS = 3600  # no save takes an hour: older temp files are left by crashes


@dataclass(frozen=True)
class Fingerprint:
    """Identity of the bytes on disk when we read or wrote them (``sha256`` decides)."""

    size: int
    mtime_ns: int
    sha256: str


class TooLarge(OSError):
    """The file is over the size limit; ``size`` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size


class NotRegularFile(OSError):
    """A folder, device or FIFO where a file was expected."""

    def __init__(self) -> None:
        super().__init__(errno.EINVAL, "not a regular file")


def read_bytes(path: Path, max_bytes: int | None = None) -> tuple[bytes, Fingerprint]:
    """The file's bytes and their fingerprint, read from one open file (symlinks refused).

    The size is checked before reading. If the file changes while we read, we read again,
    so the fingerprint is that of the bytes returned.
    """
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    try:
        for _attempt in range(3):
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise NotRegularFile()
            if max_bytes is not None and before.st_size > max_bytes:
                raise TooLarge(before.st_size)
            os.lseek(fd, 0, os.SEEK_SET)
            chunks = []
            limit = before.st_size + 1 if max_bytes is None else max_bytes + 1
            total = 0
            while chunk := os.read(fd, max(65536, limit - total)):
                chunks.append(chunk)
                total += len(chunk)
                if max_bytes is not None and total > max_bytes:
                    raise TooLarge(total)
            after = os.fstat(fd)
            if (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns) \
                    and total == after.st_size:
                break
        data = b"".join(chunks)
        return data, Fingerprint(len(data), after.st_mtime_ns, hashlib.sha256(data).hexdigest())
    finally:
        os.close(fd)


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of what is at ``path`` now, or None when nothing is there.

    Never follows a symlink. When the bytes cannot be read (a symlink, permission denied,
    a folder), ``sha256`` is empty: such a fingerprint tells that something is there and
    when it changed, but never proves content equal.
    """
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # no file can have this name: nothing is there
            return None
        raise
    try:
        return read_bytes(path)[1]
    except FileNotFoundError:
        return None
    except OSError:
        return Fingerprint(info.st_size, info.st_mtime_ns, "")


NAME_MAX = 255  # bytes in one file name, on every file system we write to
_KEEP_TAIL = 40  # characters of the end of a long name kept in its temp name (suffixes)


def _temp_stem(path: Path) -> str:
    """The part of the temp name before ``.tmp-``: ``.{name}``, shortened if need be.

    ``.{name}.tmp-{pid}-{n}`` overflows NAME_MAX for names over ~225 bytes, and then no save
    could ever succeed. A long name keeps its start and end (the suffixes, which ignore
    rules match) around a hash of the whole name: ``.{start}~{hash}{end}``, still unique
    to the file and still found by :func:`_remove_stale_temps`.
    """
    name = path.name
    stem = f".{name}"
    if len(os.fsencode(stem)) + 24 <= NAME_MAX:  # ".tmp-" + pid + "-" + counter
        return stem
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    tail = name[-_KEEP_TAIL:]
    head = name[:-_KEEP_TAIL]
    room = NAME_MAX - 24 - len(os.fsencode(f".~{digest}{tail}"))
    while len(os.fsencode(head)) > room:
        head = head[:-1]
    return f".{head}~{digest}{tail}"


def _create_temp(path: Path, mode: int) -> tuple[Path, int]:
    stem = _temp_stem(path)
    for _ in range(100):
        temp = path.with_name(f"{stem}.tmp-{os.getpid()}-{next(_counter)}")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
            return temp, os.open(temp, flags, mode)
        except FileExistsError:  # left over by a killed process that had our pid
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path))


def _remove_stale_temps(path: Path) -> None:
    """Best effort: drop temp files a killed save left behind (ours only, and old)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    with suppress(OSError):
        for temp in path.parent.glob(f"{glob.escape(_temp_stem(path))}.tmp-*"):
            with suppress(OSError):
                info = os.lstat(temp)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(temp)


def _fsync_folder(folder: Path) -> None:
    # Best effort: the rename has happened, so failing now would make the caller believe the
    # old file is still in place. Some file systems refuse fsync on folders (EINVAL).
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes,
                 before_replace: Callable[[], None] | None = None) -> Fingerprint:
    """Replace ``path`` with ``data`` atomically and return the new fingerprint.

    ``before_replace`` runs after the data is safely on disk and right before the rename;
    whatever it raises aborts the write. The existing file's mode is kept (new files get
    0o644 less the umask). On any error the temp file is removed, the old file is untouched
    and the error propagates. A symlink at ``path`` is refused with ELOOP.
    """
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and stat.S_ISLNK(old.st_mode):
        raise OSError(errno.ELOOP, "is a symbolic link", str(path))
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise NotRegularFile()
    temp, fd = _create_temp(path, 0o644 if old is None else 0o600)
    try:
        try:
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                if os.geteuid() == 0 and (old.st_uid, old.st_gid) != (0, 0):
                    with suppress(OSError):  # as root, do not take the file from its owner
                        os.fchown(fd, old.st_uid, old.st_gid)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            written = os.fstat(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)
    _remove_stale_temps(path)
    return Fingerprint(len(data), written.st_mtime_ns, hashlib.sha256(data).hexdigest())
