"""The analyst's tags on one document, with undo and redo of every change.

Annotations are immutable values; every change is recorded as ``(before, after)`` pairs so
undo is exact and cheap. Ids are derived from the span and quote, so two analysts who tag
the same sentence independently produce the same id and their sidecars merge cleanly.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum

from briefing_tui.core.corrections import Corrections

CONTEXT_CHARS = 32


class Anchor(str, Enum):
    """How well an annotation still sits on its document (see core.anchoring)."""

    EXACT = "exact"
    MOVED = "moved"
    REVIEW = "review"
    ORPHAN = "orphan"


@dataclass(frozen=True, slots=True)  # no __dict__ each: 46 MB less for 200,000
class Annotation:
    id: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    anchor: Anchor = Anchor.EXACT
    extra: tuple[tuple[str, object], ...] = ()  # unknown keys kept from the sidecar
    by: tuple[str, ...] = ()  # the analysts who tagged or noted it, sorted (core.analyst)
    dismissed: tuple[str, ...] = ()  # suggestions rejected here, sorted (sidecar.dismissed)

    @property
    def needs_attention(self) -> bool:
        return self.anchor in (Anchor.REVIEW, Anchor.ORPHAN)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.id)


def dismissed_form(*sides: Iterable[str]) -> tuple[str, ...]:
    """Dismissed tags as held and written: sorted, once each; the union of ``sides``
    (merges and joins never forget a rejection)."""
    return tuple(sorted({tag for side in sides for tag in side}))


def make_id(start: int, end: int, text: str) -> str:
    digest = hashlib.sha256(f"{start}:{end}:{text}".encode("utf-8", "surrogatepass"))
    return "a" + digest.hexdigest()[:11]


def quote_at(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The quote and its prefix/suffix context, as stored in a sidecar."""
    return (text[start:end], text[max(0, start - CONTEXT_CHARS):start],
            text[end:end + CONTEXT_CHARS])


Change = tuple[Annotation | None, Annotation | None]
#: The analyst's split/join fixes before and after a step (None: unchanged).
FixChange = tuple[Corrections, Corrections] | None
Step = tuple[list[Change], FixChange]


