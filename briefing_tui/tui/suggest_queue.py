"""The suggestion queue screen (``S``): every open document's suggestions, one at a time.

The highlighted suggestion is shown in full (document, sentence, tag, score, reason);
``a`` accepts it, ``d`` rejects it (``dismissed:``), ``space`` skips it, and the next one
is highlighted by itself. ``o`` switches between most confident and uncertain first;
``enter`` jumps to the sentence in the reader. The decisions are the app's (a callback):
the screen only shows the queue.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest.queue import CONFIDENT, UNCERTAIN, QueueItem, ordered
from briefing_tui.tui.keys import QUEUE_BINDINGS
from briefing_tui.tui.panes import clip, plain

Decide = Callable[[QueueItem, bool], bool]  # (item, accepted) -> done (False: read-only…)


class SuggestionQueue(Screen[QueueItem | None]):
    """Suggestions across documents; dismisses with the item to jump to, or None."""

    DEFAULT_CSS = """
    SuggestionQueue #queue-header { height: 1; background: $panel; padding: 0 1; }
    SuggestionQueue #queue-current { height: auto; max-height: 8; padding: 0 1;
                                     border-bottom: solid $panel; }
    SuggestionQueue #queue-list { height: 1fr; border: none; overflow-y: scroll; }
    """
    BINDINGS = QUEUE_BINDINGS

    def __init__(self, items: list[QueueItem], codebook: Codebook, decide: Decide,
                 how: str = CONFIDENT) -> None:
        super().__init__()
        self.codebook, self.decide, self.how = codebook, decide, how
        self.items = ordered(items, how)
        self.decided = 0
        self.retraining = False  # an answer was given: the reasons count the labels before it

    def compose(self) -> ComposeResult:
        yield Static("", id="queue-header")
        yield Static("", id="queue-current")
        yield OptionList(id="queue-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._fill(0)

    # -- showing ---------------------------------------------------------------------

    def _prompt(self, item: QueueItem) -> Content:
        return Content.assemble(f"{item.score:.2f} ",
                                Content.styled(f"{item.tag}?", self.codebook.colour(item.tag)),
                                plain(f"  {item.path.name}  {clip(item.text, 120)}"))

    def _fill(self, highlight: int) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(self._prompt(item), id=str(n))
                             for n, item in enumerate(self.items)])
        if self.items:
            listing.highlighted = min(highlight, len(self.items) - 1)
        self._show_current()

    def renew(self, items: list[QueueItem]) -> None:
        """A retrain landed: its items (new scores, reasons that count the labels just
        given) replace the old ones; the highlight stays on the same suggestion."""
        here = self.current()
        self.retraining = False
        self.items = ordered(items, self.how)
        keys = [(i.path, i.start, i.tag) for i in self.items]
        key = (here.path, here.start, here.tag) if here is not None else None
        at = self.query_one(OptionList).highlighted or 0
        self._fill(keys.index(key) if key in keys else at)

    def current(self) -> QueueItem | None:
        at = self.query_one(OptionList).highlighted
        return self.items[at] if at is not None and 0 <= at < len(self.items) else None

    def _show_current(self) -> None:
        order = "most confident first" if self.how == CONFIDENT else "uncertain first"
        self.query_one("#queue-header", Static).update(Content.assemble(
            Content.styled("Suggestions", "bold"),
            f"  {len(self.items)} to review  ·  {order} (o)  ·  {self.decided} decided"))
        item = self.current()
        view = self.query_one("#queue-current", Static)
        if item is None:
            view.update(Content.styled("No suggestions left. Tag more sentences, or open "
                                       "more documents, and they come back.", "italic"))
            return
        view.update(Content.assemble(
            plain(f"{item.path.name}", "bold"), "  ",
            Content.styled(f"{item.tag}? {item.score:.2f}", self.codebook.colour(item.tag)),
            "\n", plain(clip(item.text, 400)), "\n",
            plain("why: retraining on your answer…" if self.retraining
                  else f"why: {item.reason}", "italic $text-muted")))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_current()

    # -- keys ------------------------------------------------------------------------

    def action_decide(self, accepted: bool) -> None:
        item = self.current()
        if item is None or not self.decide(item, accepted):
            return
        at = self.items.index(item)
        self.items.remove(item)
        self.decided += 1
        self.retraining = True  # until the retrain lands (renew): its label counts are old
        self._fill(at)  # the next one slides under the highlight: auto-advance

    def action_skip(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None and listing.highlighted + 1 < len(self.items):
            listing.highlighted += 1

    def action_order(self) -> None:
        self.how = UNCERTAIN if self.how == CONFIDENT else CONFIDENT
        self.items = ordered(self.items, self.how)
        self._fill(0)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.current())
