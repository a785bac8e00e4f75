"""Put annotations back on a document that changed since they were made (docs/ARCHITECTURE.md).

Each annotation gets the strongest placement the new text supports, cheapest test first
(the searching is in :mod:`briefing_tui.core.anchor_search`):

- **exact**: the stored span still holds the quote. O(1) per annotation; when every
  annotation is exact nothing else runs, not even sentence splitting.
- **moved**: the quote occurs elsewhere, verbatim or with other whitespace (a re-wrapped
  line); ``text`` becomes the real slice. Among several occurrences the stored
  prefix/suffix decide, then closeness to the expected place: the old start plus the
  shift of the nearest annotation before it already re-anchored. (A length-ratio guess
  would need the old text's length, which the sidecar does not keep; a neighbour's shift
  is exact for edits made elsewhere.)
- **review**: a sentence is similar (``difflib`` ratio >= REVIEW_RATIO on whitespace-
  normalised text), looked for near the expected places (the median shifts of the placed
  neighbours before and after), else wherever a distinctive key leads. The annotation
  moves onto that sentence, ``text`` becomes it, and the old quote is kept in ``extra``
  as ``previous_text`` for the analyst to compare. Review is sticky: it stays until the
  analyst accepts it (:func:`accept_review`) or the old quote comes back.
- **orphan**: nothing found. Kept as it was, offsets clamped to the text, never dropped.

**One span, one annotation** (``AnnotationSet.at`` relies on it). Spans are claimed in
order of certainty, exact, moved, review, and each stage only considers spans still
free. Within a stage the better-anchored claim keeps a contested span (more context
agreement for moved; higher ratio plus context for review; then closeness, then document
order). A moved claim beaten to its span takes its next free verbatim occurrence, still
MOVED: the outcome is then the same whether or not its first choice was contested, and
repeated sentences that each keep their quote all stay anchored. Any other loser (two
input annotations on one span, two fuzzy matches on one sentence) becomes REVIEW at its
best free candidate, or ORPHAN. Orphans claim nothing (they are never "at" a span).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from briefing_tui.core.anchor_search import REVIEW_RATIO, Finder, Place, Span
from briefing_tui.core.annotations import Anchor, Annotation, quote_at
from briefing_tui.core.segment import Segmentation
from briefing_tui.core.word_diff import word_diff

__all__ = ["PREVIOUS_TEXT", "REVIEW_RATIO", "AnchorReport", "accept_review",
           "previous_text", "reanchor"]

#: The ``extra`` key holding the quote an annotation had before it was moved for review.
PREVIOUS_TEXT = "previous_text"
#: How many placed neighbours on each side vote (by median) on an annotation's shift.
NEIGHBOURS = 3


@dataclass(frozen=True)
class AnchorReport:
    """Counts per anchor and one line per annotation that is not exact."""

    exact: int
    moved: int
    review: int
    orphan: int
    details: list[str]

    @property
    def needs_attention(self) -> bool:
        return self.review > 0 or self.orphan > 0


def previous_text(annotation: Annotation) -> str | None:
    """The quote the annotation had before a fuzzy re-anchoring, if any."""
    for key, value in annotation.extra:
        if key == PREVIOUS_TEXT and isinstance(value, str):
            return value
    return None


def accept_review(annotation: Annotation) -> Annotation:
    """The analyst confirmed a reviewed annotation: it is exact where it now is."""
    extra = tuple((k, v) for k, v in annotation.extra if k != PREVIOUS_TEXT)
    return replace(annotation, anchor=Anchor.EXACT, extra=extra)


def _awaits_review(a: Annotation) -> bool:
    return a.anchor is Anchor.REVIEW or previous_text(a) is not None


def _show(quote: str, width: int = 32) -> str:
    flat = " ".join(quote.split())
    return repr(flat if len(flat) <= width else flat[:width - 1].rstrip() + "…")


def _order(a: Annotation) -> tuple[object, ...]:
    """Document order, then every field: the input's order never changes the output."""
    return (a.start, a.end, a.id, a.text, a.prefix, a.suffix, a.tags, a.note,
            Anchor(a.anchor).value, repr(a.extra))


def _moved(a: Annotation, text: str, place: Place) -> Annotation:
    quote, prefix, suffix = quote_at(text, place.start, place.end)
    original = previous_text(a) if place.restored else a.text
    same = (place.start, place.end) == (a.start, a.end) and quote == original
    extra = tuple((k, v) for k, v in a.extra if k != PREVIOUS_TEXT)
    return replace(a, start=place.start, end=place.end, text=quote, prefix=prefix,
                   suffix=suffix, anchor=Anchor.EXACT if same else Anchor.MOVED, extra=extra)


