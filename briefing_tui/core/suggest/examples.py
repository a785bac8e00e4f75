"""Sentences as learning examples: their text, the tags on them and the tags dismissed.

A sentence carries a tag when any annotation with that tag overlaps it; ``dismissed: [tag]``
on an overlapping annotation (written by the reader when a suggestion is rejected) means
"never suggest this tag here". Only documents with at least one tag train the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefing_tui.core.document import Document


@dataclass(frozen=True)
class Example:
    document: str  # the path as given, for output
    number: int
    start: int
    end: int
    text: str
    tags: frozenset[str]
    dismissed: frozenset[str]
    trains: bool  # its document has tags, so its untagged sentences are negatives


def examples_from(document: Document, name: str) -> Iterator[Example]:
    """Every sentence of ``document`` with the tags and dismissals that overlap it."""
    spans = sorted(((a.start, a.end, frozenset(a.tags), frozenset(a.dismissed))
                    for a in document.annotations), key=lambda s: s[0])
    trains = any(tags for _, _, tags, _ in spans)
    text = document.text
    first = 0
    for sentence in document.segmentation:
        while first < len(spans) and spans[first][1] <= sentence.start:
            first += 1
        tags: set[str] = set()
        dismissed: set[str] = set()
        for start, end, on, off in spans[first:]:
            if start >= sentence.end:
                break
            if end > sentence.start:
                tags |= on
                dismissed |= off
        yield Example(name, sentence.number, sentence.start, sentence.end,
                      text[sentence.start:sentence.end], frozenset(tags),
                      frozenset(dismissed), trains)
