"""The Documents pane: every briefing found, drawn line by line (Textual's Line API).

Textual's OptionList forgets every option's height when one option changes and measures
them all again, so each scan update of a 10,000-briefing folder cost ~0.3 s of UI time.
Here an entry's height is worked out when that entry changes (a briefing not scanned yet
is one line, no measuring at all), the first line of every entry is a running sum made
again only after a height changed, and only the visible rows are drawn, their strips
kept per entry: an update costs O(visible rows). It looks and answers like the
OptionList it replaces: the same component classes and CSS, keys, mouse and message.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar, cast

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual

from briefing_tui.core.codebook import Codebook
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.labels import clip, plain

_KEPT_RENDERS = 2_048  # entries whose strips are kept (a few screens' worth, many times)


class DocumentList(ScrollView, can_focus=True):
    """Every briefing found, with its tag counts and a mark when it needs attention."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [  # OptionList's own
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]
    # OptionList's look, under this widget's name (Textual 8.2)
    DEFAULT_CSS = """
    DocumentList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "option-list--option", "option-list--option-highlighted", "option-list--option-hover"}

    highlighted: reactive[int | None] = reactive(None)
    _hover: reactive[int | None] = reactive(None)

    @dataclass
    class Chosen(Message):
        """A briefing was chosen in the list (enter or click): show it."""

        documents: DocumentList
        entry: Entry

        @property
        def control(self) -> DocumentList:
            return self.documents

    def __init__(self, codebook: Codebook, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codebook = codebook
        self.entries: list[Entry] = []
        self._rows: dict[int, int] = {}  # id(entry) -> its row: 10,000 entries, no scans
        self._prompts: list[Content | None] = []  # made when drawn or measured
        self._heights = array("i")  # lines per entry at the measured width
        self._tops: array[int] | None = None  # each entry's first line; None: to sum
        self._measured = 0  # the width the names were clipped and measured at
        self._renders: dict[int, tuple[Style, list[Strip]]] = {}
        self.border_title = "Documents"

    # -- what the app gives and asks ---------------------------------------------------

    def set_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._rows = {id(entry): row for row, entry in enumerate(entries)}
        self._prompts = [None] * len(entries)
        self._measured = 0  # measured again before the next frame
        self._arrange()
        if entries:
            self.highlighted = min(self.highlighted or 0, len(entries) - 1)
        self.refresh()

    def update_entry(self, entry: Entry) -> None:
        """Redraw one entry's rows (found by identity: ``list.index`` compares every field
        of every entry); the rest of the list is neither measured nor drawn again."""
        index = self._rows.get(id(entry))
        if index is None or index >= len(self.entries) or self.entries[index] is not entry:
            return
        self._prompts[index] = None
        self._renders.pop(index, None)
        if self._measured:
            height = self._height(index)
            if height != self._heights[index]:
                self._heights[index] = height
                self._tops = None
        self.refresh()

    @property
    def option_count(self) -> int:
        return len(self.entries)

    def prompt_at(self, index: int) -> Content:
        """What entry ``index`` shows (its lines, before wrapping)."""
        prompt = self._prompts[index]
        if prompt is None:
            prompt = self._prompts[index] = self._prompt(self.entries[index])
        return prompt

    # -- measuring ---------------------------------------------------------------------

    def _text_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return self.scrollable_content_region.width - padding.width

    def _arrange(self) -> None:
        """Measure every entry at the pane's width when it changed (names are clipped to
        it), and sum the entries' first lines when a height changed."""
        width = self.scrollable_content_region.width
        if width and width != self._measured:
            self._measured = width
            self._prompts = [None] * len(self.entries)
            self._renders.clear()
            self._heights = array("i", (self._height(i) for i in range(len(self.entries))))
            self._tops = None
        if self._tops is None and self._measured:
            self._tops = array("i", accumulate(self._heights, initial=0))
            size = Size(width, self._tops[-1])
            if size != self.virtual_size:
                self.virtual_size = size
                self._refresh_scrollbars()

    def _height(self, index: int) -> int:
        """Lines of entry ``index`` at the pane's width: one for a briefing with nothing
        to say yet (not drawn to know it), else its lines, wrapped only when too long."""
        entry = self.entries[index]
        if not (entry.error or entry.counts or entry.attention or entry.layers):
            return 1
        prompt = self.prompt_at(index)
        width = self._text_width()
        lines = prompt.plain.split("\n")
        if all(cell_len(line) <= width for line in lines):
            return len(lines)
        return prompt.get_height(cast(RulesMap, self.styles), width)

    def _prompt(self, entry: Entry) -> Content:
        room = max(12, (self.scrollable_content_region.width or 28) - 2)  # 28: not laid out
        name = plain(clip(entry.path.name, room), "bold" if entry.document else "")
        if entry.error:
            return Content.assemble(plain("✗ ", "$error"), name, "\n",
                                    plain("  " + clip(entry.error, 80), "$text-error"))
        mark = plain("! ", "$warning") if entry.attention else Content("  ")
        parts: list[Content | str] = [mark, name]
        counts = [(tag, entry.counts[tag]) for tag in self.codebook.order(list(entry.counts))]
        if counts or entry.attention:
            line: list[Content | str] = ["\n  "]
            for tag, count in counts:
                line += [Content.styled("●", self.codebook.colour(tag)), f"{count} "]
            if entry.attention:
                line.append(plain(clip(entry.attention, 110), "$text-warning"))
            parts += line
        if entry.layers:
            parts += ["\n  ", plain("layers: " + clip(entry.layers, 100), "$text-muted")]
        return Content.assemble(*parts)

    # -- drawing -----------------------------------------------------------------------

    def on_resize(self) -> None:
        self._arrange()  # names are clipped to the pane: new width, new names
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        self._renders.clear()  # a new theme: new colours
        self.refresh()
        super().notify_style_update()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._arrange()
        return self._tops[-1] if self._tops is not None else len(self.entries)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._arrange()
        return super().render_lines(crop)

    def _entry_at(self, line: int) -> int | None:
        tops = self._tops
        if tops is None or not 0 <= line < tops[-1]:
            return None
        return bisect_right(tops, line) - 1

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        index = self._entry_at(line)
        if index is None or self._tops is None:
            return Strip.blank(self.scrollable_content_region.width,
                               self.get_visual_style("option-list--option").rich_style)
        if self.highlighted == index:
            style = self.get_visual_style("option-list--option",
                                          "option-list--option-highlighted")
        elif self._hover == index:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        strips = self._strips_of(index, style)
        offset = line - self._tops[index]
        if offset >= len(strips):
            return Strip.blank(self.scrollable_content_region.width,
                               self.get_visual_style("option-list--option").rich_style)
        return strips[offset]

    def _strips_of(self, index: int, style: Style) -> list[Strip]:
        """Entry ``index``'s rows in ``style``, as OptionList draws an option."""
        kept = self._renders.get(index)
        if kept is not None and kept[0] == style:
            return kept[1]
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width
        visual: Visual = self.prompt_at(index)
        if padding:
            visual = Padding(visual, padding)
        strips = [strip.extend_cell_length(width, style.rich_style).apply_meta({"option": index})
                  for strip in visual.to_strips(self, visual, width, None, style)]
        if len(self._renders) >= _KEPT_RENDERS:
            self._renders.clear()
        self._renders[index] = (style, strips)
        return strips

    # -- the highlight, keys and mouse ---------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self.entries:
            return None
        return max(0, min(highlighted, len(self.entries) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self._renders.pop(index, None)
        self.refresh()
        self.scroll_to_highlight()

    def watch__hover(self) -> None:
        self.refresh()

    def scroll_to_highlight(self, top: bool = False) -> None:
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        self._arrange()
        if self._tops is None:
            return
        y = self._tops[highlighted]
        region = Region(0, y, self.scrollable_content_region.width, self._heights[highlighted])
        self.scroll_to_region(region, force=True, animate=False, top=top, immediate=True)

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def _step(self, direction: int) -> None:
        if self.entries:
            here = self.highlighted
            self.highlighted = (0 if direction > 0 else len(self.entries) - 1) if here is None \
                else (here + direction) % len(self.entries)  # round, as OptionList does

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self.highlighted = 0 if self.entries else None

    def action_last(self) -> None:
        self.highlighted = len(self.entries) - 1 if self.entries else None

    def _page(self, direction: int) -> None:
        """About one page on: the entry a pane's height of lines away (no wrapping)."""
        self._arrange()
        if not self.entries or self._tops is None:
            return
        if self.highlighted is None:
            self.highlighted = 0 if direction < 0 else len(self.entries) - 1
            return
        line = self._tops[self.highlighted] + direction * self.scrollable_content_region.height
        line = max(0, min(line, self._tops[-1] - 1))
        self.highlighted = self._entry_at(line)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.entries[self.highlighted]))

    async def _on_click(self, event: events.Click) -> None:
        clicked: int | None = event.style.meta.get("option")
        if clicked is not None and clicked < len(self.entries):
            self.highlighted = clicked
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = event.style.meta.get("option")

    def _on_leave(self, _: events.Leave) -> None:
        self._hover = None
