"""The reader's scroll bar (``tui/reader/scrollbar.py``) is repainted only when its thumb
moves on screen, and never shows a stale thumb.

In a long briefing most scrolls move the thumb by less than an eighth of a cell; Textual
repainted the whole bar on each. After every move here the bar as drawn must equal the
bar drawn afresh, its position must be exact (a drag starts from it), and far fewer
moves than scrolls may repaint it.
"""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar

from .app_helpers import make_app, reader, settle

SENTENCES = 3000


def _write(folder: Path) -> None:
    folder.mkdir()
    lines = [f"Item {n}: the convoy reached post {n} at dawn." for n in range(SENTENCES)]
    (folder / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _drawn(bar: ScrollBar) -> list[list[tuple[str, Style | None]]]:
    strips = bar.render_lines(Region(0, 0, bar.size.width, bar.size.height))
    return [[(char, segment.style) for segment in strip for char in segment.text]
            for strip in strips]


async def test_the_bar_repaints_only_when_its_thumb_moves_and_is_never_stale(
        tmp_path: Path) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = reader(app)
        bar = view.vertical_scrollbar
        renders = 0
        render = bar.render

        def counted():  # type: ignore[no-untyped-def]
            nonlocal renders
            renders += 1
            return render()
        bar.render = counted  # type: ignore[method-assign]
        scrolls = repainted = 0
        for keys in [("j",)] * 120 + [("pagedown",)] * 3 + [("end",), ("k",) * 4, ("home",)]:
            top, before = view.scroll_offset.y, renders
            await pilot.press(*keys)
            await pilot.pause()
            scrolls += view.scroll_offset.y != top
            repainted += renders != before
            assert bar.position == bar.validate_position(view.scroll_y)
            shown = _drawn(bar)
            bar.refresh()  # drawn afresh from its state now
            assert shown == _drawn(bar), keys
            await pilot.pause()
        assert scrolls > 100
        assert repainted < scrolls // 4  # Textual's own bar: on every scroll
