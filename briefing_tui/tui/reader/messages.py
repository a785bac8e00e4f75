"""What the reader tells the app: ``Reader.CursorMoved`` and ``Reader.FilterChanged``.

Named in the ``reader`` namespace, so their handlers are ``on_reader_cursor_moved`` and
``on_reader_filter_changed`` as when they were defined inside the class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing_tui.tui.reader import Reader


@dataclass
class CursorMoved(Message, namespace="reader"):
    """The sentence cursor moved or the document changed (``@on(..., "#reader-2")``)."""

    reader: Reader

    @property
    def control(self) -> Reader:
        return self.reader


@dataclass
class FilterChanged(Message, namespace="reader"):
    """The reader now shows only the sentences tagged ``tag`` (None: all of them)."""

    reader: Reader
    tag: str | None

    @property
    def control(self) -> Reader:
        return self.reader
