"""Worker processes that die with the process that started them.

``briefing export`` opens many briefings in a process pool. If only the main process is
killed (``kill PID``, a CI timeout, an OOM kill), its workers would wait forever on their
task queue, holding the caller's pipes open: ``briefing export . | gzip`` would never end.
Each worker therefore asks Linux to SIGKILL it when its parent dies (``prctl
PR_SET_PDEATHSIG``, through ctypes) and, everywhere, watches its parent pid from a thread
and exits when it changes (the parent died, the worker was adopted by init).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 0.5


def _ask_kernel(signum: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)  # nothing to save in a worker: its results go to a dead parent
        time.sleep(WATCH_SECONDS)


def die_with_parent(parent: int) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``): end this worker with ``parent``."""
    _ask_kernel(signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
