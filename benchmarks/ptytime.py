"""Time from process start to the first screen of text, in a real pseudo-terminal.

A headless test cannot see what a user waits for: interpreter start, imports, reading
the file and the terminal driver's first frame. So the program is started on a real pty
(``pty.fork``) of a fixed size, and the clock stops when a string from the document's
first line has been written to the terminal (escape sequences stripped, since styles and
cursor moves sit between the words). The child runs in its own session and is killed
with its whole process group, then reaped, so no zombie or stray process is left.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: styles, cursor moves, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, clipboard, colours
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[()*+][0-9A-Za-z]"  # charset designation (curses)
    r"|\x1b[ -~]"  # other two-character escapes
    r"|[\x00-\x09\x0b-\x1f\x7f]"  # remaining controls (SO/SI, CR, BEL); keep newlines
)


class FirstScreenError(RuntimeError):
    """The program exited or timed out before showing the text; ``output`` says what."""

    def __init__(self, message: str, output: str) -> None:
        super().__init__(message)
        self.output = output


def screen_text(raw: bytes) -> str:
    """What a terminal would show of ``raw``, roughly: text without escape sequences."""
    return _ESCAPES.sub("", raw.decode("utf-8", errors="ignore"))


def _child(argv: Sequence[str], env: Mapping[str, str], cols: int, rows: int,
           cwd: Path | None) -> None:
    """In the forked child: size the terminal before anything can ask, then exec."""
    try:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if cwd is not None:
            os.chdir(cwd)
        os.execve(argv[0], list(argv), dict(env))
    except BaseException as exc:  # never return into the parent's code
        os.write(2, f"exec failed: {exc}\n".encode())
    finally:
        os._exit(127)


def reap(pid: int) -> None:
    """Kill the child's whole process group (it leads its own session) and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)  # in case it had not yet made its own group
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def child_cpu(pid: int) -> float:
    """User + system CPU seconds the process ``pid`` has used so far (Linux ``/proc``;
    NaN elsewhere). Unlike wall time it hardly moves with the load of a shared machine."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_screen(argv: Sequence[str], needle: str, *, cols: int = 120, rows: int = 35,
                 env: Mapping[str, str] | None = None, cwd: Path | None = None,
                 timeout: float = 60.0, cpu: list[float] | None = None) -> float:
    """Seconds from fork to ``needle`` appearing on the terminal of ``argv``.

    ``argv[0]`` must be a path (no ``PATH`` lookup, to keep the child's work minimal).
    Raises :class:`FirstScreenError` if the program exits or ``timeout`` passes first.
    With ``cpu``, the child's CPU seconds at that moment are appended to it.
    """
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("TERM", "xterm-256color")
    child_env["COLUMNS"], child_env["LINES"] = str(cols), str(rows)
    began = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        _child(argv, child_env, cols, rows, cwd)
    raw = bytearray()
    try:
        deadline = began + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise FirstScreenError(f"{argv[0]}: no {needle!r} within {timeout:g} s",
                                       screen_text(bytes(raw))[-2000:])
            ready, _, _ = select.select([master], [], [], min(left, 1.0))
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the child closed the terminal (exited)
                chunk = b""
            if not chunk:
                raise FirstScreenError(f"{argv[0]}: exited before showing {needle!r}",
                                       screen_text(bytes(raw))[-2000:])
            raw += chunk
            if needle in screen_text(bytes(raw)):
                seconds = time.perf_counter() - began
                if cpu is not None:
                    cpu.append(child_cpu(pid))
                return seconds
    finally:
        reap(pid)
        os.close(master)
