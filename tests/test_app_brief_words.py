"""Writing the brief's own words in the summary screen (b): the dialog saves only what
changed into brief.yaml (everything else byte for byte), the summary shows it at once, and
escape with changes asks first: keep editing, save, or discard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, TextArea

from briefing_tui.core.brief.file import BRIEF_NAME, read_brief
from briefing_tui.core.brief.words import PERIOD_EXAMPLE, period_hint
from briefing_tui.tui.brief_dialog import BriefDialog
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import make_app, settle
from .test_app_summary import open_summary
from .test_export_brief import BRIEF_YAML, brief_folder

PLAIN_BRIEF = BRIEF_YAML.split("bottom_line:")[0]  # title, period, places, actors only


async def open_dialog(pilot: object) -> BriefDialog:
    if not isinstance(pilot.app.screen, SummaryScreen):  # type: ignore[attr-defined]
        await open_summary(pilot)
    await pilot.press("b")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    dialog = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(dialog, BriefDialog)
    return dialog


async def type_into(pilot: object, dialog: BriefDialog, ident: str, text: str) -> None:
    dialog.query_one(ident).focus()
    await pilot.press(*["enter" if c == "\n" else c for c in text])  # type: ignore[attr-defined]


async def test_write_the_brief_and_see_it_in_the_summary(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar", brief=PLAIN_BRIEF)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await type_into(pilot, dialog, "#brief-bottom-line", "Kunar: worse.\n\nReturns stall.")
        await type_into(pilot, dialog, "#brief-judgments", "Returns stay slow.\nMore raids.")
        await type_into(pilot, dialog, "#brief-outlook", "Worse before winter.")
        dialog.query_one("#brief-trend-1", Select).value = "deteriorated"  # migration
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        text = (folder / BRIEF_NAME).read_text(encoding="utf-8")
        head, rest = PLAIN_BRIEF.split("places:")
        assert text == head + (  # after the period; the rest stays byte for byte
            'bottom_line: |-\n  Kunar: worse.\n\n  Returns stall.\n'
            'judgments:\n- "Returns stay slow."\n- "More raids."\n'
            'outlook: "Worse before winter."\ntrends:\n  migration: deteriorated\n'
            ) + "places:" + rest
        words = read_brief(folder).words
        assert words.judgments == ("Returns stay slow.", "More raids.")
        assert screen.summary is not None and screen.summary.brief.words == words
        shown = [str(o.prompt) for o in screen.query_one("#summary-list").options]  # type: ignore[attr-defined]
        assert any("Bottom line up front: Kunar: worse. Returns stall." in s for s in shown)
        assert any("Trends: migration deteriorated" in s for s in shown)


async def test_escape_with_changes_asks_and_loses_nothing_unasked(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar", brief=PLAIN_BRIEF)
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await type_into(pilot, dialog, "#brief-outlook", "Calmer")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # the default: keep editing
        await settle(pilot)
        back: object = app.screen
        assert back is dialog
        assert dialog.query_one("#brief-outlook", TextArea).text == "Calmer"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#choice-discard")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert (folder / BRIEF_NAME).read_text(encoding="utf-8") == PLAIN_BRIEF
        dialog = await open_dialog(pilot)
        dialog.query_one("#brief-title", Input).value = "Kunar, October"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#choice-save")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert read_brief(folder).title == "Kunar, October"
        assert (folder / BRIEF_NAME).read_text(encoding="utf-8") == PLAIN_BRIEF.replace(
            "title: Kunar, early October 2012", 'title: "Kunar, October"')
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("escape")  # nothing changed: closes without asking
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


async def test_an_unreadable_brief_is_not_opened_for_editing(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar", brief="trends: [not, a, mapping]\n")
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_summary(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert any("Cannot edit the brief: brief.yaml: trends must map a tag" in n.message
                   for n in app._notifications)
        assert (folder / BRIEF_NAME).read_text(encoding="utf-8") == \
            "trends: [not, a, mapping]\n"


async def test_the_period_hint_spans_the_tagged_documents_dates(tmp_path: Path) -> None:
    """The Period hint was a fixed "2026-10-01 to 2026-10-14" on 2010-2012 documents: it
    is the first to the last date of the tagged documents' metadata."""
    app = make_app(brief_folder(tmp_path / "kunar", brief=PLAIN_BRIEF))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        field = dialog.query_one("#brief-period", Input)
        assert field.placeholder == "2012-10-03 to 2012-10-04"  # Oct. 3 operation, Oct. 4 NGO


def test_the_period_hint_without_dates_is_a_neutral_example() -> None:
    assert period_hint(["", ""]) == PERIOD_EXAMPLE == "YYYY-MM-DD to YYYY-MM-DD"
    assert period_hint(["2011-05", "", "2010-12-31", "2012"]) == "2010-12-31 to 2012"
    assert period_hint(["2012-10-03", "2012-10-03"]) == "2012-10-03"
