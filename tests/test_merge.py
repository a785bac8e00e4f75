"""Three-way merge of annotations by id: one-sided changes win, nothing written is lost."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.merge import NOTE_SEPARATOR, merge_annotations

A = Annotation("a1", 10, 50, "Pakistan has expelled more than 7,000 Afghan refugees",
               tags=("security",), note="")
B = Annotation("b2", 60, 80, "Talks resume in Doha", tags=("diplomacy",))
C = Annotation("c3", 0, 5, "Kabul", tags=("migration",))


def _ids(result: list[Annotation]) -> list[str]:
    return [a.id for a in result]


def test_a_change_on_one_side_wins() -> None:
    tagged = replace(A, tags=("security", "migration"))
    for mine, theirs in (([tagged, B], [A, B]), ([A, B], [tagged, B])):
        result = merge_annotations([A, B], mine, theirs)
        assert result.annotations == [tagged, B] and result.conflicts == []


def test_additions_on_either_side_are_kept_in_document_order() -> None:
    result = merge_annotations([A], [A, B], [C, A])
    assert _ids(result.annotations) == ["c3", "a1", "b2"] and result.conflicts == []


def test_a_removal_stands_when_the_other_side_did_not_touch_it() -> None:
    assert merge_annotations([A, B], [B], [A, B]).annotations == [B]
    assert merge_annotations([A, B], [A, B], [A]).annotations == [A]
    assert merge_annotations([A, B], [B], [B]).annotations == [B]


def test_removed_on_one_side_but_changed_on_the_other_is_kept_and_reported() -> None:
    noted = replace(A, note="Check the UNHCR figure")
    result = merge_annotations([A], [], [noted])
    assert result.annotations == [noted]
    assert result.conflicts == ["'Pakistan has expelled more tha…' was removed on one side "
                                "and changed on the other; kept it"]


def test_tags_merge_per_tag() -> None:
    base = replace(A, tags=("security", "migration"))
    mine = replace(A, tags=("security", "diplomacy"), note="mine")  # removed migration
    theirs = replace(A, tags=("security", "migration", "health"))  # added health
    [merged] = merge_annotations([base], [mine], [theirs]).annotations
    assert merged.tags == ("security", "diplomacy", "health")  # migration stays removed
    assert merged.note == "mine"


def test_tags_removed_on_both_sides_or_added_on_both_sides() -> None:
    base = replace(A, tags=("security", "migration"))
    mine = replace(A, tags=("migration", "x"))
    theirs = replace(A, tags=("migration", "x", "y"))
    [merged] = merge_annotations([base], [mine], [theirs]).annotations
    assert merged.tags == ("migration", "x", "y")


def test_notes_changed_differently_on_both_sides_are_both_kept_and_reported() -> None:
    base = replace(A, note="old")
    mine, theirs = replace(A, note="mine"), replace(A, note="theirs")
    result = merge_annotations([base], [mine], [theirs])
    assert result.annotations[0].note == "mine\n---\ntheirs"
    assert result.conflicts == ["note on 'Pakistan has expelled more tha…' changed on both "
                                "sides; kept both"]
    same = merge_annotations([base], [mine], [replace(theirs, note="mine")])
    assert same.annotations == [mine] and same.conflicts == []


def test_the_same_id_added_on_both_sides() -> None:
    mine = replace(A, tags=("security",), note="first look")
    theirs = replace(A, tags=("migration",), note="")
    result = merge_annotations([], [mine], [theirs])
    assert result.annotations[0].tags == ("security", "migration")
    assert result.annotations[0].note == "first look" and result.conflicts == []
    both = merge_annotations([], [mine], [replace(theirs, note="other look")])
    assert both.annotations[0].note == "first look\n---\nother look"
    assert len(both.conflicts) == 1


def test_one_side_moves_the_other_tags() -> None:
    moved = replace(A, start=110, end=150, anchor=Anchor.MOVED)
    tagged = replace(A, tags=("security", "health"))
    [merged] = merge_annotations([A], [moved], [tagged]).annotations
    assert (merged.start, merged.end, merged.anchor) == (110, 150, Anchor.MOVED)
    assert merged.tags == ("security", "health")


def test_both_sides_move_it_differently_keeps_mine_and_reports() -> None:
    mine = replace(A, start=110, end=150, note="n")
    theirs = replace(A, start=210, end=250)
    result = merge_annotations([A], [mine], [theirs])
    assert result.annotations[0].start == 110 and result.annotations[0].note == "n"
    assert result.conflicts == ["position of 'Pakistan has expelled more tha…' changed on "
                                "both sides; kept mine"]


def test_extra_keys_merge_per_key() -> None:
    base = replace(A, extra=(("k", 1), ("z", 0)))
    mine = replace(A, extra=(("k", 2), ("z", 0)), note="m")
    theirs = replace(A, extra=(("k", 1), ("new", True)), note="m")
    [merged] = merge_annotations([base], [mine], [theirs]).annotations
    assert merged.extra == (("k", 2), ("new", True))


annotation_values = st.builds(
    Annotation, st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 9),
    st.integers(10, 19), st.just("t"),
    tags=st.lists(st.sampled_from(["x", "y", "z"]), unique=True).map(tuple),
    note=st.sampled_from(["", "n1", "n2"]))
sides = st.lists(annotation_values, unique_by=lambda a: a.id, max_size=4)


@settings(max_examples=300, deadline=None)
@given(sides, sides, sides)
def test_merge_laws(base: list[Annotation], mine: list[Annotation],
                    theirs: list[Annotation]) -> None:
    def key(items: list[Annotation]) -> list[Annotation]:
        return sorted(items, key=Annotation.sort_key)

    result = merge_annotations(base, mine, theirs)
    assert result.annotations == key(result.annotations)  # document order
    assert merge_annotations(base, mine, theirs) == result  # deterministic
    assert merge_annotations(base, mine, base).annotations == key(mine)
    assert merge_annotations(base, base, theirs).annotations == key(theirs)
    assert merge_annotations(base, mine, mine).annotations == key(mine)
    kept = {a.id for a in result.annotations}
    for side, other in ((mine, theirs), (theirs, mine)):
        before = {a.id: a for a in base}
        after = {a.id: a for a in other}
        for a in side:
            if before.get(a.id) != a:  # changed or added here: never lost (its id,
                # or folded into the other side's annotation on the same span)
                assert a.id in kept or any(
                    (r.start, r.end) == (a.start, a.end) and set(a.tags) <= set(r.tags)
                    and a.note in r.note for r in result.annotations)
            elif a.id not in after:  # untouched here, removed there
                assert a.id not in kept
    old_notes = {a.id: a.note for a in base}
    merged_notes = {a.id: a.note for a in result.annotations}
    for a in [*mine, *theirs]:
        if a.id in merged_notes and a.note != old_notes.get(a.id, ""):
            assert a.note in merged_notes[a.id]  # a note written on either side is kept


def test_one_sentence_tagged_under_two_ids_is_folded_into_one() -> None:
    """A re-anchored annotation keeps its old id; a colleague's fresh tag on the same
    sentence has another. Two annotations on one span would hide one of them."""
    moved = replace(A, id="old-id", tags=("security",), note="mine")
    fresh = replace(A, id="new-id", tags=("migration",), note="theirs")
    result = merge_annotations([], [moved], [fresh])
    [merged] = result.annotations
    assert merged.id == "old-id" and merged.tags == ("security", "migration")
    assert merged.note == "mine" + NOTE_SEPARATOR + "theirs"
    assert result.conflicts == ["'Pakistan has expelled more tha…' was tagged on both "
                                "sides under different ids; combined into one"]
    assert len(merge_annotations([], [moved, fresh], [moved, fresh]).annotations) == 2
