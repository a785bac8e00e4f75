"""The note under each reader: the cursor sentence's note in full, hidden when it has none."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.document import Document
from briefing_tui.core.visible import visible


class NoteView(Static):
    """Shows one note as literal text (never markup); redraws only when the note changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.note = ""

    def show_for(self, document: Document | None, index: int) -> None:
        """The note of sentence ``index`` of ``document`` (none without a document)."""
        note = ""
        if document is not None and len(document.segmentation):
            split = document.segmentation
            found = document.annotations.at(split.starts[index], split.ends[index])
            note = found.note if found else ""
        self.show(note)

    def show(self, note: str) -> None:
        if note == self.note and self.display == bool(note):
            return
        self.note = note
        self.update(Content.assemble(Content.styled("✎ ", "bold"), Content(visible(note)))
                    if note else "")
        self.display = bool(note)
