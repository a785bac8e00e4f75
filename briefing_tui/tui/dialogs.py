"""Modal screens: a choice between actions, and the help screen (the note editor is
:mod:`briefing_tui.tui.note_dialog`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from briefing_tui.core.visible import visible


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


FOOTNOTE = (  # one line per paragraph: the screen wraps it to its width
    "The mouse works too: click a sentence to select it. tab / shift+tab move between "
    "panes; enter in Documents opens the highlighted one; ctrl+p finds every action by "
    "name.\n\n"
    "Tags are saved automatically, a moment after each change, in a YAML file beside each "
    "document (article.txt.annotations.yaml). Nothing is lost if a save fails: the change "
    "stays in memory, the status line says why, and the save is retried.")


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


def ask_before_discarding(screen: ModalScreen[Any], changed: bool, what: str,
                          save: Callable[[], None]) -> None:
    """Escape in an editing dialog: close at once when nothing was changed, else ask
    whether to keep editing (the default), save, or discard the changed ``what``."""
    if not changed:
        screen.dismiss(None)
        return

    def chosen(choice: str | None) -> None:
        if choice == "discard":
            screen.dismiss(None)
        elif choice == "save":
            save()

    screen.app.push_screen(ChoiceDialog(f"Discard the changed {what}?",
                                        f"The {what} was changed and is not saved yet.",
                                        [("keep", "Keep editing"), ("save", "Save it"),
                                         ("discard", "Discard the change")], "keep"),
                           chosen)
