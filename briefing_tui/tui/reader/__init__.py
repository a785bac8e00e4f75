"""The reader: one Line-API widget showing a whole briefing, however large.

Only the rows on screen are rendered (``render_line``), each into a cached ``Strip``; a
cursor move or a tag refreshes just the rows of the sentences it touches. Document text is
never parsed as markup: rows are built from plain ``Segment`` text, with hostile
characters already mapped to visible one-cell symbols (``core.visible``) so offsets hold.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from rich.style import Style
from textual import events, work
from textual.binding import BindingsMap
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document
from briefing_tui.tui.keys import READER_BINDINGS, tag_bindings
from briefing_tui.tui.reader.framed import FramedRows
from briefing_tui.tui.reader.layout import TextLayout, span_blocks
from briefing_tui.tui.reader.messages import CursorMoved as _CursorMoved
from briefing_tui.tui.reader.messages import FilterChanged as _FilterChanged
from briefing_tui.tui.reader.navigation import Navigator
from briefing_tui.tui.reader.pieces import message_segments, padded, row_pieces, row_segments
from briefing_tui.tui.reader.scrollbar import QuietScrollView
from briefing_tui.tui.reader.shown import Lines, ShownText
from briefing_tui.tui.reader.style import COMPONENT_CLASSES, READER_CSS, tag_styles

if TYPE_CHECKING:  # the suggestion model loads with its first use, not at start
    from briefing_tui.core.suggest.live import DocumentSuggestions

GUTTER = 4  # three tag marks and a space
MEASURE = 90  # the longest line read comfortably, in cells; wider panes leave a margin
LAZY_LAYOUT_CHARS = 1_000_000  # larger documents lay out the first screen first


class Reader(QuietScrollView, can_focus=True):
    """Shows one document; the sentence cursor and tags are drawn per row."""

    BINDINGS = READER_BINDINGS
    DEFAULT_CSS = READER_CSS
    COMPONENT_CLASSES = COMPONENT_CLASSES

    CursorMoved: TypeAlias = _CursorMoved  # messages up (tui/reader/messages.py)
    FilterChanged: TypeAlias = _FilterChanged

    def __init__(self, codebook: Codebook, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codebook = codebook
        # the codebook's keys, on top of the class's (merge copies: the class map is shared)
        self._bindings = BindingsMap.merge([self._bindings, BindingsMap(tag_bindings(codebook))])
        self.document: Document | None = None
        self.seen = ShownText(None)  # U+2028/9 kept in it: they break lines
        self.nav = Navigator()
        self.text_layout: TextLayout | None = None
        self._cache: LRUCache[int, Strip] = LRUCache(512)  # each row's content
        self._framed = FramedRows()  # each row's finished line (border and all)
        self._tag_styles: dict[str, tuple[Style, Style]] = {}
        self._rich_styles: dict[str, Style] = {}
        self.message = "No document open: choose one in the Documents pane and press Enter."
        # the suggestions to show for a document, None for none (set by tui.suggesting)
        self.suggestions_for: Callable[[Document], DocumentSuggestions | None] | None = None

    # -- model -------------------------------------------------------------------------

    def show(self, document: Document | None, cursor: int = 0) -> None:
        """Display ``document`` (None for the empty state) with the cursor on ``cursor``.

        A new document is shown whole: a tag filter ends (and says so).
        """
        filtered = self.nav.filtered
        self.document = document
        self.nav = Navigator(document)
        self.nav.cursor = min(cursor, max(0, len(document.segmentation) - 1)) if document \
            else 0
        self.seen = ShownText(document, self.nav.cursor)
        if self.seen.partial:
            self.call_after_refresh(self._show_rest, self.seen)  # after the first paint
        self.relayout()
        self.scroll_to(y=0, animate=False)
        self.scroll_to_cursor(center=True)
        if filtered:
            self.post_message(self.FilterChanged(self, None))
        self._moved()

    @property
    def cursor(self) -> int:
        return self.nav.cursor

    @property
    def filter_tag(self) -> str | None:
        """Show only the sentences tagged this (None: all); set it to filter."""
        return self.nav.filter_tag

    @filter_tag.setter
    def filter_tag(self, tag: str | None) -> None:
        changed, self.nav.filter_tag = tag != self.nav.filter_tag, tag
        self._refiltered(changed)

    def set_filter_about(self, name: str | None, indices: list[int]) -> None:
        """Show only the sentences naming a place or actor (``indices``); None: all."""
        changed = name != self.nav.about_name
        self.nav.filter_about = (name, sorted(indices)) if name is not None else None
        self._refiltered(changed)

    def show_all(self) -> None:
        """End every filter (a jump must land on a sentence that is shown)."""
        if self.nav.filtered:
            self.nav.filter_about, self.nav.filter_tag = None, None
            self._refiltered(True)

    def _refiltered(self, changed: bool) -> None:
        nav, cursor = self.nav, self.nav.cursor
        nav.cursor_to_shown()
        self.relayout()
        self.scroll_to_cursor(center=True)
        if changed:
            self.post_message(self.FilterChanged(self, nav.filter_tag))
        if nav.cursor != cursor:
            self._moved()

    @property
    def shown(self) -> str:
        """The text as drawn: controls as visible symbols, the same length as the text;
        of a long text a prefix until a worker has made the rest (``reader.shown``)."""
        return self.seen.text

    @property
    def partial(self) -> bool:
        return self.seen.partial

    @work(thread=True, exclusive=True, group="shown", description="show the rest")
    def _show_rest(self, seen: ShownText) -> None:
        """Make the rest of a long text visible and find its lines, off the UI thread."""
        rest = seen.rest()
        self.app.call_from_thread(self._rest_shown, seen, *rest)

    def _rest_shown(self, seen: ShownText, whole: str, lines: Lines) -> None:
        if seen is not self.seen or not seen.partial:
            return  # another document (or the whole text) is shown meanwhile
        seen.adopt(whole, lines)
        self.relayout()
        if not self.cursor_on_screen():  # it moved past the prefix meanwhile
            self.scroll_to_cursor(center=True)

    def measure(self) -> int:
        """The text width: the pane less the gutter, capped at :data:`MEASURE`."""
        return max(10, min(MEASURE, self.scrollable_content_region.width - GUTTER))

    def relayout(self) -> None:
        """Rebuild rows (new document, width or filter); cheap enough to do on resize."""
        self._forget()
        width = self.measure()
        if self.document is not None and not self.size.width:
            self.text_layout = None  # not laid out yet: on_resize lays it out once
            return
        if self.document is None:
            self.text_layout = None
            self.virtual_size = Size(self.size.width, 0)
            self.refresh()
            return
        starts, ends = self._blocks()
        big = len(self.shown) > LAZY_LAYOUT_CHARS
        rows = self.size.height * 3 + self.text_layout_rows_hint() if big else None
        self.text_layout = TextLayout(self.shown, starts, ends, width, max_rows=rows)
        self.virtual_size = Size(width + GUTTER, len(self.text_layout))
        if not self.text_layout.complete:  # after the first paint: it competes for the GIL
            self.call_after_refresh(self._complete_layout, self.text_layout)
        self.refresh()

    def _blocks(self) -> tuple[array[int], array[int]]:
        """The blocks to lay out; the document's lines are found once, not on each resize."""
        assert self.document is not None
        if self.nav.filtered:
            self.seen.whole_now()
            return span_blocks(self.shown, self.nav.filtered_spans())
        return self.seen.lines()

    def text_layout_rows_hint(self) -> int:
        """Rows to lay out before the first paint: enough to reach the cursor."""
        if self.document is None or not len(self.document.segmentation):
            return 0
        return min(self.document.segmentation.starts[self.nav.cursor] // 10, 10**9)

    @work(thread=True, exclusive=True, group="layout", description="lay out the rest")
    def _complete_layout(self, layout: TextLayout) -> None:
        """Wrap the rest of a big document off the UI thread (rows only ever grow)."""
        layout.extend()
        self.app.call_from_thread(self._layout_done, layout)

    def _layout_done(self, layout: TextLayout) -> None:
        if layout is not self.text_layout:
            return  # superseded by a newer layout (another resize or filter)
        self.virtual_size = Size(self.virtual_size.width, len(layout))
        self.refresh()

    def segmentation_grew(self) -> None:
        """More sentences were split in the background: redraw what is on screen."""
        self._forget()
        self.refresh()

    # -- styles ------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()
        self._tag_styles.clear()
        self._rich_styles.clear()

    def _style(self, component: str) -> Style:
        """A component's Rich style ("" for the widget's own), looked up once per theme."""
        style = self._rich_styles.get(component)
        if style is None:
            style = (self.get_component_rich_style(component) if component
                     else self.rich_style)
            self._rich_styles[component] = style
        return style

    def _styles_for(self, tag: str) -> tuple[Style, Style]:
        """(text style, gutter style) of a tag: a tint of the background, a solid mark."""
        styles = self._tag_styles.get(tag)
        if styles is None:
            styles = tag_styles(self.background_colors[1], self.codebook.colour(tag))
            self._tag_styles[tag] = styles
        return styles

    # -- rendering ---------------------------------------------------------------------

    def _forget(self, row: int | None = None) -> None:  # a row's strips (None: all rows')
        if row is None:
            self._cache.clear()
            self._framed.clear()
        else:
            self._cache.discard(row)
            self._framed.discard(row)

    def render_lines(self, crop: Region) -> list[Strip]:  # finished lines kept (framed.py)
        return self._framed.render(self, crop, self.scroll_offset.y, super().render_lines,
                                   self.render_line)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self.text_layout is None and self.document is not None and width:
            self._lay_out_first()
        row = self.scroll_offset.y + y
        strip = self._cache.get(row)
        if strip is None or strip.cell_length != width:  # kept at the width drawn
            strip = self._render_row(row, width)
            if strip.cell_length != width:
                strip = strip.crop_extend(0, width, self._style(""))
            self._cache[row] = strip
        return strip

    def _lay_out_first(self) -> None:
        """Lay out in the first paint a document shown before the widget had a size (its
        Resize comes a frame later: the empty state would flash before the text)."""
        self.relayout()
        self.scroll_to_cursor(center=True)
        self._moved()

    def _render_row(self, row: int, width: int | None = None) -> Strip:
        """A row's content, padded to ``width`` (the pane's) as it is built."""
        width = self.size.width if width is None else width
        base = self._style("")
        if self.text_layout is None or self.document is None or not self.text_layout.rows:
            return self._message_row(row)
        span = self.text_layout.row_span(row)
        if span is None:
            return Strip.blank(width, base)
        start, end = span
        hints = self.suggestions_for(self.document) if self.suggestions_for else None
        pieces = row_pieces(self.document, start, end, self.nav.cursor, hints)
        return padded(row_segments(self.shown, pieces, self.nav.matches, self.codebook.order,
                                   GUTTER, self._style, self._styles_for), width, base)

    def _message_row(self, row: int) -> Strip:
        """The empty state: a short message, wrapped to the pane."""
        message = (self.nav.nothing_shown() if self.document is not None else "") or self.message
        return Strip(message_segments(message, row - 1, self.size.width, GUTTER,
                                      self._style(""), self._style("reader--empty")))

    # -- refreshing --------------------------------------------------------------------

    def refresh_sentence(self, index: int | None) -> None:
        """Redraw only the rows of one sentence."""
        if index is None or self.text_layout is None or self.document is None:
            return
        split = self.document.segmentation
        if not 0 <= index < len(split):
            return
        first = self.text_layout.row_of_offset(split.starts[index])
        last = self.text_layout.row_of_offset(max(split.starts[index], split.ends[index] - 1))
        for row in range(first, last + 1):
            self._forget(row)
        self.refresh_lines(first, last - first + 1)

    def refresh_all(self) -> None:
        self._forget()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        width = self.measure()
        if self.text_layout is None or self.text_layout.width != width:
            self.relayout()
            if self.document is not None and self.size.width:
                self._moved()
            self.scroll_to_cursor(center=True)

    # -- cursor ------------------------------------------------------------------------

    def _moved(self) -> None:
        """Tell the app, directly: bubbling up five containers let the screen paint in
        between, so a move cost two frames (the reader's rows, then the status line)."""
        self.app.post_message(self.CursorMoved(self))

    def move_to(self, index: int | None, *, center: bool = False) -> None:
        """Put the cursor on sentence ``index`` and bring it into view."""
        if index is None or self.document is None or index == self.nav.cursor:
            if index is not None:
                self.scroll_to_cursor(center=center)
            return
        old = self.nav.cursor
        self.nav.cursor = index
        if self.partial and self.document.segmentation.starts[index] >= len(self.shown):
            self.seen.whole_now()  # a jump past the prefix (end, search) before the worker
            self.relayout()
        self.refresh_sentence(old)
        self.refresh_sentence(index)
        self.scroll_to_cursor(center=center)
        self._moved()

    def cursor_rows(self) -> tuple[int, int] | None:
        if self.text_layout is None or self.document is None or not len(self.document.segmentation):
            return None
        split = self.document.segmentation
        index = self.nav.cursor
        start, end = split.starts[index], split.ends[index]
        layout = self.text_layout
        return layout.row_of_offset(start), layout.row_of_offset(max(start, end - 1))

    def cursor_on_screen(self) -> bool:
        """Whether any row of the cursor's sentence is in view (True before layout)."""
        rows = self.cursor_rows()
        height = self.scrollable_content_region.height
        if rows is None or not height:
            return True
        top = self.scroll_offset.y
        return rows[1] >= top and rows[0] < top + height

    def scroll_to_cursor(self, center: bool = False) -> None:
        rows = self.cursor_rows()
        if rows is None:
            return
        top, bottom = rows
        height = max(1, self.scrollable_content_region.height)
        y = self.scroll_offset.y
        if center:
            self.scroll_to(y=max(0, top - height // 3), animate=False)
        elif top < y + 1:
            self.scroll_to(y=max(0, top - 1), animate=False)
        elif bottom >= y + height - 1:
            self.scroll_to(y=min(top, bottom - height + 2), animate=False)

    def page(self, direction: int) -> None:
        """Scroll a page and put the cursor on the first sentence that starts in view."""
        if self.text_layout is None or self.document is None:
            return
        height = max(1, self.scrollable_content_region.height)
        target = max(0, min(self.scroll_offset.y + direction * (height - 1),
                            max(0, self.text_layout.rows - height)))
        self.scroll_to(y=target, animate=False)
        offset_row = target + 1 if target else 0
        span = self.text_layout.row_span(min(offset_row, self.text_layout.rows - 1))
        if span is not None:
            index = self.nav.first_visible_at_or_after(span[0])
            if direction < 0 and target == 0:
                index = self.nav.first()
            if index is not None:
                old = self.nav.cursor
                self.nav.cursor = index
                self.refresh_sentence(old)
                self.refresh_sentence(index)
                self._moved()

    def on_click(self, event: events.Click) -> None:
        if self.text_layout is None or self.document is None:
            return
        where = event.get_content_offset(self)  # inside the border, not the widget's box
        offset = None if where is None else self.text_layout.offset_at(
            self.scroll_offset.y + where.y, where.x - GUTTER)
        if offset is not None:
            index = self.document.segmentation.index_at(offset)
            if index is not None and self.nav.is_visible(index):
                self.move_to(index)
        self.focus()
