"""Opening briefings without blocking the keys: the TUI side of :mod:`core.opening`.

The core loader decides what happens when (first screen, the rest, the sidecar read and
re-anchored, tags pressed meanwhile merged in); here it is only run in the right place:
small text files open at once; big ones (or big sidecars) finish in a worker after the
first paint; PDF, HTML and Word files are extracted in a worker with page progress;
every listed briefing's counts and problems are scanned in a worker after the first paint.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from textual import work
from textual.worker import get_current_worker

from briefing_tui.core.corpus import Glance, glance, sidecar_reason
from briefing_tui.core.extract import needs_extraction
from briefing_tui.core.opening import (
    FIRST_SCREEN_CHARS,
    SYNC_SEGMENT_CHARS,
    Opening,
    screenful_chars,
)
from briefing_tui.core.text import DocumentError
from briefing_tui.core.visible import visible
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.locking import LockMixin
from briefing_tui.tui.memory import give_back
from briefing_tui.tui.panes import AnnotationsPane, DocumentList, plain
from briefing_tui.tui.reader import Reader

__all__ = ["FIRST_SCREEN_CHARS", "SYNC_SEGMENT_CHARS", "LoadingMixin"]

SCAN_BATCH = 200
#: Scan results reach the Documents pane at most every second, however long the list:
#: an update redraws only the rows it changed that are on screen (tui.document_list).
SCAN_FLUSH_SECONDS = 1.0


class LoadingMixin(LockMixin):
    """A part of the app: how a briefing goes from a path to an open Document (and its
    lock, taken as it opens)."""

    def open_in(self, reader: Reader, entry: Entry) -> None:
        if entry.error:
            self.notify(f"Cannot open {entry.path.name}: {entry.error}", severity="error",
                        markup=False)
            return
        if entry.document is None and needs_extraction(entry.path):
            self._in_reader[reader.id or ""] = entry
            reader.border_title = plain(entry.path.name)
            reader.message = f"Extracting the text of {visible(entry.path.name)}…"
            reader.show(None)
            if entry.path not in self._extracting:
                self._extracting.add(entry.path)
                self._extract(entry)
            return
        if entry.document is None:
            opening = Opening(entry.path, analyst=self.analyst, layer=self.layer_mode,
                              first_chars=screenful_chars(*self.size))  # the terminal's
            try:
                entry.document = opening.first()
            except (DocumentError, OSError) as exc:
                entry.error = exc.reason if isinstance(exc, DocumentError) else str(exc)
                self.query_one(DocumentList).update_entry(entry)
                self.notify(f"Cannot open {entry.path.name}: {entry.error}",
                            severity="error", markup=False)
                return
            self.lock_document(entry)
            if opening.done:
                self._after_load(entry)
            else:  # split the rest and read the sidecar once the first screen is painted
                entry.opening = opening
                self.call_after_refresh(self._finish_loading, entry, opening)
        self._in_reader[reader.id or ""] = entry
        reader.border_title = plain(entry.path.name)
        reader.show(entry.document)
        self.query_one(AnnotationsPane).show(entry.document)
        self.update_status()

    def _from_worker(self, callback: Callable[..., object], *args: object) -> bool:
        """``call_from_thread``, quiet once the app is gone (then False: stop working)."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            return False
        return True

    @work(thread=True, group="extract", description="extract a PDF, HTML or Word file")
    def _extract(self, entry: Entry) -> None:
        """PDF, HTML and Word text is extracted, split and its sidecar read off the UI."""
        def progress(done: int, total: int) -> None:
            self._from_worker(self._extract_progress, entry, done, total)

        opening = Opening(entry.path, analyst=self.analyst, layer=self.layer_mode)
        try:
            opening.first(progress=progress)
            opening.rest()
            result: Opening | DocumentError = opening
        except DocumentError as exc:
            result = exc
        self._from_worker(self._extracted, entry, result)

    def _extract_progress(self, entry: Entry, done: int, total: int) -> None:
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry and reader.document is None:
                reader.message = (f"Extracting the text of {visible(entry.path.name)}: "
                                  f"page {done} of {total}…" if total > 1 else
                                  f"Extracting the text of {visible(entry.path.name)}…")
                reader.refresh_all()

    def _extracted(self, entry: Entry, result: Opening | DocumentError) -> None:
        self._extracting.discard(entry.path)
        if isinstance(result, DocumentError):
            entry.error = result.reason
            self.query_one(DocumentList).update_entry(entry)
            self.notify(f"Cannot open {entry.path.name}: {entry.error}", severity="error")
            for reader in self.query(Reader):
                if self.entry_of(reader) is entry:
                    reader.message = f"Cannot open {entry.path.name}: {entry.error}"
                    reader.refresh_all()
            return
        result.finish()
        document = entry.document = result.document
        assert document is not None
        self.lock_document(entry)
        self._after_load(entry)
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry:
                reader.show(document)
                if reader is self.active_reader():
                    self.query_one(AnnotationsPane).show(document)
        self.update_status()

    @work(thread=True, group="scan", description="scan the documents")
    def _scan_corpus(self) -> None:
        """Tag counts and problems of every listed briefing, in batches, off the UI."""
        worker = get_current_worker()
        batch: list[tuple[Entry, Glance]] = []
        flushed = time.monotonic()
        for entry in list(self.entries):
            if worker.is_cancelled:
                return
            if entry.document is None and not entry.error:
                batch.append((entry, glance(entry.path)))
                time.sleep(0)  # hand the GIL to the UI thread between files: keys first
            if len(batch) >= SCAN_BATCH and time.monotonic() - flushed >= SCAN_FLUSH_SECONDS:
                self.call_from_thread(self._scanned, batch)
                batch, flushed = [], time.monotonic()
        if batch:
            self.call_from_thread(self._scanned, batch)

    def _scanned(self, batch: list[tuple[Entry, Glance]]) -> None:
        documents = self.query_one(DocumentList)
        for entry, seen in batch:
            if entry.document is not None:
                continue  # opened meanwhile: the open document knows better
            entry.counts, entry.error = seen.counts, seen.error
            entry.attention = entry.attention or seen.attention
            entry.layers = seen.layers
            documents.update_entry(entry)

    @work(thread=True, group="load", description="split a big document")
    def _finish_loading(self, entry: Entry, opening: Opening) -> None:
        """Split the rest of a big document and read its sidecar, off the UI thread."""
        opening.rest(lambda covered: self._from_worker(self._loading_progress, entry, covered))
        self._from_worker(self._loaded, entry, opening)

    def _loaded(self, entry: Entry, opening: Opening) -> None:
        merged = opening.finish()
        entry.opening = None
        if merged is not None and entry.document is not None:
            self.notify(f"{entry.document.name}: the tags you pressed while it was loading "
                        "were merged with its sidecar.", markup=False, timeout=6)
        self._after_load(entry)

    def _loading_progress(self, entry: Entry, covered: int) -> None:
        give_back()  # what the step freed, before the next one (tui/memory.py)
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry:
                reader.segmentation_grew()
        self.update_status()

    def _after_load(self, entry: Entry) -> None:
        document = entry.document
        if document is None:
            return
        if document.sidecar_error:
            entry.attention = f"unreadable: {sidecar_reason(document.sidecar_error, entry.path)}"
        elif document.anchor_report is not None and document.anchor_report.needs_attention:
            report = document.anchor_report
            entry.attention = f"{report.orphan} orphaned, {report.review} to review"
        elif document.problems:
            entry.attention = f"{len(document.problems)} bad entries in the sidecar"
        if document.loaded.warning:
            self.notify(f"{document.name}: {document.loaded.warning}", severity="warning",
                        markup=False, timeout=8)
        entry.refresh_counts()
        self.refresh_layers(entry)
        self.document_changed(entry, save=document.dirty)
        gc.freeze()  # a big document's objects live on: keep full collections off keys
        give_back()
