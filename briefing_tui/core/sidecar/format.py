"""The sidecar's text form: written deterministically, read back fast or strictly.

The form is plain YAML that ``git diff`` shows one annotation per line::

    # briefing_tui sidecar: one annotation per line. Plain YAML; safe to diff, merge and edit.
    version: 1
    document:
      name: "article.txt"
      sha256: "ab12..."
      extractor: "text 1"
    segmenter: "nupunkt 0.8.0+briefing.3"
    annotations:
    - {"id": "a1b2c3d4e5f6", "start": 224, "end": 438, "text": "...", "prefix": "...", ...}
    rejected:
    - {"start": -5, "text": "an entry that failed validation, kept verbatim"}

Each annotation line is a JSON object, which is also a YAML flow mapping. Strings are
``json.dumps(..., ensure_ascii=False)`` with U+007F-U+009F, U+2028, U+2029, U+FEFF,
U+FFFE and U+FFFF escaped as ``\\uXXXX`` (raw, YAML readers turn them into spaces, eat
the blanks around them or refuse them); astral characters are written raw.

**Lone surrogates** (U+D800-U+DFFF without a partner) are refused by :func:`dump_sidecar`
with :class:`SidecarSaveError`: libyaml rejects ``\\ud800`` escapes and ``json`` would
silently fuse an escaped high+low pair into one character, shifting offsets. Documents are
decoded with U+FFFD for bad bytes, so only a bug or odd terminal input can produce them.

**Reading.** If re-dumping what ``json``/the header loader read reproduces the file byte
for byte, that is the answer (fast path: the entries are read in place and compared line
by line with their dump, never copied whole). Otherwise the whole file goes through the
strict ``load_yaml`` (or, when it kept our layout, line by line: :mod:`.lines`) and the
result is marked ``hand_edited``.

**Rejected entries are never lost.** An entry that fails validation (or repeats an id) is
reported in ``problems`` and kept, as read, in ``SidecarData.rejected``; the next save
writes it back under ``rejected:``. Every load validates ``rejected:`` again, so an entry
fixed in place (or valid against this document) returns to the annotations by itself.
Unknown keys are kept too: per annotation in ``Annotation.extra``, in ``document:`` and at
the top level in ``document_extra`` and ``extra`` -- those two in place, in order and as
the same text (:mod:`briefing_tui.core.sidecar.keep`).
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.metadata import FIELDS
from briefing_tui.core.safe_yaml import YamlError, load_yaml
from briefing_tui.core.sidecar.data import (
    ANNOTATION_KEYS,
    DOCUMENT_KEYS,
    HEADER_COMMENT,
    SURROGATE,
    TOP_KEYS,
    UNSAFE,
    VERSION,
    SidecarConflict,
    SidecarData,
    SidecarError,
    SidecarSaveError,
    SidecarUnreadable,
    unsafe_in,
)
from briefing_tui.core.sidecar.dismissed import KEY as DISMISSED
from briefing_tui.core.sidecar.dismissed import write_dismissed
from briefing_tui.core.sidecar.header import dump_corrections, dump_metadata
from briefing_tui.core.sidecar.keep import (
    Unwritable,
    flow,
    kept_text,
    layout_of,
    mapping_key,
    place,
    sections_of,
)
from briefing_tui.core.sidecar.lines import read_by_lines
from briefing_tui.core.sidecar.surrogates import fuse_pairs, unescape_pairs
from briefing_tui.core.sidecar.validate import validate
from briefing_tui.core.sidecar.verbatim import lines_end

__all__ = [
    "ANNOTATION_KEYS", "DOCUMENT_KEYS", "HEADER_COMMENT", "TOP_KEYS", "VERSION",
    "SidecarConflict", "SidecarData", "SidecarError", "SidecarSaveError",
    "SidecarUnreadable", "collector_paused", "dump_sidecar", "parse_sidecar",
]


# -- writing --------------------------------------------------------------------------------


#: One encoder for every line: ``json.dumps`` with an option builds a new one per call,
#: a third of the time of dumping 200,000 annotations.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _q(text: str) -> str:
    return _ENCODE(text)


def _extra_items(extra: Any, reserved: tuple[str, ...], where: str,
                 in_order: bool = False) -> list[tuple[str, Any]]:
    items = list(extra.items() if isinstance(extra, dict) else extra)
    if not in_order:
        items.sort(key=lambda kv: kv[0])
    keys = [key for key, _ in items]
    for key in keys:
        if not isinstance(key, str) or key in reserved:
            raise SidecarSaveError(f"{where}: the extra key {key!r} is not allowed")
    if len(set(keys)) != len(keys):
        raise SidecarSaveError(f"{where}: an extra key appears twice")
    return items


#: ``json``'s own C encoder for one string (what :data:`_ENCODE` runs for each one).
_STR = json.encoder.encode_basestring


def _strings(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(map(_STR, items)) + "]"


def _line(a: Annotation) -> str:
    if type(a.start) is int and type(a.end) is int:  # not bool, IntEnum: json writes those its way
        try:  # json's bytes, without building a dict and an encoder per line (4x faster)
            line = (f'{{"id": {_STR(a.id)}, "start": {a.start}, "end": {a.end}, '
                    f'"text": {_STR(a.text)}, "prefix": {_STR(a.prefix)}, '
                    f'"suffix": {_STR(a.suffix)}, "tags": {_strings(a.tags)}, '
                    f'"note": {_STR(fuse_pairs(a.note) if a.note else "")}')
            if a.by:
                line += f', "by": {_strings(a.by)}'
            anchor = Anchor(a.anchor)
            if anchor is not Anchor.EXACT:
                line += f', "anchor": {_STR(anchor.value)}'
            if a.dismissed:
                line += f', "{DISMISSED}": {_strings(a.dismissed)}'
            line += "}"
        except TypeError:  # a value that is not text: json says how it is written
            return _dict_line(a)
        if a.extra:
            items = _extra_items(a.extra, ANNOTATION_KEYS, f"annotation {a.id!r}")
            line = line[:-1] + "".join(f", {_q(k)}: {flow(v, 4)}" for k, v in items) + "}"
        return line
    return _dict_line(a)


def _dict_line(a: Annotation) -> str:
    entry: dict[str, Any] = {"id": a.id, "start": a.start, "end": a.end, "text": a.text,
                             "prefix": a.prefix, "suffix": a.suffix, "tags": list(a.tags),
                             "note": fuse_pairs(a.note)}  # typed halves: one character
    if a.by:  # absent when empty: sidecars from before analysts were named stay byte-stable
        entry["by"] = list(a.by)
    anchor = Anchor(a.anchor)
    if anchor is not Anchor.EXACT:
        entry["anchor"] = anchor.value
    write_dismissed(entry, a.dismissed)
    line = _ENCODE(entry)
    if a.extra:
        items = _extra_items(a.extra, ANNOTATION_KEYS, f"annotation {a.id!r}")
        line = line[:-1] + "".join(f", {_q(k)}: {flow(v, 4)}" for k, v in items) + "}"
    return line


def _surrogate_owner(data: SidecarData) -> str:
    for a in data.annotations:
        if SURROGATE.search(_line(a)):
            return f"the annotation on {a.text[:30]!r}"
    return "the file name or a kept value"


def dump_sidecar(data: SidecarData) -> str:
    """The sidecar text: same data, same bytes; annotations in document order.

    Raises :class:`SidecarSaveError` for what could not be read back the same
    (lone surrogates, reserved or duplicate extra keys, unsupported values).
    """
    try:
        return _dump(data)
    except Unwritable as exc:
        raise SidecarSaveError(str(exc)) from None


#: Stands for the annotation lines in the list of a dump's lines, which are then made
#: one at a time: a 200,000-annotation file is compared with its dump line by line.
_BODY = "\0annotations\0"


def _dump_lines(data: SidecarData, body: bool = True) -> Iterator[str]:
    """The lines of the sidecar text before escaping, annotations made as they are needed
    (without ``body``, one :data:`_BODY` stands for them all)."""
    layout = data.layout
    metadata = sections_of(dump_metadata(data.metadata))
    shown = {name for name, _ in metadata}
    metadata += [(k, [f"  {k}: {flow(v, 3)}"]) for k, v in data.document_extra.items()
                 if k in FIELDS and k not in shown]  # unusable values, as they were read
    document = place(
        [("name", [f"  name: {_q(data.document_name)}"]),
         ("sha256", [f"  sha256: {_q(data.document_sha256)}"]),
         ("extractor", [f"  extractor: {_q(data.extractor)}"]), *metadata],
        [(k, kept_text(layout, "document", k, v) or f"  {mapping_key(k)}: {flow(v, 3)}")
         for k, v in _extra_items({k: v for k, v in data.document_extra.items()
                                   if k not in FIELDS}, DOCUMENT_KEYS, "document", True)],
        layout.document_after if layout else {}, DOCUMENT_KEYS, "extractor")
    annotations = sorted(data.annotations, key=Annotation.sort_key) if body else \
        data.annotations
    sections = [("version", [f"version: {VERSION}"]), ("document", ["document:", *document]),
                ("segmenter", [f"segmenter: {_q(data.segmenter)}"]),
                *sections_of(dump_corrections(data.corrections, flow)),
                ("annotations", ["annotations:", _BODY] if annotations
                 else ["annotations: []"])]
    if data.rejected:
        sections.append(("rejected", ["rejected:",
                                      *("- " + flow(entry, 3) for entry in data.rejected)]))
    out = [HEADER_COMMENT, *place(
        sections, [(k, kept_text(layout, "", k, v) or f"{mapping_key(k)}: {flow(v, 2)}")
                   for k, v in _extra_items(data.extra, TOP_KEYS, "sidecar", True)],
        layout.after if layout else {}, TOP_KEYS, "segmenter")]
    for line in out:
        if line is _BODY and body:
            yield from ("- " + _line(a) for a in annotations)
        else:
            yield line


def _escape(text: str) -> str:
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _dump(data: SidecarData) -> str:
    text = "\n".join(_dump_lines(data)) + "\n"
    if SURROGATE.search(text):
        raise SidecarSaveError(f"{_surrogate_owner(data)} holds an unpaired surrogate "
                               "(a broken character) that cannot be saved; retype it")
    return _escape(text)


def _is_dump_of(data: SidecarData, source: str, entries: list[Any] | None = None) -> bool:
    """``dump_sidecar(data) == source``, without building the dump (nor its memory);
    ``entries`` are the annotations as read from ``source``: their lines may then be
    vouched for by their text alone (:mod:`.verbatim`)."""
    if entries is not None and len(entries) == len(data.annotations):
        same = _same_lines(data, source, lambda pos: lines_end(source, pos, data.annotations,
                                                                 entries))
        if same is not None:
            return same
    unsafe_chars = unsafe_in(source)
    if unsafe_chars is None:  # a surrogate: a dump never holds one (it refuses to write it)
        return False
    # Without an escape or a raw unsafe character in the file, nothing read from it holds
    # one, so no line needs escaping: one scan instead of one per line (a tenth of the time).
    return bool(_same_lines(data, source, None, "\\u" in source or unsafe_chars))


def _same_lines(data: SidecarData, source: str, body: Callable[[int], int | None] | None,
                some_unsafe: bool | None = None) -> bool | None:
    """Whether the dump's lines are ``source``'s. With ``body`` (the offset after the
    annotation lines at an offset, or None when it cannot tell: so is the answer), the
    other lines are few and each is escaped and checked for surrogates on its own;
    otherwise ``some_unsafe`` says whether any line may need escaping."""
    pos, unsafe = 0, UNSAFE.search
    try:
        for line in _dump_lines(data, body=body is None):
            if line is _BODY and body is not None:
                found = body(pos)
                if found is None:
                    return None
                pos = found
                continue
            if body is not None:
                if SURROGATE.search(line):  # a dump never holds one
                    return False
                line = _escape(line)
            elif some_unsafe and unsafe(line):
                line = _escape(line)
            end = pos + len(line)
            if not source.startswith(line, pos) or source[end:end + 1] != "\n":
                return False
            pos = end + 1
    except Unwritable:
        return False
    return pos == len(source)


_DECODE = json.JSONDecoder().raw_decode
_ANNOTATIONS = re.compile(r"^annotations:", re.MULTILINE)


def _json_items(source: str, at: int) -> tuple[list[Any], int]:
    """The ``- {...}`` lines from offset ``at`` read as JSON, and the offset after them
    (read in place: no copy of a 70 MB block)."""
    items = []
    while source.startswith("- ", at):
        item, end = _DECODE(source, at + 2)
        if source[end:end + 1] != "\n":
            raise ValueError("not one entry per line")
        items.append(item)
        at = end + 1
    return items, at


def _line_end(source: str, at: int) -> int:
    end = source.find("\n", at)
    if end == -1:
        raise ValueError("the file ends inside a section")
    return end + 1


def _own_form(source: str) -> dict[str, Any]:
    """Split a file in our own form: header via ``load_yaml``, entries via ``json``."""
    found = _ANNOTATIONS.search(source)
    if found is None:
        raise ValueError("no annotations")
    raw = load_yaml(source[:found.start()] or "\n")
    if not isinstance(raw, dict):
        raise ValueError("the header is not a mapping")
    at = _line_end(source, found.start())
    if source.startswith("annotations: []\n", found.start()):
        raw["annotations"] = []
    else:
        raw["annotations"], at = _json_items(source, at)
    if source.startswith("rejected:\n", at):
        raw["rejected"], at = _json_items(source, at + len("rejected:\n"))
    return raw


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while 200,000 entries are read (or taken in by the
    document): each pass would walk every object made so far (a fifth of the time), and
    reading makes no cycles. Nests: only the outermost turns the collector back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fast(source: str, document_length: int | None) -> SidecarData | None:
    """The data when ``source`` is exactly what :func:`dump_sidecar` writes, else None."""
    try:
        raw = _own_form(source)
        data = validate(raw, document_length)
        data.layout = layout_of(source, raw, data.extra, data.document_extra, TOP_KEYS,
                                DOCUMENT_KEYS)
        if _is_dump_of(data, source, raw["annotations"]):
            return data
    except (ValueError, LookupError, StopIteration, RecursionError, YamlError,
            SidecarError):
        pass
    return None


def parse_sidecar(source: str, document_length: int | None = None, *,
                  whole_limit: Callable[[], None] | None = None) -> SidecarData:
    """Read sidecar text; raises :class:`SidecarUnreadable` when no part can be trusted.

    With ``document_length`` (pass it when the document hash matches), entries past the end
    of the document are rejected, except orphans. ``whole_limit`` is called before a file
    that is neither ours byte for byte nor in our layout (:mod:`.lines`) is read whole by
    the strict YAML reader; it raises :class:`SidecarUnreadable` when that is too big.
    """
    hand_edited = False
    if source.startswith("\ufeff"):
        source, hand_edited = source[1:], True
    if "\r\n" in source:  # a Windows checkout; YAML reads CRLF as LF anyway
        source, hand_edited = source.replace("\r\n", "\n"), True
    if not source.strip():
        raise SidecarUnreadable("the file is empty")
    with collector_paused():
        data = _fast(source, document_length)
        raw = read_by_lines(source) if data is None else None
    if data is None:
        if raw is None:
            if whole_limit is not None:
                whole_limit()
            try:
                raw = load_yaml(unescape_pairs(source))
            except YamlError as exc:
                raise SidecarUnreadable(f"not valid YAML: {exc}") from None
        with collector_paused():
            data = validate(raw, document_length)
        data.layout = layout_of(source, raw, data.extra, data.document_extra, TOP_KEYS,
                                DOCUMENT_KEYS)
        hand_edited = True
    data.hand_edited = hand_edited
    return data
