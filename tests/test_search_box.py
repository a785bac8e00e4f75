"""The search field repaints itself per letter, without relaying the screen out.

``SearchBox`` (``tui/search_box.py``) is an ``Input`` whose virtual size changes without a
layout: what is typed must still show, scrolled to the cursor when longer than the box,
and a search still finds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Size
from textual.screen import Screen

from briefing_tui.tui.search_box import SearchBox

from .app_helpers import copy_samples, make_app, reader, settle


def _shown(box: SearchBox) -> str:
    return "".join(segment.text for segment in box.render_line(0))


async def test_a_long_query_shows_its_end_and_letters_relay_nothing_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(copy_samples(tmp_path / "docs", only_seed=True))
    layouts: list[object] = []
    original = Screen._refresh_layout

    def counted(self: Screen[object], size: Size | None = None, scroll: bool = False) -> None:
        layouts.append(self)  # observed only: Textual's own layout still runs
        original(self, size, scroll)

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        box = app.query_one("#search", SearchBox)
        with monkeypatch.context() as patch:
            patch.setattr(Screen, "_refresh_layout", counted)
            for letter in "displaced":
                await pilot.press(letter)
                await pilot.pause()
        assert not layouts, "a letter relaid the screen out"
        assert box.value == "displaced" and "displaced" in _shown(box)
        await pilot.press(*("x" * 120), *"ENDMARK")
        await pilot.pause()
        assert box.scroll_offset.x > 0 and "ENDMARK" in _shown(box)
        await pilot.press(*(["backspace"] * 127), "enter")  # back to "displaced"
        await settle(pilot)
        assert reader(app).nav.matches.query == "displaced"
