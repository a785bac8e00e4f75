"""The dialog that writes the summary to a file: a format, a path, never overwriting
without asking; in a browser session the file is also sent to the browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export import ALL_FORMATS
from briefing_tui.core.summary import Summary
from briefing_tui.tui.panes import plain

Written = Callable[[Path, str], None]


class ExportDialog(ModalScreen[None]):
    """Ask where to write the summary, in which format; never overwrite without asking."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, summary: Summary, codebook: Codebook, path: Path, fmt: str,
                 written: Written | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.codebook = codebook
        self.path = path
        self.fmt = fmt if fmt in ALL_FORMATS else "md"
        self.written = written
        self.confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(Content.styled("Write the summary to a file", "bold"),
                         classes="title")
            yield Select([(f, f) for f in ALL_FORMATS], value=self.fmt, allow_blank=False,
                         id="export-format")
            yield Input(str(self.path), id="export-path")
            yield Static("", id="export-message")
            with Horizontal(classes="buttons"):
                yield Button("Write", variant="primary", id="export-write")
                yield Button("Cancel (esc)", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        box = self.query_one(Input)
        path = Path(box.value)
        if path.suffix.lstrip(".") in ALL_FORMATS or path.suffix == ".htm":
            box.value = str(path.with_suffix(f".{event.value}"))

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """Say what will be written: the format a typed name asks for, and no warning
        about a file the path no longer names."""
        path = Path(event.value).expanduser()
        if self.confirmed is not None and path != self.confirmed:
            self.confirmed = None
            self.query_one("#export-message", Static).update("")
        suffix = path.suffix.lstrip(".").lower()
        choice = self.query_one(Select)
        if suffix in ALL_FORMATS and choice.value != suffix:
            choice.value = suffix

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-write")
    def _write(self) -> None:
        from briefing_tui.core.atomic import atomic_write
        from briefing_tui.core.errors import BriefingError
        from briefing_tui.core.export import render_bytes
        from briefing_tui.tui.delivery import send_to_browser

        path = Path(self.query_one(Input).value).expanduser()
        message = self.query_one("#export-message", Static)
        if not path.name:
            message.update(Content.styled("Give a file name.", "$text-error"))
            return
        if path.exists() and self.confirmed != path:
            self.confirmed = path
            message.update(plain(f"{path.name} exists. Press Write again to replace it.",
                                 "$text-warning"))
            return
        suffix = path.suffix.lstrip(".").lower()
        fmt = suffix if suffix in ALL_FORMATS else str(self.query_one(Select).value)
        try:
            atomic_write(path, render_bytes(self.summary, fmt, self.codebook))
        except BriefingError as exc:  # docx without python-docx: how to install it
            message.update(plain(str(exc), "$text-error"))
            return
        except OSError as exc:
            message.update(plain(f"Could not write {path.name}: {exc.strerror or exc}",
                                 "$text-error"))
            return
        sent = send_to_browser(self.app, path)
        self.app.notify(f"Summary written to {path}" + (" and sent to the browser" if sent else ""))
        if self.written is not None:
            self.written(path, fmt)
        self.dismiss(None)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
