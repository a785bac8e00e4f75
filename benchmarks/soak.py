"""SIGKILL soak: start the real app, tag, wait a random moment, kill it, parse strictly.

``python -m benchmarks.soak [--rounds 1000] [--seed N]`` runs rounds alternately on a
small sidecar and on a 1 MB one (about 4,000 annotations, read by the app's loader in a
worker, so keys often land before it is read). Each round starts the app in a real
pseudo-terminal, sends ``home`` and a few random moves and tag keys, waits 0-1.5 s and
SIGKILLs the whole process group. The sidecar on disk is then parsed strictly (no
problems, every quote at its offsets) and compared with what the keys made:

- **corrupt**: it cannot be read strictly;
- **resurrected**: it holds a tag no state the keys went through had;
- **lost**: it is not one whole state the keys went through (from the state the round
  began with to the last): some tag that state held is missing. Keys pressed before the
  1 MB sidecar is read act on the untagged screen and are merged into what it holds.
  (That what the screen showed as "all saved" is on disk is the oracle of
  ``tests/test_crash.py``, which models the status line; a screen scraped across partial
  redraws cannot say which state a "saved" belongs to, so here it is not guessed.)

Prints ``rounds``, ``lost``, ``resurrected`` and ``corrupt`` per sidecar and in total;
exits 1 when any is not 0. Not part of the default test run (a 50-round version is).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import random
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from briefing_tui.core.annotations import Annotation, make_id, quote_at
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import (
    SidecarData,
    SidecarError,
    dump_sidecar,
    read_sidecar,
    sidecar_path,
)

ROOT = Path(__file__).resolve().parent.parent
TAGS = {"1": "security", "2": "migration", "3": "diplomacy"}
KEYS = "jjjk123123"
_ESCAPES = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b[\\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\\\)?"
                      "|\x1b[ -/]*[0-~]")
State = dict[int, frozenset[str]]


@dataclass
class Tally:
    rounds: int = 0
    lost: int = 0
    resurrected: int = 0
    corrupt: int = 0

    def line(self, name: str) -> str:
        return (f"{name:>8}: rounds {self.rounds}, lost {self.lost}, "
                f"resurrected {self.resurrected}, corrupt {self.corrupt}")


def briefing(folder: Path, sentences: int) -> tuple[Path, list[tuple[int, int]]]:
    folder.mkdir(parents=True)
    lines = [f"Report {n} describes the crossing at post {n}." for n in range(1, sentences)]
    doc = folder / "drill.txt"
    doc.write_text("Soak drill.\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    split = open_document(doc).segmentation
    return doc, [(split.starts[i], split.ends[i]) for i in range(len(split))]


def seed_sidecar(doc: Path, spans: list[tuple[int, int]], first: int) -> None:
    """Tag every sentence from ``first`` on (the 1 MB case): the keys' sentences stay free."""
    text = doc.read_text(encoding="utf-8")
    items = []
    for n, (start, end) in enumerate(spans[first:], first):
        quote, prefix, suffix = quote_at(text, start, end)
        items.append(Annotation(make_id(start, end, quote), start, end, quote, prefix, suffix,
                                (TAGS["123"[n % 3]],), note="soak " * 20))
    document = open_document(doc)
    data = SidecarData(doc.name, document.loaded.sha256, items, extractor="text 1")
    sidecar_path(doc).write_text(dump_sidecar(data), encoding="utf-8")


def on_disk(doc: Path, spans: list[tuple[int, int]]) -> State | None:
    """The tags by sentence, strictly read; None when the file cannot be trusted."""
    try:
        found = read_sidecar(sidecar_path(doc))
    except SidecarError:
        return None
    if found is None:
        return {}
    data = found[0]
    text = doc.read_text(encoding="utf-8")
    index = {span: n for n, span in enumerate(spans)}
    state: State = {}
    for a in data.annotations:
        if data.problems or text[a.start:a.end] != a.text or (a.start, a.end) not in index:
            return None
        state[index[(a.start, a.end)]] = frozenset(a.tags)
    return state


def _press(state: State, cursor: int, key: str, count: int) -> tuple[State, int, bool]:
    """One key: a move returns the new cursor; a tag key toggles that tag on the cursor."""
    if key in "jk":
        return state, min(max(cursor + (1 if key == "j" else -1), 0), count - 1), False
    state = dict(state)
    tags = set(state.get(cursor, frozenset())) ^ {TAGS[key]}
    if tags:
        state[cursor] = frozenset(tags)
    else:
        state.pop(cursor, None)
    return state, cursor, True


