"""How good the suggestions are on the analyst's own tags: k-fold cross-validation.

Like INCEpTION's self-evaluation: the tagged documents' sentences are split into folds;
each fold is scored by a suggester trained on the others. Per tag: precision and recall at
the suggestion threshold, precision of the top 20 and average precision of the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest.blend import weighted_ap
from briefing_tui.core.suggest.examples import Example
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.ranking import THRESHOLD, Suggester


@dataclass(frozen=True)
class TagScore:
    tag: str
    labels: int  # sentences with the tag among those evaluated
    precision: float
    recall: float
    p_at_20: float
    average_precision: float


def precision_at(ranked: Sequence[bool], n: int = 20) -> float:
    """The share of true pairs among the first ``n`` (or all, when fewer)."""
    top = ranked[:n]
    return sum(top) / len(top) if top else 0.0


def average_precision(ranked: Sequence[bool]) -> float:
    """Mean of the precision at each true pair's rank (0 when there is none)."""
    hits, total = 0, 0.0
    for rank, truth in enumerate(ranked, 1):
        if truth:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def tied_precision_at(scored: Sequence[tuple[float, bool]], n: int = 20) -> float:
    """:func:`precision_at` of ranking by score, equal scores in every order at once:
    the group the cut falls in counts by its share of truths. The rules give many
    sentences one score (two matched words, 0.75); which of them a sort put first
    was luck, worth up to several sentences of the top 20."""
    ranked = sorted((p for p in scored if p[0] > 0), key=lambda p: -p[0])
    if not ranked:
        return 0.0
    cut = min(n, len(ranked))
    taken, hits = 0, 0.0
    for _, group in groupby(ranked, key=lambda p: p[0]):
        items = [truth for _, truth in group]
        room = cut - taken
        if room <= 0:
            break
        take = min(room, len(items))
        hits += sum(items) * take / len(items)
        taken += take
    return hits / cut


def tag_score(tag: str, scored: Sequence[tuple[float, bool]],
              threshold: float = THRESHOLD) -> TagScore:
    """The figures for one tag from (score, truth) pairs, best score first; equal scores
    are not ordered by luck (:func:`tied_precision_at`, :func:`.blend.weighted_ap`)."""
    above = [(value, truth) for value, truth in scored if value > 0]
    positives = sum(1 for _, truth in scored if truth)
    ranked_positives = sum(1 for _, truth in above if truth)
    chosen = [truth for value, truth in scored if value >= threshold]
    true_chosen = sum(chosen)
    ap = weighted_ap([v for v, _ in above], [t for _, t in above], [1.0] * len(above))
    return TagScore(tag, positives, true_chosen / len(chosen) if chosen else 0.0,
                    true_chosen / positives if positives else 0.0,
                    tied_precision_at(scored), ap * (
                        ranked_positives / positives if positives else 0.0))


def cross_validate(examples: Sequence[Example], codebook: Codebook, *, folds: int = 5,
                   mode: str = "both", learner: str = "nb",
                   tags: Sequence[str] | None = None) -> list[TagScore]:
    """Per-tag figures over the sentences of tagged documents (``folds`` >= 2)."""
    pool = [example for example in examples if example.trains]
    rows = [features(example.text) for example in pool]
    probe = Suggester(codebook, mode=mode, learner=learner)
    probe.train(pool)
    wanted = list(tags) if tags else [t for t in probe.tags if probe.labels.get(t)]
    scored: dict[str, list[tuple[float, bool]]] = {tag: [] for tag in wanted}
    for fold in range(folds):
        suggester = Suggester(codebook, mode=mode, learner=learner)
        suggester.train(e for i, e in enumerate(pool) if i % folds != fold)
        for i in range(fold, len(pool), folds):
            for tag in wanted:
                value, _ = suggester.score(pool[i].text, tag, rows[i], explain=False)
                scored[tag].append((value, tag in pool[i].tags))
    return [tag_score(tag, scored[tag]) for tag in wanted]
