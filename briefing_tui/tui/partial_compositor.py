"""A screen that paints only the rows that changed, of only the widgets under them.

Textual 8.2's compositor answers a partial update by taking the bounding box of every
changed region and rendering *every row* of *every widget* that box touches. A ``j`` changes
two reader rows and the status line, so the box spans the whole width of the screen and
the documents pane, the annotations pane, the footer and five containers were rendered and
cut up on every key: two thirds of a move's frame. :class:`PartialCompositor` renders, for
each widget that a changed region overlaps, only the rows that region covers; the rows
written to the terminal are exactly the ones Textual would have written (the same spans,
cut at the same places, front widget first), so what the screen shows does not change.

Private API (pinned below 8.3 in pyproject): ``Compositor.render_partial_update``'s
``_dirty_regions``, ``cuts``, ``visible_widgets`` and ``_regions_to_spans``, and
``Screen._compositor``; ``tests/test_partial_compositor.py`` checks every frame of a
session against Textual's own rendering and fails if these names move.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


def _runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted rows as contiguous (first, end) runs."""
    runs: list[tuple[int, int]] = []
    for y in sorted(rows):
        if runs and runs[-1][1] == y:
            runs[-1] = (runs[-1][0], y + 1)
        else:
            runs.append((y, y + 1))
    return runs


def _uncovered(line: dict[int, Strip | None], cuts: list[int], first: int, last: int) -> bool:
    """Whether a widget spanning columns [first, last) shows on this line: some cut of its
    span is not yet taken by a widget in front (a container behind the reader is not)."""
    return any(line.get(cut) is None for cut in cuts if first <= cut < last)


class PartialCompositor(Compositor):
    """Textual's compositor, with partial updates limited to the changed rows."""

    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        updates = [r for r in (u.intersection(screen) for u in self._dirty_regions) if r]
        self._dirty_regions.clear()
        if not updates:
            return None
        spans = list(self._regions_to_spans(updates))
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            shown = region.intersection(clip)
            if not shown:
                continue
            first_cut, last_cut = shown.column_span
            rows: set[int] = set()
            for update in updates:
                overlap = shown.intersection(update)
                if overlap:
                    rows.update(y for y in overlap.line_range
                                if _uncovered(chops[y], cuts[y], first_cut, last_cut))
            for top, end in _runs(rows):
                strips = widget.render_lines(
                    Region(shown.x - region.x, top - region.y, shown.width, end - top))
                for y, strip in zip(range(top, end), strips):
                    line = chops[y]
                    final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                    pieces = strip.divide([cut - shown.x for cut in final_cuts[1:]])
                    for cut, piece in zip(final_cuts, pieces):
                        if line.get(cut) is None:  # the front widget's piece wins
                            line[cut] = piece
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])


class PartialScreen(Screen[object]):
    """A plain screen whose compositor is :class:`PartialCompositor`."""

    def __init__(self, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = PartialCompositor()
