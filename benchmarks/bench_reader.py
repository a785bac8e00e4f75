"""The reader app: first screen in a real terminal, CPU per key, resize, peak memory.

    .venv/bin/python -m benchmarks.bench_reader [--quick] [--peer]

- first screen: process start to the document's first line on a 120x35 pty
  (``benchmarks.ptytime``), for ``briefing FILE``, ``less FILE``, the Textual floor (a
  bare Textual app painting one Static, ``benchmarks.floor_app``: no Textual app can be
  faster) and, with ``--peer``, SLATE (``benchmarks.peer``, installed into a throwaway
  venv); wall time and the child's CPU time (steadier on a shared machine). The full run
  also times 50 MB and draws first screen and peak memory against size as an SVG
  (``docs/first_screen.svg``, shown in the README).
- headless (``benchmarks.reader_headless``, a fresh subprocess per document): time to
  mount under ``run_test``, time until fully split and laid out, CPU per key (includes
  Textual's render; autosave pushed out while timing) with the collector's gen-2 pauses
  that explain the slowest keys, wall time per resize, the UI-thread CPU of starting an
  autosave, and peak memory once loaded. Peak memory is the child's ``VmHWM``, not
  ``ru_maxrss``: Linux carries ``ru_maxrss`` over fork and exec, so a subprocess of this
  (large) runner would report the runner's own peak.
- keys in a real terminal (``benchmarks.pty_keys``, the largest timed document): the
  app's CPU per key on a 120x35 pty, every thread, until its frame is written.
Each key's p95 is also given less the median of a no-op key (bound to nothing) timed
between them in the same run: the target is about that figure, what our code and its
frames cost, not the fixed cost of any key (Pilot's or the terminal driver's).

Targets (issue 17): first screen of a 10 MB briefing <= 0.25 s and >= 4x faster than
SLATE; at 1 MB within 0.05 s of the Textual floor; CPU per key p95 <= 8 ms; <= 80 MB
with a 10 MB briefing open.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import peer as slate
from benchmarks._common import DATA, ROOT, Row, document, first_line, percentile, row, size_label
from benchmarks._common import spread as spread_of
from benchmarks.ptytime import FirstScreenError, first_screen

FIRST_SCREEN_S = 0.25  # for a 10 MB document
SLATE_TIMES = 4.0  # SLATE's first screen / ours, at 10 MB
FLOOR_GAP_S = 0.05  # ours - the Textual floor, at 1 MB
KEY_P95_S = 0.008
MEMORY_MB = 80.0
SMALL, BIG, HUGE = 1_000_000, 10_000_000, 50_000_000
PLOT = ROOT.parent / "docs" / "first_screen.svg"
KEY_KINDS = {"j": "j (next sentence)", "1": "1 (tag)", "j after 1": "j after a tag",
             "1 after j": "a tag after j", "pagedown": "pagedown", "end": "end (last)",
             "home": "home (first)", "search typing": "a letter typed in search",
             "no-op": "a no-op key (bound to nothing)"}


def _app_argv(path: Path) -> list[str]:
    """How a user starts the app: the console script beside this interpreter."""
    script = Path(sys.executable).with_name("briefing")
    if script.exists():
        return [str(script), str(path)]
    return [sys.executable, "-m", "briefing_tui.cli", str(path)]


def _env() -> dict[str, str]:
    """The user's environment minus Textual's own switches (devtools, test modes), with
    bytecode caching on: an installed app has its ``.pyc`` files, and compiling every
    module on each launch (``PYTHONDONTWRITEBYTECODE``, set on some dev machines) adds
    ~0.1 s here. The cache goes under benchmarks/data, so nothing lands in the source tree;
    the untimed warm-up launch fills it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL") and k not in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE")}
    env["TERM"] = "xterm-256color"
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


def _needle(path: Path) -> str:
    """Words from the document's first line, skipping its first word (the cursor's edge)."""
    words = first_line(path).split()
    return " ".join(words[1:4]) if len(words) >= 4 else " ".join(words)


def _floor_argv(path: Path) -> list[str]:
    """The Textual floor, run by this interpreter as a script (no package import)."""
    return [sys.executable, str(ROOT / "floor_app.py"), str(path)]


