"""The reader app under ``App.run_test`` + Pilot: mount, full load, CPU per key, resize, memory.

Run as a fresh subprocess by ``bench_reader`` (``python -m benchmarks.reader_headless
FILE``) so that peak memory is the app's and not the benchmark runner's, and so that no
earlier benchmark's garbage or threads skew the key timings. Prints one JSON object on
stdout. Peak memory is ``VmHWM``: Linux carries ``ru_maxrss`` over fork and exec, so in
a subprocess it reports at least the parent's peak (both are in the JSON).

CPU per key is ``time.process_time()`` around ``await pilot.press(key)``: the press runs
the binding and the app's handlers and waits for idle, during which the screen update
runs (checked: every ``render_line`` call of a key happens inside its press), so the
number includes Textual's layout, ``render_line`` and compositing — but not the final ANSI
encoding and write, which the headless driver skips (``benchmarks.pty_keys`` times keys
in a real terminal). It also includes Pilot's own cost: sending the key, Textual's key
dispatch and binding lookup, and polling until idle. So after every timed key a no-op
key (:data:`NOOP_KEY`, bound to nothing) is timed the same way, interleaved so that the
machine's noise hits both alike; ``bench_reader`` reports each key less the no-op's
median as "ours" (``pause_overhead_cpu_s`` is a bare ``pilot.pause()``, for reference).
``process_time`` counts every thread of the process, so background work (splitting, layout
workers) would be charged to keys: timing starts only after the document is fully split
and laid out and all workers are done. Autosave and the suggestions' retraining are pushed
out (``save_delay``, ``suggest_delay`` = 1 h) so no such worker runs while keys are timed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.entry import entries_for
from briefing_tui.tui.memory import return_big_buffers
from briefing_tui.tui.reader import Reader

SIZE = (120, 35)
NARROW = (100, 35)
SAVE_DELAY_WHILE_TIMING = 3600.0
LOAD_TIMEOUT = 600.0  # a guard only: 50 MB on a loaded 2-core machine takes minutes
NOOP_KEY = "f20"  # bound to nothing: what any key costs before our code runs


def _maxrss_mib() -> float:
    """``ru_maxrss`` in MiB (Linux reports KiB). Beware: Linux carries it over fork and
    exec, so in a subprocess it is at least the parent's peak at the time of the fork."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_mib(field: str) -> float | None:
    """A memory field of ``/proc/self/status`` in MiB (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _peak_mib() -> float:
    """Peak resident memory of this process alone: ``VmHWM``, which exec resets (Linux);
    elsewhere ``ru_maxrss``."""
    peak = _status_mib("VmHWM")
    return _maxrss_mib() if peak is None else peak


def _loaded(reader: Reader) -> bool:
    document, layout = reader.document, reader.text_layout
    return (document is not None and document.segmentation.complete
            and layout is not None and layout.complete)


async def _wait_loaded(pilot: Pilot[int], reader: Reader) -> None:
    """Until the document is split and laid out and no worker runs (or raise)."""
    deadline = time.perf_counter() + LOAD_TIMEOUT
    while not _loaded(reader):
        if pilot.app.return_code is not None:  # it crashed; run_test re-raises the cause
            raise RuntimeError(f"the app stopped (exit code {pilot.app.return_code})")
        if time.perf_counter() > deadline:
            raise TimeoutError(f"not loaded within {LOAD_TIMEOUT:g} s")
        await pilot.pause(0.005)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    if not _loaded(reader):  # a worker relaid the document out: wait again
        await _wait_loaded(pilot, reader)


class GcPauses:
    """Collector runs (generation, seconds) while active: they explain the slow keys."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._began = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._began))

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def summary(self) -> dict[str, Any]:
        return {"count_by_generation": [sum(1 for g, _ in self.pauses if g == gen)
                                        for gen in range(3)],
                "total_s": sum(t for _, t in self.pauses),
                "gen2_s": [t for g, t in self.pauses if g == 2]}


async def _cpu_per_key(pilot: Pilot[int], key: str, noop: list[float] | None = None) -> float:
    """CPU seconds of one key; with ``noop``, then also of a no-op key, appended there."""
    began = time.process_time()
    await pilot.press(key)
    spent = time.process_time() - began
    await pilot.pause()  # untimed: make sure nothing of this key spills into the next
    if noop is not None:
        noop.append(await _cpu_per_key(pilot, NOOP_KEY))
    return spent


