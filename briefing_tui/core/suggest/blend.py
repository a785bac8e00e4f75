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

from collections.abc import Sequence
from itertools import groupby

SHARES = (0.0, 0.02, 0.1, 0.25, 0.5, 0.75, 1.0)  # the model's share: the candidates
_SAME = 1e-9  # figures closer than this are equal


def weighted_ap(scores: Sequence[float], truths: Sequence[bool],
                weights: Sequence[float]) -> float:
    """Average precision of ranking by ``scores``, each pair counting ``weights`` times.

    Equal scores are one group, its positives where a random order puts them on
    average (the j-th of p among w at ``j * (w + 1) / (p + 1)``), so an order the
    scores do not decide (the rules' ties) is neither rewarded nor punished."""
    ranked = sorted(zip(scores, truths, weights, strict=True), key=lambda p: -p[0])
    total_pos = sum(w for _, t, w in ranked if t)
    if total_pos <= 0:
        return 0.0
    seen, seen_pos, total = 0.0, 0.0, 0.0
    for _, group in groupby(ranked, key=lambda p: p[0]):
        items = list(group)
        weight = sum(w for _, _, w in items)
        pos = [w for _, t, w in items if t]
        count, before = len(pos), seen_pos
        for j, w in enumerate(pos, 1):
            before += w
            total += w * before / (seen + j * (weight + 1) / (count + 1))
        seen += weight
        seen_pos += sum(pos)
    return total / total_pos


def choose_share(learnt: Sequence[float], rules: Sequence[float], truths: Sequence[bool],
                 weights: Sequence[float], prior: float,
                 shares: Sequence[float] = SHARES) -> float:
    """The model's share whose mix ``s * learnt + (1 - s) * rules`` ranks best, among
    ``shares`` up to ``prior`` (the share its labels alone would give) and ``prior``."""
    best, best_ap = 0.0, -1.0
    allowed = [s for s in shares if s < prior] + [prior]
    for share in sorted(set(allowed)):
        mixed = [share * m + (1 - share) * r for m, r in zip(learnt, rules, strict=True)]
        ap = weighted_ap(mixed, truths, weights)
        if ap >= best_ap - _SAME:
            best, best_ap = share, max(ap, best_ap)
    return best

