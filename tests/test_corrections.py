"""The analyst's split/join fixes: applied to the sentences, saved, re-anchored, merged,
undone, and never losing a tag on a joined or cut sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.corrections import (
    ORPHAN,
    Corrections,
    merge_corrections,
    point_at,
    reanchor_corrections,
)
from briefing_tui.core.document import open_document
from briefing_tui.core.fixes import FixError, join_next, split_sentence
from briefing_tui.core.merge import NOTE_SEPARATOR
from briefing_tui.core.segment import segment
from briefing_tui.core.sidecar import read_sidecar

TEXT = ("The convoy left Kabul at dawn. It reached Jalalabad by noon. "
        "Officials said the U.N. team will stay two days and then return.\n\n"
        "A second paragraph follows here.\n")


def _texts(document_text: str, fixes: Corrections | None = None) -> list[str]:
    split = segment(document_text, fixes)
    return [split.sentence_text(i) for i in range(len(split))]


def _doc(tmp_path: Path, text: str = TEXT) -> Path:
    path = tmp_path / "convoy.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_joins_and_splits_change_only_their_sentences() -> None:
    plain = _texts(TEXT)
    assert plain[:2] == ["The convoy left Kabul at dawn.", "It reached Jalalabad by noon."]
    joined = Corrections().with_join(TEXT, TEXT.index("It reached"))
    assert _texts(TEXT, joined)[0] == "The convoy left Kabul at dawn. It reached Jalalabad by noon."
    cut = Corrections().with_split(TEXT, TEXT.index("and then"))
    texts = _texts(TEXT, cut)
    assert "Officials said the U.N. team will stay two days" in texts
    assert "and then return." in texts
    assert len(texts) == len(plain) + 1
    # a join across a blank line does nothing: paragraphs are the document's own
    across = Corrections().with_join(TEXT, TEXT.index("A second"))
    assert _texts(TEXT, across) == plain


def test_a_split_where_a_join_was_removes_the_join_and_the_reverse() -> None:
    at = TEXT.index("It reached")
    joined = Corrections().with_join(TEXT, at)
    assert joined.with_split(TEXT, at) == Corrections()
    cut = Corrections().with_split(TEXT, TEXT.index("and then"))
    assert cut.with_join(TEXT, TEXT.index("and then")) == Corrections()


def test_points_re_anchor_when_the_text_changes() -> None:
    at = TEXT.index("and then")
    fixes = Corrections().with_split(TEXT, at)
    edited = "BREAKING.\n\n" + TEXT
    moved = reanchor_corrections(fixes, edited)
    assert moved.splits[0].at == at + len("BREAKING.\n\n") and moved.splits[0].placed
    assert "and then return." in _texts(edited, moved)
    gone = reanchor_corrections(fixes, "Nothing of the old text is left here.")
    assert gone.splits[0].anchor == ORPHAN and not gone.split_offsets
    assert reanchor_corrections(gone, TEXT).splits[0].placed  # the text came back


def test_three_way_merge_keeps_both_sides_fixes() -> None:
    base = Corrections().with_join(TEXT, TEXT.index("It reached"))
    mine = base.with_split(TEXT, TEXT.index("and then"))
    theirs = Corrections()  # they undid the join
    merged = merge_corrections(base, mine, theirs)
    assert [p.at for p in merged.splits] == [TEXT.index("and then")]
    assert merged.joins == ()
    assert merge_corrections(base, base, base) == base


def test_join_combines_tags_and_notes_and_undo_restores_both(tmp_path: Path) -> None:
    document = open_document(_doc(tmp_path))
    split, notes = document.segmentation, document.annotations
    for index, tag, note in ((0, "security", "first"), (1, "migration", "second")):
        start, end = split.starts[index], split.ends[index]
        notes.toggle_tag(document.text, start, end, tag)
        notes.set_note(document.text, start, end, note)
    before = notes.sorted()
    count = len(split)
    joined = join_next(document, 0)
    assert len(split) == count - 1 and joined == 0
    (one,) = notes.sorted()
    assert (one.start, one.end) == (split.starts[0], split.ends[0])
    assert one.tags == ("security", "migration")
    assert one.note == "first" + NOTE_SEPARATOR + "second"
    document.save()
    data, _ = read_sidecar(document.sidecar) or pytest.fail("no sidecar")
    assert [p.at for p in data.corrections.joins] == [TEXT.index("It reached")]
    assert '"before": "The convoy left Kabul at dawn. "' in document.sidecar.read_text()
    notes.undo()
    assert document.sync_corrections()
    assert len(split) == count and notes.sorted() == before
    notes.redo()
    document.sync_corrections()
    assert len(split) == count - 1 and notes.sorted()[0].tags == ("security", "migration")


def test_split_gives_both_halves_the_tags_and_the_first_the_note(tmp_path: Path) -> None:
    document = open_document(_doc(tmp_path))
    split, notes = document.segmentation, document.annotations
    start, end = split.starts[2], split.ends[2]
    notes.toggle_tag(document.text, start, end, "diplomacy")
    notes.set_note(document.text, start, end, "check the dates")
    split_sentence(document, 2, TEXT.index("and then"))
    first, second = notes.sorted()
    assert document.text[first.start:first.end] == \
        "Officials said the U.N. team will stay two days"
    assert (first.tags, first.note) == (("diplomacy",), "check the dates")
    assert (second.text, second.tags, second.note) == ("and then return.", ("diplomacy",), "")
    document.save()
    reopened = open_document(document.path)  # the fix applies again when reopened
    texts = [reopened.segmentation.sentence_text(i) for i in range(len(reopened.segmentation))]
    assert "and then return." in texts
    assert [a.tags for a in reopened.annotations.sorted()] == [("diplomacy",), ("diplomacy",)]


def test_join_and_split_keep_who_tagged_the_sentences(tmp_path: Path) -> None:
    """`by` names who tagged or noted a sentence: a join or split must not erase it."""
    document = open_document(_doc(tmp_path), analyst="amina")
    split, notes = document.segmentation, document.annotations
    notes.toggle_tag(document.text, split.starts[0], split.ends[0], "security")
    notes.analyst = "bo"
    notes.toggle_tag(document.text, split.starts[1], split.ends[1], "migration")
    join_next(document, 0)
    (joined,) = notes.sorted()
    assert joined.by == ("amina", "bo")
    split_sentence(document, 0, TEXT.index("It reached"))
    assert [a.by for a in notes.sorted()] == [("amina", "bo"), ("amina", "bo")]
    document.save()
    assert '"by": ["amina", "bo"]' in document.sidecar.read_text()


def test_fixes_that_cannot_be_made_say_why(tmp_path: Path) -> None:
    document = open_document(_doc(tmp_path))
    last = len(document.segmentation) - 1
    with pytest.raises(FixError, match="last sentence"):
        join_next(document, last)
    with pytest.raises(FixError, match="new paragraph"):
        join_next(document, last - 1)
    with pytest.raises(FixError, match="word starts"):
        split_sentence(document, 0, 2)


def test_fixes_survive_an_edit_of_the_document(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    document = open_document(path)
    join_next(document, 0)
    document.save()
    path.write_text("UPDATE\n\n" + TEXT, encoding="utf-8")
    reopened = open_document(path)
    assert reopened.segmentation.sentence_text(1) == \
        "The convoy left Kabul at dawn. It reached Jalalabad by noon."


def test_sidecar_with_fixes_is_byte_stable_and_keeps_bad_entries(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    document = open_document(path)
    split_sentence(document, 2, TEXT.index("and then"))
    join_next(document, 0)
    document.save()
    first = document.sidecar.read_bytes()
    text = first.decode()
    assert text.index("splits:") < text.index("joins:") < text.index("annotations:")
    broken = text.replace("joins:\n", 'joins:\n- {"at": "nowhere"}\n')
    document.sidecar.write_text(broken, encoding="utf-8")
    again = open_document(path)
    assert any("joins #1" in p for p in again.problems)
    assert "and then return." in [again.segmentation.sentence_text(i)
                                  for i in range(len(again.segmentation))]
    again.annotations.touch()
    again.save()
    assert '- {"at": "nowhere"}' in again.sidecar.read_text()
    assert point_at(TEXT, 4).before == "The "


def test_the_git_merge_driver_merges_fixes_and_metadata(tmp_path: Path) -> None:
    from briefing_tui.core.git_driver import merge_sidecar_texts
    from briefing_tui.core.metadata import Metadata

    document = open_document(_doc(tmp_path))
    document.set_metadata(Metadata(title="Convoy"))
    document.save()
    base = document.sidecar.read_text(encoding="utf-8")
    join_next(document, 0)  # ours: a join
    document.save()
    ours = document.sidecar.read_text(encoding="utf-8")
    (tmp_path / "theirs").mkdir()
    other = open_document(_doc(tmp_path / "theirs"))
    other.set_metadata(Metadata(title="Convoy", date="2024-05-01"))  # theirs: a date, a cut
    split_sentence(other, 2, TEXT.index("and then"))
    other.save()
    theirs = other.sidecar.read_text(encoding="utf-8")
    merged = merge_sidecar_texts(base, ours, theirs).text
    assert 'title: "Convoy"\n  date: "2024-05-01"\n' in merged
    assert "splits:\n- " in merged and "joins:\n- " in merged
