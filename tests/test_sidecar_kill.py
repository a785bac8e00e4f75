"""SIGKILL a process in the middle of its saves: the sidecar is always one whole state."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.core.sidecar import read_sidecar
from tests.sidecar_kill_child import state

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "sidecar_kill_child.py"


def _on_disk(path: Path) -> int:
    found = read_sidecar(path)
    if found is None:
        return 0
    data = found[0]
    step = data.extra["step"]
    assert isinstance(step, int)
    assert data == state(step), f"the sidecar on disk is not whole state {step}"
    return step


def test_killed_saves_leave_the_last_saved_state_or_the_next(tmp_path: Path) -> None:
    rng = random.Random(20260611)
    path = tmp_path / "article.txt.annotations.yaml"
    kills = attempted = 0
    last = 0
    began = time.monotonic()
    # Until the states really grew (a loaded machine saves less between two kills).
    while kills < 25 or attempted < 100 or last < 50:
        assert time.monotonic() - began < 300, (kills, attempted, last)  # a hang guard
        child = subprocess.Popen([sys.executable, str(CHILD), str(path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline() == f"ready {last}\n"
        time.sleep(rng.uniform(0.0, 0.06))
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines = child.stdout.read().split("\n")[:-1]  # a cut-off last line is not a report
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        saved = [int(line.split()[1]) for line in lines if line.startswith("saved ")]
        assert saved == list(range(last + 1, last + 1 + len(saved)))
        reported = saved[-1] if saved else last
        step = _on_disk(path)
        assert step in (reported, reported + 1)
        kills += 1
        attempted += len(saved) + 1
        last = step
    assert last >= 50  # the states really grew across the kills
