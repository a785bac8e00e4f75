"""Hostile text and hostile files through every pane of the real app, on real files.

Every string of ``tests/data/hostile_inputs.yaml`` (markup injection, terminal escapes,
Unicode edge cases, export injection) goes through the app as document text, a file name,
a note typed in the note dialog, a tag name in a hand-written sidecar and a search query;
every item of ``hostile_files`` and ``hostile_sidecars`` is put on disk as (or beside) a
briefing. The app runs with ``run_test()`` and notifications on, so toasts are on screen.

The oracles, checked on what the app draws and what it leaves on disk:

- **Nothing raw reaches the terminal.** The exported screen (SVG) never holds ESC, another
  C0 control but newline, DEL, a C1 control or a bidi override/isolate; the reader draws
  each of them as the one-cell symbol of ``core.visible``, so a row has exactly as many
  characters as its text (offsets line up).
- **Markup is never parsed.** ``[bold]x[/]`` is drawn as those ten characters; no segment
  any widget renders carries an ``@click`` action or a link, and clicking the rows that
  show ``[@click=app.quit]`` runs no action: the app keeps running, no screenshot file
  appears (the target folder stays empty) and no URL is opened.
- **Nothing is lost.** What is typed is what is saved (a control character may be kept
  as its symbol); a note saved untouched stays as it was; a sidecar the app cannot read
  is never rewritten (byte-identical after keys and quit); entries it rejects are written
  back under ``rejected:``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea

import briefing_tui.core.atomic as atomic
from briefing_tui.core.codebook import TAG_NAME
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.safe_yaml import load_yaml
from briefing_tui.core.sidecar import MAX_SIDECAR_BYTES, read_sidecar, sidecar_path
from briefing_tui.core.visible import visible
from briefing_tui.tui.app import SYNC_SEGMENT_CHARS, BriefingApp, open_entries
from briefing_tui.tui.dialogs import ChoiceDialog, NoteDialog
from briefing_tui.tui.panes import AnnotationsPane, DocumentList, StatusBar
from briefing_tui.tui.reader import GUTTER, LAZY_LAYOUT_CHARS, Reader

from .app_helpers import make_app, reader, saved, settle
from .conftest import DATA

HOSTILE: dict[str, Any] = yaml.safe_load(
    (DATA / "hostile_inputs.yaml").read_text(encoding="utf-8"))
SECTIONS = ["markup_injection", "terminal_escapes", "unicode_edge_cases", "export_injection"]
SIZE = (160, 50)
COMPACT = (100, 30)  # where many keys are pressed: each key redraws less

#: What must never be drawn raw: C0 controls but newline, DEL, C1, bidi overrides/isolates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Actions a hostile string asks for; none may ever run.
INJECTED_ACTION = re.compile(r"quit|screenshot|simulate_key|open_url|suspend|bell")
#: Where the YAML's screenshot string would write (we also add one aimed at tmp_path).
TMP_SCREENSHOT = Path("/tmp/x.svg")
#: The app's notices about the sidecar (entry.attention) and the status line use these.
BAD_ENTRIES = re.compile(r"bad entr", re.IGNORECASE)

def hostile(section: str) -> list[str]:
    strings = HOSTILE[section]
    assert isinstance(strings, list) and all(isinstance(s, str) for s in strings)
    return strings


def section_strings(section: str, shots: Path) -> list[str]:
    """The section's strings; markup gets one more screenshot action aimed at ``shots``."""
    strings = list(hostile(section))
    if section == "markup_injection":
        strings.append(f"[@click=app.screenshot('x.svg','{shots}')]q")
    return strings


# -- files ----------------------------------------------------------------------------------


def canonical(text: str) -> str:
    """The contract (DESIGN.md): ``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_document(folder: Path, paragraphs: list[str], name: str = "hostile.txt",
                   title: str = "Hostile strings, one per paragraph.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(("\n\n".join([title, *paragraphs]) + "\n").encode("utf-8"))
    return path


def plain_sentences(count: int) -> list[str]:
    return [f"Sentence number {n} is plain." for n in range(1, count + 1)]


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar any YAML reader reads back as ``text`` (DESIGN.md rule)."""
    dumped = json.dumps(text, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]",
                  lambda m: f"\\u{ord(m.group()):04x}", dumped)


