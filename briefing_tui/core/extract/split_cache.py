"""Sentence splits kept between runs, so a second export of an unchanged folder splits nothing.

An entry holds the offset tables of one text's uncorrected split (the analyst's
corrections are applied on top, as after any split) and is keyed by the text's sha256
and :data:`SEGMENTER_VERSION` (bumped whenever a text splits differently, so new rules
miss old entries). Entries live in ``splits/`` under the extraction cache's folder
(:func:`.cache.folder`: same switches, ``BRIEFING_NO_CACHE=1`` turns both off) and are
checked on reading: an entry for another text or segmenter, with tables that disagree
in length, run backwards or past the end of the text, or that cannot be parsed, is
ignored and replaced. Like the extraction cache it is only an optimisation: any failure
to read or write it is silent. :data:`stats` counts hits and splits, so a caller (and a
test) can see that a second export split nothing.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.core.extract import cache
from briefing_tui.core.segment import SEGMENTER_VERSION, Segmentation

FORMAT = 1
MAX_ENTRIES = 20_000  # a 10,000-briefing corpus, twice over
MAX_BYTES = 256 * 2**20
PRUNE_EVERY = 500
_TABLES = ("starts", "ends", "para_of", "para_starts", "para_ends", "para_first")


@dataclass
class Stats:
    """What this process's splits cost: entries used, texts split (and so stored)."""

    hits: int = 0
    splits: int = 0


stats = Stats()


def _entry(text_sha256: str) -> Path | None:
    where = cache.folder()
    if where is None:
        return None
    tag = hashlib.sha256(SEGMENTER_VERSION.encode()).hexdigest()[:16]
    return where / "splits" / f"{text_sha256}-{tag}.json"


def split(text: str, text_sha256: str) -> Segmentation:
    """The whole, uncorrected split of ``text`` (whose sha256 is given): from the cache
    when an intact entry is there, else split now and kept."""
    path = _entry(text_sha256)
    found = None if path is None else _load(path, text, text_sha256)
    if found is not None:
        stats.hits += 1
        return found
    segmentation = Segmentation(text)
    segmentation.extend()
    stats.splits += 1
    if path is not None:
        _store(path, segmentation, text_sha256)
    return segmentation


def _table(record: dict[str, object], name: str) -> array[int]:
    raw = record[name]
    if not isinstance(raw, str):
        raise TypeError(name)
    return array("q", base64.b64decode(raw, validate=True))


def _load(path: Path, text: str, text_sha256: str) -> Segmentation | None:
    try:
        with open(path, "rb") as handle:
            record = json.loads(handle.read())
        if record.get("format") != FORMAT or record["segmenter"] != SEGMENTER_VERSION or \
                record["sha256"] != text_sha256 or record["length"] != len(text):
            return None
        tables = {name: _table(record, name) for name in _TABLES}
        labels = record["para_labels"]
        wrap_width = record["wrap_width"]
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or \
                not isinstance(wrap_width, int) or not _consistent(tables, len(labels), len(text)):
            return None
        segmentation = Segmentation(text)
        for name, table in tables.items():
            setattr(segmentation, name, table)
        segmentation.para_labels = labels
        segmentation.wrap_width = wrap_width
        segmentation.covered, segmentation.complete = len(text), True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    with contextlib.suppress(OSError):
        path.touch()  # recently used: pruned last
    return segmentation


def _consistent(tables: dict[str, array[int]], paragraphs: int, length: int) -> bool:
    """Whether the tables could be a split of a text of ``length`` characters."""
    starts, ends, para_of = tables["starts"], tables["ends"], tables["para_of"]
    if not len(starts) == len(ends) == len(para_of) or not all(
            len(tables[name]) == paragraphs for name in ("para_starts", "para_ends",
                                                         "para_first")):
        return False
    last = 0
    for start, end, para in zip(starts, ends, para_of, strict=True):
        if start < last or end < start or not 0 <= para < paragraphs:
            return False
        last = end
    return last <= length and all(0 <= s <= e <= length for s, e in
                                  zip(tables["para_starts"], tables["para_ends"], strict=True))


def write_whole(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a temp file renamed over it), without the
    fsyncs and stale-temp sweep of :func:`.atomic.atomic_write`: those cost ~3 ms an entry,
    more than the split they save, and a torn entry after a power cut fails the checks on
    reading and is split again."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _store(path: Path, segmentation: Segmentation, text_sha256: str) -> None:
    record: dict[str, object] = {
        "format": FORMAT, "segmenter": SEGMENTER_VERSION, "sha256": text_sha256,
        "length": len(segmentation.text), "wrap_width": segmentation.wrap_width,
        "para_labels": segmentation.para_labels}
    for name in _TABLES:
        record[name] = base64.b64encode(getattr(segmentation, name).tobytes()).decode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(record).encode("ascii"))
    except OSError:
        return
    if stats.splits % PRUNE_EVERY == 1:  # a look at every entry: not at every store
        cache.prune(path.parent, MAX_ENTRIES, MAX_BYTES)