def _review(a: Annotation, text: str, place: Place) -> Annotation:
    quote, prefix, suffix = quote_at(text, place.start, place.end)
    original = previous_text(a) or a.text
    extra = tuple((k, v) for k, v in a.extra if k != PREVIOUS_TEXT)
    if quote != original:
        extra = (*extra, (PREVIOUS_TEXT, original))
    return replace(a, start=place.start, end=place.end, text=quote, prefix=prefix,
                   suffix=suffix, anchor=Anchor.REVIEW, extra=extra)


def _orphan(a: Annotation, length: int) -> Annotation:
    start = min(max(a.start, 0), length)
    return replace(a, start=start, end=min(max(a.end, start), length), anchor=Anchor.ORPHAN)


def _quotes(a: Annotation) -> list[tuple[str, bool]]:
    """What to look for: the quote from before a review first (its return undoes it)."""
    old = previous_text(a)
    return [(old, True), (a.text, False)] if old is not None else [(a.text, False)]


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


def _expected(items: list[Annotation], shifts: list[int | None]) -> list[tuple[int, ...]]:
    """Where each annotation should be now: its old start moved by the median shift of
    its nearest placed neighbours before it, and by that of those after it. Two guesses
    and medians, so one neighbour cut and pasted far away cannot mislead the search."""
    def medians(order: range) -> dict[int, int]:
        seen: list[int] = []
        out = {}
        for i in order:
            if seen:
                out[i] = _median(seen[-NEIGHBOURS:])
            if shifts[i] is not None:
                seen.append(shifts[i] or 0)
        return out

    before = medians(range(len(items)))
    after = medians(range(len(items) - 1, -1, -1))
    return [tuple(sorted({a.start + side[i] for side in (before, after) if i in side}))
            or (a.start,) for i, a in enumerate(items)]


