"""SVG snapshots of the screens issue 12 names: summary, split view, a long note, and the
main screen at 80 and 100 columns (update with `pytest --snapshot-update`, then look)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from .app_helpers import make_app
from .test_snapshots import settled, tagged_seed

LONG_NOTE = ("Cross-check the 7,000 figure with the UNHCR flash update of the same day; "
             "the Afghan side counts families at Torkham, the Pakistani side counts "
             "individuals. Ask the Kabul desk whether the 48 hours are counted from the "
             "order or from the first buses, and whether Spin Boldak is included.")


def test_summary_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def open_summary(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("e")
        await settled(pilot)

    assert snap_compare(make_app(tagged_seed(tmp_path / "docs")), terminal_size=(100, 30),
                        run_before=open_summary)


def test_split_view(snap_compare: Any, tmp_path: Path) -> None:
    async def split(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("j", "j", "j", "s", "down", "enter")
        await settled(pilot)
        await pilot.press("j", "j")
        await settled(pilot)

    assert snap_compare(make_app(tagged_seed(tmp_path / "docs")), terminal_size=(120, 35),
                        run_before=split)


def test_note_dialog_with_a_long_note(snap_compare: Any, tmp_path: Path) -> None:
    async def long_note(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("j", "j", "j", "n")
        area = pilot.app.screen.query_one(TextArea)
        area.cursor_blink = False
        area.load_text(LONG_NOTE)
        await pilot.pause()

    assert snap_compare(make_app(tagged_seed(tmp_path / "docs")), terminal_size=(80, 24),
                        run_before=long_note)


@pytest.mark.parametrize("width", [80, 100])
def test_main_screen_at(width: int, snap_compare: Any, tmp_path: Path) -> None:
    """At 100 columns the annotations pane gives way; at 80 the footer still has Quit."""
    async def note_shown(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("j", "j", "j")  # the sentence with a note: shown under the reader
        await settled(pilot)

    assert snap_compare(make_app(tagged_seed(tmp_path / "docs")), terminal_size=(width, 24),
                        run_before=note_shown)
