"""Key figures and the timeline in the app's summary screen: confirm a figure with c (it
lands in brief.yaml), take it back, jump to a figure's sentence; a brief.yaml the app
cannot read is never written over."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from briefing_tui.core.brief.file import BRIEF_NAME, read_brief
from briefing_tui.tui.hanging import Hanging
from briefing_tui.tui.summary_brief import EVENT_PREFIX, FIGURE_PREFIX
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import make_app, sentence, settle
from .test_app_summary import open_summary
from .test_export_brief import BRIEF_YAML, brief_folder


def highlight(screen: SummaryScreen, prefix: str, number: int = 0) -> str:
    listing = screen.query_one(OptionList)
    listing.focus()
    found = [i for i in range(listing.option_count)
             if (listing.get_option_at_index(i).id or "").startswith(prefix)]
    listing.highlighted = found[number]
    return listing.get_option_at_index(found[number]).id or ""


async def test_confirm_a_figure_and_take_it_back(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_summary(pilot)
        assert screen.summary is not None and len(screen.summary.figures) == 4
        screen.query_one(OptionList).highlighted = None  # as on opening: c says what to do
        await pilot.press("c")
        assert any("Highlight a key figure" in n.message for n in app._notifications)
        key = highlight(screen, FIGURE_PREFIX)
        figure = screen._figures[key]
        await pilot.press("c")
        await settle(pilot)
        assert read_brief(folder).confirmed == {figure.id}
        text = (folder / BRIEF_NAME).read_text(encoding="utf-8")
        assert text.startswith(BRIEF_YAML) and f'"id": "{figure.id}"' in text
        assert screen.summary.is_confirmed(figure)
        await pilot.press("c")
        await settle(pilot)
        assert read_brief(folder).confirmed == set()
        assert (folder / BRIEF_NAME).read_text(encoding="utf-8").startswith(BRIEF_YAML)


async def test_enter_on_a_figure_or_an_event_jumps_to_its_sentence(tmp_path: Path) -> None:
    app = make_app(brief_folder(tmp_path / "kunar"))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_summary(pilot)
        figure = screen._figures[highlight(screen, FIGURE_PREFIX, 1)]  # OCHA's 1,200
        assert figure.figure.source == "OCHA"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SummaryScreen)
        assert sentence(app).startswith("Fighting between 28 and 30 September displaced "
                                        "about 1,200")
        screen = await open_summary(pilot)
        key = highlight(screen, EVENT_PREFIX)
        event = screen._events[key]
        assert event.text.startswith("Local elders")  # the earliest: last week
        row = str(screen.query_one(OptionList).get_option(key).prompt)
        assert "¶5 s.5" in row and "kunar-operation.txt" in row  # whose ¶ and s. they are
        await pilot.press("enter")
        await settle(pilot)
        assert sentence(app).startswith("Local elders met")


async def test_an_unreadable_brief_yaml_is_not_written_over(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar", brief="title: [unclosed\n")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_summary(pilot)
        highlight(screen, FIGURE_PREFIX)
        await pilot.press("c")
        await settle(pilot)
        assert (folder / BRIEF_NAME).read_text(encoding="utf-8") == "title: [unclosed\n"
        assert screen.summary is not None and not screen.summary.confirmed
        assert any("Not confirmed: brief.yaml" in n.message
                   for n in app._notifications)


async def test_timeline_screen_lists_by_date_and_jumps(tmp_path: Path) -> None:
    from briefing_tui.tui.timeline_screen import TimelineScreen

    app = make_app(brief_folder(tmp_path / "kunar"))
    app.save_delay = 60  # a tag not saved yet is on the timeline too
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "3")  # tag "Shelter remains…" (no date: the release's)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.summary is not None
        days = [e.date for e in screen.events.values()]
        assert days == sorted(days) and days[0] == "2012-09-24"
        shelter = next(e for e in screen.events.values() if e.text.startswith("Shelter"))
        assert (shelter.date, shelter.stated) == ("2012-10-04", False)
        listing = screen.query_one(OptionList)
        officials = next(k for k, e in screen.events.items()
                         if e.text.startswith("Afghan officials"))
        assert screen.events[officials].about == ("Asadabad",)  # mentions on its row
        assert "⌖ Asadabad" in str(listing.get_option(officials).prompt)
        prompt = listing.get_option(officials).prompt  # wrapped under itself, at 80 too
        rows = prompt.content(76).plain.split("\n") if isinstance(prompt, Hanging) else [""]
        assert len(rows) > 1 and all(row.startswith(" " * 38) for row in rows[1:]), rows
        listing.highlighted = next(i for i in range(listing.option_count)
                                   if listing.get_option_at_index(i).id == "event-1")
        target = screen.events["event-1"]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TimelineScreen)
        assert sentence(app) == target.text
