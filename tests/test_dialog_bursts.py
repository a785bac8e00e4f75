"""Keys that arrive in one burst with the ctrl+s after them, in a real terminal.

Over SSH, or from a fast typist, the last letters and ctrl+s reach the app in one read.
ctrl+s is a priority binding, run as soon as the app reads it, while the letters still
wait in the focused field's queue: the dialogs saved without them (26 letters and ctrl+s
saved nothing). The save now waits behind the typed keys (tui/typed_first.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing_tui.core.sidecar import sidecar_path

from .crash_model import drill_text
from .pty_helpers import PtyApp

pytestmark = pytest.mark.system

LETTERS = "abcdefghijklmnopqrstuvwxyz"
CTRL_S = "\x13"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "brief.txt").write_text(drill_text(), encoding="utf-8")
    return folder


def test_a_note_typed_in_one_burst_with_ctrl_s_is_saved_whole(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    app = PtyApp(folder)
    try:
        assert app.wait_for("sentence 1/")
        mark = app.mark()
        app.send("n")
        assert app.wait_for("ctrl+s saves", since=mark)
        app.pump(0.3)
        app.send(LETTERS + CTRL_S)
        app.pump(1.0)
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()
    notes = [entry["note"] for entry in yaml.safe_load(
        sidecar_path(folder / "brief.txt").read_text(encoding="utf-8"))["annotations"]]
    assert notes == [LETTERS]


def test_the_brief_typed_in_one_burst_with_ctrl_s_is_saved_whole(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    app = PtyApp(folder)
    try:
        assert app.wait_for("sentence 1/")
        mark = app.mark()
        app.send("e")
        assert app.wait_for("The brief", since=mark)
        mark = app.mark()
        app.send("b")
        assert app.wait_for("The brief in your words", since=mark)
        app.pump(0.3)
        app.send(LETTERS + CTRL_S)
        app.pump(1.0)
        app.send("\x1b")  # back to the reader (alone: ESC q would read as alt+q)
        app.pump(0.5)
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()
    brief = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    assert brief["title"] == LETTERS
