"""Extracted text kept between runs, so a PDF is laid out once, not at every open or export.

An entry is keyed by the sha256 of the file's bytes and the extractor's id (a newer
extractor misses the old entries; for trafilatura with our reader as its fallback, the
chain's id, while the entry keeps the id of the one that ran), lives in
``$XDG_CACHE_HOME/briefing_tui/extracted``
(``~/.cache/...`` by default; ``BRIEFING_CACHE_DIR`` overrides, ``BRIEFING_NO_CACHE=1``
turns the cache off) and is checked on reading: an entry whose text does not hash to
its recorded sha256, or that cannot be parsed, is ignored and replaced. The cache is
only ever an optimisation: any failure to read or write it is silent. The oldest entries
go once there are more than :data:`MAX_ENTRIES` or :data:`MAX_BYTES` in all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from briefing_tui.core.atomic import atomic_write
from briefing_tui.core.text import LoadedText, text_sha256

MAX_ENTRIES = 500
MAX_BYTES = 512 * 2**20
FORMAT = 2  # 2: the key's extractor id beside the one that ran


def folder() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("BRIEFING_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("BRIEFING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing_tui" / "extracted"


def _entry(file_sha256: str, extractor: str) -> Path | None:
    where = folder()
    if where is None:
        return None
    tag = hashlib.sha256(extractor.encode()).hexdigest()[:16]
    return where / f"{file_sha256}-{tag}.json"


def load(file_sha256: str, extractor: str) -> LoadedText | None:
    """The cached extraction of these file bytes by this extractor, if any and intact."""
    path = _entry(file_sha256, extractor)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            record = json.loads(handle.read())
        text = record["text"]
        if record.get("format") != FORMAT or record["key"] != extractor or \
                not isinstance(text, str) or text_sha256(text) != record["sha256"]:
            return None
        pages = tuple(int(p) for p in record.get("pages", ()))
        loaded = LoadedText(text, record["sha256"], str(record["encoding"]),
                            warning=str(record.get("warning", "")),
                            extractor=str(record["extractor"]), pages=pages)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return loaded


def store(file_sha256: str, loaded: LoadedText, key: str | None = None) -> None:
    """Keep an extraction under ``key`` (the extractor id it was asked of; by default
    the one that ran), silently skipped when the cache folder cannot be written."""
    key = loaded.extractor if key is None else key
    path = _entry(file_sha256, key)
    if path is None:
        return
    record = {"format": FORMAT, "key": key, "extractor": loaded.extractor,
              "sha256": loaded.sha256,
              "encoding": loaded.encoding, "warning": loaded.warning,
              "pages": list(loaded.pages), "text": loaded.text}
    data = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError:
        return
    prune(path.parent)


#: A temporary file this old is a write that was killed, not one under way.
STALE_TEMP_SECONDS = 3600


def prune(where: Path, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES,
          suffix: str = ".json") -> None:
    """Remove the least recently used entries (files ending in ``suffix``) beyond the
    limits, and the temporary
    files a write killed midway left (older than :data:`STALE_TEMP_SECONDS`, so a write
    under way in another process is left alone)."""
    stale = time.time_ns() - STALE_TEMP_SECONDS * 1_000_000_000
    try:
        entries = []
        for entry in os.scandir(where):
            if entry.name.endswith(suffix):
                st = entry.stat()
                entries.append((st.st_mtime_ns, st.st_size, entry.path))
            elif entry.name.endswith(".tmp") and entry.stat().st_mtime_ns < stale:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    except OSError:
        return
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, name) in enumerate(entries, 1):
        total += size
        if count > max_entries or total > max_bytes:
            with contextlib.suppress(OSError):
                os.unlink(name)
