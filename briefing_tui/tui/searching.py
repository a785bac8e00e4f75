"""Finding text: the search box of one document and the search across all open ones.

``escape`` in the box, or later in the reader, clears the search (no stale highlights);
the status line says "match k of n" and a toast says when the next match wrapped round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.widgets import Input

from briefing_tui.tui.actions import ReaderActions

if TYPE_CHECKING:  # the screen loads when it is first opened, not on the first screen
    from briefing_tui.tui.choosers import Hit


class SearchMixin(ReaderActions):
    """A part of the app: ``/``, ``.``/``,`` and ``ctrl+f``."""

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self.active_reader().nav.matches.query
        self.screen.set_focus(box)  # now, not later: keys typed right after "/" go here

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        reader = self.active_reader()
        count = reader.nav.search(event.value)
        event.input.display = False
        reader.refresh_all()
        reader.focus()
        if event.value and not count:
            self.notify("Not found.", timeout=2)
        elif count:
            target = reader.nav.next_match(1)
            if target is not None:
                reader.move_to(target, center=True)
        self.update_status()

    def close_search(self) -> None:
        """Escape: the box closes and the search is over (highlights and count gone)."""
        box = self.query_one("#search", Input)
        box.display = False
        reader = self.active_reader()
        if reader.nav.matches.query:
            reader.nav.search("")
            reader.refresh_all()
        reader.focus()
        self.update_status()

    def on_key(self, event: events.Key) -> None:
        """Escape in the box, or in the reader while matches are shown, ends the search."""
        if event.key != "escape" or len(self.screen_stack) > 1:  # a screen's own escape
            return
        if self.query_one("#search", Input).display or \
                self.active_reader().nav.matches.query:
            self.close_search()

    def action_match(self, direction: int) -> None:
        reader = self.active_reader()
        if not reader.nav.matches.query:
            self.action_search()
            return
        target = reader.nav.next_match(direction)
        if target is None:
            self.notify("No match.", timeout=2)
        elif reader.nav.wrapped:
            self.notify("Search wrapped round to the " +
                        ("start." if direction > 0 else "end."), timeout=2)
        reader.move_to(target)
        self.update_status()

    def action_search_all(self) -> None:
        documents = [e.document for e in self.entries if e.document is not None]
        if not documents:
            self.notify("Open a document first.", timeout=2)
            return

        def chosen(hit: Hit | None) -> None:
            if hit is None:
                return
            entry = next((e for e in self.entries if e.path == hit.path), None)
            reader = self.active_reader()
            if entry is None:
                return
            if self.entry_of(reader) is not entry:
                self.open_in(reader, entry)
            if entry.document is None:
                return
            reader.show_all()
            reader.move_to(entry.document.segmentation.index_at(hit.start), center=True)
            reader.focus()

        query = self.active_reader().nav.matches.query
        from briefing_tui.tui.choosers import SearchAllScreen  # deferred: see the imports

        self.push_screen(SearchAllScreen(documents, query), chosen)
