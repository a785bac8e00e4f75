"""At and past the documented limits: 64 MiB briefings, 16 MiB sidecars, 5,000 briefings.

The real app (a pseudo-terminal) for what must not freeze: a briefing of exactly
``MAX_DOCUMENT_BYTES`` shows its first screen at once and answers keys while the rest is
split; one byte more is refused with a message naming the limit; a folder of 5,000
briefings lists them all and answers keys. ``run_test`` for sidecars: one of exactly
16 MiB opens and saves again; a change that would push it past is kept in memory and the
status line says why; one byte past opens with read-only tags and says why.
Timings are printed (pytest -s) and bounded generously: they are not benchmarks.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import (
    MAX_SIDECAR_BYTES,
    SidecarData,
    dump_sidecar,
    read_sidecar,
    sidecar_path,
)
from briefing_tui.core.text import MAX_DOCUMENT_BYTES

from .app_helpers import make_app, settle
from .hostile_helpers import status_text
from .pty_helpers import PtyApp

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

GENEROUS = 20.0  # seconds; the measured times are well under 2 s on the 2-core machine


def sized_briefing(path: Path, size: int) -> None:
    """A plausible briefing of exactly ``size`` bytes."""
    paragraph = ("Clashes were reported near the Torkham crossing as talks resumed in "
                 "Doha. " * 5).strip().encode() + b"\n\n"
    head = b"Huge briefing\n\n"
    body = head + paragraph * ((size - len(head)) // len(paragraph))
    path.write_bytes(body + b"x" * (size - len(body) - 1) + b"\n")
    assert path.stat().st_size == size


def test_briefings_at_and_past_64_mib(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    sized_briefing(folder / "a-at-limit.txt", MAX_DOCUMENT_BYTES)
    sized_briefing(folder / "b-past-limit.txt", MAX_DOCUMENT_BYTES + 1)
    began = time.monotonic()
    with PtyApp(folder) as app:
        assert app.wait_for("Huge briefing", timeout=GENEROUS)
        assert app.wait_for("sentence 1", timeout=GENEROUS)
        first_screen = time.monotonic() - began
        mark = app.mark()
        app.send("j")  # answered while the rest is split in the background
        assert app.wait_for("sentence 2", since=mark, timeout=GENEROUS)
        answered = time.monotonic() - began
        mark = app.mark()
        app.send("\x1b[Z\x1b[B\r")  # Documents, down, enter: the one past the limit
        assert app.wait_for("Cannot open b-past-limit.txt", "1 byte over",
                            since=mark, timeout=GENEROUS, squashed=True), app.text(mark)[-3000:]
        asked = time.monotonic()
        app.send("q")  # while the split still runs
        assert app.wait(timeout=GENEROUS) == 0
        quit_took = time.monotonic() - asked
    print(f"64 MiB: first screen {first_screen:.2f} s, j answered at {answered:.2f} s, "
          f"quit in {quit_took:.2f} s")
    assert first_screen < GENEROUS


def test_a_folder_of_5000_briefings_starts_lists_and_answers(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(5000):
        (folder / f"brief-{n:04d}.txt").write_bytes(
            b"Report %d.\n\nClashes near post %d were reported.\n" % (n, n))
    began = time.monotonic()
    with PtyApp(folder) as app:
        assert app.wait_for("brief-0000.txt  sentence 1/", "brief-0001.txt", timeout=GENEROUS)
        first_screen = time.monotonic() - began
        mark = app.mark()
        app.send("j1")
        assert app.wait_for("sentence 2/", "saving…", "all saved", since=mark,
                            timeout=GENEROUS)
        mark = app.mark()
        app.send("\x1b[Z")  # to the Documents pane; end; enter: the last one opens
        app.pump(0.2)
        app.send("\x1b[F\r")
        assert app.wait_for("brief-4999.txt  sentence 1/", since=mark, timeout=GENEROUS)
        app.send("q")
        assert app.wait(timeout=GENEROUS) == 0
    print(f"5,000 briefings: first screen {first_screen:.2f} s")
    found = read_sidecar(sidecar_path(folder / "brief-0000.txt"))
    assert found is not None and [a.tags for a in found[0].annotations] == [("security",)]


def sidecar_of_size(doc: Path, size: int) -> bytes:
    """A valid sidecar in the app's own form, its notes padded to exactly ``size`` bytes."""
    document = open_document(doc)
    split = document.segmentation

    def dumped(notes: list[int]) -> bytes:
        annotations = [Annotation(f"a{n:05d}", split.starts[n], split.ends[n],
                                  split.sentence_text(n), tags=("security",),
                                  note="n" * length) for n, length in enumerate(notes)]
        return dump_sidecar(SidecarData(doc.name, document.loaded.sha256, annotations,
                                        extractor="text 1")).encode()

    count = len(split)
    each = (size - len(dumped([0] * count))) // count
    notes = [each] * count
    notes[-1] += size - len(dumped(notes))
    raw = dumped(notes)
    assert len(raw) == size
    return raw


async def test_a_sidecar_at_the_limit_opens_saves_and_says_once_why_it_cannot_grow(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the limit of our own form: one tag more cannot be saved; that is said once (no
    retry loop), the tag stays, and undoing it saves again."""
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "brief.txt"
    doc.write_text("\n\n".join(f"Sentence {n} about the border." for n in range(300)) + "\n")
    raw = sidecar_of_size(doc, MAX_SIDECAR_BYTES)
    sidecar_path(doc).write_bytes(raw)
    monkeypatch.setattr("briefing_tui.core.sidecar.MAX_OWN_FORM_BYTES", len(raw))
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        document = app.entries[0].document
        assert document is not None and len(document.annotations) == 300
        assert "all saved" in status_text(app)
        await pilot.press("2")  # one tag more: past the limit
        await settle(pilot)
        await pilot.pause(4 * app.retry_delay)
        await settle(pilot)
        assert "NOT SAVED" in status_text(app) and "16 MiB" in status_text(app)
        told = [n for n in app._notifications if "cannot save" in n.message]
        assert len(told) == 1, [n.message for n in told]
        assert sidecar_path(doc).read_bytes() == raw  # untouched, the change kept
        await pilot.press("u")  # back to what is on disk: saved again, at the limit
        await pilot.pause(0.3)
        await settle(pilot)
        assert "all saved" in status_text(app)
    assert sidecar_path(doc).read_bytes() == raw


async def test_a_sidecar_one_byte_past_16_mib_opens_read_only_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "brief.txt"
    doc.write_text("\n\n".join(f"Sentence {n} about the border." for n in range(300)) + "\n")
    raw = sidecar_of_size(doc, MAX_SIDECAR_BYTES + 1)
    sidecar_path(doc).write_bytes(raw)
    monkeypatch.setattr("briefing_tui.core.sidecar.MAX_OWN_FORM_BYTES", MAX_SIDECAR_BYTES)
    app = make_app(folder)
    async with app.run_test(size=(200, 35)) as pilot:
        await settle(pilot)
        status = status_text(app)
        assert "read-only" in status and "16,777,217 bytes, 1 byte over" in status, status
        await pilot.press("1", "q")
    assert sidecar_path(doc).read_bytes() == raw
