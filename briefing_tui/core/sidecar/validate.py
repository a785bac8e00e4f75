"""Reading entries strictly: a loaded structure becomes :class:`SidecarData`.

A bad entry (or a repeated id) never fails the file: it becomes a one-line problem and is
kept, as read, under ``rejected:``. Only a header that cannot be trusted raises
:class:`SidecarUnreadable`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from briefing_tui.core.analyst import read_by
from briefing_tui.core.annotations import Anchor, Annotation, make_id
from briefing_tui.core.codebook import TAG_NAME
from briefing_tui.core.safe_yaml import Yaml11Number
from briefing_tui.core.sidecar.data import (
    ANCHORS,
    ANNOTATION_KEYS,
    DOCUMENT_KEYS,
    TOP_KEYS,
    VERSION,
    SidecarData,
    SidecarUnreadable,
)
from briefing_tui.core.sidecar.dismissed import KEY as DISMISSED
from briefing_tui.core.sidecar.dismissed import read_dismissed
from briefing_tui.core.sidecar.header import read_corrections, read_metadata

#: Every key an annotation may have; an entry with only these has no extras to sort.
_KNOWN_KEYS = frozenset(ANNOTATION_KEYS)


@lru_cache(maxsize=1024)
def valid_tag(tag: str) -> bool:
    """Whether ``tag`` is a tag name; a sidecar repeats a few tags thousands of times."""
    return TAG_NAME.fullmatch(tag) is not None


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


#: The keys of an entry the common case reads: no analysts, dismissals or extras.
_PLAIN_KEYS = frozenset(("id", "start", "end", "text", "prefix", "suffix", "tags", "note",
                         "anchor"))


def _annotation(entry: Any, document_length: int | None) -> Annotation:
    """Validate one raw entry into an :class:`Annotation`, or raise :class:`_Bad`.

    The common entry (plain keys, every value of its own type) is read in one test; any
    other goes through :func:`_checked`, which says what is wrong. Same results either way.
    """
    if type(entry) is dict and _PLAIN_KEYS.issuperset(entry):
        get = entry.get
        start, end, text, ident = get("start"), get("end"), get("text"), get("id")
        prefix, suffix, note = get("prefix", ""), get("suffix", ""), get("note", "")
        tags, raw_anchor = get("tags", []), get("anchor", "exact")
        anchor = ANCHORS.get(raw_anchor) if type(raw_anchor) is str else None
        if (type(start) is int and type(end) is int and 0 <= start <= end
                and anchor is not None and type(text) is str and type(ident) is str and ident
                and type(prefix) is str and type(suffix) is str and type(note) is str
                and type(tags) is list and all(type(tag) is str and valid_tag(tag)
                                               for tag in tags)
                and (document_length is None or end <= document_length
                     or anchor is Anchor.ORPHAN)):
            return Annotation(ident, start, end, text, prefix, suffix,
                              tuple(dict.fromkeys(tags)), note, anchor)
    return _checked(entry, document_length)


def _checked(entry: Any, document_length: int | None) -> Annotation:
    """:func:`_annotation` for any entry: each check in turn, with its message."""
    if not isinstance(entry, dict):
        raise _Bad(f"not a mapping (got {_short(entry)})")
    start, end = _int(entry, "start"), _int(entry, "end")
    if start < 0:
        raise _Bad(f"start must not be negative (got {start})")
    if end < start:
        raise _Bad(f"end ({end}) is before start ({start})")
    raw_anchor = entry.get("anchor", "exact")
    anchor = ANCHORS.get(raw_anchor) if isinstance(raw_anchor, str) else None
    if anchor is None:
        raise _Bad(f"anchor must be one of {', '.join(ANCHORS)} "
                   f"(got {_short(entry.get('anchor'))})")
    if document_length is not None and end > document_length and anchor is not Anchor.ORPHAN:
        raise _Bad(f"end ({end}) is past the end of the document ({document_length})")
    text = _text(entry, "text")
    tags = entry.get("tags", [])
    if not isinstance(tags, list):
        raise _Bad(f"tags must be a list (got {_short(tags)})")
    for tag in tags:
        if not isinstance(tag, str) or not valid_tag(tag):
            raise _Bad(f"{_short(tag)} is not a tag name (lowercase letters, digits, - _ .)")
    ident = entry.get("id")
    if ident is None:
        ident = make_id(start, end, text)
    elif not isinstance(ident, str) or not ident:
        raise _Bad(f"id must be non-empty text (got {_short(ident)})")
    extra = () if _KNOWN_KEYS.issuperset(entry) else tuple(sorted(
        ((k, v) for k, v in entry.items() if k not in _KNOWN_KEYS), key=lambda kv: kv[0]))
    try:  # absent keys (the usual case) need no reading
        by = read_by(entry["by"]) if "by" in entry else ()
        dismissed = read_dismissed(entry) if DISMISSED in entry else ()
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


def validate(raw: Any, document_length: int | None) -> SidecarData:
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
