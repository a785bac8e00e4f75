"""Widgets own their rendering: the status bar draws a StatusState, the Reader owns its
filter and its look. Each widget runs here in a bare Textual app, without the briefing
app or its stylesheet, so what it shows can only come from the state it was given."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.widget import Widget

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document, open_document
from briefing_tui.tui.reader import Reader
from briefing_tui.tui.status import Saving, StatusBar, StatusState, Suggested

from .constants import SEED


class Host(App[None]):
    """One widget alone; records the filter changes a Reader reports."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget
        self.filters: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    @on(Reader.FilterChanged)
    def _filtered(self, event: Reader.FilterChanged) -> None:
        assert event.control is self.widget
        self.filters.append(event.tag)


def line(bar: StatusBar) -> str:
    shown = bar._drawn
    return shown.plain if shown is not None else ""


async def test_the_status_bar_draws_the_state_it_is_given() -> None:
    bar = StatusBar(Codebook(), id="status")
    async with Host(bar).run_test(size=(180, 3)) as pilot:
        bar.state = StatusState()
        await pilot.pause()
        assert line(bar).startswith("No document open")
        bar.state = StatusState(name="brief.txt", sentence=3, sentences=9, tagged=2,
                                only="security", searching=True, matches=4, match=2,
                                saving=Saving.SAVED)
        await pilot.pause()
        text = line(bar)
        assert text.startswith("brief.txt  sentence 3/9  ·  2 tagged  ·  only security"
                               "  ·  match 2 of 4")
        assert text.rstrip().endswith("all saved")
        drawn = bar._drawn
        bar.state = StatusState(name="brief.txt", sentence=3, sentences=9, tagged=2,
                                only="security", searching=True, matches=4, match=2,
                                saving=Saving.SAVED)  # equal: nothing to redraw
        await pilot.pause()
        assert bar._drawn is drawn
        bar.state = StatusState(name="brief.txt", splitting=40, saving=Saving.FAILED,
                                why="disk full", searching=True, matches=300, more=True,
                                suggested=Suggested("security", 0.83, "like 3 you tagged"))
        await pilot.pause()
        text = line(bar)
        assert "sentence 0  (splitting 40%)" in text and "300+ matches" in text
        assert "suggested security? 0.83" in text  # the reason: under the reader
        assert "like 3 you tagged" not in text
        assert text.rstrip().endswith("NOT SAVED (disk full); retrying")


async def test_the_save_word_keeps_its_place_when_the_rest_is_cut() -> None:
    bar = StatusBar(Codebook(), id="status")
    async with Host(bar).run_test(size=(40, 3)) as pilot:
        bar.state = StatusState(name="a-very-long-briefing-name-indeed.txt", sentences=9,
                                saving=Saving.READ_ONLY, why="also open by ana")
        await pilot.pause()
        text = line(bar)
        assert text.rstrip().endswith("read-only: also open by ana")
        assert "…" in text and len(text) <= 40


async def test_a_long_file_name_gives_way_to_the_sentence_and_the_count() -> None:
    """At 80 columns a report's long PDF name once hid where the analyst was."""
    bar = StatusBar(Codebook(), id="status")
    name = "4185497_WFPHaitiSituationReport1_HurricaneMelissa_4Nov2025_final.pdf"
    async with Host(bar).run_test(size=(80, 3)) as pilot:
        bar.state = StatusState(name=name, sentence=7, sentences=59, tagged=2,
                                only="security", saving=Saving.SAVED)
        await pilot.pause()
        text = line(bar)
        assert text.startswith("4185497_WFP")
        assert "…  sentence 7/59  ·  2 tagged  ·  only security" in text
        assert text.rstrip().endswith("all saved") and len(text) <= 80


def seed_document(tmp_path: Path) -> Document:
    doc = tmp_path / SEED.name
    shutil.copy(SEED, doc)
    return open_document(doc)


async def test_the_reader_owns_its_filter_and_reports_each_change(tmp_path: Path) -> None:
    document = seed_document(tmp_path)
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[4], split.ends[4], ["security"])
    view = Reader(Codebook(), id="reader-1")
    host = Host(view)
    async with host.run_test(size=(100, 30)) as pilot:
        view.show(document, cursor=1)
        await pilot.pause()
        view.filter_tag = "security"
        await pilot.pause()
        assert view.cursor == 4  # the cursor went to the one sentence still shown
        assert view.text_layout is not None
        layout = view.text_layout
        spans = [layout.row_span(row) for row in range(layout.rows)]
        rows = {view.shown[span[0]:span[1]] for span in spans if span}
        assert document.text[split.starts[1]:split.ends[1]] not in rows
        view.filter_tag = "security"  # no change, no message
        await pilot.pause()
        view.filter_tag = None
        await pilot.pause()
        view.filter_tag = "migration"  # nothing tagged so: the reader says so
        await pilot.pause()
        view.show(document)  # a document shown anew is shown whole
        await pilot.pause()
        assert view.filter_tag is None
    assert host.filters == ["security", None, "migration", None]


async def test_the_reader_brings_its_own_styles() -> None:
    view = Reader(Codebook(), id="reader-1")
    async with Host(view).run_test(size=(60, 10)):
        assert view.styles.border_top[0] == "round"
        assert view.styles.overflow_x == "hidden"
        assert view.get_component_rich_style("reader--cursor").bold
        assert view.get_component_rich_style("reader--empty").italic
