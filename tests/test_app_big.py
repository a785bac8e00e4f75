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

from .app_helpers import copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED


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
        status = child.wait(timeout=20)
    finally:
        child.kill()
        os.close(fd)
    assert status == 0
    assert [a.tags for a in saved(folder / SEED.name)] == [("migration",)]


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
