"""The terminal went away without a SIGHUP: save everything and exit, as on SIGHUP.

When the master side of the app's pseudo-terminal closes (a terminal emulator or an ssh
or tmux pane gone), the kernel hangs up the slave: reads return EOF, writes fail with EIO.
A SIGHUP follows only for the terminal's own session, and an app started in a session of
its own (by a script, a test harness, ``setsid``) gets none; Textual's input thread then
spins on a descriptor that is always readable and never yields a key, and the app would
live on, unseen, holding its lock. So the app looks for the hang-up itself, twice a
second: ``poll`` reports it (POLLHUP or POLLERR) without reading, so no key is stolen.
"""

from __future__ import annotations

import os
import select
import sys

CHECK_SECONDS = 0.5
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def terminal_input() -> int | None:
    """The descriptor of the app's terminal input, or None when it reads no terminal
    (tests, a pipe, the browser through textual-serve)."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):  # closed or replaced by something without a descriptor
        return None
    return fd if fd >= 0 and os.isatty(fd) else None


def terminal_gone(fd: int) -> bool:
    """True once the terminal behind ``fd`` has hung up (or ``fd`` is no longer open)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    try:
        events = poller.poll(0)
    except OSError:
        return True
    return any(mask & _GONE for _, mask in events)
