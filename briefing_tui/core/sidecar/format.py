"""The sidecar's text form: written deterministically, read back fast or strictly.

The form is plain YAML that ``git diff`` shows one annotation per line::

    # briefing_tui sidecar: one annotation per line. Plain YAML; safe to diff, merge and edit.
    version: 1
    document:
      name: "article.txt"
      sha256: "ab12..."
      extractor: "text 1"
    segmenter: "nupunkt 0.8.0+briefing.2"
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
for byte, that is the answer (fast path). Otherwise the whole file goes through the strict
``load_yaml`` and the result is marked ``hand_edited``.

**Rejected entries are never lost.** An entry that fails validation (or repeats an id) is
reported in ``problems`` and kept, as read, in ``SidecarData.rejected``; the next save
writes it back under ``rejected:``. Every load validates ``rejected:`` again, so an entry
fixed in place (or valid against this document) returns to the annotations by itself.
Unknown keys are kept too: per annotation in ``Annotation.extra``, in ``document:`` and at
the top level in ``document_extra`` and ``extra`` -- those two in place, in order and as
the same text (:mod:`briefing_tui.core.sidecar.keep`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from briefing_tui.core.analyst import read_by
from briefing_tui.core.annotations import Anchor, Annotation, make_id
from briefing_tui.core.codebook import TAG_NAME
from briefing_tui.core.corrections import Corrections
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.metadata import FIELDS, Metadata
from briefing_tui.core.safe_yaml import Yaml11Number, YamlError, load_yaml
from briefing_tui.core.segment import SEGMENTER_NAME, SEGMENTER_VERSION
from briefing_tui.core.sidecar.dismissed import KEY as DISMISSED
from briefing_tui.core.sidecar.dismissed import read_dismissed, write_dismissed
from briefing_tui.core.sidecar.header import (
    FIX_KEYS,
    dump_corrections,
    dump_metadata,
    read_corrections,
    read_metadata,
)
from briefing_tui.core.sidecar.keep import (
    Layout,
    Unwritable,
    flow,
    kept_text,
    layout_of,
    place,
    sections_of,
)
from briefing_tui.core.sidecar.surrogates import fuse_pairs, unescape_pairs

VERSION = 1
HEADER_COMMENT = ("# briefing_tui sidecar: one annotation per line. "
                  "Plain YAML; safe to diff, merge and edit.")
ANNOTATION_KEYS = ("id", "start", "end", "text", "prefix", "suffix", "tags", "note", "by",
                   "anchor", DISMISSED)
DOCUMENT_KEYS = ("name", "sha256", "extractor", *FIELDS)
TOP_KEYS = ("version", "document", "segmenter", *FIX_KEYS, "annotations", "rejected")

_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ANCHORS = {anchor.value: anchor for anchor in Anchor}


class SidecarError(BriefingError):
    """A sidecar problem; ``str()`` is a one-line reason fit for a user."""


class SidecarUnreadable(SidecarError):
    """The sidecar cannot be read and must never be overwritten."""


class SidecarConflict(SidecarError):
    """The sidecar changed on disk since it was loaded."""


class SidecarSaveError(SidecarError):
    """A save failed; the file on disk is left byte-identical."""


@dataclass
class SidecarData:
    """Everything a sidecar holds, plus what loading it found wrong."""

    document_name: str
    document_sha256: str
    annotations: list[Annotation]
    segmenter: str = f"{SEGMENTER_NAME} {SEGMENTER_VERSION}"
    extractor: str = ""
    version: int = VERSION
    problems: list[str] = field(default_factory=list)
    hand_edited: bool = False
    rejected: list[Any] = field(default_factory=list)  # bad entries as read, written back
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys
    document_extra: dict[str, Any] = field(default_factory=dict)  # unknown document keys
    metadata: Metadata = field(default_factory=Metadata)  # as the analyst set it
    corrections: Corrections = field(default_factory=Corrections)  # splits and joins
    layout: Layout | None = field(default=None, repr=False, compare=False)  # where, as text


# -- writing --------------------------------------------------------------------------------


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


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


def _line(a: Annotation) -> str:
    entry: dict[str, Any] = {"id": a.id, "start": a.start, "end": a.end, "text": a.text,
                             "prefix": a.prefix, "suffix": a.suffix, "tags": list(a.tags),
                             "note": fuse_pairs(a.note)}  # typed halves: one character
    if a.by:  # absent when empty: sidecars from before analysts were named stay byte-stable
        entry["by"] = list(a.by)
    anchor = Anchor(a.anchor)
    if anchor is not Anchor.EXACT:
        entry["anchor"] = anchor.value
    write_dismissed(entry, a.dismissed)
    line = json.dumps(entry, ensure_ascii=False)
    if a.extra:
        items = _extra_items(a.extra, ANNOTATION_KEYS, f"annotation {a.id!r}")
        line = line[:-1] + "".join(f", {_q(k)}: {flow(v, 4)}" for k, v in items) + "}"
    return line


def _surrogate_owner(data: SidecarData) -> str:
    for a in data.annotations:
        if _SURROGATE.search(_line(a)):
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


def _dump(data: SidecarData) -> str:
    layout = data.layout
    metadata = sections_of(dump_metadata(data.metadata))
    shown = {name for name, _ in metadata}
    metadata += [(k, [f"  {k}: {flow(v, 3)}"]) for k, v in data.document_extra.items()
                 if k in FIELDS and k not in shown]  # unusable values, as they were read
    document = place(
        [("name", [f"  name: {_q(data.document_name)}"]),
         ("sha256", [f"  sha256: {_q(data.document_sha256)}"]),
         ("extractor", [f"  extractor: {_q(data.extractor)}"]), *metadata],
        [(k, kept_text(layout, "document", k, v) or f"  {_q(k)}: {flow(v, 3)}")
         for k, v in _extra_items({k: v for k, v in data.document_extra.items()
                                   if k not in FIELDS}, DOCUMENT_KEYS, "document", True)],
        layout.document_after if layout else {}, DOCUMENT_KEYS, "extractor")
    annotations = sorted(data.annotations, key=Annotation.sort_key)
    sections = [("version", [f"version: {VERSION}"]), ("document", ["document:", *document]),
                ("segmenter", [f"segmenter: {_q(data.segmenter)}"]),
                *sections_of(dump_corrections(data.corrections, flow)),
                ("annotations", ["annotations:", *("- " + _line(a) for a in annotations)]
                 if annotations else ["annotations: []"])]
    if data.rejected:
        sections.append(("rejected", ["rejected:",
                                      *("- " + flow(entry, 3) for entry in data.rejected)]))
    out = [HEADER_COMMENT, *place(
        sections, [(k, kept_text(layout, "", k, v) or f"{_q(k)}: {flow(v, 2)}")
                   for k, v in _extra_items(data.extra, TOP_KEYS, "sidecar", True)],
        layout.after if layout else {}, TOP_KEYS, "segmenter")]
    text = "\n".join(out) + "\n"
    if _SURROGATE.search(text):
        raise SidecarSaveError(f"{_surrogate_owner(data)} holds an unpaired surrogate "
                               "(a broken character) that cannot be saved; retype it")
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- reading --------------------------------------------------------------------------------


class _Bad(Exception):
    """One entry cannot be used; the message says why."""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _int(entry: dict[str, Any], key: str) -> int:
    value = entry.get(key)
    if isinstance(value, Yaml11Number):
        raise _Bad(f"{key} must be an integer: {value.reason()}")
    if type(value) is not int:  # bool is an int to isinstance
        raise _Bad(f"{key} must be an integer (got {_short(value)})")
    return value


def _text(entry: dict[str, Any], key: str, default: str | None = None) -> str:
    value = entry.get(key, default)
    if value is None:
        raise _Bad(f"{key} is missing")
    if not isinstance(value, str):
        raise _Bad(f"{key} must be text (got {_short(value)})")
    return value


def _annotation(entry: Any, document_length: int | None) -> Annotation:
    """Validate one raw entry into an :class:`Annotation`, or raise :class:`_Bad`."""
    if not isinstance(entry, dict):
        raise _Bad(f"not a mapping (got {_short(entry)})")
    start, end = _int(entry, "start"), _int(entry, "end")
    if start < 0:
        raise _Bad(f"start must not be negative (got {start})")
    if end < start:
        raise _Bad(f"end ({end}) is before start ({start})")
    raw_anchor = entry.get("anchor", "exact")
    anchor = _ANCHORS.get(raw_anchor) if isinstance(raw_anchor, str) else None
    if anchor is None:
        raise _Bad(f"anchor must be one of {', '.join(_ANCHORS)} "
                   f"(got {_short(entry.get('anchor'))})")
    if document_length is not None and end > document_length and anchor is not Anchor.ORPHAN:
        raise _Bad(f"end ({end}) is past the end of the document ({document_length})")
    text = _text(entry, "text")
    tags = entry.get("tags", [])
    if not isinstance(tags, list):
        raise _Bad(f"tags must be a list (got {_short(tags)})")
    for tag in tags:
        if not isinstance(tag, str) or not TAG_NAME.fullmatch(tag):
            raise _Bad(f"{_short(tag)} is not a tag name (lowercase letters, digits, - _ .)")
    ident = entry.get("id")
    if ident is None:
        ident = make_id(start, end, text)
    elif not isinstance(ident, str) or not ident:
        raise _Bad(f"id must be non-empty text (got {_short(ident)})")
    extra = tuple(sorted(((k, v) for k, v in entry.items() if k not in ANNOTATION_KEYS),
                         key=lambda kv: kv[0]))
    try:
        by = read_by(entry.get("by", []))
        dismissed = read_dismissed(entry)
    except ValueError as exc:
        raise _Bad(str(exc)) from None
    return Annotation(ident, start, end, text, _text(entry, "prefix", ""),
                      _text(entry, "suffix", ""), tuple(dict.fromkeys(tags)),
                      _text(entry, "note", ""), anchor, extra, by, dismissed)


def _header_text(mapping: dict[str, Any], key: str, label: str) -> str:
    value = mapping.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SidecarUnreadable(f"{label} must be text (got {_short(value)})")
    return value


def _entries(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SidecarUnreadable(f"'{key}:' must be a list (got {type(value).__name__})")
    return value


def _validate(raw: Any, document_length: int | None) -> SidecarData:
    """Turn the loaded structure into :class:`SidecarData`; bad entries become problems."""
    if raw is None:
        raise SidecarUnreadable("the file holds only comments or blank lines")
    if not isinstance(raw, dict):
        raise SidecarUnreadable(f"not a sidecar: the top level is a {type(raw).__name__}, "
                                "not a mapping")
    version = raw.get("version")
    if type(version) is int and version > VERSION:
        raise SidecarUnreadable(f"written by a newer briefing_tui (sidecar version {version});"
                                " update briefing_tui to open it")
    if version != VERSION or type(version) is not int:
        raise SidecarUnreadable(f"not a briefing_tui sidecar (version must be {VERSION}, "
                                f"got {_short(version)})")
    problems: list[str] = []
    document = raw.get("document")
    if document is None:
        problems.append("document: missing (no name or sha256)")
        document = {}
    elif not isinstance(document, dict):
        raise SidecarUnreadable("'document:' must be a mapping")
    else:
        problems += [f"document: {key} missing" for key in ("name", "sha256")
                     if key not in document]
    data = SidecarData(
        _header_text(document, "name", "document.name"),
        _header_text(document, "sha256", "document.sha256"), [],
        segmenter=_header_text(raw, "segmenter", "segmenter"),
        extractor=_header_text(document, "extractor", "document.extractor"),
        problems=problems,
        extra={k: v for k, v in raw.items() if k not in TOP_KEYS},
        document_extra={k: v for k, v in document.items() if k not in DOCUMENT_KEYS})
    data.metadata, kept = read_metadata(document, problems)
    data.document_extra.update(kept)
    data.corrections = read_corrections(raw, problems)
    seen: set[str] = set()
    for label, key in (("annotation", "annotations"), ("rejected entry", "rejected")):
        for number, entry in enumerate(_entries(raw, key), 1):
            try:
                annotation = _annotation(entry, document_length)
                if annotation.id in seen:
                    raise _Bad(f"duplicate id {_short(annotation.id)} (the first one is kept)")
            except _Bad as bad:
                problems.append(f"{label} #{number}: {bad}; kept under 'rejected:'")
                data.rejected.append(entry)
                continue
            seen.add(annotation.id)
            data.annotations.append(annotation)
    return data


def _json_items(lines: list[str], at: int) -> tuple[list[Any], int]:
    """The ``- {...}`` lines after ``lines[at]`` read as JSON, and the index after them."""
    end = at + 1
    while end < len(lines) and lines[end].startswith("- "):
        end += 1
    items: list[Any] = json.loads("[" + ",".join(line[2:] for line in lines[at + 1:end]) + "]")
    return items, end


def _own_form(source: str) -> dict[str, Any]:
    """Split a file in our own form: header via ``load_yaml``, entries via ``json``."""
    lines = source.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("annotations:"))
    raw = load_yaml("\n".join(lines[:at]) + "\n")
    if not isinstance(raw, dict):
        raise ValueError("the header is not a mapping")
    if lines[at] == "annotations: []":
        raw["annotations"], at = [], at + 1
    else:
        raw["annotations"], at = _json_items(lines, at)
    if lines[at] == "rejected:":
        raw["rejected"], at = _json_items(lines, at)
    return raw


def _fast(source: str, document_length: int | None) -> SidecarData | None:
    """The data when ``source`` is exactly what :func:`dump_sidecar` writes, else None."""
    try:
        raw = _own_form(source)
        data = _validate(raw, document_length)
        data.layout = layout_of(source, raw, data.extra, data.document_extra, TOP_KEYS,
                                DOCUMENT_KEYS)
        if dump_sidecar(data) == source:
            return data
    except (ValueError, LookupError, StopIteration, RecursionError, YamlError,
            SidecarError):
        pass
    return None


def parse_sidecar(source: str, document_length: int | None = None) -> SidecarData:
    """Read sidecar text; raises :class:`SidecarUnreadable` when no part can be trusted.

    With ``document_length`` (pass it when the document hash matches), entries past the end
    of the document are rejected, except orphans.
    """
    hand_edited = False
    if source.startswith("\ufeff"):
        source, hand_edited = source[1:], True
    if "\r\n" in source:  # a Windows checkout; YAML reads CRLF as LF anyway
        source, hand_edited = source.replace("\r\n", "\n"), True
    if not source.strip():
        raise SidecarUnreadable("the file is empty")
    data = _fast(source, document_length)
    if data is None:
        try:
            raw = load_yaml(unescape_pairs(source))
        except YamlError as exc:
            raise SidecarUnreadable(f"not valid YAML: {exc}") from None
        data = _validate(raw, document_length)
        data.layout = layout_of(source, raw, data.extra, data.document_extra, TOP_KEYS,
                                DOCUMENT_KEYS)
        hand_edited = True
    data.hand_edited = hand_edited
    return data
