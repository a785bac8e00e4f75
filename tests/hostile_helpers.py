"""Shared pieces of the hostile-input tests (test_hostile_*.py): files, oracles, helpers.

Hostile text and hostile files through every pane of the real app, on real files.

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

import hashlib
import json
import os
import re
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
from textual.widgets import OptionList, Static

from briefing_tui.core.visible import visible
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.document_list import DocumentList
from briefing_tui.tui.reader import GUTTER, Reader
from briefing_tui.tui.status import StatusBar

from .constants import DATA

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


def canonical(text: str) -> str:
    """The contract (docs/ARCHITECTURE.md): ``\\r\\n`` and lone ``\\r`` become ``\\n``."""
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
    """A YAML double-quoted scalar any YAML reader reads back as ``text`` (ARCHITECTURE.md)."""
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


def squash(text: str) -> str:
    """``text`` without whitespace (panes fold any run of whitespace into one space)."""
    return "".join(text.split())


def label_of(text: str, limit: int = 16) -> str:
    """What a one-line label must show of ``text``: its first ``limit`` characters once
    whitespace runs are folded (panes clip at 17 or more), controls as symbols, and blanks
    dropped (compare with ``squash`` of the label)."""
    return squash(visible(" ".join(text.split())[:limit], keep_newlines=False))


def option_texts(pane: OptionList | DocumentList) -> list[str]:
    texts = []
    for index in range(pane.option_count):
        prompt = pane.prompt_at(index) if isinstance(pane, DocumentList) else \
            pane.get_option_at_index(index).prompt
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
    keep = [i for i, char in enumerate(canon) if char not in "\n\u2028\u2029"]  # breaks
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


class _Leaky(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("[@click=app.quit]q[/] and [link='file:///etc/passwd']l[/]")
        yield Static(Content("raw \x1b[2J and \u202e"))
