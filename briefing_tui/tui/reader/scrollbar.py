"""Move the reader's scroll bar without repainting it when its thumb looks the same.

Textual repaints a scroll bar (its whole content, every row) whenever its position
changes. In a 10 MB briefing of ~200,000 rows a 33-row bar's thumb moves by one eighth
of a cell every ~800 rows, so nearly every scroll repainted a bar that looked exactly as
before: a third of a ``j``'s frame. Here the position is kept exact (a drag starts from
it) and the bar is repainted only when Textual's own drawing of it would differ.
"""

from __future__ import annotations

from math import ceil

from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender

Look = tuple[object, ...]


def bar_look(bar: ScrollBar, position: float) -> Look:
    """What ``bar`` would show at ``position``: Textual's own drawing of the thumb
    (``ScrollBar._render_bar``'s arguments), with its size."""
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    size = bar.size
    drawn = ScrollBarRender.render_bar(
        size=size.height, virtual_size=ceil(bar.window_virtual_size),
        window_size=ceil(window), position=bar.validate_position(position),
        thickness=size.width, vertical=True)
    return (size, *drawn.segments)


class QuietScrollbar:
    """The last look a scroll put on a widget's vertical bar (one per widget)."""

    def __init__(self) -> None:
        self._shown: Look | None = None
        self.repaints = 0  # scrolls that repainted the bar (for tests)

    def move(self, bar: ScrollBar, position: float) -> None:
        """Set ``bar``'s position; repaint it only if that changes what it shows."""
        look = bar_look(bar, position)
        if look == self._shown:
            bar.set_reactive(ScrollBar.position, bar.validate_position(position))
            return
        self._shown = look
        self.repaints += 1
        bar.position = position


class QuietScrollView(ScrollView):
    """A ScrollView whose vertical bar is repainted only when its thumb looks different."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bar = QuietScrollbar()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if self.show_vertical_scrollbar:
            self._bar.move(self.vertical_scrollbar, new_value)
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)
