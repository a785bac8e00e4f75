"""Scoring fast without changing a score: the rule trie, the joint model table, the
finished document's negatives."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.segment import segment
from briefing_tui.core.sidecar import SidecarData, dump_sidecar, sidecar_path
from briefing_tui.core.suggest import Example, Suggester, examples_from
from briefing_tui.core.suggest.examples import FINISHED
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.learners import Joint, Learner, Logistic, NaiveBayes
from briefing_tui.core.suggest.live import (
    STOP_EVERY,
    ScoringStopped,
    candidates,
    score_sentences,
)
from briefing_tui.core.suggest.ranking import THRESHOLD
from briefing_tui.core.tag_patterns import Patterns
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS, tag_sentences, write_briefing


def _flat(patterns: Patterns) -> re.Pattern[str]:
    """The alternation the trie replaced: longest source first."""
    sources = [re.escape(w) + r"\w*" for w in patterns.keywords]
    sources += [r"\s+".join(map(re.escape, p.split())) + r"\b" for p in patterns.phrases]
    sources.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(sources) + ")", re.IGNORECASE)


def test_the_rule_trie_finds_what_the_flat_alternation_found() -> None:
    patterns = Patterns(("arm", "armed", "attack", "IDP", "straße", "car"),
                        ("armed group", "car bomb", "security forces", "U.N. envoy"))
    texts = ["Armed groups attacked; an armed group and the ARMY", "A car bomb, cars, car",
             "IDPs and idps in the Straße", "security   forces met the U.N. envoy",
             "disarmed, carbon, ecar", "STRASSE is not straße"]
    trie, flat = patterns._words[0], _flat(patterns)
    assert trie is not None
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == \
            [m.span() for m in flat.finditer(text)], text
    assert patterns.matches("an armed group with a car bomb") == ["armed group", "car bomb"]


def test_the_joint_table_scores_every_tag_as_its_own_model_does() -> None:
    rows = [features(t) for t in (*ATTACKS, *TALKS, *PLAIN)]
    models: dict[str, Learner] = {}
    for tag, count, kind in (("security", len(ATTACKS), NaiveBayes),
                             ("diplomacy", len(TALKS), Logistic)):
        model: Learner = kind()
        first = 0 if tag == "security" else len(ATTACKS)
        model.fit(rows, [first <= i < first + count for i in range(len(rows))])
        models[tag] = model
    joint = Joint(models)
    for row in rows:
        together = joint.scores(row)
        for tag, model in models.items():
            assert abs(together[tag] - model.score(row)) < 1e-9


def _finish(path: Path) -> None:
    """Mark the briefing finished, as F does (its sidecar's header), keeping its tags."""
    document = open_document(path)
    document.set_layer_status(FINISHED)
    assert document.save()


def test_a_finished_document_trains_with_no_tags_and_an_unfinished_one_does_not(
        tmp_path: Path) -> None:
    path = write_briefing(tmp_path / "plain.txt", PLAIN)
    assert not any(e.trains for e in examples_from(open_document(path), "plain"))
    document = open_document(path)
    sidecar_path(path).write_text(dump_sidecar(SidecarData(
        path.name, document.loaded.sha256, [], extractor=document.loaded.extractor,
        extra={"status": "finished"})), encoding="utf-8")
    again = list(examples_from(open_document(path), "plain"))
    assert again and all(e.trains and not e.tags for e in again)
    tagged = write_briefing(tmp_path / "attacks.txt", [*ATTACKS, *PLAIN])
    tag_sentences(tagged, "security", [a[:12] for a in ATTACKS])
    suggester = Suggester(Codebook(), min_labels=1)
    pool = [*examples_from(open_document(tagged), "a"), *again]
    # the finished document's sentences count; the tagged one's untagged ones do not
    assert suggester.train(pool) == len(ATTACKS) + len(again)
    assert suggester.negatives["security"] == len(again)


def test_untagged_sentences_of_an_unfinished_document_are_not_negatives(
        tmp_path: Path) -> None:
    path = write_briefing(tmp_path / "attacks.txt", [*ATTACKS, *PLAIN])
    tag_sentences(path, "security", [a[:12] for a in ATTACKS])
    examples = list(examples_from(open_document(path), "a"))
    assert [e.trains for e in examples] == [True] * len(ATTACKS) + [False] * len(PLAIN)
    suggester = Suggester(Codebook())
    suggester.train(examples)
    # 30 labels, nothing known to be without the tag: no model, the rules alone say so
    assert suggester.labels == {"security": 30} and suggester.negatives["security"] == 0
    assert not suggester.models
    found = suggester.suggest([Example("n", 1, 0, 20, "Troops shelled a town", frozenset(),
                                       frozenset(), False)])
    assert found[0].reason == "rules only (30 labels, 0 of 5 known without it: finish " \
                              "a document or reject some): matched 'troops'"
    _finish(path)  # F: now every untagged sentence there is a known negative
    finished = Suggester(Codebook())
    finished.train(examples_from(open_document(path), "a"))
    assert finished.negatives["security"] == len(PLAIN) and "security" in finished.models
    plain = features(PLAIN[0])
    assert finished.models["security"].score(plain) < 0.5 < \
        finished.models["security"].score(features(ATTACKS[0]))


def test_a_dismissal_is_a_negative_of_that_tag_alone(tmp_path: Path) -> None:
    path = write_briefing(tmp_path / "mixed.txt", [*ATTACKS, *PLAIN])
    tag_sentences(path, "security", ATTACKS[:20])
    document = open_document(path)  # d on six plain sentences, as the reader writes it
    for sentence in list(document.segmentation)[len(ATTACKS):len(ATTACKS) + 6]:
        document.annotations.dismiss(document.text, sentence.start, sentence.end,
                                     "security")
    assert document.save()
    examples = list(examples_from(open_document(path), "m"))
    dismissed = [e for e in examples if e.dismissed]
    assert len(dismissed) == 6 and not any(e.trains for e in dismissed)
    suggester = Suggester(Codebook())
    assert suggester.train(examples) == 20 + 6
    assert suggester.negatives == {"security": 6} and list(suggester.models) == ["security"]
    refused = features(PLAIN[0])
    assert suggester.models["security"].score(refused) < 0.5


def test_a_stale_retrain_stops_scoring_and_an_unstopped_one_scores_the_same() -> None:
    text = " ".join([ATTACKS[0], TALKS[0], PLAIN[0]] * (STOP_EVERY + 10))
    split = segment(text)
    assert len(split) > STOP_EVERY  # so the second look at ``stop`` comes
    suggester = Suggester(Codebook())
    plain = score_sentences(suggester, text, split.starts, split.ends)
    asked: list[int] = []

    def never() -> bool:
        asked.append(1)
        return False

    same = score_sentences(suggester, text, split.starts, split.ends, stop=never)
    assert len(asked) >= 2
    assert {s: [(c.tag, c.score) for c in cs] for s, cs in same.by_start.items()} == \
        {s: [(c.tag, c.score) for c in cs] for s, cs in plain.by_start.items()}
    assert plain.by_start  # the rules suggest something here, so the check means something

    looks: list[int] = []

    def after_the_first_look() -> bool:
        looks.append(1)
        return len(looks) > 1

    with pytest.raises(ScoringStopped):
        score_sentences(suggester, text, split.starts, split.ends, stop=after_the_first_look)
    assert len(looks) == 2


def _mixed_examples(n: int) -> list[Example]:
    """Sentences that share words across tags, so scores spread around the threshold."""
    rng = random.Random(11)
    vocabulary = ["army", "troops", "attack", "talks", "envoy", "refugees", "border",
                  "market", "school", "river", "minister", "convoy", "summit", "camp"]
    found = []
    for i in range(n):
        words = rng.sample(vocabulary, 5)
        text = f"Report {i}: " + " ".join(words) + "."
        tags = frozenset(t for t, cue in (("security", "attack"), ("diplomacy", "talks"),
                                          ("migration", "refugees"))
                         if cue in words and rng.random() < 0.8)
        found.append(Example("d", i + 1, 0, len(text), text, tags, frozenset(), True))
    return found


@pytest.mark.parametrize(("learner", "share"), [("nb", None), ("logistic", None),
                                               ("nb", 0.0), ("nb", 0.02)])
def test_the_gate_lets_through_every_sentence_that_has_a_suggestion(
        learner: str, share: float | None) -> None:
    """Sentences the gate keeps out (their raw sums cannot reach the threshold) are
    exactly those scoring every pair finds nothing for, whatever share the model was
    given (0: the rules alone decide)."""
    suggester = Suggester(Codebook(), learner=learner)
    suggester.train(_mixed_examples(240))
    assert suggester.calibrations  # the inverted calibration is part of what is checked
    if share is not None:
        suggester.shares = dict.fromkeys(suggester.shares, share)
    sentences = [e.text for e in _mixed_examples(600)[240:]]
    text = " ".join(sentences)
    starts, ends, at = [], [], 0
    for sentence in sentences:
        starts.append(at)
        ends.append(at + len(sentence))
        at += len(sentence) + 1
    scored = score_sentences(suggester, text, starts, ends)
    everything = {}
    for start, sentence in zip(starts, sentences, strict=True):
        found = candidates(suggester, sentence, suggester.tags)
        if found:
            everything[start] = [(c.tag, c.score) for c in found]
    assert {s: [(c.tag, c.score) for c in cs] for s, cs in scored.by_start.items()} == \
        everything
    assert 0 < len(everything) < len(sentences)  # some pass, some are kept out
    pairs = [(e.number, tag) for e in _mixed_examples(600)[240:] for tag in suggester.tags
             if tag not in e.tags and suggester.score(e.text, tag, explain=False)[0]
             >= THRESHOLD]
    suggested = suggester.suggest(_mixed_examples(600)[240:])
    assert sorted((s.sentence, s.tag) for s in suggested) == sorted(pairs)


def test_a_large_finished_document_trains_on_an_even_sample_of_its_untagged_ones() -> None:
    """Past ``max_plain`` untagged known sentences a retrain learns from an even sample
    of them (a finished 10 MB briefing's 136k feature sets took ~340 MB); the counts
    it reports and the scores it gives stay those of learning from all of them."""
    examples = _mixed_examples(900)
    plain = sum(1 for e in examples if not e.tags)
    assert plain > 250  # the sample keeps 100 of them
    whole = Suggester(Codebook(), max_plain=10 ** 6)
    sampled = Suggester(Codebook(), max_plain=100)
    assert whole.train(examples) == sampled.train(examples) == len(examples)
    assert sampled.negatives == whole.negatives and sampled.labels == whole.labels
    assert set(sampled.models) == set(whole.models) == {"security", "diplomacy",
                                                        "migration"}
    probes = [e.text for e in _mixed_examples(1200)[900:]]
    gaps = [abs(whole.score(text, tag, explain=False)[0]
                - sampled.score(text, tag, explain=False)[0])
            for text in probes for tag in whole.models]
    assert sum(gaps) / len(gaps) < 0.05
    both = [{(s.sentence, s.tag) for s in suggester.suggest(_mixed_examples(1200)[900:])}
            for suggester in (whole, sampled)]
    assert len(both[0] & both[1]) / len(both[0] | both[1]) > 0.85, both


def test_the_joint_table_of_models_with_the_same_features_scores_as_each_does() -> None:
    """Naive Bayes weighs every counted feature for every tag: the table is built in
    one zip then, and must give what each model gives."""
    suggester = Suggester(Codebook())
    suggester.train(_mixed_examples(300))
    models = suggester.models
    assert len(models) == 3 and len({tuple(m.weights) for m in models.values()}) == 1
    joint = Joint(models)
    for example in _mixed_examples(400)[300:]:
        row = features(example.text)
        together = joint.scores(row)
        for tag, model in models.items():
            assert abs(together[tag] - model.score(row)) < 1e-9
