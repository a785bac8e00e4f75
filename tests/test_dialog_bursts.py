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


def test_fields_typed_in_one_burst_with_tabs_land_in_their_own_fields(tmp_path: Path) -> None:
    """Title, tab, period, tab, bottom line, ctrl+s in one write: each in its own field.

    tab moved the focus only when the title field reached it in its queue, and the period's
    letters, already handed to the title field, went on into it (the bottom line was saved
    as the period). tab is now taken when the app reads it, like ctrl+s."""
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
        app.send("Kunar\t2012-09-28 to 2012-10-04\tReturns stall." + CTRL_S)
        app.pump(1.0)
        app.send("\x1b")
        app.pump(0.5)
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()
    brief = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    assert (brief["title"], brief["period"], brief["bottom_line"]) == (
        "Kunar", "2012-09-28 to 2012-10-04", "Returns stall.")


def test_metadata_typed_in_one_burst_with_tabs_lands_in_its_fields(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    app = PtyApp(folder)
    try:
        assert app.wait_for("sentence 1/")
        mark = app.mark()
        app.send("M")
        assert app.wait_for("ctrl+s", since=mark)
        app.pump(0.3)
        app.send(" (Kunar update)\t2012-10-04" + CTRL_S)  # the title field holds the file's
        app.pump(1.0)
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()
    document = yaml.safe_load(
        sidecar_path(folder / "brief.txt").read_text(encoding="utf-8"))["document"]
    assert document.get("date") == "2012-10-04"
    assert document["title"].endswith("(Kunar update)") and "2012" not in document["title"]
