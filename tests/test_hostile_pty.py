"""Every hostile string, opened in the real app in a real terminal: the bytes it writes.

tests/test_hostile_*.py check what Textual would draw (run_test); this checks what the
process actually writes to the terminal. Every item of hostile_inputs.yaml (markup,
terminal escapes, Unicode edge cases, export injection) is a paragraph of one briefing,
and, where a file may be so named, the name of another. The app pages through it, opens
the hostile-named briefings, is clicked all over (SGR 1006 mouse reports), gets keys, and
quits. The oracles, on every byte it wrote:

- every escape sequence is one of the shapes Textual writes for itself (SGR, cursor
  position, private modes, its key-protocol queries, its pointer-shape OSC 22): none of
  the document's OSC 52 / OSC 0 / OSC 8 / ED / DSR / DA / RIS reaches the terminal, and
  the alternate screen is left only after "q";
- no C0 control but ESC, CR, LF and the BEL ending OSC 22, no DEL, no C1 (a raw U+009B
  is a CSI), no bidi override or isolate, no line or paragraph separator, no BOM;
- the escapes are drawn as visible symbols instead (so the text was really shown);
- no injected action ran: the app is still running after every click, no screenshot
  file appears anywhere we look, and "q" exits with status 0.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing_tui.core.visible import visible

from .constants import DATA
from .pty_helpers import ROOT, PtyApp, squash

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

HOSTILE: dict[str, Any] = yaml.safe_load((DATA / "hostile_inputs.yaml").read_text("utf-8"))
SECTIONS = ["markup_injection", "terminal_escapes", "unicode_edge_cases", "export_injection"]
SIZE = (120, 35)
#: The escape sequences Textual itself writes (seen on this version), digits as \d+.
TEXTUAL_ESCAPES = re.compile(
    rb"\x1b\[[\d;]*m|\x1b\[\d+;\d+H|\x1b\[\?\d+[hl]|\x1b\[\?\d+\$p|\x1b\[>\d+u|\x1b\[<u"
    rb"|\x1b\]22;[a-z-]+\x07")
ANY_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)",
                        re.DOTALL)
#: Characters that must never be written raw (ESC, CR, LF and BEL are checked apart).
RAW = re.compile("[\x00-\x06\x08\x09\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f"
                 "\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
#: The issue's examples, and the rest of terminal_escapes, as the document holds them.
NEVER = [b"\x1b]52;", b"\x1b]0;title", b"\x1b]8;;http://evil", b"\x1b[2J", b"\x1b[H",
         b"\x1b[6n", b"\x1b[c", b"\x1bc"]
SCREENSHOT = Path("/tmp/x.svg")


def strings() -> list[str]:
    return [s for section in SECTIONS for s in HOSTILE[section]]


def file_names(items: list[str]) -> list[str]:
    """The strings that can be file names here (no slash or NUL, short enough)."""
    return [f"{n:02d}-{s}.txt" for n, s in enumerate(items)
            if "/" not in s and "\0" not in s and len(s.encode()) < 200]


def stat_or_none(path: Path) -> tuple[int, int] | None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def svgs() -> set[Path]:
    return {p for folder in (ROOT, Path.cwd(), Path.home()) for p in folder.glob("*.svg")}


def check_bytes(raw: bytes, quit_at: int) -> None:
    strange = {m.group() for m in ANY_ESCAPE.finditer(raw)
               if not TEXTUAL_ESCAPES.fullmatch(m.group())}
    assert not strange, f"escape sequences Textual does not write: {sorted(strange)[:10]}"
    for sequence in NEVER:
        assert sequence not in raw, sequence
    assert b"\x1b[?1049l" not in raw[:quit_at], "left the alternate screen before q"
    text = raw.decode("utf-8", "replace")
    found = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})
    assert not found, f"raw control or bidi characters written: {found}"
    assert text.count("\x07") == len(re.findall(rb"\x1b\]22;[a-z-]+\x07", raw))


def test_hostile_document_and_file_names_in_a_real_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    shots = tmp_path / "shots"
    shots.mkdir()
    items = strings()
    paragraphs = ["Hostile strings, one per paragraph."] + [
        f"Line {n}: {s}." for n, s in enumerate(
            [*items, f"[@click=app.screenshot('x.svg','{shots}')]q"], 1)]
    named = folder / "names"
    named.mkdir(parents=True)
    (folder / "00-hostile.txt").write_bytes("\n\n".join(paragraphs).encode() + b"\n")
    names = file_names(items)
    for name in names:
        (named / name).write_text(f"Named briefing.\n\nIts name is {name!r}.\n")
    before = (stat_or_none(SCREENSHOT), svgs())
    app = PtyApp(folder, size=SIZE)
    try:
        assert app.wait_for("sentence 1/", "Hostile strings"), app.text()[-2000:]
        pending = [visible(piece) for string in HOSTILE["terminal_escapes"]
                   for piece in string.replace("\r", "\n").split("\n")]  # CR breaks lines
        for _page in range(12):  # page down until every escape was drawn, as symbols
            shown = squash(app.text())
            pending = [piece for piece in pending if squash(piece) not in shown]
            if not pending:
                break
            app.send("\x1b[6~")  # pagedown
            app.wait_for(pending[0], timeout=1, squashed=True)
        assert not pending, f"not drawn as symbols: {pending}"
        for name in names:  # shift+tab to Documents, down, enter: open the next one
            mark = app.mark()
            app.send("\x1b[Z\x1b[B\r")
            # the status line names it, controls as symbols (and only then the next keys)
            assert app.wait_for(visible(name, keep_newlines=False) + "  sentence 1/",
                                since=mark, timeout=5, squashed=True), repr(name)
        mark = app.mark()
        app.send("\x1b[Z\x1b[H\r")  # back to the hostile briefing (home, enter)
        assert app.wait_for("00-hostile.txt  sentence 1/", since=mark, squashed=True)
        for _page in range(4):  # click all over each page, never the footer (its keys act)
            for y in range(0, SIZE[1] - 1):
                for x in range(1, SIZE[0], 4):
                    app.click(x, y)
                app.pump(0.02)
            app.pump(0.3)
            assert app.child.poll() is None, "a click ended the app"
            app.send("\x1b[6~")
        for key in ["j", "k", "1", "2", "3", "u", "\x12", "]", "[", "f", "f", "f", "f"]:
            app.send(key)
            app.pump(0.05)
        assert app.child.poll() is None
        quit_at = app.mark()
        app.send("q")
        status = app.wait()
    finally:
        app.close()
    assert status == 0
    check_bytes(app.raw, quit_at)
    assert os.listdir(shots) == []
    assert (stat_or_none(SCREENSHOT), svgs()) == before


def test_the_byte_checks_catch_what_they_look_for() -> None:
    clean = b"\x1b[?1049h\x1b]22;default\x07\x1b[1;1H\x1b[1;38;5;253mok\x1b[0m"
    check_bytes(clean + b"\x1b[?1049l", len(clean))
    for leak in [*NEVER, b"\x1b]52;c;eA==\x07", "\u202e".encode(), "\x9b".encode(),
                 b"\x00", b"\x1b[?1049l"]:
        try:
            check_bytes(clean + leak, len(clean) + len(leak))
        except AssertionError:
            continue
        raise AssertionError(f"{leak!r} was not caught")
