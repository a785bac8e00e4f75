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


def _type_in_one_burst(folder: Path, opens: list[tuple[str, str]], burst: str,
                       back: bool = False) -> None:
    """Open a dialog (each key, then the text it shows), write ``burst`` in one go, quit.

    ``back``: the dialog sits on another screen, left with escape before quitting (sent
    alone: ESC q would read as alt+q)."""
    app = PtyApp(folder)
    try:
        assert app.wait_for("sentence 1/")
        for key, shown in opens:
            mark = app.mark()
            app.send(key)
            assert app.wait_for(shown, since=mark)
        app.pump(0.3)
        app.send(burst + CTRL_S)
        app.pump(1.0)
        if back:
            app.send("\x1b")
            app.pump(0.5)
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()


BRIEF_DIALOG = [("e", "The brief"), ("b", "The brief in your words")]


def test_a_note_typed_in_one_burst_with_ctrl_s_is_saved_whole(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _type_in_one_burst(folder, [("n", "ctrl+s saves")], LETTERS)
    notes = [entry["note"] for entry in yaml.safe_load(
        sidecar_path(folder / "brief.txt").read_text(encoding="utf-8"))["annotations"]]
    assert notes == [LETTERS]


def test_the_brief_typed_in_one_burst_with_ctrl_s_is_saved_whole(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _type_in_one_burst(folder, BRIEF_DIALOG, LETTERS, back=True)
    brief = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    assert brief["title"] == LETTERS


def test_fields_typed_in_one_burst_with_tabs_land_in_their_own_fields(tmp_path: Path) -> None:
    """Title, tab, period, tab, bottom line, ctrl+s in one write: each in its own field.

    tab moved the focus only when the title field reached it in its queue, and the period's
    letters, already handed to the title field, went on into it (the bottom line was saved
    as the period). tab is now taken when the app reads it, like ctrl+s."""
    folder = _folder(tmp_path)
    _type_in_one_burst(folder, BRIEF_DIALOG, "Kunar\t2012-09-28 to 2012-10-04\tReturns stall.",
                       back=True)
    brief = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    assert (brief["title"], brief["period"], brief["bottom_line"]) == (
        "Kunar", "2012-09-28 to 2012-10-04", "Returns stall.")


def test_metadata_typed_in_one_burst_with_tabs_lands_in_its_fields(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    # the title field starts with the file's own title: the burst adds to it
    _type_in_one_burst(folder, [("M", "ctrl+s")], " (Kunar update)\t2012-10-04")
    document = yaml.safe_load(
        sidecar_path(folder / "brief.txt").read_text(encoding="utf-8"))["document"]
    assert document.get("date") == "2012-10-04"
    assert document["title"].endswith("(Kunar update)") and "2012" not in document["title"]
