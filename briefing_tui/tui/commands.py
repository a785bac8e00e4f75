"""The command palette offers every reader action by name (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from briefing_tui.tui.app import BriefingApp


def reader_commands(app: BriefingApp) -> Iterator[SystemCommand]:
    for tag in app.codebook:
        if tag.key:
            yield SystemCommand(f"Tag sentence: {tag.name}",
                                f"Toggle '{tag.name}' on the current sentence (key {tag.key})",
                                partial(app.action_toggle_tag, tag.key))
        yield SystemCommand(f"Show only: {tag.name}",
                            f"Show only sentences tagged '{tag.name}'",
                            partial(app.set_filter, app.active_reader(), tag.name))
    yield SystemCommand("Show all sentences", "Turn the tag filter off",
                        partial(app.set_filter, app.active_reader(), None))
    actions: list[tuple[str, str, Callable[[], object]]] = [
        ("Note", "Add or edit a note on the current sentence (n)", app.action_note),
        ("Clear tags", "Remove tags and note from the current sentence (x)",
         app.action_clear),
        ("Undo", "Undo the last change (u)", app.action_undo),
        ("Redo", "Redo the last undone change (ctrl+r)", app.action_redo),
        ("Search", "Search this document (/)", app.action_search),
        ("Next match", "Go to the next search match (.)", partial(app.action_match, 1)),
        ("Previous match", "Go to the previous search match (,)",
         partial(app.action_match, -1)),
        ("Next tagged sentence", "(])", partial(app.action_tagged, 1)),
        ("Previous tagged sentence", "([)", partial(app.action_tagged, -1)),
        ("Next untagged sentence", "(space)", app.action_untagged),
        ("Split view", "Compare two documents side by side (s)", app.action_split),
        ("Summary", "Tagged sentences of every briefing, by tag; write to a file (e)",
         app.action_summary),
        ("Keys", "Show every key (?)", app.action_help),
        ("Save and quit", "Save everything and quit (q)", app.action_quit),
    ]
    for title, help_text, action in actions:
        yield SystemCommand(title, help_text, action)