def fingerprint(path: Path) -> tuple[int, int, str]:
    """Size, mtime and hash of a file (read as root reads, whatever its mode)."""
    info = os.lstat(path)
    return info.st_size, info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class Shots:
    """Screenshot targets: an empty folder of ours, and the YAML string's /tmp/x.svg."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.tmp_before = self._tmp_state()

    @staticmethod
    def _tmp_state() -> tuple[int, int] | None:
        try:
            info = TMP_SCREENSHOT.lstat()
        except FileNotFoundError:
            return None
        return info.st_size, info.st_mtime_ns

    def assert_untouched(self) -> None:
        assert listing(self.folder) == [], "an injected screenshot action wrote a file"
        assert self._tmp_state() == self.tmp_before, "an injected action wrote /tmp/x.svg"


# -- what the app shows -----------------------------------------------------------------------


def squash(text: str) -> str:
    """``text`` without whitespace (panes fold any run of whitespace into one space)."""
    return "".join(text.split())


def label_of(text: str, limit: int = 16) -> str:
    """What a one-line label must show of ``text``: its first ``limit`` characters once
    whitespace runs are folded (panes clip at 17 or more), controls as symbols, and blanks
    dropped (compare with ``squash`` of the label)."""
    return squash(visible(" ".join(text.split())[:limit], keep_newlines=False))


def option_texts(pane: OptionList) -> list[str]:
    texts = []
    for index in range(pane.option_count):
        prompt = pane.get_option_at_index(index).prompt
        texts.append(prompt.plain if isinstance(prompt, Content) else str(prompt))
    return texts


def status_text(app: BriefingApp) -> str:
    shown = app.query_one(StatusBar).render()
    return shown.plain if isinstance(shown, Content) else str(shown)


def screen_problems(app: App[Any]) -> list[str]:
    """Why the screen is unsafe: raw controls in what is drawn, or actions/links in it."""
    svg = app.export_screenshot()
    problems = [f"raw U+{ord(c):04X} on screen" for c in sorted(set(RAW_CONTROL.findall(svg)))]
    for widget in app.screen.walk_children(with_self=True):
        if not isinstance(widget, Widget) or not widget.display or not widget.size.area:
            continue
        width, height = widget.outer_size
        for strip in widget.render_lines(Region(0, 0, width, height)):
            for segment in strip:
                style = segment.style
                if style is not None and ("@click" in style.meta or style.link):
                    problems.append(f"{type(widget).__name__} draws an action or link: "
                                    f"{style.meta.get('@click') or style.link!r}")
    return problems


def toast_texts(app: App[Any]) -> list[str]:
    """What the notifications on screen say, one string per toast, blanks squashed."""
    texts = []
    for widget in app.screen.walk_children():
        if type(widget).__name__ == "Toast" and isinstance(widget, Widget):
            shown = widget.render()
            texts.append(squash(shown.plain if isinstance(shown, Content) else str(shown)))
    return texts


def assert_screen_safe(app: App[Any], where: str) -> None:
    problems = screen_problems(app)
    assert not problems, f"{where}: {problems[:5]}"


class ActionSpy:
    """Records every action the app runs and every URL it would open."""

    def __init__(self, app: App[Any], monkeypatch: pytest.MonkeyPatch) -> None:
        self.actions: list[str] = []
        self.urls: list[str] = []
        run_action = app.run_action

        async def spy(action: Any, default_namespace: Any = None) -> bool:
            self.actions.append(str(action))
            return await run_action(action, default_namespace)

        def open_url(url: str, *, new_tab: bool = True) -> None:
            self.urls.append(url)

        monkeypatch.setattr(app, "run_action", spy)
        monkeypatch.setattr(app, "open_url", open_url)

    def injected(self) -> list[str]:
        return [a for a in self.actions if INJECTED_ACTION.search(a)] + self.urls


async def click(pilot: Pilot[int], spy: ActionSpy, widget: Widget, x: int, y: int,
                where: str) -> None:
    """Click content cell (x, y) of ``widget``; the click must run no action at all."""
    app = pilot.app
    before = len(spy.actions)
    dx = widget.content_region.x - widget.region.x
    dy = widget.content_region.y - widget.region.y
    await pilot.click(widget, offset=(dx + x, dy + y))
    assert spy.actions[before:] == [], f"clicking {where} ran {spy.actions[before:]}"
    assert spy.urls == [], f"clicking {where} opened {spy.urls}"
    assert app.is_running and app.return_value is None, f"clicking {where} ended the app"


async def enter_text(pilot: Pilot[int], text: str, typed: bool, wait: bool = True) -> None:
    """Type ``text`` key by key, or paste it (how control characters reach a widget).

    A paste is queued like a key; ``wait=False`` leaves it to the next key press to wait.
    """
    if typed:
        await pilot.press(*text)
    else:
        pilot.app.post_message(events.Paste(text))
        if wait:
            await pilot.pause()


def typeable(strings: list[str], budget: int = 10) -> set[str]:
    """The printable ASCII strings we type key by key (within ``budget`` keys); the rest
    is pasted, as it would be in a terminal."""
    chosen: set[str] = set()
    for text in strings:
        if text.isascii() and text.isprintable() and "?" not in text and len(text) <= budget:
            chosen.add(text)
            budget -= len(text)
    return chosen


def drawn_rows(view: Reader) -> dict[int, str]:
    """Text offset -> the character drawn for it, for every text row on screen now.

    Each row must draw its text one character per code point after the gutter, then only
    blanks: a control shown as a symbol of another length would fail here.
    """
    layout = view.text_layout
    assert layout is not None
    drawn: dict[int, str] = {}
    for y in range(view.scrollable_content_region.height):
        span = layout.row_span(view.scroll_offset.y + y)
        if span is None:
            continue
        start, end = span
        text = view.render_line(y).text
        body, rest = text[GUTTER:GUTTER + end - start], text[GUTTER + end - start:]
        assert not rest.strip(), f"row {y} draws more than its {end - start} chars: {text!r}"
        drawn.update(zip(range(start, end), body))
    return drawn


async def read_whole_document(pilot: Pilot[int], view: Reader) -> dict[int, str]:
    """Page through the document with the keys, checking the screen on every page."""
    drawn: dict[int, str] = {}
    await pilot.press("home")
    while True:
        drawn.update(drawn_rows(view))
        assert_screen_safe(pilot.app, f"page at row {view.scroll_offset.y}")
        layout = view.text_layout
        assert layout is not None
        if view.scroll_offset.y + view.scrollable_content_region.height >= layout.rows:
            return drawn
        top = view.scroll_offset.y
        await pilot.press("pagedown")
        assert view.scroll_offset.y > top, "pagedown did not scroll"


def drawn_paragraph(text: str, drawn: dict[int, str], paragraph: str) -> tuple[str, str]:
    """(what the reader drew, what it must draw) for ``paragraph``, line breaks left out."""
    canon = canonical(paragraph)
    shown = visible(canon)
    assert len(shown) == len(canon), "core.visible must map one for one"
    at = text.index(canon)
    keep = [i for i, char in enumerate(canon) if char != "\n"]
    return ("".join(drawn.get(at + i, "") for i in keep), "".join(shown[i] for i in keep))


async def quit_app(pilot: Pilot[int]) -> None:
    await pilot.press("q")
    await pilot.pause()
    assert not pilot.app.is_running
    assert pilot.app.return_value == 0


def sidecar_yaml(document: Path, entries: list[dict[str, Any]]) -> str:
    """A sidecar as a person writes one: block style, strings double-quoted."""
    text = canonical(document.read_bytes().decode("utf-8"))
    lines = ["version: 1", "document:", f"  name: {yaml_string(document.name)}",
             f"  sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
             "annotations:"]
    for entry in entries:
        lines.append(f"  - id: {yaml_string(entry['id'])}")
        lines += [f"    {key}: {entry[key]}" for key in ("start", "end")]
        lines.append(f"    text: {yaml_string(entry['text'])}")
        lines.append("    tags: [" + ", ".join(yaml_string(t) for t in entry["tags"]) + "]")
        if "note" in entry:
            lines.append(f"    note: {yaml_string(entry['note'])}")
    return "\n".join(lines) + "\n"


def entry_for(text: str, sentence: str, ident: str, tags: list[str],
              note: str | None = None) -> dict[str, Any]:
    start = text.index(sentence)
    entry: dict[str, Any] = {"id": ident, "start": start, "end": start + len(sentence),
                             "text": sentence, "tags": tags}
    if note is not None:
        entry["note"] = note
    return entry


# -- the oracles themselves --------------------------------------------------------------------


class _Leaky(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("[@click=app.quit]q[/] and [link='file:///etc/passwd']l[/]")
        yield Static(Content("raw \x1b[2J and \u202e"))


async def test_the_screen_checks_catch_what_they_look_for() -> None:
    """A widget that parses markup and one that draws ESC must both be caught."""
    app = _Leaky()
    async with app.run_test(size=(60, 5)):
        problems = " ".join(screen_problems(app))
    assert "raw U+001B" in problems and "raw U+202E" in problems
    assert "app.quit" in problems and "file:///etc/passwd" in problems


def test_every_hostile_item_has_a_test() -> None:
    assert set(FILE_CASES) == set(HOSTILE["hostile_files"])
    assert set(SIDECAR_EXPECTS) == set(HOSTILE["hostile_sidecars"])
    for section in SECTIONS:
        assert hostile(section), section


# -- hostile strings as document text ----------------------------------------------------------


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


# -- hostile strings as file names -------------------------------------------------------------


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


# -- hostile strings as notes ------------------------------------------------------------------


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
        await pilot.press("escape")
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


# -- hostile strings in the search box ---------------------------------------------------------


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
            found = re.search(r"(\d+) match", shown)
            if query:
                assert found is not None and int(found.group(1)) == expected, (query, shown)
            else:
                assert found is None or int(found.group(1)) == 0, shown
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


# -- hostile strings as tag names in a hand-written sidecar ------------------------------------


@pytest.mark.parametrize("section", SECTIONS)
async def test_hostile_tag_names_are_kept_and_never_drawn_raw(section: str,
                                                             tmp_path: Path) -> None:
    strings = hostile(section)
    sentences = plain_sentences(len(strings) + 2)
    doc = write_document(tmp_path / "docs", sentences, title="Tags.")
    text = doc.read_text(encoding="utf-8")
    entries = [entry_for(text, sentence, f"hostile-{n}", [string])
               for n, (string, sentence) in enumerate(zip(strings, sentences), 1)]
    unknown = entry_for(text, sentences[-2], "unknown-tag", ["health"])
    source = sidecar_yaml(doc, [*entries, unknown])
    loaded = yaml.safe_load(source)
    assert loaded["annotations"] == [*entries, unknown]  # the file says what we mean
    sidecar = sidecar_path(doc)
    sidecar.write_text(source, encoding="utf-8")
    valid = [e for e in entries if TAG_NAME.fullmatch(e["tags"][0])]
    rejected = [e for e in entries if e not in valid]

    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        entry = app.entries[0]
        assert entry.document is not None
        if rejected:
            assert BAD_ENTRIES.search(entry.attention), entry.attention
            listed = squash(option_texts(app.query_one(DocumentList))[0])
            assert label_of(entry.attention) in listed
        pane = squash(" ".join(option_texts(app.query_one(AnnotationsPane))))
        for kept in [unknown, *valid]:
            assert kept["tags"][0] in pane  # an unknown tag is kept and shown
        assert_screen_safe(app, "a sidecar with hostile tag names")

        await pilot.press("end", "2")  # a change, so the app writes the sidecar
        await settle(pilot)
        assert "all saved" in status_text(app)
        found = read_sidecar(sidecar)
        assert found is not None
        data = found[0]
        assert sorted(data.rejected, key=lambda e: e["id"]) == \
            sorted(rejected, key=lambda e: e["id"])
        tags = {a.id: a.tags for a in data.annotations}
        assert tags["unknown-tag"] == ("health",)
        assert ("migration",) in tags.values()
        await quit_app(pilot)
    found = read_sidecar(sidecar)
    assert found is not None and len(found[0].rejected) == len(rejected)


# -- hostile files -----------------------------------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
       b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
       b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
BRIEF = "Kabul talks resumed on Monday.\nRefugees crossed at Torkham.\n\nThe border closed."
TORKHAM = "Refugees crossed at Torkham."


@pytest.mark.parametrize(("content", "reason"), [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(PNG, "PNG", id="png-renamed-txt"),
])
async def test_unreadable_file_is_listed_with_its_reason(
        content: bytes, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    bad = write_document(folder, ["A normal briefing."], name="a-bad.txt")
    bad.write_bytes(content)
    good = write_document(folder, ["A normal briefing."], name="b-good.txt")
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await settle(pilot)
        documents = app.query_one(DocumentList)
        entry = documents.entries[0]
        assert entry.path == bad and reason in entry.error
        assert reason in option_texts(documents)[0]
        await click(pilot, spy, documents, 4, 0, "the unreadable file")
        assert any(reason in t for t in toast_texts(app)), toast_texts(app)
        shown = app.query_one("#reader-1", Reader).document
        assert shown is not None and shown.path == good  # the readable one stays open
        await pilot.press("n", "escape")
        assert app.is_running and not isinstance(app.screen, NoteDialog)
        assert reason in option_texts(documents)[0]
        assert_screen_safe(app, "an unreadable file chosen")
        await quit_app(pilot)
    assert bad.read_bytes() == content
    assert listing(folder) == sorted([bad.name, good.name])


@pytest.mark.parametrize("raw", [
    pytest.param(b"\xef\xbb\xbf" + BRIEF.encode("utf-8"), id="utf8-bom"),
    pytest.param(BRIEF.encode("utf-16"), id="utf16-le-bom"),
    pytest.param(b"Kabul talks resumed on Monday.\r\nRefugees crossed at Torkham.\n\r"
                 b"The border closed.\r\n", id="mixed-line-endings"),
])
async def test_encodings_and_line_endings_open_and_tag_at_the_right_offsets(
        raw: bytes, tmp_path: Path) -> None:
    if raw.startswith(b"\xff\xfe"):
        assert raw[2:4] == b"K\x00"  # little-endian, as the YAML item says
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "brief.txt"
    doc.write_bytes(raw)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = reader(app)
        assert view.document is not None
        text = view.document.text
        assert text.rstrip("\n") == BRIEF
        drawn = await read_whole_document(pilot, view)
        for line in BRIEF.split("\n"):
            if line:
                got, want = drawn_paragraph(text, drawn, line)
                assert got == want == line  # no BOM or CR symbol drawn
        await pilot.press("home", "j", "1")
        await settle(pilot)
        [annotation] = saved(doc)
        assert annotation.text == TORKHAM
        assert text[annotation.start:annotation.end] == TORKHAM
        await quit_app(pilot)
    assert doc.read_bytes() == raw


async def test_invalid_utf8_opens_read_only_and_is_never_written(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    raw = (b"Kabul talks resumed. Bad \xc0\xaf here, \xed\xa0\x80 there and \x80 alone.\n\n"
           b"Refugees crossed at Torkham.\n")
    doc = folder / "broken.txt"
    doc.write_bytes(raw)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = reader(app)
        assert view.document is not None
        assert "\ufffd" in view.document.text
        assert "read-only" in status_text(app)
        assert "UTF-8" in status_text(app)
        assert any("invalidUTF-8" in t for t in toast_texts(app)), toast_texts(app)
        drawn = await read_whole_document(pilot, view)
        assert "\ufffd" in "".join(drawn.values())
        for keys in (["1"], ["j", "2"], ["n"], ["x"], ["u"]):
            await pilot.press(*keys)
            assert not isinstance(app.screen, NoteDialog), "a note on a read-only document"
        assert any("Read-only" in t for t in toast_texts(app)), toast_texts(app)
        await settle(pilot)
        assert len(view.document.annotations) == 0
        assert "read-only" in status_text(app).lower()
        assert_screen_safe(app, "a read-only document after tagging attempts")
        await quit_app(pilot)
    assert doc.read_bytes() == raw
    assert listing(folder) == [doc.name]


async def test_one_huge_line_opens_and_keys_stay_fast(tmp_path: Path) -> None:
    """One 2 MB line with no line break (the YAML says 10 MB; 2 MB takes every path a
    10 MB one does: over SYNC_SEGMENT_CHARS it is split in a worker after the first paint,
    over LAZY_LAYOUT_CHARS it is laid out lazily, and as one line it is one block to wrap.
    At 10 MB the same code runs five times as long, which this suite cannot afford)."""
    unit = "Refugees crossed at Torkham on day {:07d} and talks resumed in Kabul. "
    text = "".join(unit.format(n) for n in range(2_000_000 // len(unit.format(0))))
    assert "\n" not in text and len(text) > max(SYNC_SEGMENT_CHARS, LAZY_LAYOUT_CHARS)
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "huge.txt"
    doc.write_text(text, encoding="utf-8")
    app = make_app(folder)
    started = time.perf_counter()
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        assert time.perf_counter() - started < 5, "the first screen took too long"
        view = reader(app)
        assert view.document is not None

        async def timed(key: str) -> None:
            began = time.perf_counter()
            await pilot.press(key)
            assert time.perf_counter() - began < 2, f"{key} froze the app"

        for key in ("j", "j", "k"):
            await timed(key)
        assert view.cursor == 1
        await timed("pagedown")
        assert view.cursor > 1 and view.scroll_offset.y > 0
        await timed("pagedown")
        await timed("pageup")
        await app.workers.wait_for_complete()
        await timed("end")
        assert view.cursor == len(view.document.segmentation) - 1 > 20_000
        await timed("k")
        await timed("1")
        await timed("home")
        assert view.cursor == 0
        drawn = drawn_rows(view)
        assert "".join(drawn[i] for i in range(len(unit.format(0)))) == unit.format(0)
        await settle(pilot)
        [annotation] = saved(doc)
        assert text[annotation.start:annotation.end] == annotation.text
        await quit_app(pilot)


class FaultyOs:
    """``os`` for core.atomic, with ``replace`` or ``open`` failing while ``fail`` is set."""

    def __init__(self, *, replace_errno: int | None = None,
                 unreadable: Path | None = None) -> None:
        self.fail = True
        self.replace_errno = replace_errno
        self.unreadable = unreadable

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def replace(self, src: Any, dst: Any) -> None:
        if self.fail and self.replace_errno is not None:
            raise OSError(self.replace_errno, os.strerror(self.replace_errno), str(dst))
        os.replace(src, dst)

    def open(self, path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if self.fail and self.unreadable is not None and Path(path) == self.unreadable:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return os.open(path, flags, mode, **kwargs)


@pytest.mark.parametrize(("code", "says"), [
    pytest.param(errno.EACCES, "permission denied", id="EACCES"),
    pytest.param(errno.EROFS, "read-only", id="EROFS"),
])
async def test_save_into_read_only_folder_fails_loudly_and_retries(
        code: int, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod does not stop writes: the fault is injected into core.atomic."""
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    fault = FaultyOs(replace_errno=code)
    monkeypatch.setattr(atomic, "os", fault)
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "1")
        await settle(pilot)
        shown = status_text(app)
        assert "NOT SAVED" in shown and says in shown.lower(), shown
        assert says in app.entries[0].attention.lower()
        view = reader(app)
        assert view.document is not None
        [annotation] = view.document.annotations.sorted()
        assert annotation.tags == ("security",)
        assert listing(doc.parent) == [doc.name]  # no sidecar, no temp file left
        await pilot.press("q")
        assert app.is_running and isinstance(app.screen, ChoiceDialog)
        assert_screen_safe(app, "the could-not-save dialog")
        await pilot.press("escape")  # the default: stay
        assert app.is_running and not isinstance(app.screen, ChoiceDialog)
        fault.fail = False
        await pilot.pause(3 * app.retry_delay)
        await settle(pilot)
        assert "all saved" in status_text(app)
        assert [a.tags for a in saved(doc)] == [("security",)]
        await quit_app(pilot)


