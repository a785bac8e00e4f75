"""The git merge driver for sidecars: git's three versions merged by the app's own rules.

git calls ``briefing merge-driver %O %A %B %P`` when both branches changed a sidecar (see
:mod:`briefing_tui.core.git_setup`). Line-based merging gets ordinary team work wrong: two
new tags between the same two lines, or edits to neighbouring lines, conflict, and
``merge=union`` keeps both versions of a changed line under one id. Here the three files
are parsed and merged by id with :func:`briefing_tui.core.merge.merge_annotations`, the
same call the app makes when a sidecar changed under unsaved tags (document metadata and
sentence fixes with their own three-way merges, as in the app), and ``%A`` is rewritten
in the canonical form (exit 0).

When that cannot be trusted, nothing is guessed: a side that is not a readable sidecar, or
sides that describe different document text (the annotation offsets would not mean the
same thing), fall back to ``git merge-file`` with ordinary conflict markers (exit 1).
The file with markers is no sidecar, so the app shows it as unreadable and never
overwrites it; the analyst resolves it like any other conflict.
"""

from __future__ import annotations

import json
import subprocess
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing_tui.core.atomic import atomic_write
from briefing_tui.core.corrections import Corrections, merge_corrections
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.merge import merge_annotations
from briefing_tui.core.metadata import Metadata
from briefing_tui.core.metadata_merge import merge_metadata
from briefing_tui.core.sidecar import (
    SidecarData,
    SidecarError,
    dump_sidecar,
    parse_sidecar,
)

EXIT_MERGED, EXIT_CONFLICT = 0, 1


class Unmergeable(BriefingError):
    """The three versions cannot be merged by id; ``str()`` says why, in one line."""


@dataclass
class DriverResult:
    text: str  # the merged sidecar
    notes: list[str]  # what the merge kept from both sides (for the user)


def _parse(source: str, side: str, *, empty_is_none: bool = False) -> SidecarData | None:
    if empty_is_none and not source.strip():
        return None  # git gives an empty base when both branches added the file
    try:
        return parse_sidecar(source)
    except SidecarError as exc:
        raise Unmergeable(f"{side} is not a readable sidecar ({exc})") from None


def _three_way(base: dict[str, Any], ours: dict[str, Any],
               theirs: dict[str, Any]) -> dict[str, Any]:
    """Header keys (such as a layer's ``status``) merged key by key; ours on a clash."""
    missing = object()
    merged: dict[str, Any] = {}
    for key in sorted({*ours, *theirs}):
        b, o, t = base.get(key, missing), ours.get(key, missing), theirs.get(key, missing)
        value = t if o == b and t != b else o
        if value is not missing:
            merged[key] = value
    return merged


def _union(ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Rejected entries of both sides, each once: none of them is ever dropped."""
    seen = {json.dumps(entry, sort_keys=True, default=str) for entry in ours}
    out = list(ours)
    for entry in theirs:
        key = json.dumps(entry, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def merge_sidecar_texts(base: str, ours: str, theirs: str) -> DriverResult:
    """Merge three sidecar texts; raises :class:`Unmergeable` when they cannot be."""
    b = _parse(base, "the common ancestor", empty_is_none=True)
    o = _parse(ours, "our side")
    t = _parse(theirs, "their side")
    assert o is not None and t is not None
    if o.document_sha256 != t.document_sha256:
        raise Unmergeable("the two sides annotate different document text "
                          f"(sha256 {o.document_sha256[:12]} and {t.document_sha256[:12]})")
    result = merge_annotations(b.annotations if b else [], o.annotations, t.annotations)
    merged = SidecarData(
        o.document_name, o.document_sha256, result.annotations, segmenter=o.segmenter,
        extractor=o.extractor, rejected=_union(o.rejected, t.rejected),
        extra=_three_way(b.extra if b else {}, o.extra, t.extra),
        document_extra=_three_way(b.document_extra if b else {}, o.document_extra,
                                  t.document_extra),
        metadata=merge_metadata(b.metadata if b else Metadata(), o.metadata, t.metadata,
                                result.conflicts),
        corrections=merge_corrections(b.corrections if b else Corrections(), o.corrections,
                                      t.corrections))
    try:
        return DriverResult(dump_sidecar(merged), result.conflicts)
    except SidecarError as exc:
        raise Unmergeable(f"the merged sidecar cannot be written ({exc})") from None


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unmergeable(f"{path.name} is not UTF-8 (bad byte at offset {exc.start})"
                          ) from None
    except OSError as exc:
        raise Unmergeable(f"cannot read {path.name}: {exc.strerror or exc}") from None


def _merge_file(base: Path, ours: Path, theirs: Path, name: str) -> int:
    """git's own line merge into ``ours``, with conflict markers; always a conflict."""
    with suppress(OSError):  # no git: %A stays ours, which git reports as a conflict anyway
        subprocess.run(["git", "merge-file", "-L", f"{name} (ours)", "-L", f"{name} (base)",
                        "-L", f"{name} (theirs)", str(ours), str(base), str(theirs)],
                       check=False, stdin=subprocess.DEVNULL, capture_output=True)
    return EXIT_CONFLICT


def run_driver(base: Path, ours: Path, theirs: Path, name: str,
               say: Any = print) -> int:
    """What ``briefing merge-driver`` does; ``say`` gets one line per thing to tell."""
    try:
        result = merge_sidecar_texts(_read(base), _read(ours), _read(theirs))
        atomic_write(ours, result.text.encode("utf-8"))
    except Unmergeable as exc:
        say(f"{name}: {exc}; left git's conflict markers")
        return _merge_file(base, ours, theirs, name)
    except OSError as exc:
        say(f"{name}: cannot write the merge ({exc.strerror or exc}); "
            "left git's conflict markers")
        return _merge_file(base, ours, theirs, name)
    for line in result.notes:
        say(f"{name}: {line}")
    return EXIT_MERGED
