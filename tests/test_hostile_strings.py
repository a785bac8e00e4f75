"""Hostile strings (markup, escapes, Unicode, export injection) through every pane of the real
app: as document text, file names, notes, search queries and tag names.

The oracles are described in hostile_helpers.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input, TextArea

from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.core.visible import visible
from briefing_tui.tui.note_dialog import NoteDialog
from briefing_tui.tui.panes import AnnotationsPane, DocumentList
from briefing_tui.tui.reader import GUTTER

from .app_helpers import make_app, reader, saved, settle
from .hostile_helpers import (
    COMPACT,
    RAW_CONTROL,
    SECTIONS,
    SIZE,
    ActionSpy,
    Shots,
    _Leaky,
    assert_screen_safe,
    canonical,
    click,
    drawn_paragraph,
    enter_text,
    entry_for,
    fingerprint,
    hostile,
    label_of,
    option_texts,
    plain_sentences,
    quit_app,
    read_whole_document,
    screen_problems,
    section_strings,
    sidecar_yaml,
    squash,
    status_text,
    typeable,
    write_document,
)


async def test_the_screen_checks_catch_what_they_look_for() -> None:
    """A widget that parses markup and one that draws ESC must both be caught."""
    app = _Leaky()
    async with app.run_test(size=(60, 5)):
        problems = " ".join(screen_problems(app))
    assert "raw U+001B" in problems and "raw U+202E" in problems
    assert "app.quit" in problems and "file:///etc/passwd" in problems


@pytest.mark.parametrize("section", SECTIONS)
async def test_document_text_is_drawn_literally_and_never_acts(
        section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hostile string in its own paragraph: drawn literally in the reader; listed
    literally in the Annotations pane, as the sentence and as a note (a colleague's
    sidecar tags each paragraph with the string as its note); written back unchanged
    when the app saves."""
    shots = Shots(tmp_path / "shots")
    strings = section_strings(section, shots.folder)
    paragraphs = [f"Line {n}: {s}." for n, s in enumerate(strings, 1)]
    doc = write_document(tmp_path / "docs", paragraphs)
    raw = doc.read_bytes()
    text = canonical(raw.decode("utf-8"))
    tagged = [entry_for(text, canonical(p), f"line-{n}", ["diplomacy"], s)
              for n, (s, p) in enumerate(zip(strings, paragraphs, strict=True), 1)]
    sidecar_path(doc).write_text(sidecar_yaml(doc, tagged), encoding="utf-8")
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        view = reader(app)
        assert view.document is not None and view.document.path == doc
        assert view.document.text == text

        drawn = await read_whole_document(pilot, view)
        for string, paragraph in zip(strings, paragraphs, strict=True):
            got, want = drawn_paragraph(text, drawn, paragraph)
            assert got == want, f"{string!r} drawn as {got!r}"
            assert not RAW_CONTROL.search(got)
            if visible(string) == string and "\r" not in string:
                assert string in got  # markup shown as the characters typed

        # click where markup would have put a link or an action (on the "q" or "l")
        layout = view.text_layout
        assert layout is not None
        for string, paragraph in zip(strings, paragraphs, strict=True):
            if "@click" not in string and "link=" not in string:
                continue
            offset = text.index(paragraph) + paragraph.index(string) + string.index("]") + 1
            row = layout.row_of_offset(offset)
            view.scroll_to(y=max(0, row - 2), animate=False)
            await pilot.pause()
            span = layout.row_span(row)
            assert span is not None
            x, y = GUTTER + offset - span[0], row - view.scroll_offset.y
            assert view.render_line(y).text[x] == text[offset]  # the "q" or "l" it shows
            await click(pilot, spy, view, x, y, f"the reader row showing {string!r}")

        # the Annotations pane lists every hostile sentence and note literally
        pane = app.query_one(AnnotationsPane)
        listed = [squash(t) for t in option_texts(pane)]
        for entry in tagged:
            assert any(label_of(entry["text"]) in t and "✎" + label_of(entry["note"]) in t
                       for t in listed), entry["text"]
        while True:
            for y in range(pane.scrollable_content_region.height):
                line = pane.render_line(y).text
                if "✎" in line and ("@click" in line or "link=" in line):
                    await click(pilot, spy, pane, 8, y, f"the note row {line.strip()!r}")
            assert_screen_safe(app, f"the Annotations pane at row {pane.scroll_offset.y}")
            if pane.scroll_offset.y >= pane.max_scroll_y:
                break
            pane.scroll_page_down(animate=False)
            await pilot.pause()

        # a change makes the app rewrite the sidecar in its own form: nothing altered
        await pilot.press("home", "1", "end", "k", "pageup", "j")
        await settle(pilot)
        annotations = saved(doc)
        assert len(annotations) == len(tagged) + 1  # the title, tagged with 1
        kept = {a.id: (a.text, a.note) for a in annotations}
        for entry in tagged:
            assert kept[entry["id"]] == (entry["text"], entry["note"])
        for annotation in annotations:
            assert text[annotation.start:annotation.end] == annotation.text
        assert app.is_running and app.return_value is None
        assert spy.injected() == []
        shots.assert_untouched()
        await quit_app(pilot)
    assert doc.read_bytes() == raw


