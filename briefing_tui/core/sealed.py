"""Cache entries sealed by a checksum: a magic line, the sha256 of the body, the body.

The summary parts and the export pieces are kept this way, as marshal of plain tuples
(never a pickle: nothing in an entry can run code). A torn, truncated or foreign file
reads as absent and is rebuilt, never as data; a cache that cannot be read or written
is only slower.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from briefing_tui.core.extract.split_cache import write_whole

T = TypeVar("T")
_BAD = (OSError, ValueError, TypeError, IndexError, EOFError, KeyError)


def read(entry: Path, magic: bytes, decode: Callable[[Any], T | None]) -> T | None:
    """What ``decode`` makes of the record at ``entry`` (None when absent, torn, not ours,
    or refused by ``decode``, which raises or returns None on a record of the wrong shape).

    Decoding runs with the collector paused: reading makes no cycles, and each pass would
    walk every object made so far. A used entry is touched, so pruning drops it last.
    """
    try:
        with open(entry, "rb") as handle:
            data = handle.read()
        body = data[len(magic) + 32:]
        if not data.startswith(magic) or \
                hashlib.sha256(body).digest() != data[len(magic):len(magic) + 32]:
            return None
        enabled = gc.isenabled()
        gc.disable()
        try:
            made = decode(marshal.loads(body))
        finally:
            if enabled:
                gc.enable()
    except _BAD:
        return None
    if made is not None:
        with contextlib.suppress(OSError):
            entry.touch()
    return made


def write(entry: Path, magic: bytes, record: Any) -> bool:
    """Keep ``record`` at ``entry``, written whole; False when it cannot be (silently:
    the caller goes on without the entry)."""
    try:
        body = marshal.dumps(record)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_whole(entry, magic + hashlib.sha256(body).digest() + body)
    except (OSError, ValueError):
        return False
    return True