class _Run:
    """One re-anchoring: the placed annotations, claimed spans and report lines."""

    def __init__(self, items: list[Annotation], text: str, finder: Finder) -> None:
        self.items, self.text, self.finder = items, text, finder
        self.out: list[Annotation | None] = [None] * len(items)
        self.notes = [""] * len(items)
        self.shifts: list[int | None] = [None] * len(items)
        self.taken: dict[Span, int] = {}  # claimed span -> index of its annotation
        self.lost: dict[int, Span] = {}  # index -> a span it wanted that another holds
        self.losers: list[int] = []  # beaten to their span: REVIEW elsewhere or ORPHAN

    def place_exact(self) -> list[int]:
        """Keep every annotation whose span still holds its quote; return the others."""
        text, length, pending = self.text, len(self.text), []
        for i, a in enumerate(self.items):
            span = (a.start, a.end)
            if not (0 <= a.start <= a.end <= length and text[a.start:a.end] == a.text):
                pending.append(i)
            elif span in self.taken:  # two on one span in the input: the first keeps it
                self.lost[i] = span
                self.losers.append(i)
            else:
                self.taken[span], self.shifts[i] = i, 0
                anchor = Anchor.REVIEW if _awaits_review(a) else Anchor.EXACT
                self.out[i] = a if a.anchor is anchor else replace(a, anchor=anchor)
                if anchor is Anchor.REVIEW:
                    self.notes[i] = f"review: {_show(a.text)} at {a.start} is not confirmed yet"
        return pending

    def place_moved(self, pending: list[int]) -> list[int]:
        """Find each quote verbatim elsewhere; return the annotations it was not found for.

        Occurrences go to the claims with the best evidence first; a claim beaten to its
        span tries its next free occurrence (still verbatim, so still MOVED). The result
        is then the same whether or not the first choice happened to be contested.
        """
        todo, claims, gone, expect = set(pending), [], [], {}
        shift = 0
        for i, a in enumerate(self.items):
            if self.shifts[i] is not None:
                shift = self.shifts[i] or 0
            if i not in todo:
                continue
            expect[i] = a.start + shift
            place = self._verbatim(i, expect[i])
            if place is None:
                gone.append(i)
            else:
                claims.append((i, place))
                shift = self.shifts[i] = place.start - a.start
        while claims:
            beaten, claims = self._claim(claims), []
            for i in beaten:
                place = self._verbatim(i, expect[i])
                if place is None:
                    gone.append(i)
                else:
                    claims.append((i, place))
        return sorted(gone)

    def place_similar(self, gone: list[int], expected: list[tuple[int, ...]]) -> None:
        """Fuzzy-match what was not found verbatim; orphan what matches nothing."""
        claims = []
        for i in gone:
            place = self.finder.similar(self.items[i], expected[i], self.taken)
            if place is None:
                self._orphan(i)
            else:
                claims.append((i, place))
        self.losers += self._claim(claims)

    def place_losers(self, expected: list[tuple[int, ...]]) -> None:
        """Annotations beaten to their span: REVIEW at the best free candidate, or ORPHAN."""
        for i in sorted(self.losers):
            a = self.items[i]
            place = self._verbatim(i, expected[i][0]) or self.finder.similar(
                a, expected[i], self.taken)
            if place is None:
                self._orphan(i)
                continue
            lost = self.lost[i]
            self.taken[place.start, place.end] = i
            self.out[i] = _review(a, self.text, place)
            self.notes[i] = (f"review: {_show(a.text)} from {a.start} to {place.start}: "
                             f"its match at {lost[0]} went to {self._owner(lost)}")

    def _verbatim(self, i: int, expected: int) -> Place | None:
        a = self.items[i]
        for quote, restored in _quotes(a):
            place = self.finder.moved(a, quote, expected, self.taken)
            if place is not None:
                return replace(place, restored=restored)
        return None

    def _claim(self, claims: list[tuple[int, Place]]) -> list[int]:
        """Give each span to its best-ranked claim; return the indices beaten to theirs."""
        beaten = []
        for i, place in sorted(claims, key=lambda claim: (claim[1].rank, claim[0])):
            span = (place.start, place.end)
            if span in self.taken:
                self.lost[i] = span
                beaten.append(i)
                continue
            self.taken[span] = i
            a = self.items[i]
            old = f"from {a.start} to {place.start}"
            if place.ratio is not None:
                self.out[i] = new = _review(a, self.text, place)
                similar = f"{int(place.ratio * 100)}% similar"
                self.notes[i] = (f"review: {_show(a.text)} {old}, {similar}: "
                                 f"{word_diff(a.text, new.text)}")
            elif _awaits_review(a) and not place.restored:
                self.out[i] = _review(a, self.text, place)
                self.notes[i] = f"review: {_show(a.text)} {old} is not confirmed yet"
            else:
                self.out[i] = new = _moved(a, self.text, place)
                how = " (original text restored)" if place.restored else (
                    " (whitespace changed)" if new.text != a.text else "")
                self.notes[i] = f"moved: {_show(new.text)} {old}{how}"
        return beaten

    def _owner(self, span: Span) -> str:
        return self.items[self.taken[span]].id

    def _orphan(self, i: int) -> None:
        a, lost = self.items[i], self.lost.get(i)
        why = "text not found" if lost is None else (
            f"its match at {lost[0]} went to {self._owner(lost)}; nothing else matches")
        self.out[i] = _orphan(a, len(self.text))
        self.notes[i] = f"orphan: {_show(a.text)} ({why})"

    def result(self) -> tuple[list[Annotation], AnchorReport]:
        placed = [(a, note) for a, note in zip(self.out, self.notes, strict=True)
                  if a is not None]
        placed.sort(key=lambda pair: pair[0].sort_key())
        counts = dict.fromkeys(Anchor, 0)
        for a, _ in placed:
            counts[a.anchor] += 1
        details = [note for a, note in placed if a.anchor is not Anchor.EXACT and note]
        report = AnchorReport(counts[Anchor.EXACT], counts[Anchor.MOVED],
                              counts[Anchor.REVIEW], counts[Anchor.ORPHAN], details)
        return [a for a, _ in placed], report


def reanchor(annotations: Iterable[Annotation], text: str,
             segmentation: Segmentation | None = None) -> tuple[list[Annotation], AnchorReport]:
    """Re-anchor ``annotations`` on ``text``; none is dropped, output in document order.

    ``segmentation`` (of ``text``) saves splitting it again; it is only used when some
    quote is not found verbatim. Deterministic: the same input gives the same output.
    """
    items = sorted(annotations, key=_order)
    finder = Finder(text, segmentation)
    run = _Run(items, text, finder)
    pending = run.place_exact()
    if pending or run.losers:
        searched = [items[i] for i in sorted({*pending, *run.losers})]
        finder.expect([quote for a in searched for quote, _ in _quotes(a)],
                      [context for a in searched for context in (a.prefix, a.suffix)])
        gone = run.place_moved(pending)
        expected = _expected(items, run.shifts)
        run.place_similar(gone, expected)
        run.place_losers(expected)
    return run.result()
