"""Rebuilding the Annotations pane after a tag repaints the pane, not the whole screen.

The pane's size is set by the stylesheet; only how far it scrolls changes with its
length. Textual's ``virtual_size`` asks for a layout of every widget on each change, so a
rebuild (0.12 s after the last tag) relaid out and repainted the screen inside the next
key. Here the screen is not laid out again, and the pane still scrolls to its last line.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from briefing_tui.tui.panes import AnnotationsPane

from .app_helpers import make_app, reader, settle


def _write(folder: Path) -> None:
    folder.mkdir()
    lines = [f"Report {n}: the convoy reached post {n} at dawn." for n in range(200)]
    (folder / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


async def test_a_rebuild_does_not_lay_the_screen_out_and_the_pane_still_scrolls(
        tmp_path: Path, monkeypatch: object) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        for _ in range(40):  # more tagged sentences than the pane has rows
            await pilot.press("1", "j")
        await settle(pilot)
        pane = app.query_one(AnnotationsPane)
        view = reader(app)
        assert view.document is not None
        layouts = 0
        screen = app.screen
        relayout = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            nonlocal layouts
            layouts += 1
            relayout(*args, **kwargs)  # type: ignore[arg-type]
        screen._refresh_layout = counted  # type: ignore[method-assign]
        await pilot.press("1")  # one more tag: the pane is rebuilt a moment later
        await settle(pilot)
        assert pane.option_count == 42  # the header and 41 tagged sentences
        assert layouts == 0
        assert isinstance(screen, Screen)
        # the new length reached the scroll bar: the last option can be scrolled to
        assert pane.virtual_size.height >= 42
        pane.focus()
        await pilot.press("end")
        await pilot.pause()
        assert pane.highlighted == 41
        assert pane.scroll_offset.y == pane.max_scroll_y > 0
