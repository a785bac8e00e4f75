"""The real app: J joins, B breaks at a chosen point, M edits metadata; each lands in the
sidecar, undo and redo restore it, and no tag is lost on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from briefing_tui.core.corrections import split_candidates
from briefing_tui.core.merge import NOTE_SEPARATOR
from briefing_tui.core.sidecar import read_sidecar, sidecar_path
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.fix_dialogs import MetadataDialog, SplitPointDialog

from .app_helpers import copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED
from .test_snapshots import SIZE, settled, tagged_seed


def _sidecar(document: Path) -> Any:
    found = read_sidecar(sidecar_path(document))
    assert found is not None
    return found[0]


async def test_join_combines_tags_in_the_sidecar_and_undo_redo_follow(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        view = reader(app)
        assert view.document is not None
        count = len(view.document.segmentation)
        await pilot.press(*"j" * 9, "1", "n", *"first", "ctrl+s", "j", "2", "n",
                          *"second", "ctrl+s", "k")  # sentences 10 and 11: one paragraph
        await settle(pilot)
        first, second = sentence(app), view.document.segmentation.sentence_text(10)
        await pilot.press("J")
        await settle(pilot)
        data = _sidecar(doc)
        assert len(data.corrections.joins) == 1
        (joined,) = data.annotations
        assert joined.text == sentence(app) and joined.text.startswith(first)
        assert joined.text.endswith(second)
        assert joined.tags == ("security", "migration")
        assert joined.note == "first" + NOTE_SEPARATOR + "second"
        assert len(view.document.segmentation) == count - 1
        await pilot.press("u")
        await settle(pilot)
        data = _sidecar(doc)
        assert data.corrections.joins == ()
        assert [(a.tags, a.note) for a in data.annotations] == [
            (("security",), "first"), (("migration",), "second")]
        assert len(view.document.segmentation) == count
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(_sidecar(doc).corrections.joins) == 1
        assert [a.tags for a in saved(doc)] == [("security", "migration")]


async def test_join_at_a_paragraph_end_says_why_and_changes_nothing(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "j", "j", "1")  # the lede: a paragraph of one sentence
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        assert any("new paragraph" in str(n.message) for n in app._notifications)
        data = _sidecar(folder / SEED.name)
        assert data.corrections.joins == () and len(data.annotations) == 1


async def test_break_at_the_chosen_point_keeps_the_tags_on_both_halves(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        view = reader(app)
        assert view.document is not None
        await pilot.press("j", "j", "j", "1", "n", *"why", "ctrl+s")
        await settle(pilot)
        await pilot.press("B", "escape")  # cancelled: nothing changes
        await settle(pilot)
        assert _sidecar(doc).corrections.splits == ()
        await pilot.press("B")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SplitPointDialog)
        text, split = view.document.text, view.document.segmentation
        index = view.cursor
        points = split_candidates(text, split.starts[index], split.ends[index])
        expected = points[dialog.chosen + 2]
        await pilot.press("right", "right", "enter")
        await settle(pilot)
        data = _sidecar(doc)
        assert [p.at for p in data.corrections.splits] == [expected]
        first, second = data.annotations
        assert second.start == expected and first.end < expected
        assert (first.tags, first.note) == (("security",), "why")
        assert (second.tags, second.note) == (("security",), "")
        await pilot.press("u")
        await settle(pilot)
        data = _sidecar(doc)
        assert data.corrections.splits == () and len(data.annotations) == 1
        assert data.annotations[0].note == "why"


async def test_metadata_dialog_validates_and_saves_to_the_sidecar(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MetadataDialog)
        assert app.screen.query_one("#meta-title", Input).value.startswith("Afghans have left")
        await pilot.press("tab", *"2026-02-30", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MetadataDialog)  # a bad date: it stays, and says why
        error = app.screen.query_one("#metadata-error", Static)
        assert "no such day" in str(error.render())
        date = app.screen.query_one("#meta-date", Input)
        date.value = "2026-02-28"
        await pilot.press("tab", *"Amina Rahimi")  # into the source field
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MetadataDialog)
        data = _sidecar(doc)
        assert (data.metadata.title, data.metadata.date, data.metadata.source) == \
            (None, "2026-02-28", "Amina Rahimi")  # the untouched title follows the file
        await pilot.press("M", "escape")  # untouched: escape closes at once
        await settle(pilot)
        assert not isinstance(app.screen, MetadataDialog)
        assert _sidecar(doc).metadata == data.metadata

        await pilot.press("M", "tab", *"x", "escape")  # changed: escape asks first
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # the default: keep editing, the typing kept
        await settle(pilot)
        assert isinstance(app.screen, MetadataDialog)
        assert app.screen.query_one("#meta-date", Input).value == "x"  # tab selects all
        await pilot.press("escape", "tab", "tab", "enter")  # the third choice: discard
        await settle(pilot)
        assert not isinstance(app.screen, (MetadataDialog, ChoiceDialog))
        assert _sidecar(doc).metadata == data.metadata


def _pressing(*keys: str) -> Any:
    """Press, then let the dialog settle (focus, cursor, scroll) before the snapshot."""
    async def run(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press(*keys)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor under load is not deterministic
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause(0.05)
    return run


def test_split_point_chooser(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tagged_seed(tmp_path / "docs"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_pressing("j", "j", "j", "B",
                                                                     "right"))


def test_metadata_dialog(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tagged_seed(tmp_path / "docs"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_pressing("M"))


def test_metadata_dialog_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tagged_seed(tmp_path / "docs"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_pressing("M"))


async def test_a_long_title_is_shown_from_its_start_and_still_replaced_by_typing(
        tmp_path: Path) -> None:
    """The seed's title is longer than its box: the box showed its end ("left Pakistan
    and returned…"), as if the title had lost its first words."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MetadataDialog)
        title = app.screen.query_one("#meta-title", Input)
        assert len(title.value) > title.content_region.width  # it does not fit
        assert title.cursor_position == 0 and title.scroll_offset.x == 0
        assert title.selected_text == title.value  # typing still replaces it all
        await pilot.press("tab")
        await settle(pilot)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert title.has_focus and title.cursor_position == 0
        await pilot.press(*"New title")
        assert title.value == "New title"
