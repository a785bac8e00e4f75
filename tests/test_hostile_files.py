"""Every hostile file of hostile_inputs.yaml on disk as a briefing in the real app: unreadable
files are listed with their reason; nothing is written or lost.

The oracles are described in hostile_helpers.py.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

import briefing_tui.core.atomic as atomic
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.lock import lock_path
from briefing_tui.core.visible import visible
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.entry import entries_for
from briefing_tui.tui.loading import SYNC_SEGMENT_CHARS
from briefing_tui.tui.note_dialog import NoteDialog
from briefing_tui.tui.panes import DocumentList
from briefing_tui.tui.reader import LAZY_LAYOUT_CHARS, Reader

from .app_helpers import make_app, reader, saved, settle
from .hostile_fixtures import (
    BRIEF,
    PNG,
    TORKHAM,
    FaultyOs,
    row_showing,
    stuck_reader,
)
from .hostile_helpers import (
    SIZE,
    ActionSpy,
    assert_screen_safe,
    click,
    drawn_paragraph,
    drawn_rows,
    label_of,
    listing,
    option_texts,
    plain_sentences,
    quit_app,
    read_whole_document,
    status_text,
    toast_texts,
    write_document,
)


@pytest.mark.parametrize(("content", "reason"), [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(PNG, "PNG", id="png-renamed-txt"),
])
async def test_unreadable_file_is_listed_with_its_reason(
        content: bytes, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    bad = write_document(folder, ["A normal briefing."], name="a-bad.txt")
    bad.write_bytes(content)
    good = write_document(folder, ["A normal briefing."], name="b-good.txt")
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await settle(pilot)
        documents = app.query_one(DocumentList)
        entry = documents.entries[0]
        assert entry.path == bad and reason in entry.error
        assert reason in option_texts(documents)[0]
        await click(pilot, spy, documents, 4, 0, "the unreadable file")
        assert any(reason in t for t in toast_texts(app)), toast_texts(app)
        shown = app.query_one("#reader-1", Reader).document
        assert shown is not None and shown.path == good  # the readable one stays open
        await pilot.press("n", "escape")
        assert app.is_running and not isinstance(app.screen, NoteDialog)
        assert reason in option_texts(documents)[0]
        assert_screen_safe(app, "an unreadable file chosen")
        await quit_app(pilot)
    assert bad.read_bytes() == content
    assert listing(folder) == sorted([bad.name, good.name])


@pytest.mark.parametrize("raw", [
    pytest.param(b"\xef\xbb\xbf" + BRIEF.encode("utf-8"), id="utf8-bom"),
    pytest.param(BRIEF.encode("utf-16"), id="utf16-le-bom"),
    pytest.param(b"Kabul talks resumed on Monday.\r\nRefugees crossed at Torkham.\n\r"
                 b"The border closed.\r\n", id="mixed-line-endings"),
])
async def test_encodings_and_line_endings_open_and_tag_at_the_right_offsets(
        raw: bytes, tmp_path: Path) -> None:
    if raw.startswith(b"\xff\xfe"):
        assert raw[2:4] == b"K\x00"  # little-endian, as the YAML item says
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "brief.txt"
    doc.write_bytes(raw)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = reader(app)
        assert view.document is not None
        text = view.document.text
        assert text.rstrip("\n") == BRIEF
        drawn = await read_whole_document(pilot, view)
        for line in BRIEF.split("\n"):
            if line:
                got, want = drawn_paragraph(text, drawn, line)
                assert got == want == line  # no BOM or CR symbol drawn
        await pilot.press("home", "j", "1")
        await settle(pilot)
        [annotation] = saved(doc)
        assert annotation.text == TORKHAM
        assert text[annotation.start:annotation.end] == TORKHAM
        await quit_app(pilot)
    assert doc.read_bytes() == raw


async def test_invalid_utf8_opens_read_only_and_is_never_written(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    raw = (b"Kabul talks resumed. Bad \xc0\xaf here, \xed\xa0\x80 there and \x80 alone.\n\n"
           b"Refugees crossed at Torkham.\n")
    doc = folder / "broken.txt"
    doc.write_bytes(raw)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = reader(app)
        assert view.document is not None
        assert "\ufffd" in view.document.text
        assert "read-only" in status_text(app)
        assert "UTF-8" in status_text(app)
        assert any("invalidUTF-8" in t for t in toast_texts(app)), toast_texts(app)
        drawn = await read_whole_document(pilot, view)
        assert "\ufffd" in "".join(drawn.values())
        for keys in (["1"], ["j", "2"], ["n"], ["x"], ["u"]):
            await pilot.press(*keys)
            assert not isinstance(app.screen, NoteDialog), "a note on a read-only document"
        assert any("Read-only" in t for t in toast_texts(app)), toast_texts(app)
        await settle(pilot)
        assert len(view.document.annotations) == 0
        assert "read-only" in status_text(app).lower()
        assert_screen_safe(app, "a read-only document after tagging attempts")
        await quit_app(pilot)
    assert doc.read_bytes() == raw
    assert listing(folder) == [doc.name]


async def test_one_huge_line_opens_and_keys_stay_fast(tmp_path: Path) -> None:
    """One 2 MB line with no line break (the YAML says 10 MB; 2 MB takes every path a
    10 MB one does: over SYNC_SEGMENT_CHARS it is split in a worker after the first paint,
    over LAZY_LAYOUT_CHARS it is laid out lazily, and as one line it is one block to wrap.
    At 10 MB the same code runs five times as long, which this suite cannot afford)."""
    unit = "Refugees crossed at Torkham on day {:07d} and talks resumed in Kabul. "
    text = "".join(unit.format(n) for n in range(2_000_000 // len(unit.format(0))))
    assert "\n" not in text and len(text) > max(SYNC_SEGMENT_CHARS, LAZY_LAYOUT_CHARS)
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "huge.txt"
    doc.write_text(text, encoding="utf-8")
    app = make_app(folder)
    started = time.perf_counter()
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        assert time.perf_counter() - started < 5, "the first screen took too long"
        view = reader(app)
        assert view.document is not None

        async def timed(key: str) -> None:
            began = time.perf_counter()
            await pilot.press(key)
            assert time.perf_counter() - began < 2, f"{key} froze the app"

        for key in ("j", "j", "k"):
            await timed(key)
        assert view.cursor == 1
        await timed("pagedown")
        assert view.cursor > 1 and view.scroll_offset.y > 0
        await timed("pagedown")
        await timed("pageup")
        await app.workers.wait_for_complete()
        await timed("end")
        assert view.cursor == len(view.document.segmentation) - 1 > 20_000
        await timed("k")
        await timed("1")
        await timed("home")
        assert view.cursor == 0
        drawn = drawn_rows(view)
        assert "".join(drawn[i] for i in range(len(unit.format(0)))) == unit.format(0)
        await settle(pilot)
        [annotation] = saved(doc)
        assert text[annotation.start:annotation.end] == annotation.text
        await quit_app(pilot)


@pytest.mark.parametrize(("code", "says"), [
    pytest.param(errno.EACCES, "permission denied", id="EACCES"),
    pytest.param(errno.EROFS, "read-only", id="EROFS"),
])
async def test_save_into_read_only_folder_fails_loudly_and_retries(
        code: int, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod does not stop writes: the fault is injected into core.atomic."""
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    fault = FaultyOs(replace_errno=code)
    monkeypatch.setattr(atomic, "os", fault)
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "1")
        await settle(pilot)
        shown = status_text(app)
        assert "NOT SAVED" in shown and says in shown.lower(), shown
        assert says in app.entries[0].attention.lower()
        view = reader(app)
        assert view.document is not None
        [annotation] = view.document.annotations.sorted()
        assert annotation.tags == ("security",)
        # no sidecar, no temp file left (only the lock of the open briefing: core.lock
        # is not part of the injected fault)
        assert listing(doc.parent) == sorted([doc.name, lock_path(doc).name])
        await pilot.press("q")
        assert app.is_running and isinstance(app.screen, ChoiceDialog)
        assert_screen_safe(app, "the could-not-save dialog")
        await pilot.press("escape")  # the default: stay
        assert app.is_running and not isinstance(app.screen, ChoiceDialog)
        fault.fail = False
        await pilot.pause(3 * app.retry_delay)
        await settle(pilot)
        assert "all saved" in status_text(app)
        assert [a.tags for a in saved(doc)] == [("security",)]
        await quit_app(pilot)


