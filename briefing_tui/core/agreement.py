"""Inter-coder agreement per tag: % agreement, Cohen's κ, Fleiss' κ, Krippendorff's α.

The unit is one sentence × one tag: each analyst who coded the sentence gives 1 (tagged)
or 0 (not). Written here rather than imported: the ``krippendorff`` package is GPL and
NLTK takes 1.5 s to import; the tests check every figure against NLTK's
``AnnotationTask`` on random data. Definitions, for binary nominal values:

- **% agreement**: the share of agreeing analyst pairs, averaged over pairs (NLTK
  ``avg_Ao``), on the units every analyst coded;
- **Cohen's κ** (two analysts): (Ao − Ae) / (1 − Ae), Ae from each analyst's own rates;
- **Fleiss' κ** (any number; Scott's π for two): Ae from the pooled rate;
- **Krippendorff's α** (any number, missing values allowed): 1 − Do/De over every unit
  that at least two analysts coded.

A figure that cannot be computed (the tag never or always used: no expected
disagreement) is None, with a warning. Warnings also flag what makes a figure
unreliable: few units, a rare (or near-universal) tag, and skew (analysts using the tag
at very different rates, or high agreement with a low κ: the prevalence paradox).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

FEW_UNITS = 30
RARE = 0.05
BIAS = 0.2

Unit = Any  # hashable: (document, sentence) in briefing agree
Codings = Mapping[str, Mapping[Unit, int]]  # analyst -> unit -> 1/0


@dataclass(frozen=True)
class Figures:
    """One tag's agreement; ``n`` units every analyst coded, ``n_alpha`` those α used."""

    tag: str
    analysts: tuple[str, ...]
    n: int
    n_alpha: int
    prevalence: float  # share of 1s among all values α used
    agreement: float | None  # percent
    cohen: float | None
    fleiss: float | None
    alpha: float | None
    warnings: tuple[str, ...] = field(default=())


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def observed(codings: Codings, units: list[Unit]) -> float:
    """Average over analyst pairs of the share of ``units`` both coded alike."""
    pairs = list(combinations(sorted(codings), 2))
    total = sum(sum(codings[a][u] == codings[b][u] for u in units) / len(units)
                for a, b in pairs)
    return total / len(pairs)


def cohen_kappa(codings: Codings, units: list[Unit]) -> float | None:
    """Cohen's κ of two analysts on ``units`` (each coded by both)."""
    a, b = sorted(codings)
    n = len(units)
    pa = sum(codings[a][u] for u in units) / n
    pb = sum(codings[b][u] for u in units) / n
    ae = pa * pb + (1 - pa) * (1 - pb)
    return _ratio(observed(codings, units) - ae, 1 - ae)


def fleiss_kappa(codings: Codings, units: list[Unit]) -> float | None:
    """Fleiss' κ (multi-π) on ``units`` (each coded by every analyst)."""
    ones = sum(codings[a][u] for a in codings for u in units)
    p = ones / (len(units) * len(codings))
    ae = p * p + (1 - p) * (1 - p)
    return _ratio(observed(codings, units) - ae, 1 - ae)


def krippendorff_alpha(codings: Codings) -> tuple[float | None, int, float]:
    """Nominal α over every unit coded at least twice; also that count and the 1s' share."""
    values: dict[Unit, list[int]] = {}
    for analyst in codings:
        for unit, value in codings[analyst].items():
            values.setdefault(unit, []).append(value)
    pairable = [v for v in values.values() if len(v) >= 2]
    total = sum(len(v) for v in pairable)
    if total == 0:
        return None, 0, 0.0
    ones = sum(sum(v) for v in pairable)
    # observed: within each unit, the ordered pairs of unequal values, weighted 1/(m-1)
    do = sum(2 * sum(v) * (len(v) - sum(v)) / (len(v) - 1) for v in pairable) / total
    de = 2 * ones * (total - ones) / (total * (total - 1))
    if de == 0:
        return None, len(pairable), ones / total
    return 1 - do / de, len(pairable), ones / total


def _warnings(n: int, prevalence: float, agreement: float | None, kappa: float | None,
              rates: dict[str, float]) -> list[str]:
    found = []
    if n < FEW_UNITS:
        found.append(f"few units (n={n}): figures are unstable")
    if prevalence < RARE:
        found.append(f"rare tag ({prevalence:.1%} of codings): κ and α swing on a few units")
    elif prevalence > 1 - RARE:
        found.append(f"the tag is on nearly every sentence ({prevalence:.1%})")
    if rates and max(rates.values()) - min(rates.values()) > BIAS:
        shown = ", ".join(f"{a} {r:.0%}" for a, r in rates.items())
        found.append(f"skew: analysts use the tag at different rates ({shown})")
    if agreement is not None and kappa is not None and agreement >= 90 and kappa < 0.4:
        found.append("skew: high agreement but low κ (prevalence paradox)")
    return found


def tag_figures(tag: str, codings: Codings) -> Figures:
    """All figures for one tag; ``codings`` has at least two analysts."""
    analysts = tuple(sorted(codings))
    shared = set.intersection(*(set(codings[a]) for a in analysts)) if analysts else set()
    units = sorted(shared, key=repr)
    alpha, n_alpha, prevalence = krippendorff_alpha(codings)
    agreement = cohen = fleiss = None
    if units and len(analysts) >= 2:
        agreement = 100 * observed(codings, units)
        fleiss = fleiss_kappa(codings, units)
        if len(analysts) == 2:
            cohen = cohen_kappa(codings, units)
    rates = {a: sum(codings[a].values()) / len(codings[a]) for a in analysts if codings[a]}
    warnings = _warnings(len(units), prevalence, agreement,
                         cohen if cohen is not None else fleiss, rates)
    if alpha is None or fleiss is None:
        warnings.append("undefined where no analyst varies (the tag is never or always used)"
                        if n_alpha else "no unit was coded by two analysts")
    if n_alpha > len(units):
        warnings.append(f"α also uses {n_alpha - len(units)} units that only some analysts "
                        "coded")
    return Figures(tag, analysts, len(units), n_alpha, prevalence, agreement, cohen, fleiss,
                   alpha, tuple(warnings))


def figures_by_tag(tags: list[str], coded: Mapping[str, Mapping[Unit, frozenset[str]]],
                   ) -> list[Figures]:
    """Per tag, from each analyst's tag set per unit (every unit they coded is a key)."""
    out = []
    for tag in tags:
        codings = {a: {u: int(tag in tags_of) for u, tags_of in units.items()}
                   for a, units in coded.items()}
        out.append(tag_figures(tag, codings))
    return out
