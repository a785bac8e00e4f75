"""Edit the analyst's own words of a brief (brief.yaml): title, period, bottom line up
front, key judgments (one a line), outlook, and a trend per theme.

The dialog returns only the fields that changed (core.brief.file.set_words writes just
those, so another analyst's edits to the others are kept); ctrl+s saves, escape with
changes asks first: keep editing, save, or discard. Nothing typed is lost silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from briefing_tui.core.brief.file import BriefFile
from briefing_tui.core.brief.words import PERIOD_EXAMPLE, TRENDS
from briefing_tui.core.visible import visible
from briefing_tui.tui.dialogs import ask_before_discarding
from briefing_tui.tui.typed_first import FIELD_BINDINGS, after_typed

NO_TREND = "—"


def _area(text: str, ident: str) -> TextArea:
    return TextArea(visible(text), id=ident, soft_wrap=True, show_line_numbers=False,
                    classes="brief-prose")


class BriefDialog(ModalScreen[dict[str, Any] | None]):
    """The words of ``brief`` for the themes ``tags``; dismissed with the changes."""

    DEFAULT_CSS = """
    BriefDialog #brief-dialog { width: 90; height: 90%; padding: 0 1; }
    BriefDialog #brief-dialog .title { margin-bottom: 0; }
    BriefDialog #brief-fields { height: 1fr; }
    BriefDialog .brief-label { color: $text-muted; margin-top: 1; }
    BriefDialog .brief-line { height: 1; }
    BriefDialog .brief-line Label { width: 8; color: $text-muted; }
    BriefDialog .brief-line Input { width: 1fr; height: 1; border: none; padding: 0 1; }
    BriefDialog .brief-prose { height: 6; }
    BriefDialog .trend-row { height: 3; }
    BriefDialog .trend-row Label { width: 24; padding: 1 1 0 0; }
    BriefDialog .trend-row Select { width: 1fr; }
    BriefDialog .buttons { margin-top: 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "save", "Save", priority=True), *FIELD_BINDINGS]

    def __init__(self, brief: BriefFile, tags: Sequence[str], where: str,
                 period_hint: str = PERIOD_EXAMPLE) -> None:
        super().__init__()
        self.brief, self.period_hint = brief, period_hint
        self.tags = list(dict.fromkeys([*tags, *brief.words.trends]))
        self.where = where

    def compose(self) -> ComposeResult:
        words = self.brief.words
        with Vertical(id="brief-dialog", classes="dialog"):
            yield Static(Content.styled("The brief in your words", "bold"), classes="title")
            yield Static(Content.styled(f"{self.where}  ·  ctrl+s saves  ·  escape cancels",
                                        "$text-muted"))
            with VerticalScroll(id="brief-fields"):
                with Horizontal(classes="brief-line"):
                    yield Label("Title")
                    yield Input(visible(self.brief.title), id="brief-title")
                with Horizontal(classes="brief-line"):
                    yield Label("Period")
                    yield Input(visible(self.brief.period), id="brief-period",
                                placeholder=visible(self.period_hint))
                yield Label("Bottom line up front", classes="brief-label")
                yield _area(words.bottom_line, "brief-bottom-line")
                yield Label("Key judgments (one a line)", classes="brief-label")
                yield _area("\n".join(words.judgments), "brief-judgments")
                yield Label("Outlook", classes="brief-label")
                yield _area(words.outlook, "brief-outlook")
                yield Label("Trend per theme", classes="brief-label")
                for n, tag in enumerate(self.tags):
                    with Horizontal(classes="trend-row"):
                        yield Label(visible(tag))
                        yield Select([(NO_TREND, NO_TREND), *((t, t) for t in TRENDS)],
                                     value=words.trends.get(tag, NO_TREND),
                                     allow_blank=False, id=f"brief-trend-{n}")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="brief-save")
                yield Button("Cancel (esc)", id="brief-cancel")

    def on_mount(self) -> None:
        self.query_one("#brief-title", Input).focus()

    def _values(self) -> dict[str, Any]:
        trends = {}
        for n, tag in enumerate(self.tags):
            value = self.query_one(f"#brief-trend-{n}", Select).value
            if value in TRENDS:
                trends[tag] = str(value)
        judgments = self.query_one("#brief-judgments", TextArea).text.split("\n")
        return {"title": self.query_one("#brief-title", Input).value,
                "period": self.query_one("#brief-period", Input).value,
                "bottom_line": self.query_one("#brief-bottom-line", TextArea).text,
                "judgments": [j.strip() for j in judgments if j.strip()],
                "outlook": self.query_one("#brief-outlook", TextArea).text,
                "trends": trends}

    def changes(self) -> dict[str, Any]:
        """The fields whose text differs from what the dialog opened with."""
        words = self.brief.words
        before: dict[str, Any] = {
            "title": visible(self.brief.title), "period": visible(self.brief.period),
            "bottom_line": visible(words.bottom_line),
            "judgments": [visible(j) for j in words.judgments],
            "outlook": visible(words.outlook), "trends": dict(words.trends)}
        now = self._values()
        return {key: value for key, value in now.items()
                if _norm(value) != _norm(before[key])}

    def action_save(self) -> None:
        after_typed(self, self._save_typed)

    def _save_typed(self) -> None:
        self.dismiss(self.changes() or None)

    def action_cancel(self) -> None:
        ask_before_discarding(self, bool(self.changes()), "brief", self.action_save)

    @on(Button.Pressed, "#brief-save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#brief-cancel")
    def _cancel(self) -> None:
        self.action_cancel()


def _norm(value: Any) -> Any:
    """Compare as written: white space at the ends of lines and the text does not count."""
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.strip().split("\n"))
    if isinstance(value, list):
        return [" ".join(str(v).split()) for v in value]
    return value