def _interleaved(argvs: dict[str, list[str]], needle: str, runs: int, workdir: Path,
                 cpu: dict[str, list[float]] | None = None,
                 ) -> tuple[dict[str, list[float]], dict[str, str]]:
    """``runs`` launches of each program, taking turns so that the machine's noise hits
    them alike; one untimed warm-up round first (page cache, bytecode). Returns the times
    and, for programs that failed, why; ``cpu`` gets each program's CPU seconds."""
    times: dict[str, list[float]] = {name: [] for name in argvs}
    cpu = {} if cpu is None else cpu
    failed: dict[str, str] = {}
    env = _env()
    for round_number in range(runs + 1):
        for name, argv in argvs.items():
            if name in failed:
                continue
            used: list[float] = []
            try:
                seconds = first_screen(argv, needle, env=env, cwd=workdir, cpu=used)
            except (FirstScreenError, OSError) as exc:
                output = getattr(exc, "output", "")
                print(f"bench_reader: {name}: {exc}\n{output}", file=sys.stderr)
                failed[name] = str(exc)
                continue
            if round_number:
                times[name].append(seconds)
                cpu.setdefault(name, []).extend(used)
    return times, failed


def first_screens(documents: dict[int, Path], runs: int, with_peer: bool) -> list[Row]:
    """Time to first text on a pty for us, less and (optionally) SLATE; ratios.

    Call it from a small process (:func:`first_screens_in_child`): ``fork`` copies the
    parent's page tables, so from a runner holding a few hundred MB every launch starts
    ~20 ms later (measured with ``less``: 2.5 ms from a small parent, 22 ms from a big one).
    """
    rows: list[Row] = []
    workdir = Path(tempfile.mkdtemp(prefix="bench-pty-"))
    programs: dict[str, Callable[[Path], list[str]]] = {"briefing": _app_argv,
                                                       "Textual floor": _floor_argv}
    less = shutil.which("less")
    if less:
        programs["less"] = lambda path: [less, str(path)]
    else:
        print("bench_reader: no `less` here; the floor is not measured", file=sys.stderr)
    if with_peer:
        try:
            script = slate.install()
            programs["SLATE"] = lambda path: slate.launch_argv(script, path, workdir)
            print(f"bench_reader: SLATE {slate.version()} at {script}", file=sys.stderr)
        except slate.PeerUnavailable as exc:
            print(f"bench_reader: SLATE not measured: {exc}", file=sys.stderr)
            rows.append(row("SLATE: not measured", float("nan"), "", 0, error=str(exc)))
    try:
        for size, path in documents.items():
            argvs = {name: make_argv(path) for name, make_argv in programs.items()}
            cpu: dict[str, list[float]] = {}
            times, failed = _interleaved(argvs, _needle(path), runs, workdir, cpu)
            rows += _first_screen_rows(size, times, failed, cpu)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def _target(applies: bool, target: str, ok: bool) -> dict[str, Any]:
    """``row`` keywords for a target that applies at one size only."""
    return {"target": target, "ok": ok} if applies else {}


def _first_screen_rows(size: int, times: dict[str, list[float]], failed: dict[str, str],
                       cpu: dict[str, list[float]]) -> list[Row]:
    """One row per program (wall median, CPU median beside it), then the comparisons."""
    rows: list[Row] = []
    medians: dict[str, float] = {}
    for name in times:
        label = f"first screen {size_label(size)}: {name} (pty 120x35)"
        if name in failed:
            rows.append(row(label, float("nan"), "s", 0, error=failed[name]))
            continue
        stats = spread_of(times[name])
        medians[name] = stats["median"]
        used = [c for c in cpu.get(name, []) if c == c]  # NaN off Linux
        if name == "briefing" and size == BIG:
            rows.append(row(label, stats["median"], "s", times[name], spread=stats,
                            target=f"<= {FIRST_SCREEN_S} s",
                            ok=stats["median"] <= FIRST_SCREEN_S))
        else:
            rows.append(row(label, stats["median"], "s", times[name], spread=stats))
        if used:
            rows.append(row(f"first screen {size_label(size)}: {name}, CPU",
                            statistics.median(used), "s", used))
    ours = medians.get("briefing")
    if not ours:
        return rows
    prefix = f"first screen {size_label(size)}"
    for other in ("less", "Textual floor"):
        if medians.get(other):
            rows.append(row(f"{prefix}: briefing / {other}", ours / medians[other], "x", 1))
    if medians.get("Textual floor"):
        gap = ours - medians["Textual floor"]
        rows.append(row(f"{prefix}: briefing - Textual floor", gap, "s", 1,
                        **_target(size == SMALL, f"<= {FLOOR_GAP_S} s", gap <= FLOOR_GAP_S)))
    if medians.get("SLATE"):
        faster = medians["SLATE"] / ours
        rows.append(row(f"{prefix}: SLATE / briefing", faster, "x", 1,
                        **_target(size == BIG, f">= {SLATE_TIMES:g}x", faster >= SLATE_TIMES)))
    return rows