def symlinked_sidecar(doc: Path, sidecar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sidecar is a symlink to someone else's file (which must stay untouched)."""
    target = symlink_target(doc)
    target.parent.mkdir()
    target.write_text("version: 1\nannotations: []\n# someone else's file\n",
                      encoding="utf-8")
    sidecar.symlink_to(target)


def symlink_target(doc: Path) -> Path:
    return doc.parent.parent / "elsewhere" / "important.yaml"


def locked_sidecar(doc: Path, sidecar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid sidecar with mode 000. Root reads it anyway, so for root the refusal the
    kernel would give anyone else is injected into core.atomic."""
    text = doc.read_text(encoding="utf-8")
    sidecar.write_text(sidecar_yaml(doc, [entry_for(
        text, "Sentence number 1 is plain.", "locked", ["security"])]), encoding="utf-8")
    sidecar.chmod(0)
    if os.geteuid() == 0:
        monkeypatch.setattr(atomic, "os", FaultyOs(unreadable=sidecar))


def huge_sidecar(doc: Path, sidecar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid sidecar padded with comments past the 16 MiB limit."""
    with sidecar.open("wb") as handle:
        handle.write(b"version: 1\nannotations: []\n")
        handle.write(b"# padding\n" * (MAX_SIDECAR_BYTES // 10 + 1))


#: Unreadable sidecars: how to make one, and the reason the app must give.
UNREADABLE_SIDECARS: dict[str, tuple[Callable[[Path, Path, pytest.MonkeyPatch], None], str]] = {
    "symlink": (symlinked_sidecar, "symbolic link"),
    "mode-000": (locked_sidecar, "permission denied"),
    "over-16-MiB": (huge_sidecar, "too large"),
}


async def assert_sidecar_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    kind: str) -> Path:
    """The document opens read-only, says why, refuses every change, writes nothing."""
    make_sidecar, says = UNREADABLE_SIDECARS[kind]
    folder = tmp_path / "docs"
    doc = write_document(folder, plain_sentences(3))
    text = doc.read_text(encoding="utf-8")
    sidecar = sidecar_path(doc)
    make_sidecar(doc, sidecar, monkeypatch)
    before = {p.name: fingerprint(p) for p in folder.iterdir()}
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await pilot.pause()  # the first document opens (and reads its sidecar) on mount
        entry = app.entries[0]
        assert entry.document is not None and entry.document.text == text
        assert says in entry.attention, entry.attention
        shown = status_text(app)
        assert "read-only" in shown and says in shown, shown
        listed = option_texts(app.query_one(DocumentList))[0]
        assert listed.startswith("!") and "unreadable" in listed, listed
        await pilot.press("1", "j", "2", "n")
        assert not isinstance(app.screen, NoteDialog)
        await pilot.press("x", "u", "ctrl+r")
        await settle(pilot)
        assert len(entry.document.annotations) == 0
        assert_screen_safe(app, "a document whose sidecar is left alone")
        assert spy.injected() == []
        await quit_app(pilot)
    assert {p.name: fingerprint(p) for p in folder.iterdir()} == before
    return sidecar


async def test_sidecar_that_is_a_symlink_is_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = symlink_target(tmp_path / "docs" / "hostile.txt")
    sidecar = await assert_sidecar_left_alone(tmp_path, monkeypatch, "symlink")
    assert sidecar.is_symlink() and sidecar.readlink() == target
    assert target.read_text(encoding="utf-8").endswith("# someone else's file\n")


async def test_sidecar_with_mode_000_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sidecar = await assert_sidecar_left_alone(tmp_path, monkeypatch, "mode-000")
    assert stat.S_IMODE(sidecar.lstat().st_mode) == 0


async def test_sidecar_over_16_mib_is_never_overwritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sidecar = await assert_sidecar_left_alone(tmp_path, monkeypatch, "over-16-MiB")
    assert sidecar.stat().st_size > MAX_SIDECAR_BYTES


@pytest.mark.parametrize("kind", list(UNREADABLE_SIDECARS))
async def test_documents_pane_says_why_a_sidecar_is_unreadable(
        kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_sidecar, says = UNREADABLE_SIDECARS[kind]
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    make_sidecar(doc, sidecar_path(doc), monkeypatch)
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        listed = option_texts(app.query_one(DocumentList))[0]
        assert squash(says) in squash(listed), listed


def row_showing(pane: OptionList, label: str) -> int:
    """The first row of ``pane`` on screen that shows ``label`` (blanks ignored)."""
    for y in range(pane.scrollable_content_region.height):
        if label in squash(pane.render_line(y).text):
            return y
    raise AssertionError(f"no row of {pane.id} shows {label!r}")


async def test_file_named_with_markup_or_escapes_is_shown_literally(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    names = ["[bold]x[red.txt", "[@click=app.quit]q.txt", "\x1b[2J\x1b]0;pwned\x07.txt",
             "\u202eevil\u202c.txt"]
    for name in names:
        write_document(folder, plain_sentences(2), name=name)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await settle(pilot)
        documents = app.query_one(DocumentList)
        for entry in documents.entries:
            row = row_showing(documents, label_of(entry.path.name, 10))
            await click(pilot, spy, documents, 4, row, repr(entry.path.name))
            view = reader(app)
            assert view.document is not None and view.document.path == entry.path
            assert visible(entry.path.name, keep_newlines=False) in status_text(app)
            await pilot.press("1")
            await settle(pilot)
            assert [a.tags for a in saved(entry.path)] == [("security",)]
            assert_screen_safe(app, f"{entry.path.name!r} open and tagged")
        await quit_app(pilot)
    assert sorted(listing(folder)) == sorted(
        [*names, *(n + ".annotations.yaml" for n in names)])


@pytest.mark.parametrize("kind", ["cannot-open", "invalid-utf8-warning", "launch-notice"])
async def test_messages_naming_a_hostile_file_draw_it_safely(kind: str,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    name = "\x1b[2J\x1b]0;pwned\x07 [@click=app.quit]q"
    normal = write_document(folder, plain_sentences(2), name="normal.txt")
    notices: list[str] = []
    if kind == "cannot-open":
        (folder / f"{name}.txt").write_bytes(b"")
    elif kind == "invalid-utf8-warning":
        (folder / f"{name}.txt").write_bytes(b"Bad \xc0\xaf byte. Second sentence.\n")
    else:
        given = folder / f"{name}.pdf"
        given.write_bytes(b"%PDF-1.4\n")
        notices = find_documents([given, normal]).errors
        assert notices
    app = BriefingApp(open_entries(find_documents([folder]).documents), notices=notices)
    app.save_delay = 0.01
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if kind != "launch-notice":
            documents = app.query_one(DocumentList)
            index = next(i for i, e in enumerate(documents.entries)
                         if e.path.name.startswith("\x1b"))
            documents.focus()
            documents.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
        assert app.is_running
        said = {"cannot-open": "nothingtoread", "invalid-utf8-warning": "invalidUTF-8",
                "launch-notice": "notaformat"}[kind]
        assert any(said in t and "pwned" in t for t in toast_texts(app)), toast_texts(app)
        assert_screen_safe(app, f"a message naming the file ({kind})")


async def test_fifo_named_like_a_briefing_blocks_nothing(tmp_path: Path) -> None:
    """A named pipe called ``*.txt`` (a leftover of a shell pipeline) is a hostile file
    too: it must be listed as unreadable without stopping the scan of the others, and
    quitting must leave no thread behind (else ``briefing`` hangs after its screen
    closes). The test writes to the pipe at the end so that nothing stays stuck."""
    folder = tmp_path / "docs"
    write_document(folder, plain_sentences(2), name="a-normal.txt")
    fifo = folder / "b-pipe.txt"
    os.mkfifo(fifo)
    (folder / "c-empty.txt").write_bytes(b"")
    app = make_app(folder)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            for _ in range(10):  # not settle(): it would wait for the stuck worker
                await pilot.pause(0.1)
            documents = app.query_one(DocumentList)
            pipe, empty = documents.entries[1:]
            assert "empty" in empty.error, "the scan stopped at the pipe"
            assert pipe.error, "the pipe is not marked unreadable"
            assert pipe.error in option_texts(documents)[1]
            await quit_app(pilot)
        assert not stuck_reader(fifo), "after quit a thread is still stuck opening the pipe"
    finally:
        stuck_reader(fifo)  # let a reader stuck in open() go


def stuck_reader(fifo: Path) -> bool:
    """True when someone waits to read ``fifo`` (that wait is then released)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as exc:
        assert exc.errno == errno.ENXIO, exc  # no reader: nobody is stuck
        return False
    return True


# -- hostile sidecars --------------------------------------------------------------------------

#: What the app must say about each sample, and whether it must leave the file byte-identical
#: (an unreadable sidecar), or may rewrite it keeping every entry (a readable one whose bad
#: entries go under ``rejected:``, as DESIGN.md and core.sidecar_format promise).
SIDECAR_EXPECTS: dict[str, tuple[str, bool]] = {
    "python_object": ("not allowed", True),
    "alias_bomb": ("not allowed", True),
    "deep_nesting": ("nest", True),
    "duplicate_keys": ("duplicate", True),
    "wrong_types": ("bad entr", False),
    "offsets_out_of_range": ("bad entr", False),
    "huge_int": ("bad entr", False),
    "binary_tag": ("not allowed", True),
    "not_a_mapping": ("not a sidecar", True),
    "empty": ("empty", True),
}


@pytest.mark.parametrize("name", list(HOSTILE["hostile_sidecars"]))
async def test_hostile_sidecar_is_reported_and_nothing_is_lost(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    says, untouched = SIDECAR_EXPECTS[name]
    content: str = HOSTILE["hostile_sidecars"][name]
    folder = tmp_path / "docs"
    doc = write_document(folder, plain_sentences(3))
    sidecar = sidecar_path(doc)
    sidecar.write_bytes(content.encode("utf-8"))
    before = fingerprint(sidecar)
    pwned = tmp_path / "pwned"
    monkeypatch.chdir(tmp_path)  # where `echo pwned > pwned` would land
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await pilot.pause()  # the first document opens (and reads its sidecar) on mount
        entry = app.entries[0]
        assert entry.document is not None and not entry.error
        assert says in entry.attention.lower(), entry.attention
        assert label_of(entry.attention) in squash(option_texts(app.query_one(DocumentList))[0])
        if untouched:
            assert "read-only" in status_text(app)
        await pilot.press("1", "n")
        if isinstance(app.screen, NoteDialog):
            await pilot.press("escape")
        await settle(pilot)
        assert_screen_safe(app, f"the {name} sidecar")
        assert spy.injected() == []
        await quit_app(pilot)
    assert not pwned.exists()
    if untouched:
        assert fingerprint(sidecar) == before
        return
    found = read_sidecar(sidecar)
    assert found is not None
    original = load_yaml(content)["annotations"]
    kept = found[0].rejected + [
        {"start": a.start, "end": a.end, "text": a.text, "tags": list(a.tags)}
        for a in found[0].annotations]
    for bad in original:
        assert bad in kept, f"{bad!r} was dropped"


#: Each hostile_files item of the YAML, and the test that covers it.
FILE_CASES: dict[str, str] = {
    "empty file (0 bytes)": "test_unreadable_file_is_listed_with_its_reason[empty]",
    "a PNG renamed .txt": "test_unreadable_file_is_listed_with_its_reason[png-renamed-txt]",
    "invalid UTF-8 bytes C0 AF, ED A0 80, lone 80":
        "test_invalid_utf8_opens_read_only_and_is_never_written",
    "UTF-8 BOM EF BB BF at the start":
        "test_encodings_and_line_endings_open_and_tag_at_the_right_offsets[utf8-bom]",
    "UTF-16 LE with BOM FF FE":
        "test_encodings_and_line_endings_open_and_tag_at_the_right_offsets[utf16-le-bom]",
    "mixed line endings \\r\\n, \\n and lone \\r":
        "test_encodings_and_line_endings_open_and_tag_at_the_right_offsets"
        "[mixed-line-endings]",
    "one 10 MB line with no line break": "test_one_huge_line_opens_and_keys_stay_fast",
    "a document in a read-only folder":
        "test_save_into_read_only_folder_fails_loudly_and_retries",
    "a sidecar that is a symlink to another file":
        "test_sidecar_that_is_a_symlink_is_not_followed",
    "a sidecar with mode 000": "test_sidecar_with_mode_000_is_left_alone",
    "a sidecar over 16 MiB": "test_sidecar_over_16_mib_is_never_overwritten",
    "a file name containing [bold] or an escape sequence":
        "test_file_named_with_markup_or_escapes_is_shown_literally",
}
