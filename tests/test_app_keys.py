"""Every reader key, driven through the real app with Pilot, checked on the saved sidecar."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from .app_helpers import SeedApp, copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED


async def test_tag_untag_and_two_tags(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    doc = seed_app.doc
    await pilot.press("j", "j", "j")
    quote = sentence(app)
    assert quote.startswith("Pakistan has expelled more than 7,000")
    await pilot.press("2", "1")
    await settle(pilot)
    [annotation] = saved(doc)
    assert annotation.text == quote
    assert annotation.tags == ("security", "migration")  # codebook order, not key order
    assert doc.read_text(encoding="utf-8")[annotation.start:annotation.end] == quote
    await pilot.press("2")
    await settle(pilot)
    assert [a.tags for a in saved(doc)] == [("security",)]
    await pilot.press("1")
    await settle(pilot)
    assert saved(doc) == []


async def test_note_dialog_saves_and_escape_cancels(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    doc = seed_app.doc
    await pilot.press("n")
    assert isinstance(app.focused, TextArea)
    await pilot.press(*"Headline; check [bold]source[/]", "ctrl+s")
    await settle(pilot)
    [annotation] = saved(doc)
    assert annotation.note == "Headline; check [bold]source[/]"
    assert annotation.tags == ()
    await pilot.press("n", "x", "escape")
    await settle(pilot)
    assert saved(doc)[0].note == "Headline; check [bold]source[/]"


async def test_undo_and_redo(seed_app: SeedApp) -> None:
    pilot, doc = seed_app.pilot, seed_app.doc
    await pilot.press("1", "j", "3")
    await settle(pilot)
    assert len(saved(doc)) == 2
    await pilot.press("u")
    await settle(pilot)
    assert [a.tags for a in saved(doc)] == [("security",)]
    await pilot.press("u")
    await settle(pilot)
    assert saved(doc) == []
    await pilot.press("ctrl+r", "ctrl+r")
    await settle(pilot)
    assert [a.tags for a in saved(doc)] == [("security",), ("diplomacy",)]


async def test_movement_keys(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    view = reader(app)
    count = len(view.document.segmentation) if view.document else 0
    await pilot.press("end")
    assert view.cursor == count - 1
    await pilot.press("home")
    assert view.cursor == 0
    await pilot.press("down", "down", "up")
    assert view.cursor == 1
    await pilot.press("pagedown")
    assert view.cursor > 1
    assert view.scroll_offset.y > 0
    await pilot.press("pageup")
    assert view.cursor == 0


async def test_jump_between_tagged_and_to_untagged(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    view = reader(app)
    await pilot.press("1", "j", "2", "j", "j", "j", "3")  # tags on 0, 1 and 4
    await pilot.press("home", "right_square_bracket")
    assert view.cursor == 1
    await pilot.press("right_square_bracket")
    assert view.cursor == 4
    await pilot.press("left_square_bracket")
    assert view.cursor == 1
    await pilot.press("home", "space")
    assert view.cursor == 2
    await pilot.press("space", "space")
    assert view.cursor == 5


async def test_search_next_and_previous_match(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    await pilot.press("slash", *"torkham", "enter")
    first = reader(app).cursor
    assert "Torkham" in sentence(app)
    assert reader(app).nav.matches.query == "torkham"
    await pilot.press("slash", *"\b" * 7, *"Fitrat", "enter")
    assert "Fitrat" in sentence(app)
    one = reader(app).cursor
    await pilot.press("full_stop")
    two = reader(app).cursor
    assert two != one and "Fitrat" in sentence(app)  # the other hit (wrapping round)
    await pilot.press("comma")
    assert reader(app).cursor == one
    assert first != one


async def test_filter_shows_only_one_tag(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    view = reader(app)
    await pilot.press("j", "1", "j", "2", "j", "j", "1")  # security on 1 and 4
    await pilot.press("f")
    assert view.nav.filter_tag == "security"
    assert view.text_layout is not None
    shown = [view.text_layout.row_span(r) for r in range(view.text_layout.rows)]
    texts = {view.shown[a:b] for a, b in (s for s in shown if s)}
    assert "UN Women/Sayed Habib Bidell/Flickr" not in texts
    await pilot.press("home")
    assert view.cursor == 1
    await pilot.press("j")
    assert view.cursor == 4
    await pilot.press("j")
    assert view.cursor == 4
    await pilot.press("f")
    assert view.nav.filter_tag == "migration"
    assert view.cursor == 2
    await pilot.press("f", "f")
    assert view.nav.filter_tag is None


async def test_split_view_tags_the_focused_document(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs")
    app = make_app(folder)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("s", "enter")  # the chooser offers another document first
        second = reader(app, "reader-2")
        assert second.display
        assert app.focused is second
        assert second.document is not None and reader(app).document is not None
        assert second.document.path != reader(app).document.path  # type: ignore[union-attr]
        await pilot.press("j", "3")
        await settle(pilot)
        assert [a.tags for a in saved(second.document.path)] == [("diplomacy",)]
        assert not (folder / (SEED.name + ".annotations.yaml")).exists()
        await pilot.click("#reader-1")
        await pilot.press("1")
        await settle(pilot)
        assert [a.tags for a in saved(folder / SEED.name)] == [("security",)]
        await pilot.press("s")
        assert not second.display


async def test_quit_saves_at_once(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    app.save_delay = 60  # autosave would come far too late: quit must save
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "2", "q")
        await pilot.pause()
    assert app.return_value == 0
    assert [a.tags for a in saved(folder / SEED.name)] == [("migration",)]


async def test_clicking_a_sentence_selects_it(seed_app: SeedApp) -> None:
    app, pilot = seed_app.app, seed_app.pilot
    view = reader(app)
    assert view.text_layout is not None
    row = view.text_layout.row_of_offset(view.shown.index("Pakistan has expelled"))
    await pilot.click("#reader-1", offset=(8, row + 1))  # +1: the widget's top border
    assert sentence(app).startswith("Pakistan has expelled")


async def test_choosing_a_document_opens_it(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.click("#documents")
        await pilot.press("down", "enter")
        view = reader(app)
        assert view.document is not None
        assert view.document.path.name == "kabul-dateline-talks.txt"
        assert app.focused is view


async def test_a_codebook_tag_on_key_4_and_an_unknown_sidecar_tag(tmp_path: Path) -> None:
    from briefing_tui.core.codebook import load_codebook
    from briefing_tui.core.document import open_document

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    document = open_document(doc)
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[2], split.ends[2], ["health"])
    document.save()
    book = tmp_path / "book.yaml"
    book.write_text("tags:\n  - {name: returns, key: '4', colour: '#22aa88'}\n",
                    encoding="utf-8")
    app = make_app(folder, codebook=load_codebook(book))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.entries[0].tagged == 1  # the unknown tag counts and is kept
        await pilot.press("4")
        await settle(pilot)
        assert app.entries[0].tagged == 2
    assert sorted(t for a in saved(doc) for t in a.tags) == ["health", "returns"]
