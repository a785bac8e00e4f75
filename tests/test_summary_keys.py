"""The summary screen's own keys win over a codebook's tag keys (tui/keys.py): with a tag
bound to c, c still confirms a figure there, the tag still tags in the reader, and f
reaches that tag's filter in the summary."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.brief.file import read_brief
from briefing_tui.core.codebook import DEFAULT_TAGS, Codebook, Tag
from briefing_tui.tui.keys import SUMMARY_BINDINGS, summary_tag_bindings
from briefing_tui.tui.summary_brief import FIGURE_PREFIX
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import make_app, reader, settle
from .test_app_brief import highlight
from .test_app_summary import open_summary
from .test_export_brief import brief_folder

BOOK_WITH_C = Codebook([*DEFAULT_TAGS, Tag("casualties", "c", "#aa3377", "Killed, injured")])


def test_no_tag_key_shadows_a_summary_command() -> None:
    own = {k for b in SUMMARY_BINDINGS for k in b.key.split(",")}  # type: ignore[union-attr]
    assert "c" in own
    keys = {b.key for b in summary_tag_bindings(BOOK_WITH_C)}
    assert keys == {"1", "2", "3"}  # casualties' c is the screen's


async def test_c_confirms_a_figure_although_a_tag_is_bound_to_c(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    app = make_app(folder, codebook=BOOK_WITH_C)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # in the reader, c is the tag
        await settle(pilot)
        shown = reader(app)
        assert shown.document is not None
        assert "casualties" in shown.nav.tags_of(shown.nav.cursor)
        screen = await open_summary(pilot)
        figure = screen._figures[highlight(screen, FIGURE_PREFIX)]
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert read_brief(folder).confirmed == {figure.id}
        assert screen.tags is None  # c did not filter by the tag
        seen: list[list[str] | None] = []
        for _ in range(5):  # f cycles security, migration, diplomacy, casualties, all
            await pilot.press("f")
            await settle(pilot)
            seen.append(sorted(screen.tags) if screen.tags else None)
        assert seen == [["security"], ["migration"], ["diplomacy"], ["casualties"], None]
        assert screen.summary is not None and screen.summary.tags == [
            "security", "migration", "diplomacy", "casualties"]
