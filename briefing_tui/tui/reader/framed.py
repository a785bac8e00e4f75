"""The reader's finished lines (border and all), kept by document row across scrolls.

Textual's styles cache keeps a widget's finished lines by *screen* row and forgets them
all when the widget scrolls, so a scroll by one sentence re-framed every row on screen:
half the CPU of such a frame, on every ``j`` once the cursor reaches the bottom. Here the
finished line of each document row is kept while its content, the widget's size and
styles stay the same, and handed back to the styles cache before it renders, so a
scroll frames only the rows that came into view. The reader drops a row here whenever it
drops its content strip (``Reader._forget``), and everything on a style update.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

LIMIT = 512  # rows kept: a few screens either way of a 35-row window


class FramedRows:
    """Finished lines by document row for one widget (see the module's docstring)."""

    def __init__(self) -> None:
        self._rows: LRUCache[int, Strip] = LRUCache(LIMIT)
        self._shape: tuple[Size, int, int, bool] | None = None
        self.reused = 0  # lines handed back instead of framed again (for tests)

    def clear(self) -> None:
        self._rows.clear()

    def discard(self, row: int) -> None:
        self._rows.discard(row)

    def render(self, widget: Widget, crop: Region, top: int,
               render: Callable[[Region], list[Strip]]) -> list[Strip]:
        """``render(crop)`` (Textual's), with the content lines of ``crop`` that are
        known put in the styles cache first; ``top`` is the document row of the first
        content line. Textual 8.2's StylesCache keeps lines in ``_cache`` by line and
        renders those in ``_dirty_lines`` or missing (pinned below 8.3 in pyproject)."""
        gutter = widget.styles.gutter
        first, end = gutter.top, widget.region.height - gutter.bottom
        shape = (widget.region.size, gutter.top, gutter.left, widget.has_focus)
        if shape != self._shape:
            self._rows.clear()
            self._shape = shape
        styles_cache = widget._styles_cache
        lines, dirty = styles_cache._cache, styles_cache._dirty_lines
        inner = range(max(first, crop.y), min(end, crop.bottom))
        for y in inner:
            if y in dirty or y not in lines:
                known = self._rows.get(top + y - first)
                if known is not None:
                    lines[y] = known
                    dirty.discard(y)
                    self.reused += 1
        strips = render(crop)
        for y in inner:
            line = lines.get(y)
            if line is not None:
                self._rows[top + y - first] = line
        return strips