async def test_clicking_a_one_line_sentence_selects_it(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Found while clicking hostile rows: a click lands one row (and one column) off."""
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        view = reader(app)
        assert view.document is not None and view.text_layout is not None
        for index in (2, 1, 3):
            start = view.document.segmentation.starts[index]
            await click(pilot, spy, view, GUTTER + 1, view.text_layout.row_of_offset(start),
                        f"sentence {index}")
            assert view.cursor == index


async def test_document_with_nul_bytes_opens_and_shows_them(tmp_path: Path) -> None:
    """A stray NUL (pasted from a PDF) in a briefing is text, not proof of a binary file
    (a file that is more than 1% NULs is refused as binary: see core.text)."""
    doc = write_document(tmp_path / "docs", ["Before a\x00b after.", *plain_sentences(20)])
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = reader(app)
        assert view.document is not None, app.entries[0].error
        drawn = await read_whole_document(pilot, view)
        got, want = drawn_paragraph(view.document.text, drawn, "Before a\x00b after.")
        assert got == want == "Before a\u2400b after."


@pytest.mark.parametrize("section", SECTIONS)
async def test_file_names_are_listed_and_opened_literally(
        section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shots = Shots(tmp_path / "shots")
    folder = tmp_path / "docs"
    folder.mkdir()
    names = [f"{n:02d} {s}.txt" for n, s in enumerate(hostile(section), 1)
             if "/" not in s and "\0" not in s]  # what a POSIX file name can hold
    for n, name in enumerate(names, 1):
        (folder / name).write_text(f"Briefing number {n}. Nothing hostile inside.\n",
                                   encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=COMPACT, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await settle(pilot)
        documents = app.query_one(DocumentList)
        assert sorted(e.path.name for e in documents.entries) == sorted(names)
        listed = [squash(t) for t in option_texts(documents)]
        for entry, shown in zip(documents.entries, listed, strict=True):
            assert label_of(entry.path.name) in shown, (entry.path.name, shown)
        assert_screen_safe(app, "the Documents pane")

        opened: set[str] = set()
        for y in range(documents.scrollable_content_region.height):
            if not documents.render_line(y).text.strip():
                continue
            await click(pilot, spy, documents, 4, y, f"Documents row {y}")
            view = reader(app)
            assert view.document is not None
            name = view.document.path.name
            opened.add(name)
            assert visible(name, keep_newlines=False) in status_text(app)
            border = view.render_lines(Region(0, 0, view.outer_size.width, 1))[0].text
            assert visible(name, keep_newlines=False) in border  # the reader's title
            assert_screen_safe(app, f"{name!r} open")
        assert opened == set(names)
        assert spy.injected() == []
        shots.assert_untouched()
        await quit_app(pilot)


@pytest.mark.parametrize("section", SECTIONS)
async def test_notes_typed_in_the_note_dialog_are_saved_as_typed(
        section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every string goes through the note dialog (1, n, type or paste, ctrl+s), four to a
    note (one a line) to keep the suite fast, on a sentence holding the same four strings
    (so the dialog quotes hostile text too); each note is then listed in the Annotations
    pane. That every single string is listed literally as a note is checked in the
    document test above."""
    shots = Shots(tmp_path / "shots")
    strings = section_strings(section, shots.folder)
    groups = [strings[i:i + 4] for i in range(0, len(strings), 4)]
    doc = write_document(tmp_path / "docs", [f"Quote {n}: {' '.join(group)}."
                                             for n, group in enumerate(groups, 1)])
    typed = typeable(strings)
    app = make_app(doc.parent)
    async with app.run_test(size=COMPACT, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await pilot.press("j")  # past the title
        entered: list[str] = []
        for group in groups:
            await pilot.press("1", "n")  # tagged, so the Annotations pane lists it
            assert isinstance(app.screen, NoteDialog)
            assert_screen_safe(app, f"the note dialog quoting {group!r}")
            first, rest = group[0], "".join("\n" + string for string in group[1:])
            await enter_text(pilot, first, first in typed)
            if rest:
                await enter_text(pilot, rest, typed=False)
            entered.append(app.screen.query_one(TextArea).text)
            await pilot.press("ctrl+s", "j")
            assert not isinstance(app.screen, NoteDialog)
        await settle(pilot)
        notes = [a.note for a in saved(doc)]
        assert notes == [e.strip() for e in entered]
        for group, note in zip(groups, notes, strict=True):
            for string in group:  # kept as typed, or with controls as their symbols
                if string.splitlines() == [string]:  # (a TextArea splits lines its way)
                    assert string.strip() in note or visible(string).strip() in note

        pane = app.query_one(AnnotationsPane)
        listed = [squash(t) for t in option_texts(pane)]
        for note in notes:
            assert any("✎" + label_of(note) in t for t in listed), note
        assert_screen_safe(app, "notes listed")
        assert spy.injected() == []
        shots.assert_untouched()
        await quit_app(pilot)
    assert [a.note for a in saved(doc)] == notes


@pytest.mark.parametrize("section", SECTIONS)
async def test_note_editor_draws_controls_as_symbols(section: str, tmp_path: Path) -> None:
    """A note shared through git (a sidecar) or pasted in must not drive the terminal; and
    opening the editor and cancelling leaves the note as it was."""
    strings = [s for s in hostile(section) if s.splitlines() == [s]]
    doc = write_document(tmp_path / "docs", plain_sentences(2), title="Notes.")
    text = doc.read_text(encoding="utf-8")
    note = "\n".join(strings)
    sidecar = sidecar_path(doc)
    sidecar.write_text(sidecar_yaml(doc, [entry_for(
        text, "Sentence number 1 is plain.", "shared", ["security"], note)]),
        encoding="utf-8")
    before = fingerprint(sidecar)
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "n")
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text in (note, visible(note))
        assert_screen_safe(app, "the note editor on a note read from the sidecar")
        await enter_text(pilot, "\n" + " ".join(strings), typed=False)
        assert_screen_safe(app, "the note editor after a paste")
        await pilot.press("escape")  # the note changed: the app asks before discarding
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        await settle(pilot)
        view = reader(app)
        assert view.document is not None
        assert [a.note for a in view.document.annotations.sorted()] == [note]
        await quit_app(pilot)
    assert fingerprint(sidecar) == before


async def test_saving_a_note_unchanged_keeps_it_as_it_was(tmp_path: Path) -> None:
    """A colleague's note (a table pasted with tabs, a coloured terminal paste) opened
    with n and saved with ctrl+s, untouched, must stay what it was."""
    doc = write_document(tmp_path / "docs", plain_sentences(2), title="Notes.")
    text = doc.read_text(encoding="utf-8")
    note = "Crossings\t1,200\nsource: \x1b[31mUNHCR\x1b[0m \u202edaily\u202c"
    sidecar_path(doc).write_text(sidecar_yaml(doc, [entry_for(
        text, "Sentence number 1 is plain.", "shared", ["security"], note)]),
        encoding="utf-8")
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "n", "ctrl+s")
        await settle(pilot)
        assert_screen_safe(app, "after saving the note")
        await quit_app(pilot)
    assert [a.note for a in saved(doc)] == [note]


