"""Suggested tags in the reader: shown, explained, accepted, rejected, retrained.

The model (:mod:`briefing_tui.core.suggest`) is trained in a thread worker on every open
document the analyst tagged, 1.5 s after the tags last changed (a burst of keys trains
once), and then scores each open document. A key never waits for it: what is shown is
the last result, filtered live against the sentence's tags and dismissals; a result
older than the newest request is dropped. Nothing becomes a tag without a key press:
``a`` accepts (one undoable step, like a tag key), ``d`` rejects (writes ``dismissed:``),
``g`` jumps to the next suggestion, ``H`` hides or shows them all.
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.document import Document
from briefing_tui.core.sidecar.layers import FINISHED
from briefing_tui.tui.actions import ReaderActions
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.reader import Reader
from briefing_tui.tui.suggest_why import SuggestionWhy, idle_hint, key_hints

if TYPE_CHECKING:  # the model loads with the first retrain or queue, not on the first screen
    from briefing_tui.core.suggest.examples import Example
    from briefing_tui.core.suggest.live import Candidate, DocumentSuggestions
    from briefing_tui.core.suggest.queue import QueueItem


@dataclass(frozen=True)
class Snapshot:
    """One open document as plain values, taken on the UI thread for the worker."""

    path: Path
    text: str
    sha256: str
    starts: array[int]
    ends: array[int]
    annotations: tuple[Annotation, ...]
    finished: bool

    @classmethod
    def of(cls, path: Path, document: Document) -> Snapshot:
        split = document.segmentation
        return cls(path, document.text, document.loaded.sha256, array("q", split.starts),
                   array("q", split.ends), tuple(document.annotations.items.values()),
                   document.header.get("status") == FINISHED)

    def examples(self) -> Iterator[Example]:
        """One at a time: a 10 MB briefing's 136k sentences are not all held at once."""
        from briefing_tui.core.suggest.examples import examples_of  # deferred: see imports

        return examples_of(str(self.path), self.text, self.starts, self.ends,
                           self.annotations, self.finished)


