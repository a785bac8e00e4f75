"""Run a dialog's save only after the keys typed before it have reached their field.

A priority binding (ctrl+s in a dialog) runs as soon as the app reads its key, while the
keys typed just before it may still wait in the focused field's message queue: over SSH
keys arrive in bursts, and a fast typist's last word and ctrl+s come in one read. Reading
the fields at once saved the text without them (found in a real terminal: a burst of 26
letters and ctrl+s saved nothing). Queued behind those keys on the focused widget, the save
sees everything that was typed.

tab has the same race the other way round: it moved the focus only when the field reached it
in its queue, and the letters after it, handed to that field meanwhile, went on into it (a
title, tab, a period in one burst saved "title+period" as the title). ``FIELD_BINDINGS``
take tab and shift+tab when the app reads them, so the letters after go to the next field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

#: A dialog's tab and shift+tab, taken as the app reads them (see the module docstring).
FIELD_BINDINGS = [Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
                  Binding("shift+tab", "app.focus_previous", "Previous field", show=False,
                          priority=True)]


def after_typed(screen: Screen[Any], callback: Callable[[], object]) -> None:
    """Call ``callback`` once every field of ``screen`` has handled its pending keys (a
    burst with tabs leaves keys queued in several fields), the focused one last."""
    focused = screen.focused
    fields: list[Widget] = [w for w in screen.focus_chain if w is not focused]
    if focused is not None:
        fields.append(focused)

    def step(index: int) -> None:
        while index < len(fields) and not fields[index].is_attached:
            index += 1
        if index == len(fields):
            callback()
        else:
            fields[index].call_later(step, index + 1)

    step(0)
