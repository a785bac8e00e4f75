"""A folder of 10,000 briefings in a real terminal: the first screen, and `j` during the scan.

    .venv/bin/python -m benchmarks.bench_folder [--quick] [--count N]

The app lists every briefing at once and fills in their tag counts from a scan worker
after the first paint; each batch of results redraws the Documents pane. So `briefing
FOLDER` runs on a 120x35 pty (``benchmarks.ptytime``), the clock stops at the first
briefing's text, and then `j` is pressed every 0.3 s while the scan runs: each press is
timed until the status line shows the next sentence. A fifth of the briefings carry a
sidecar (counts to fill in). Issue 17: `j` must answer during the scan; the Documents
pane costs O(visible rows) per update (``tui/document_list.py``).
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


def _read(master: int, raw: bytearray, until: float) -> None:
    """Append what the terminal got until ``until`` (or until it stays quiet 10 ms)."""
    while True:
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


def run_folder(count: int, presses: int = PRESSES) -> list[Row]:
    where = folder(count)
    first = (where / "briefing-00000.txt").read_text(encoding="utf-8").split()
    argv = _app_argv(where)
    env = _env()
    env["COLUMNS"], env["LINES"] = "120", "35"
    env["XDG_STATE_HOME"] = str(DATA / "folder-state")  # no last place: the first briefing
    shutil.rmtree(env["XDG_STATE_HOME"], ignore_errors=True)
    began = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        _child(argv, env, 120, 35, where)
    raw = bytearray()
    try:
        shown = _wait_for(master, raw, 0, " ".join(first[1:4]), 120.0)
        shown_cpu = child_cpu(pid)
        answers = []
        for press in range(presses):
            since = len(raw)
            os.write(master, b"j")
            answers.append(_wait_for(master, raw, since, f"sentence {press + 2}/", 30.0))
            _read(master, raw, time.perf_counter() + GAP_S)
        total = time.perf_counter() - began
    finally:
        reap(pid)
        os.close(master)
    label = f"folder of {count:,} briefings"
    return [row(f"{label}: first screen (pty 120x35)", shown, "s", 1, cpu_s=shown_cpu),
            row(f"{label}: j during the scan, median", statistics.median(answers), "s",
                answers),
            row(f"{label}: j during the scan, p95", percentile(answers, 0.95), "s",
                len(answers), max_s=max(answers), over_s=total)]


def run(quick: bool) -> list[Row]:
    return run_folder(50 if quick else 10_000, 3 if quick else PRESSES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--count", type=int, help="briefings in the folder (default 10,000)")
    args = parser.parse_args()
    rows = run_folder(args.count, PRESSES) if args.count else run(args.quick)
    for result in rows:
        print(f"{result['name']:<60} {result['value']:8.3f} {result['unit']} "
              f"{result.get('runs') if isinstance(result.get('runs'), list) else ''}",
              file=sys.stdout)


if __name__ == "__main__":
    main()
