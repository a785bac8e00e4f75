"""What every export format shares: the title, citation places, labels and filter words.

Kept apart from the dispatcher in :mod:`briefing_tui.core.export` so that the formats
import this toolbox and the dispatcher imports the formats: no cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_tui.core.summary import Citation, DocumentInfo, Summary

if TYPE_CHECKING:
    from briefing_tui.core.export.frame import Frame

TITLE = "Tagged summary"


def short(text: str, limit: int = 40) -> str:
    """A title shortened for a citation: whole words, an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def place(citation: Citation) -> str:
    """``¶3 s.4`` (``p. 2, ¶3 s.4`` in a PDF): page, paragraph and sentence, or why there
    is none. A paragraph with its own number is cited by it (``¶48 s.212``)."""
    if citation.sentence <= 0:
        return "position unknown"
    where = f"¶{citation.label or citation.paragraph} s.{citation.sentence}"
    return f"p. {citation.page}, {where}" if citation.page > 0 else where


def credit(citation: Citation | DocumentInfo) -> str:
    """``Author, 2012-10-03``: who and when, as the document's metadata says ("" if not)."""
    return credit_of(citation.author, citation.date)


def credit_of(author: str, date: str) -> str:
    return ", ".join(part for part in (author, date) if part)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def attention_label(anchor: str) -> str:
    return "orphaned: not found in the current text" if anchor == "orphan" \
        else "needs review: moved onto a similar sentence"


def filters_line(summary: Summary | Frame) -> str:
    """The filters asked for, in words ("" when none)."""
    parts = []
    tags = summary.filters.get("tags")
    if isinstance(tags, list):
        parts.append("tags " + ", ".join(str(t) for t in tags))
    if summary.filters.get("doc"):
        parts.append(f"documents matching {summary.filters['doc']}")
    about = summary.filters.get("about")
    if isinstance(about, list):
        parts.append("about " + ", ".join(str(a) for a in about))
    if summary.filters.get("notes") is False:
        parts.append("notes left out")
    return "; ".join(parts)
