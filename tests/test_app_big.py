"""Big documents, resizing, the command palette, and saving on SIGTERM/SIGHUP."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from textual.command import CommandPalette

from briefing_tui.core.visible import visible
from briefing_tui.tui.reader.layout import TextLayout, line_blocks
from briefing_tui.tui.reader.shown import PREFIX_CHARS

from .app_helpers import copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED
from .hostile_helpers import drawn_rows


def many_sentences(count: int) -> str:
    lines = []
    for n in range(count // 5):
        lines.append(" ".join(f"Sentence {n}-{k} reports clashes near the border."
                              for k in range(5)))
    return "Big briefing\n\n" + "\n\n".join(lines) + "\n"


async def count_widgets(folder: Path) -> tuple[int, int]:
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        view = reader(app)
        for _ in range(200):
            await pilot.pause(0.05)
            if view.document is not None and view.document.segmentation.complete and \
                    view.text_layout is not None and view.text_layout.complete:
                break
        await app.workers.wait_for_complete()
        await pilot.press("end", "pageup", "j")
        assert view.document is not None
        return len(list(app.query("*"))), len(view.document.segmentation)


async def test_a_100k_sentence_document_mounts_as_few_widgets_as_a_small_one(
        tmp_path: Path) -> None:
    small = copy_samples(tmp_path / "small", only_seed=True)
    big = tmp_path / "big"
    big.mkdir()
    (big / "big.txt").write_text(many_sentences(100_000), encoding="utf-8")
    small_widgets, small_sentences = await count_widgets(small)
    big_widgets, big_sentences = await count_widgets(big)
    assert big_sentences >= 100_000
    assert small_sentences < 100
    assert big_widgets == small_widgets


async def test_resize_rewraps_and_keeps_the_cursor_in_view(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(12):
            await pilot.press("j")
        view = reader(app)
        assert view.text_layout is not None
        wide_rows = view.text_layout.rows
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        assert view.text_layout.rows < wide_rows
        rows = view.cursor_rows()
        assert rows is not None
        top = view.scroll_offset.y
        assert top <= rows[0] < top + view.scrollable_content_region.height
        assert "Mass Deportations" in sentence(app) or view.cursor == 12


async def test_command_palette_runs_a_tag_action(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Tag diplomacy")  # the binding's own description
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
    assert [a.tags for a in saved(folder / SEED.name)] == [("diplomacy",)]


def run_in_pty(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The real app in a real 120x35 terminal (size set before the app starts)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    child = subprocess.Popen([sys.executable, "-m", "briefing_tui.cli", str(folder)],
                             stdin=slave, stdout=slave, stderr=slave, env=env,
                             start_new_session=True)
    os.close(slave)
    return child, master


def wait_reading(child: subprocess.Popen[bytes], fd: int, timeout: float) -> int:
    """The child's exit status, reading its output meanwhile as a terminal does: frames
    still queued when the signal comes must not fill the pty and block the app's write."""
    deadline = time.monotonic() + timeout
    while child.poll() is None and time.monotonic() < deadline:
        read_until(fd, b"\0never\0", timeout=0.2)
    return child.wait(timeout=max(0.1, deadline - time.monotonic()))


def read_until(fd: int, needle: bytes, timeout: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_saves_before_exit(tmp_path: Path, signum: signal.Signals) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    child, fd = run_in_pty(folder)
    try:
        assert b"Afghans have left" in read_until(fd, b"Afghans have left")
        os.write(fd, b"jjj2")  # tag sentence 4; the autosave would wait 0.6 s
        assert b"1 tagged" in read_until(fd, b"1 tagged", timeout=10)
        child.send_signal(signum)
        status = wait_reading(child, fd, timeout=20)
    finally:
        child.kill()
        os.close(fd)
    assert status == 0
    assert [a.tags for a in saved(folder / SEED.name)] == [("migration",)]


def test_the_first_frame_shows_the_document_not_the_empty_state(tmp_path: Path) -> None:
    """The reader lays the document out in its first paint (its Resize comes a frame
    later): no "No document open" flashes before the text."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    child, fd = run_in_pty(folder)
    try:
        seen = read_until(fd, b"Afghans have left")
        child.send_signal(signal.SIGTERM)
        status = wait_reading(child, fd, timeout=20)
    finally:
        child.kill()
        os.close(fd)
    assert status == 0
    assert b"Afghans have left" in seen
    assert b"No document open" not in seen


async def test_a_long_text_shows_its_start_first_and_all_of_it_after(tmp_path: Path) -> None:
    """Over PREFIX_CHARS only whole lines past the cursor are made visible and laid out
    before the first paint; a worker does the rest, to the same rows as at once; a jump
    past the prefix before then shows all of it at once."""
    text = many_sentences(9_000).replace("clashes", "clashes\x1b[31m", 50)  # a hostile few
    assert len(text) > 2 * PREFIX_CHARS
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "long.txt").write_text(text, encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        view = reader(app)
        document = view.document
        assert document is not None
        await settle(pilot)
        assert not view.partial
        whole = visible(document.text, keep_separators=True)
        assert view.shown == whole
        layout = view.text_layout
        assert layout is not None and layout.complete
        at_once = TextLayout(whole, *line_blocks(whole), layout.width)
        assert [layout.row_span(r) for r in range(len(layout))] == \
            [at_once.row_span(r) for r in range(len(at_once))]

        view.show(document)  # again, and jump to the end before the worker runs
        assert view.partial and len(view.shown) < len(whole)
        assert whole.startswith(view.shown) and whole[len(view.shown)] == "\n"
        last = len(document.segmentation) - 1
        view.move_to(last)
        assert not view.partial and view.shown == whole
        await pilot.pause()
        split = document.segmentation
        drawn = drawn_rows(view)
        assert all(drawn.get(i) == whole[i] for i in range(split.starts[last], split.ends[last]))
        await settle(pilot)
        assert view.cursor == last and view.shown == whole


async def test_side_panes_give_way_on_small_terminals(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.query_one("#annotations").display
        assert app.query_one("#documents").display
        assert reader(app).size.width >= 45
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert not app.query_one("#documents").display
        await pilot.resize_terminal(130, 35)
        await pilot.pause()
        assert app.query_one("#annotations").display
