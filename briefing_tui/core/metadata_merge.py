"""Three-way merge of the analyst's document metadata, field by field.

A field changed on one side only takes that change; changed differently on both sides,
ours is kept and the clash reported (a title is one value: joining two would cite
neither), as for an annotation's position in :mod:`.merge`.
"""

from __future__ import annotations

from briefing_tui.core.merge import _pick
from briefing_tui.core.metadata import FIELDS, Metadata


def merge_metadata(base: Metadata, mine: Metadata, theirs: Metadata,
                   conflicts: list[str]) -> Metadata:
    """The merged fields; a clash appends one line to ``conflicts``."""
    merged: dict[str, str | None] = {}
    for name, b, m, t in zip(FIELDS, base.values(), mine.values(), theirs.values(),
                             strict=True):
        merged[name], clash = _pick(b, m, t)
        if clash:
            conflicts.append(f"document {name} changed on both sides; kept {m!r:.60}")
    return Metadata(**merged)