def first_screens_in_child(sizes: list[int], runs: int, with_peer: bool) -> list[Row]:
    """:func:`first_screens` run in a fresh, small interpreter (documents made here)."""
    pairs = [f"{size}={document(size)}" for size in sizes]
    command = [sys.executable, "-m", "benchmarks.bench_reader", "--first-screens", *pairs,
               "--runs", str(runs), *(["--peer"] if with_peer else [])]
    done = subprocess.run(command, cwd=ROOT.parent, stdout=subprocess.PIPE, text=True,
                          timeout=1800, check=False)  # its stderr (progress, why) shows
    if done.returncode:
        raise RuntimeError(f"first-screen timing failed (exit {done.returncode})")
    rows: list[Row] = json.loads(done.stdout.strip().splitlines()[-1])
    return rows


def headless(path: Path, keys: int, resizes: int) -> dict[str, Any]:
    """Run ``benchmarks.reader_headless`` on ``path`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.reader_headless", str(path), "--keys", str(keys),
         "--resizes", str(resizes)],
        cwd=ROOT.parent, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode:
        raise RuntimeError(f"reader_headless failed on {path.name}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def key_rows(prefix: str, keys_cpu_s: dict[str, list[float]], **extra: Any) -> list[Row]:
    """Median and p95 per kind of key, raw and less the no-op key's median ("ours", the
    figure the target is about: what our code and its frames cost, not the driver's or
    Pilot's fixed cost of any key)."""
    rows: list[Row] = []
    noop_times = keys_cpu_s.get("no-op") or [0.0]
    noop = statistics.median(noop_times)
    for kind, times in keys_cpu_s.items():
        if not times:
            continue
        name = KEY_KINDS.get(kind, kind)
        p95 = percentile(times, 0.95)
        rows.append(row(f"{prefix} {name}, median", statistics.median(times) * 1e3,
                        "ms", [t * 1e3 for t in times]))
        rows.append(row(f"{prefix} {name}, p95", p95 * 1e3, "ms", len(times),
                        max_ms=max(times) * 1e3, noop_median_ms=noop * 1e3, **extra))
        if kind != "no-op":
            ours = p95 - noop
            rows.append(row(f"{prefix} {name}, p95 minus a no-op key", ours * 1e3, "ms",
                            len(times), target=f"<= {KEY_P95_S * 1e3:g} ms",
                            ok=ours <= KEY_P95_S))
    return rows


