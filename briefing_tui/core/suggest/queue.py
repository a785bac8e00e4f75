"""The suggestion queue: every shown suggestion of the open documents, in review order.

"Most confident first" puts the highest scores on top (the fastest way to tag what is
surely there); "uncertain first" puts the scores nearest the threshold on top, where an
answer teaches the model most (active learning, as Prodigy and INCEpTION do).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.annotations import AnnotationSet
from briefing_tui.core.suggest.live import DocumentSuggestions
from briefing_tui.core.suggest.ranking import THRESHOLD

CONFIDENT, UNCERTAIN = "confident", "uncertain"


@dataclass(frozen=True)
class QueueItem:
    path: Path
    order: int  # the document's place in the list: ties keep document order
    start: int
    end: int
    tag: str
    score: float
    text: str
    explain: Callable[[], str] = field(compare=False, repr=False)  # worked out when shown

    @property
    def reason(self) -> str:
        return self.explain()


def queue_items(path: Path, order: int, text: str, starts: Iterable[int],
                ends: Iterable[int], annotations: AnnotationSet,
                found: DocumentSuggestions) -> list[QueueItem]:
    """The suggestions of one document that are still open (not on, not dismissed)."""
    items: list[QueueItem] = []
    for start, end in zip(starts, ends, strict=True):
        if start not in found.by_start:
            continue
        items += [QueueItem(path, order, start, end, c.tag, c.score, text[start:end],
                            c.explain)
                  for c in found.open_on(annotations, start, end)]
    return items


def ordered(items: Iterable[QueueItem], how: str = CONFIDENT) -> list[QueueItem]:
    """``items`` in review order (``CONFIDENT`` or ``UNCERTAIN``)."""
    if how == UNCERTAIN:
        return sorted(items, key=lambda i: (abs(i.score - THRESHOLD), i.order, i.start))
    return sorted(items, key=lambda i: (-i.score, i.order, i.start))
