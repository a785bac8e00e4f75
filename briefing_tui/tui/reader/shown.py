"""The text as the reader draws it, and its lines; of a long text, a prefix first.

Making 10 MB visible (``core.visible``) and finding its lines takes ~0.1 s, on the path
to the first screen. A text over :data:`PREFIX_CHARS` is therefore shown first as whole
lines up to that far past the cursor — the same first lines as the whole text's, so rows
do not move — and :meth:`ShownText.rest` (a worker, after the first paint) makes the
rest; a jump past the prefix before then asks for :meth:`ShownText.whole_now`.
"""

from __future__ import annotations

from array import array
from typing import TypeAlias

from briefing_tui.core.document import Document
from briefing_tui.core.visible import visible
from briefing_tui.tui.reader.layout import line_blocks, prefix_end

PREFIX_CHARS = 200_000

Lines: TypeAlias = "tuple[array[int], array[int]]"  # (starts, ends) of lines


class ShownText:
    """One document's text as shown (controls as visible symbols, same length)."""

    def __init__(self, document: Document | None, cursor: int = 0) -> None:
        self.document = document
        self._lines: Lines | None = None
        if document is None:
            self.text = ""
            return
        text, split = document.text, document.segmentation
        at = split.starts[cursor] if len(split) else 0
        cut = prefix_end(text, at, PREFIX_CHARS)
        self.text = visible(text[:cut] if cut < len(text) else text, keep_separators=True)

    @property
    def partial(self) -> bool:
        """Whether only a prefix is shown yet."""
        return self.document is not None and len(self.text) < len(self.document.text)

    def lines(self) -> Lines:
        """(starts, ends) of the shown text's lines, found once."""
        if self._lines is None:
            self._lines = line_blocks(self.text)
        return self._lines

    def rest(self) -> tuple[str, Lines]:
        """The whole text as shown and its lines (any thread: it changes nothing)."""
        assert self.document is not None
        whole = visible(self.document.text, keep_separators=True)
        return whole, line_blocks(whole)

    def adopt(self, whole: str, lines: Lines) -> None:
        """Show what :meth:`rest` made."""
        self.text, self._lines = whole, lines

    def whole_now(self) -> None:
        """Show all of it at once (a filter or a jump past the prefix needs it)."""
        if self.partial:
            self.adopt(*self.rest())
