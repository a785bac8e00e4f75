"""Each briefing's part of a summary kept between runs, so a second export of an unchanged
folder opens, splits, parses and reads nothing but each file's stat and one entry.

A part is all the summary builder makes of one briefing (:class:`Part`: its document
line, tagged sentences with their citations, attention items, figures and timeline
events); the steps across briefings (figures side by side, the timeline's order, the
brief) run on the assembled parts as before. An entry is keyed by everything a part is
made of (:func:`part_key`): the sha256 of the file's bytes and of its sidecar's (known
by their stat when they have not changed: :mod:`briefing_tui.core.digests`), the
file's name (it is in every citation), the options and codebook order that change what
is kept (:func:`options_key`), the places and actors of the folder's brief.yaml, and the
code: a fingerprint of every source file of the core (:func:`code_fingerprint`), so no
change to a reader, the segmenter or the figures can be served from an old entry, plus
:data:`FORMAT` and the versions of the libraries that read and split.

Entries live in ``parts/`` under the extraction cache's folder (same switches,
``BRIEFING_NO_CACHE=1`` turns it off) with their own limits, are written whole or not
at all and are checked on reading: the payload's sha256, its key, and the type of every
field; any bad entry is ignored and rebuilt. Plain data only (``marshal`` of tuples,
strings and numbers, never a pickle of our classes): nothing in an entry can run code.
Like the other caches it is an optimisation: any failure to read or write is silent.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import metadata
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

from briefing_tui.core import digests, sealed
from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.citation import Citation
from briefing_tui.core.extract import cache
from briefing_tui.core.figures import Figure
from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.core.summary_items import DocumentInfo, SummaryItem

FORMAT = 1  # the entry's layout; the code that fills it is in the key's fingerprint
MAX_ENTRIES = 20_000
MAX_BYTES = 512 * 2**20
PRUNE_EVERY = 500
MAGIC = b"BTSP1\n"
SUFFIX = ".part"
_T = TypeVar("_T")


@dataclass
class Part:
    """What one briefing adds to a summary, before the steps across briefings."""

    info: DocumentInfo
    skipped: list[str] = field(default_factory=list)
    found: tuple[str, ...] = ()  # every tag its annotations carry (known_tags)
    items: list[SummaryItem] = field(default_factory=list)  # the order they were made
    attention: list[SummaryItem] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)


@dataclass
class Stats:
    """What this process's parts cost: entries used, parts built (and so stored)."""

    hits: int = 0
    builds: int = 0


stats = Stats()


@lru_cache(maxsize=1)
def code_fingerprint() -> str | None:
    """A digest of the core's source (and data) files and the libraries it reads with;
    None when they cannot be read (then nothing is cached)."""
    return fingerprint_of(Path(__file__).parent)


#: Above the summary in the core's layers (pyproject.toml's contract: the summary and this
#: cache cannot import them), so a part cannot depend on them: a new export format keeps
#: every entry.
ABOVE_THE_SUMMARY = ("export", "stats.py")


def fingerprint_of(root: Path) -> str | None:
    """The digest of every ``.py`` and ``.yaml`` file under ``root`` (names and bytes) but
    those :data:`ABOVE_THE_SUMMARY`, this entry layout, Python's and marshal's versions,
    nupunkt's and PyYAML's."""
    digest = hashlib.sha256(f"{FORMAT} {marshal.version} {sys.version}".encode())
    try:
        for name in ("nupunkt", "PyYAML"):
            digest.update(f"{name} {metadata.version(name)}\0".encode())
        for source in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml") and
                             p.relative_to(root).parts[0] not in ABOVE_THE_SUMMARY):
            digest.update(f"{source.relative_to(root)}\0".encode("utf-8", "surrogatepass"))
            digest.update(source.read_bytes())
    except (OSError, metadata.PackageNotFoundError, ValueError):
        return None
    return digest.hexdigest()


def options_key(tag_order: list[str], wanted: set[str] | None, include_notes: bool,
                context: int) -> str:
    """What of the summary's options changes a part: the codebook's order, the tags
    asked for, notes, context."""
    return repr((tag_order, None if wanted is None else sorted(wanted), include_notes,
                 context))


def part_key(path: Path, options: str, mentions: str) -> str | None:
    """The key of ``path``'s part now (None: the cache is off, or a file cannot be read,
    which the uncached path then reports)."""
    code = code_fingerprint()
    if code is None or cache.folder() is None:
        return None
    try:
        document = digests.sha256_of(path)  # by stat when unchanged (see there)
        try:
            sidecar = digests.sha256_of(sidecar_path(path))
        except FileNotFoundError:
            sidecar = "-"
    except (OSError, ValueError):
        return None
    material = "\0".join((code, path.name, document, sidecar, options, mentions))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def _entry(key: str) -> Path | None:
    where = cache.folder()
    return None if where is None else where / "parts" / f"{key}{SUFFIX}"


def load(key: str, path: Path) -> Part | None:
    """The part stored under ``key``, made for ``path`` (None when absent or bad)."""
    entry = _entry(key)
    if entry is None:
        return None

    def decode(record: Any) -> Part | None:
        if type(record) is not tuple or len(record) != 10 or record[0] != FORMAT or \
                record[1] != key:
            return None
        return _decode(record, path)

    part = sealed.read(entry, MAGIC, decode)
    if part is not None:
        stats.hits += 1
    return part


def store(key: str, part: Part) -> None:
    """Keep ``part`` under ``key`` (silently not when the folder cannot be written)."""
    entry = _entry(key)
    if entry is None:
        return
    if not sealed.write(entry, MAGIC, _encode(key, part)):
        return
    if stats.builds % PRUNE_EVERY == 1:  # a look at every entry: not at every store
        cache.prune(entry.parent, MAX_ENTRIES, MAX_BYTES, suffix=SUFFIX)


