"""Suggested tags in the reader: a dim ``?`` in the tag's colour in the gutter.

The re-anchoring ``?`` (a tag to review) is drawn in the warning colour at the gutter's
last place; a suggestion's ``?`` takes the tag's own colour, dimmed, in a free place
after the real tags. Suggestions are not tags: the text keeps no tint and nothing is
written until the analyst accepts one (:mod:`briefing_tui.tui.suggesting`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_tui.core.annotations import AnnotationSet

if TYPE_CHECKING:  # the suggestion model loads with its first use, not at start
    from briefing_tui.core.suggest.live import DocumentSuggestions

MARK = "\0?"  # not a tag name (names are validated): prefixes a suggested tag in a row


def marks(suggestions: DocumentSuggestions | None, annotations: AnnotationSet,
          start: int, end: int) -> tuple[str, ...]:
    """The sentence's suggested tags, marked, for the row renderer."""
    if suggestions is None:
        return ()
    return tuple(MARK + c.tag for c in suggestions.open_on(annotations, start, end))


def is_marked(tag: str) -> bool:
    """A row's pseudo tag (a review or a suggestion), not a tag of the sentence."""
    return tag.startswith("\0")


def suggested(tags: tuple[str, ...]) -> list[str]:
    return [t.removeprefix(MARK) for t in tags if t.startswith(MARK)]
