"""Tagging, notes and undo/redo in the annotation model."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.annotations import AnnotationSet, make_id
from briefing_tui.core.segment import segment

TEXT = "First sentence here. Second one follows. Third closes it."
SPANS = [(s.start, s.end) for s in segment(TEXT)]


def test_toggle_adds_and_removes_and_empty_annotations_vanish() -> None:
    notes = AnnotationSet()
    start, end = SPANS[1]
    assert notes.toggle_tag(TEXT, start, end, "security") is True
    assert notes.toggle_tag(TEXT, start, end, "migration") is True
    [annotation] = notes.sorted()
    assert annotation.tags == ("security", "migration")
    assert annotation.text == "Second one follows."
    assert annotation.prefix.endswith("here. ") and annotation.suffix.startswith(" Third")
    assert notes.toggle_tag(TEXT, start, end, "security") is False
    assert notes.toggle_tag(TEXT, start, end, "migration") is False
    assert len(notes) == 0


def test_note_keeps_an_untagged_annotation_and_empty_note_removes_it() -> None:
    notes = AnnotationSet()
    start, end = SPANS[0]
    notes.set_note(TEXT, start, end, "check the source")
    assert notes.at(start, end) is not None
    notes.set_note(TEXT, start, end, "")
    assert notes.at(start, end) is None


def test_ids_are_derived_from_span_and_quote_and_never_collide() -> None:
    start, end = SPANS[2]
    one, two = AnnotationSet(), AnnotationSet()
    one.toggle_tag(TEXT, start, end, "security")
    two.toggle_tag(TEXT, start, end, "diplomacy")
    assert one.sorted()[0].id == two.sorted()[0].id == make_id(start, end, TEXT[start:end])


OPS = st.lists(st.tuples(st.sampled_from(["tag", "note", "remove"]),
                         st.integers(0, len(SPANS) - 1),
                         st.sampled_from(["security", "migration", "diplomacy"])),
               max_size=25)


@given(OPS)
def test_undo_all_returns_to_empty_and_redo_all_returns_to_the_end(ops: list[
        tuple[str, int, str]]) -> None:
    notes = AnnotationSet()
    for op, index, tag in ops:
        start, end = SPANS[index]
        if op == "tag":
            notes.toggle_tag(TEXT, start, end, tag)
        elif op == "note":
            notes.set_note(TEXT, start, end, f"note {tag}")
        else:
            found = notes.at(start, end)
            if found is not None:
                notes.remove(found.id)
    final = notes.sorted()
    while notes.undo() is not None:
        pass
    assert notes.sorted() == []
    while notes.redo() is not None:
        pass
    assert notes.sorted() == final
    # the span index agrees with the items after all that history
    for annotation in final:
        assert notes.at(annotation.start, annotation.end) == annotation


def test_a_new_change_clears_redo() -> None:
    notes = AnnotationSet()
    start, end = SPANS[0]
    notes.toggle_tag(TEXT, start, end, "security")
    notes.undo()
    assert notes.can_redo
    notes.toggle_tag(TEXT, start, end, "migration")
    assert not notes.can_redo
