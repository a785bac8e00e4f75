"""Freed big buffers go back to the system (glibc): the app's peak memory.

glibc's malloc gives a request over its mmap threshold a mapping of its own, returned
whole when freed, but it raises that threshold to the size of every such block freed
(up to 32 MiB). After the first big free, the next 10 MB buffers (a briefing's bytes,
its text, the split's tables as they grow, the reader's line tables) come from the heap,
where a freed block under a live one is never given back. Fixing the threshold at
glibc's own starting value keeps every big buffer a mapping of its own; what the split
frees in the heap meanwhile is given back after each step (``malloc_trim``). Measured
with a 10 MB briefing open (reader_headless-like runs, same machine, one after another):
peak RSS 83.1 MiB -> 76.5 with the threshold -> 75.1 with the trims; the first screen's
CPU unchanged within the noise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
THRESHOLD = 128 * 1024  # glibc's default starting value


_trim: Callable[[int], int] | None = None  # glibc's malloc_trim, once found


def _glibc() -> object | None:
    """This process's C library when it is glibc (ctypes loaded only then), else None."""
    if sys.platform != "linux":
        return None
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return None
    except (ValueError, OSError):  # not glibc (musl has no such name)
        return None
    import ctypes  # deferred: only the app needs it, once

    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


def return_big_buffers() -> bool:
    """Fix glibc's mmap threshold for this process; False when nothing was done (not
    glibc, or the user chose a threshold with ``MALLOC_MMAP_THRESHOLD_``)."""
    global _trim
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    libc = _glibc()
    if libc is None:
        return False
    import ctypes

    try:
        mallopt, trim = libc.mallopt, libc.malloc_trim  # type: ignore[attr-defined]
    except AttributeError:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    _trim = trim
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))


def give_back() -> None:
    """Return the heap's free pages to the system (after a big step of work); nothing
    unless :func:`return_big_buffers` set this process up."""
    if _trim is not None:
        _trim(0)
