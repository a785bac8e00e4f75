"""A cursor follows its sentence when the briefing is edited on disk (core.textshift)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.textshift import BLOCK, common_prefix, follow

TEXT = "Title.\n\nFirst sentence here.\n\nSecond sentence there.\n"


def test_a_paragraph_inserted_above_shifts_the_place() -> None:
    new = "Editor's note.\n\n" + TEXT
    at = TEXT.index("Second")
    assert new[follow(TEXT, new, at):].startswith("Second")


def test_a_word_changed_after_the_place_keeps_it() -> None:
    new = TEXT.replace("there", "everywhere")
    assert follow(TEXT, new, TEXT.index("Second")) == TEXT.index("Second")


def test_a_place_inside_a_replaced_stretch_goes_to_its_start() -> None:
    new = TEXT.replace("First sentence here.", "Completely new words.")
    assert follow(TEXT, new, TEXT.index("sentence here")) == TEXT.index("First")


def test_long_texts_compare_by_blocks() -> None:
    old = "x" * (3 * BLOCK + 5)
    assert common_prefix(old, old[:-1] + "y") == len(old) - 1
    assert follow(old, "y" + old, 2 * BLOCK) == 2 * BLOCK + 1


@given(st.text("ab\n", max_size=30), st.data())
def test_places_before_the_edit_stay_and_every_result_is_in_the_text(
        old: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(old)))
    end = data.draw(st.integers(start, len(old)))
    new = old[:start] + data.draw(st.text("abc", max_size=5)) + old[end:]
    for offset in range(len(old) + 1):
        moved = follow(old, new, offset)
        assert 0 <= moved <= len(new)
        if offset < start:
            assert moved == offset
