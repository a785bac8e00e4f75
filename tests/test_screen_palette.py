"""Over a screen of its own, `?` opens help and the palette (ctrl+p) offers that screen's keys.

A tryout found both dead on the summary screen: `?` did nothing, and the palette listed the
reader's commands (Next, Tag security, Break…), which do nothing there, but not the
summary's own (Write to file, Confirm figure, Context…).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandPalette

from briefing_tui.tui.dialogs import HelpScreen
from briefing_tui.tui.note_dialog import NoteDialog
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import copy_samples, make_app, settle


async def test_help_and_the_palette_serve_the_summary_screen(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    app.settings.keymap = {"summary_write": "W"}
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary: Any = app.screen  # compared with the screens pushed over it
        commands = {c.title: c.help for c in app.get_system_commands(summary)}
        assert commands["Write to file"].endswith("(W)")
        assert {"Confirm figure", "Context", "Place filter", "Back", "Help"} <= set(commands)
        assert "Next" not in commands and "Tag security" not in commands
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is summary
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Context")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is summary and summary.context == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # the note dialog: ? is typed there, help stays shut
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
