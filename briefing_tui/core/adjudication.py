"""Adjudication: two analysts' finished layers of a document, merged into the shared sidecar.

Each sentence either layer tagged is a row: the two tag sets, whether they agree, disagree
or only one analyst tagged it, and what the shared sidecar holds now. Rows where both
agree are pre-merged (the shared sidecar gets the agreed tags where it has none); the
adjudicator takes A, B, the union or neither on the others. Every choice is one
undoable change of the shared document's :class:`AnnotationSet`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from briefing_tui.core.agree_report import document_codings
from briefing_tui.core.agreement import Figures, figures_by_tag
from briefing_tui.core.annotations import AnnotationSet
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document
from briefing_tui.core.sidecar.layers import FINISHED, Layer


class Kind(str, Enum):
    AGREE = "agree"
    DISAGREE = "disagree"
    ONLY_ONE = "only one"


@dataclass(frozen=True)
class Row:
    sentence: int  # 0-based
    start: int
    end: int
    a: tuple[str, ...]
    b: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        if set(self.a) == set(self.b):
            return Kind.AGREE
        return Kind.DISAGREE if self.a and self.b else Kind.ONLY_ONE


class Choice(str, Enum):
    TAKE_A = "a"
    TAKE_B = "b"
    UNION = "union"
    NEITHER = "neither"


@dataclass
class Adjudication:
    """The rows of one document for analysts ``a`` and ``b``, and the figures of item 4."""

    document: Document
    a: str
    b: str
    rows: list[Row]
    figures: list[Figures]

    def current(self, row: Row) -> tuple[str, ...]:
        found = self.document.annotations.at(row.start, row.end)
        return found.tags if found is not None else ()

    def choose(self, row: Row, choice: Choice) -> None:
        tags = {Choice.TAKE_A: row.a, Choice.TAKE_B: row.b,
                Choice.UNION: tuple(dict.fromkeys((*row.a, *row.b))),
                Choice.NEITHER: ()}[choice]
        self.document.annotations.set_tags(self.document.text, row.start, row.end, tags)

    def premerge(self) -> int:
        """Give agreed rows their tags where the shared sidecar has none; one undo step."""
        agreed = [row for row in self.rows
                  if row.kind is Kind.AGREE and not self.current(row)]
        if not agreed:
            return 0
        notes = self.document.annotations
        scratch = AnnotationSet.of(notes.sorted())  # built apart: one step to undo
        scratch.analyst = notes.analyst
        for row in agreed:
            scratch.set_tags(self.document.text, row.start, row.end, row.a)
        notes.replace_all(scratch.sorted())
        return len(agreed)

    def next_disagreement(self, after: int) -> int | None:
        """The index of the next row (after ``after``, wrapping) that is not agreed."""
        count = len(self.rows)
        for step in range(1, count + 1):
            index = (after + step) % count
            if self.rows[index].kind is not Kind.AGREE:
                return index
        return None


def adjudication(document: Document, layers: list[Layer],
                 codebook: Codebook | None = None) -> Adjudication:
    """Rows for the first two finished ``layers`` (raises ValueError with fewer)."""
    finished = [layer for layer in layers if layer.status == FINISHED]
    if len(finished) < 2:
        names = ", ".join(f"{x.analyst} ({x.status or 'unreadable'})" for x in layers)
        raise ValueError("adjudication needs two finished layers"
                         + (f"; this document has {names}" if names else
                            "; this document has none"))
    pair = finished[:2]
    coded = document_codings(document, pair)
    a, b = pair[0].analyst, pair[1].analyst
    spans = [(s.start, s.end) for s in document.segmentation]
    order = (codebook or Codebook()).order
    rows = []
    for (_, i), tags_a in sorted(coded[a].items()):
        tags_b = coded[b][(0, i)]
        if tags_a or tags_b:
            rows.append(Row(i, *spans[i], tuple(order(tags_a)), tuple(order(tags_b))))
    seen = {t for units in coded.values() for tags in units.values() for t in tags}
    figures = figures_by_tag(order(seen), coded)
    return Adjudication(document, a, b, rows, figures)

