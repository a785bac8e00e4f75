"""The sidecar beside each document: ``article.txt`` -> ``article.txt.annotations.yaml``.

This is the API the rest of the app uses. The text form (and how rejected entries, unknown
keys and lone surrogates are handled) is in :mod:`briefing_tui.core.sidecar.format`; the
atomic write in :mod:`briefing_tui.core.atomic`. The promises (docs/ARCHITECTURE.md, "Never losing
work"):

- an unreadable sidecar raises :class:`SidecarUnreadable` and is never overwritten
  (``write_sidecar`` with ``expected=None`` refuses because a file exists);
- a save is atomic and, when it fails, leaves the old file byte-identical
  (:class:`SidecarSaveError`, whose message names the reason);
- a sidecar changed on disk since it was read is not overwritten (:class:`SidecarConflict`);
  the comparison is by content hash, so an edit that keeps size and mtime is still caught.
  It runs once before writing and again right before the rename; a writer slipping into
  the microseconds between that check and the rename is not caught (no lock is taken:
  sidecars travel through git and synced folders, where locks do not; the advisory lock
  of :mod:`briefing_tui.core.lock` only tells a second app that a document is open).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing_tui.core.atomic import (
    Fingerprint,
    NotRegularFile,
    TooLarge,
    atomic_write,
    fingerprint,
    read_bytes,
)
from briefing_tui.core.sidecar.bulk import Block, count_own, read_own
from briefing_tui.core.sidecar.format import (
    HEADER_COMMENT,
    SidecarConflict,
    SidecarData,
    SidecarError,
    SidecarSaveError,
    SidecarUnreadable,
    dump_sidecar,
    parse_sidecar,
)
from briefing_tui.core.sizes import over_limit

__all__ = [
    "MAX_SIDECAR_BYTES", "SIDECAR_SUFFIX", "Fingerprint", "SidecarConflict", "SidecarData",
    "SidecarError", "SidecarSaveError", "SidecarUnreadable", "SidecarUnsavable",
    "count_sidecar", "document_label", "dump_sidecar", "fingerprint", "parse_sidecar",
    "read_sidecar", "real_document", "sidecar_path", "write_sidecar",
]

SIDECAR_SUFFIX = ".annotations.yaml"
#: The limit on what a person can fix: a hand-edited (or foreign) sidecar.
MAX_SIDECAR_BYTES = 16 * 1024 * 1024
#: Our own form of what we accepted is larger (quotes, context, ids: about 4x a terse
#: hand-written entry) and must always save and read back; this bounds only that.
MAX_OWN_FORM_BYTES = 16 * MAX_SIDECAR_BYTES
_OWN_FORM = (HEADER_COMMENT + "\n").encode("utf-8")


class _TooLargeWhole(SidecarUnreadable):
    """A hand-edited file too big for the strict whole-file reader (the caller says so)."""


class SidecarUnsavable(SidecarSaveError):
    """The data itself cannot be written (retrying cannot help; a change may)."""

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EIO: "I/O error",
    errno.ELOOP: "it is a symbolic link (not replacing it)",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.ENAMETOOLONG: "the file name is too long",
}


def real_document(document: Path) -> Path:
    """The file a symlinked briefing points to; any other path as it is.

    One real file has one sidecar (and one lock), whichever name opened it: a link
    ``latest.txt -> reports/2026-06.txt`` is tagged in ``reports/2026-06.txt``'s sidecar,
    beside the real file, so two names never keep two diverging sets of tags. A looping
    or dangling link stays itself (it fails with its reason when opened).
    """
    try:
        if not os.path.islink(document):
            return document
        real = Path(os.path.realpath(document))
        return real if real.is_file() else document
    except (OSError, ValueError):
        return document


def sidecar_path(document: Path) -> Path:
    """Where ``document``'s annotations live: beside the real file, suffix added."""
    real = real_document(document)
    return real.with_name(real.name + SIDECAR_SUFFIX)


def document_label(document: Path) -> str:
    """What the sidecar records as ``document.name``: the real file's name as text.

    A name that is not valid UTF-8 (Latin-1 names from Windows shares and zips) reaches
    Python with lone surrogates, which no UTF-8 file can hold: those bytes are recorded
    as U+FFFD. The name is informative; the sidecar is found by its own file name.
    """
    name = real_document(document).name
    return os.fsencode(name).decode("utf-8", "replace")


def _shown(path: Path) -> str:
    """The file name for a one-line message: control and bidi characters escaped."""
    return path.name if path.name.isprintable() else repr(path.name)[1:-1]


