"""Scoring fast without changing a score: the rule trie, the joint model table, the
finished document's negatives."""

from __future__ import annotations

import re
from pathlib import Path

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import SidecarData, dump_sidecar, sidecar_path
from briefing_tui.core.suggest import Suggester, examples_from
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.learners import Joint, Learner, Logistic, NaiveBayes
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
    assert suggester.train(pool) == len(pool)  # the finished document's sentences count
