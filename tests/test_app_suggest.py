"""Suggestions in the real app: shown, explained, accepted, rejected; sidecars on disk.

Nothing is ever tagged without a key press: the tests below check the sidecar after the
model has run, after ``a`` (the tag is written, ``u`` takes it back) and after ``d``
(``dismissed:`` is written and the tag is never suggested there again).
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.status import StatusBar
from briefing_tui.tui.suggest_why import SuggestionWhy

from .app_helpers import copy_samples, make_app, reader, saved, settle
from .constants import SEED

SECURITY_SENTENCE = 3  # "Pakistan has expelled ... rising military tensions ..." (0-based)


def suggesting_app(folder: Path) -> BriefingApp:
    app = make_app(folder)
    app.suggest_delay = 0.01
    return app


async def suggestions_ready(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, BriefingApp)
    for _ in range(40):
        await settle(pilot)
        document = reader(app).document
        if document is not None and app.suggestions_of(document) is not None:
            return
    raise AssertionError("no suggestions arrived")


def status_text(app: BriefingApp) -> str:
    shown = app.query_one(StatusBar)._drawn
    return shown.plain if shown is not None else ""


def why_text(app: BriefingApp) -> str:
    """The line under the active reader: the best suggestion's whole reason."""
    view = app.query_one(f"#why-{reader(app).id}", SuggestionWhy)
    return " ".join(str(view.render()).split()) if view.display else ""


async def test_nothing_is_tagged_until_a_accepts_and_u_takes_it_back(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        assert not sidecar_path(doc).exists()  # suggestions alone write nothing
        await pilot.press(*"j" * SECURITY_SENTENCE)
        await settle(pilot)
        shown = app.cursor_candidates(reader(app))
        assert shown, "the sentence about military tensions should have a suggestion"
        assert "suggested " + shown[0].tag + "?" in status_text(app)
        assert f"{shown[0].tag}? {shown[0].score:.2f} {shown[0].reason}" in why_text(app)
        assert "rules only" in why_text(app)  # too few labels for the model: says so
        await pilot.press("a")
        await settle(pilot)
        assert [a.tags for a in saved(doc)] == [(shown[0].tag,)]
        await pilot.press("u")
        await settle(pilot)
        assert saved(doc) == []


async def test_d_writes_dismissed_and_the_tag_is_never_suggested_there_again(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        await pilot.press(*"j" * SECURITY_SENTENCE)
        before = [c.tag for c in app.cursor_candidates(reader(app))]
        await pilot.press("d")
        await settle(pilot)
        (written,) = saved(doc)
        assert written.tags == () and written.dismissed == (before[0],)
        assert [c.tag for c in app.cursor_candidates(reader(app))] == before[1:]
    again = suggesting_app(folder)
    async with again.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        view = reader(again)
        view.move_to(SECURITY_SENTENCE)
        assert before[0] not in [c.tag for c in again.cursor_candidates(view)]


async def test_g_jumps_to_the_next_suggestion_and_h_hides_them(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        view = reader(app)
        start = view.cursor
        await pilot.press("g")
        assert view.cursor != start and app.cursor_candidates(view)
        row = view.text_layout.row_of_offset(  # type: ignore[union-attr]
            view.document.segmentation.starts[view.cursor])  # type: ignore[union-attr]
        assert "?" in view.render_line(row - view.scroll_offset.y).text[:3]
        await pilot.press("H")
        await settle(pilot)
        assert app.cursor_candidates(view) == []
        assert "?" not in view.render_line(row - view.scroll_offset.y).text[:3]
        await pilot.press("a")  # nothing shown: nothing accepted
        await settle(pilot)
        assert not sidecar_path(folder / SEED.name).exists()


async def test_a_result_older_than_the_newest_request_is_dropped(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        document = reader(app).document
        assert document is not None
        current = app.suggestions_of(document)
        app._suggestions_ready(app._suggest_asked - 1, {})  # a stale worker's answer
        assert app.suggestions_of(document) is current
