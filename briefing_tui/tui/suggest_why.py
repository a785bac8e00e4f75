"""The line under the reader that says, whole, why the cursor sentence's tag is suggested.

The status line has room at 80 columns for the document and the position, not for a
reason (the model's share and top words and the rules matched run past 100 characters);
this line wraps it in full, with the keys that act on it as the keymap binds them, and
hides when the cursor sentence has no suggestion.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.visible import visible
from briefing_tui.tui.keys import READER_BINDINGS, key_label, keys_of

_HINTS = (("accept_review", "accepts"), ("reject_suggestion", "rejects"))


def key_hints(keymap: Mapping[str, str]) -> str:
    """``a accepts · d rejects``, with the keys the keymap gives them."""
    bound = {b.id: b for b in READER_BINDINGS if isinstance(b, Binding) and b.id}
    return " · ".join(f"{key_label(keys_of(bound[ident], keymap))} {what}"
                      for ident, what in _HINTS if ident in bound)


class SuggestionWhy(Static):
    """One suggestion as ``tag? score  reason  (keys)``; redraws only when it changes."""

    DEFAULT_CSS = """
    SuggestionWhy {
        display: none;
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.suggestion: tuple[str, float, str] | None = None

    def show(self, suggestion: tuple[str, float, str] | None, colour: str = "",
             hints: str = "") -> None:
        """``(tag, score, reason)``, or None to hide the line."""
        if suggestion == self.suggestion and self.display == (suggestion is not None):
            return
        self.suggestion = suggestion
        if suggestion is None:
            self.update("")
            self.display = False
            return
        tag, score, reason = suggestion
        self.update(Content.assemble(
            Content.styled(f"{visible(tag)}?", f"bold {colour}".strip()),
            Content(f" {score:.2f}  {visible(reason)}"),
            Content.styled(f"  ({hints})", "dim") if hints else ""))
        self.display = True
