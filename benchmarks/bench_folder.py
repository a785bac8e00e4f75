"""A folder of 10,000 briefings in a real terminal: the first screen, and `j` during the scan.

    .venv/bin/python -m benchmarks.bench_folder [--quick] [--count N]

The app lists every briefing at once and fills in their tag counts from a scan worker
after the first paint; each batch of results redraws the Documents pane. So `briefing
FOLDER` runs on a 120x35 pty (``benchmarks.ptytime``), the clock stops at the first
briefing's text, and then `j` is pressed every 0.3 s while the scan runs: each press is
timed until the status line shows the next sentence. A fifth of the briefings carry a
sidecar (counts to fill in). Issue 17: `j` must answer during the scan; the Documents
pane costs O(visible rows) per update (``tui/document_list.py``); the scan <= 10 s;
memory <= 250 MB.

The scan's end is not drawn anywhere, so it is read from ``/proc``: the scan runs in a
worker thread, and it is over when no thread but the main one has used CPU for
:data:`IDLE_S` (the main thread still answers the `j` presses); its time is from launch to
the last CPU tick of those threads (10 ms ticks, sampled every 50 ms). Peak memory is the
child's ``VmHWM`` once the scan is over.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import sys
import time
from pathlib import Path

from benchmarks._common import DATA, Row, percentile, row
from benchmarks.bench_reader import _app_argv, _env
from benchmarks.ptytime import _child, child_cpu, reap, screen_text
from devtools.generate import briefing

PRESSES = 20
GAP_S = 0.3
IDLE_S = 2.0  # no CPU in any worker thread this long: the scan is over
SAMPLE_S = 0.05


def folder(count: int) -> Path:
    """``count`` generated briefings (~2 KB, 20-odd sentences), a fifth tagged; kept."""
    where = DATA / f"folder-{count}"
    done = where / ".complete"
    if done.exists():
        return where
    from briefing_tui.core.document import open_document  # only to make the sidecars

    where.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        path = where / f"briefing-{number:05}.txt"
        path.write_text(briefing(2_000, seed=number + 1), encoding="utf-8")
        if number % 5 == 0:
            document = open_document(path)
            split = document.segmentation
            for index in range(1, len(split), 4):
                document.annotations.set_tags(document.text, split.starts[index],
                                              split.ends[index], ["security"])
            document.save()
    done.write_text("", encoding="utf-8")
    return where


class Workers:
    """When the child's threads other than its main one last used CPU (``/proc``)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.ticks: dict[str, int] = {}
        self.last_busy = 0.0  # perf_counter() when a worker thread was last seen busier
        self.sampled = 0.0

    def sample(self) -> None:
        now = time.perf_counter()
        if now - self.sampled < SAMPLE_S:
            return
        self.sampled = now
        try:
            tids = [t for t in os.listdir(f"/proc/{self.pid}/task") if t != str(self.pid)]
        except OSError:
            return
        for tid in tids:
            try:
                with open(f"/proc/{self.pid}/task/{tid}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            used = int(fields[11]) + int(fields[12])
            if used != self.ticks.get(tid, 0):
                self.ticks[tid] = used
                self.last_busy = now

    def idle_for(self) -> float:
        return time.perf_counter() - self.last_busy

    def cpu(self) -> float:
        """CPU seconds the worker threads have used (the scan's, on a folder of small
        briefings: no other worker runs while only `j` is pressed)."""
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (``VmHWM``) in MB; NaN off Linux."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return float("nan")


_workers: Workers | None = None  # sampled while reading the terminal


def _read(master: int, raw: bytearray, until: float) -> None:
    """Append what the terminal got until ``until`` (or until it stays quiet 10 ms)."""
    while True:
        if _workers is not None:
            _workers.sample()
        left = until - time.perf_counter()
        if left <= 0:
            return
        ready, _, _ = select.select([master], [], [], min(left, 0.01))
        if not ready:
            return
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            raise RuntimeError("the app exited") from None
        if not chunk:
            raise RuntimeError("the app exited")
        raw += chunk


def _wait_for(master: int, raw: bytearray, since: int, needle: str, timeout: float) -> float:
    """Seconds until ``needle`` is on the terminal in output after byte ``since``."""
    began = time.perf_counter()
    while needle not in screen_text(bytes(raw[since:])):
        if time.perf_counter() - began > timeout:
            raise RuntimeError(f"no {needle!r} within {timeout:g} s")
        _read(master, raw, time.perf_counter() + 0.05)
    return time.perf_counter() - began


def run_folder(count: int, presses: int = PRESSES, app: str | None = None) -> list[Row]:
    """``app``: another program to start as ``briefing`` (an older build, to compare)."""
    global _workers
    where = folder(count)
    first = (where / "briefing-00000.txt").read_text(encoding="utf-8").split()
    argv = [app, str(where)] if app else _app_argv(where)
    env = _env()
    env["COLUMNS"], env["LINES"] = "120", "35"
    env["XDG_STATE_HOME"] = str(DATA / "folder-state")  # no last place: the first briefing
    shutil.rmtree(env["XDG_STATE_HOME"], ignore_errors=True)
    for lock in where.glob(".*.annotations.lock"):  # a killed run's: "open elsewhere?"
        lock.unlink()
    began = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        _child(argv, env, 120, 35, where)
    raw = bytearray()
    _workers = workers = Workers(pid)
    try:
        shown = _wait_for(master, raw, 0, " ".join(first[1:4]), 120.0)
        shown_cpu = child_cpu(pid)
        answers, during = [], []
        for press in range(presses):
            since = len(raw)
            os.write(master, b"j")
            answers.append(_wait_for(master, raw, since, f"sentence {press + 2}/", 30.0))
            if workers.idle_for() < IDLE_S:
                during.append(answers[-1])
            _read(master, raw, time.perf_counter() + GAP_S)
        total = time.perf_counter() - began
        while workers.idle_for() < IDLE_S and time.perf_counter() - began < 300:
            _read(master, raw, time.perf_counter() + SAMPLE_S)
            time.sleep(SAMPLE_S)
        scanned = workers.last_busy - began
        peak = peak_mb(pid)
        os.write(master, b"q")  # quit: the app lets go of its lock
        _read(master, raw, time.perf_counter() + 1.0)
    finally:
        _workers = None
        reap(pid)
        os.close(master)
    label = f"folder of {count:,} briefings"
    timed = during or answers  # the presses the scan ran under (all, if it ended first)
    which = "during the scan" if during else "after the scan (it ended first)"
    return [row(f"{label}: first screen (pty 120x35)", shown, "s", 1, cpu_s=shown_cpu),
            row(f"{label}: j {which}, median", statistics.median(timed), "s", timed),
            row(f"{label}: j {which}, p95", percentile(timed, 0.95), "s", len(timed),
                max_s=max(timed), over_s=total),
            row(f"{label}: scan done, from launch", scanned, "s", 1, target="<= 10 s",
                ok=scanned <= 10.0, cpu_s=workers.cpu()),
            row(f"{label}: scan, CPU of the worker threads", workers.cpu(), "s", 1),
            row(f"{label}: peak memory (VmHWM)", peak, "MB", 1, target="<= 250 MB",
                ok=peak <= 250.0)]


def run(quick: bool) -> list[Row]:
    return run_folder(50 if quick else 10_000, 3 if quick else PRESSES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--count", type=int, help="briefings in the folder (default 10,000)")
    parser.add_argument("--app", help="a program to run instead of this venv's `briefing`")
    args = parser.parse_args()
    rows = (run_folder(args.count or 10_000, PRESSES, args.app) if args.count or args.app
            else run(args.quick))
    for result in rows:
        print(f"{result['name']:<60} {result['value']:8.3f} {result['unit']} "
              f"{result.get('runs') if isinstance(result.get('runs'), list) else ''}",
              file=sys.stdout)


if __name__ == "__main__":
    main()
