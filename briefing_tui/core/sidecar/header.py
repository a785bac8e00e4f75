"""The sidecar's newer header keys: document metadata and the analyst's split fixes.

::

    document:
      name: "statement.txt"
      sha256: "…"
      extractor: "text 1"
      title: "Statement by the Permanent Representative of Pakistan"
      date: "2012-10-03"
    segmenter: "nupunkt 0.8.0+briefing.1"
    splits:
    - {"at": 1204, "before": "…32 characters", "after": "32 characters…"}
    joins:
    - {"at": 388, "before": "…", "after": "…"}

Metadata fields are written only when the analyst set them (``""`` included: it hides a
wrong value read from the file), in a fixed order. Fix lists are one point per line,
sorted by offset, so two analysts' fixes merge line by line in git as well as in
:func:`~briefing_tui.core.corrections.merge_corrections`; an orphaned point (its context
is gone from the text) carries ``"anchor": "orphan"``. An entry that cannot be read is
reported and written back as it was, after the others.
"""

from __future__ import annotations

import json
from typing import Any

from briefing_tui.core.corrections import ORPHAN, Corrections, Point
from briefing_tui.core.metadata import FIELDS, Metadata, date_problem

FIX_KEYS = ("splits", "joins")
_POINT_KEYS = ("at", "before", "after", "anchor")


def dump_metadata(metadata: Metadata) -> list[str]:
    return [f"  {name}: {json.dumps(value, ensure_ascii=False)}"
            for name, value in zip(FIELDS, metadata.values(), strict=True)
            if value is not None]


def read_metadata(document: dict[str, Any], problems: list[str]) -> tuple[Metadata, dict[str, Any]]:
    """The metadata fields of ``document:`` and any value that is not usable (kept)."""
    found: dict[str, str | None] = {}
    kept: dict[str, Any] = {}
    for name in FIELDS:
        if name not in document:
            continue
        value = document[name]
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(f"document: {name} must be text; kept as it was")
            kept[name] = value
            continue
        reason = date_problem(value) if name == "date" else ""
        if reason:
            problems.append(f"document: {reason}; kept as it was")
            kept[name] = value
            continue
        found[name] = value
    return Metadata(**found), kept


def _point(entry: Any) -> Point:
    if not isinstance(entry, dict) or set(entry) - set(_POINT_KEYS):
        raise ValueError("not a mapping of at, before, after")
    at, before, after = entry.get("at"), entry.get("before", ""), entry.get("after", "")
    anchor = entry.get("anchor", "")
    if type(at) is not int or at < 0:
        raise ValueError(f"at must be an offset (got {at!r:.30})")
    if not isinstance(before, str) or not isinstance(after, str):
        raise ValueError("before and after must be text")
    if anchor not in ("", ORPHAN):
        raise ValueError(f"anchor must be {ORPHAN!r} or absent")
    return Point(at, before, after, anchor)


def read_corrections(raw: dict[str, Any], problems: list[str]) -> Corrections:
    lists: dict[str, list[Point]] = {key: [] for key in FIX_KEYS}
    rejected: list[tuple[str, object]] = []
    for key in FIX_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(f"'{key}:' must be a list; kept as it was")
            rejected.append((key + "=", value))  # the whole value, not one entry
            continue
        for number, entry in enumerate(value, 1):
            try:
                lists[key].append(_point(entry))
            except ValueError as bad:
                problems.append(f"{key} #{number}: {bad}; kept")
                rejected.append((key, entry))
    return Corrections(tuple(sorted(set(lists["splits"]))), tuple(sorted(set(lists["joins"]))),
                       tuple(rejected))


def _point_line(point: Point) -> str:
    entry: dict[str, Any] = {"at": point.at, "before": point.before, "after": point.after}
    if point.anchor:
        entry["anchor"] = point.anchor
    return "- " + json.dumps(entry, ensure_ascii=False)


def dump_corrections(fixes: Corrections, flow: Any) -> list[str]:
    """The ``splits:``/``joins:`` blocks (none when empty); ``flow`` writes kept values."""
    out: list[str] = []
    for key, points in (("splits", fixes.splits), ("joins", fixes.joins)):
        whole = [entry for k, entry in fixes.rejected if k == key + "="]
        bad = [entry for k, entry in fixes.rejected if k == key]
        if whole and not points and not bad:
            out.append(f"{key}: {flow(whole[0], 2)}")  # not a list: kept as it was
            continue
        bad = whole + bad  # new fixes beside a broken value: it becomes an entry
        if points or bad:
            out.append(f"{key}:")
            out += [_point_line(p) for p in sorted(points)]
            out += ["- " + flow(entry, 3) for entry in bad]
    return out
