"""Re-anchoring annotations on a changed document: exact, moved, review, orphan."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest

from briefing_tui.core import anchor_search
from briefing_tui.core.anchoring import (
    PREVIOUS_TEXT,
    AnchorReport,
    accept_review,
    previous_text,
    reanchor,
)
from briefing_tui.core.annotations import Anchor, quote_at
from briefing_tui.core.segment import segment

from .anchoring_helpers import (
    DUPLICATED,
    OTHER,
    SEED,
    UNDERTAKING,
    VIOLENCE,
    annotate,
    by_id,
    check_invariants,
    sentence_spans,
    tag_all,
    tag_sentence,
)

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


def test_review_prefers_the_edited_sentence_in_place_over_a_closer_twin() -> None:
    text = ("UNHCR said 5,000 people fled to Herat on Monday. Roads were closed.\n\n"
            "UNHCR said 5,100 people fled to Herat on Monday. Markets were shut.\n")
    before = [tag_sentence(text, "UNHCR said 5,000")]
    edited = text.replace("5,000 people fled", "5,000 people walked")
    twin = edited.index("UNHCR said 5,100")
    [after], _ = reanchor(before, edited)
    assert after.anchor is Anchor.REVIEW and after.start == 0 and "walked" in after.text
    assert reanchor(before, edited[twin:])[0][0].start == 0  # with no edited one: the twin


def test_edited_sentence_moved_far_away_is_found_by_its_head() -> None:
    before = [tag_sentence(SEED, "Pakistan has expelled")]
    paragraph = before[0].text
    edited = (SEED.replace(paragraph + "\n\n", "")
              + "\n" + paragraph.replace("fresh alarm", "new alarm") + "\n")
    [after], report = reanchor(before, edited)
    assert after.anchor is Anchor.REVIEW and "new alarm" in after.text
    assert after.start > before[0].start + anchor_search.WINDOW_CHARS
    assert report.details[0].startswith("review: 'Pakistan has expelled more than…' from 224")


def test_sentence_edited_at_both_ends_and_moved_is_found_by_its_context() -> None:
    before = [tag_sentence(SEED, "Violence has increased")]
    block_start = SEED.index("Pakistan has been undertaking")
    block_end = SEED.index("Mass Deportations")
    block = SEED[block_start:block_end]
    changed = block.replace("Violence has increased", "Clashes have increased").replace(
        "taking a toll on both sides.", "taking a toll on every side.")
    edited = SEED[:block_start] + SEED[block_end:] + "\n\n" + changed
    [after], _ = reanchor(before, edited)
    assert after.anchor is Anchor.REVIEW and after.text.startswith("Clashes have increased")


def test_long_sentence_is_compared_word_by_word() -> None:
    words = SEED.replace(".", ",").replace("?", ",").split()
    long = "Intro.\n\n" + " ".join(words)[:6000] + ".\n\nCoda.\n"
    before = [tag_sentence(long, words[0])]
    assert len(before[0].text) > anchor_search.LONG_CHARS
    edited = long.replace("sovereignty", "territory", 1)
    [after], report = reanchor(before, edited)
    assert after.anchor is Anchor.REVIEW and "territory" in after.text
    assert "[-sovereignty,-] {+territory,+}" in report.details[0]  # the change, not a cut


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


def test_orphans_still_not_found_stay_as_they_are() -> None:
    orphans, _ = reanchor(tag_all(SEED), OTHER)
    again, report = reanchor(orphans, OTHER)
    assert again == orphans and report.orphan == len(orphans)


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
    assert review.id == before[0].id  # equal ratios: context, then document order


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

