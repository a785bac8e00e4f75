"""A terminal that goes away without a SIGHUP: the app saves, lets go and exits.

Closing a terminal window closes the master side of the app's pseudo-terminal. The app
under test runs in a session of its own (``PtyApp``), as under a script or ``setsid``, so
no SIGHUP arrives; its input just ends (EOF, then EIO on writes). Before tui/hangup.py the
app lived on unseen, its input thread spinning, its lock held; now it leaves as on SIGHUP.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from briefing_tui.core.lock import lock_path

from .crash_model import on_disk, sentence_spans
from .pty_helpers import PtyApp

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

EXIT_SECONDS = 8.0  # "a few seconds"; it takes ~1 s on a busy machine


def test_closing_the_terminal_saves_the_tag_and_exits(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "brief.txt"
    doc.write_text("The first sentence.\n\nThe second sentence.\n\nThe third one.\n",
                   encoding="utf-8")
    spans = sentence_spans(doc)
    app = PtyApp(folder)
    try:
        assert app.wait_for("sentence 1/3", timeout=30), app.text()[-2000:]
        assert lock_path(doc).exists()
        app.send("j")
        mark = app.mark()
        app.send("2")
        assert app.wait_for("sentence 2/3", "1 tagged", since=mark), app.text(mark)
        app.hang_up()  # at once: the save 0.6 s after the key may still be pending
        deadline = time.monotonic() + EXIT_SECONDS
        while app.child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.child.poll() == 0, "the app outlived its terminal"
    finally:
        app.close()
    assert on_disk(doc, spans) == {1: ("migration",)}
    assert not lock_path(doc).exists()  # released on the way out, as on SIGHUP
    state = json.loads((Path(os.environ["XDG_STATE_HOME"]) / "briefing_tui" /
                        "state.json").read_text(encoding="utf-8"))
    assert state["places"][str(doc)] == spans[1][0]  # the sentence it was on, remembered
