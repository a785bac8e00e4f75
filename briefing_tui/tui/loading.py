"""Opening briefings without blocking the keys: extraction, splitting, scanning.

Small text files open at once; big ones show their first screen and are split in a
worker; PDF, HTML and Word files are extracted in a worker with page progress; every
listed briefing's counts and problems are scanned in a worker after the first paint.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual import work
from textual.worker import get_current_worker

from briefing_tui.core.corpus import Summary, sidecar_reason, summarize
from briefing_tui.core.document import Document, open_document
from briefing_tui.core.extract import needs_extraction
from briefing_tui.core.text import DocumentError
from briefing_tui.core.visible import visible
from briefing_tui.tui.locking import LockMixin
from briefing_tui.tui.panes import AnnotationsPane, DocumentList, Entry, plain
from briefing_tui.tui.reader import Reader

#: Documents up to this size are split in full before the first paint.
SYNC_SEGMENT_CHARS = 400_000
FIRST_SCREEN_CHARS = 40_000
SCAN_BATCH = 200


class LoadingMixin(LockMixin):
    """Mixed into the app: how a briefing goes from a path to an open Document."""

    entries: list[Entry]
    _shown: dict[str, Entry | None]
    _extracting: set[Path]
    analyst: str  # who signs the changes; layer_mode: open the analyst's layers (tui.team)
    layer_mode: bool

    def refresh_layers(self, entry: Entry, own: str = "") -> None:
        raise NotImplementedError

    def update_status(self) -> None:
        raise NotImplementedError

    def open_in(self, reader: Reader, entry: Entry) -> None:
        if entry.error:
            self.notify(f"Cannot open {entry.path.name}: {entry.error}", severity="error",
                        markup=False)
            return
        if entry.document is None and needs_extraction(entry.path):
            self._shown[reader.id or ""] = entry
            reader.border_title = plain(entry.path.name)
            reader.message = f"Extracting the text of {visible(entry.path.name)}…"
            reader.show(None)
            if entry.path not in self._extracting:
                self._extracting.add(entry.path)
                self._extract(entry)
            return
        if entry.document is None:
            try:
                size = entry.path.stat().st_size
                big = size > SYNC_SEGMENT_CHARS
                entry.document = open_document(entry.path,
                                               segment_chars=FIRST_SCREEN_CHARS if big else None,
                                               analyst=self.analyst, layer=self.layer_mode)
            except (DocumentError, OSError) as exc:
                entry.error = exc.reason if isinstance(exc, DocumentError) else str(exc)
                self.query_one(DocumentList).update_entry(entry)
                self.notify(f"Cannot open {entry.path.name}: {entry.error}",
                            severity="error", markup=False)
                return
            self.lock_document(entry)
            if big:  # split the rest once the first screen is painted
                self.call_after_refresh(self._finish_loading, entry, entry.document)
            else:
                self._after_load(entry)
        self._shown[reader.id or ""] = entry
        reader.border_title = plain(entry.path.name)
        reader.show(entry.document)
        self.query_one(AnnotationsPane).show(entry.document)
        self.update_status()

    @work(thread=True, group="extract", description="extract a PDF, HTML or Word file")
    def _extract(self, entry: Entry) -> None:
        """PDF, HTML and Word text is extracted (and split) off the UI thread."""
        def progress(done: int, total: int) -> None:
            self.call_from_thread(self._extract_progress, entry, done, total)

        try:
            document: Document | DocumentError = open_document(
                entry.path, progress=progress, analyst=self.analyst, layer=self.layer_mode)
        except DocumentError as exc:
            document = exc
        self.call_from_thread(self._extracted, entry, document)

    def _extract_progress(self, entry: Entry, done: int, total: int) -> None:
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry and reader.document is None:
                reader.message = (f"Extracting the text of {visible(entry.path.name)}: "
                                  f"page {done} of {total}…" if total > 1 else
                                  f"Extracting the text of {visible(entry.path.name)}…")
                reader.refresh_all()

    def _extracted(self, entry: Entry, result: Document | DocumentError) -> None:
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
        entry.document = result
        self.lock_document(entry)
        self._after_load(entry)
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry:
                reader.show(result)
                if reader is self.active_reader():
                    self.query_one(AnnotationsPane).show(result)
        self.update_status()

    @work(thread=True, group="scan", description="scan the documents")
    def _scan_corpus(self) -> None:
        """Tag counts and problems of every listed briefing, in batches, off the UI."""
        worker = get_current_worker()
        batch: list[tuple[Entry, Summary]] = []
        for entry in list(self.entries):
            if worker.is_cancelled:
                return
            if entry.document is None and not entry.error:
                batch.append((entry, summarize(entry.path)))
            if len(batch) >= SCAN_BATCH:
                self.call_from_thread(self._scanned, batch)
                batch = []
        if batch:
            self.call_from_thread(self._scanned, batch)

    def _scanned(self, batch: list[tuple[Entry, Summary]]) -> None:
        documents = self.query_one(DocumentList)
        for entry, summary in batch:
            if entry.document is not None:
                continue  # opened meanwhile: the open document knows better
            entry.counts, entry.error = summary.counts, summary.error
            entry.attention = entry.attention or summary.attention
            entry.layers = summary.layers
            documents.update_entry(entry)

    @work(thread=True, group="load", description="split a big document")
    def _finish_loading(self, entry: Entry, document: Document) -> None:
        """Split the rest of a big document, then read its sidecar, off the UI thread."""
        split = document.segmentation
        while not split.extend(min_chars=2_000_000):
            self.call_from_thread(self._loading_progress, entry, split.covered)
        self.call_from_thread(self._loading_progress, entry, split.covered)
        self.call_from_thread(self._after_load, entry)

    def _loading_progress(self, entry: Entry, covered: int) -> None:
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry:
                reader.segmentation_grew()
        self.update_status()

    def _after_load(self, entry: Entry) -> None:
        document = entry.document
        if document is None:
            return
        if document.disk is None and not document.sidecar_error:
            document.load_sidecar()
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
