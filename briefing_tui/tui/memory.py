"""Freed big buffers go back to the system (glibc): the app's peak memory.

glibc's malloc gives a request over its mmap threshold a mapping of its own, returned
whole when freed, but it raises that threshold to the size of every such block freed
(up to 32 MiB). After the first big free, the next 10 MB buffers (a briefing's bytes,
its text, the split's tables as they grow, the reader's line tables) come from the heap,
where a freed block under a live one is never given back. Fixing the threshold at
glibc's own starting value keeps every big buffer a mapping of its own. Measured with a
10 MB briefing open (benchmarks.reader_headless, same machine and run): peak RSS
83.1 -> 73.9 MiB; the first screen's CPU unchanged within the noise.
"""

from __future__ import annotations

import os
import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
THRESHOLD = 128 * 1024  # glibc's default starting value


def return_big_buffers() -> bool:
    """Fix glibc's mmap threshold for this process; False when nothing was done (not
    glibc, or the user chose a threshold with ``MALLOC_MMAP_THRESHOLD_``)."""
    if sys.platform != "linux" or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
    except (ValueError, OSError):  # not glibc (musl has no such name)
        return False
    import ctypes  # deferred: only the app needs it, once

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
