"""Orphaned annotations: their sentence is gone, so the analyst re-attaches or deletes them.

Reached from the Annotations pane (an orphan has no sentence to jump to). Re-attaching
merges the orphan's tags and note into whatever the cursor's sentence already holds.
"""

from __future__ import annotations

from briefing_tui.core.annotations import Annotation
from briefing_tui.tui.actions import ReaderActions
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.entry import Entry


class OrphanMixin(ReaderActions):
    """A part of the app: the question about one orphan."""

    def ask_about_orphan(self, entry: Entry, orphan: Annotation) -> None:
        """An orphan has no sentence: re-attach it to the cursor's sentence, or delete it."""
        reader = self.active_reader()
        document = entry.document
        if document is None or self._target() is None:
            return
        index = reader.cursor
        here = document.segmentation.sentence_text(index)
        tags = ", ".join(orphan.tags) or "no tags"
        message = (f"Orphaned ({tags}): “{orphan.text[:200]}”\n\nRe-attach it to sentence "
                   f"{index + 1}: “{here[:200]}”?")

        def chosen(choice: str | None) -> None:
            if entry.document is not document or orphan.id not in document.annotations.items:
                return
            if choice == "delete":
                document.annotations.remove(orphan.id)
            elif choice == "attach":
                start = document.segmentation.starts[index]
                end = document.segmentation.ends[index]
                found = document.annotations.at(start, end)
                tags = self.codebook.order({*orphan.tags, *(found.tags if found else ())})
                notes = [n for n in ((found.note if found else ""), orphan.note) if n]
                document.annotations.remove(orphan.id)
                document.annotations.set_tags(document.text, start, end, tags)
                if notes:
                    document.annotations.set_note(document.text, start, end, "\n".join(notes))
            else:
                return
            self.document_changed(entry)
            reader.focus()

        self.push_screen(ChoiceDialog("An orphaned annotation", message,
                                      [("attach", f"Re-attach to sentence {index + 1}"),
                                       ("delete", "Delete it"), ("keep", "Keep as it is")],
                                      "keep"), chosen)
