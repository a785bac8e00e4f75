"""A part of the app: the Documents pane's row of a briefing, redone after a burst of tags.

The pane is an ``OptionList``: replacing one row's prompt clears its render caches,
re-measures its rows and relays the whole screen out, ~20 ms of every tag key on a 10 MB
briefing. A tag only changes the row's counts, so the row is redone a moment after the
last tag (once per burst); anything else (a save, a reload, an error) redoes it at once.
"""

from __future__ import annotations

from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.panes import DocumentList

RELIST_DELAY = 0.3  # seconds after the last tag before the Documents pane recounts


class RelistMixin(AppBase):
    """Redoes rows of the Documents pane, now or after a pause in the tagging."""

    def _relist_soon(self, entry: Entry) -> None:
        """Redo ``entry``'s row in the Documents pane (its tag counts) a moment after the
        last tag: the pane's OptionList re-measures its rows and relays the screen out
        (~20 ms of every tag key at 10 MB); a burst of tags is listed once."""
        self._relist[id(entry)] = entry
        if self._relist_timer is not None:
            self._relist_timer.stop()
        self._relist_timer = self.set_timer(RELIST_DELAY, self._relist_pending)

    def _relist_pending(self) -> None:
        self._relist_timer = None
        pending, self._relist = list(self._relist.values()), {}
        for entry in pending:
            self._relist_now(entry)

    def _relist_now(self, entry: Entry) -> None:
        self._relist.pop(id(entry), None)
        documents = self.one("documents", DocumentList)
        if documents is not None:
            documents.update_entry(entry)