class SuggestingMixin(ReaderActions):
    """A part of the app: suggestions per open document and the keys that act on them."""

    # its state (the last results, the debounce timer, the newest request, the rule
    # hits kept across retrains) is declared and created in AppBase.__init__

    # -- what is shown ---------------------------------------------------------------

    def suggestions_of(self, document: Document) -> DocumentSuggestions | None:
        """The suggestions to draw for ``document`` (None while hidden or stale)."""
        found = None if self.suggestions_hidden else self._suggested.get(document.path)
        return found if found is not None and found.sha256 == document.loaded.sha256 \
            else None

    def cursor_candidates(self, reader: Reader) -> list[Candidate]:
        document = reader.document
        if document is None or not len(document.segmentation):
            return []
        found = self.suggestions_of(document)
        if found is None:
            return []
        split = document.segmentation
        return found.open_on(document.annotations, split.starts[reader.cursor],
                           split.ends[reader.cursor])

    def cursor_suggestion(self, reader: Reader) -> Candidate | None:
        """The status line's word on the cursor sentence: the best suggestion (tui.status)."""
        shown = self.cursor_candidates(reader)
        return shown[0] if shown else None

    def show_why(self, active: Reader) -> None:
        """The best suggestion on the active reader's cursor sentence and its whole
        reason, under that reader; the line keeps its rows while the document has any
        suggestion (the reader does not jump as the cursor moves); the other reader's
        line is hidden."""
        keymap = self.settings.keymap
        for reader in self.readers():
            best = self.cursor_suggestion(reader) if reader is active else None
            document = reader.document
            found = self.suggestions_of(document) if reader is active and document else None
            view = self.one(f"why-{reader.id}", SuggestionWhy)
            if view is not None:
                view.show(None if best is None else (best.tag, best.score, best.reason),
                          self.codebook.colour(best.tag) if best else "", key_hints(keymap),
                          reserved=bool(found), idle=idle_hint(keymap))

    # -- retraining ------------------------------------------------------------------

    def suggestions_may_change(self, entry: Entry) -> None:
        """Tags changed or a document opened: retrain a moment later (debounced)."""
        for reader in self.readers():
            reader.suggestions_for = self.suggestions_of
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        self._suggest_timer = self.set_timer(self.suggest_delay, self._ask_for_suggestions)

    def _ask_for_suggestions(self) -> None:
        self._suggest_timer = None
        open_ = [e for e in self.opened_entries() if e.document is not None
                 and not e.document.sidecar_error and e.document.segmentation.complete]
        signature = tuple((e.path, e.document.annotations.revision, len(e.document.text))
                          for e in open_ if e.document is not None)
        if signature == self._suggest_trained_on:
            return
        self._suggest_trained_on = signature
        self._suggest_asked += 1
        snapshots = [Snapshot.of(e.path, e.document) for e in open_ if e.document is not None]
        self._retrain(self._suggest_asked, snapshots)

    @work(thread=True, exclusive=True, group="suggest", description="retrain suggestions")
    def _retrain(self, asked: int, snapshots: list[Snapshot]) -> None:
        def stale() -> bool:  # a newer request is under way: stop, its result would be dropped
            return asked != self._suggest_asked

        from briefing_tui.core.suggest import Suggester  # deferred: see the imports
        from briefing_tui.core.suggest.live import ScoringStopped, score_sentences
        from briefing_tui.core.suggest.rules import HitCache

        suggester = Suggester(self.codebook)
        suggester.train(e for s in snapshots for e in s.examples())
        if self._rule_hits is None:  # only this worker (exclusive) touches it
            self._rule_hits = HitCache()
        cache = self._rule_hits
        cache.keep_only({s.sha256 for s in snapshots})
        try:
            scored = {s.path: score_sentences(suggester, s.text, s.starts, s.ends, s.sha256,
                                              cache=cache, stop=stale)
                      for s in snapshots}
        except ScoringStopped:
            return
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.call_from_thread(self._suggestions_ready, asked, scored)

    def _suggestions_ready(self, asked: int, scored: dict[Path, DocumentSuggestions]) -> None:
        if asked != self._suggest_asked:
            return  # a newer request is under way: this result is stale
        self._suggested = scored
        for reader in self.query(Reader):
            reader.refresh_all()
        self.update_status()
        from briefing_tui.tui.suggest_queue import SuggestionQueue  # deferred: see the imports

        for screen in self.screen_stack:  # its scores and reasons follow the new labels
            if isinstance(screen, SuggestionQueue):
                screen.renew(self._queue_items())

    # -- keys ------------------------------------------------------------------------

    def action_accept(self) -> None:
        """A tag to review first (re-anchored), else the best suggestion on the sentence."""
        target = self._target()
        if target is None:
            return
        if target.found is not None and target.found.anchor is Anchor.REVIEW:
            super().action_accept()
            return
        shown = self.cursor_candidates(self.active_reader())
        if not shown:
            super().action_accept()
            return
        current = target.found.tags if target.found else ()
        target.document.annotations.set_tags(target.document.text, target.start, target.end,
                                             self.codebook.order([*current, shown[0].tag]))
        self.document_changed(target.entry, sentence=target.index)

    def action_reject_suggestion(self) -> None:
        target = self._target()
        if target is None:
            return
        shown = self.cursor_candidates(self.active_reader())
        if not shown:
            self.notify("No suggestion on this sentence.", timeout=2)
            return
        target.document.annotations.dismiss(target.document.text, target.start, target.end,
                                            shown[0].tag)
        self.document_changed(target.entry, sentence=target.index)

    def action_next_suggestion(self) -> None:
        reader = self.active_reader()
        document = reader.document
        found = self.suggestions_of(document) if document is not None else None
        if document is None or found is None:
            self.notify("No suggestions yet." if not self.suggestions_hidden else
                        "Suggestions are hidden (H shows them).", timeout=2)
            return
        split = document.segmentation
        here = split.starts[reader.cursor] if len(split) else 0
        for start in [*(s for s in found.starts if s > here),
                      *(s for s in found.starts if s <= here)]:
            index = split.index_at(start)
            if index is None or not reader.nav.is_visible(index):
                continue
            if found.open_on(document.annotations, start, split.ends[index]):
                reader.move_to(index)
                return
        self.notify("No more suggestions in this document.", timeout=2)

    def action_toggle_suggestions(self) -> None:
        self.suggestions_hidden = not self.suggestions_hidden
        for reader in self.query(Reader):
            reader.refresh_all()
        self.notify("Suggestions hidden (H shows them)." if self.suggestions_hidden
                    else "Suggestions shown.", timeout=2)
        self.update_status()

    # -- the queue -------------------------------------------------------------------

    def action_suggestion_queue(self) -> None:
        """Every open document's open suggestions, one at a time (``S``)."""
        from briefing_tui.tui.suggest_queue import SuggestionQueue  # deferred: see the imports

        items = self._queue_items()
        if not items:
            self.notify("Suggestions are hidden (H shows them)." if self.suggestions_hidden
                        else "No suggestions yet: open a document and wait a moment.",
                        timeout=3)
            return
        self.push_screen(SuggestionQueue(items, self.codebook, self._decide_queued),
                         self._jump_to_queued)

    def _queue_items(self) -> list[QueueItem]:
        """The open suggestions of every open document, from the latest retrain."""
        from briefing_tui.core.suggest.queue import queue_items  # deferred: see the imports

        items: list[QueueItem] = []
        for order, entry in enumerate(self.entries):
            document = entry.document
            found = self.suggestions_of(document) if document is not None else None
            if document is None or found is None:
                continue
            split = document.segmentation
            items += queue_items(entry.path, order, document.text, split.starts, split.ends,
                                 document.annotations, found)
        return items

    def _queued_place(self, item: QueueItem) -> tuple[Entry, Document, int] | None:
        """The entry, document and sentence of a queued item, if it is still there."""
        entry = next((e for e in self.entries if e.path == item.path), None)
        document = entry.document if entry is not None else None
        if entry is None or document is None:
            return None
        split = document.segmentation
        index = split.index_at(item.start)
        if index is None or split.starts[index] != item.start or split.ends[index] != item.end:
            return None
        return entry, document, index

    def _decide_queued(self, item: QueueItem, accepted: bool) -> bool:
        """Accept or reject one queued suggestion; False when it cannot be done."""
        place = self._queued_place(item)
        if place is None:
            self.notify("That sentence changed since the queue was made; skipped.", timeout=3)
            return False
        entry, document, index = place
        if document.read_only_reason:
            self.notify(f"Read-only: {document.read_only_reason}", severity="warning")
            return False
        notes = document.annotations
        if accepted:
            current = notes.tags_on(item.start, item.end)
            notes.set_tags(document.text, item.start, item.end,
                           self.codebook.order([*current, item.tag]))
        else:
            notes.dismiss(document.text, item.start, item.end, item.tag)
        self.document_changed(entry, sentence=index)
        return True

    def _jump_to_queued(self, item: QueueItem | None) -> None:
        place = self._queued_place(item) if item is not None else None
        if place is None:
            return
        entry, _, index = place
        reader = self.active_reader()
        if self.entry_of(reader) is not entry:
            self.open_in(reader, entry)
        if not reader.nav.is_visible(index):
            reader.show_all()
        reader.move_to(index, center=True)
        reader.focus()
