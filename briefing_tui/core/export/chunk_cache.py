"""Each briefing's rendered pieces per format kept between exports, so a second export of
an unchanged folder reads one entry per briefing and writes them out in order: nothing
is opened, split, parsed, rebuilt as objects or rendered again.

An entry holds a briefing's :class:`~.frame.Head` (what the frame needs of it) and its
:class:`~.frame.Pieces` in one format, with the context they were rendered in
(:func:`~.frame.context_of`: say the HTML page's tag classes, or which of its figures
are confirmed). It is keyed by the briefing's summary-part key
(:func:`~briefing_tui.core.summary_cache.part_key`: its file and sidecar, options, the
core's code), the format, the export code's own fingerprint and, for formats that
write paths, the path; the context is checked when the entry is used, and pieces
rendered in another context are rendered again and the entry replaced.

Same storage rules as the summary cache (its folder, ``BRIEFING_NO_CACHE=1``): marshal
of plain tuples, never a pickle; written whole; the payload's sha256, the key and every
field's type checked on reading; any bad entry is ignored and rebuilt; any failure to
read or write is silent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui.core import sealed, summary_cache
from briefing_tui.core.export.frame import PATH_FORMATS, Head, Pieces
from briefing_tui.core.extract import cache
from briefing_tui.core.summary import DocumentInfo

FORMAT = 1
MAGIC = b"BTRP1\n"
SUFFIX = ".pieces"
MAX_ENTRIES = 50_000  # five formats of 10,000 briefings
MAX_BYTES = 1024 * 2**20
PRUNE_EVERY = 500


@dataclass
class Stats:
    """What this process's exports cost: entries used, briefings rendered (and kept)."""

    hits: int = 0
    renders: int = 0


stats = Stats()


class Entry(NamedTuple):
    context: Any  # compared with the context wanted now
    head: Head
    pieces: Pieces


@lru_cache(maxsize=1)
def export_fingerprint() -> str | None:
    """The core's fingerprint and the export code's (the renderers, their escaping)."""
    core = summary_cache.code_fingerprint()
    if core is None:
        return None
    digest = hashlib.sha256(f"{FORMAT} {core}".encode())
    try:
        for source in sorted(Path(__file__).parent.glob("*.py")):
            digest.update(f"{source.name}\0".encode())
            digest.update(source.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def entry_key(part_key: str, fmt: str, path: Path) -> str | None:
    code = export_fingerprint()
    if code is None:
        return None
    where = str(path) if fmt in PATH_FORMATS else ""
    return hashlib.sha256("\0".join((code, part_key, fmt, where)).encode(
        "utf-8", "surrogatepass")).hexdigest()


def _file(key: str) -> Path | None:
    where = cache.folder()
    return None if where is None else where / "pieces" / f"{key}{SUFFIX}"


def load(key: str, path: Path) -> Entry | None:
    """The entry stored under ``key``, for the briefing at ``path`` (None when absent or
    bad)."""
    entry = _file(key)
    if entry is None:
        return None

    def decode(record: Any) -> Entry | None:
        if type(record) is not tuple or len(record) != 5 or record[0] != FORMAT or \
                record[1] != key:
            return None
        return Entry(record[2], _head(record[3], path), _pieces(record[4]))

    made = sealed.read(entry, MAGIC, decode)
    if made is not None:
        stats.hits += 1
    return made


def store(key: str, context: tuple[Any, ...], head: Head, pieces: Pieces) -> None:
    """Keep a briefing's pieces under ``key`` (silently not when it cannot be written)."""
    entry = _file(key)
    if entry is None:
        return
    info = head.info
    record = (FORMAT, key, context,
              ((info.title, info.sentences, info.tagged, info.error, dict(info.counts),
                info.attention, info.pages, info.date, info.author, info.source),
               head.skipped, head.found, head.attention_tags, head.attention_co_tags,
               head.figure_ids, head.events, head.dated, head.sentences, head.annotations),
              (pieces.tags, pieces.attention, pieces.timeline, pieces.figures, pieces.rows,
               pieces.annotations))
    if not sealed.write(entry, MAGIC, record):
        return
    if stats.renders % PRUNE_EVERY == 1:
        cache.prune(entry.parent, MAX_ENTRIES, MAX_BYTES, suffix=SUFFIX)


# -- checking what was read ------------------------------------------------------------

S, N, B = str, int, bytes
_INFO = (S, N, N, S, dict, N, N, S, S, S)
_HEAD = (tuple, tuple, tuple, tuple, tuple, N, N, N, N)
_ROW = (S, S, S, S, S, S, N, S, S)


def _typed(values: Any, types: tuple[type, ...]) -> tuple[Any, ...]:
    if type(values) is not tuple or len(values) != len(types) or \
            any(type(v) is not t for v, t in zip(values, types, strict=True)):
        raise TypeError("fields")
    return values


def _strings(values: Any) -> tuple[str, ...]:
    if type(values) is not tuple or any(type(v) is not str for v in values):
        raise TypeError("strings")
    return values


def _head(record: Any, path: Path) -> Head:
    if type(record) is not tuple or len(record) != 10:
        raise TypeError("head")
    info = _typed(record[0], _INFO)
    if not all(type(k) is str and type(v) is int for k, v in info[4].items()):
        raise TypeError("counts")
    rest = _typed(record[1:], _HEAD)
    skipped, found, first, co_tags, figures = map(_strings, rest[:5])
    events, dated, sentences, annotations = rest[5:]
    return Head(DocumentInfo(path, *info), skipped, found, first, co_tags, figures, events,
                dated, sentences, annotations)


def _pieces(record: Any) -> Pieces:
    tags, attention, timeline, figures, rows, annotations = _typed(
        record, (tuple, B, tuple, B, tuple, B))
    for pair in tags:
        _typed(pair, (S, B))
    for run in timeline:
        _typed(run, (S, S, B))
    for row in rows:
        _typed(row, _ROW)
    return Pieces(tags, attention, timeline, figures, rows, annotations)
