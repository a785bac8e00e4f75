"""The command palette (ctrl+p): every binding by name, with the key it has now.

Made from the same bindings as the footer and the help screen, so a keymap remap or a new
binding shows up here by itself; only what has no key of its own is listed by hand. Over
a screen of its own (the summary, the timeline, the queue, adjudication) it lists that
screen's keys, since the reader's do nothing there.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from briefing_tui.tui.keys import HIDDEN, key_label, keys_of

if TYPE_CHECKING:
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.reader import Reader

REPLACED = {"Quit", "Keys", "Screenshot"}  # Textual's own, which ours replace


def _show_only(reader: Reader, tag: str | None) -> None:
    reader.filter_tag = tag  # the reader lays itself out again and reports the change


def reader_commands(app: BriefingApp) -> Iterator[SystemCommand]:
    keymap = app.keymap_in_use()
    seen: set[str] = set()
    for binding in app.every_binding():
        ident = binding.id or ""
        if not ident or ident in seen or ident in HIDDEN:
            continue
        seen.add(ident)
        keys = key_label(keys_of(binding, keymap))
        help_text = f"{binding.tooltip or binding.description} ({keys})"
        yield SystemCommand(binding.description, help_text,
                            partial(app.run_action, binding.action.removeprefix("app.")))
    reader = app.active_reader()
    for tag in app.codebook:
        yield SystemCommand(f"Show only: {tag.name}",
                            f"Show only sentences tagged '{tag.name}'",
                            partial(_show_only, reader, tag.name))
    yield SystemCommand("Show all sentences", "Turn the tag filter off",
                        partial(_show_only, reader, None))
    yield SystemCommand("Write summary", "Write every briefing's summary to a file "
                        "(md, html, json, csv, JSON-LD or docx)",
                        partial(app.action_summary, True))
    if app.split_open():
        yield SystemCommand("Close split", "Close the second reader (s)", app.close_split)
    yield SystemCommand("Screenshot", "Save an SVG picture of the screen in the current "
                        "folder", app.take_screenshot)


def screen_commands(app: BriefingApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """A screen's own keys by name (the summary's w, c, b…), and help."""
    keymap = app.keymap_in_use()
    seen: set[str] = set()
    for _, binding in screen._bindings:
        ident = binding.id or ""
        if not ident or ident in seen:
            continue
        seen.add(ident)
        keys = key_label(keys_of(binding, keymap))
        yield SystemCommand(binding.description,
                            f"{binding.tooltip or binding.description} ({keys})",
                            partial(app.run_action, binding.action, screen))
    yield SystemCommand("Help", "every key, this screen's under its own heading (?)",
                        app.action_help)
