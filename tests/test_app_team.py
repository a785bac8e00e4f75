"""Team work in the real app: signed tags, coding in a layer, adjudication (Pilot + sidecars)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from briefing_tui.core.sidecar import parse_sidecar, read_sidecar, sidecar_path
from briefing_tui.core.sidecar.layers import FINISHED, IN_PROGRESS, layer_path
from briefing_tui.tui.adjudicate import AdjudicationScreen
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.panes import AnnotationsPane

from .app_helpers import make_app, reader, settle
from .constants import SEED
from .git_helpers import Seed

SEED_DOC = Seed()
S = SEED_DOC.annotation


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(SEED, folder / "article.txt")
    return folder


def _app(folder: Path, analyst: str, layer: bool = False) -> BriefingApp:
    app = make_app(folder)
    app.analyst, app.layer_mode = analyst, layer
    return app


def _layers(folder: Path, status_b: str = FINISHED) -> None:
    """amina and bo: agree on 1, disagree on 2, only amina on 3, only bo on 5."""
    doc = folder / "article.txt"
    layer_path(doc, "amina").write_text(SEED_DOC.sidecar(
        [S(1, ("security",)), S(2, ("security",)), S(3, ("diplomacy",))], status=FINISHED))
    layer_path(doc, "bo").write_text(SEED_DOC.sidecar(
        [S(1, ("security",)), S(2, ("migration",)), S(5, ("migration",))], status=status_b))


def _shared(folder: Path) -> dict[int, tuple[str, ...]]:
    found = read_sidecar(sidecar_path(folder / "article.txt"))
    if found is None:
        return {}
    spans = {span: i for i, span in enumerate(SEED_DOC.spans)}
    return {spans[(a.start, a.end)]: a.tags for a in found[0].annotations}


async def test_tags_are_signed_and_others_are_named_in_the_pane(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sidecar_path(folder / "article.txt").write_text(
        SEED_DOC.sidecar([S(1, ("security",), by=("amina",))]))
    app = _app(folder, "bo")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("1")  # sentence 0, security
        await pilot.press("j", "2")  # sentence 1 (amina's): bo adds migration
        await settle(pilot)
        pane = app.query_one(AnnotationsPane)
        prompts = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
    found = read_sidecar(sidecar_path(folder / "article.txt"))
    assert found is not None
    by = [(a.tags, a.by) for a in found[0].annotations]
    assert by == [(("security",), ("bo",)), (("security", "migration"), ("amina", "bo"))]
    assert any("by amina, bo" in p for p in prompts)
    assert not any(p.endswith("by bo") for p in prompts)  # your own name alone is not said


async def test_a_layer_is_coded_blind_and_finished_with_F(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layers(folder)  # amina's and bo's layers exist; chen codes his own
    app = _app(folder, "chen", layer=True)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        view = reader(app)
        assert view.document is not None and view.document.annotations.sorted() == []
        await pilot.press("3")
        await settle(pilot)
        layer = layer_path(folder / "article.txt", "chen")
        data = parse_sidecar(layer.read_text())
        assert data.extra == {"status": IN_PROGRESS}
        assert [(a.tags, a.by) for a in data.annotations] == [(("diplomacy",), ("chen",))]
        await pilot.press("A")  # adjudication is not for layer mode
        await pilot.pause()
        assert not isinstance(app.screen, AdjudicationScreen)
        await pilot.press("F")
        await settle(pilot)
        assert parse_sidecar(layer.read_text()).extra == {"status": FINISHED}
        assert app.entries[0].layers == "amina ✓ bo ✓ chen ✓"
        await pilot.press("1", "x")  # a finished layer stays as it was
        await settle(pilot)
        assert [a.tags for a in parse_sidecar(layer.read_text()).annotations] == [
            ("diplomacy",)]
        await pilot.press("F")
        await settle(pilot)
        assert parse_sidecar(layer.read_text()).extra == {"status": IN_PROGRESS}
        await pilot.press("1")
        await settle(pilot)
        assert [a.tags for a in parse_sidecar(layer.read_text()).annotations] == [
            ("security", "diplomacy")]  # codebook order
    assert not sidecar_path(folder / "article.txt").exists()


async def test_adjudication_takes_a_b_union_and_undoes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layers(folder)
    app = _app(folder, "chen")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        rows = screen.query_one(OptionList)
        assert [r.sentence for r in screen.work.rows] == [1, 2, 3, 5]
        assert screen.work.rows[rows.highlighted or 0].sentence == 2  # first disagreement
        await settle(pilot)
        assert _shared(folder) == {1: ("security",)}  # full agreement pre-merged
        await pilot.press("b")  # sentence 2: bo's migration
        assert screen.work.rows[rows.highlighted or 0].sentence == 3
        await pilot.press("m")  # sentence 3: union = amina's diplomacy
        await pilot.press("x")  # sentence 5: neither
        await settle(pilot)
        assert _shared(folder) == {1: ("security",), 2: ("migration",), 3: ("diplomacy",)}
        await pilot.press("u")  # "neither" on an untagged sentence changed nothing: the union
        await settle(pilot)
        assert _shared(folder) == {1: ("security",), 2: ("migration",)}
        await pilot.press("u")
        await settle(pilot)
        assert _shared(folder) == {1: ("security",)}
        await pilot.press("u")  # the whole pre-merge is one step
        await settle(pilot)
        assert _shared(folder) == {}
        header = str(screen.query_one("#adjudicate-header").render())
        assert "A = amina" in header and "B = bo" in header
        figures = str(screen.query_one("#adjudicate-figures").render())
        assert "security" in figures and "κ" in figures and "few units" in figures
        await pilot.press("escape")
        assert not isinstance(app.screen, AdjudicationScreen)
    saved = read_sidecar(sidecar_path(folder / "article.txt"))
    assert saved is not None and saved[0].annotations == []


async def test_adjudication_waits_for_finished_layers_and_is_blind(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layers(folder, status_b=IN_PROGRESS)
    for analyst in ("chen", "bo"):
        app = _app(folder, analyst)
        async with app.run_test(size=(120, 35)) as pilot:
            await settle(pilot)
            await pilot.press("A")
            await pilot.pause()
            assert not isinstance(app.screen, AdjudicationScreen)
            assert not sidecar_path(folder / "article.txt").exists()


def test_adjudication_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layers(folder)
    app = _app(folder, "chen")

    async def open_it(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 35), run_before=open_it)


async def test_adjudication_shows_each_sentence_whole(tmp_path: Path) -> None:
    """The choice is made on all the words: a sentence longer than a row wraps, never cut."""
    folder = _folder(tmp_path)
    _layers(folder)
    app = _app(folder, "chen")
    async with app.run_test(size=(80, 16)) as pilot:  # more rows than room
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        rows = screen.query_one(OptionList)
        text = screen.work.document.text
        sentences = [" ".join(text[r.start:r.end].split()) for r in screen.work.rows]
        assert max(len(s) for s in sentences) > 80  # one needs more than a row
        for index, sentence in enumerate(sentences):
            shown = " ".join(str(rows.get_option_at_index(index).prompt).split())
            assert shown.endswith(sentence), (index, shown)
        # the rows scroll under the header, which stays at the top of the screen
        assert screen.scroll_offset.y == 0
        assert screen.query_one("#adjudicate-header").region.y == 0
        assert rows.region.bottom <= 15  # above the footer
