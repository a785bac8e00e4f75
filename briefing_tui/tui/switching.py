"""Which document each reader shows: split view, the document chooser, next/previous.

All of it works at any width (the Documents pane gives way below 80 columns), and the
second reader's document is chosen from a list, never guessed.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.panes import AnnotationsPane


class SwitchingMixin(AppBase):
    """A part of the app: which document each reader shows."""

    def split_open(self) -> bool:
        return bool(self.query_one("#column-reader-2").display)

    def close_split(self) -> None:
        second = self.reader("reader-2")
        self.query_one("#main").remove_class("-split")
        second.display = False
        self.query_one("#column-reader-2").display = False
        self._in_reader["reader-2"] = None
        self._active = "reader-1"
        first = self.entry_of(self.reader("reader-1"))
        self.query_one(AnnotationsPane).show(first.document if first else None)
        self.reader("reader-1").focus()
        self.update_status()

    def action_split(self) -> None:
        """``s`` opens a second reader on a document chosen from a list; ``s`` again closes."""
        if self.split_open():
            self.close_split()
            return
        current = self.entry_of(self.reader("reader-1"))
        others = [i for i, e in enumerate(self.entries) if e is not current and not e.error]
        if not others:
            self.notify("There is no other document to compare with.", timeout=3)
            return

        def chosen(entry: Entry | None) -> None:
            if entry is None:
                return
            second = self.reader("reader-2")
            second.display = True
            self.query_one("#column-reader-2").display = True
            self.query_one("#main").add_class("-split")  # the annotations pane's room
            self.open_in(second, entry)
            second.focus()

        from briefing_tui.tui.choosers import DocumentChooser  # loads when first asked for

        self.push_screen(DocumentChooser("Compare with… (s closes the split later)",
                                         self.entries, others[0]), chosen)

    def action_choose_document(self) -> None:
        reader = self.active_reader()
        current = self.entry_of(reader)
        here = self.entries.index(current) if current in self.entries else 0

        def chosen(entry: Entry | None) -> None:
            if entry is not None:
                self.open_in(reader, entry)
                reader.focus()

        from briefing_tui.tui.choosers import DocumentChooser  # loads when first asked for

        self.push_screen(DocumentChooser("Open a document", self.entries, here), chosen)

    def action_other_document(self, step: int) -> None:
        """The next (or previous) readable document of the list, wrapping round."""
        reader = self.active_reader()
        current = self.entry_of(reader)
        count = len(self.entries)
        here = self.entries.index(current) if current in self.entries else -1
        for distance in range(1, count + 1):
            entry = self.entries[(here + step * distance) % count]
            if not entry.error and entry is not current:
                self.open_in(reader, entry)
                return
        self.notify("There is no other document to open.", timeout=2)

    # -- remembering the place -----------------------------------------------------

    def remember_place(self) -> None:
        """Note the active reader's document and sentence (saved on quit)."""
        if self.state is None:
            return
        for ident in ("reader-2", "reader-1"):
            reader = self.reader(ident)
            entry = self.entry_of(reader)
            if reader.display and entry is not None and entry.document is not None and \
                    len(entry.document.segmentation):
                self.state.remember(entry.path, entry.document.segmentation.starts[reader.cursor])
        active = self.entry_of(self.active_reader())
        if active is not None:
            self.state.last_document = str(active.path.resolve())

    def restore_place(self) -> bool:
        """Reopen the last document at its last sentence, when it is listed again."""
        if self.state is None or not self.state.last_document:
            return False
        last = Path(self.state.last_document)
        entry = next((e for e in self.entries if not e.error and e.path.name == last.name
                      and e.path.resolve() == last), None)  # resolve() only the namesakes
        if entry is None:
            return False
        reader = self.reader("reader-1")
        self.open_in(reader, entry)
        offset = self.state.place_of(entry.path)
        if entry.document is not None and offset is not None:
            index = entry.document.segmentation.index_at(min(offset, len(entry.document.text)))
            if index is not None:
                reader.move_to(index, center=True)
        return self.entry_of(reader) is entry
