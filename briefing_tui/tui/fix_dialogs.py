"""The two dialogs of fixing a document: where to break a sentence, and its metadata."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.widgets.input import Selection

from briefing_tui.core.metadata import FIELDS, Metadata, clean, date_problem
from briefing_tui.core.visible import visible
from briefing_tui.tui.dialogs import ask_before_discarding
from briefing_tui.tui.typed_first import FIELD_BINDINGS, after_typed

#: Where the chooser starts: the candidate nearest this share of the sentence.
_MIDDLE = 0.5
_LABELS = {"title": "Title", "date": "Date YYYY-MM-DD", "source": "Source (URL, agency)",
           "author": "Author, speaker"}


class SplitPointDialog(ModalScreen[int | None]):
    """Choose where a sentence breaks: every word start is a candidate (underlined), the
    chosen one is highlighted and the new sentence it starts shown in the accent colour.
    Returns the offset chosen (in the document), or None."""

    BINDINGS = [Binding("left,h", "move(-1)", "Earlier", show=False),
                Binding("right,l", "move(1)", "Later", show=False),
                Binding("home", "jump(0)", "First", show=False),
                Binding("end", "jump(-1)", "Last", show=False),
                Binding("enter", "choose", "Break here"),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, text: str, start: int, points: list[int]) -> None:
        super().__init__()
        self.sentence = visible(text)  # same length: offsets still line up
        self.start = start
        self.points = points
        middle = start + len(text) * _MIDDLE
        self.chosen = min(range(len(points)), key=lambda i: abs(points[i] - middle))

    def compose(self) -> ComposeResult:
        with Vertical(id="split-dialog", classes="dialog"):
            yield Static(Content.styled("Break this sentence in two", "bold"), classes="title")
            yield Static(id="split-text")
            yield Static(id="split-where", classes="quote")
            yield Static(Content.styled("left / right: choose   enter: break here   "
                                        "escape: cancel", "italic $text-muted"))

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        cut = self.points[self.chosen] - self.start
        shown = Content(self.sentence)
        spans = [(p - self.start, p - self.start + 1, "underline") for p in self.points]
        shown = shown.stylize("$text", 0, cut)
        shown = shown.stylize("bold $accent", cut, len(self.sentence))
        for a, b, style in spans:
            shown = shown.stylize(style, a, b)
        shown = shown.stylize("reverse", cut, cut + 1)
        self.query_one("#split-text", Static).update(shown)
        first = " ".join(self.sentence[:cut].split()[-3:])
        second = " ".join(self.sentence[cut:].split()[:3])
        self.query_one("#split-where", Static).update(Content(
            f"point {self.chosen + 1} of {len(self.points)}: …{first} ‖ {second}…"))

    def action_move(self, delta: int) -> None:
        self.chosen = max(0, min(len(self.points) - 1, self.chosen + delta))
        self._show()

    def action_jump(self, where: int) -> None:
        self.chosen = where % len(self.points)
        self._show()

    def action_choose(self) -> None:
        self.dismiss(self.points[self.chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)


class MetadataDialog(ModalScreen[Metadata | None]):
    """Edit the title, date, source and author; each field starts with what is shown in
    citations now (the file's value, as placeholder, when the analyst set none).
    Returns the analyst's fields (None for one left as the file says), or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "save", "Save", priority=True), *FIELD_BINDINGS]

    def __init__(self, name: str, mine: Metadata, found: Metadata) -> None:
        super().__init__()
        self.document_name = name
        self.mine = mine
        self.found = found

    def compose(self) -> ComposeResult:
        with Vertical(id="metadata-dialog", classes="dialog"):
            yield Static(Content.styled("Document metadata", "bold") +
                         Content.styled("  " + visible(self.document_name, keep_newlines=False),
                                        "$text-muted"), classes="title")
            for name in FIELDS:
                value = getattr(self.mine, name)
                file_value = getattr(self.found, name) or ""
                with Horizontal(classes="meta-row"):
                    yield Label(Content(_LABELS[name]))
                    yield Input(visible(value if value is not None else file_value,
                                        keep_newlines=False),
                                placeholder=visible(file_value or "(not in the file)",
                                                    keep_newlines=False),
                                id=f"meta-{name}", restrict="[^\x00-\x1f\x7f-\x9f]*")
            yield Static(id="metadata-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#meta-title", Input).focus()

    @on(events.DescendantFocus)
    def _from_the_start(self, event: events.DescendantFocus) -> None:
        """A field longer than its box shows its start, still all selected (typing
        replaces it): Textual puts the cursor, and so the view, at the end, which cut
        "Afghans have" off the seed's title."""
        box = event.widget
        if isinstance(box, Input):
            self.call_after_refresh(self._show_start, box)

    @staticmethod
    def _show_start(box: Input) -> None:
        end = len(box.value)
        if box.has_focus and box.selection == Selection(0, end):
            box.selection = Selection(end, 0)

    def result(self) -> Metadata | str:
        """The fields to store, or why they cannot be (a bad date)."""
        values: dict[str, str | None] = {}
        for name in FIELDS:
            typed = clean(self.query_one(f"#meta-{name}", Input).value)
            mine, file_value = getattr(self.mine, name), getattr(self.found, name) or ""
            shown_before = visible(mine if mine is not None else file_value,
                                   keep_newlines=False)
            if typed == clean(shown_before):
                values[name] = mine  # untouched: keep it exactly (or keep following the file)
            else:
                values[name] = typed
        reason = date_problem(values["date"] or "")
        return reason if reason else Metadata(**values)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        after_typed(self, self._save_typed)

    def _save_typed(self) -> None:
        found = self.result()
        if isinstance(found, str):
            self.query_one("#metadata-error", Static).update(
                Content.styled(found, "bold $text-error"))
            self.query_one("#meta-date", Input).focus()
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        found = self.result()
        changed = found != self.mine  # a bad date typed is a change too
        ask_before_discarding(self, changed, "metadata", self.action_save)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
