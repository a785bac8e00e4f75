"""``dismissed: [tag]`` on an annotation: suggestions the analyst rejected on that sentence.

A rejected suggestion is remembered so that it is never suggested there again
(:mod:`briefing_tui.core.suggest`). The key is written after ``anchor`` and only when the
list is not empty, so sidecars without it stay byte-stable; the tags are kept sorted and
once each, so the same dismissals give the same bytes. Merges take the union
(``core.merge``, ``annotations.dismissed_form``): a rejection is never forgotten by merging.
"""

from __future__ import annotations

from typing import Any

from briefing_tui.core.annotations import dismissed_form
from briefing_tui.core.codebook import TAG_NAME

KEY = "dismissed"


def read_dismissed(entry: dict[str, Any]) -> tuple[str, ...]:
    """The dismissed tags of a raw sidecar entry; ValueError (one line) when malformed."""
    value = entry.get(KEY, [])
    if not isinstance(value, list):
        raise ValueError(f"{KEY} must be a list of tags (got {type(value).__name__})")
    for tag in value:
        if not isinstance(tag, str) or not TAG_NAME.fullmatch(tag):
            raise ValueError(f"{KEY}: {tag!r} is not a tag name")
    return dismissed_form(value)  # hand-edited out of order: read sorted, saved sorted


def write_dismissed(entry: dict[str, Any], dismissed: tuple[str, ...]) -> None:
    """Add the key to an entry being written, when there is anything to say."""
    if dismissed:
        entry[KEY] = list(dismissed)
