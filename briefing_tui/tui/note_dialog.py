"""The note editor: a modal TextArea over one sentence's note, or $VISUAL/$EDITOR.

Its own module so that TextArea (and the editor's subprocess machinery) is imported when
a note is first edited, not on the way to the first screen (issue 17).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from briefing_tui.core.visible import visible
from briefing_tui.tui.dialogs import ask_before_discarding
from briefing_tui.tui.panes import clip, plain
from briefing_tui.tui.typed_first import after_typed


class NoteDialog(ModalScreen[str | None]):
    """Edit the note of the current sentence; ctrl+s saves, escape cancels (asking first
    when the note was changed), ctrl+e edits it in ``$VISUAL``/``$EDITOR``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "save", "Save note", priority=True),
                Binding("ctrl+e", "editor", "Edit in $EDITOR", priority=True)]

    def __init__(self, sentence: str, note: str) -> None:
        super().__init__()
        self.sentence = sentence
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(Content.styled("Note on this sentence", "bold"), classes="title")
            yield Static(plain(clip(self.sentence, 300), "italic"), classes="quote")
            yield Static(Content.styled("ctrl+s saves  ·  escape cancels  ·  ctrl+e opens "
                                        "$EDITOR for a long note", "$text-muted"))
            yield TextArea(visible(self.note), id="note-text", soft_wrap=True,
                           show_line_numbers=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")
                yield Button("$EDITOR (ctrl+e)", id="editor")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Pasted control characters become visible symbols before they are drawn."""
        text = event.text_area.text
        shown = visible(text)
        if shown != text:
            event.text_area.load_text(shown)
            event.text_area.move_cursor(event.text_area.document.end)

    def action_save(self) -> None:
        after_typed(self, self._save_typed)

    def _save_typed(self) -> None:
        text = self.query_one(TextArea).text
        if text == visible(self.note):
            self.dismiss(self.note)  # untouched: keep it exactly, controls and all
        else:
            self.dismiss(text.strip())

    def action_cancel(self) -> None:
        changed = self.query_one(TextArea).text != visible(self.note)
        ask_before_discarding(self, changed, "note", self.action_save)

    def action_editor(self) -> None:
        """Long notes: edit in the analyst's own editor, then back here to save."""
        after_typed(self, self._edit_typed)

    def _edit_typed(self) -> None:
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        area = self.query_one(TextArea)
        with tempfile.TemporaryDirectory(prefix="briefing-note-") as folder:
            path = Path(folder) / "note.txt"
            path.write_text(area.text, encoding="utf-8")
            try:
                with self.app.suspend():
                    subprocess.run([*shlex.split(command), str(path)], check=False)
                text = path.read_text(encoding="utf-8", errors="replace")
            except (OSError, ValueError) as exc:
                self.app.notify(f"Could not run the editor {command!r}: {exc}",
                                severity="error")
                return
            except SuspendNotSupported:
                self.app.notify("The editor needs a real terminal.", severity="error")
                return
        area.load_text(visible(text.rstrip("\n")))
        area.move_cursor(area.document.end)
        area.focus()

    @on(Button.Pressed, "#editor")
    def _editor(self) -> None:
        self.action_editor()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