def _reason(exc: OSError, folder: Path | None = None) -> str:
    """A short reason for an OS error; with ``folder``, a save's (it names a read-only one)."""
    if isinstance(exc, NotRegularFile):
        return "it is not a regular file"
    if exc.errno in (errno.EACCES, errno.EPERM) and folder is not None and \
            not os.access(folder, os.W_OK):
        return "the folder is read-only (permission denied)"
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def _own_form(path: Path) -> bool:
    """True when the file starts as we write it (it may then be larger: see the limits)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) |
                     getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(_OWN_FORM)) == _OWN_FORM
    except OSError:
        return False
    finally:
        os.close(fd)


def read_sidecar(path: Path, document_length: int | None = None,
                 ) -> tuple[SidecarData, Fingerprint] | None:
    """The sidecar's data and the fingerprint of the bytes read; None when there is none.

    Raises :class:`SidecarUnreadable` (message: file name and reason) when the file cannot
    be trusted at all; problems with single entries are in ``SidecarData.problems``. Pass
    ``document_length`` only when the document is the one the sidecar was written for
    (entries past its end are rejected, where a changed document wants re-anchoring).
    """
    name = _shown(path)
    try:
        found = os.lstat(path)
        if stat.S_ISLNK(found.st_mode):
            raise SidecarUnreadable(f"{name} is a symbolic link; not reading or replacing it")
        big = found.st_size > MAX_SIDECAR_BYTES and stat.S_ISREG(found.st_mode)
        limit = MAX_OWN_FORM_BYTES if big and _own_form(path) else MAX_SIDECAR_BYTES
        raw, print_ = read_bytes(path, limit)
        if len(raw) > MAX_SIDECAR_BYTES and not raw.startswith(_OWN_FORM):
            raise TooLarge(len(raw))
    except FileNotFoundError:
        return None
    except TooLarge as exc:
        raise SidecarUnreadable(f"{name} is too large "
                                f"({over_limit(exc.size, MAX_SIDECAR_BYTES)})") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            size = len(os.fsencode(path.name))
            raise SidecarUnreadable(
                f"no sidecar can be kept for it: the sidecar's name would be {size} bytes, "
                "over the file system's limit (rename the document)") from None
        raise SidecarUnreadable(f"cannot read {name}: {_reason(exc)}") from None
    own = read_own(raw, document_length)  # our own dump: read from the bytes, in one pass
    if own is not None:
        return own, print_
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarUnreadable(f"{name} is not UTF-8 (bad byte at offset {exc.start})"
                                ) from None
    size = len(raw)
    del raw  # a 70 MB file: its text is all that is needed now

    def whole_limit() -> None:  # not ours, nor in our layout: the strict reader's limit
        if size > MAX_SIDECAR_BYTES:
            raise _TooLargeWhole(size)

    try:
        data = parse_sidecar(source, document_length, whole_limit=whole_limit)
    except _TooLargeWhole:
        raise SidecarUnreadable(f"{name} is too large for a hand-edited sidecar "
                                f"({over_limit(size, MAX_SIDECAR_BYTES)})") from None
    except SidecarUnreadable as exc:
        raise SidecarUnreadable(f"{name}: {exc}") from None
    return data, print_


def count_sidecar(path: Path) -> tuple[SidecarData, Block] | None:
    """:func:`.bulk.count_own` of the sidecar at ``path`` (its header's data and what its
    annotation lines hold, none of them made) when it is a regular file in our own form;
    None for anything else, which :func:`read_sidecar` then reads (or explains)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) |
                     getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_OWN_FORM_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read()  # sized by fstat: no buffer of the limit's size
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if len(raw) > MAX_OWN_FORM_BYTES else count_own(raw)


def _same(current: Fingerprint | None, expected: Fingerprint) -> bool:
    return current is not None and bool(current.sha256) and \
        (current.size, current.sha256) == (expected.size, expected.sha256)


def write_sidecar(path: Path, data: SidecarData, expected: Fingerprint | None) -> Fingerprint:
    """Save atomically; returns the new fingerprint (pass it as ``expected`` next time).

    ``expected`` is the fingerprint from :func:`read_sidecar` or the last save; None means
    the file must not exist yet. Raises :class:`SidecarConflict` when the file on disk is
    not that one, :class:`SidecarSaveError` on any other failure. Either way the old file
    is left byte-identical.
    """
    name = _shown(path)
    try:
        encoded = dump_sidecar(data).encode("utf-8")
    except SidecarSaveError as exc:
        raise SidecarUnsavable(f"cannot save {name}: {exc}") from None
    if len(encoded) > MAX_OWN_FORM_BYTES:
        raise SidecarUnsavable(f"cannot save {name}: "
                               f"{len(data.annotations):,} annotations would take "
                               f"{over_limit(len(encoded), MAX_OWN_FORM_BYTES)}")

    def unchanged() -> None:
        if expected is None:
            if os.path.lexists(path):
                raise SidecarConflict(f"{name} was created on disk since it was loaded; "
                                      "not overwriting it")
            return
        try:
            current: Fingerprint | None = read_bytes(path)[1]
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise SidecarSaveError(f"cannot save {name}: cannot check the file on disk "
                                   f"({_reason(exc)})") from None
        if not _same(current, expected):
            what = "was deleted" if current is None else "was changed"
            raise SidecarConflict(f"{name} {what} on disk since it was loaded; "
                                  "not overwriting it")

    if path.is_symlink():
        raise SidecarSaveError(f"cannot save {name}: {_REASONS[errno.ELOOP]}")
    unchanged()  # fail early, before writing anything
    try:
        return atomic_write(path, encoded, before_replace=unchanged)
    except OSError as exc:
        raise SidecarSaveError(f"cannot save {name}: {_reason(exc, path.parent)}") from exc
