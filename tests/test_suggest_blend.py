"""The model's share beside the rules, chosen per tag on held-out labels; figures that
do not reward the luck of how equal scores were sorted."""

from __future__ import annotations

import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest import Example, Suggester
from briefing_tui.core.suggest.blend import choose_share, weighted_ap
from briefing_tui.core.suggest.evaluate import tag_score, tied_precision_at
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS


def test_equal_scores_count_as_every_order_at_once() -> None:
    # one group of four, two true: whichever two a sort put first, P@2 is 0.5
    tied = [(0.75, True), (0.75, True), (0.75, False), (0.75, False)]
    assert tied_precision_at(tied, 2) == 0.5
    assert tied_precision_at([(0.9, True), *tied], 3) == pytest.approx((1 + 1) / 3)
    assert tied_precision_at([(0.0, True)], 20) == 0.0  # unscored is not ranked
    # the order of the input no longer moves the figure
    flipped = tag_score("t", list(reversed(tied)))
    assert tag_score("t", tied) == flipped
    assert weighted_ap([1, 1], [True, False], [1, 1]) == pytest.approx(2 / 3)
    assert weighted_ap([2, 1], [True, False], [1, 1]) == 1.0
    assert weighted_ap([1, 2], [True, False], [1, 3]) == pytest.approx(0.25)  # 3 negatives


def test_a_model_that_misorders_the_rules_ties_gets_no_share() -> None:
    # the rules: two matched words are surer than one; among the one-word hits the
    # model puts the wrong ones first, so even breaking ties with it is worse
    rules = [0.75, 0.75, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0]
    truths = [True, True, True, False, True, False, False, False]
    learnt = [0.5, 0.5, 0.1, 0.9, 0.1, 0.9, 0.3, 0.3]
    assert choose_share(learnt, rules, truths, [1.0] * 8, prior=0.5) == 0.0


def test_a_model_that_ranks_better_gets_the_share_its_labels_give_and_no_more() -> None:
    rules = [0.5, 0.5, 0.5, 0.5, 0.0, 0.0, 0.5, 0.0]
    truths = [True, False, True, False, True, False, True, False]
    learnt = [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.95, 0.05]  # perfect
    assert choose_share(learnt, rules, truths, [1.0] * 8, prior=0.4) == 0.4
    assert choose_share(learnt, rules, truths, [1.0] * 8, prior=0.9) == 0.9
    # every share above 0 ranks these alike: a tie goes to the larger share
    assert choose_share([0.9, 0.1, 0.1], [0.5, 0.5, 0.0], [True, False, False],
                        [1.0] * 3, prior=0.2) == 0.2


def _examples() -> list[Example]:
    texts = [(t, frozenset({"security"})) for t in ATTACKS] + \
        [(t, frozenset({"diplomacy"})) for t in TALKS] + [(t, frozenset()) for t in PLAIN]
    return [Example("d", i + 1, 0, len(text), text, tags, frozenset(), True)
            for i, (text, tags) in enumerate(texts)]


def test_the_chosen_share_is_what_scores_and_reasons_use() -> None:
    chosen = Suggester(Codebook())
    chosen.train(_examples())
    fixed = Suggester(Codebook(), choose=False)
    fixed.train(_examples())
    assert fixed.shares == {} and fixed.share("security") == pytest.approx(30 / 50)
    assert set(chosen.shares) == {"security", "diplomacy"}
    for tag, share in chosen.shares.items():
        assert 0.0 <= share <= 30 / 50 + 1e-12
        assert chosen.share(tag) == share
    chosen.shares["security"] = 0.0  # the rules alone decide, and the reason says so
    value, why = chosen.score(ATTACKS[0], "security")
    assert why.startswith("rules (the model, 30 labels, ranked them no better): matched")
    assert value >= 0.5
    assert chosen.score(ATTACKS[0], "security", learnt=0.01) == \
        chosen.score(ATTACKS[0], "security", learnt=0.99)
