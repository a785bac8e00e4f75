"""The timeline screen: every tagged sentence of the listed briefings at the date it says.

The same timeline as the summary and the exports (core.brief), built in a worker from the
open documents (unsaved tags included) and the files not opened yet, one heading per day;
enter jumps to the sentence in the reader. Sentences without a date of their own sit at
their document's date, marked so.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.brief import Event
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document
from briefing_tui.core.export.brief_parts import dated, undated_line
from briefing_tui.core.export.common import place
from briefing_tui.core.summary import Summary, summary_of_documents
from briefing_tui.tui.hanging import Hang, Hanging
from briefing_tui.tui.panes import clip, plain
from briefing_tui.tui.summary_brief import QUOTE_ROOM
from briefing_tui.tui.summary_screen import Place

EVENT_LIMIT = 2000  # rows on screen; the written export has them all


class TimelineScreen(Screen[Place | None]):
    """Tagged sentences by date, earliest first; enter jumps to one."""

    BINDINGS = [Binding("escape,T", "close", "Back", id="timeline_close")]

    def __init__(self, sources: list[Document | Path], codebook: Codebook) -> None:
        super().__init__()
        self.sources = sources
        self.codebook = codebook
        self.summary: Summary | None = None
        self.events: dict[str, Event] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Building the timeline…", "italic $text-muted"),
                     id="timeline-header")
        yield OptionList(id="timeline-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._build()

    @work(thread=True, exclusive=True, group="timeline", description="build the timeline")
    def _build(self) -> None:
        summary = summary_of_documents(self.sources, self.codebook)
        self.app.call_from_thread(self._show, summary)

    def _show(self, summary: Summary) -> None:
        self.summary = summary
        on_it = dated(summary)
        days = len({e.date for e in on_it})
        self.query_one("#timeline-header", Static).update(Content.assemble(
            Content.styled("Timeline", "bold"),
            f"  {len(on_it)} tagged sentences on {days} days  ·  ",
            Content.styled("~ dim: no date said, so its document's date", "$text-muted")))
        options: list[Option] = []
        current = None
        for event in on_it[:EVENT_LIMIT]:
            day = f"{event.date} – {event.until}" if event.until else event.date
            if day != current:
                current = day
                options.append(Option(Content.styled(f"■ {day}", "bold"), disabled=True))
            options.append(self._option(event))
        note = undated_line(summary)
        if note:
            options.append(Option(plain(note, "italic $text-muted"), disabled=True))
        if not options:
            options.append(Option(Content.styled("Nothing tagged yet.", "italic"),
                                  disabled=True))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)

    def _option(self, event: Event) -> Option:
        key = f"event-{len(self.events)}"
        self.events[key] = event
        style = "" if event.stated else "$text-muted"
        cite = f"{clip(event.citation.file, 28)} {place(event.citation)}"
        label = Content.assemble(Content.styled("   " if event.stated else " ~ ", "$text-muted"),
                                 Content.styled(f"{cite:<34} ", "$text-muted"))
        parts: list[Content | str] = [plain(clip(event.text, QUOTE_ROOM), style)]
        parts += [Content.styled(f"  {tag}", self.codebook.colour(tag)) for tag in event.tags]
        if event.about:  # the places and actors it names
            parts.append(plain(f"  ⌖ {', '.join(event.about)}", "$text-muted"))
        # the sentence wraps under itself, not back under its citation (as in the summary)
        return Option(Hanging([Hang(label, Content.assemble(*parts))]), id=key)

    @on(OptionList.OptionSelected)
    def _chosen(self, selected: OptionList.OptionSelected) -> None:
        event = self.events.get(selected.option.id or "")
        if event is not None:
            self.dismiss(Place(event.path, event.start))

    def action_close(self) -> None:
        self.dismiss(None)
