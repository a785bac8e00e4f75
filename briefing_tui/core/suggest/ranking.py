"""Score (sentence, tag) pairs from the codebook rules and the learner, and rank them.

Below :data:`MIN_LABELS` tagged sentences of a tag the model is not trusted: its
suggestions come from the rules alone and the reason says so. From there on the score is
a weighted mean of the model's and the rules' (``rule_weight``), measured in
benchmarks/bench_suggest.py to beat either alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest.examples import Example
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.learners import LEARNERS, Learner, NaiveBayes

MIN_LABELS = 20
THRESHOLD = 0.5  # a pair is suggested from this score on


@dataclass(frozen=True)
class Suggestion:
    document: str
    sentence: int
    start: int
    end: int
    tag: str
    score: float
    reason: str
    text: str


def rule_score(hits: int) -> float:
    """One matched rule is an even bet (0.5), each further one halves the doubt."""
    return 1.0 - 0.5 ** hits


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


class Suggester:
    """Rules for every codebook tag with patterns, a model for each tag with labels.

    ``mode`` is "both" (the default), "rules" or "model" (for the benchmark and --eval).
    """

    def __init__(self, codebook: Codebook, *, learner: str = "nb", mode: str = "both",
                 min_labels: int = MIN_LABELS, rule_weight: float = 0.4) -> None:
        self.codebook, self.learner, self.mode = codebook, learner, mode
        self.min_labels, self.rule_weight = min_labels, rule_weight
        self.models: dict[str, Learner] = {}
        self.labels: dict[str, int] = {}

    @property
    def tags(self) -> list[str]:
        """The codebook's tags, then any other tag the training saw."""
        return self.codebook.order([t.name for t in self.codebook] + list(self.labels))

    def train(self, examples: Iterable[Example]) -> int:
        """Fit one model per tag on the sentences of tagged documents; their number."""
        rows: list[set[str]] = []
        tagsets: list[frozenset[str]] = []
        for example in examples:
            if example.trains:
                rows.append(features(example.text))
                tagsets.append(example.tags)
        self.labels = {}
        for tags in tagsets:
            for tag in tags:
                self.labels[tag] = self.labels.get(tag, 0) + 1
        self.models = {}
        if self.mode == "rules":
            return len(rows)
        totals: Counter[str] = Counter()
        if self.learner == "nb":  # counted once for every tag
            for row in rows:
                totals.update(row)
        for tag, count in self.labels.items():
            if count >= self.min_labels:
                labels = [tag in tags for tags in tagsets]
                model: Learner = LEARNERS[self.learner]()
                if isinstance(model, NaiveBayes):
                    model.fit(rows, labels, totals)
                else:
                    model.fit(rows, labels)
                self.models[tag] = model
        return len(rows)

    def score(self, text: str, tag: str, row: set[str] | None = None, *,
              explain: bool = True) -> tuple[float, str]:
        """The score of ``tag`` for a sentence, and the one-line reason for it (without
        ``explain``, "": the model's top words cost a sort)."""
        entry = self.codebook.get(tag)
        hits = entry.patterns.matches(text) if entry and self.mode != "model" else []
        rules = rule_score(len(hits))
        model = self.models.get(tag)
        count = self.labels.get(tag, 0)
        if model is None:
            if self.mode == "model" or not hits:
                return 0.0, ""
            return rules, (f"rules only ({count} of {self.min_labels} labels): matched "
                           + _quoted(hits[:4]))
        row = features(text) if row is None else row
        learnt = model.score(row)
        top = model.top(row) if explain else []
        why = f"model ({count} labels)" + (f": {_quoted(top)}" if top else "")
        if self.mode == "model" or (entry and not entry.patterns):
            return learnt, why
        if hits:
            why += f"; rules: {_quoted(hits[:3])}"
        return (1 - self.rule_weight) * learnt + self.rule_weight * rules, why

    def suggest(self, examples: Iterable[Example], *, tags: Sequence[str] | None = None,
                threshold: float = THRESHOLD) -> list[Suggestion]:
        """Suggestions for sentences that lack the tag and never had it dismissed, best
        first (then in document order, so equal scores keep a stable order)."""
        wanted = list(tags) if tags else self.tags
        found: list[Suggestion] = []
        for example in examples:
            row = features(example.text) if self.models else None
            for tag in wanted:
                if tag in example.tags or tag in example.dismissed:
                    continue
                value, _ = self.score(example.text, tag, row, explain=False)
                if value >= threshold:
                    reason = self.score(example.text, tag, row)[1]
                    found.append(Suggestion(example.document, example.number, example.start,
                                            example.end, tag, round(value, 4), reason,
                                            example.text))
        found.sort(key=lambda s: -s.score)
        return found