@dataclass
class AnnotationSet:
    """All annotations of one document, keyed by id, with an undo history.

    The analyst's split/join fixes (:mod:`.corrections`) live here too, so that a join
    and the tags it combines are one step to undo.
    """

    items: dict[str, Annotation] = field(default_factory=dict)
    _by_span: dict[tuple[int, int], str] = field(default_factory=dict)
    _undo: list[Step] = field(default_factory=list)
    _redo: list[Step] = field(default_factory=list)
    revision: int = 0
    corrections: Corrections = field(default_factory=Corrections)
    analyst: str = ""  # who makes the changes: added to each changed annotation's ``by``
    _spans: list[tuple[int, int, str]] = field(default_factory=list)  # anchored, sorted
    _longest: int = 0  # the longest anchored span: how far back an overlap can start

    def __post_init__(self) -> None:
        self._by_span = {(a.start, a.end): a.id for a in self.items.values()
                         if a.anchor is not Anchor.ORPHAN}
        self._spans = sorted((a.start, a.end, a.id) for a in self.items.values()
                             if a.anchor is not Anchor.ORPHAN)
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    @classmethod
    def of(cls, annotations: Iterable[Annotation]) -> AnnotationSet:
        return cls({a.id: a for a in annotations})

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self.sorted())

    def sorted(self) -> list[Annotation]:
        return sorted(self.items.values(), key=Annotation.sort_key)

    def at(self, start: int, end: int) -> Annotation | None:
        """The anchored annotation on exactly ``start:end`` (orphans are never 'at')."""
        ident = self._by_span.get((start, end))
        return None if ident is None else self.items.get(ident)

    def on_span(self, start: int, end: int) -> list[Annotation]:
        """Every anchored annotation on ``start:end`` or overlapping it, the exact one
        first: what a sentence shows and ``x`` clears, also when a hand merge put two
        ids on it or another tool tagged only a part of it."""
        spans = self._spans
        at = bisect_left(spans, (start - self._longest,))
        found: list[Annotation] = []
        exact = self.at(start, end)
        while at < len(spans) and spans[at][0] < end:
            a_start, a_end, ident = spans[at]
            at += 1
            if (a_end > start or a_start >= start) and ident != getattr(exact, "id", None):
                found.append(self.items[ident])
        return [exact, *found] if exact is not None else found

    def tags_on(self, start: int, end: int) -> tuple[str, ...]:
        """The tags a sentence shows: those of every annotation on it (see on_span)."""
        return tuple(dict.fromkeys(t for a in self.on_span(start, end) for t in a.tags))

    # -- changes ---------------------------------------------------------------------

    def _apply(self, changes: list[Change], record: bool = True,
               fixes: FixChange = None) -> None:
        if fixes is not None and fixes[0] == fixes[1]:
            fixes = None
        if not self.items and all(before is None for before, _ in changes):
            self._add_all([after for _, after in changes if after is not None])
            changes_left: list[Change] = []
        else:
            changes_left = changes
        for before, after in changes_left:
            if before is not None:
                gone = self.items.pop(before.id, None)
                if gone is not None and gone.anchor is not Anchor.ORPHAN:
                    self._unindex(gone)
            if after is not None:
                old = self.items.get(after.id)
                if old is not None and old.anchor is not Anchor.ORPHAN:
                    self._unindex(old)
                self.items[after.id] = after
                if after.anchor is not Anchor.ORPHAN:
                    self._index(after)
        if fixes is not None:
            self.corrections = fixes[1]
        if changes or fixes is not None:
            self.revision += 1
            if record:
                self._undo.append((changes, fixes))
                self._redo.clear()

    def _add_all(self, added: list[Annotation]) -> None:
        """What adding each of ``added`` to an empty set with :meth:`_index` does, with
        one sort instead of an insertion each (a 200,000-annotation sidecar's load)."""
        for a in added:
            self.items[a.id] = a
        anchored = [a for a in self.items.values() if a.anchor is not Anchor.ORPHAN]
        for a in added:  # the first on a span shows, as one at a time
            if a.anchor is not Anchor.ORPHAN and self.items[a.id] is a:
                self._by_span.setdefault((a.start, a.end), a.id)
        self._spans = sorted((a.start, a.end, a.id) for a in anchored)
        self._longest = max([self._longest, *(e - s for s, e, _ in self._spans)])

    def _index(self, a: Annotation) -> None:
        self._by_span.setdefault((a.start, a.end), a.id)
        insort(self._spans, (a.start, a.end, a.id))
        self._longest = max(self._longest, a.end - a.start)

    def _unindex(self, a: Annotation) -> None:
        key = (a.start, a.end, a.id)
        at = bisect_left(self._spans, key)
        if at < len(self._spans) and self._spans[at] == key:
            del self._spans[at]
        if self._by_span.get((a.start, a.end)) == a.id:  # another id there shows instead
            del self._by_span[(a.start, a.end)]
            at = bisect_left(self._spans, (a.start, a.end))
            if at < len(self._spans) and self._spans[at][:2] == (a.start, a.end):
                self._by_span[(a.start, a.end)] = self._spans[at][2]

    def take_off(self, start: int, end: int, tag: str) -> bool:
        """Take ``tag`` off every annotation on the span (:meth:`on_span`), as one step;
        True when the span showed it."""
        changes = [change for a in self.on_span(start, end) if tag in a.tags
                   for change in self._put(a, replace(a, tags=tuple(t for t in a.tags
                                                                    if t != tag)))]
        self._apply(changes)
        return bool(changes)

    def clear_span(self, start: int, end: int) -> int:
        """Remove every annotation :meth:`on_span` finds, as one undoable step."""
        found = self.on_span(start, end)
        self._apply([(a, None) for a in found])
        return len(found)

    def _new(self, text: str, start: int, end: int) -> Annotation:
        quote, prefix, suffix = quote_at(text, start, end)
        ident = make_id(start, end, quote)
        while ident in self.items:
            ident = make_id(start, end, quote + ident)
        return Annotation(ident, start, end, quote, prefix, suffix)

    def _put(self, before: Annotation | None, after: Annotation) -> list[Change]:
        """The change replacing ``before`` with ``after``, dropping it when it holds nothing."""
        if not after.tags and not after.note and not after.dismissed:
            return [(before, None)] if before is not None else []
        return [(before, self._signed(after))]

    def _signed(self, after: Annotation) -> Annotation:
        if not self.analyst or self.analyst in after.by:
            return after
        return replace(after, by=tuple(sorted({*after.by, self.analyst})))

    def toggle_tag(self, text: str, start: int, end: int, tag: str) -> bool:
        """Add ``tag`` to the span or take it off; True when the tag is now on.

        A tag the sentence shows from other annotations on it (:meth:`on_span`) is taken
        off all of them, in one step: what the reader shows is what the key changes.
        """
        if self.take_off(start, end, tag):
            return False
        before = self.at(start, end)
        base = before or self._new(text, start, end)
        if tag in base.tags:
            tags = tuple(t for t in base.tags if t != tag)
        else:
            tags = (*base.tags, tag)
        self._apply(self._put(before, replace(base, tags=tags)))
        return tag in tags

    def dismiss(self, text: str, start: int, end: int, tag: str) -> None:
        """Remember that ``tag`` was suggested on the span and rejected (one undoable
        step): it is never suggested there again."""
        before = self.at(start, end)
        base = before or self._new(text, start, end)
        if tag in base.dismissed:
            return
        self._apply(self._put(before, replace(base, dismissed=dismissed_form(
            base.dismissed, (tag,)))))

    def set_tags(self, text: str, start: int, end: int, tags: Iterable[str]) -> None:
        before = self.at(start, end)
        base = before or self._new(text, start, end)
        self._apply(self._put(before, replace(base, tags=tuple(dict.fromkeys(tags)))))

    def set_note(self, text: str, start: int, end: int, note: str) -> None:
        """Set the note on a span (an empty note on an untagged span removes it)."""
        before = self.at(start, end)
        base = before or self._new(text, start, end)
        if before is not None and before.note == note:
            return
        self._apply(self._put(before, replace(base, note=note)))

    def remove(self, ident: str) -> bool:
        before = self.items.get(ident)
        if before is None:
            return False
        self._apply([(before, None)])
        return True

    def update(self, annotation: Annotation) -> None:
        """Replace the annotation with the same id (e.g. a review the analyst accepted)."""
        before = self.items.get(annotation.id)
        if before != annotation:
            self._apply([(before, self._signed(annotation))])

    def replace_all(self, annotations: Iterable[Annotation], record: bool = True,
                    corrections: Corrections | None = None) -> None:
        """Swap the whole set (reload, merge, re-anchor) as one undoable step; with
        ``corrections``, the split/join fixes too."""
        new = {a.id: a for a in annotations}
        changes: list[Change] = [(old, None) for old in self.items.values()
                                 if new.get(old.id) != old]
        changes += [(None, a) for a in new.values()] if not self.items else [
            (None, a) for a in new.values() if self.items.get(a.id) != a]
        fixes = None if corrections is None else (self.corrections, corrections)
        self._apply(changes, record=record, fixes=fixes)

    def apply_step(self, changes: list[Change], corrections: Corrections) -> None:
        """Annotation changes and new fixes as one undoable step (a join or a split)."""
        self._apply(changes, fixes=(self.corrections, corrections))

    def touch(self) -> None:
        """Something saved with the tags changed (the document's metadata): save it."""
        self.revision += 1

    def new_annotation(self, text: str, start: int, end: int) -> Annotation:
        """An empty annotation on ``start:end`` with a fresh id (not added)."""
        return self._new(text, start, end)

    # -- history ---------------------------------------------------------------------

    def forget_history(self) -> None:
        """Drop undo and redo (after a change their steps no longer describe)."""
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> list[Change] | None:
        if not self._undo:
            return None
        changes, fixes = self._undo.pop()
        inverse = [(after, before) for before, after in reversed(changes)]
        self._apply(inverse, record=False,
                    fixes=None if fixes is None else (fixes[1], fixes[0]))
        self._redo.append((changes, fixes))
        return inverse

    def redo(self) -> list[Change] | None:
        if not self._redo:
            return None
        changes, fixes = self._redo.pop()
        self._apply(changes, record=False, fixes=fixes)
        self._undo.append((changes, fixes))
        return changes
