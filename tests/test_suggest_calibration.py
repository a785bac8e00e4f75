"""Calibrated suggestion scores: Platt scaling fitted on held-out folds of the labels."""

from __future__ import annotations

import random
from pathlib import Path

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.suggest import Example, Suggester, examples_from
from briefing_tui.core.suggest.calibration import IDENTITY, platt
from briefing_tui.core.suggest.ranking import THRESHOLD
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS, tag_sentences, write_briefing


def test_platt_turns_over_confident_scores_into_the_share_that_is_right() -> None:
    rng = random.Random(3)
    # a model that says 0.95 where a third is right and 0.2 where a tenth is
    scores = [0.95] * 300 + [0.2] * 300
    truths = [rng.random() < 1 / 3 for _ in range(300)] + \
        [rng.random() < 0.1 for _ in range(300)]
    fitted = platt(scores, truths)
    high = sum(truths[:300]) / 300
    low = sum(truths[300:]) / 300
    assert abs(fitted(0.95) - high) < 0.03
    assert abs(fitted(0.2) - low) < 0.03
    assert fitted(0.3) < fitted(0.5) < fitted(0.9)  # monotone: the ranking is kept


def test_platt_without_both_kinds_of_label_changes_nothing() -> None:
    assert platt([0.9, 0.8], [True, True]) is IDENTITY
    assert platt([0.9, 0.8], [False, False]) is IDENTITY
    assert IDENTITY(0.73) == 0.73


def _overlapping(n: int) -> list[Example]:
    """Security words in every sentence, but only every third is security: the raw
    model is sure of all of them."""
    rng = random.Random(5)
    found = []
    for i in range(n):
        words = rng.sample(["army", "troops", "attack", "shelling", "convoy", "border",
                            "market", "school", "river", "harvest"], 4)
        text = f"Report {i}: " + " ".join(words) + "."
        tags = frozenset({"security"}) if i % 3 == 0 or "attack" in words else frozenset()
        found.append(Example("d", i + 1, 0, len(text), text, tags, frozenset(), True))
    return found


def test_calibrated_scores_keep_each_tags_ranking_and_match_held_out_precision() -> None:
    train, test = _overlapping(300), _overlapping(600)[300:]
    raw = Suggester(Codebook(), calibrate=False)
    raw.train(train)
    calibrated = Suggester(Codebook())
    calibrated.train(train)
    assert "security" in calibrated.calibrations
    pairs = [(raw.score(e.text, "security", explain=False)[0],
              calibrated.score(e.text, "security", explain=False)[0], "security" in e.tags)
             for e in test]
    by_raw = sorted(range(len(pairs)), key=lambda i: (pairs[i][0], i))
    by_calibrated = sorted(range(len(pairs)), key=lambda i: (pairs[i][1], i))
    assert [pairs[i][0] for i in by_raw] == [pairs[i][0] for i in by_calibrated]

    def gap(column: int) -> float:  # |mean score - share right| over what is suggested
        chosen = [p for p in pairs if p[column] >= THRESHOLD]
        right = sum(p[2] for p in chosen) / len(chosen)
        return abs(sum(p[column] for p in chosen) / len(chosen) - right)

    assert gap(1) < gap(0)
    assert gap(1) < 0.1


def test_a_sentence_unlike_any_label_keeps_a_low_score(tmp_path: Path) -> None:
    """Only tagged sentences train (no finished document): every negative of security
    is a diplomacy sentence, far from every positive; the fit must not lift a sentence
    that is neither to a suggestion."""
    train = write_briefing(tmp_path / "train.txt", [*ATTACKS, *TALKS, *PLAIN])
    tag_sentences(train, "security", ["Gunmen"])
    tag_sentences(train, "diplomacy", ["The foreign"])
    suggester = Suggester(Codebook())
    suggester.train(examples_from(open_document(train), "train.txt"))
    assert set(suggester.calibrations) == {"security", "diplomacy"}
    unseen = "Rainfall in the valley was normal for week 44 of the season."
    assert suggester.score(unseen, "security", explain=False)[0] < THRESHOLD
    assert suggester.score(unseen, "diplomacy", explain=False)[0] < THRESHOLD
    seen = "A checkpoint in district 44 was overrun at dawn."
    assert suggester.score(seen, "security", explain=False)[0] >= THRESHOLD