# -- plain data both ways ---------------------------------------------------------------
# Column-wise: one tuple per field, so each field's type is checked in one pass and the
# objects are made by ``map``; equal strings are written once (marshal's references).

S, N, B, T = str, int, bool, tuple  # the field types, short so each row reads as one line
_INFO = (S, N, N, S, dict, N, N, S, S, S)
_CITATION = (S, S, N, N, N, S, S, S, S)
_ITEM = (S, N, N, N, S, S, T, S, S, S, S, S, T, T, T)
_FIGURE = (N, S, S, S, S, S, S, B, S, S, N, S, N, N, N, S, S, S, S)
_EVENT = (S, S, B, N, S, T, N, N, T)


def _encode(key: str, part: Part) -> tuple[Any, ...]:
    citations: dict[Citation, int] = {}
    strings: dict[str, str] = {}

    def columns(rows: list[tuple[Any, ...]], width: int) -> tuple[tuple[Any, ...], ...]:
        if not rows:
            return ((),) * width
        return tuple(tuple(strings.setdefault(v, v) if type(v) is str else v for v in column)
                     for column in zip(*rows, strict=True))

    def cite(c: Citation) -> int:
        return citations.setdefault(c, len(citations))

    def item(i: SummaryItem) -> tuple[Any, ...]:
        return (i.tag, cite(i.citation), i.start, i.end, i.text, i.note, i.co_tags, i.anchor,
                i.annotation_id, i.previous, i.prefix, i.suffix, i.by, i.before, i.after)

    info = part.info
    items = columns([item(i) for i in part.items], len(_ITEM))
    attention = columns([item(i) for i in part.attention], len(_ITEM))
    figures = columns([(
        f.figure.value, f.figure.qualifier, f.figure.kind, f.figure.who, f.figure.place,
        f.figure.country, f.figure.date, f.figure.date_stated, f.figure.source,
        f.figure.document, f.figure.sentence, f.figure.quote, f.figure.start, f.figure.end,
        cite(f.citation), f.id, f.words, f.prefix, f.suffix) for f in part.figures],
        len(_FIGURE))
    events = columns([(e.date, e.until, e.stated, cite(e.citation), e.text, e.tags, e.start,
                       e.end, e.about) for e in part.timeline], len(_EVENT))
    cites = columns([(c.title, c.file, c.paragraph, c.sentence, c.page, c.date, c.author,
                      c.source, c.label) for c in citations], len(_CITATION))
    return (FORMAT, key, (info.title, info.sentences, info.tagged, info.error,
                          dict(info.counts), info.attention, info.pages, info.date,
                          info.author, info.source),
            tuple(part.skipped), part.found, cites, items, attention, figures, events)


def _columns(columns: Any, types: tuple[type, ...]) -> tuple[tuple[Any, ...], ...]:
    """``columns`` when they are as many as ``types``, equally long, each of its type (a
    tuple field: of strings)."""
    if type(columns) is not tuple or len(columns) != len(types) or \
            len({len(c) for c in columns if type(c) is tuple}) != 1:
        raise TypeError("columns")
    for column, kind in zip(columns, types, strict=True):
        if type(column) is not tuple or not set(map(type, column)) <= {kind}:
            raise TypeError("column")
        if kind is tuple:
            deque(map("".join, column), maxlen=0)  # a TypeError unless all are strings
    return columns


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) is not tuple:
        raise TypeError("strings")
    "".join(value)
    return value


def _objects(cls: type[_T], count: int, *columns: Iterable[Any]) -> list[_T]:
    """``count`` dataclass objects made from their fields' columns (checked), without
    each one's ``__init__``: a frozen dataclass sets every field through
    ``object.__setattr__``, which was two thirds of reading a warm folder's entries."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    if len(columns) != len(names):
        raise TypeError(cls.__name__)
    made: list[_T] = list(map(object.__new__, repeat(cls, count)))
    deque(map(dict.update, map(vars, made), map(zip, repeat(names), zip(*columns))),
          maxlen=0)
    return made


def _decode(record: tuple[Any, ...], path: Path) -> Part:
    _, _, info, skipped, found, citations, items, attention, figures, events = record
    (title, sentences, tagged, error, counts, noted, pages, date, author, source) = \
        (c[0] for c in _columns(tuple((v,) for v in info), _INFO))
    if not all(type(k) is str and type(v) is int for k, v in counts.items()):
        raise TypeError("counts")
    cite = _columns(citations, _CITATION)
    cites = _objects(Citation, len(cite[0]), *cite)

    def cited(column: tuple[int, ...]) -> Iterator[Citation]:
        if column and min(column) < 0:
            raise IndexError("citation")
        return map(cites.__getitem__, column)

    def made(columns: Any) -> list[SummaryItem]:
        tag, at, *rest = _columns(columns, _ITEM)
        return _objects(SummaryItem, len(tag), tag, repeat(path), cited(at), *rest)

    fig, event = _columns(figures, _FIGURE), _columns(events, _EVENT)
    count = len(fig[0])
    return Part(
        DocumentInfo(path, title, sentences, tagged, error, counts, noted, pages, date,
                     author, source),
        list(_strings(skipped)), _strings(found), made(items), made(attention),
        _objects(KeyFigure, count, _objects(Figure, count, *fig[:14]), repeat(path),
                 cited(fig[14]), *fig[15:]),
        _objects(Event, len(event[0]), *event[:3], repeat(path), cited(event[3]), *event[4:]))
