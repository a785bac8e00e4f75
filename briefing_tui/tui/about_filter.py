"""The place and actor filter (P): show only the sentences naming one place or actor, in
the reader (this part) and in the summary screen (the same chooser).

The names are those the shipped gazetteer and actors and the folder's brief.yaml know
(core.brief.mentions), found in a worker; the chooser lists each with how many sentences
name it, most first, and "All sentences" to end the filter.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.document import Document
from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.panes import clip, plain
from briefing_tui.tui.reader import Reader

ALL = ""  # the chooser's answer for "every sentence"


class AboutChooser(ModalScreen[str | None]):
    """Choose a place or actor (``counts``: name → sentences); "" ends the filter."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, counts: dict[str, int], current: str | None, what: str) -> None:
        super().__init__()
        self.names = sorted(counts, key=lambda n: (-counts[n], n.casefold()))
        self.counts = counts
        self.current = current
        self.what = what

    def compose(self) -> ComposeResult:
        options = [Option(Content.styled("All sentences (no place or actor filter)",
                                         "italic"), id="about-all")]
        options += [Option(Content.assemble(plain(clip(name, 50), "bold"), Content.styled(
            f"  {self.counts[name]} sentence{'s' if self.counts[name] != 1 else ''}",
            "$text-muted")), id=f"about-{n}") for n, name in enumerate(self.names)]
        with Vertical(classes="dialog chooser"):
            yield Static(Content.styled(f"Only the {self.what} naming…", "bold"),
                         classes="title")
            yield OptionList(*options, id="about-list")
            yield Static(Content.styled("enter chooses  ·  escape cancels",
                                        "italic $text-muted"))

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.names.index(self.current) + 1 \
            if self.current in self.names else 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        self.dismiss(ALL if index == 0 else self.names[index - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class AboutFilterMixin(AppBase):
    """P in the reader: only the sentences of this document naming a place or actor."""

    def action_filter_about(self) -> None:
        reader = self.active_reader()
        entry = self.entry_of(reader)
        document = entry.document if entry is not None else None
        if document is None:
            self.notify("Open a document first.", timeout=2)
            return
        if not document.segmentation.complete:
            self.notify("The document is still being split; try again in a moment.",
                        timeout=3)
            return

        def find() -> None:
            from briefing_tui.core.brief.folders import sentences_naming

            found, problem = sentences_naming(document.text, document.segmentation,
                                              document.path.parent)
            self.call_from_thread(self._choose_about, reader, document, found, problem)

        self.run_worker(find, thread=True, exclusive=True, group="about",
                        description="find places and actors")

    def _choose_about(self, reader: Reader, document: Document,
                      found: dict[str, list[int]], problem: str) -> None:
        if problem:
            self.notify(f"{problem} (its places and actors are left out)", severity="warning")
        if not found:
            self.notify("This document names no known place or actor.", timeout=3)
            return

        def chosen(name: str | None) -> None:
            if name is None or reader.document is not document:
                return
            reader.set_filter_about(name or None, found.get(name, []))
            reader.focus()

        self.push_screen(AboutChooser({n: len(i) for n, i in found.items()},
                                      reader.nav.about_name, "sentences"), chosen)
