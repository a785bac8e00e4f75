"""The bench's analyst: labels gathered as the app gathers them (reading, then answering
the suggestion queue by the gold labels), beside random labels."""

from __future__ import annotations

import random

from benchmarks.bench_suggest_protocol import analyst_labels, random_labels
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest import Example
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS


def _pool() -> list[Example]:
    """Gold-labelled sentences where migration is rare and one of its words misleads."""
    texts = [(t, {"security"}) for t in ATTACKS] + [(t, {"diplomacy"}) for t in TALKS]
    texts += [(t, set()) for t in PLAIN * 3]
    texts += [(f"Families displaced by the floods in village {n} fled to a camp.",
               {"migration"}) for n in range(8)]
    texts += [(f"The refugee film festival opened in hall {n} on time.", set())
              for n in range(8)]
    random.Random(3).shuffle(texts)
    return [Example("d", i + 1, 0, len(t), t, frozenset(tags), frozenset(), True)
            for i, (t, tags) in enumerate(texts)]


def test_the_analyst_reads_then_answers_the_queue_by_the_gold_labels() -> None:
    pool = _pool()
    gold = {e.number: e for e in pool}
    labels = analyst_labels(pool, Codebook(), budget=60, per_round=10)
    read = [e for e in labels if e.trains and e.tags == gold[e.number].tags
            and e.number in {p.number for p in pool[:30]}]
    assert len(read) == 30  # half the budget: the first sentences read, tagged as gold says
    answered = [e for e in labels if e.number not in {p.number for p in pool[:30]}]
    assert answered, "the queue gave the analyst something to answer"
    for example in labels:
        assert example.tags <= gold[example.number].tags  # accepted only when right
        assert not example.dismissed & gold[example.number].tags  # rejected only when wrong
    accepted = sum(len(e.tags) for e in answered)
    rejected = sum(len(e.dismissed) for e in labels)
    assert accepted > 0 and rejected > 0
    assert 30 + accepted + rejected <= 60 and len(labels) <= 60  # each one decision
    # the queue brings the rare tag to the analyst: more of it than 60 random sentences
    rare = sum("migration" in e.tags for e in labels)
    assert rare > sum("migration" in e.tags for e in random_labels(pool, 60))
