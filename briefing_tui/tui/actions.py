"""What the analyst's keys mean in the reader: move, tag, note, undo, search, filter.

Actions work on the *active* reader (the one last focused) and are named after what the
user means, so the same names serve the key bindings and the command palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.screen import ModalScreen

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.document import Document
from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.reader import Reader


@dataclass(frozen=True)
class Target:
    """The sentence an editing key acts on, and its annotation (if any)."""

    entry: Entry
    document: Document
    index: int
    start: int
    end: int
    found: Annotation | None


class ReaderActions(AppBase):
    """A part of the app: the reader's actions."""

    def exit(self, result: int | None = None, return_code: int = 0,
             message: object = None) -> None:
        self._leaving = True
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._leaving:
            return False
        if action == "help":  # over a screen of its own too (its keys are in help), not a dialog
            return not isinstance(self.screen, ModalScreen)
        # while a dialog is open its keys belong to it
        return not (action in _READER_ACTIONS and len(self.screen_stack) > 1)

    # -- movement --------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        reader = self.active_reader()
        reader.move_to(reader.nav.step(delta))

    def action_page(self, direction: int) -> None:
        self.active_reader().page(direction)

    def action_first(self) -> None:
        reader = self.active_reader()
        reader.move_to(reader.nav.first())

    def action_last(self) -> None:
        reader = self.active_reader()
        reader.move_to(reader.nav.last())

    def action_tagged(self, direction: int) -> None:
        reader = self.active_reader()
        target = reader.nav.next_tagged(direction)
        if target is None:
            self.notify("No more tagged sentences that way.", timeout=2)
        reader.move_to(target)

    def action_untagged(self) -> None:
        reader = self.active_reader()
        target = reader.nav.next_untagged()
        if target is None:
            self.notify("Every sentence is tagged.", timeout=2)
        reader.move_to(target)

    # -- tagging ---------------------------------------------------------------------

    def _editable(self, reader: Reader) -> Entry | None:
        """The entry under the reader if its tags may change; says why not otherwise."""
        entry = self.entry_of(reader)
        if entry is not None and entry.document is None and not entry.error:
            self.notify(f"{entry.path.name} is still being read: its sentences can be tagged "
                        "once its text shows.", markup=False, timeout=3)
            return None
        if entry is not None and self.edit_refused(entry):
            return None
        if entry is None or entry.document is None or not len(entry.document.segmentation):
            self.notify("Open a document first.", timeout=2)
            return None
        reason = entry.document.read_only_reason
        if reason:
            self.notify(f"Read-only: {reason}", severity="warning", markup=False)
            return None
        return entry

    def _target(self) -> Target | None:
        """The sentence under the active reader's cursor, if its tags may change.

        Keys edit only what the analyst sees: a cursor hidden by the filter or scrolled
        off screen (mouse wheel) is first brought back into view, and the key refused.
        """
        reader = self.active_reader()
        entry = self._editable(reader)
        if entry is None or entry.document is None:
            return None
        if not reader.nav.is_visible(reader.cursor):
            document = entry.document
            nearest = reader.nav.first_visible_at_or_after(
                document.segmentation.starts[reader.cursor])
            reader.move_to(nearest, center=True)
            self.notify("That sentence is hidden by the filter; the cursor moved to a shown "
                        "one. Press the key again to act on it.", timeout=4)
            return None
        if not reader.cursor_on_screen():
            reader.scroll_to_cursor(center=True)
            self.notify("The cursor was off screen; it is shown now. Press the key again "
                        "to act on it.", timeout=4)
            return None
        document = entry.document
        index = reader.cursor
        start, end = document.segmentation.starts[index], document.segmentation.ends[index]
        return Target(entry, document, index, start, end, document.annotations.at(start, end))

    def action_toggle_tag(self, name: str) -> None:
        """Tags are stored in codebook order: the same tags always give the same bytes."""
        tag = self.codebook.get(name)
        target = self._target() if tag is not None else None
        if tag is None or target is None:
            return
        if target.document.annotations.take_off(target.start, target.end, name):
            self.document_changed(target.entry, sentence=target.index)  # as shown: off
            return
        current = target.found.tags if target.found else ()
        tags = [*current, name]
        target.document.annotations.set_tags(target.document.text, target.start, target.end,
                                             self.codebook.order(tags))
        self.document_changed(target.entry, sentence=target.index)

    def action_clear(self) -> None:
        """Clear what the sentence shows: every annotation on it (see ``on_span``)."""
        target = self._target()
        if target is not None and target.document.annotations.clear_span(target.start,
                                                                          target.end):
            self.document_changed(target.entry, sentence=target.index)

    def action_note(self) -> None:
        target = self._target()
        if target is None:
            return
        document, start, end = target.document, target.start, target.end

        def done(note: str | None) -> None:
            if note is None or target.entry.document is not document:
                return
            document.annotations.set_note(document.text, start, end, note)
            self.document_changed(target.entry)

        note = target.found.note if target.found else ""
        from briefing_tui.tui.note_dialog import NoteDialog  # TextArea: not at start-up

        self.push_screen(NoteDialog(document.text[start:end], note), done)

    def action_accept(self) -> None:
        """Confirm that a re-anchored ("review") tag sits on the right sentence."""
        target = self._target()
        if target is None:
            return
        if target.found is None or target.found.anchor is not Anchor.REVIEW:
            self.notify("Nothing to accept here: this sentence's tags need no review.",
                        timeout=3)
            return
        from briefing_tui.core.anchoring import accept_review  # not on the first screen's path

        target.document.annotations.update(accept_review(target.found))
        self.document_changed(target.entry, sentence=target.index)

    def _history(self, redo: bool) -> None:
        reader = self.active_reader()
        entry = self._editable(reader)
        if entry is None or entry.document is None:
            return
        annotations = entry.document.annotations
        changes = annotations.redo() if redo else annotations.undo()
        if changes is None:
            self.notify(f"Nothing to {'redo' if redo else 'undo'}.", timeout=2)
            return
        if entry.document.sync_corrections():  # a join or split undone or redone
            self.sentences_changed(entry)
        touched = [a for pair in changes for a in pair if a is not None]
        if touched:
            index = entry.document.segmentation.index_at(touched[0].start)
            if index is not None and reader.nav.is_visible(index):
                reader.move_to(index)
        self.document_changed(entry)

    def action_undo(self) -> None:
        self._history(redo=False)

    def action_redo(self) -> None:
        self._history(redo=True)

    # -- filtering -------------------------------------------------------------------

    def action_filter(self) -> None:
        """Cycle: all sentences → only the first tag → … → all again."""
        reader = self.active_reader()
        names = [tag.name for tag in self.codebook]
        current = reader.filter_tag
        following = names[names.index(current) + 1] if current in names and \
            names.index(current) + 1 < len(names) else None
        if current is None and names:
            following = names[0]
        reader.filter_tag = following


_READER_ACTIONS = {"summary", "split", "help", "accept", "cursor", "page", "first", "last",
                   "timeline", "concordance", "tagged", "untagged", "toggle_tag", "clear", "note",
                   "undo", "redo",
                   "search", "match", "filter", "filter_about", "choose_document",
                   "other_document",
                   "search_all", "join_sentence", "break_sentence", "metadata",
                   "reject_suggestion", "next_suggestion", "toggle_suggestions",
                   "suggestion_queue"}
