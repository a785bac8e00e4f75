"""What you see is what you tag: keys act on the sentence on screen, in codebook order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from briefing_tui.core.codebook import load_codebook
from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.note_dialog import NoteDialog
from briefing_tui.tui.status import StatusBar

from .app_helpers import copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED


async def test_a_key_never_edits_a_sentence_the_filter_hides(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        view = reader(app)
        await pilot.press("j", "1", "j", "j", "1", "f")  # security on 1 and 3, only security
        assert view.nav.filter_tag == "security"
        await pilot.press("home")
        assert view.cursor == 1
        await pilot.press("1")  # untagged: the sentence leaves the filtered view
        assert not view.nav.is_visible(1)
        await pilot.press("2")  # refused: it is hidden; the cursor goes to a shown one
        assert view.cursor == 3 and view.nav.is_visible(view.cursor)
        await settle(pilot)
        assert [a.tags for a in saved(doc)] == [("security",)]
        await pilot.press("2")  # now it is visible, so it acts
        await settle(pilot)
    assert [a.tags for a in saved(doc)] == [("security", "migration")]


async def test_after_wheel_scrolling_a_key_first_shows_the_cursor(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        view = reader(app)
        view.scroll_to(y=view.max_scroll_y, animate=False)  # what the mouse wheel does
        await pilot.pause()
        assert not view.cursor_on_screen()
        await pilot.press("3")
        await pilot.pause()
        assert view.cursor_on_screen()  # the view jumped back to the cursor ...
        await settle(pilot)
        assert not sidecar_path(doc).exists()  # ... and nothing was tagged unseen
        await pilot.press("3")
        await settle(pilot)
    assert [a.tags for a in saved(doc)] == [("diplomacy",)]


async def test_tags_are_stored_in_codebook_order_whatever_the_key_order(
        tmp_path: Path) -> None:
    folders = [copy_samples(tmp_path / name, only_seed=True) for name in ("a", "b")]
    for folder, keys in zip(folders, (["2", "1", "3"], ["3", "1", "2"])):
        app = make_app(folder)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press(*keys, "u", "ctrl+r")
            await settle(pilot)
    one, two = (sidecar_path(f / SEED.name).read_bytes() for f in folders)
    assert one == two
    assert saved(folders[0] / SEED.name)[0].tags == ("security", "migration", "diplomacy")


async def test_a_codebook_letter_key_tags_and_is_shown_in_help(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    book = tmp_path / "book.yaml"
    book.write_text("tags:\n  - {name: health, key: h, colour: '#5cb85c'}\n", encoding="utf-8")
    app = make_app(folder, codebook=load_codebook(book))
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "h")
        await settle(pilot)
        assert [a.tags for a in saved(folder / SEED.name)] == [("health",)]
        await pilot.press("question_mark")
        await pilot.pause()
        rows = [row for _, keys in app.screen.rows for row in keys]  # type: ignore[attr-defined]
        assert ("h", "toggle health on the current sentence") in rows


async def test_escape_in_the_note_dialog_asks_before_losing_a_typed_note(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    long_note = "Check against the UNHCR flash update; " * 6
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("n")
        app.screen.query_one(TextArea).insert(long_note)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # the default: keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text == long_note
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved(doc)[0].note == long_note.strip()
        note_view = app.query_one("#note-reader-1", Static)
        assert note_view.display
        assert long_note.strip() in str(note_view.render()).replace("\n", " ") or \
            "UNHCR" in str(note_view.render())
        await pilot.press("j")
        assert not note_view.display  # the next sentence has no note
        await pilot.press("k", "n")
        app.screen.query_one(TextArea).insert(" more")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await settle(pilot)
    assert saved(doc)[0].note == long_note.strip()


async def test_the_save_state_stays_visible_at_80_columns(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    long_name = "ISAF_ISAF Joint Command - Morning Operational Update 2011-03-17 revised.txt"
    (folder / long_name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"refugee", "enter")
        await settle(pilot)
        status = app.query_one(StatusBar)
        line = str(status.render())
        assert line.rstrip().endswith("all saved")
        assert "…" in line  # the rest gave way
        assert status.content_size.width <= 80


async def test_search_escape_clears_and_the_status_says_match_k_of_n(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        view = reader(app)
        await pilot.press("slash", *"fitrat", "enter")
        status = app.query_one(StatusBar)
        assert "match 1 of 2" in str(status.render())
        await pilot.press("full_stop")
        assert "match 2 of 2" in str(status.render())
        await pilot.press("full_stop")
        assert "match 1 of 2" in str(status.render())
        assert any("wrapped" in n.message for n in app._notifications)
        await pilot.press("slash", "escape")
        assert view.nav.matches.query == ""
        assert "match" not in str(status.render())
        assert app.focused is view
        await pilot.press("slash", *"fitrat", "enter", "escape")  # escape in the reader too
        assert view.nav.matches.query == ""
        assert "match" not in str(status.render())


async def test_documents_switch_at_any_width_and_split_chooses_from_a_list(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs")
    app = make_app(folder)
    names = [e.path.name for e in app.entries]
    async with app.run_test(size=(70, 20)) as pilot:
        view = reader(app)
        assert not app.query_one("#documents").display or \
            app.query_one("#documents").size.width == 0
        await pilot.press("ctrl+n")
        assert view.document is not None and view.document.name == names[1]
        await pilot.press("ctrl+b", "ctrl+b")
        assert view.document is not None and view.document.name == names[-1]
        await pilot.press("o", "home", "enter")
        assert view.document is not None and view.document.name == names[0]
        await pilot.press("s", "down", "enter")  # the list starts on the next document
        second = reader(app, "reader-2")
        assert second.display and second.document is not None
        assert second.document.name == names[2]
        await pilot.press("s")
        assert not app.split_open()
        assert app.focused is view


async def test_search_across_every_open_document_jumps_to_a_hit(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")  # all four opened
        await pilot.press("ctrl+f", *"torkham", "enter")
        await pilot.pause()
        hits = app.screen._hits  # type: ignore[attr-defined]
        files = {document.name for document, _ in hits}
        assert len(files) >= 2
        await pilot.press("end", "enter")
        await pilot.pause()
        document, start = hits[-1]
        view = reader(app)
        assert view.document is document
        assert "torkham" in sentence(app).lower()
        assert view.document.segmentation.starts[view.cursor] <= start


async def test_a_long_title_in_the_document_chooser_wraps_under_itself(
        tmp_path: Path) -> None:
    """`o` lists each opened document's title under its name; a long one wrapped back to
    the first column, where the file names are."""
    from briefing_tui.tui.choosers import DocumentChooser

    title = "ISAF Completes Assessment of Civilian Casualty Incident in Southwest Helmand"
    (tmp_path / "a.txt").write_text(f"{title}\n\nA patrol was ambushed.\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, DocumentChooser)
        listing = app.screen.query_one(OptionList)
        rows = [listing.render_line(y).text.strip("▊▎ ") for y in range(3)]
        assert rows[0] == "a.txt"
        assert len(rows[2]) > 0 and " ".join(rows[1:3]) == title  # both title rows
        drawn = [listing.render_line(y).text.lstrip("▊") for y in range(3)]
        assert drawn[1].startswith("  ISAF") and drawn[2].startswith("  Southwest")


async def test_search_all_shows_the_text_as_it_is_round_a_hit(tmp_path: Path) -> None:
    """No space is added round a hit ("deport ation", "Kabul ."); counts are singular
    when they are one."""
    (tmp_path / "a.txt").write_text("Mass deportations from   Karachi.\n\nThey left.\n",
                                    encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("ctrl+f", *"deport", "enter")
        await pilot.pause()
        screen = app.screen
        assert str(screen.query_one(".title", Static).render()) == "Search 1 open document"
        listing = screen.query_one("#search-all-list", OptionList)
        shown = str(listing.get_option_at_index(0).prompt)
        assert shown.endswith("…Mass deportations from Karachi. They left.…")
        assert str(screen.query_one("#search-all-count", Static).render()) == "1 hit"
        screen.query_one(Input).value = "left"
        await pilot.press("enter")
        await pilot.pause()
        assert str(listing.get_option_at_index(0).prompt).endswith("They left.…")


async def test_a_wide_terminal_caps_the_reading_measure_and_widens_the_panes(
        tmp_path: Path) -> None:
    from briefing_tui.tui.reader import MEASURE

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        view = reader(app)
        assert view.text_layout is not None and view.text_layout.width == MEASURE
        longest = max(len(view.shown[a:b].rstrip()) for a, b in
                      (view.text_layout.row_span(r) or (0, 0)
                       for r in range(view.text_layout.rows)))
        assert MEASURE - 15 < longest <= MEASURE
        assert app.query_one("#annotations").size.width > 40  # the room went to the panes


async def test_the_light_theme_draws_the_gutter_on_its_own_background(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    app.settings.theme = "textual-light"
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "1")
        await pilot.pause()
        view = reader(app)
        assert view.text_layout is not None
        row = view.text_layout.row_of_offset(view.document.segmentation.starts[1]) \
            if view.document else 0
        strip = view._render_row(row)
        mark, *_ = list(strip)
        assert mark.text == "▌"
        assert mark.style is not None and mark.style.bgcolor is not None
        assert mark.style.bgcolor == view.rich_style.bgcolor
