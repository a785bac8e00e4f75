"""Finished reader lines kept across scrolls (``tui/reader/framed.py``) never show stale rows.

The reader hands Textual's styles cache the finished lines (border and all) it kept by
document row, so a scroll frames only the rows that came into view. These tests drive the
real app through moves, scrolls, pages, tags, a filter, a focus change and a resize, and
after each compare every line the reader draws with the lines it draws once both caches
are emptied; and they check that a scroll by a sentence does reuse the rows still in view.
"""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from briefing_tui.tui.reader import Reader

from .app_helpers import make_app, reader, settle

SENTENCES = 400


def _write(folder: Path) -> None:
    folder.mkdir()
    lines = [f"Report {n}: convoys crossed the border near post {n} at dawn, and talks "
             f"resumed in the capital with delegation {n} present." for n in range(SENTENCES)]
    (folder / "long.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _lines(view: Reader) -> list[Strip]:
    return view.render_lines(Region(0, 0, view.region.width, view.region.height))


def _fresh(view: Reader) -> list[Strip]:
    """What Textual alone draws, with nothing kept: both caches emptied first."""
    view._forget()
    view._styles_cache.clear()
    return Widget.render_lines(view, Region(0, 0, view.region.width, view.region.height))


def _cells(strips: list[Strip]) -> list[list[tuple[str, Style | None]]]:
    """Each line as its cells (character, style): what the terminal shows, however the
    segments are cut."""
    return [[(char, segment.style) for segment in strip for char in segment.text]
            for strip in strips]


def _same(view: Reader) -> None:
    assert _cells(_lines(view)) == _cells(_fresh(view))


async def test_kept_lines_equal_a_fresh_render_after_every_kind_of_change(
        tmp_path: Path) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = reader(app)
        _same(view)
        steps: list[tuple[str, ...]] = [
            ("j",) * 14,  # past the bottom: each j scrolls
            ("1",), ("j", "2"), ("k", "k"), ("pagedown",), ("pagedown",), ("pageup",),
            ("end",), ("1",), ("home",), ("f",), ("f", "f", "f", "f"), ("j",) * 6,
            ("tab",), ("shift+tab",),
        ]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            _lines(view)  # what the screen drew: kept rows are harvested from it
            _same(view)
        # narrower (a new measure: laid out again), then two widths wider than the
        # measure (the same rows, in a wider frame)
        for size in ((80, 24), (200, 30), (220, 30)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.press("j", "j")
            await pilot.pause()
            _lines(view)
            _same(view)


async def test_a_scroll_by_a_sentence_frames_only_the_rows_that_came_into_view(
        tmp_path: Path) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = reader(app)
        height = view.scrollable_content_region.height
        while view.scroll_offset.y == 0:  # to the bottom of the first screen
            await pilot.press("j")
            await pilot.pause()
        top = view.scroll_offset.y
        reused = view._framed.reused
        await pilot.press("j")
        await pilot.pause()
        moved = view.scroll_offset.y - top
        assert 0 < moved < height // 2
        # every row still in view came from the kept lines (the cursor's two sentences
        # changed and were drawn again)
        assert view._framed.reused - reused >= height - moved - 8


async def test_a_page_of_new_rows_is_framed_like_textual_frames_it(tmp_path: Path) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = reader(app)
        framed = view._framed.framed
        for key in ("pagedown", "pagedown", "end", "1", "home", "tab", "shift+tab",
                    "pagedown"):
            _lines(view)  # Textual frames the screen (the checks below emptied the caches)
            await pilot.press(key)
            await pilot.pause()
            _lines(view)
            _same(view)  # the same cells as Textual's own framing of every row
        # the new rows of those pages were framed from the learnt edges, not by Textual
        assert view._framed.framed - framed >= 3 * (view.scrollable_content_region.height - 2)
