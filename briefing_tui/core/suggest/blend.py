"""How much of a tag's score the model gets beside the rules, chosen on held-out labels.

A fixed share (``n / (n + 20)`` labels) gave the model half of security's score at 20
labels whether or not it ranked better than the rules: on the labelled news the rules'
top 20 is strong, and a model trained on 200 sentences pulled weaker ones into it. So
each tag's share is chosen at every retrain from scores the models did *not* learn from
(the calibration's folds, :meth:`Suggester._calibrate`): the share whose mix ranks the
held-out labels best by average precision. "Rules only" (0) is a candidate, and so is a
sliver (the rules' order with the model breaking their ties). The share its labels
give, ``n / (n + 20)``, is the most it gets: with 200 labels a tag has ~15 positives,
and letting held-out folds that small raise the share to the model alone chose it on
luck (security P@20 0.88 -> 0.77 on the train half, bench_suggest_protocol --dev);
lowering it asks only that the rules rank the held-out labels better. Equal figures go
to the larger share (a tie is not worse).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, groupby

SHARES = (0.0, 0.02, 0.1, 0.25, 0.5, 0.75, 1.0)  # the model's share: the candidates
_SAME = 1e-9  # figures closer than this are equal


def weighted_ap(scores: Sequence[float], truths: Sequence[bool],
                weights: Sequence[float]) -> float:
    """Average precision of ranking by ``scores``, each pair counting ``weights`` times.

    Equal scores are one group, its positives where a random order puts them on
    average (the j-th of p among w at ``j * (w + 1) / (p + 1)``), so an order the
    scores do not decide (the rules' ties) is neither rewarded nor punished."""
    pos = [(v, w) for v, t, w in zip(scores, truths, weights, strict=True) if t]
    neg = [(v, w) for v, t, w in zip(scores, truths, weights, strict=True) if not t]
    return _ap(pos, [v for v, _ in neg], [w for _, w in neg])


def _ap(positives: list[tuple[float, float]], neg_values: Sequence[float],
        neg_weights: Sequence[float]) -> float:
    """:func:`weighted_ap` from the positives' (score, weight) and the negatives'. The
    negatives are sorted once and each positive finds its place by bisection: a retrain
    tries every share on thousands of held-out sentences, most of them negatives, and a
    loop over all of them cost 0.13 s per tag on 5,000."""
    total_pos = sum(w for _, w in positives)
    if total_pos <= 0:
        return 0.0
    if len(set(neg_weights)) <= 1:  # one weight (the usual case): no pairs to sort
        weight = neg_weights[0] if neg_weights else 1.0
        values = sorted(neg_values)
        below: Sequence[float] = [k * weight for k in range(len(values) + 1)]
    else:
        pairs = sorted(zip(neg_values, neg_weights, strict=True))
        values = [v for v, _ in pairs]
        below = [0.0, *accumulate(w for _, w in pairs)]  # weight of the first k
    neg_total = below[-1]
    seen_pos, total = 0.0, 0.0
    for value, group in groupby(sorted(positives, key=lambda p: -p[0]), key=lambda p: p[0]):
        pos = [w for _, w in group]
        low, high = bisect_left(values, value), bisect_right(values, value)
        above = neg_total - below[high]  # negatives ranked before the group
        tied = sum(pos) + below[high] - below[low]
        before = seen_pos
        for j, w in enumerate(pos, 1):
            before += w
            total += w * before / (seen_pos + above + j * (tied + 1) / (len(pos) + 1))
        seen_pos += sum(pos)
    return total / total_pos


def choose_share(learnt: Sequence[float], rules: Sequence[float], truths: Sequence[bool],
                 weights: Sequence[float], prior: float,
                 shares: Sequence[float] = SHARES) -> float:
    """The model's share whose mix ``s * learnt + (1 - s) * rules`` ranks best, among
    ``shares`` up to ``prior`` (the share its labels alone would give) and ``prior``."""
    split: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for m, r, t, w in zip(learnt, rules, truths, weights, strict=True):
        split[t].append((m, r, w))
    neg_weights = [w for *_, w in split[False]]
    best, best_ap = 0.0, -1.0
    for share in sorted({s for s in shares if s < prior} | {prior}):
        rest = 1.0 - share
        ap = _ap([(share * m + rest * r, w) for m, r, w in split[True]],
                 [share * m + rest * r for m, r, _ in split[False]], neg_weights)
        if ap >= best_ap - _SAME:
            best, best_ap = share, max(ap, best_ap)
    return best
