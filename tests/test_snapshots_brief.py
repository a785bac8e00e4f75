"""SVG snapshot of the summary screen's brief: key figures (one confirmed) side by side
and the timeline, at 100x30 (update with `pytest --snapshot-update`, then look)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from .app_helpers import make_app
from .test_export_brief import brief_folder
from .test_snapshots import settled


def test_summary_screen_with_key_figures_and_timeline(snap_compare: Any, tmp_path: Path,
                                                     ) -> None:
    async def open_and_confirm(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("e")
        await settled(pilot)
        await pilot.press("down", "c")
        await settled(pilot)

    app = make_app(brief_folder(tmp_path / "kunar"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_and_confirm)


def test_timeline_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def open_timeline(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("T")
        await settled(pilot)

    app = make_app(brief_folder(tmp_path / "kunar"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_timeline)


def test_brief_dialog(snap_compare: Any, tmp_path: Path) -> None:
    """The analyst's words: title and period lines, prose areas, trends further down."""
    async def open_dialog(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("e")
        await settled(pilot)
        await pilot.press("b")
        await settled(pilot)
        title = pilot.app.screen.query_one("#brief-title", Input)
        assert title.has_focus  # typing starts at the title
        title.cursor_blink = False  # a frame catching the blink is timing, not the app
        await settled(pilot)

    app = make_app(brief_folder(tmp_path / "kunar"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_dialog)
