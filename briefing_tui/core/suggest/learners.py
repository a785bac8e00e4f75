"""Two pure-Python binary learners on word/bigram sets; chosen on bench_suggest figures.

:class:`NaiveBayes` (Bernoulli-style counts, one pass) and :class:`Logistic` (logistic
regression by a few epochs of SGD with L2). Both give a probability-like score in 0..1
and the features that pushed it up most, for the reason shown to the analyst.

Naive Bayes is the default, chosen on the train half alone (``choose`` in bench_suggest:
N labelled, the rest of the half ranked, three shuffles): with the rules it is at or
above the rules' P@20 for security from 100 labels on (0.92-0.93 vs 0.88-0.92) and its
AP is above theirs everywhere; logistic regression ranks diplomacy a little better
(P@20 0.80 vs 0.72 at 200 labels) but costs five times the CPU per retrain and over 2 s
on 5,000 sentences. Its over-confidence is mended by the calibration, not the learner.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import add, sub
from typing import Protocol


class Learner(Protocol):
    weights: dict[str, float]
    bias: float
    scale: float  # score = sigmoid(bias + scale * sum of the row's weights)

    def fit(self, rows: Sequence[set[str]], labels: Sequence[bool]) -> None: ...
    def score(self, row: set[str]) -> float: ...
    def top(self, row: set[str], n: int = 3) -> list[str]: ...


Absent = tuple[list[str], list[float]]  # NaiveBayes.absent: features, log(count + alpha)


def sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


class Joint:
    """Every tag's model in one table: feature -> the weights of all tags, so that one
    pass over a sentence's features scores every tag (a dict lookup per feature, not per
    feature and tag: measured in benchmarks/bench_suggest.py)."""

    def __init__(self, models: dict[str, Learner]) -> None:
        self.tags = list(models)
        learners = list(models.values())
        self.biases = [m.bias for m in learners]
        self.scales = [m.scale for m in learners]
        width = len(learners)
        named = [list(m.weights) for m in learners]
        if named and all(keys == named[0] for keys in named[1:]):
            # naive Bayes weighs every counted feature for every tag, in one order: the
            # table in C (a Python loop over ~60k features per tag was a quarter second
            # of each retrain)
            self.table = dict(zip(named[0], zip(*(m.weights.values() for m in learners),
                                                strict=True), strict=True))
            return
        table: dict[str, list[float]] = {}
        for i, model in enumerate(learners):
            for feature, weight in model.weights.items():
                slot = table.get(feature)
                if slot is None:
                    slot = table[feature] = [0.0] * width
                slot[i] = weight
        self.table = {f: tuple(w) for f, w in table.items()}

    def sums(self, row: Iterable[str]) -> list[float]:
        """Each tag's sum of the row's weights, in :attr:`tags` order."""
        found = list(filter(None, map(self.table.get, row)))  # in C: no per-feature loop
        return list(map(sum, zip(*found, strict=True))) if found else [0.0] * len(self.tags)

    def scores(self, row: Iterable[str], sums: list[float] | None = None
               ) -> dict[str, float]:
        """Each tag's model score (``sums``: the row's :meth:`sums`, when known)."""
        return {tag: sigmoid(bias + scale * total) for tag, bias, scale, total
                in zip(self.tags, self.biases, self.scales,
                       self.sums(row) if sums is None else sums, strict=True)}


class _Explained:
    """The reason's top words: the row's features that pushed the score up most."""

    weights: dict[str, float]
    _up: dict[str, float] | None = None  # -weight of each feature with weight > 0

    def top(self, row: set[str], n: int = 3) -> list[str]:
        """The ``n`` features that pushed the score up most (ties: alphabetical, stable).
        The filter and the sort run in C, not a loop per feature (bench_suggest's
        16,000 reasons)."""
        up = self._up
        if up is None:
            up = self._up = {f: -w for f, w in self.weights.items() if w > 0}
        found = list(filter(up.__contains__, row))
        return [f for _, f in sorted(zip(map(up.__getitem__, found), found))[:n]]


class NaiveBayes(_Explained):
    """Log-odds of each present feature, smoothed; the prior is left out on purpose so a
    rare tag is not pushed to zero (we rank, we do not classify)."""

    def __init__(self, alpha: float = 0.5, min_count: int = 1) -> None:
        self.alpha, self.min_count = alpha, min_count
        self.weights: dict[str, float] = {}
        self.bias = 0.0
        self.scale = 0.5

    def absent(self, totals: Counter[str]) -> Absent:
        """Each counted feature and ``log(count + alpha)``: the weight of a feature no
        positive row has, but for a per-tag constant, shared by every tag's fit."""
        named = [f for f, t in totals.items() if t >= self.min_count] \
            if self.min_count > 1 else list(totals)
        logs = list(map(math.log, map(add, map(totals.__getitem__, named),
                                      repeat(self.alpha))))
        return named, logs

    def fit(self, rows: Sequence[set[str]], labels: Sequence[bool],
            totals: Counter[str] | None = None, absent: Absent | None = None) -> None:
        """``totals`` (each feature's count over all ``rows``) and its :meth:`absent`
        may be shared between tags: then only the positive rows are counted here."""
        if totals is None:
            totals = Counter()
            for row in rows:
                totals.update(row)
        named, logs = absent if absent is not None else self.absent(totals)
        pos = Counter[str]()
        for row, label in zip(rows, labels, strict=True):
            if label:
                pos.update(row)
        n_pos = sum(1 for label in labels if label)
        n_neg = len(labels) - n_pos
        a = self.alpha
        log = math.log
        # log((p + a) / (n_pos + 2a)) - log((q + a) / (n_neg + 2a)): for the features
        # no positive row has (p = 0, most of them) a constant minus the shared log, in
        # C through map; a Python loop over ~60k features per tag and fit was most of a
        # retrain once the calibration fitted three more models (bench_suggest)
        shift = log(n_neg + 2 * a) - log(n_pos + 2 * a)
        weights = dict(zip(named, map(sub, repeat(log(a) + shift), logs), strict=True))
        for feature, p in pos.items():
            if feature in weights:
                weights[feature] = log(p + a) - log(totals[feature] - p + a) + shift
        self.weights, self._up = weights, None
        self.bias, self.scale = -2.0, 0.5

    def score(self, row: set[str]) -> float:
        # map() over dict.get runs in C: 3x the generator's speed (bench_suggest)
        return sigmoid(self.bias + self.scale * sum(map(self.weights.get, row, repeat(0.0))))


