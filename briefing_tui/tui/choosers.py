"""Lists to choose from: a document (for split view, or at any width), a search hit.

Both are modal lists of literal text (file names and quotes are never markup); enter
chooses, escape closes without choosing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.document import Document
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.hanging import Hang, Hanging
from briefing_tui.tui.panes import clip, plain

HIT_LIMIT = 500  # listed; the search box in one document finds them all
CONTEXT = 40  # characters of context either side of a hit
_SPACES = re.compile(r"\s+")


def entry_label(entry: Entry, width: int = 70) -> Content | Hanging:
    """The file name, with the title under it when it says more; a long title wraps
    under itself (it wrapped back to the first column, among the file names)."""
    name = plain(clip(entry.path.name, width), "bold" if entry.document else "")
    if entry.error:
        return Content.assemble(plain("✗ ", "$error"), name)
    title = entry.document.title if entry.document is not None else ""
    if title and title != entry.path.name:
        return Hanging([Hang(Content(""), name),
                        Hang(Content("  "), plain(clip(title, 300), "italic $text-muted"))])
    return name


class DocumentChooser(ModalScreen[Entry | None]):
    """Choose one of the listed documents; ``preselect`` starts highlighted."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, entries: list[Entry], preselect: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.preselect = preselect

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog chooser"):
            yield Static(Content.styled(self.title_text, "bold"), classes="title")
            yield OptionList(*[Option(entry_label(e), id=str(i), disabled=bool(e.error))
                               for i, e in enumerate(self.entries)], id="chooser-list")
            yield Static(Content.styled("enter opens  ·  escape cancels",
                                        "italic $text-muted"))

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = min(self.preselect, max(0, len(self.entries) - 1))
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.entries[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Hit:
    path: Path
    start: int


def find_hits(documents: Iterable[Document], query: str) -> list[tuple[Document, int]]:
    """Every case-insensitive occurrence of ``query`` in ``documents`` (up to the limit)."""
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    hits: list[tuple[Document, int]] = []
    for document in documents:
        for match in pattern.finditer(document.text):
            hits.append((document, match.start()))
            if len(hits) >= HIT_LIMIT:
                return hits
    return hits


class SearchAllScreen(ModalScreen[Hit | None]):
    """Search every open document; the hits with their context, enter jumps to one."""

    BINDINGS = [Binding("escape", "cancel", "Close")]

    def __init__(self, documents: list[Document], query: str = "") -> None:
        super().__init__()
        self.documents = documents
        self.query_text = query
        self._hits: list[tuple[Document, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog chooser"):
            count = len(self.documents)
            yield Static(Content.styled(
                f"Search {count} open document{'' if count == 1 else 's'}", "bold"),
                classes="title")
            yield Input(self.query_text, placeholder="words to find, then enter",
                        id="search-all-box")
            yield Static("", id="search-all-count")
            yield OptionList(id="search-all-list")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self._search(self.query_text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._search(event.value)
        if self._hits:
            self.query_one(OptionList).focus()

    def _search(self, query: str) -> None:
        from briefing_tui.core.visible import visible

        self._hits = find_hits(self.documents, query) if query else []
        listing = self.query_one(OptionList)
        listing.clear_options()
        options = []
        length = len(query)
        for number, (document, start) in enumerate(self._hits):
            text = document.text
            # runs of white space (line breaks too) as one space, where the text has
            # them: none added round the hit (it read "Port-au-Prince ." and "deport ation")
            before, hit, after = (visible(_SPACES.sub(" ", part), keep_newlines=False)
                                  for part in (text[max(0, start - CONTEXT):start],
                                               text[start:start + length],
                                               text[start + length:start + length + CONTEXT]))
            label = Content.assemble(plain(clip(document.name, 30), "bold"), "  ",
                                     plain("…" + before.lstrip()), plain(hit, "reverse"),
                                     plain(after.rstrip() + "…"))
            options.append(Option(label, id=str(number)))
        listing.add_options(options)
        more = "+" if len(self._hits) >= HIT_LIMIT else ""
        plural = "" if len(self._hits) == 1 else "s"
        count = f"{len(self._hits)}{more} hit{plural}" if query else ""
        if query and not self._hits:
            count = "Not found in any open document."
        self.query_one("#search-all-count", Static).update(plain(count, "$text-muted"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        document, start = self._hits[event.option_index]
        self.dismiss(Hit(document.path, start))

    def action_cancel(self) -> None:
        self.dismiss(None)
