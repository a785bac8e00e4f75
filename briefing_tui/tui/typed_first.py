"""Run a dialog's save only after the keys typed before it have reached their field.

A priority binding (ctrl+s in a dialog) runs as soon as the app reads its key, while the
keys typed just before it may still wait in the focused field's message queue: over SSH
keys arrive in bursts, and a fast typist's last word and ctrl+s come in one read. Reading
the fields at once saved the text without them (found in a real terminal: a burst of 26
letters and ctrl+s saved nothing). Queued behind those keys on the focused widget, the save
sees everything that was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen


def after_typed(screen: Screen[Any], callback: Callable[[], object]) -> None:
    """Call ``callback`` once the focused widget of ``screen`` has handled its pending
    keys (at once when nothing has the focus)."""
    focused = screen.focused
    if focused is None or not focused.is_attached:
        callback()
    else:
        focused.call_later(callback)