class Logistic(_Explained):
    """Logistic regression, SGD over shuffled rows with positives re-weighted to balance."""

    def __init__(self, epochs: int = 6, rate: float = 0.3, l2: float = 1e-4,
                 seed: int = 7) -> None:
        self.epochs, self.rate, self.l2, self.seed = epochs, rate, l2, seed
        self.weights: dict[str, float] = {}
        self.bias = 0.0
        self.scale = 1.0

    def fit(self, rows: Sequence[set[str]], labels: Sequence[bool]) -> None:
        w: dict[str, float] = {}
        bias = 0.0
        n_pos = max(1, sum(1 for label in labels if label))
        boost = max(1.0, (len(labels) - n_pos) / n_pos)
        order = list(range(len(rows)))
        rng = random.Random(self.seed)
        decay = 1.0 - self.rate * self.l2
        for epoch in range(self.epochs):
            rng.shuffle(order)
            rate = self.rate / (1 + epoch)
            for i in order:
                row, y = rows[i], labels[i]
                z = bias + sum(w.get(f, 0.0) for f in row)
                g = ((1.0 if y else 0.0) - sigmoid(z)) * rate * (boost if y else 1.0)
                if g == 0.0:
                    continue
                bias += g
                for f in row:
                    w[f] = w.get(f, 0.0) * decay + g
        self.weights, self.bias, self._up = w, bias, None

    def score(self, row: set[str]) -> float:
        return sigmoid(self.bias + self.scale * sum(map(self.weights.get, row, repeat(0.0))))


LEARNERS: dict[str, type[NaiveBayes] | type[Logistic]] = {"nb": NaiveBayes,
                                                          "logistic": Logistic}
