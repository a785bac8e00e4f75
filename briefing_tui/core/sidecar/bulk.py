"""Reading a big sidecar in our own form straight from its bytes, in one pass.

``check`` and the load of a 200,000-annotation sidecar (70 MB) spent their time on
per-entry Python work: ``json`` made a dict per line, validation read it back, a regular
expression then vouched for the lines, and the whole file was held as one wide string
(twice its bytes) beside the bytes. Here the annotation block is cut into slices of
about :data:`SLICE` bytes at line ends, each decoded and read by one ``findall`` of a
regular expression that captures the fields of exactly the line we write
(:mod:`.verbatim`'s pieces; a line it does not match makes the count come out short),
and the annotations are made from the captured text: strings unescaped only when they
hold a backslash, tags read once per distinct list.

Every condition under which the result could differ from :func:`.format.parse_sidecar`
returns None instead, and the caller takes that path: a file not starting as ours, a
carriage return, a raw character our writer escapes, bad UTF-8, a line not in our form,
an entry validation would reject (an empty id, a bad tag, ``end`` past the document),
a tag twice, ids repeated or out of our order, anything after the block (``rejected:``,
kept keys), or header lines that are not our dump. So the answer is the same, only
sooner: ``tests/test_sidecar_bulk.py`` compares the two on edited files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import islice
from json.decoder import scanstring  # type: ignore[attr-defined]  # (json.scanner)
from operator import le, lt
from pathlib import Path
from typing import Any

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.safe_yaml import YamlError, load_yaml
from briefing_tui.core.sidecar.data import (
    ANCHORS,
    DOCUMENT_KEYS,
    HEADER_COMMENT,
    TOP_KEYS,
    SidecarData,
    SidecarError,
    unsafe_in_utf8,
)
from briefing_tui.core.sidecar.format import (  # the dump's own comparison
    _same_lines,
    collector_paused,
)
from briefing_tui.core.sidecar.keep import layout_of
from briefing_tui.core.sidecar.validate import valid_tag, validate
from briefing_tui.core.sidecar.verbatim import ESCAPE, INT, RAW

__all__ = ["SLICE", "Block", "count_own", "read_own", "recorded_sha256"]

#: Bytes decoded and matched at a time: big enough that the per-slice calls vanish,
#: small enough that no copy of the whole block is ever held.
SLICE = 1 << 22
_HEAD = (HEADER_COMMENT + "\n").encode("utf-8")



def _row(raw: str, every: bool) -> str:
    """One annotation line as we write it (the line :data:`.verbatim._LINE` accepts), with
    ``raw`` for a string's unescaped characters. Captured: id, start, end, text, prefix,
    suffix, tags, note, anchor; without ``every`` only id, start, end, tags, anchor."""
    s = rf'"((?:{raw}++|{ESCAPE})*+)"'
    skipped = rf'"(?:{raw}++|{ESCAPE})*+"'
    some = s if every else skipped
    kinds = "|".join(anchor.value for anchor in Anchor if anchor is not Anchor.EXACT)
    return (rf'^- \{{"id": {s}, "start": ({INT}), "end": ({INT}), "text": {some}, '
            rf'"prefix": {some}, "suffix": {some}, '
            rf'"tags": \[((?:{skipped}(?:, {skipped})*+)?)\], '
            rf'"note": {some}(?:, "anchor": "({kinds})")?\}}$')


#: Lines of text. Lines of UTF-8 bytes, for counting: once the file is known to be valid
#: UTF-8 without a raw :data:`.data.UNSAFE` character (both checked first), a byte that is
#: not a quote, backslash or control character is exactly part of a character
#: :data:`.verbatim.RAW` allows, so the two accept the same lines.
_ROWS = re.compile(_row(RAW, every=True), re.MULTILINE)
_BYTE_ROWS = re.compile(_row(r'[^"\\\x00-\x1f]', every=False).encode("ascii"),
                        re.MULTILINE)
_ANNOTATIONS = re.compile(rb"^annotations:", re.MULTILINE)
_BLOCK = b"annotations:\n- "
_KIND = {"": Anchor.EXACT, **ANCHORS}
_ATTENTION = {Anchor.REVIEW.value, Anchor.ORPHAN.value}
#: Stands for the annotations not made when only counting: the header's dump then has
#: its ``annotations:`` line, not ``annotations: []`` (the body is vouched for apart).
_STAND_IN = Annotation("", 0, 0, "")


class _NotOurs(Exception):
    """Some line or entry is not exactly what we write: take the general path."""


def _text(value: str) -> str:
    """A captured JSON string's value (``json``'s own decoder when it holds an escape)."""
    return scanstring(value + '"', 0)[0] if "\\" in value else value


def _tags(inner: str) -> tuple[str, ...]:
    """The tags of a captured list, each a valid tag name once, else :class:`_NotOurs`."""
    if not inner:
        return ()
    if "\\" in inner:  # a tag name never holds a character json escapes
        raise _NotOurs
    tags = tuple(inner[1:-1].split('", "'))  # no raw quote inside: the line matched
    if len(set(tags)) != len(tags) or not all(map(valid_tag, tags)):
        raise _NotOurs
    return tags


@dataclass
class Block:
    """What the annotation lines hold: every annotation (when made), or only counts."""

    count: int = 0
    attention: bool = False  # some annotation is for review or orphaned
    last_end: int = 0  # the largest end offset
    annotations: list[Annotation] = field(default_factory=list)
    ids: list[Any] = field(default_factory=list, repr=False)
    last: tuple[int, int, Any] | None = field(default=None, repr=False)
    tag_lists: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def take(self, rows: list[Any], document_length: int | None, make: bool) -> None:
        """Check one slice's rows as validation and our writer would (in C, column by
        column); with ``make``, append their annotations. Rows of bytes (``make`` off)
        keep their ids as bytes (UTF-8 sorts as its text does); only the few distinct
        tag lists and anchors are decoded."""
        if make:
            ids, starts_, ends_, quotes, prefixes, suffixes, tags, notes, kinds = zip(*rows)
            escape: Any = "\\"
        else:
            ids, starts_, ends_, tags, kinds = zip(*rows)
            escape = b"\\"
        starts, ends = list(map(int, starts_)), list(map(int, ends_))
        keys = list(zip(starts, ends, ids))
        if not all(ids) or escape in escape[:0].join(ids) or not all(map(le, starts, ends)) \
                or (self.last is not None and keys[0] <= self.last) or \
                not all(map(lt, keys, islice(keys, 1, None))):
            raise _NotOurs  # rejected by validation, an escape, or not in our order
        self.last = keys[-1]
        orphan = Anchor.ORPHAN.value if make else Anchor.ORPHAN.value.encode()
        if document_length is not None and max(ends) > document_length and any(
                end > document_length and kind != orphan
                for end, kind in zip(ends, kinds, strict=True)):
            raise _NotOurs
        for inner in set(tags) if make else {inner.decode() for inner in set(tags)}:
            if inner not in self.tag_lists:
                self.tag_lists[inner] = _tags(inner)
        self.ids += ids
        self.count += len(rows)
        seen = set(kinds) if make else {kind.decode() for kind in set(kinds)}
        self.attention = self.attention or not _ATTENTION.isdisjoint(seen)
        self.last_end = max(self.last_end, *ends)
        if make:
            self.annotations += map(
                Annotation, ids, starts, ends, map(_text, quotes), map(_text, prefixes),
                map(_text, suffixes), map(self.tag_lists.__getitem__, tags),
                map(_text, notes), map(_KIND.__getitem__, kinds))


def _block(raw: bytes, at: int, document_length: int | None, make: bool) -> Block:
    """Every annotation line from offset ``at`` to the end of ``raw``."""
    block = Block()
    while at < len(raw):
        end = raw.find(b"\n", min(at + SLICE, len(raw) - 1)) + 1
        if end == 0:  # the file does not end with a line break
            raise _NotOurs
        piece = raw[at:end]
        text = piece.decode("utf-8")  # refuses bad UTF-8 (and so any surrogate)
        rows = _ROWS.findall(text) if make else _BYTE_ROWS.findall(piece)
        del text
        if len(rows) != piece.count(b"\n"):  # a line not in our form
            raise _NotOurs
        block.take(rows, document_length, make)
        at = end
    if len(set(block.ids)) != block.count:
        raise _NotOurs  # validation keeps the first and rejects the others
    block.ids = []
    return block


def _read(raw: bytes, document_length: int | None, make: bool,
          ) -> tuple[SidecarData, Block] | None:
    if not raw.startswith(_HEAD) or b"\r" in raw or unsafe_in_utf8(raw):
        return None
    found = _ANNOTATIONS.search(raw)
    if found is None or not raw.startswith(_BLOCK, found.start()):
        return None
    body = found.start() + len(b"annotations:\n")
    try:
        header = raw[:body].decode("utf-8")
        with collector_paused():  # a pass per 700 rows made would walk them all (a third)
            block = _block(raw, body, document_length, make)
        loaded: Any = load_yaml(header[:-len("annotations:\n")] or "\n")
        if not isinstance(loaded, dict):
            return None
        loaded["annotations"] = []  # validated above, as validate() would: all kept
        data = validate(loaded, document_length)
        data.annotations = block.annotations
        data.layout = layout_of(header, loaded, data.extra, data.document_extra, TOP_KEYS,
                                DOCUMENT_KEYS)
        shown = data if make else replace(data, annotations=[_STAND_IN])  # "annotations:"
        if not block.count or not _same_lines(
                shown, header, lambda pos: pos if pos == len(header) else None):
            return None
    except (_NotOurs, UnicodeDecodeError, ValueError, LookupError, RecursionError,
            YamlError, SidecarError):
        return None
    return data, block


def read_own(raw: bytes, document_length: int | None = None) -> SidecarData | None:
    """The data :func:`.format.parse_sidecar` reads from ``raw``'s text, when ``raw`` is
    exactly our dump ending in its annotation block; otherwise None (take that path)."""
    found = _read(raw, document_length, make=True)
    return None if found is None else found[0]


def count_own(raw: bytes, document_length: int | None = None,
              ) -> tuple[SidecarData, Block] | None:
    """What :func:`read_own` would read, without making the annotations: the header's
    data (no annotations) and the block's counts (``check`` needs no more when the
    document is the one the sidecar was written for)."""
    return _read(raw, document_length, make=False)


_SHA256 = re.compile(rb'\ndocument:\n(?:  [^\n]*\n)*?  sha256: "([0-9a-f]{64})"\n')


def recorded_sha256(path: Path) -> str | None:
    """The document hash a sidecar in our own form records, from its first 4 KiB; None
    when it is not there (no file, not ours, a long header). A hint to skip reading a
    sidecar written for other text: the answer always comes from the whole file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    found = _SHA256.search(head) if head.startswith(_HEAD) else None
    return found.group(1).decode("ascii") if found else None