async def test_file_named_with_markup_or_escapes_is_shown_literally(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    names = ["[bold]x[red.txt", "[@click=app.quit]q.txt", "\x1b[2J\x1b]0;pwned\x07.txt",
             "\u202eevil\u202c.txt"]
    for name in names:
        write_document(folder, plain_sentences(2), name=name)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await settle(pilot)
        documents = app.query_one(DocumentList)
        for entry in documents.entries:
            row = row_showing(documents, label_of(entry.path.name, 10))
            await click(pilot, spy, documents, 4, row, repr(entry.path.name))
            view = reader(app)
            assert view.document is not None and view.document.path == entry.path
            assert visible(entry.path.name, keep_newlines=False) in status_text(app)
            await pilot.press("1")
            await settle(pilot)
            assert [a.tags for a in saved(entry.path)] == [("security",)]
            assert_screen_safe(app, f"{entry.path.name!r} open and tagged")
        await quit_app(pilot)
    assert sorted(listing(folder)) == sorted(
        [*names, *(n + ".annotations.yaml" for n in names)])


@pytest.mark.parametrize("kind", ["cannot-open", "invalid-utf8-warning", "launch-notice"])
async def test_messages_naming_a_hostile_file_draw_it_safely(kind: str,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    name = "\x1b[2J\x1b]0;pwned\x07 [@click=app.quit]q"
    normal = write_document(folder, plain_sentences(2), name="normal.txt")
    notices: list[str] = []
    if kind == "cannot-open":
        (folder / f"{name}.txt").write_bytes(b"")
    elif kind == "invalid-utf8-warning":
        (folder / f"{name}.txt").write_bytes(b"Bad \xc0\xaf byte. Second sentence.\n")
    else:
        given = folder / f"{name}.odt"  # a format briefing does not read
        given.write_bytes(b"PK\x03\x04")
        notices = find_documents([given, normal]).errors
        assert notices
    app = BriefingApp(entries_for(find_documents([folder]).documents), notices=notices)
    app.save_delay = 0.01
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if kind != "launch-notice":
            documents = app.query_one(DocumentList)
            index = next(i for i, e in enumerate(documents.entries)
                         if e.path.name.startswith("\x1b"))
            documents.focus()
            documents.highlighted = index
            await pilot.press("enter")
        assert app.is_running
        said = {"cannot-open": "nothingtoread", "invalid-utf8-warning": "invalidUTF-8",
                "launch-notice": "notaformat"}[kind]
        for _ in range(100):  # the toast is drawn a few frames later on a loaded machine
            await pilot.pause(0.1)
            if any(said in t and "pwned" in t for t in toast_texts(app)):
                break
        assert any(said in t and "pwned" in t for t in toast_texts(app)), toast_texts(app)
        assert_screen_safe(app, f"a message naming the file ({kind})")


async def test_fifo_named_like_a_briefing_blocks_nothing(tmp_path: Path) -> None:
    """A named pipe called ``*.txt`` (a leftover of a shell pipeline) is a hostile file
    too: it must be listed as unreadable without stopping the scan of the others, and
    quitting must leave no thread behind (else ``briefing`` hangs after its screen
    closes). The test writes to the pipe at the end so that nothing stays stuck."""
    folder = tmp_path / "docs"
    write_document(folder, plain_sentences(2), name="a-normal.txt")
    fifo = folder / "b-pipe.txt"
    os.mkfifo(fifo)
    (folder / "c-empty.txt").write_bytes(b"")
    app = make_app(folder)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            for _ in range(10):  # not settle(): it would wait for the stuck worker
                await pilot.pause(0.1)
            documents = app.query_one(DocumentList)
            pipe, empty = documents.entries[1:]
            assert "empty" in empty.error, "the scan stopped at the pipe"
            assert pipe.error, "the pipe is not marked unreadable"
            assert pipe.error in option_texts(documents)[1]
            await quit_app(pilot)
        assert not stuck_reader(fifo), "after quit a thread is still stuck opening the pipe"
    finally:
        stuck_reader(fifo)  # let a reader stuck in open() go
