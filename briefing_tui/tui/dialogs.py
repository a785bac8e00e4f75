"""Modal screens: the note editor, a choice between actions, and the help screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from briefing_tui.core.visible import visible
from briefing_tui.tui.panes import clip, plain


class NoteDialog(ModalScreen[str | None]):
    """Edit the note of the current sentence; ctrl+s saves, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "save", "Save note", priority=True)]

    def __init__(self, sentence: str, note: str) -> None:
        super().__init__()
        self.sentence = sentence
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(Content.styled("Note on this sentence", "bold"), classes="title")
            yield Static(plain(clip(self.sentence, 300), "italic"), classes="quote")
            yield TextArea(visible(self.note), id="note-text", soft_wrap=True,
                           show_line_numbers=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

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
        self.dismiss(None)

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


HELP = """\
Moving
  j / down        next sentence              k / up        previous sentence
  pagedown        next page                  pageup        previous page
  home / end      first / last sentence      click         select a sentence
  ]  /  [         next / previous tagged     space         next untagged sentence
Tagging
  {tag_keys}
  n               add or edit a note         x             clear tags and note
  a               accept a re-anchored tag marked ? (the document changed under it)
  u               undo                       ctrl+r        redo
Finding
  /               search this document       .  /  ,       next / previous match
  f               show only one tag (cycles through the codebook, then all)
Panes
  tab             next pane                  shift+tab     previous pane
  s               split: compare two documents side by side
  e               summary of every briefing, by tag (w there writes md/html/json/csv)
  enter           (in Documents) open in the focused reader
  ctrl+p          command palette: every action by name
  ?               this help                  q             save everything and quit

Tags are saved automatically, a moment after each change, in a YAML file beside each
document (article.txt.annotations.yaml). Nothing is lost if a save fails: the change stays
in memory, the status line says why, and the save is retried.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, tag_keys: str) -> None:
        super().__init__()
        self.tag_keys = tag_keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Content.styled("briefing — keys", "bold"), classes="title")
            yield Static(Content(HELP.replace("{tag_keys}", self.tag_keys)))
            yield Static(Content.styled("escape closes this screen", "italic $text-muted"))

    def action_close(self) -> None:
        self.dismiss(None)
