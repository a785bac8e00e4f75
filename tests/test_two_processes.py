"""Two real app processes on one folder, each in its own pseudo-terminal.

Two analysts on a shared drive (or one in two terminals): the second app is told who has
the briefing open and opens its tags read-only; it follows the first app's saves; when it
edits anyway and both save at once, the one that finds the file changed asks, merges, and
the sidecar ends with both analysts' tags.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from briefing_tui.core.lock import lock_path
from briefing_tui.core.sidecar import sidecar_path

from .crash_model import drill_text, on_disk, sentence_spans
from .pty_helpers import PtyApp

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

CONFLICT = "Sidecar changed on disk"


def test_two_processes_lock_follow_and_merge(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    doc = folder / "brief.txt"
    doc.write_text(drill_text(), encoding="utf-8")
    spans = sentence_spans(doc)
    first = PtyApp(folder)
    second: PtyApp | None = None
    try:
        assert first.wait_for("sentence 1/")
        assert lock_path(doc).exists()
        second = PtyApp(folder)
        assert second.wait_for("Open in another app", "also open by", squashed=True), \
            second.text()[-3000:]
        second.pump(0.2)
        told = "".join(second.text().split())  # the message may wrap anywhere
        assert f"@{socket.gethostname()}(pid{first.child.pid})" in told
        second.send("\r")  # Read-only, the default
        assert second.wait_for("read-only: also open by")
        for _attempt in range(5):  # a key that would tag asks again (once the first
            mark = second.mark()  # question is gone); escape keeps it read-only
            second.send("1")
            if second.wait_for("Open in another app", since=mark, timeout=1):
                break
        else:
            raise AssertionError("a tag key in a read-only briefing did not ask again")
        second.send("\x1b")
        second.pump(0.3)
        assert not sidecar_path(doc).exists()

        mark = second.mark()
        first.send("j2")  # the second follows the first's save within a poll or two
        assert second.wait_for("was changed on disk: reloaded", since=mark, timeout=8,
                               squashed=True)
        assert second.wait_for("1 tagged", since=mark)
        assert on_disk(doc, spans) == {1: ("migration",)}

        mark = second.mark()
        second.send("3")  # asks again: this time "Edit anyway" (tab to it, enter)
        assert second.wait_for("Open in another app", since=mark)
        second.send("\t\r")
        assert second.wait_for("alongside the other app", since=mark, squashed=True)

        marks = [first.mark(), second.mark()]
        second.send("3")  # both change the file within the same moment
        first.send("j1")
        want = {0: ("diplomacy",), 1: ("migration",), 2: ("security",)}
        deadline = time.monotonic() + 15
        answered = 0
        while time.monotonic() < deadline:
            for app, mark in zip((first, second), marks, strict=True):
                if app.wait_for(CONFLICT, since=mark, timeout=0):
                    app.send("\r")  # Merge, the default
                    answered += 1
                    marks[(first, second).index(app)] = app.mark()
            if sidecar_path(doc).exists() and on_disk(doc, spans) == want:
                break
            first.pump(0.1)
            second.pump(0.1)
        assert on_disk(doc, spans) == want, (answered, first.text()[-1500:])
        first.send("q")
        second.send("q")
        assert first.wait() == 0 and second.wait() == 0
        assert not lock_path(doc).exists()
        assert on_disk(doc, spans) == want
        print(f"conflict dialogs answered: {answered}")
    finally:
        first.close()
        if second is not None:
            second.close()
