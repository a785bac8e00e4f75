"""Where the sentence cursor may go: next/previous, tagged, untagged, search hits, filter.

Plain Python over a :class:`Document` (no Textual), so every movement rule is tested on
its own and the reader widget only draws.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.document import Document

MAX_MATCHES = 100_000


@dataclass
class Matches:
    query: str = ""
    starts: list[int] = field(default_factory=list)
    length: int = 0
    truncated: bool = False


class Navigator:
    """The cursor (a 0-based sentence index) and the rules that move it."""

    def __init__(self, document: Document | None = None) -> None:
        self.document = document
        self.cursor = 0
        self.filter_tag: str | None = None
        # a place or actor filter: its name and the sentences naming it (reader.filter_about)
        self.filter_about: tuple[str, list[int]] | None = None
        self.matches = Matches()
        self._tagged: tuple[int, str | None, list[int]] | None = None
        self.wrapped = False  # the last next_match went round the end of the document

    @property
    def count(self) -> int:
        return len(self.document.segmentation) if self.document else 0

    def tags_of(self, index: int) -> tuple[str, ...]:
        if self.document is None:
            return ()
        split = self.document.segmentation
        return self.document.annotations.tags_on(split.starts[index], split.ends[index])

    def tagged_indices(self, tag: str | None = None) -> list[int]:
        """Sorted indices of sentences carrying ``tag`` (any tag when None); cached."""
        if self.document is None:
            return []
        revision = self.document.annotations.revision
        if self._tagged and self._tagged[0] == revision and self._tagged[1] == tag \
                and len(self._tagged[2]) <= self.count:
            return self._tagged[2]
        split = self.document.segmentation
        found: set[int] = set()
        for annotation in self.document.annotations.items.values():
            if not annotation.tags or (tag is not None and tag not in annotation.tags) or \
                    annotation.anchor is Anchor.ORPHAN:
                continue
            start, end = annotation.start, annotation.end
            first = split.index_at(start)
            last = split.index_at(max(start, end - 1))
            if first is None or last is None:
                continue
            found.update(i for i in range(first, last + 1)  # every sentence it touches
                         if split.ends[i] > start or split.starts[i] >= start)
        result = sorted(found)
        self._tagged = (revision, tag, result)
        return result

    @property
    def filtered(self) -> bool:
        return self.filter_tag is not None or self.filter_about is not None

    def shown_indices(self) -> list[int] | None:
        """The sentences the filters show (a tag's, a place's, both), None when all."""
        tagged = self.tagged_indices(self.filter_tag) if self.filter_tag is not None else None
        if self.filter_about is None:
            return tagged
        about = self.filter_about[1]
        if tagged is None:
            return about
        keep = set(tagged)
        return [i for i in about if i in keep]

    @property
    def about_name(self) -> str | None:
        """The place or actor the reader is filtered by (None: none)."""
        return self.filter_about[0] if self.filter_about else None

    def cursor_to_shown(self) -> None:
        """A cursor the filters hide moves to the next sentence shown (else the first)."""
        visible = self.shown_indices()
        if visible and not self.is_visible(self.cursor) and self.document is not None:
            self.cursor = self.first_visible_at_or_after(
                self.document.segmentation.starts[self.cursor]) or visible[0]

    def nothing_shown(self) -> str:
        """Why the filters show no sentence, and what to press ("" when not filtered)."""
        if self.filter_about is not None:
            tagged = f" and is tagged {self.filter_tag}" if self.filter_tag else ""
            return (f"No sentence names {self.filter_about[0]}{tagged}. Press P to choose "
                    "another place or actor, or all sentences.")
        if self.filter_tag:
            return (f"No sentence is tagged {self.filter_tag}. Press f to show another tag "
                    "or all sentences.")
        return ""

    def filtered_spans(self) -> list[tuple[int, int]]:
        if self.document is None:
            return []
        split = self.document.segmentation
        return [(split.starts[i], split.ends[i]) for i in self.shown_indices() or []]

    def is_visible(self, index: int) -> bool:
        if self.filter_about is not None:
            about = self.filter_about[1]
            at = bisect_left(about, index)
            if at == len(about) or about[at] != index:
                return False
        return self.filter_tag is None or self.filter_tag in self.tags_of(index)

    # -- plain moves -------------------------------------------------------------------

    def step(self, delta: int) -> int | None:
        if not self.count:
            return None
        visible = self.shown_indices()
        if visible is not None:
            return self._neighbour(visible, delta)
        return min(max(self.cursor + delta, 0), self.count - 1)

    def first(self) -> int | None:
        visible = self.shown_indices()
        if visible is not None:
            return visible[0] if visible else None
        return 0 if self.count else None

    def last(self) -> int | None:
        visible = self.shown_indices()
        if visible is not None:
            return visible[-1] if visible else None
        return self.count - 1 if self.count else None

    def first_visible_at_or_after(self, offset: int) -> int | None:
        if self.document is None or not self.count:
            return None
        split = self.document.segmentation
        index = bisect_left(split.starts, offset)
        visible = self.shown_indices()
        if visible is not None:
            position = bisect_left(visible, index)
            return visible[min(position, len(visible) - 1)] if visible else None
        return min(index, self.count - 1)

    def _neighbour(self, indices: list[int], delta: int) -> int | None:
        """The next (delta > 0) or previous index in ``indices`` from the cursor."""
        if not indices:
            return None
        if delta > 0:
            position = bisect_right(indices, self.cursor)
            return indices[position] if position < len(indices) else None
        position = bisect_left(indices, self.cursor) - 1
        return indices[position] if position >= 0 else None

    # -- jumps -------------------------------------------------------------------------

    def next_tagged(self, direction: int) -> int | None:
        tagged = self.tagged_indices(self.filter_tag)
        if self.filter_about is not None:
            about = set(self.filter_about[1])
            tagged = [i for i in tagged if i in about]
        return self._neighbour(tagged, direction)

    def next_untagged(self) -> int | None:
        """The next sentence with no tag, wrapping round to the start once."""
        count = self.count
        for step in range(1, count + 1):
            index = (self.cursor + step) % count
            if not self.tags_of(index):
                return index
        return None

    # -- search ------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find every case-insensitive occurrence of ``query``; return how many."""
        self.matches = Matches(query)
        if self.document is None or not query:
            return 0
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        starts: list[int] = []
        for match in pattern.finditer(self.document.text):
            starts.append(match.start())
            if len(starts) >= MAX_MATCHES:
                self.matches.truncated = True
                break
        self.matches.starts = starts
        self.matches.length = len(query)
        return len(starts)

    def next_match(self, direction: int) -> int | None:
        """The sentence holding the next (or previous) hit after the cursor, wrapping."""
        if self.document is None or not self.matches.starts or not self.count:
            return None
        split = self.document.segmentation
        starts = self.matches.starts
        here_start = split.starts[self.cursor]
        here_end = split.ends[self.cursor]
        if direction > 0:
            position = bisect_left(starts, here_end)
            self.wrapped = position >= len(starts)
            offset = starts[0] if self.wrapped else starts[position]
        else:
            position = bisect_left(starts, here_start) - 1
            self.wrapped = position < 0
            offset = starts[-1] if self.wrapped else starts[position]
        index = split.index_at(offset)
        if index is None:
            return None
        if self.filtered and not self.is_visible(index):
            return None
        return index

    def match_position(self) -> int | None:
        """The 1-based number of the first hit in the cursor's sentence (None: no hit)."""
        starts = self.matches.starts
        if self.document is None or not starts or not self.count:
            return None
        split = self.document.segmentation
        position = bisect_left(starts, split.starts[self.cursor])
        if position < len(starts) and starts[position] < split.ends[self.cursor]:
            return position + 1
        return None
