"""CPU per key of the real app in a real pseudo-terminal: frames, not Pilot, are the cost.

    .venv/bin/python -m benchmarks.pty_keys FILE [--keys 60]

Headless timing (``reader_headless``) skips the terminal driver's ANSI encoding and write
and adds Pilot's own polling; here ``briefing FILE`` runs on a 120x35 pty as a user starts
it. Once the document is on screen and fully loaded (the status line shows ``sentence
1/N`` and the process has gone quiet), each key is written to the terminal, the output is
drained until nothing has come for :data:`SETTLE_S`, and the process's CPU (every thread,
``/proc/PID/task/*/schedstat``, nanoseconds) is read before and after. A no-op key (F12,
bound to nothing) is timed the same way between the others: what it costs is the
terminal driver's and Textual's fixed cost of a key plus the idle timers inside the
window, and "ours" is a key less the no-op median. Tags are not timed here: each starts an
autosave and a retraining that would land inside later keys' windows (``reader_headless``
times them with both pushed out). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pty
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.ptytime import reap, screen_text

SETTLE_S = 0.12  # no output for this long: the key's frame is written
QUIET_S = 0.5  # loaded: the process used under 2 ms of CPU in this long ...
QUIET_WINDOWS = 8  # ... this many times in a row (4 s: past the retraining's delay)
COLS, ROWS = 120, 35
KEYS = {"no-op": b"\x1b[24~", "j": b"j", "pagedown": b"\x1b[6~", "end": b"\x1b[F",
        "home": b"\x1b[H"}
SEARCH_WORD = "displaced"


def process_cpu_ns(pid: int) -> int:
    """CPU nanoseconds used so far by every thread of ``pid`` (Linux schedstat)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as stat:
                total += int(stat.read().split()[0])
        except (OSError, IndexError, ValueError):
            continue  # a thread that ended meanwhile: its time moved to the process
    return total


class Terminal:
    """The app on a pty; everything it writes is read (an unread pty blocks its writes)."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.master = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            try:
                import fcntl
                import struct
                import termios
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.seen = bytearray()

    def drain(self, settle: float, deadline: float = 30.0) -> int:
        """Read until nothing came for ``settle`` seconds; the bytes read."""
        count, end = 0, time.perf_counter() + deadline
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], settle)
            if not ready:
                return count
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError("the app exited:\n" + screen_text(bytes(self.seen))[-2000:])
            count += len(chunk)
            self.seen += chunk
            del self.seen[:-200_000]
        raise TimeoutError(f"still writing after {deadline:g} s")

    def wait_for(self, text: str, timeout: float) -> None:
        end = time.perf_counter() + timeout
        while text not in screen_text(bytes(self.seen[-20_000:])):
            if time.perf_counter() > end:
                raise TimeoutError(f"no {text!r} within {timeout:g} s")
            self.drain(0.05, deadline=timeout)

    def wait_quiet(self, timeout: float) -> None:
        """Until the process used under 2 ms of CPU in each of :data:`QUIET_WINDOWS`
        windows of :data:`QUIET_S` in a row: splitting, layout and the suggestions'
        first training (1.5 s after the load, seconds of CPU at 10 MB) are done."""
        end, quiet = time.perf_counter() + timeout, 0
        while time.perf_counter() < end:
            before = process_cpu_ns(self.pid)
            self.drain(QUIET_S, deadline=timeout)
            quiet = quiet + 1 if process_cpu_ns(self.pid) - before < 2_000_000 else 0
            if quiet >= QUIET_WINDOWS:
                return
        raise TimeoutError(f"not quiet within {timeout:g} s")

    def key(self, data: bytes) -> tuple[float, int]:
        """CPU seconds and bytes written for one key, until its output settles."""
        before = process_cpu_ns(self.pid)
        os.write(self.master, data)
        written = self.drain(SETTLE_S)
        return (process_cpu_ns(self.pid) - before) / 1e9, written

    def close(self) -> None:
        reap(self.pid)
        os.close(self.master)


def measure(path: Path, count: int, timeout: float = 600.0,
            state: Path | None = None) -> dict[str, Any]:
    """CPU per key (and bytes per frame) for each kind of key, the no-op between them.

    ``state`` is the app's state folder (``XDG_STATE_HOME``): a fresh one, or the last
    run's saved place would open the document at its last sentence, not sentence 1."""
    script = Path(sys.executable).with_name("briefing")
    argv = [str(script), str(path)] if script.exists() else \
        [sys.executable, "-m", "briefing_tui.cli", str(path)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
    if state is not None:
        env["XDG_STATE_HOME"] = str(state)
    terminal = Terminal(argv, env)
    cpu: dict[str, list[float]] = {kind: [] for kind in [*KEYS, "search typing"]}
    sizes: dict[str, list[int]] = {kind: [] for kind in cpu}
    try:
        terminal.wait_for("sentence 1/", timeout)
        terminal.wait_quiet(timeout)

        def timed(kind: str, data: bytes) -> None:
            seconds, written = terminal.key(data)
            cpu[kind].append(seconds)
            sizes[kind].append(written)
            seconds, written = terminal.key(KEYS["no-op"])
            cpu["no-op"].append(seconds)
            sizes["no-op"].append(written)

        for _ in range(count):
            timed("j", KEYS["j"])
        for _ in range(count // 2):
            timed("pagedown", KEYS["pagedown"])
        for _ in range(max(1, count // 8)):
            timed("end", KEYS["end"])
            timed("home", KEYS["home"])
        for _ in range(max(1, count // 40)):
            terminal.key(b"/")
            for letter in SEARCH_WORD:
                timed("search typing", letter.encode())
            terminal.key(b"\x1b")
            terminal.drain(0.3)  # a lone escape waits for a possible sequence
    finally:
        terminal.close()
    return {"document": path.name, "chars": path.stat().st_size, "settle_s": SETTLE_S,
            "keys_cpu_s": cpu, "bytes_per_key": sizes}


def summary(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Median and p95 per kind in ms, and each less the no-op's median ("ours")."""
    from benchmarks._common import percentile

    noop = statistics.median(result["keys_cpu_s"]["no-op"])
    out = {}
    for kind, times in result["keys_cpu_s"].items():
        if not times:
            continue
        p95 = percentile(times, 0.95)
        out[kind] = {"n": len(times), "median_ms": statistics.median(times) * 1e3,
                     "p95_ms": p95 * 1e3, "ours_p95_ms": (p95 - noop) * 1e3,
                     "bytes_median": statistics.median(result["bytes_per_key"][kind])}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--keys", type=int, default=60, help="j presses (pages: half)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pty-keys-") as folder:
        path = Path(folder) / args.path.name  # a private copy: no sidecar lands beside it
        shutil.copyfile(args.path, path)
        result = measure(path, args.keys, state=Path(folder) / "state")
    result["summary"] = summary(result)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    for kind, stats in result["summary"].items():
        print(f"{kind:16} n={stats['n']:3.0f} median {stats['median_ms']:6.1f} ms  p95 "
              f"{stats['p95_ms']:6.1f} ms  ours p95 {stats['ours_p95_ms']:6.1f} ms  "
              f"{stats['bytes_median']:7.0f} B", file=sys.stderr)
    if math.isnan(result["summary"].get("j", {}).get("p95_ms", math.nan)):
        sys.exit(1)


if __name__ == "__main__":
    main()
