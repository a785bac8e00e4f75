"""The search field under the reader: an ``Input`` whose typing repaints only itself.

``Input`` sets its virtual size (the width of its text) on every change, and Textual
declares ``virtual_size`` with ``layout=True``, so each letter typed relaid the whole
screen out (about 10 ms of every letter at 10 MB). The box's own size never depends on its
text (100 % wide, 3 rows: Input's CSS), so here that change repaints the box alone.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchBox(Input):
    """``Input`` without a screen layout per keystroke (see the module's docstring)."""

    virtual_size = Reactive(Size(0, 0), layout=False)
