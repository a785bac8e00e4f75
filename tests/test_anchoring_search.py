"""Re-anchoring properties, the similarity threshold, and the search's two paths."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.core import anchor_search
from briefing_tui.core.anchoring import REVIEW_RATIO, reanchor
from devtools.generate import briefing

from .anchoring_helpers import (
    DUPLICATED,
    EXPELLED,
    REAL,
    SAMPLES,
    SEED,
    UNDERTAKING,
    VIOLENCE,
    annotate,
    by_id,
    check_invariants,
    sentence_spans,
    tag_all,
)

DOCUMENTS = [SEED, DUPLICATED * 3, briefing(6_000, 7)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_insertions_outside_annotations_keep_every_quote(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(DOCUMENTS))
    spans = sentence_spans(text)
    chosen = data.draw(st.lists(st.sampled_from(spans), min_size=1, max_size=20, unique=True))
    before = [annotate(text, s, e) for s, e in chosen]
    inside = {p for s, e in chosen for p in range(s + 1, e)}
    points = data.draw(st.lists(
        st.integers(0, len(text)).filter(lambda p: p not in inside), max_size=8))
    pieces = data.draw(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
                                min_size=len(points), max_size=len(points)))
    edited = text
    for point, piece in sorted(zip(points, pieces, strict=True), reverse=True):
        edited = edited[:point] + piece + edited[point:]
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    assert report.review == report.orphan == 0
    for a in after:
        assert a.text == by_id(before)[a.id].text


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(0, len(SEED)), length=st.integers(0, 400),
       insert=st.text(max_size=60))
def test_any_edit_keeps_the_invariants(cut: int, length: int, insert: str) -> None:
    before = tag_all(SEED)
    edited = SEED[:cut] + insert + SEED[cut + length:]
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    assert reanchor(before, edited) == (after, report)


# -- the threshold -------------------------------------------------------------------


def ratio(a: str, b: str) -> float:
    """The similarity reanchor uses (whitespace-normalised), cheap bounds first."""
    matcher = SequenceMatcher(None, " ".join(a.split()), " ".join(b.split()), autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= REVIEW_RATIO else 0.0


def test_threshold_accepts_typical_one_word_edits() -> None:
    edits = [(UNDERTAKING, UNDERTAKING.replace("undertaking", "conducting")),
             (EXPELLED, EXPELLED.replace("7,000", "8,000")),
             (VIOLENCE, VIOLENCE.replace("increased", "escalated"))]
    for old, new in edits:
        assert ratio(old, new) >= REVIEW_RATIO + 0.1


def test_threshold_rejects_neighbouring_sentences_of_real_briefings() -> None:
    """Below 2 % of real sentences have a different one this similar nearby."""
    assert REAL, "tests/data/real holds the real briefings"
    close = total = 0
    for path in [*REAL, SAMPLES / "afghan-deportations-2026.txt"]:
        text = path.read_text(encoding="utf-8")
        sentences = [text[s:e] for s, e in sentence_spans(text)]
        for i, sentence in enumerate(sentences):
            near = sentences[max(0, i - 8):i] + sentences[i + 1:i + 9]
            total += 1
            close += any(n != sentence and ratio(sentence, n) >= REVIEW_RATIO for n in near)
    assert close / total < 0.02


# -- whitespace-insensitive search: regex and collapsed copy agree ------------------------


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["a", "ab", "b", "Kabul", "7,000", "—"]), min_size=1,
                      max_size=30),
       gaps=st.lists(st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\n\n"]), min_size=30,
                     max_size=30),
       first=st.integers(0, 29), length=st.integers(1, 6))
def test_collapsed_copy_finds_what_the_regex_finds(words: list[str], gaps: list[str],
                                                   first: int, length: int) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    quote = "\n".join(words[first:first + length]) + "\u2003"  # never verbatim in text
    slow = anchor_search.Finder(text, None)
    fast = anchor_search.Finder(text, None)
    fast._regex_searches = anchor_search.REGEX_SEARCHES
    spans = slow.occurrences(quote)
    assert fast.occurrences(quote) == spans
    core = " ".join(quote.split())
    assert all(" ".join(text[s:e].split()) == core for s, e in spans)


def test_many_rewrapped_paragraphs_use_the_collapsed_copy() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 50, break_on_hyphens=False)
                          for p in SEED.split("\n\n"))
    before = tag_all(SEED)
    twins = [replace(a, id=a.id + "-twin") for a in before]  # each searched for twice
    assert len(before + twins) > anchor_search.REGEX_SEARCHES
    after, report = reanchor(before + twins, wrapped)
    check_invariants(before + twins, after, wrapped, report)
    assert report.exact + report.moved == len(before)  # one of each pair, the other lost
    placed = {a.id.removesuffix("-twin") for a in after if not a.needs_attention}
    assert placed == {a.id for a in before}
