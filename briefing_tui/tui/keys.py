"""The reader's default keys. Each binding has an id, so a user keymap can remap it.

The actions live on the app (``app.``) and act on the focused reader; the bindings live on
the reader so that they win over the scrolling keys ``ScrollView`` binds itself.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("e", "summary", "Summary", id="summary"),
    Binding("s", "split", "Split", id="split"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
    Binding("F", "finish_layer", "Finish layer", id="finish_layer", show=False),
    Binding("A", "adjudicate", "Adjudicate", id="adjudicate", show=False),
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="interrupt"),
]

READER_BINDINGS: list[BindingType] = [
    Binding("j,down", "app.cursor(1)", "Next", id="next", show=False),
    Binding("k,up", "app.cursor(-1)", "Previous", id="previous", show=False),
    Binding("pagedown", "app.page(1)", "Page down", id="page_down", show=False),
    Binding("pageup", "app.page(-1)", "Page up", id="page_up", show=False),
    Binding("home", "app.first", "First", id="first", show=False),
    Binding("end", "app.last", "Last", id="last", show=False),
    *[Binding(str(d), f"app.toggle_tag('{d}')", f"Tag {d}", id=f"tag_{d}", show=False)
      for d in range(1, 10)],
    Binding("n", "app.note", "Note", id="note"),
    Binding("x", "app.clear", "Clear", id="clear", show=False),
    Binding("u", "app.undo", "Undo", id="undo"),
    Binding("ctrl+r", "app.redo", "Redo", id="redo"),
    Binding("slash", "app.search", "Search", id="search"),
    Binding("full_stop", "app.match(1)", "Next match", id="next_match", show=False),
    Binding("comma", "app.match(-1)", "Previous match", id="previous_match", show=False),
    Binding("right_square_bracket", "app.tagged(1)", "Next tagged", id="next_tagged",
            show=False),
    Binding("left_square_bracket", "app.tagged(-1)", "Previous tagged", id="previous_tagged",
            show=False),
    Binding("space", "app.untagged", "Next untagged", id="next_untagged", show=False),
    Binding("f", "app.filter", "Filter", id="filter"),
    Binding("a", "app.accept", "Accept review", id="accept_review", show=False),
]


def binding_ids() -> set[str]:
    """Every id a user keymap may name."""
    return {b.id for b in [*READER_BINDINGS, *APP_BINDINGS]
            if isinstance(b, Binding) and b.id}
