"""Re-anchoring annotations on a changed document: exact, moved, review, orphan."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import briefing
from briefing_tui.core import anchor_search
from briefing_tui.core.anchoring import (
    PREVIOUS_TEXT,
    REVIEW_RATIO,
    AnchorReport,
    accept_review,
    previous_text,
    reanchor,
)
from briefing_tui.core.annotations import Anchor, Annotation, make_id, quote_at
from briefing_tui.core.segment import segment

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
SEED = (SAMPLES / "afghan-deportations-2026.txt").read_text(encoding="utf-8")
OTHER = (SAMPLES / "kabul-dateline-talks.txt").read_text(encoding="utf-8")
REAL = sorted((Path(__file__).resolve().parent / "data" / "real").glob("*.txt"))

EXPELLED = ("Pakistan has expelled more than 7,000 Afghan refugees in just 48 hours, "
            "triggering fresh alarm")
UNDERTAKING = "Pakistan has been undertaking a series of cross-border military operations"
VIOLENCE = ("Violence has increased in the border regions due to the recent conflicts, "
            "taking a toll on both sides.")


def annotate(text: str, start: int, end: int, tag: str = "security") -> Annotation:
    quote, prefix, suffix = quote_at(text, start, end)
    return Annotation(make_id(start, end, quote), start, end, quote, prefix, suffix, (tag,))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    split = segment(text)
    return list(zip(split.starts, split.ends, strict=True))


def tag_all(text: str) -> list[Annotation]:
    return [annotate(text, s, e) for s, e in sentence_spans(text)]


def tag_sentence(text: str, begins: str, occurrence: int = 0) -> Annotation:
    """The annotation on the ``occurrence``-th sentence that begins with ``begins``."""
    spans = [(s, e) for s, e in sentence_spans(text) if text.startswith(begins, s)]
    return annotate(text, *spans[occurrence])


def by_id(annotations: list[Annotation]) -> dict[str, Annotation]:
    return {a.id: a for a in annotations}


def check_invariants(before: list[Annotation], after: list[Annotation], text: str,
                     report: AnchorReport) -> None:
    """Nothing dropped, sorted, one annotation per span, every anchored span is real."""
    assert sorted(a.id for a in after) == sorted(a.id for a in before)
    assert after == sorted(after, key=Annotation.sort_key)
    anchored = [(a.start, a.end) for a in after if a.anchor is not Anchor.ORPHAN]
    assert len(anchored) == len(set(anchored))
    for a in after:
        assert 0 <= a.start <= a.end <= len(text)
        if a.anchor is not Anchor.ORPHAN:
            assert text[a.start:a.end] == a.text
    counts = [sum(a.anchor is kind for a in after) for kind in Anchor]
    assert counts == [report.exact, report.moved, report.review, report.orphan]
    assert len(report.details) == len(after) - report.exact


# -- exact ---------------------------------------------------------------------------


def test_unchanged_document_is_all_exact_without_splitting_sentences(
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = tag_all(SEED)

    def refuse(text: str) -> None:
        raise AssertionError("the fast path must not split sentences")

    monkeypatch.setattr(anchor_search, "segment", refuse)
    after, report = reanchor(reversed(before), SEED)
    assert after == before
    assert report == AnchorReport(len(before), 0, 0, 0, [])
    assert not report.needs_attention


def test_edits_elsewhere_keep_offsets_exact() -> None:
    before = [tag_sentence(SEED, "Pakistan has expelled")]
    edited = SEED.replace("Violence has increased", "Violence has risen sharply")
    after, report = reanchor(before, edited)
    assert after == before and report.exact == 1


def test_moved_and_orphan_inputs_that_fit_again_are_exact() -> None:
    original = tag_sentence(SEED, "Pakistan has expelled")
    for anchor in (Anchor.MOVED, Anchor.ORPHAN):
        after, report = reanchor([replace(original, anchor=anchor)], SEED)
        assert after == [original] and report.exact == 1


# -- moved ---------------------------------------------------------------------------


def test_insertion_before_the_sentence_moves_it() -> None:
    before = tag_sentence(SEED, "Pakistan has expelled")
    insert = "UPDATE (Nov. 3): figures revised.\n\n"
    edited = insert + SEED
    [after], report = reanchor([before], edited)
    assert after.anchor is Anchor.MOVED
    assert (after.start, after.end) == (before.start + len(insert), before.end + len(insert))
    assert edited[after.start:after.end] == after.text == before.text
    assert (after.prefix, after.suffix) == quote_at(edited, after.start, after.end)[1:]
    assert after.tags == before.tags and after.id == before.id
    assert report.moved == 1 and not report.needs_attention
    assert report.details == [
        f"moved: 'Pakistan has expelled more than…' from {before.start} to {after.start}"]


def test_every_sentence_moves_with_an_insertion_at_the_top() -> None:
    before = tag_all(SEED)
    edited = "Breaking: border closed.\n\n" + SEED
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    assert report.moved == len(before)
    assert all(a.start == b.start + 26 for a, b in zip(after, before, strict=True))


DUPLICATED = ("Intro. The convoy was stopped at the gate. Officials blamed the rain.\n\n"
              "Later that day, the crossing reopened. The convoy was stopped at the gate. "
              "Nobody explained why.\n")


def test_prefix_and_suffix_pick_the_right_copy_of_a_repeated_sentence() -> None:
    second = tag_sentence(DUPLICATED, "The convoy", occurrence=1)
    filler = "A long new paragraph about something else entirely. " * 8 + "\n\n"
    # The insertion puts the first copy nearer the old position than the second one.
    edited = DUPLICATED.replace("Later that day", filler + "Later that day")
    first_copy = edited.index("The convoy")
    assert abs(first_copy - second.start) < abs(edited.rindex("The convoy") - second.start)
    [after], _ = reanchor([second], edited)
    assert after.anchor is Anchor.MOVED
    assert after.start == edited.rindex("The convoy")


def test_both_copies_of_a_repeated_sentence_keep_their_own_place() -> None:
    before = [tag_sentence(DUPLICATED, "The convoy", n) for n in (0, 1)]
    edited = "Summary first.\n\n" + DUPLICATED.replace("the crossing", "the main crossing")
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    moved = {a.id: a.start for a in after}
    assert moved[before[0].id] == edited.index("The convoy")
    assert moved[before[1].id] == edited.rindex("The convoy")


def test_hard_wrap_changed_is_moved_not_review() -> None:
    paragraph = next(p for p in SEED.split("\n\n") if p.startswith("Pakistan has been"))
    wrapped = SEED.replace(paragraph, textwrap.fill(paragraph, 60))
    before = [a for a in tag_all(SEED) if paragraph.find(a.text) >= 0]
    after, report = reanchor(before, wrapped)
    check_invariants(before, after, wrapped, report)
    assert report.moved == len(before) == 2 and report.review == 0
    assert all("\n" in a.text for a in after)
    assert all(" ".join(a.text.split()) == " ".join(b.text.split())
               for a, b in zip(after, before, strict=True))
    assert all(d.endswith("(whitespace changed)") for d in report.details)
    # ...and back: unwrapping moves them again, with the original quotes.
    again, report = reanchor(after, SEED)
    assert [a.text for a in again] == [b.text for b in before] and report.moved == 2


# -- review --------------------------------------------------------------------------


def test_one_changed_word_is_review_at_the_edited_sentence() -> None:
    before = tag_all(SEED)
    edited = SEED.replace(UNDERTAKING, UNDERTAKING.replace("undertaking", "conducting"))
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    [review] = [a for a in after if a.anchor is Anchor.REVIEW]
    assert review.text.startswith("Pakistan has been conducting a series")
    assert "undertaking" in (previous_text(review) or "")
    assert review.tags == ("security",)
    assert report.exact + report.moved == len(before) - 1 and report.needs_attention
    [line] = [d for d in report.details if d.startswith("review")]
    assert line.startswith("review: 'Pakistan has been undertaking a…'") and "similar" in line


def test_review_is_sticky_until_accepted() -> None:
    before = [tag_sentence(SEED, "Pakistan has expelled")]
    edited = SEED.replace("expelled", "deported")
    [review], _ = reanchor(before, edited)
    again, report = reanchor([review], edited)
    assert again == [review] and report.review == 1
    assert report.details == [f"review: {review.text[:31]!r}"[:-1] + "…' at "
                              f"{review.start} is not confirmed yet"]
    accepted = accept_review(review)
    assert accepted.anchor is Anchor.EXACT and previous_text(accepted) is None
    assert reanchor([accepted], edited)[1].exact == 1


def test_document_fixed_back_restores_review_and_orphan() -> None:
    before = [tag_sentence(SEED, "Pakistan has expelled"), tag_sentence(SEED, "Violence")]
    edited = SEED.replace("expelled", "deported").replace(VIOLENCE + "\n\n", "")
    broken, report = reanchor(before, edited)
    assert (report.review, report.orphan) == (1, 1)
    fixed, report = reanchor(broken, SEED)
    assert fixed == before
    assert report.exact == 2 and not report.needs_attention


def test_review_that_moves_again_keeps_the_first_quote() -> None:
    before = [tag_sentence(SEED, "Pakistan has expelled")]
    once = SEED.replace("expelled", "deported")
    [review], _ = reanchor(before, once)
    twice = "Preface.\n\n" + once.replace("7,000", "7,200")
    [again], _ = reanchor([review], twice)
    assert again.anchor is Anchor.REVIEW and "7,200" in again.text
    assert previous_text(again) == before[0].text
    assert [k for k, _ in again.extra].count(PREVIOUS_TEXT) == 1


def test_rewritten_sentence_below_threshold_is_orphan() -> None:
    before = [tag_sentence(SEED, "Pakistan has expelled")]
    edited = SEED.replace(
        "Pakistan has expelled more than 7,000 Afghan refugees in just 48 hours",
        "Within two days, over seven thousand people were pushed across the frontier")
    [after], report = reanchor(before, edited)
    assert after.anchor is Anchor.ORPHAN and report.orphan == 1


# -- orphan --------------------------------------------------------------------------


def test_deleted_sentence_is_orphan_and_kept() -> None:
    before = tag_all(SEED)
    edited = SEED.replace(VIOLENCE + "\n\n", "")
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    [orphan] = [a for a in after if a.anchor is Anchor.ORPHAN]
    original = by_id(before)[orphan.id]
    assert orphan == replace(original, anchor=Anchor.ORPHAN)
    assert "orphan: 'Violence has increased in the b…' (text not found)" in report.details


def test_whole_text_replaced_orphans_everything_and_drops_nothing() -> None:
    before = tag_all(SEED)
    after, report = reanchor(before, OTHER)
    check_invariants(before, after, OTHER, report)
    assert report.orphan == len(before) and report.needs_attention
    for a in after:
        old = by_id(before)[a.id]
        assert (a.text, a.tags) == (old.text, old.tags)
        assert a.start == min(old.start, len(OTHER)) and a.end == min(old.end, len(OTHER))


def test_empty_document_and_empty_input() -> None:
    before = tag_all(SEED)
    after, report = reanchor(before, "")
    assert report.orphan == len(before) and all(a.start == a.end == 0 for a in after)
    assert reanchor([], SEED) == ([], AnchorReport(0, 0, 0, 0, []))


# -- one span, one annotation ------------------------------------------------------


def test_two_annotations_on_one_span_the_second_is_reviewed_or_orphaned() -> None:
    first = tag_sentence(SEED, "Pakistan has expelled")
    twin = replace(first, id="zzz-twin", tags=("migration",))
    after, report = reanchor([twin, first], SEED)
    check_invariants([first, twin], after, SEED, report)
    kept, other = by_id(after)[first.id], by_id(after)["zzz-twin"]
    assert kept == first
    assert other.anchor is Anchor.ORPHAN
    assert report.details == [f"orphan: {first.text[:31]!r}"[:-1] + "…' (its match at "
                              f"{first.start} went to {first.id}; nothing else matches)"]


def test_two_edited_sentences_on_one_new_sentence() -> None:
    text = ("Aid convoys reached Herat on Monday morning after long delays.\n\n"
            "Aid convoys reached Herat on Monday evening after long delays.\n")
    before = [annotate(text, *span) for span in sentence_spans(text)]
    edited = "Aid convoys reached Herat on Monday after long delays.\n"
    after, report = reanchor(before, edited)
    check_invariants(before, after, edited, report)
    assert (report.review, report.orphan) == (1, 1)
    [review] = [a for a in after if a.anchor is Anchor.REVIEW]
    assert review.id == before[0].id  # equal ratios: document order decides


def test_a_sentence_held_exactly_is_not_given_to_a_deleted_near_twin() -> None:
    caption = tag_sentence(SEED, "The deportation has a serious")
    body = tag_sentence(SEED, "The deportation has a profound")
    edited = SEED.replace(caption.text, "")
    after, report = reanchor([caption, body], edited)
    check_invariants([caption, body], after, edited, report)
    assert by_id(after)[caption.id].anchor is Anchor.ORPHAN
    assert by_id(after)[body.id].anchor is Anchor.MOVED


# -- determinism and properties ---------------------------------------------------------


def test_same_input_same_output_in_any_order() -> None:
    before = tag_all(SEED)
    edited = ("Lead.\n\n" + SEED.replace("expelled", "deported")
              .replace(VIOLENCE, "").replace("Mullah Hamdullah", "Mullah  Hamdullah"))
    first = reanchor(before, edited)
    assert reanchor(list(reversed(before)), edited) == first
    assert reanchor(before, edited, segment(edited)) == first


# Repeated sentences and headings (the generator's) are the hard case for "moved".
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
