"""Every summary entry is drawn whole: its last word and its co-tags are on screen.

Issue 12 saw an entry lose its last wrapped row (a word at 80x24, a co-tag at 120x35) when
heights measured at one width were drawn at another. Here each entry is highlighted in
turn, as the analyst moves down the list, and the rows the real screen draws with the
highlight are read back: their words must be the entry's words, in order, none missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from briefing_tui.core.document import open_document
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import copy_samples, make_app, settle


def _tag_every_other_sentence(folder: Path) -> None:
    """Tags with co-tags and long notes, saved as the app would."""
    for path in sorted(folder.iterdir()):
        document = open_document(path)
        split = document.segmentation
        for index in range(0, len(split), 2):
            start, end = split.starts[index], split.ends[index]
            document.annotations.set_tags(document.text, start, end,
                                          ["security", "migration", "diplomacy"][index % 3:])
            if index % 4 == 0:
                document.annotations.set_note(document.text, start, end, "a long note " * 9)
        document.save()


def _highlighted_words(listing: OptionList) -> list[str]:
    """The words of the rows drawn with the highlight's background, top to bottom."""
    highlight = listing.get_component_rich_style("option-list--option-highlighted").bgcolor
    words: list[str] = []
    for y in range(listing.scrollable_content_region.height):
        strip = listing.render_line(y)
        if any(segment.style is not None and segment.style.bgcolor == highlight
               and segment.text.strip() for segment in strip):
            words += strip.text.replace("│", " ").split()
    return words


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_each_summary_entry_is_drawn_with_every_wrapped_row(
        tmp_path: Path, size: tuple[int, int]) -> None:
    folder = copy_samples(tmp_path / "docs")
    _tag_every_other_sentence(folder)
    app = make_app(folder)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        listing = app.screen.query_one(OptionList)
        entries = [i for i in range(listing.option_count)
                   if (listing.get_option_at_index(i).id or "").startswith("item-")]
        assert len(entries) > 20
        with_co_tags = 0
        for index in entries:
            listing.highlighted = index
            await pilot.pause()
            expected = str(listing.get_option_at_index(index).prompt).split()
            drawn = _highlighted_words(listing)
            # a word cut at a row's end is drawn as two pieces; join the rows' text
            assert "".join(drawn) == "".join(expected), (index, drawn, expected)
            with_co_tags += "(also:" in expected
        assert with_co_tags > 5  # the case the issue saw lose its last row