@pytest.mark.parametrize("section", SECTIONS)
async def test_search_counts_every_hostile_query(
        section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shots = Shots(tmp_path / "shots")
    strings = section_strings(section, shots.folder)
    paragraphs = [f"Line {n}: {s}." for n, s in enumerate(strings, 1)]
    doc = write_document(tmp_path / "docs", paragraphs)
    typed = typeable(strings, budget=6)  # typing into an Input: test_app_keys does more
    app = make_app(doc.parent)
    async with app.run_test(size=COMPACT, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        view = reader(app)
        assert view.document is not None
        text = view.document.text
        box = app.query_one("#search", Input)
        for string in strings:
            await pilot.press("slash")  # the box opens on the last query, all selected
            assert app.focused is box
            await enter_text(pilot, string, string in typed, wait=False)
            await pilot.press("enter")
            assert app.is_running and not box.display
            query = box.value
            line = string.splitlines()[0]  # an Input holds one line
            if RAW_CONTROL.search(line):  # the box may refuse what it cannot draw
                assert query in (line, "") or not RAW_CONTROL.search(query), query
            else:
                assert query == line
            expected = text.lower().count(query.lower())
            assert view.nav.matches.query == query
            shown = status_text(app)
            found = re.search(r"match \d+ of (\d+)|(\d+) match", shown)
            count = int(found.group(1) or found.group(2)) if found else None
            if query:
                assert count == expected, (query, shown)
            else:
                assert count in (None, 0), shown
            assert not RAW_CONTROL.search(shown)
            if expected:
                assert query.lower() in view.document.segmentation.sentence_text(
                    view.cursor).lower()
        assert_screen_safe(app, "after the searches")
        await pilot.press("full_stop", "comma")
        assert spy.injected() == []
        shots.assert_untouched()
        await quit_app(pilot)


@pytest.mark.parametrize("section", SECTIONS)
async def test_search_box_draws_controls_as_symbols(section: str, tmp_path: Path) -> None:
    strings = [s for s in hostile(section) if s.splitlines() == [s]]
    doc = write_document(tmp_path / "docs", plain_sentences(2))
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        await enter_text(pilot, " ".join(strings), typed=False)
        assert_screen_safe(app, "the search box holding the pasted strings")
        await pilot.press("enter")
        assert app.is_running


