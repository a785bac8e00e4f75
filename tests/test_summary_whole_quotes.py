"""The summary (e) and the timeline (T) show a tagged sentence and its note whole.

A tryout on real press releases saw quotes of 200-300 characters cut with "…" on both
screens (and notes at 160), hiding the end of the sentence the analyst had to read, though
the rows wrap and the room was there.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from briefing_tui.core.document import open_document
from briefing_tui.tui.summary_screen import SummaryScreen
from briefing_tui.tui.timeline_screen import TimelineScreen

from .app_helpers import make_app, settle

LONG = ("KABUL, Afghanistan (March 8, 2011) — Afghan National Security and International "
        "Security Assistance Forces captured three Haqqani network facilitators and "
        "detained several suspected insurgents during separate operations in Khost "
        "province, yesterday, after a week of searches in the districts along the border.")
NOTE = ("Same operations as the evening update; the ministry gives other numbers, and the "
        "district is not named in the release, so check it against the provincial "
        "governor's statement before the figure goes into the weekly brief.")


def _prompts(listing: OptionList) -> list[str]:
    return [" ".join(str(listing.get_option_at_index(i).prompt).split())
            for i in range(listing.option_count)]


async def test_long_quotes_and_notes_are_shown_whole(tmp_path: Path) -> None:
    assert len(LONG) > 300 and len(NOTE) > 200
    path = tmp_path / "release.txt"
    path.write_text(f"Morning update\n\n{LONG}\n\nNothing else happened.\n", encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    index = next(i for i in range(len(split)) if split.sentence_text(i) == LONG)
    start, end = split.starts[index], split.ends[index]
    document.annotations.set_tags(document.text, start, end, ["security"])
    document.annotations.set_note(document.text, start, end, NOTE)
    document.save()
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        shown = _prompts(app.screen.query_one(OptionList))
        assert sum(LONG in row for row in shown) == 2  # the timeline's row and the quote
        assert any(NOTE in row for row in shown)
        await pilot.press("escape")
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert any(LONG in row for row in _prompts(app.screen.query_one(OptionList)))


async def test_the_key_figures_gloss_wraps_under_itself_at_80_columns(tmp_path: Path) -> None:
    """"… never added" wrapped back to the first column, under "■ Key figures"."""
    from briefing_tui.tui.summary_brief import FIGURES_HEADING

    path = tmp_path / "release.txt"
    path.write_text(f"Morning update\n\n{LONG}\n", encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    index = next(i for i in range(len(split)) if split.sentence_text(i) == LONG)
    document.annotations.set_tags(document.text, split.starts[index], split.ends[index],
                                  ["security"])
    document.save()
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        at = listing.get_option_index(FIGURES_HEADING)
        rows = [listing.render_line(y).text for y in range(listing.size.height)]
        first = next(y for y, row in enumerate(rows) if "■ Key figures" in row)
        assert listing.get_option_at_index(at).disabled
        gloss = rows[first].index("·")
        assert rows[first + 1][:gloss].strip() == ""  # the next row starts under the gloss
        assert "never added" in " ".join(" ".join(rows[first:first + 2]).split())
