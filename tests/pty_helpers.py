"""The real app (``python -m briefing_tui.cli``) in a real pseudo-terminal, for tests.

What it writes is kept byte for byte (``raw``, for checks on escape sequences) and as
text with every escape sequence taken out (``text``): Textual draws a line as segments
with style codes between them, so "all saved" is found only once the codes are gone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: CSI, OSC/DCS/APC strings, two-byte escapes, C1 CSI: what a terminal does not print.
#: (On decoded text: as bytes, 0x9b is also a UTF-8 continuation byte, as in "␛".)
ESCAPES = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b[\\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\\\)?"
                     "|\x1b[ -/]*[0-~]|\x9b[0-?]*[ -/]*[@-~]")
_FRAME = re.compile(r"[\s\u2500-\u259f]+")


def strip_escapes(raw: bytes) -> str:
    return ESCAPES.sub("", raw.decode("utf-8", "replace"))


def squash(text: str) -> str:
    """``text`` without blanks, box-drawing or block characters (borders, scrollbars)."""
    return _FRAME.sub("", text)


class PtyApp:
    """One app process on a 120x35 (or ``size``) terminal; ``close()`` always kills it."""

    def __init__(self, *paths: Path, size: tuple[int, int] = (120, 35),
                 env: dict[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        self.started = time.monotonic()
        self.child = subprocess.Popen(
            [sys.executable, "-m", "briefing_tui.cli", *map(str, paths)], stdin=slave,
            stdout=slave, stderr=slave, env=self.env, cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.fd = master
        self.raw = b""

    def text(self, since: int = 0) -> str:
        """What was written after byte ``since``, escape sequences removed."""
        return strip_escapes(self.raw[since:])

    def pump(self, seconds: float = 0.0) -> None:
        """Read what the app writes for ``seconds`` (at least once, without waiting), or
        until the app has exited and everything it wrote is read: no more can come."""
        if self.fd < 0:  # hung up: nothing more to read
            time.sleep(seconds)
            return
        deadline = time.monotonic() + seconds
        while True:
            left = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:  # the app is gone (EIO)
                    chunk = b""
                if not chunk:
                    if time.monotonic() >= deadline or self.child.poll() is not None:
                        return
                    time.sleep(min(left, 0.02))
                    continue
                self.raw += chunk
                continue
            if time.monotonic() >= deadline:
                return

    def mark(self) -> int:
        """A place in the output: wait_for(..., since=mark) looks only at what follows."""
        self.pump()
        return len(self.raw)

    def wait_for(self, *needles: str, since: int = 0, timeout: float = 15,
                 squashed: bool = False) -> bool:
        """True once every needle has shown up after ``since``, in that order.

        ``squashed`` compares without blanks and box or block characters: a toast or a
        dialog wraps its message anywhere and draws borders at the line ends.
        """
        deadline = time.monotonic() + timeout
        if squashed:
            needles = tuple(squash(n) for n in needles)
        while True:
            at = 0
            text = squash(self.text(since)) if squashed else self.text(since)
            for needle in needles:
                found = text.find(needle, at)
                if found < 0:
                    break
                at = found + len(needle)
            else:
                return True
            if time.monotonic() >= deadline or self.child.poll() is not None:
                self.pump(0.1)
                text = squash(self.text(since)) if squashed else self.text(since)
                return all(n in text for n in needles)
            self.pump(0.05)

    def send(self, keys: str | bytes) -> None:
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def click(self, x: int, y: int) -> None:
        """A left click at screen cell (x, y), 0-based, as an SGR (1006) mouse report."""
        self.send(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m")

    def signal(self, signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.child.pid, signum) if signum == signal.SIGKILL else \
                self.child.send_signal(signum)

    def wait(self, timeout: float = 60) -> int:
        """The exit status, reading the terminal meanwhile (a full pty would block it)."""
        deadline = time.monotonic() + timeout
        while self.child.poll() is None and time.monotonic() < deadline:
            self.pump(0.05)
        self.pump()
        return self.child.wait(timeout=max(0.1, deadline - time.monotonic()))

    def hang_up(self) -> None:
        """Close the terminal's master side, as a closed terminal window does. The app
        runs in a session of its own, so no SIGHUP comes: its input just ends."""
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.child.poll() is None:
            self.signal(signal.SIGKILL)
            self.child.wait(timeout=10)
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
