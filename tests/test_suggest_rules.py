"""Every tag's rules in one scan: the same hits as scanning with each tag alone, kept
per document text across retrains."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.codebook import Codebook, Tag
from briefing_tui.core.suggest import Suggester
from briefing_tui.core.suggest.examples import Example
from briefing_tui.core.suggest.live import score_sentences
from briefing_tui.core.suggest.rules import HitCache, RuleScan
from briefing_tui.core.tag_patterns import build_patterns
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS

TEXTS = [
    "The Security Council met; security forces opened fire near the camp.",
    "Armed groups attacked; an armed group and the ARMY withdrew. Talks resumed.",
    "Refugees crossed   the border; IDPs and idps fled the camps.",
    "The WHO said cholera reached two Clinics and a health centre; 12 killed.",
    "ſecurity, the Kelvin K, İstanbul talks, STRASSE and straße; Ünited Nations.",
    "disarmed, carbon, ecar, accords signed by the Envoy at the U.N. envoy's desk",
    "un UN Un: food, water and aid for the United   Nations security council",
    "", "no rule here at all", "attack" * 3 + " attack",
]


def _codebook() -> Codebook:
    """The default tags, an exact-case tag with regexes and a tag sharing their words."""
    return Codebook([*Codebook().tags,
                     Tag("health", "4", "#00ff00", "", ("cholera",), build_patterns(
                         ("Clinic", "WHO"), ("health centre",),
                         (r"\bIDPs?\b", r"\d+ (?:dead|killed)"), exact_case=True)),
                     Tag("aid", "5", "#0000ff", "", (), build_patterns(
                         ("food", "water", "aid", "straße", "İstanbul", "ſ"),
                         ("United Nations", "security council", "U.N. envoy"),
                         (r"\bUN\b",)))])


def test_one_scan_of_every_tag_finds_what_each_tag_alone_finds() -> None:
    for codebook in (Codebook(), _codebook()):
        scan = RuleScan(codebook)
        for text in TEXTS + ATTACKS[:3] + TALKS[:3] + PLAIN[:3]:
            alone = {t.name: found for t in codebook if (found := t.patterns.matches(text))}
            assert scan.hits(text) == alone, text
    scan = RuleScan(Codebook())
    # "Security Council" is diplomacy's phrase and starts with security's keyword: both
    assert scan.hits(TEXTS[0]) == {"security": ["security", "security forces",
                                                "opened fire"],
                                   "migration": ["camp"],
                                   "diplomacy": ["Security Council"]}


def test_the_suggestions_are_those_of_scanning_each_tag_alone() -> None:
    """The ranking as before the joint scan: each pair's hits from its own tag's scan."""
    examples = [Example("d", i + 1, 0, len(t), t, frozenset(), frozenset(), True)
                for i, t in enumerate(TEXTS)]
    train = [Example("t", i, 0, len(t), t, frozenset({tag}), frozenset(), True)
             for tag, texts in (("security", ATTACKS), ("diplomacy", TALKS))
             for i, t in enumerate(texts)]
    codebook = _codebook()
    suggester = Suggester(codebook, min_labels=5)
    suggester.train([*train, *(Example("p", i, 0, len(t), t, frozenset(), frozenset(), True)
                               for i, t in enumerate(PLAIN))])
    expected = []
    for example in examples:
        for tag in suggester.tags:
            entry = codebook.get(tag)
            hits = entry.patterns.matches(example.text) if entry else []
            value, why = suggester.score(example.text, tag, hits=hits)
            if value >= 0.5:
                expected.append((example.number, tag, round(value, 4), why))
    got = [(s.sentence, s.tag, s.score, s.reason) for s in suggester.suggest(examples)]
    assert sorted(got) == sorted(expected) and expected


def test_a_documents_rule_hits_are_matched_once_per_text(tmp_path: Path) -> None:
    text = " ".join(TEXTS)
    starts, ends, at = [], [], 0
    for sentence in TEXTS:
        starts.append(at)
        ends.append(at + len(sentence))
        at += len(sentence) + 1
    cache = HitCache()
    suggester = Suggester(Codebook())
    first = cache.of(suggester.rules, "abc", text, starts, ends)
    assert first[0]["diplomacy"] == ["Security Council"]
    retrained = Suggester(Codebook())  # a retrain: a new suggester, the same rules
    assert cache.of(retrained.rules, "abc", text, starts, ends) is first
    other = Suggester(_codebook())  # other rules: matched again
    assert cache.of(other.rules, "abc", text, starts, ends) is not first
    cache.keep_only({"def"})
    assert cache.of(retrained.rules, "abc", text, starts, ends) is not first
    trained = Suggester(_codebook())
    trained.train(Example("t", i, 0, len(t), t, frozenset(tags), frozenset(), True)
                  for tags, texts in ((["security"], ATTACKS), (["diplomacy"], TALKS),
                                      ([], PLAIN))
                  for i, t in enumerate(texts))
    assert set(trained.models) == {"security", "diplomacy"}
    every = score_sentences(trained, text, starts, ends).by_start
    for start, found in every.items():
        sentence = text[start:ends[starts.index(start)]]  # blend() is score() without why
        assert [c.score for c in found] == [round(trained.score(sentence, c.tag)[0], 4)
                                            for c in found]
    assert any(c.reason.startswith("model ") for found in every.values() for c in found)
    shown = score_sentences(retrained, text, starts, ends, "abc", cache=cache)
    alone = score_sentences(retrained, text, starts, ends)
    assert {s: [(c.tag, c.score, c.reason) for c in found]
            for s, found in shown.by_start.items()} == \
        {s: [(c.tag, c.score, c.reason) for c in found] for s, found in alone.by_start.items()}
