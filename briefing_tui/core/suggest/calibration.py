"""Scores that mean what they say: Platt scaling fitted on held-out labels.

The learners rank well but their raw scores do not read as chances (naive Bayes pushes
most of its scores near 0 or 1: at 500 labels only 14 % of what passed 0.5 was right).
:func:`platt` fits ``p = sigmoid(a * logit(score) + b)`` to (score, truth) pairs that
the model did *not* learn from (k-fold, :meth:`Suggester.train`), so that "0.8" is right
about 8 times in 10 on the analyst's own labels and the threshold cuts where it says.
Two parameters, fitted by Newton's method with Platt's smoothed targets and a pull
towards "no change" (a = 1, b = 0), so a handful of labels moves it little. It is
monotone in the score (a > 0), so a tag's ranking is left as it was.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefing_tui.core.suggest.learners import sigmoid

_EDGE = 1e-6  # scores are clamped into (EDGE, 1 - EDGE) before their logit
PULL = 1.0  # weight of the pull towards (a, b) = (1, 0): about one label's worth
MIN_SLOPE = 0.05  # a stays positive: the calibrated score never reverses the ranking


def logit(score: float) -> float:
    score = min(max(score, _EDGE), 1.0 - _EDGE)
    return math.log(score / (1.0 - score))


@dataclass(frozen=True)
class Platt:
    a: float = 1.0
    b: float = 0.0

    def __call__(self, score: float) -> float:
        if self.a == 1.0 and self.b == 0.0:
            return score
        return sigmoid(self.a * logit(score) + self.b)


IDENTITY = Platt()


def _loss(points: Sequence[tuple[float, float, float]], a: float, b: float,
          x0: float) -> float:
    u = b - (1.0 - a) * x0
    total = PULL * ((a - 1.0) ** 2 + u * u) / 2
    for x, t, n in points:
        z = a * x + b
        # log(1 + e^z) - t z, written so that it never overflows
        total += n * ((z if z > 0 else 0.0) + math.log1p(math.exp(-abs(z))) - t * z)
    return total


def platt(scores: Sequence[float], truths: Sequence[bool], anchor: float = 0.5,
          iterations: int = 30, weights: Sequence[float] | None = None) -> Platt:
    """The (a, b) that make ``sigmoid(a * logit(score) + b)`` the chance of truth.

    The pull is towards leaving ``anchor`` (the score of a sentence with no evidence
    either way) where it is and the slope at 1: where the labels say little -- all
    the negatives far from all the positives, as when only tagged sentences train --
    a sentence unlike any of them keeps its low score instead of one the fit made up.
    """
    each = [1.0] * len(truths) if weights is None else weights  # what each pair counts
    positives = sum(w for truth, w in zip(truths, each, strict=True) if truth)
    negatives = sum(each) - positives
    if not positives or not negatives:
        return IDENTITY
    high, low = (positives + 1) / (positives + 2), 1 / (negatives + 2)
    # equal (logit to 1/100, truth) pairs counted once: thousands of held-out scores
    # make a few hundred points, and each Newton step is a loop over them
    counted: Counter[tuple[float, bool]] = Counter()
    for score, truth, weight in zip(scores, truths, each, strict=True):
        counted[round(logit(score), 2), truth] += weight  # type: ignore[assignment]
    points = [(x, high if truth else low, n) for (x, truth), n in counted.items()]
    x0 = logit(anchor)
    a, b = 1.0, 0.0
    loss = _loss(points, a, b, x0)
    for _ in range(iterations):
        u = b - (1.0 - a) * x0
        ga, gb = PULL * ((a - 1.0) + u * x0), PULL * u
        haa, hab, hbb = PULL * (1.0 + x0 * x0), PULL * x0, PULL
        for x, t, n in points:
            p = sigmoid(a * x + b)
            d, w = n * (p - t), n * p * (1.0 - p)
            ga += d * x
            gb += d
            haa += w * x * x
            hab += w * x
            hbb += w
        det = haa * hbb - hab * hab
        if det <= 0.0:
            break
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        step = 1.0
        while step > 1e-4:  # halve the Newton step until the loss goes down
            na, nb = a - step * da, b - step * db
            new = _loss(points, na, nb, x0)
            if new < loss:
                break
            step /= 2
        else:
            break
        moved = abs(na - a) + abs(nb - b)
        a, b, loss = na, nb, new
        if moved < 1e-7:
            break
    return Platt(max(a, MIN_SLOPE), b)
