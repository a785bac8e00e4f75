"""Killing only the main ``briefing export`` process ends its pool workers too.

A real process tree: ``briefing export`` on a folder big enough to start workers, the
main process SIGKILLed once they run, then every worker must be gone within seconds
(they would otherwise wait on their task queue forever, holding the caller's pipes).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.core.summary import PARALLEL_FROM

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (not zombies), from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            found.append(int(entry))
    return found


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rpartition(")")[2].split()[0] not in ("Z", "X")
    except OSError:
        return False


def big_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    paragraph = " ".join(f"Sentence {n} of the report tells of the crossing." for n in range(60))
    body = "\n\n".join(paragraph for _ in range(80))  # ~250 KB: seconds of work in all
    for n in range(count):
        (folder / f"report-{n:03d}.txt").write_text(f"Report {n}.\n\n{body}\n",
                                                    encoding="utf-8")
    return folder


@pytest.mark.system
def test_killing_the_main_export_process_ends_its_workers(tmp_path: Path) -> None:
    folder = big_folder(tmp_path / "docs", 4 * PARALLEL_FROM)
    with open(os.devnull, "wb") as sink:
        main = subprocess.Popen([sys.executable, "-m", "briefing_tui.cli", "export",
                                 str(folder)], stdout=sink, stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            workers = children(main.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "export started no pool workers"
        time.sleep(0.3)  # let them take their first tasks
        assert main.poll() is None, "export finished before it could be killed"
        os.kill(main.pid, signal.SIGKILL)
        main.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = [w for w in workers if running(w)]
        assert alive == [], f"workers {alive} outlived the killed export"
    finally:
        for pid in [main.pid, *workers]:  # orphans of a failed run must not linger
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        main.wait(timeout=10)
