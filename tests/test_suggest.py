"""Suggested tags in the core: codebook patterns, rules, the learners and the ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook, CodebookError, load_codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.suggest import MIN_WITH_RULES, Suggester, examples_from
from briefing_tui.core.suggest.evaluate import average_precision, cross_validate, precision_at
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS, tag_sentences, write_briefing


def _codebook(tmp_path: Path, body: str) -> Codebook:
    path = tmp_path / "codebook.yaml"
    path.write_text(body, encoding="utf-8")
    return load_codebook(path)


def test_patterns_from_a_codebook_match_keywords_phrases_and_regexes(tmp_path: Path) -> None:
    codebook = _codebook(tmp_path, """\
tags:
  - name: health
    key: "4"
    keywords: [cholera]
    patterns:
      keywords: [clinic]
      phrases: ["health  centre"]
      regex: ['\\bWHO\\b']
      case: exact
""")
    health = codebook.get("health")
    assert health is not None
    found = health.patterns.matches("The WHO said cholera reached two clinics and a health "
                                    "centre.")
    assert found == ["cholera", "clinic", "health centre", "/\\bWHO\\b/"]
    assert health.patterns.matches("the who said Cholera") == []  # case: exact


@pytest.mark.parametrize(("patterns", "reason"), [
    ("{regex: ['(unclosed']}", "missing ), unterminated subpattern"),
    ("{regex: ['(a+)+b']}", "repeated group inside a repetition"),
    ("{regex: ['" + "a" * 201 + "']}", "longer than 200 characters"),
    ("{words: [x]}", "unknown key 'words'"),
    ("{case: upper}", "patterns.case must be 'ignore' or 'exact'"),
    ("{keywords: attack}", "patterns.keywords must be a list"),
    ("[attack]", "patterns must be a mapping"),
])
def test_bad_patterns_are_refused_with_a_one_line_reason(tmp_path: Path, patterns: str,
                                                         reason: str) -> None:
    with pytest.raises(CodebookError) as caught:
        _codebook(tmp_path, f"tags:\n  - {{name: health, key: '4', patterns: {patterns}}}\n")
    message = str(caught.value)
    assert message.startswith("tag health: ") and reason in message
    assert "\n" not in message


def test_the_default_codebook_ships_patterns_for_its_three_tags() -> None:
    codebook = Codebook()
    assert codebook.get("security").patterns.matches("A car bomb killed three.") == [  # type: ignore[union-attr]
        "car bomb", "kill"]
    assert codebook.get("migration").patterns.matches(  # type: ignore[union-attr]
        "Refugees crossed the border.") == ["refugee", "crossed the border"]
    assert "talks" in codebook.get("diplomacy").patterns.matches(  # type: ignore[union-attr]
        "Talks resumed in Geneva.")


def _tagged_folder(tmp_path: Path) -> Path:
    train = write_briefing(tmp_path / "train.txt", [*ATTACKS, *TALKS, *PLAIN])
    tag_sentences(train, "security", ["Gunmen"])
    tag_sentences(train, "diplomacy", ["The foreign"])
    return train


def test_below_the_minimum_of_labels_suggestions_come_from_rules_and_say_so(
        tmp_path: Path) -> None:
    doc = write_briefing(tmp_path / "few.txt", [*ATTACKS[:4], "Troops shelled the town."])
    tag_sentences(doc, "security", ["Gunmen"])
    examples = list(examples_from(open_document(doc), "few.txt"))
    suggester = Suggester(Codebook())
    suggester.train(examples)
    assert suggester.labels["security"] == 4 < MIN_WITH_RULES and not suggester.models
    found = suggester.suggest(examples, tags=["security"])
    assert [s.text for s in found] == ["Troops shelled the town."]
    assert found[0].reason == "rules only (4 of 5 labels): matched 'troops'"
    assert found[0].score == 0.5


def test_with_enough_labels_the_model_finds_what_the_rules_miss(tmp_path: Path) -> None:
    train = _tagged_folder(tmp_path)
    new = write_briefing(tmp_path / "new.txt", [
        "A checkpoint in district 44 was overrun at dawn.",  # no security pattern matches
        "Rainfall in the valley was normal for week 44 of the season."])
    examples = list(examples_from(open_document(train), "train.txt"))
    suggester = Suggester(Codebook())
    assert suggester.train(examples) == 60  # the untagged ones may be unread: not used
    assert suggester.labels == {"security": 30, "diplomacy": 30}
    assert Suggester(Codebook(), mode="rules").suggest(
        examples_from(open_document(new), "new.txt"), tags=["security"]) == []
    found = suggester.suggest(examples_from(open_document(new), "new.txt"), tags=["security"])
    assert [s.sentence for s in found] == [1]
    assert found[0].reason.startswith("model 60% (30 labels): ")  # 30 / (30 + 20)
    assert "checkpoint" in found[0].reason


def test_untagged_documents_do_not_train_and_tagged_sentences_are_not_suggested(
        tmp_path: Path) -> None:
    untagged = write_briefing(tmp_path / "untagged.txt", ATTACKS)
    examples = list(examples_from(open_document(untagged), "untagged.txt"))
    suggester = Suggester(Codebook())
    assert suggester.train(examples) == 0 and suggester.labels == {}
    tagged = _tagged_folder(tmp_path)
    security = [s for s in Suggester(Codebook()).suggest(
        examples_from(open_document(tagged), "t"), threshold=0.0) if s.tag == "security"]
    assert all(not s.text.startswith("Gunmen") for s in security)


def test_a_dismissed_tag_is_never_suggested_on_that_sentence(tmp_path: Path) -> None:
    doc = write_briefing(tmp_path / "d.txt", [
        "The foreign minister condemned the attack on the embassy.",
        "The envoy condemned the attack on the convoy."])
    tag_sentences(doc, "diplomacy", ["The foreign"],
                  dismiss={"The foreign": ["security"]})
    examples = list(examples_from(open_document(doc), "d.txt"))
    assert examples[0].dismissed == {"security"}
    found = Suggester(Codebook()).suggest(examples, tags=["security"])
    assert [s.sentence for s in found] == [2]


def test_ranking_measures() -> None:
    assert precision_at([True, False, True, False], 2) == 0.5
    assert precision_at([], 20) == 0.0
    assert average_precision([True, False, True]) == pytest.approx((1 + 2 / 3) / 2)


def test_cross_validation_on_look_alikes_beats_chance(tmp_path: Path) -> None:
    examples = list(examples_from(open_document(_tagged_folder(tmp_path)), "train.txt"))
    rows = {row.tag: row for row in cross_validate(examples, Codebook())}
    assert set(rows) == {"security", "diplomacy"}
    assert rows["security"].labels == 30
    assert rows["security"].p_at_20 == 1.0 and rows["diplomacy"].p_at_20 == 1.0
    assert rows["security"].recall > 0.9


def test_both_learners_fit_and_rank() -> None:
    from briefing_tui.core.suggest.features import features
    from briefing_tui.core.suggest.learners import LEARNERS

    rows = [features(t) for t in [*ATTACKS, *PLAIN]]
    labels = [True] * len(ATTACKS) + [False] * len(PLAIN)
    for name, kind in LEARNERS.items():
        model = kind()
        model.fit(rows, labels)
        hit, miss = (model.score(features("Gunmen attacked a checkpoint.")),
                     model.score(features("Rainfall was normal this week.")))
        assert hit > 0.5 > miss, name


def test_default_keywords_do_not_start_common_words() -> None:
    codebook = Codebook()
    assert codebook.get("diplomacy").patterns.matches(  # type: ignore[union-attr]
        "According to the harbour master, the fleet sailed.") == []
    assert codebook.get("migration").patterns.matches(  # type: ignore[union-attr]
        "The fleet sailed on a campaign.") == []
    assert codebook.get("migration").patterns.matches(  # type: ignore[union-attr]
        "Families fled to the camps.") == ["fled", "camps"]
    assert codebook.get("diplomacy").patterns.matches(  # type: ignore[union-attr]
        "The Dayton accords held.") == ["accords"]
