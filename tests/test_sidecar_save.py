"""Saving sidecars: atomic, never over someone else's change, old bytes kept on failure."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import (
    MAX_SIDECAR_BYTES,
    SidecarConflict,
    SidecarData,
    SidecarSaveError,
    SidecarUnreadable,
    SidecarUnsavable,
    dump_sidecar,
    fingerprint,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)

AS_ROOT = os.geteuid() == 0
REAL_OPEN, REAL_WRITE, REAL_FSYNC = os.open, os.write, os.fsync


def _data(count: int = 3, note: str = "") -> SidecarData:
    return SidecarData("article.txt", "ab" * 32, [
        Annotation(f"a{i}", i * 10, i * 10 + 5, f"text {i}", tags=("security",), note=note)
        for i in range(count)])


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Any]:
    """A sidecar already on disk, and its fingerprint."""
    path = tmp_path / "article.txt.annotations.yaml"
    return path, write_sidecar(path, _data(), None)


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".tmp-" in p.name]


def _is_temp(fd: int) -> bool:
    return ".tmp-" in os.readlink(f"/proc/self/fd/{fd}")


def test_sidecar_path_is_beside_the_document() -> None:
    assert sidecar_path(Path("/x/y/article.txt")) == Path("/x/y/article.txt.annotations.yaml")
    assert sidecar_path(Path("a [b].md")) == Path("a [b].md.annotations.yaml")


def test_save_then_read_gives_the_same_data_and_fingerprint(saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    found = read_sidecar(path)
    assert found is not None
    data, read_print = found
    assert data == _data() and read_print == print_ == fingerprint(path)
    assert path.read_text(encoding="utf-8") == dump_sidecar(_data())
    assert _temps(path.parent) == []
    assert read_sidecar(path.with_name("none.annotations.yaml")) is None
    assert fingerprint(path.with_name("none")) is None


def test_saves_chain_on_the_returned_fingerprint(saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    print_ = write_sidecar(path, _data(5), print_)
    print_ = write_sidecar(path, _data(1), print_)
    assert read_sidecar(path) == (_data(1), print_)
    with pytest.raises(SidecarConflict, match="was created"):
        write_sidecar(path, _data(2), None)  # expected None: the file must not exist


def test_a_change_with_the_same_size_and_mtime_is_still_a_conflict(
        saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    before = os.stat(path)
    theirs = path.read_bytes().replace(b"text 1", b"TEXT 1")
    path.write_bytes(theirs)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == print_.size
    with pytest.raises(SidecarConflict, match="was changed on disk"):
        write_sidecar(path, _data(4), print_)
    assert path.read_bytes() == theirs and _temps(path.parent) == []


def test_touching_the_file_without_changing_it_is_not_a_conflict(
        saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    os.utime(path, ns=(1, 1))
    write_sidecar(path, _data(4), print_)
    assert read_sidecar(path) is not None


def test_a_deleted_sidecar_is_a_conflict_too(saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    path.unlink()
    with pytest.raises(SidecarConflict, match="was deleted"):
        write_sidecar(path, _data(), print_)
    assert not path.exists()


def test_a_change_during_the_save_is_caught_right_before_the_rename(
        saved: tuple[Path, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    path, print_ = saved
    theirs = b"version: 1\nannotations: []\n"

    def fsync_and_meddle(fd: int) -> None:
        REAL_FSYNC(fd)
        if _is_temp(fd):  # our data is on disk; now someone else saves
            path.write_bytes(theirs)

    monkeypatch.setattr(os, "fsync", fsync_and_meddle)
    with pytest.raises(SidecarConflict):
        write_sidecar(path, _data(6), print_)
    assert path.read_bytes() == theirs and _temps(path.parent) == []


def test_a_symlinked_sidecar_is_neither_read_nor_replaced(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text(dump_sidecar(_data()), encoding="utf-8")
    link = tmp_path / "article.txt.annotations.yaml"
    link.symlink_to(target)
    with pytest.raises(SidecarUnreadable, match="symbolic link"):
        read_sidecar(link)
    with pytest.raises(SidecarSaveError, match="symbolic link"):
        write_sidecar(link, _data(1), fingerprint(target))
    assert link.is_symlink() and target.read_text(encoding="utf-8") == dump_sidecar(_data())
    assert fingerprint(link) is not None and fingerprint(link).sha256 == ""  # type: ignore


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o000])
def test_the_existing_mode_is_kept(saved: tuple[Path, Any], mode: int) -> None:
    path, print_ = saved
    path.chmod(mode)
    if AS_ROOT:  # root reads mode-000 files: the save goes through and keeps the mode
        write_sidecar(path, _data(2), print_)
        assert read_sidecar(path) is not None
    else:  # we cannot read it, so we cannot prove it unchanged: refused
        if mode == 0o000:
            with pytest.raises(SidecarSaveError, match="permission denied"):
                write_sidecar(path, _data(2), print_)
        else:
            write_sidecar(path, _data(2), print_)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


def test_a_new_sidecar_gets_0644_less_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_sidecar(tmp_path / "a.annotations.yaml", _data(), None)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.annotations.yaml").st_mode) == 0o640


def test_the_owner_is_kept_when_root_saves(saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    if AS_ROOT:
        os.chown(path, 1234, 1234)
    owner = os.stat(path).st_uid, os.stat(path).st_gid
    write_sidecar(path, _data(2), print_)
    assert (os.stat(path).st_uid, os.stat(path).st_gid) == owner


def test_a_read_only_folder(saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    old = path.read_bytes()
    path.parent.chmod(0o555)
    try:
        if AS_ROOT:  # chmod does not stop root: the save succeeds, atomically
            write_sidecar(path, _data(2), print_)
            assert read_sidecar(path) is not None and path.read_bytes() != old
        else:
            with pytest.raises(SidecarSaveError, match="folder is read-only"):
                write_sidecar(path, _data(2), print_)
            assert path.read_bytes() == old
    finally:
        path.parent.chmod(0o755)
    assert _temps(path.parent) == []


def _fail_open(code: int) -> Callable[..., int]:
    def fake(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if ".tmp-" in str(file):
            raise OSError(code, os.strerror(code), str(file))
        return REAL_OPEN(file, flags, *args, **kwargs)
    return fake


def _fail_fd(real: Callable[..., Any], code: int) -> Callable[..., Any]:
    def fake(fd: int, *args: Any) -> Any:
        if _is_temp(fd):
            raise OSError(code, os.strerror(code))
        return real(fd, *args)
    return fake


def _fail_always(code: int) -> Callable[..., Any]:
    def fake(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))
    return fake


FAULTS = {
    "open EACCES": ("open", _fail_open(errno.EACCES), "permission denied"),
    "open EROFS": ("open", _fail_open(errno.EROFS), "file system is read-only"),
    "write ENOSPC": ("write", _fail_fd(REAL_WRITE, errno.ENOSPC), "disk full"),
    "write EDQUOT": ("write", _fail_fd(REAL_WRITE, errno.EDQUOT), "quota"),
    "fsync EIO": ("fsync", _fail_fd(REAL_FSYNC, errno.EIO), "I/O error"),
    "replace EACCES": ("replace", _fail_always(errno.EACCES), "permission denied"),
    "replace EIO": ("replace", _fail_always(errno.EIO), "I/O error"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_failed_save_leaves_the_old_bytes_and_says_why(
        saved: tuple[Path, Any], monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    path, print_ = saved
    old, old_stat = path.read_bytes(), os.stat(path)
    name, fake, reason = FAULTS[fault]
    monkeypatch.setattr(os, name, fake)
    with pytest.raises(SidecarSaveError) as caught:
        write_sidecar(path, _data(7, note="x" * 100_000), print_)
    monkeypatch.undo()
    message = str(caught.value)
    assert message.startswith("cannot save article.txt.annotations.yaml: ") and reason in message
    assert "\n" not in message
    assert path.read_bytes() == old and os.stat(path).st_ino == old_stat.st_ino
    assert _temps(path.parent) == []
    assert write_sidecar(path, _data(7), print_)  # the same fingerprint still works after


def test_a_failed_folder_fsync_after_the_rename_is_not_a_failed_save(
        saved: tuple[Path, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    path, print_ = saved

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not supported")
        REAL_FSYNC(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    new = write_sidecar(path, _data(2), print_)
    assert new == fingerprint(path)


def test_an_unreadable_sidecar_reports_and_is_never_overwritten(
        saved: tuple[Path, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = saved
    old = path.read_bytes()

    def denied(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return REAL_OPEN(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)  # what a mode-000 file does to a non-root user
    with pytest.raises(SidecarUnreadable, match=r"cannot read .*: permission denied"):
        read_sidecar(path)
    assert fingerprint(path) is not None and fingerprint(path).sha256 == ""  # type: ignore
    with pytest.raises(SidecarSaveError, match="cannot check the file on disk"):
        write_sidecar(path, _data(1), fingerprint(path))
    with pytest.raises(SidecarConflict):
        write_sidecar(path, _data(1), None)
    monkeypatch.undo()
    assert path.read_bytes() == old


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"), (b"version: 1\n\xff\xfe\n", "not UTF-8 \\(bad byte at offset 11\\)"),
    (b"{{{{", "not valid YAML"), (b"- a\n- b\n", "not a mapping"),
])
def test_unreadable_files_raise_with_the_name_and_reason(
        tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "a.txt.annotations.yaml"
    path.write_bytes(content)
    with pytest.raises(SidecarUnreadable, match=f"^[^\n]*a.txt.annotations.yaml.*{reason}"):
        read_sidecar(path)
    with pytest.raises(SidecarConflict):  # without its fingerprint, never overwritten
        write_sidecar(path, _data(), None)
    assert path.read_bytes() == content


def test_a_sidecar_over_16_mib_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.annotations.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_SIDECAR_BYTES + 1)  # sparse: reading it would take 16 MiB
    with pytest.raises(SidecarUnreadable, match=r"too large .*16 MiB"):
        read_sidecar(path)


def test_our_own_form_past_16_mib_saves_and_reads_back(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """The 16 MiB limit is on what a person can fix; what we accepted we can also save."""
    path = tmp_path / "b.annotations.yaml"
    data = _data(1, note="x" * MAX_SIDECAR_BYTES)
    write_sidecar(path, data, None)
    assert path.stat().st_size > MAX_SIDECAR_BYTES
    found = read_sidecar(path)
    assert found is not None and found[0].annotations == data.annotations
    monkeypatch.setattr("briefing_tui.core.sidecar.MAX_OWN_FORM_BYTES", MAX_SIDECAR_BYTES)
    with pytest.raises(SidecarUnsavable, match=r"1 annotations would take .*16 MiB"):
        write_sidecar(tmp_path / "c.annotations.yaml", data, None)
    assert not (tmp_path / "c.annotations.yaml").exists()


def test_a_fifo_or_folder_in_the_sidecars_place_does_not_hang_or_crash(tmp_path: Path) -> None:
    fifo = tmp_path / "f.annotations.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "d.annotations.yaml"
    folder.mkdir()
    for path in (fifo, folder):
        with pytest.raises(SidecarUnreadable, match=r"not a regular file|folder"):
            read_sidecar(path)
        with pytest.raises(SidecarSaveError):
            write_sidecar(path, _data(), fingerprint(path))
    assert folder.is_dir() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_temp_files_left_by_a_killed_save_are_cleaned_once_old(
        saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    old = path.with_name(f".{path.name}.tmp-99999-1")
    fresh = path.with_name(f".{path.name}.tmp-99999-2")
    other = path.with_name(".other.txt.annotations.yaml.tmp-99999-1")
    for temp in (old, fresh, other):
        temp.write_text("half a save", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    os.utime(other, (time.time() - 7200, time.time() - 7200))
    write_sidecar(path, _data(2), print_)
    assert sorted(_temps(path.parent)) == sorted([fresh.name, other.name])


def test_what_cannot_be_written_back_is_refused_before_touching_the_file(
        saved: tuple[Path, Any]) -> None:
    path, print_ = saved
    old = path.read_bytes()
    bad = SidecarData("article.txt", "ab", [Annotation("a1", 0, 1, "x\ud800")])
    with pytest.raises(SidecarSaveError, match=r"^cannot save article\.txt\.annotations\.yaml: "
                                               r".*unpaired surrogate"):
        write_sidecar(path, bad, print_)
    assert path.read_bytes() == old and _temps(path.parent) == []


def test_messages_stay_one_line_for_hostile_file_names(tmp_path: Path) -> None:
    path = tmp_path / "a\n\x1b[2J\u202e[bold].txt.annotations.yaml"
    path.write_bytes(b"\xff")
    with pytest.raises(SidecarUnreadable) as caught:
        read_sidecar(path)
    message = str(caught.value)
    assert message.isprintable() and "[bold]" in message and "\\x1b" in message


def test_a_vanished_sidecar_is_written_back_not_taken_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text("Shelling was reported.\n\nConvoys moved at night.\n", encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[1], split.ends[1], ["security"])
    assert document.save()
    assert not document.sidecar_vanished()  # still there
    document.sidecar.unlink()
    assert document.sidecar_vanished()
    assert document.dirty and len(document.annotations) == 1
    assert document.save()
    assert [a.tags for a in open_document(path).annotations.sorted()] == [("security",)]