def pty_key_rows(size: int, keys: int) -> list[Row]:
    """CPU per key of the real app on a real pty (``benchmarks.pty_keys``, own process)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pty_keys", str(document(size)), "--keys",
         str(keys)], cwd=ROOT.parent, capture_output=True, text=True, timeout=900,
        check=False)
    if done.returncode:
        raise RuntimeError(f"pty_keys failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return key_rows(f"reader {size_label(size)}: pty CPU/key", result["keys_cpu_s"])


def headless_rows(size: int, result: dict[str, Any]) -> list[Row]:
    label = f"reader {size_label(size)}"
    rows = [row(f"{label}: mount (run_test ready)", result["mount_s"], "s", 1),
            row(f"{label}: fully split + laid out", result["loaded_s"], "s", 1,
                sentences=result["sentences"])]
    rows += key_rows(f"{label}: CPU/key", result["keys_cpu_s"],
                     pause_overhead_ms=statistics.median(result["pause_overhead_cpu_s"]) * 1e3)
    for key, what in (("resize_repaint_s", "repaint"), ("resize_relaid_s", "fully relaid")):
        if result[key]:
            rows.append(row(f"{label}: resize 120<->100 cols, {what}",
                            statistics.median(result[key]), "s", result[key],
                            spread=spread_of(result[key])))
    collections = result.get("gc_during_keys", {})
    if collections.get("gen2_s"):
        rows.append(row(f"{label}: GC gen-2 pause during keys, max",
                        max(collections["gen2_s"]) * 1e3, "ms",
                        [t * 1e3 for t in collections["gen2_s"]],
                        by_generation=collections["count_by_generation"]))
    if result.get("autosave_ui_cpu_s"):
        times = result["autosave_ui_cpu_s"]
        rows.append(row(f"{label}: starting an autosave, UI-thread CPU",
                        statistics.median(times) * 1e3, "ms", [t * 1e3 for t in times]))
    megabytes = result["peak_loaded_mib"] * 2**20 / 1e6
    name = f"{label}: peak RSS once loaded (VmHWM)"
    if size == BIG:
        rows.append(row(name, megabytes, "MB", 1, target=f"< {MEMORY_MB:g} MB",
                        ok=megabytes < MEMORY_MB))
    else:
        rows.append(row(name, megabytes, "MB", 1))
    if result.get("rss_loaded_mib"):
        rows.append(row(f"{label}: RSS once loaded (VmRSS, steady)",
                        result["rss_loaded_mib"] * 2**20 / 1e6, "MB", 1))
    return rows


def plot(rows: list[Row], path: Path = PLOT) -> Path:
    """First screen (wall median per program) and peak memory against document size."""
    from benchmarks.svgplot import Panel, svg

    times: dict[str, list[tuple[float, float]]] = {}
    memory: list[tuple[float, float]] = []
    for result in rows:
        size = result.get("size")
        if size is None or result.get("value") is None:
            continue
        if result.get("program"):
            times.setdefault(result["program"], []).append((size / 1e6, result["value"]))
        elif result.get("memory"):
            memory.append((size / 1e6, result["value"]))
    panels = [Panel("First screen (pty 120x35)", "seconds", times),
              Panel("Peak memory once loaded", "MB (VmHWM)", {"briefing": memory})]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg(panels, "make bench: medians of interleaved runs, one machine, "
                              "one run"), encoding="utf-8")
    return path


def _tag_sizes(rows: list[Row], size: int) -> None:
    """Mark first-screen and memory rows with their size and program, for the plot."""
    label = size_label(size)
    for result in rows:
        name = result["name"]
        if name.startswith(f"first screen {label}: ") and name.endswith("(pty 120x35)"):
            result["size"] = size
            result["program"] = name.split(": ", 1)[1].removesuffix(" (pty 120x35)")
        elif name == f"reader {label}: peak RSS once loaded (VmHWM)":
            result["size"], result["memory"] = size, True


def run(quick: bool, peer: bool = False) -> list[Row]:
    """Every reader row. Quick: a 100 KB document, 2 runs, 20 keys (the test's budget).
    Full: 1 and 10 MB timed in full, 50 MB for the first screen and memory, and the plot."""
    sizes = [100_000] if quick else [SMALL, BIG]
    screens = sizes if quick else [*sizes, HUGE]
    rows = first_screens_in_child(screens, runs=2 if quick else 9, with_peer=peer)
    keys, resizes = (20, 1) if quick else (200, 5)
    for size in screens:
        timed_keys = (keys, resizes) if size in sizes else (0, 0)  # 50 MB: memory only
        try:
            rows += headless_rows(size, headless(document(size), *timed_keys))
        except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as exc:
            print(f"bench_reader: headless {size_label(size)}: {exc}", file=sys.stderr)
            rows.append(row(f"reader {size_label(size)}: headless", float("nan"), "", 0,
                            error=str(exc)))
    try:
        rows += pty_key_rows(sizes[-1], 10 if quick else 60)
    except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as exc:
        print(f"bench_reader: pty keys: {exc}", file=sys.stderr)
        rows.append(row("reader: pty CPU/key", float("nan"), "", 0, error=str(exc)))
    tiny = document(2_000)
    try:
        baseline = headless(tiny, 0, 0)
        rows.append(row("reader 2 KB: peak RSS once loaded (VmHWM, baseline)",
                        baseline["peak_loaded_mib"] * 2**20 / 1e6, "MB", 1))
    except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as exc:
        print(f"bench_reader: baseline memory: {exc}", file=sys.stderr)
    if not quick:
        for size in screens:
            _tag_sizes(rows, size)
        print(f"bench_reader: plot written to {plot(rows)}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--peer", action="store_true", help="also time SLATE (installs it)")
    parser.add_argument("--first-screens", nargs="+", metavar="SIZE=PATH",
                        help="only time first screens of these documents; JSON rows out")
    parser.add_argument("--runs", type=int, default=9, help="with --first-screens")
    args = parser.parse_args()
    if args.first_screens:
        documents = {int(size): Path(path) for size, path in
                     (pair.split("=", 1) for pair in args.first_screens)}
        print(json.dumps(first_screens(documents, args.runs, args.peer)))
        return
    for result in run(args.quick, args.peer):
        value = result["value"]
        print(f"{result['name']:<60} {value:10.3f} {result['unit']:<3} "
              f"{result.get('target', '')} {'' if result.get('ok') is None else result['ok']}")


if __name__ == "__main__":
    main()
