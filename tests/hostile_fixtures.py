"""Hostile files and sidecars for the hostile-input tests: how to make each, what to expect."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

import briefing_tui.core.atomic as atomic
from briefing_tui.core.sidecar import MAX_SIDECAR_BYTES, sidecar_path
from briefing_tui.tui.note_dialog import NoteDialog
from briefing_tui.tui.panes import DocumentList

from .app_helpers import make_app, settle
from .hostile_helpers import (
    SIZE,
    ActionSpy,
    assert_screen_safe,
    entry_for,
    fingerprint,
    option_texts,
    plain_sentences,
    quit_app,
    sidecar_yaml,
    squash,
    status_text,
    write_document,
)

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
       b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
       b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


BRIEF = "Kabul talks resumed on Monday.\nRefugees crossed at Torkham.\n\nThe border closed."


TORKHAM = "Refugees crossed at Torkham."


class FaultyOs:
    """``os`` for core.atomic, with ``replace`` or ``open`` failing while ``fail`` is set."""

    def __init__(self, *, replace_errno: int | None = None,
                 unreadable: Path | None = None) -> None:
        self.fail = True
        self.replace_errno = replace_errno
        self.unreadable = unreadable

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def replace(self, src: Any, dst: Any) -> None:
        if self.fail and self.replace_errno is not None:
            raise OSError(self.replace_errno, os.strerror(self.replace_errno), str(dst))
        os.replace(src, dst)

    def open(self, path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if self.fail and self.unreadable is not None and Path(path) == self.unreadable:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return os.open(path, flags, mode, **kwargs)


def symlinked_sidecar(doc: Path, sidecar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sidecar is a symlink to someone else's file (which must stay untouched)."""
    target = symlink_target(doc)
    target.parent.mkdir()
    target.write_text("version: 1\nannotations: []\n# someone else's file\n",
                      encoding="utf-8")
    sidecar.symlink_to(target)


def symlink_target(doc: Path) -> Path:
    return doc.parent.parent / "elsewhere" / "important.yaml"


def locked_sidecar(doc: Path, sidecar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid sidecar with mode 000. Root reads it anyway, so for root the refusal the
    kernel would give anyone else is injected into core.atomic."""
    text = doc.read_text(encoding="utf-8")
    sidecar.write_text(sidecar_yaml(doc, [entry_for(
        text, "Sentence number 1 is plain.", "locked", ["security"])]), encoding="utf-8")
    sidecar.chmod(0)
    if os.geteuid() == 0:
        monkeypatch.setattr(atomic, "os", FaultyOs(unreadable=sidecar))


def huge_sidecar(doc: Path, sidecar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid sidecar padded with comments past the 16 MiB limit."""
    with sidecar.open("wb") as handle:
        handle.write(b"version: 1\nannotations: []\n")
        handle.write(b"# padding\n" * (MAX_SIDECAR_BYTES // 10 + 1))


#: Unreadable sidecars: how to make one, and the reason the app must give.
UNREADABLE_SIDECARS: dict[str, tuple[Callable[[Path, Path, pytest.MonkeyPatch], None], str]] = {
    "symlink": (symlinked_sidecar, "symbolic link"),
    "mode-000": (locked_sidecar, "permission denied"),
    "over-16-MiB": (huge_sidecar, "too large"),
}


async def assert_sidecar_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    kind: str) -> Path:
    """The document opens read-only, says why, refuses every change, writes nothing."""
    make_sidecar, says = UNREADABLE_SIDECARS[kind]
    folder = tmp_path / "docs"
    doc = write_document(folder, plain_sentences(3))
    text = doc.read_text(encoding="utf-8")
    sidecar = sidecar_path(doc)
    make_sidecar(doc, sidecar, monkeypatch)
    before = {p.name: fingerprint(p) for p in folder.iterdir()}
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await pilot.pause()  # the first document opens (and reads its sidecar) on mount
        entry = app.entries[0]
        assert entry.document is not None and entry.document.text == text
        assert says in entry.attention, entry.attention
        shown = status_text(app)
        assert "read-only" in shown and says in shown, shown
        listed = option_texts(app.query_one(DocumentList))[0]
        assert listed.startswith("!") and "unreadable" in listed, listed
        await pilot.press("1", "j", "2", "n")
        assert not isinstance(app.screen, NoteDialog)
        await pilot.press("x", "u", "ctrl+r")
        await settle(pilot)
        assert len(entry.document.annotations) == 0
        assert_screen_safe(app, "a document whose sidecar is left alone")
        assert spy.injected() == []
        await quit_app(pilot)
    assert {p.name: fingerprint(p) for p in folder.iterdir()} == before
    return sidecar


def row_showing(pane: OptionList | DocumentList, label: str) -> int:
    """The first row of ``pane`` on screen that shows ``label`` (blanks ignored)."""
    for y in range(pane.scrollable_content_region.height):
        if label in squash(pane.render_line(y).text):
            return y
    raise AssertionError(f"no row of {pane.id} shows {label!r}")


def stuck_reader(fifo: Path) -> bool:
    """True when someone waits to read ``fifo`` (that wait is then released)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as exc:
        assert exc.errno == errno.ENXIO, exc  # no reader: nobody is stuck
        return False
    return True


#: What the app must say about each sample, and whether it must leave the file byte-identical
#: (an unreadable sidecar), or may rewrite it keeping every entry (a readable one whose bad
#: entries go under ``rejected:``, as docs/ARCHITECTURE.md and core.sidecar.format promise).
SIDECAR_EXPECTS: dict[str, tuple[str, bool]] = {
    "python_object": ("not allowed", True),
    "alias_bomb": ("not allowed", True),
    "deep_nesting": ("nest", True),
    "duplicate_keys": ("duplicate", True),
    "wrong_types": ("bad entr", False),
    "offsets_out_of_range": ("bad entr", False),
    "huge_int": ("bad entr", False),
    "binary_tag": ("not allowed", True),
    "not_a_mapping": ("not a sidecar", True),
    "empty": ("empty", True),
}


#: Each hostile_files item of the YAML, and the test that covers it.
FILE_CASES: dict[str, str] = {
    "empty file (0 bytes)": "test_unreadable_file_is_listed_with_its_reason[empty]",
    "a PNG renamed .txt": "test_unreadable_file_is_listed_with_its_reason[png-renamed-txt]",
    "invalid UTF-8 bytes C0 AF, ED A0 80, lone 80":
        "test_invalid_utf8_opens_read_only_and_is_never_written",
    "UTF-8 BOM EF BB BF at the start":
        "test_encodings_and_line_endings_open_and_tag_at_the_right_offsets[utf8-bom]",
    "UTF-16 LE with BOM FF FE":
        "test_encodings_and_line_endings_open_and_tag_at_the_right_offsets[utf16-le-bom]",
    "mixed line endings \\r\\n, \\n and lone \\r":
        "test_encodings_and_line_endings_open_and_tag_at_the_right_offsets"
        "[mixed-line-endings]",
    "one 10 MB line with no line break": "test_one_huge_line_opens_and_keys_stay_fast",
    "a document in a read-only folder":
        "test_save_into_read_only_folder_fails_loudly_and_retries",
    "a sidecar that is a symlink to another file":
        "test_sidecar_that_is_a_symlink_is_not_followed",
    "a sidecar with mode 000": "test_sidecar_with_mode_000_is_left_alone",
    "a sidecar over 16 MiB": "test_sidecar_over_16_mib_is_never_overwritten",
    "a file name containing [bold] or an escape sequence":
        "test_file_named_with_markup_or_escapes_is_shown_literally",
}
