"""The analyst's fixes to the sentence split: a cut where the splitter missed a boundary,
a join where it made a false one.

A fix is a *point*: the text offset where the second sentence starts, with up to 32
characters of context on each side, so it finds its place again when the document
changes, as annotations do (exact, moved, or orphan: kept, never applied, never
dropped). A split point lies inside a sentence, at a word start; a join point is the
start of a sentence whose predecessor in the same paragraph it joins. The two lists are
kept sorted, so the same fixes always give the same sidecar bytes, and they merge as
sets (:func:`merge_points`).

Fixes apply inside a paragraph only: a paragraph is the document's own unit (a blank
line), and joining across one would change paragraph numbers in every later citation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

CONTEXT = 32
ORPHAN = "orphan"


@dataclass(frozen=True, order=True)
class Point:
    """Where a fix applies: ``at`` is a code-point offset; ``anchor`` is "" or orphan."""

    at: int
    before: str = ""
    after: str = ""
    anchor: str = ""

    @property
    def placed(self) -> bool:
        return self.anchor != ORPHAN


def point_at(text: str, at: int) -> Point:
    return Point(at, text[max(0, at - CONTEXT):at], text[at:at + CONTEXT])


@dataclass(frozen=True)
class Corrections:
    """All fixes of one document (immutable: a change is a new value, easy to undo)."""

    splits: tuple[Point, ...] = ()
    joins: tuple[Point, ...] = ()
    #: Entries of a sidecar that could not be read, kept verbatim: (key, raw entry).
    rejected: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __bool__(self) -> bool:
        return bool(self.splits or self.joins or self.rejected)

    @cached_property
    def split_offsets(self) -> tuple[int, ...]:
        return tuple(sorted({p.at for p in self.splits if p.placed}))

    @cached_property
    def join_offsets(self) -> frozenset[int]:
        return frozenset(p.at for p in self.joins if p.placed)

    def with_split(self, text: str, at: int) -> Corrections:
        """Cut at ``at``; undoes a join there instead of adding a split."""
        if at in self.join_offsets:
            return replace(self, joins=tuple(p for p in self.joins if p.at != at))
        return replace(self, splits=_sorted((*self.splits, point_at(text, at))))

    def with_join(self, text: str, at: int) -> Corrections:
        """Join the sentence starting at ``at`` to the one before; undoes a split there."""
        if at in self.split_offsets:
            return replace(self, splits=tuple(p for p in self.splits if p.at != at))
        return replace(self, joins=_sorted((*self.joins, point_at(text, at))))


def _sorted(points: Iterable[Point]) -> tuple[Point, ...]:
    return tuple(sorted(set(points)))


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def correct_spans(text: str, spans: list[tuple[int, int]], fixes: Corrections,
                  ) -> list[tuple[int, int]]:
    """One paragraph's sentence spans with the fixes applied (joins, then cuts)."""
    joins, cuts = fixes.join_offsets, fixes.split_offsets
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a in joins:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    if not cuts:
        return out
    result: list[tuple[int, int]] = []
    for a, b in out:
        for at in cuts[bisect_right(cuts, a):bisect_left(cuts, b)]:
            if text[at - 1:at].isspace() and not text[at].isspace():
                end = _trim_end(text, a, at)
                if end > a:
                    result.append((a, end))
                    a = at
        result.append((a, b))
    return result


def split_candidates(text: str, start: int, end: int) -> list[int]:
    """Where a sentence may be cut: every word start after its first word."""
    return [i for i in range(start + 1, end)
            if text[i - 1].isspace() and not text[i].isspace()]


# -- the document changed: put the points back ---------------------------------------------


def _place(point: Point, text: str) -> Point:
    at, before, after = point.at, point.before, point.after
    if text[max(0, at - len(before)):at] == before and text[at:at + len(after)] == after \
            and at <= len(text):
        return replace(point, anchor="")
    needle = before + after
    if not needle.strip():
        return replace(point, anchor=ORPHAN)
    best: int | None = None
    found = text.find(needle)
    while found != -1:
        candidate = found + len(before)
        if best is None or abs(candidate - at) < abs(best - at):
            best = candidate
        found = text.find(needle, found + 1)
    if best is None:
        return replace(point, anchor=ORPHAN)
    return Point(best, before, after)


def reanchor_corrections(fixes: Corrections, text: str) -> Corrections:
    """The fixes placed on a changed text: exact, moved (context found), or orphan."""
    if not fixes.splits and not fixes.joins:
        return fixes
    return replace(fixes, splits=_sorted(_place(p, text) for p in fixes.splits),
                   joins=_sorted(_place(p, text) for p in fixes.joins))


# -- three-way merge -------------------------------------------------------------------------


def _merge_set(base: Iterable[Point], mine: Iterable[Point],
               theirs: Iterable[Point]) -> tuple[Point, ...]:
    b, m, t = set(base), set(mine), set(theirs)

    def kept(p: Point) -> bool:
        in_b, in_m, in_t = p in b, p in m, p in t
        return in_m if in_m == in_t or in_t == in_b else in_t

    return _sorted(p for p in m | t | b if kept(p))


def merge_corrections(base: Corrections, mine: Corrections,
                      theirs: Corrections) -> Corrections:
    """Set merge per list: a fix added on one side is kept, one removed on one side
    (and left alone on the other) goes; the same point split on one side and joined on
    the other keeps both lists' entries (a join undoes no split it did not see)."""
    rejected = list(mine.rejected)
    rejected += [entry for entry in theirs.rejected if entry not in rejected]
    return Corrections(_merge_set(base.splits, mine.splits, theirs.splits),
                       _merge_set(base.joins, mine.joins, theirs.joins), tuple(rejected))
