"""The line under the reader that says, whole, why the cursor sentence's tag is suggested.

The status line has room at 80 columns for the document and the position, not for a
reason (the model's share and top words and the rules matched run past 100 characters);
this line wraps it, with the keys that act on it as the keymap binds them. Its height
never changes as the cursor moves: while the document has suggestions it keeps its rows
(:func:`rows_for` its width: three in the narrow column of an 80-column terminal, where
the longest reasons need them, two when wider), saying "no suggestion here" where the
sentence has none (a line that came and went moved the whole reader by two or three
rows at each step). A reason too long for them loses the key hints first, then its end.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Static

from briefing_tui.core.visible import visible
from briefing_tui.tui.keys import READER_BINDINGS, key_label, keys_of

NARROW = 70  # below this many columns of text the line takes three rows, else two
_HINTS = (("accept_review", "accepts"), ("reject_suggestion", "rejects"))

Shown = tuple[str, float, str]  # tag, score, reason


def rows_for(width: int) -> int:
    """The line's height at ``width`` columns of text (a model reason with its three
    words and three rules and the key hints runs to ~150 characters)."""
    return 3 if width < NARROW else 2


def _bound(keymap: Mapping[str, str]) -> dict[str, str]:
    return {b.id: key_label(keys_of(b, keymap)) for b in READER_BINDINGS
            if isinstance(b, Binding) and b.id}


def key_hints(keymap: Mapping[str, str]) -> str:
    """``a accepts · d rejects``, with the keys the keymap gives them."""
    bound = _bound(keymap)
    return " · ".join(f"{bound[ident]} {what}" for ident, what in _HINTS if ident in bound)


def idle_hint(keymap: Mapping[str, str]) -> str:
    """What the line says on a sentence without a suggestion."""
    key = _bound(keymap).get("next_suggestion")
    return "no suggestion on this sentence" + (f" ({key} goes to the next)" if key else "")


class SuggestionWhy(Static):
    """One suggestion as ``tag? score  reason  (keys)``; redraws only when it changes."""

    DEFAULT_CSS = """
    SuggestionWhy {
        display: none;
        height: 3;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.suggestion: Shown | None = None
        self._drawn: tuple[object, ...] | None = None
        self._colour = self._hints = self._idle = ""

    def show(self, suggestion: Shown | None, colour: str = "", hints: str = "", *,
             reserved: bool = False, idle: str = "") -> None:
        """``(tag, score, reason)``; None: ``idle`` when ``reserved`` (the document has
        suggestions: the line keeps its rows), else the line is hidden."""
        self.suggestion = suggestion
        self._colour, self._hints, self._idle = colour, hints, idle
        visible_now = suggestion is not None or reserved
        if visible_now and not self.display and isinstance(self.parent, Widget):
            self._set_rows(self.parent.content_region.width - 2)  # the padding
        self.display = visible_now
        if visible_now:
            self._draw()
        elif self._drawn is not None:  # once: every key asks the hidden line too
            self._drawn = None
            self.update("", layout=False)  # hidden, it takes no room

    def on_resize(self, event: Resize) -> None:
        self._set_rows(self.content_region.width)
        if self.display:
            self._draw()

    def _set_rows(self, width: int) -> None:
        """The height for ``width`` columns of text: changed by a width change only."""
        if width <= 0:
            return
        rows = rows_for(width)
        if self.styles.height is None or self.styles.height.value != rows:
            self.styles.height = rows

    def _draw(self) -> None:
        width = self.content_region.width
        key = (self.suggestion, self._colour, self._hints, self._idle, width)
        if key == self._drawn:
            return
        self._drawn = key
        self.update(self._fitted(width), layout=False)  # its rows are set (_set_rows)

    def _fitted(self, width: int) -> Content:
        if self.suggestion is None:
            return Content.styled(self._idle, "italic")
        tag, score, reason = self.suggestion
        body = Content.assemble(Content.styled(f"{visible(tag)}?", f"bold {self._colour}"
                                               .strip()),
                                Content(f" {score:.2f}  {visible(reason)}"))
        with_hints = Content.assemble(body, Content.styled(f"  ({self._hints})", "dim")) \
            if self._hints else body
        if width <= 0:  # not laid out yet: drawn again on the first resize
            return with_hints
        rows = rows_for(width)
        for choice in (with_hints, body):
            if len(choice.wrap(width)) <= rows:
                return choice
        lines = body.wrap(width)[:rows]
        lines[-1] = lines[-1].truncate(width - 1).append("…")
        return Content("\n").join(lines)
