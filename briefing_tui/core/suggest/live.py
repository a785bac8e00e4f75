"""Suggestions for the reader: per sentence of one open document, the tags worth a look.

A :class:`DocumentSuggestions` holds, for each sentence start, every tag whose score
reaches the threshold -- scored once per model and document text, whatever is tagged now.
What is *shown* is filtered on the fly against the sentence's live tags and dismissals
(:meth:`DocumentSuggestions.open_on`), so a key press never waits for a rescoring: a tag
just accepted or rejected stops being suggested at once, and a retrained model replaces
the whole object when it is ready.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from briefing_tui.core.annotations import AnnotationSet
from briefing_tui.core.document import Document
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.gate import Gate
from briefing_tui.core.suggest.ranking import THRESHOLD, Suggester
from briefing_tui.core.suggest.rules import HitCache, Hits, rule_score


@dataclass(frozen=True, slots=True)
class Candidate:
    """A tag worth suggesting on a sentence; its reason is worked out when shown (the
    status line, the queue), not for every sentence of every document."""

    tag: str
    score: float
    explain: Callable[[], str] = field(compare=False, repr=False)

    @property
    def reason(self) -> str:
        return self.explain()


class DocumentSuggestions:
    """The candidates of one document's sentences, best first per sentence."""

    def __init__(self, by_start: dict[int, tuple[Candidate, ...]], sha256: str = "") -> None:
        self.by_start = by_start
        self.sha256 = sha256  # the text they were scored on
        self.starts = sorted(by_start)

    def __len__(self) -> int:
        return len(self.by_start)

    def open_on(self, annotations: AnnotationSet, start: int, end: int) -> list[Candidate]:
        """The candidates of the sentence at ``start:end`` that are neither on it nor
        dismissed there."""
        found = self.by_start.get(start)
        if not found:
            return []
        on = annotations.on_span(start, end)
        taken = {t for a in on for t in (*a.tags, *a.dismissed)}
        return [c for c in found if c.tag not in taken]


def candidates(suggester: Suggester, text: str, tags: Sequence[str],
               threshold: float = THRESHOLD, hits: Hits | None = None,
               learnt: dict[str, float] | None = None) -> tuple[Candidate, ...]:
    """Every tag of ``tags`` whose score reaches ``threshold``, best first, with reasons
    (``hits``: the sentence's rule hits; ``learnt``: its model scores, when known)."""
    if learnt is None:
        learnt = suggester.model_scores(features(text)) if suggester.models else {}
    matched = suggester.all_hits(text) if hits is None else hits
    found: list[Candidate] = []
    none: list[str] = []
    for tag in tags:
        model = learnt.get(tag)
        on = matched.get(tag, none)
        value = suggester.blend(tag, model, rule_score(len(on)) if on else 0.0)
        if value >= threshold:  # a partial of a module function: no closure per pair
            found.append(Candidate(tag, round(value, 4),
                                   partial(_reason, suggester, text, tag, model, on)))
    found.sort(key=lambda c: -c.score)
    return tuple(found)


def _reason(suggester: Suggester, text: str, tag: str, learnt: float | None,
            hits: list[str]) -> str:
    return suggester.score(text, tag, hits=hits, learnt=learnt)[1]


class ScoringStopped(Exception):
    """A newer retrain was asked for: this one's scores would be thrown away."""


#: How many sentences are scored between two looks at ``stop`` (a 10 MB briefing has
#: ~136k sentences and takes seconds; a stale retrain should not run to the end).
STOP_EVERY = 1024


def score_sentences(suggester: Suggester, text: str, starts: Sequence[int],
                    ends: Sequence[int], sha256: str = "",
                    tags: Iterable[str] | None = None,
                    cache: HitCache | None = None,
                    stop: Callable[[], bool] | None = None) -> DocumentSuggestions:
    """Score every sentence ``text[starts[i]:ends[i]]`` (plain values: run it off the UI
    thread on a snapshot of the document). ``cache`` keeps the rule hits of the text
    from one retrain to the next. ``stop`` is asked every :data:`STOP_EVERY` sentences;
    when it says yes, :class:`ScoringStopped` is raised."""
    wanted = list(tags) if tags is not None else suggester.tags
    kept = (cache or HitCache()).of(suggester.rules, sha256, text, starts, ends) \
        if suggester.mode != "model" else {}
    by_start: dict[int, tuple[Candidate, ...]] = {}
    none: Hits = {}
    gate = Gate(suggester, wanted, THRESHOLD)
    joint = gate.joint
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if stop is not None and number % STOP_EVERY == 0 and stop():
            raise ScoringStopped
        sentence, hits = text[start:end], kept.get(start, none)
        learnt: dict[str, float] = {}
        if joint is not None:
            sums = joint.sums(features(sentence))
            if not gate.may(sums, hits):
                continue
            learnt = joint.scores((), sums)
        elif not gate.may((), hits):
            continue
        found = candidates(suggester, sentence, wanted, hits=hits, learnt=learnt)
        if found:
            by_start[start] = found
    return DocumentSuggestions(by_start, sha256)


def score_document(suggester: Suggester, document: Document,
                   tags: Iterable[str] | None = None) -> DocumentSuggestions:
    """Score every sentence of ``document`` (on the thread that owns it)."""
    split = document.segmentation
    return score_sentences(suggester, document.text, split.starts, split.ends,
                           document.loaded.sha256, tags)
