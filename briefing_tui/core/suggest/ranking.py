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
from briefing_tui.core.suggest.learners import LEARNERS, Joint, Learner, NaiveBayes
from briefing_tui.core.suggest.rules import Hits, RuleScan

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
        self._joint: Joint | None = None  # built on first use, after training
        self.rules = RuleScan.of(codebook)
        self._ruleless = {t.name for t in codebook if not t.patterns}  # the model alone

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
        self._joint = None
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
        self._joint = None
        return len(rows)

    def hits(self, text: str, tag: str) -> list[str]:
        """The tag's rules that match the sentence (none in "model" mode)."""
        return self.all_hits(text).get(tag, [])

    def all_hits(self, text: str) -> Hits:
        """Every tag's rules that match the sentence, in one scan (none in "model" mode)."""
        return self.rules.hits(text) if self.mode != "model" else {}

    def score(self, text: str, tag: str, row: set[str] | None = None, *,
              explain: bool = True, hits: list[str] | None = None,
              threshold: float = 0.0, learnt: float | None = None) -> tuple[float, str]:
        """The score of ``tag`` for a sentence, and the one-line reason for it (without
        ``explain``, or below ``threshold``, "": the model's top words cost a sort).
        ``hits`` (from :meth:`hits`) and ``learnt`` (from :meth:`model_scores`) save
        matching the rules and scoring the model again."""
        if hits is None:
            hits = self.hits(text, tag)
        rules = rule_score(len(hits))
        model = self.models.get(tag)
        count = self.labels.get(tag, 0)
        if model is None:
            if self.mode == "model" or not hits:
                return 0.0, ""
            return rules, (f"rules only ({count} of {self.min_labels} labels): matched "
                           + _quoted(hits[:4]))
        row = features(text) if row is None else row
        if learnt is None:
            learnt = model.score(row)
        alone = self.mode == "model" or tag in self._ruleless
        value = learnt if alone else (1 - self.rule_weight) * learnt + self.rule_weight * rules
        if not explain or value < threshold:
            return value, ""
        top = model.top(row)
        why = f"model ({count} labels)" + (f": {_quoted(top)}" if top else "")
        if hits and not alone:
            why += f"; rules: {_quoted(hits[:3])}"
        return value, why

    def model_scores(self, row: set[str]) -> dict[str, float]:
        """Every trained tag's model score for a sentence, in one pass over its features."""
        if not self.models:
            return {}
        if self._joint is None:
            self._joint = Joint(self.models)
        return self._joint.scores(row)

    def suggest(self, examples: Iterable[Example], *, tags: Sequence[str] | None = None,
                threshold: float = THRESHOLD, limit: int | None = None) -> list[Suggestion]:
        """Suggestions for sentences that lack the tag and never had it dismissed, best
        first (then in document order, so equal scores keep a stable order); the first
        ``limit`` only. Reasons are worked out for those returned, not for every pair."""
        wanted = list(tags) if tags else self.tags
        found: list[tuple[float, Example, str, float | None, list[str], set[str] | None]] = []
        for example in examples:
            row = features(example.text) if self.models else None
            learnt = self.model_scores(row) if row is not None else {}
            matched = self.all_hits(example.text)
            for tag in wanted:
                if tag in example.tags or tag in example.dismissed:
                    continue
                hits = matched.get(tag, [])
                value, _ = self.score(example.text, tag, row, explain=False, hits=hits,
                                      learnt=learnt.get(tag))
                if value >= threshold:
                    found.append((round(value, 4), example, tag, learnt.get(tag), hits, row))
        found.sort(key=lambda f: -f[0])
        return [Suggestion(e.document, e.number, e.start, e.end, tag, value,
                           self.score(e.text, tag, row, hits=hits, learnt=model)[1], e.text)
                for value, e, tag, model, hits, row in found[:limit]]
