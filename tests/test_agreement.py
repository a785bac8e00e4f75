"""The agreement statistics against NLTK's AnnotationTask (a dev-only oracle), to 6 decimals."""

from __future__ import annotations

import random

import pytest
from nltk.metrics.agreement import AnnotationTask

from briefing_tui.core.agreement import (
    cohen_kappa,
    figures_by_tag,
    fleiss_kappa,
    krippendorff_alpha,
    observed,
    tag_figures,
)


def _random_codings(rng: random.Random, analysts: int, units: int, rate: float,
                    missing: float = 0.0) -> dict[str, dict[int, int]]:
    truth = [rng.random() < rate for _ in range(units)]
    codings: dict[str, dict[int, int]] = {}
    for number in range(analysts):
        noise = rng.uniform(0.05, 0.4)
        codings[f"a{number}"] = {u: int(truth[u] != (rng.random() < noise))
                                 for u in range(units) if rng.random() >= missing}
    return codings


def _task(codings: dict[str, dict[int, int]]) -> AnnotationTask:
    return AnnotationTask(data=[(a, str(u), v) for a, units in codings.items()
                                for u, v in units.items()])


def _varied(codings: dict[str, dict[int, int]]) -> bool:
    values = {v for units in codings.values() for v in units.values()}
    return len(values) == 2


@pytest.mark.parametrize("seed", range(40))
def test_complete_data_matches_nltk(seed: int) -> None:
    rng = random.Random(seed)
    analysts = 2 + seed % 4
    codings = _random_codings(rng, analysts, rng.randint(5, 120), rng.uniform(0.05, 0.6))
    if not _varied(codings):
        pytest.skip("all values equal: undefined for both")
    units = sorted(next(iter(codings.values())))
    task = _task(codings)
    assert observed(codings, units) == pytest.approx(task.avg_Ao(), abs=1e-6)
    fleiss = fleiss_kappa(codings, units)
    assert fleiss is not None and fleiss == pytest.approx(task.pi(), abs=1e-6)
    alpha, n, _ = krippendorff_alpha(codings)
    assert alpha is not None and alpha == pytest.approx(task.alpha(), abs=1e-6)
    assert n == len(units)
    if analysts == 2:
        kappa = cohen_kappa(codings, units)
        assert kappa is not None and kappa == pytest.approx(task.kappa(), abs=1e-6)
    figures = tag_figures("security", codings)
    assert figures.agreement == pytest.approx(100 * task.avg_Ao(), abs=1e-6)
    assert figures.fleiss == pytest.approx(task.pi(), abs=1e-6)
    assert (figures.cohen is None) == (analysts != 2)


@pytest.mark.parametrize("seed", range(30))
def test_alpha_with_missing_values_matches_nltk(seed: int) -> None:
    rng = random.Random(1000 + seed)
    codings = _random_codings(rng, rng.randint(2, 6), rng.randint(10, 80),
                              rng.uniform(0.1, 0.5), missing=rng.uniform(0.05, 0.5))
    if not _varied(codings):
        pytest.skip("all values equal")
    # NLTK ignores units coded once, as alpha does; give it only the pairable ones too
    counts: dict[int, int] = {}
    for units in codings.values():
        for u in units:
            counts[u] = counts.get(u, 0) + 1
    alpha, n, _ = krippendorff_alpha(codings)
    assert n == sum(1 for c in counts.values() if c >= 2)
    assert alpha is not None and alpha == pytest.approx(_task(codings).alpha(), abs=1e-6)


def test_textbook_figures() -> None:
    """Perfect agreement is 1; chance-level coding is about 0; two opposite coders < 0."""
    same = {"a": {u: u % 3 == 0 for u in range(60)}, "b": {u: u % 3 == 0 for u in range(60)}}
    codings = {a: {u: int(v) for u, v in units.items()} for a, units in same.items()}
    figures = tag_figures("t", codings)
    assert figures.agreement == 100 and figures.cohen == 1 and figures.alpha == 1
    opposite = {"a": {u: u % 2 for u in range(40)}, "b": {u: 1 - u % 2 for u in range(40)}}
    worst = tag_figures("t", opposite)
    assert worst.agreement == 0 and worst.cohen is not None and worst.cohen < 0


def test_warnings_say_when_a_figure_is_unreliable() -> None:
    few = tag_figures("t", {"a": {0: 1, 1: 0, 2: 0}, "b": {0: 1, 1: 0, 2: 1}})
    assert any(w.startswith("few units (n=3)") for w in few.warnings)
    rare = {"a": {u: int(u == 0) for u in range(100)}, "b": {u: 0 for u in range(100)}}
    figures = tag_figures("t", rare)
    assert figures.agreement == 99
    assert any(w.startswith("rare tag") for w in figures.warnings)
    assert any("prevalence paradox" in w for w in figures.warnings)
    biased = {"a": {u: int(u < 50) for u in range(100)}, "b": {u: int(u < 10) for u in range(100)}}
    assert any("different rates (a 50%, b 10%)" in w
               for w in tag_figures("t", biased).warnings)
    never = tag_figures("t", {"a": {u: 0 for u in range(40)}, "b": {u: 0 for u in range(40)}})
    assert never.alpha is None and never.cohen is None and never.agreement == 100
    assert any("never or always used" in w for w in never.warnings)


def test_figures_by_tag_from_tag_sets() -> None:
    coded = {"amina": {0: frozenset({"security"}), 1: frozenset(), 2: frozenset({"migration"})},
             "bo": {0: frozenset({"security", "migration"}), 1: frozenset(),
                    2: frozenset({"migration"})}}
    security, migration = figures_by_tag(["security", "migration"], coded)
    assert security.agreement == 100 and security.n == 3
    assert migration.agreement == pytest.approx(200 / 3)
