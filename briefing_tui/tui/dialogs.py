"""Modal screens: the note editor, a choice between actions, and the help screen."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from rich.table import Table
from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from briefing_tui.core.visible import visible
from briefing_tui.tui.panes import clip, plain


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
        text = self.query_one(TextArea).text
        if text == visible(self.note):
            self.dismiss(self.note)  # untouched: keep it exactly, controls and all
        else:
            self.dismiss(text.strip())

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text == visible(self.note):
            self.dismiss(None)
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)
            elif choice == "save":
                self.action_save()

        self.app.push_screen(ChoiceDialog("Discard the changed note?",
                                          "The note was changed and is not saved yet.",
                                          [("keep", "Keep editing"), ("save", "Save it"),
                                           ("discard", "Discard the change")], "keep"),
                             chosen)

    def action_editor(self) -> None:
        """Long notes: edit in the analyst's own editor, then back here to save."""
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


class ChoiceDialog(ModalScreen[str]):
    """Ask the user to choose one of a few actions; the result is the chosen id."""

    BINDINGS = [Binding("escape", "choose_default", "Cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]],
                 default: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="title")
            yield Static(Content(visible(self.message)), classes="message")
            with Horizontal(classes="buttons"):
                for ident, label in self.choices:
                    yield Button(label, id=f"choice-{ident}",
                                 variant="primary" if ident == self.default else "default")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_choose_default(self) -> None:
        self.dismiss(self.default)


FOOTNOTE = """\
The mouse works too: click a sentence to select it. tab / shift+tab move between panes;
enter in Documents opens the highlighted one; ctrl+p finds every action by name.

Tags are saved automatically, a moment after each change, in a YAML file beside each
document (article.txt.annotations.yaml). Nothing is lost if a save fails: the change stays
in memory, the status line says why, and the save is retried."""


class HelpScreen(ModalScreen[None]):
    """Every key with what it does, made from the bindings themselves (keymap included)."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, rows: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for number, (section, keys) in enumerate(self.rows):
            if number:
                table.add_row("", "")
            table.add_row(RichText(section, style="bold underline"), "")
            for key, text in keys:
                table.add_row(RichText(key), RichText(text))
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Content.styled("briefing — keys", "bold"), classes="title")
            yield Static(table, id="help-keys")
            yield Static(Content(FOOTNOTE), classes="help-footnote")
            yield Static(Content.styled("escape closes this screen", "italic $text-muted"))

    def action_close(self) -> None:
        self.dismiss(None)
