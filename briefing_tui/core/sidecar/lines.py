"""Reading a hand-edited sidecar that kept our layout, one entry line at a time.

A person who fixes one line of a 200,000-annotation sidecar should not wait for the whole
file to go through the strict YAML reader (19 s and ~1 GB), nor be refused past 16 MiB.
When the file still has our shape -- a header, then ``annotations:`` and ``rejected:``
with one ``- {...}`` entry per line and nothing else -- the header is read strictly and
each entry on its own: a line exactly as ``json`` writes it (no floats, no long numbers:
the values JSON and YAML read alike) is taken from ``json``; any other line goes through
the strict reader, alone, at the depth it has in the file. Any other shape, or any line
the strict reader refuses, returns None: the caller reads the whole file as before, with
its limits and its messages, so this is never less strict than reading it whole.
"""

from __future__ import annotations

import json
import re
from typing import Any

from briefing_tui.core.safe_yaml import MAX_DEPTH, YamlError, load_yaml
from briefing_tui.core.sidecar.data import UNSAFE
from briefing_tui.core.sidecar.surrogates import unescape_pairs

#: A line longer than this is not read on its own (the whole-file reader and its size
#: limit decide): one entry is a sentence, its context and a note, not megabytes.
MAX_LINE_CHARS = 1 << 20
#: Integers longer than this are read as text by the strict reader (``safe_yaml``).
_LONG_INT = 40

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_DECODE = json.JSONDecoder().raw_decode
_ANNOTATIONS = re.compile(r"^annotations:", re.MULTILINE)


def _plain(value: Any, depth: int) -> bool:
    """Whether ``value`` reads the same as JSON and as YAML 1.1 when ``json`` wrote it, at
    ``depth`` (an entry is at 3: the file's mapping, the list, the entry)."""
    if value is None or isinstance(value, (str, bool)):
        return True
    if type(value) is int:
        return len(str(value)) <= _LONG_INT
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, list):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(_plain(item, depth + 1) for item in value.values())
    return False  # a float: 1e+100 is a number to JSON, text to YAML 1.1


def _escape(text: str) -> str:
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _entry(line: str) -> Any:
    """One ``- ...`` line's entry; raises YamlError when the strict reader refuses it."""
    body = line[2:]
    try:
        item, end = _DECODE(body)
    except ValueError:
        item, end = None, -1
    if end == len(body) and _plain(item, 3) and _escape(_ENCODE(item)) == body:
        return item
    if len(line) > MAX_LINE_CHARS:
        raise YamlError("an entry line is too long to read on its own")
    read = load_yaml("annotations:\n" + unescape_pairs(line) + "\n")  # the depth it has
    if not isinstance(read, dict) or not isinstance(read.get("annotations"), list) or \
            len(read["annotations"]) != 1:
        raise YamlError("not one entry")
    return read["annotations"][0]


def _block(source: str, at: int) -> tuple[list[Any], int]:
    """The entries of the ``- ...`` lines from offset ``at``, and the offset after them."""
    items = []
    while source.startswith("- ", at):
        end = source.find("\n", at)
        if end == -1:
            raise YamlError("the last line has no end")
        items.append(_entry(source[at:end]))
        at = end + 1
    return items, at


def read_by_lines(source: str) -> dict[str, Any] | None:
    """The loaded structure of ``source`` when it has our shape, else None (see above)."""
    found = _ANNOTATIONS.search(source)
    if found is None:
        return None
    at = found.start()
    try:
        raw = load_yaml(unescape_pairs(source[:at]) or "\n")
        if not isinstance(raw, dict) or "annotations" in raw or "rejected" in raw:
            return None
        if source.startswith("annotations: []\n", at):
            raw["annotations"], at = [], at + len("annotations: []\n")
        elif source.startswith("annotations:\n", at):
            raw["annotations"], at = _block(source, at + len("annotations:\n"))
        else:
            return None
        if source.startswith("rejected:\n", at):
            raw["rejected"], at = _block(source, at + len("rejected:\n"))
    except YamlError:
        return None
    return raw if at == len(source) else None
