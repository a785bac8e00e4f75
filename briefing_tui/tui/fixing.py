"""Fixing what the analyst sees: ``J`` joins two sentences, ``B`` breaks one, ``M`` edits
the document's metadata. The work is in the core (:mod:`briefing_tui.core.fixes`,
:mod:`briefing_tui.core.metadata`); here are the keys, the dialogs and the redraw.
"""

from __future__ import annotations

from briefing_tui.core.fixes import FixError, candidates, join_next, split_sentence
from briefing_tui.core.metadata import Metadata
from briefing_tui.tui.actions import ReaderActions
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.reader import Reader


class FixingMixin(ReaderActions):
    """A part of the app: join, break, metadata."""

    def sentences_changed(self, entry: Entry) -> None:
        """Show ``entry`` again in every reader, each cursor on the sentence it was in."""
        document = entry.document
        if document is None:
            return
        split = document.segmentation
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry and reader.document is document:
                offset = split.starts[min(reader.cursor, len(split) - 1)] \
                    if reader.cursor < len(split) else 0
                reader.show(document, cursor=split.index_at(offset) or 0)

    def _fixed(self, entry: Entry, index: int, what: str) -> None:
        self.sentences_changed(entry)
        self.active_reader().move_to(index)
        self.document_changed(entry)
        self.notify(what, timeout=3)

    def action_join_sentence(self) -> None:
        target = self._target()
        if target is None:
            return
        try:
            index = join_next(target.document, target.index)
        except FixError as exc:
            self.notify(f"Cannot join: {exc}.", severity="warning", timeout=4)
            return
        self._fixed(target.entry, index, "Joined with the next sentence (u undoes).")

    def action_break_sentence(self) -> None:
        target = self._target()
        if target is None:
            return
        document, index = target.document, target.index
        points = candidates(document, index)
        if not points:
            self.notify("Cannot break: this sentence is a single word.", timeout=3)
            return

        def chosen(at: int | None) -> None:
            if at is None or target.entry.document is not document:
                return
            try:
                first = split_sentence(document, index, at)
            except FixError as exc:
                self.notify(f"Cannot break: {exc}.", severity="warning", timeout=4)
                return
            self._fixed(target.entry, first, "Broken in two (u undoes).")

        from briefing_tui.tui.fix_dialogs import SplitPointDialog  # its dialog, when asked

        self.push_screen(SplitPointDialog(document.text[target.start:target.end],
                                          target.start, points), chosen)

    def action_metadata(self) -> None:
        reader = self.active_reader()
        entry = self._editable(reader)
        document = entry.document if entry is not None else None
        if entry is None or document is None:
            return

        def done(metadata: Metadata | None) -> None:
            if metadata is None or entry.document is not document:
                return
            if document.set_metadata(metadata):
                self.document_changed(entry)
                self.notify(f"Metadata saved: cited as “{document.title}”.", timeout=3)

        from briefing_tui.tui.fix_dialogs import MetadataDialog  # its dialog, when asked

        self.push_screen(MetadataDialog(document.name, document.user_metadata,
                                        document.file_metadata), done)