def states(start: State, keys: str, count: int, read_late: bool = False) -> list[State]:
    """Every state the keys can go through, from ``start`` (``home`` first).

    With ``read_late`` the sidecar may be read after any key (the 1 MB case): keys before
    it act on what the screen showed, an untagged document, and are merged into the
    sidecar's tags (the loader's three-way merge from an empty base keeps either side's).
    """
    out = [dict(start)]
    for read_after in range(len(keys) + 1 if read_late else 1):
        early: State = {}
        cursor = 0
        for key in keys[:read_after]:
            early, cursor, _ = _press(early, cursor, key, count)
        state = {n: start.get(n, frozenset()) | early.get(n, frozenset())
                 for n in start.keys() | early.keys()}
        if read_after and any(key not in "jk" for key in keys[:read_after]):
            out.append(dict(state))
        for key in keys[read_after:]:
            state, cursor, tagged = _press(state, cursor, key, count)
            if tagged:
                out.append(dict(state))
    return out


class App:
    """The app on a 120x35 pty, in its own session (killed with its process group)."""

    def __init__(self, folder: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.child = subprocess.Popen([sys.executable, "-m", "briefing_tui.cli", str(folder)],
                                      stdin=slave, stdout=slave, stderr=slave, env=env,
                                      cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.fd, self.raw = master, b""

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self.fd], [], [], min(left, 0.05))[0]:
                try:
                    self.raw += os.read(self.fd, 1 << 16)
                except OSError:
                    return

    def text(self, since: int = 0) -> str:
        return _ESCAPES.sub("", self.raw[since:].decode("utf-8", "replace"))

    def wait_for(self, needle: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while needle not in self.text() and time.monotonic() < deadline:
            if self.child.poll() is not None:
                return False
            self.pump(0.05)
        return needle in self.text()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.child.pid, signal.SIGKILL)
        self.child.wait(timeout=30)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def one_round(doc: Path, spans: list[tuple[int, int]], rng: random.Random,
              tally: Tally, read_late: bool = False) -> None:
    start = on_disk(doc, spans)
    if start is None:
        raise RuntimeError("the sidecar was corrupt before the round began")
    keys = "".join(rng.choice(KEYS) for _ in range(rng.randint(1, 6)))
    path = states(start, keys, min(len(spans), 30), read_late)
    app = App(doc.parent)
    try:
        if not app.wait_for("Soak drill", timeout=60):
            raise RuntimeError("the app did not start: " + app.text()[-500:])
        app.pump(rng.uniform(0.0, 0.3))  # now and then the sidecar is not read yet
        os.write(app.fd, b"\x1b[H" + keys.encode())
        sent = len(app.raw)
        wait = rng.uniform(0.0, 1.5)
        app.pump(wait)
        shown = app.text(sent)
    finally:
        app.kill()
    tally.rounds += 1
    disk = on_disk(doc, spans)
    if disk is None:
        tally.corrupt += 1
        sidecar_path(doc).unlink()  # go on from nothing rather than stop
        return
    pairs = {(n, t) for state in path for n, tags in state.items() for t in tags}
    if any((n, t) not in pairs for n, tags in disk.items() for t in tags):
        tally.resurrected += 1
        return
    if disk not in path:  # not one whole state the keys went through: a tag is missing
        tally.lost += 1
        if os.environ.get("SOAK_VERBOSE"):
            near = range(30)  # the keys only reach the first sentences
            print(f"LOST keys={keys!r} wait={wait:.2f}\n start={_near(start, near)}\n"
                  f" disk={_near(disk, near)}\n shown={shown[-300:]!r}", flush=True)


def _near(state: State, near: range) -> dict[int, list[str]]:
    return {n: sorted(tags) for n, tags in sorted(state.items()) if n in near}


def soak(rounds: int, seed: int, report: bool = True) -> dict[str, Tally]:
    rng = random.Random(seed)
    tallies = {"small": Tally(), "1 MB": Tally()}
    with TemporaryDirectory(prefix="soak-") as tmp:
        small = briefing(Path(tmp) / "small", 40)
        big_doc, big_spans = briefing(Path(tmp) / "big", 4_200)
        seed_sidecar(big_doc, big_spans, first=40)
        size = sidecar_path(big_doc).stat().st_size
        if report:
            print(f"1 MB case: {size / 2**20:.2f} MiB sidecar, {len(big_spans) - 40} "
                  "annotations", flush=True)
        for n in range(rounds):
            name, (doc, spans) = (("small", small) if n % 2 == 0 else
                                  ("1 MB", (big_doc, big_spans)))
            one_round(doc, spans, rng, tallies[name], read_late=name == "1 MB")
            if report and (n + 1) % 50 == 0:
                print(f"after {n + 1} rounds: " + "; ".join(
                    t.line(k).strip() for k, t in tallies.items()), flush=True)
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak",
                                     description=__doc__.split("\n")[0] if __doc__ else "")
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    began = time.monotonic()
    tallies = soak(args.rounds, args.seed)
    total = Tally(*(sum(getattr(t, f) for t in tallies.values())
                    for f in ("rounds", "lost", "resurrected", "corrupt")))
    for name, tally in tallies.items():
        print(tally.line(name))
    print(total.line("total"), f"({time.monotonic() - began:.0f} s)")
    return 0 if total.lost == total.resurrected == total.corrupt == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
