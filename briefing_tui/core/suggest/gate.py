"""Which sentences can reach the threshold, told from the model's raw sums alone.

Scoring a document spends most of its time on sentences no tag is suggested for (three
in four on the labelled news). A pair's score -- calibrated mix of the model's sigmoid
and the rules' score -- rises with the model's raw sum, so for each tag and number of
rule hits there is one least sum that can reach the threshold; :class:`Gate` works it
out once (inverting the calibration, the mix and the sigmoid) and lets a sentence past
only when some tag's sum is at or above it. What passes is scored as before, so the
suggestions are the same; the least sum is lowered by a small margin so that rounding
never keeps one out (tests/test_suggest_scoring.py compares with scoring everything).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing_tui.core.suggest.calibration import logit
from briefing_tui.core.suggest.rules import Hits, rule_score

if TYPE_CHECKING:
    from briefing_tui.core.suggest.ranking import Suggester

_Z_EDGE = 30.0  # learners.sigmoid is exactly 0 or 1 beyond this
_MARGIN = 1e-6


class Gate:
    """For ``tags`` of ``suggester`` at ``threshold``: may a sentence have a candidate?"""

    def __init__(self, suggester: Suggester, tags: Sequence[str], threshold: float) -> None:
        self.suggester, self.threshold = suggester, threshold
        self.joint = suggester.joint()
        slots = {tag: i for i, tag in enumerate(self.joint.tags)} if self.joint else {}
        self.modelled = [(slots[t], t) for t in tags if t in slots]
        self.ruled = [t for t in tags if t not in slots] if suggester.mode != "model" else []
        self._floors: dict[tuple[str, int], float] = {}

    def floor(self, tag: str, hits: int) -> float:
        """The least raw sum with which ``tag`` can reach the threshold at ``hits``."""
        key = (tag, hits)
        found = self._floors.get(key)
        if found is None:
            found = self._floors[key] = self._work_out(tag, hits)
        return found

    def _work_out(self, tag: str, hits: int) -> float:
        s = self.suggester
        model = s.models[tag]
        calibration = s.calibrations.get(tag)
        mixed = self.threshold if calibration is None else \
            1.0 / (1.0 + math.exp(-(logit(self.threshold) - calibration.b) / calibration.a))
        share = s.share(tag)
        rules = rule_score(hits) if hits else 0.0
        if share == 0.0:  # the rules alone decide: the model's sum does not matter
            return -math.inf if rules >= mixed - _MARGIN else math.inf
        learnt = mixed if share == 1.0 else (mixed - (1 - share) * rules) / share
        if learnt < 1e-6:  # (logit clamps below it) let the exact score decide
            return -math.inf
        z = _Z_EDGE if learnt >= 1.0 else min(logit(learnt), _Z_EDGE)
        floor = (z - model.bias) / model.scale
        return floor - _MARGIN * (1.0 + abs(floor))

    def may(self, sums: Sequence[float], hits: Hits) -> bool:
        """False only when no tag of this sentence can reach the threshold."""
        for slot, tag in self.modelled:
            on = hits.get(tag)
            if sums[slot] >= self.floor(tag, len(on) if on else 0):
                return True
        threshold = self.threshold
        return any(rule_score(len(hits[t])) >= threshold for t in self.ruled if t in hits)
