"""The place and actor filter (P) in the reader and the summary screen: only the sentences
naming one place or actor (gazetteer, actors, the folder's brief.yaml), with the tag
filter on top; "All sentences" ends it; a jump elsewhere ends it too."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from briefing_tui.core.brief.mentions import sentences_about
from briefing_tui.core.document import open_document
from briefing_tui.tui.about_filter import AboutChooser
from briefing_tui.tui.status import StatusBar
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import make_app, reader, sentence, settle
from .test_app_summary import open_summary
from .test_export_brief import brief_folder


def test_mentions_go_to_the_sentences_that_hold_them() -> None:
    starts, ends = [0, 10, 20], [9, 19, 29]
    found = sentences_about(starts, ends, [(2, "Kunar"), (9, "Gap"), (12, "Kunar"),
                                           (25, "OCHA")])
    assert found == {"Kunar": [0, 1], "OCHA": [2]}  # offset 9 is between two sentences


async def choose(pilot: object, name: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    chooser = app.screen
    assert isinstance(chooser, AboutChooser)
    listing = chooser.query_one(OptionList)
    listing.highlighted = 0 if not name else chooser.names.index(name) + 1
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_reader_shows_only_the_sentences_naming_a_place(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")  # kunar-operation.txt
        await settle(pilot)
        view = reader(app)
        assert view.document is not None and view.document.name == "kunar-operation.txt"
        await pilot.press("P")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, AboutChooser)
        assert chooser.counts["Kunar"] == 3 and chooser.counts["Kunar elders"] == 1  # brief.yaml's
        await choose(pilot, "Kunar")
        assert view.nav.about_name == "Kunar"
        seen = [view.cursor]
        for _ in range(4):
            await pilot.press("j")
            seen.append(view.cursor)
        split = view.document.segmentation
        named = [i for i in range(len(split)) if "Kunar" in split.sentence_text(i)
                 and "Kunar elders" not in split.sentence_text(i)]
        assert sorted(set(seen)) == named  # the cursor stays on the sentences naming it
        assert "⌖ Kunar" in str(app.query_one(StatusBar).render())
        await pilot.press("f")  # the tag filter on top: security and Kunar
        await settle(pilot)
        assert view.nav.shown_indices() == [i for i in named if "security" in
                                            view.nav.tags_of(i)]
        await pilot.press("f", "f", "f", "P")  # tag filter off again, then the chooser
        await settle(pilot)
        await choose(pilot, "")
        assert view.nav.about_name is None and not view.nav.filtered
        assert "⌖" not in str(app.query_one(StatusBar).render())


async def test_summary_lists_only_the_sentences_naming_an_actor(tmp_path: Path) -> None:
    app = make_app(brief_folder(tmp_path / "kunar"))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_summary(pilot)
        await pilot.press("P")
        await settle(pilot)
        await choose(pilot, "OCHA")
        assert isinstance(app.screen, SummaryScreen) and screen.about_name == "OCHA"
        assert screen.summary is not None
        texts = {i.text for t in screen.summary.tags for i in screen.summary.items[t]}
        assert texts == {"Fighting between 28 and 30 September displaced about 1,200 people "
                         "in Kunar province, according to OCHA."}
        assert [f.figure.source for f in screen.summary.figures] == ["OCHA"]
        listing = screen.query_one(OptionList)
        listing.focus()
        listing.highlighted = next(i for i in range(listing.option_count) if (
            listing.get_option_at_index(i).id or "").startswith("figure-"))
        await pilot.press("c")  # confirmed while filtered: still confirmed unfiltered
        await settle(pilot)
        ocha = screen.summary.figures[0]
        await pilot.press("P")
        await settle(pilot)
        await choose(pilot, "")
        assert screen.about_name is None and len(screen.summary.figures) == 4
        assert screen.summary.is_confirmed(ocha)


async def test_a_jump_from_the_summary_ends_the_place_filter(tmp_path: Path) -> None:
    app = make_app(brief_folder(tmp_path / "kunar"))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        await choose(pilot, "Norwegian Refugee Council")
        view = reader(app)
        assert view.nav.about_name == "Norwegian Refugee Council"
        screen = await open_summary(pilot)
        listing = screen.query_one(OptionList)
        listing.focus()
        listing.highlighted = next(i for i in range(listing.option_count) if (
            listing.get_option_at_index(i).id or "").startswith("item-"))
        target = screen._targets[listing.get_option_at_index(listing.highlighted).id or ""]
        await pilot.press("enter")
        await settle(pilot)
        assert view.nav.about_name is None  # the sentence jumped to is shown
        assert sentence(app) == target.text
        assert view.document is not None
        assert open_document(target.document).name == view.document.name


def test_a_datelines_city_is_not_a_mention_in_the_reader_either(tmp_path: Path) -> None:
    """P in the reader offered "Kabul" for "KABUL, Afghanistan (March 8, 2011) —", which
    the summary and exports rightly leave out: the city the release was filed in."""
    from briefing_tui.core.brief.folders import sentences_naming

    path = tmp_path / "release.txt"
    path.write_text("Morning update\n\nKABUL, Afghanistan (March 8, 2011) — Forces detained two "
                    "men in Khost province. Later, an elder travelled to Kabul to protest.\n",
                    encoding="utf-8")
    document = open_document(path)
    found, problem = sentences_naming(document.text, document.segmentation, tmp_path)
    assert problem == ""
    split = document.segmentation
    named = {name: [split.sentence_text(i)[:12] for i in found[name]] for name in found}
    assert named == {"Khost": ["KABUL, Afgha"], "Kabul": ["Later, an el"]}