async def _keys(pilot: Pilot[int], count: int) -> dict[str, list[float]]:
    """CPU seconds per key: j x count, (1, j) x count/2, (j, 1) x count/4, pagedown x
    count/2, end and home x count/8 each, and typing a search word letter by letter."""
    timings: dict[str, list[float]] = {"j": [], "1": [], "j after 1": [], "1 after j": [],
                                       "pagedown": [], "end": [], "home": [],
                                       "search typing": [], "no-op": []}
    noop = timings["no-op"]
    for _ in range(count):
        timings["j"].append(await _cpu_per_key(pilot, "j", noop))
    for _ in range(count // 2):
        timings["1"].append(await _cpu_per_key(pilot, "1"))  # no no-op between the pair
        timings["j after 1"].append(await _cpu_per_key(pilot, "j", noop))
    for _ in range(count // 4):
        await _cpu_per_key(pilot, "j")
        timings["1 after j"].append(await _cpu_per_key(pilot, "1", noop))
    for _ in range(count // 2):
        timings["pagedown"].append(await _cpu_per_key(pilot, "pagedown", noop))
    for _ in range(count // 8):
        timings["end"].append(await _cpu_per_key(pilot, "end", noop))
        timings["home"].append(await _cpu_per_key(pilot, "home", noop))
    for _ in range((count + 39) // 40):  # 20 keys (the quick run): one word; none: none
        await _cpu_per_key(pilot, "slash")
        for letter in "displaced":
            timings["search typing"].append(await _cpu_per_key(pilot, letter, noop))
        await _cpu_per_key(pilot, "escape")
    return timings


async def _autosaves(pilot: Pilot[int], app: BriefingApp, count: int) -> list[float]:
    """UI-thread CPU to start an autosave (``save_entry``), right after a tag.

    ``thread_time``, not ``process_time``: the write itself runs in a worker thread and
    is not what the user waits for; what starting it costs the UI thread is.
    """
    times = []
    entry = app.entries[0]
    for _ in range(count):
        await pilot.press("1")
        await pilot.pause()
        began = time.thread_time()
        app.save_entry(entry)
        times.append(time.thread_time() - began)
        await app.workers.wait_for_complete()
        await pilot.pause()
    return times


async def _resizes(pilot: Pilot[int], reader: Reader, count: int) -> tuple[list[float],
                                                                         list[float]]:
    """Wall seconds per resize until repainted, and until fully laid out again."""
    repaint, relaid = [], []
    for _ in range(count):
        for size in (NARROW, SIZE):
            began = time.perf_counter()
            await pilot.resize_terminal(*size)
            repaint.append(time.perf_counter() - began)
            await _wait_loaded(pilot, reader)
            relaid.append(time.perf_counter() - began)
    return repaint, relaid


async def measure(path: Path, keys: int, resizes: int) -> dict[str, Any]:
    """Every headless number for one document; ``keys`` scales the key counts (200 = full)."""
    result: dict[str, Any] = {"document": path.name, "chars": path.stat().st_size}
    return_big_buffers()  # as `briefing FILE` does before reading it (tui/launch.py)
    began = time.perf_counter()
    app = BriefingApp(entries_for([path]))
    app.save_delay = SAVE_DELAY_WHILE_TIMING
    app.suggest_delay = SAVE_DELAY_WHILE_TIMING  # retraining runs in a worker: not a key's
    async with app.run_test(size=SIZE) as pilot:
        result["mount_s"] = time.perf_counter() - began
        reader = app.query_one("#reader-1", Reader)
        await _wait_loaded(pilot, reader)
        result["loaded_s"] = time.perf_counter() - began
        result["peak_loaded_mib"] = _peak_mib()
        result["maxrss_loaded_mib"] = _maxrss_mib()
        result["rss_loaded_mib"] = _status_mib("VmRSS")  # now, not the peak
        assert reader.document is not None
        result["sentences"] = len(reader.document.segmentation)
        overhead = []  # what the measuring itself costs: a pause with nothing to do
        for _ in range(20):
            t = time.process_time()
            await pilot.pause()
            overhead.append(time.process_time() - t)
        result["pause_overhead_cpu_s"] = overhead
        with GcPauses() as collections:
            result["keys_cpu_s"] = await _keys(pilot, keys)
        result["gc_during_keys"] = collections.summary()
        result["cursor_after_keys"] = reader.cursor
        result["tagged_after_keys"] = len(reader.document.annotations.items)
        await app.workers.wait_for_complete()
        result["resize_repaint_s"], result["resize_relaid_s"] = \
            await _resizes(pilot, reader, resizes)
        result["autosave_ui_cpu_s"] = await _autosaves(pilot, app, min(5, keys))
        result["peak_end_mib"] = _peak_mib()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--keys", type=int, default=200, help="j presses (tags, pages: half)")
    parser.add_argument("--resizes", type=int, default=5, help="narrow-and-back cycles")
    parser.add_argument("--memory-only", action="store_true",
                        help="open, load fully, report peak memory and stop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reader-") as folder:
        path = Path(folder) / args.path.name  # a private copy: tags and sidecars land here
        shutil.copyfile(args.path, path)
        keys, resizes = (0, 0) if args.memory_only else (args.keys, args.resizes)
        result = asyncio.run(measure(path, keys, resizes))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
