"""The reader's finished lines (border and all), kept by document row across scrolls.

Textual's styles cache keeps a widget's finished lines by *screen* row and forgets them
all when the widget scrolls, so a scroll by one sentence re-framed every row on screen:
half the CPU of such a frame, on every ``j`` once the cursor reaches the bottom. Here the
finished line of each document row is kept while its content, the widget's size and
styles stay the same, and handed back to the styles cache before it renders, so a
scroll frames only the rows that came into view. The reader drops a row here whenever it
drops its content strip (``Reader._forget``), and everything on a style update.

A row never framed (a page down, a jump) is framed here too, once Textual has framed one
row of the same shape: its finished line must be exactly the border's left edge, the
content strip and the right edge (no padding, tint or opacity in between), and then each
new row is those edges around its content, not a pass through the styles cache's
general line renderer (a fifth of a new page's CPU).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

LIMIT = 512  # rows kept: a few screens either way of a 35-row window


class FramedRows:
    """Finished lines by document row for one widget (see the module's docstring)."""

    def __init__(self) -> None:
        self._rows: LRUCache[int, Strip] = LRUCache(LIMIT)
        self._shape: tuple[object, ...] | None = None
        # the frame learnt from a line Textual framed: (left edge, right edge, line
        # length, content length); None until then or when the frame is not that simple
        self._edges: tuple[Segment, Segment, int, int] | None = None
        self.reused = 0  # lines handed back instead of framed again (for tests)
        self.framed = 0  # new lines framed here (for tests)

    def clear(self) -> None:
        self._rows.clear()
        self._edges = None

    def discard(self, row: int) -> None:
        self._rows.discard(row)

    def render(self, widget: Widget, crop: Region, top: int,
               render: Callable[[Region], list[Strip]],
               content: Callable[[int], Strip]) -> list[Strip]:
        """``render(crop)`` (Textual's), with the content lines of ``crop`` that are
        known, or can be framed like one Textual framed, put in the styles cache first;
        ``top`` is the document row of the first content line, ``content(y)`` the content
        strip of content line ``y``. Textual 8.2's StylesCache keeps lines in ``_cache``
        by line and renders those in ``_dirty_lines`` or missing (pinned below 8.3)."""
        gutter = widget.styles.gutter
        first, end = gutter.top, widget.region.height - gutter.bottom
        shape = (widget.region.size, gutter.top, gutter.left, widget.has_focus,
                 widget.opacity, widget.styles.text_opacity, widget.styles.tint)
        if shape != self._shape:
            self.clear()
            self._shape = shape
        styles_cache = widget._styles_cache
        lines, dirty = styles_cache._cache, styles_cache._dirty_lines
        inner = range(max(first, crop.y), min(end, crop.bottom))
        edges = self._edges
        for y in inner:
            if y in dirty or y not in lines:
                known = self._rows.get(top + y - first)
                if known is None and edges is not None:
                    known = _framed(edges, content(y - first))
                    self.framed += known is not None
                elif known is not None:
                    self.reused += 1
                if known is not None:
                    lines[y] = known
                    dirty.discard(y)
        strips = render(crop)
        for y in inner:
            line = lines.get(y)
            if line is not None:
                self._rows[top + y - first] = line
                if self._edges is None:
                    self._edges = _edges(line, content(y - first))
        return strips


def _edges(line: Strip, content: Strip) -> tuple[Segment, Segment, int, int] | None:
    """The frame around ``content`` in ``line`` if it is just a left and a right edge."""
    segments = list(line)
    if len(segments) < 2 or segments[1:-1] != list(content):
        return None
    return segments[0], segments[-1], line.cell_length, content.cell_length


def _framed(edges: tuple[Segment, Segment, int, int], content: Strip) -> Strip | None:
    left, right, length, content_length = edges
    if content.cell_length != content_length:
        return None  # not the width learnt: Textual frames it
    return Strip([left, *content, right], length)
