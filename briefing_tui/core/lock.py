"""Telling two apps apart that have the same briefing open: a lock file beside the sidecar.

``article.txt`` opened for tagging is marked by ``.article.txt.annotations.lock`` in the
same folder, a small JSON object::

    {"app": "briefing_tui", "version": 1, "host": "laptop-7", "pid": 4242, "user": "amina",
     "started": "2026-06-11T09:30:00+00:00", "token": "…", "boot": "…", "proc": "…"}

The lock is *advisory*: it lets a second app say "also open by amina@laptop-7 (pid 4242)"
and open the tags read-only, instead of both analysts finding out at the first save.
The safety net stays the sidecar's fingerprint check (:mod:`briefing_tui.core.sidecar`),
which never overwrites a file changed since it was read, lock or no lock.

- **Taking it.** ``os.open(O_CREAT | O_EXCL)`` then the JSON (one ``write``); whoever
  creates the file holds the lock.
- **Is it alive?** On the same host (same host name and boot id) the owner is alive when
  its pid is and, where Linux tells, the process started at the recorded time (a reused
  pid does not keep a lock). From another host (or after a reboot) the owner refreshes
  the file's time every minute (:meth:`DocumentLock.refresh`), so a lock untouched for
  :data:`STALE_SECONDS` belongs to a crashed or suspended app. A lock file that is not
  JSON is someone mid-write when younger than :data:`WRITING_SECONDS`, else stale.
- **Stale locks** are taken over: renamed away (one taker wins the rename), checked to be
  the one judged stale (else put back with ``os.link``, which never overwrites) and
  replaced by ours.
- **Released** on every exit the app controls (quit, SIGTERM, SIGHUP, an exception):
  removed only when it still holds our token. A SIGKILL leaves it behind, harmless: the
  next app on this host sees a dead pid and takes it over.
- **Unavailable** when the folder is read-only, the lock is a symlink or folder, or the
  file system refuses: the document still opens with editable tags and the user is told
  that a second app would not be noticed before it saves.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from briefing_tui.core.atomic import read_bytes
from briefing_tui.core.sidecar import real_document

LOCK_PREFIX = "."
LOCK_SUFFIX = ".annotations.lock"
REFRESH_SECONDS = 60.0
STALE_SECONDS = 30 * 60.0  # other hosts: a lock not refreshed for this long is stale
WRITING_SECONDS = 10.0  # an unparseable lock younger than this is being written
MAX_LOCK_BYTES = 64 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def lock_path(document: Path, layer: str = "") -> Path:
    """``dir/article.txt`` -> ``dir/.article.txt.annotations.lock`` (hidden, not listed).

    Beside the real file, like the sidecar: a symlinked briefing shares its target's lock.
    An analyst coding in a layer writes only that layer, so it has a lock of its own
    (``.article.txt@amina.annotations.lock``: "@" is in no analyst's name): two analysts
    double-coding the same briefing at once are not told the other has it open.
    """
    real = real_document(document)
    return real.with_name(LOCK_PREFIX + real.name + (f"@{layer}" if layer else "") +
                          LOCK_SUFFIX)


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.read(4096).strip()
    except OSError:
        return ""


def _boot_id() -> str:
    return _read_text("/proc/sys/kernel/random/boot_id")


def _process_start(pid: int) -> str:
    """When ``pid`` started, in clock ticks since boot (Linux), or "" when unknown."""
    stat = _read_text(f"/proc/{pid}/stat")
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


def _process_state(pid: int) -> str:
    """The one-letter state of ``pid`` in ``/proc`` (Linux; "" when unknown)."""
    fields = _read_text(f"/proc/{pid}/stat").rpartition(")")[2].split()
    return fields[0] if fields else ""


def _pid_alive(pid: int) -> bool:
    """Does ``pid`` run? A zombie (exited, not yet reaped by its parent) does not: ``kill 0``
    still succeeds on it, but it will never save or release anything again."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process
    except OSError:
        return False
    return _process_state(pid) not in ("Z", "X", "x")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return f"uid {os.getuid()}"


@dataclass(frozen=True)
class Owner:
    """Who holds a lock, as its file says (strings are whatever the file holds)."""

    host: str = "?"
    pid: int = 0
    user: str = "?"
    started: str = ""
    token: str = ""
    boot: str = ""
    proc: str = ""

    @classmethod
    def me(cls) -> Owner:
        return cls(socket.gethostname(), os.getpid(), _user(),
                   datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   uuid.uuid4().hex, _boot_id(), _process_start(os.getpid()))

    @classmethod
    def parse(cls, raw: bytes) -> Owner | None:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        text = {k: str(data.get(k, "?"))[:200] for k in ("host", "user", "started", "token",
                                                           "boot", "proc")}
        pid = data.get("pid")
        return cls(text["host"], pid if type(pid) is int else 0, text["user"],
                   text["started"], text["token"], text["boot"], text["proc"])

    def to_json(self) -> bytes:
        return json.dumps({"app": "briefing_tui", "version": 1, "host": self.host,
                           "pid": self.pid, "user": self.user, "started": self.started,
                           "token": self.token, "boot": self.boot, "proc": self.proc},
                          ensure_ascii=True).encode("ascii") + b"\n"

    def describe(self) -> str:
        """``amina@laptop-7 (pid 4242) since 09:30``, for a message."""
        since = self.started
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(self.started).astimezone().strftime(
                "%H:%M on %d %b")
        if not self.pid:
            return "another app (its lock file is being written or is damaged)"
        return f"{self.user}@{self.host} (pid {self.pid}) since {since}"

    def alive(self, age: float) -> bool:
        """Is this owner (whose file was last refreshed ``age`` seconds ago) still there?"""
        if self.host == socket.gethostname() and self.boot == _boot_id():  # "" off Linux
            if not _pid_alive(self.pid):
                return False
            now = _process_start(self.pid)
            return not (self.proc and now and now != self.proc)
        return age < STALE_SECONDS


class LockState(str, Enum):
    HELD = "held"  # ours: tags editable
    OTHER = "other"  # a live lock of someone else: see ``owner``
    UNAVAILABLE = "unavailable"  # no lock possible here: see ``reason``


@dataclass
class DocumentLock:
    """The lock on one document, as this app sees it."""

    document: Path
    state: LockState = LockState.UNAVAILABLE
    owner: Owner | None = None  # who holds it when OTHER
    reason: str = ""  # why UNAVAILABLE
    me: Owner | None = None
    layer: str = ""  # the analyst whose layer is edited ("": the shared sidecar)

    @property
    def path(self) -> Path:
        return lock_path(self.document, self.layer)

    def acquire(self) -> LockState:
        """Try to take the lock (again); returns and records the state."""
        self.me = self.me or Owner.me()
        try:
            for _attempt in range(3):
                try:
                    self._create()
                except FileExistsError:
                    pass
                else:
                    self.state, self.owner, self.reason = LockState.HELD, None, ""
                    return self.state
                found = self._inspect()
                if found is None:
                    continue  # vanished meanwhile: try to create it again
                owner, alive = found
                if owner is not None and owner.token == self.me.token:
                    self.state, self.owner = LockState.HELD, None
                    return self.state
                if alive:
                    self.state, self.owner, self.reason = LockState.OTHER, owner or Owner(), ""
                    return self.state
                self._break(owner)
            raise OSError(errno.EAGAIN, "the lock file keeps changing")
        except OSError as exc:
            self.state, self.owner, self.reason = LockState.UNAVAILABLE, None, _why(exc)
            return self.state

    def _create(self) -> None:
        assert self.me is not None
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                     0o644)
        try:
            os.write(fd, self.me.to_json())
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            raise
        finally:
            os.close(fd)

    def _inspect(self) -> tuple[Owner | None, bool] | None:
        """(owner, alive) of the lock there (owner None: not JSON); None when it is gone."""
        try:
            raw, print_ = read_bytes(self.path, MAX_LOCK_BYTES)
        except FileNotFoundError:
            return None
        age = max(0.0, time.time() - print_.mtime_ns / 1e9)
        owner = Owner.parse(raw)
        if owner is None:  # being written right now, or cut short by a crash
            return None, age < WRITING_SECONDS
        return owner, owner.alive(age)

    def _break(self, judged: Owner | None) -> None:
        """Move a stale lock aside and drop it; put back one that is no longer stale."""
        aside = self.path.with_name(f"{self.path.name}.stale-{uuid.uuid4().hex[:12]}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # another app broke it first
        try:
            moved = Owner.parse(read_bytes(aside, MAX_LOCK_BYTES)[0])
        except OSError:
            moved = judged
        if moved != judged:  # a new owner slipped in between our look and the rename
            with contextlib.suppress(OSError):
                os.link(aside, self.path)  # never overwrites a lock taken meanwhile
        with contextlib.suppress(OSError):
            os.unlink(aside)

    def still_ours(self) -> bool:
        """Is the lock file there and ours? (Someone may have judged it stale.)"""
        try:
            owner = Owner.parse(read_bytes(self.path, MAX_LOCK_BYTES)[0])
        except OSError:
            return False
        return owner is not None and self.me is not None and owner.token == self.me.token

    def refresh(self) -> bool:
        """Touch our lock so other hosts see us alive; False when it is no longer ours."""
        if self.state is not LockState.HELD:
            return True
        if not self.still_ours():
            return False
        with contextlib.suppress(OSError):
            os.utime(self.path)
        return True

    def release(self) -> None:
        """Remove the lock if it is still ours; anything else is left alone."""
        if self.state is LockState.HELD and self.still_ours():
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        self.state = LockState.UNAVAILABLE
        self.reason = "released"


def _why(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only"
    if exc.errno == errno.ELOOP:
        return "the lock file is a symbolic link"
    return exc.strerror or str(exc)
