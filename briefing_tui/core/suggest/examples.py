"""Sentences as learning examples: their text, the tags on them and the tags dismissed.

A sentence carries a tag when any annotation with that tag overlaps it; ``dismissed: [tag]``
on an overlapping annotation (written by the reader when a suggestion is rejected) means
"never suggest this tag here". What the analyst has not looked at teaches nothing: an
untagged sentence of a document still in progress may simply not be read yet, so only
tagged sentences train, and every sentence of a document marked finished (``status:
finished``) does: its untagged sentences are then known negatives. A dismissal is a
known negative of the dismissed tag alone (:meth:`Suggester.train`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.document import Document

FINISHED = "finished"  # the header's status once the analyst is done (core.sidecar.layers)


@dataclass(frozen=True)
class Example:
    document: str  # the path as given, for output
    number: int
    start: int
    end: int
    text: str
    tags: frozenset[str]
    dismissed: frozenset[str]
    trains: bool  # its labels are known (it is tagged, or its document is finished)


def examples_of(name: str, text: str, starts: Sequence[int], ends: Sequence[int],
                annotations: Iterable[Annotation], finished: bool = False
                ) -> Iterator[Example]:
    """Every sentence ``text[starts[i]:ends[i]]`` with the tags and dismissals that
    overlap it; plain values, so a worker thread can run it on a snapshot."""
    spans = sorted(((a.start, a.end, frozenset(a.tags), frozenset(a.dismissed))
                    for a in annotations), key=lambda s: s[0])
    first = 0
    for number, (s_start, s_end) in enumerate(zip(starts, ends, strict=True), 1):
        while first < len(spans) and spans[first][1] <= s_start:
            first += 1
        tags: set[str] = set()
        dismissed: set[str] = set()
        for start, end, on, off in spans[first:]:
            if start >= s_end:
                break
            if end > s_start:
                tags |= on
                dismissed |= off
        yield Example(name, number, s_start, s_end, text[s_start:s_end], frozenset(tags),
                      frozenset(dismissed), finished or bool(tags))


def examples_from(document: Document, name: str) -> Iterator[Example]:
    """Every sentence of ``document`` with the tags and dismissals that overlap it."""
    split = document.segmentation
    return examples_of(name, document.text, split.starts, split.ends,
                       document.annotations.items.values(),
                       document.header.get("status") == FINISHED)
