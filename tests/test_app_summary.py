"""The summary screen inside the app: counts, filter, jump to a sentence, write a file."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static

from briefing_tui.tui.export_dialog import ExportDialog
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import copy_samples, make_app, reader, sentence, settle


async def open_summary(pilot: object) -> SummaryScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("e")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, SummaryScreen)
    assert screen.summary is not None
    return screen


async def test_summary_counts_unsaved_tags_and_jumps_to_a_sentence(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs")
    app = make_app(folder)
    app.save_delay = 60  # the summary must include tags not saved yet
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "j", "j", "1", "2", "j", "j", "1")
        screen = await open_summary(pilot)
        assert screen.summary is not None
        assert screen.summary.counts == {"security": 2, "migration": 1, "diplomacy": 0}
        assert len(screen.summary.documents) == 4
        listing = screen.query_one(OptionList)
        listing.focus()
        first = next(i for i in range(listing.option_count)  # the first sentence listed
                     if (listing.get_option_at_index(i).id or "").startswith("item-"))
        listing.highlighted = first
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SummaryScreen)
        assert sentence(app).startswith("Pakistan has expelled")
        assert app.focused is reader(app)


async def test_summary_filter_and_notes_toggle(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1", "j", "2", "n", *"see p. 3", "ctrl+s")
        await settle(pilot)
        screen = await open_summary(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert screen.summary is not None
        assert screen.summary.tags == ["migration"]
        assert [i.note for i in screen.summary.items["migration"]] == ["see p. 3"]
        await pilot.press("n")
        await settle(pilot)
        assert [i.note for i in screen.summary.items["migration"]] == [""]
        await pilot.press("0")
        await settle(pilot)
        assert screen.summary.tags == ["security", "migration", "diplomacy"]
        await pilot.press("escape")
        assert not isinstance(app.screen, SummaryScreen)


async def test_write_the_summary_and_never_overwrite_without_asking(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    target = tmp_path / "brief.json"
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "3")
        await settle(pilot)
        await open_summary(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["sentences"][0]["text"].startswith("The deportation has")
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # asked, not written
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") != "keep me"


async def test_the_write_dialog_follows_the_typed_name(tmp_path: Path) -> None:
    """A typed .docx name shows docx as the format, and a warning about a file that
    exists goes once the path names another file (both were left stale)."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    old = tmp_path / "old.md"
    old.write_text("keep me", encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "3")
        await settle(pilot)
        await open_summary(pilot)
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one(Input).value = str(old)
        await pilot.press("enter")
        await pilot.pause()
        message = dialog.query_one("#export-message", Static)
        assert "exists" in str(message.render())
        dialog.query_one(Input).value = str(tmp_path / "brief.docx")
        await pilot.pause()
        assert "exists" not in str(message.render())
        assert dialog.query_one(Select).value == "docx"
        assert old.read_text(encoding="utf-8") == "keep me"


async def test_summary_entries_keep_every_wrapped_line_at_80_columns(tmp_path: Path) -> None:
    """Heights measured at one width and drawn at another lose the last line (issue 12)."""
    from briefing_tui.core.document import open_document

    folder = copy_samples(tmp_path / "docs")
    for path in sorted(folder.iterdir()):
        document = open_document(path)
        split = document.segmentation
        for index in range(0, len(split), 2):
            start, end = split.starts[index], split.ends[index]
            document.annotations.set_tags(document.text, start, end,
                                          ["security", "migration", "diplomacy"][index % 3:])
            document.annotations.set_note(document.text, start, end, "a long note " * 9)
        document.save()
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        width = listing.scrollable_content_region.width
        padding = listing.get_component_styles("option-list--option").padding.width
        assert listing.option_count > 40
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            drawn = listing._get_visual(option).get_height(listing.styles, width - padding)  # type: ignore[arg-type]
            assert listing._line_cache.heights[index] == drawn, index
