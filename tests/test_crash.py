"""Crash the real app while an analyst tags: nothing the app showed as saved is ever lost.

The app runs as ``python -m briefing_tui.cli FOLDER`` in a pseudo-terminal. Keys go in
as a typist sends them; the screen is read back. A model of the keys (tests.crash_model)
says what the tags must be and what the status line shows. The oracles:

- once the status line shows "all saved" after a change, the sidecar equals the model;
- after a SIGKILL at a random moment (during start-up, right after a key while the save
  is pending or running, or after "all saved") the sidecar parses and holds the last
  state shown as saved or one the keys produced after it — never a mix, never less;
- after SIGTERM or SIGHUP the app exits 0 and the sidecar holds every key's change;
- a briefing the analyst never touched keeps its sidecar byte for byte.

Kills: ``KILL_SEEDS`` x ``KILLS_PER_SEED`` per run (spread over the xdist workers).
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from briefing_tui.core.lock import lock_path
from briefing_tui.core.sidecar import sidecar_path

from .crash_model import REDO, Model, State, drill_text, on_disk, sentence_spans
from .pty_helpers import PtyApp

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

KILL_SEEDS = (7101, 7102, 7103)
KILLS_PER_SEED = 17  # 51 kills per run
KEYS = "1231231jjjkkkuu" + REDO * 2
OTHER_SIDECAR = ("version: 1\ndocument:\n  name: b-untouched.txt\n  sha256: \"\"\n"
                 "annotations: []\n# kept byte for byte\n")


def drill_folder(folder: Path) -> tuple[Path, Path]:
    """The briefing we tag, and a second one whose sidecar nobody touches."""
    folder.mkdir()
    doc = folder / "a-drill.txt"
    doc.write_text(drill_text(), encoding="utf-8")
    other = folder / "b-untouched.txt"
    other.write_text("Untouched.\n\nNobody tags this one.\n", encoding="utf-8")
    sidecar_path(other).write_text(OTHER_SIDECAR, encoding="utf-8")
    return doc, other


def start(folder: Path, count: int, at: int = 0) -> PtyApp:
    """The app, once it shows the briefing with the cursor on sentence ``at`` (a clean exit
    remembers the sentence; a kill does not)."""
    app = PtyApp(folder)
    assert app.wait_for(f"sentence {at + 1}/{count}", timeout=20), app.text()[-2000:]
    return app


def kill_and_check(app: PtyApp, doc: Path, spans: list[tuple[int, int]],
                   candidates: list[State]) -> State:
    app.signal(signal.SIGKILL)
    app.wait()
    assert app.child.returncode == -signal.SIGKILL
    state = on_disk(doc, spans)  # parses, and every quote sits on its sentence
    assert state in candidates, (state, candidates[0], candidates[-1])
    return state


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_sigkill_at_random_moments_loses_nothing_shown_as_saved(seed: int,
                                                                tmp_path: Path) -> None:
    rng = random.Random(seed)
    doc, other = drill_folder(tmp_path / "docs")
    spans = sentence_spans(doc)
    state: State = {}
    kills = confirmed_saves = 0
    began = time.monotonic()
    while kills < KILLS_PER_SEED:
        candidates = [state]  # what the disk may hold after the next kill
        if rng.random() < 0.15:  # killed while starting up
            with PtyApp(doc.parent) as app:
                app.pump(rng.uniform(0.0, 0.6))
                state = kill_and_check(app, doc, spans, candidates)
            kills += 1
            continue
        app = start(doc.parent, len(spans))
        model = Model(len(spans), dict(state))
        try:
            for _round in range(rng.randint(1, 3)):
                keys = "".join(rng.choices(KEYS, k=rng.randint(1, 5)))
                mark = app.mark()
                model.dirty = False
                for key in keys:
                    model.key(key)
                    candidates.append(model.snapshot())
                app.send(keys)
                if rng.random() < 0.3:
                    break  # kill mid-save: before, during or just after the write
                if model.dirty:
                    assert app.wait_for("saving…", "all saved", since=mark), keys
                    assert on_disk(doc, spans) == model.tags, keys
                    confirmed_saves += 1
                    candidates = [model.snapshot()]
            app.pump(rng.choice([0.0, rng.uniform(0.0, 1.0), rng.uniform(0.55, 0.75)]))
            state = kill_and_check(app, doc, spans, candidates)
            kills += 1
        finally:
            app.close()
    app = start(doc.parent, len(spans))
    try:
        assert app.wait_for(f"{len(state)} tagged")
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()
    assert on_disk(doc, spans) == state
    assert sidecar_path(other).read_text(encoding="utf-8") == OTHER_SIDECAR
    print(f"seed {seed}: {kills} kills, {confirmed_saves} saves checked, "
          f"{time.monotonic() - began:.1f} s")


def unique_batch(rng: random.Random, model: Model) -> str:
    """Keys that change the tags and end on a status line no earlier key of the batch
    showed: seeing it proves the app has handled every key."""
    while True:
        keys = "".join(rng.choices(KEYS, k=rng.randint(1, 6)))
        trial = model.copy()
        shown = [trial.status()]
        for key in keys:
            trial.key(key)
            shown.append(trial.status())
        if trial.dirty and shown[-1] not in shown[:-1]:
            return keys


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_every_change(signum: signal.Signals,
                                              tmp_path: Path) -> None:
    rng = random.Random(int(signum))
    doc, other = drill_folder(tmp_path / "docs")
    spans = sentence_spans(doc)
    state: State = {}
    cursor = 0
    for _start in range(4):
        app = start(doc.parent, len(spans), at=cursor)
        model = Model(len(spans), dict(state), cursor)
        try:
            for _round in range(rng.randint(0, 2)):  # some saved by autosave first
                keys = unique_batch(rng, model)
                mark = app.mark()
                for key in keys:
                    model.key(key)
                app.send(keys)
                assert app.wait_for(model.status(), "all saved", since=mark), keys
                model.dirty = False
            keys = unique_batch(rng, model)
            mark = app.mark()
            for key in keys:
                model.key(key)
            app.send(keys)
            assert app.wait_for(model.status(), since=mark), keys  # shown (saving or saved)
            app.signal(signum)
            assert app.wait() == 0
        finally:
            app.close()
        state, cursor = on_disk(doc, spans), model.cursor
        assert state == model.tags
        assert not lock_path(doc).exists()  # released on the way out
    assert sidecar_path(other).read_text(encoding="utf-8") == OTHER_SIDECAR
