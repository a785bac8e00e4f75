"""One tagged sentence of a summary and one document it covers: the per-briefing data
the summary builder makes, the summary cache keeps (:mod:`.summary_cache`) and every
export reads. Its own module so the cache can hold it below the summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.citation import Citation


@dataclass(frozen=True)
class SummaryItem:
    """One tagged sentence under one of its tags (a sentence with two tags gives two)."""

    tag: str
    document: Path
    citation: Citation
    start: int
    end: int
    text: str  # exactly the document's text[start:end] (an orphan: its last known quote)
    note: str
    co_tags: tuple[str, ...]  # the sentence's other tags, codebook order
    anchor: str  # exact, moved, review or orphan (Anchor values)
    annotation_id: str
    previous: str = ""  # for review: the quote before it was moved onto this sentence
    prefix: str = ""  # up to 32 characters of context before and after (as in sidecars)
    suffix: str = ""
    by: tuple[str, ...] = ()  # the analysts who tagged it (core.analyst)
    before: tuple[str, ...] = ()  # the neighbouring sentences asked for (``context``)
    after: tuple[str, ...] = ()


@dataclass
class DocumentInfo:
    """One document covered by the summary (``error``: why its tags could not be read)."""

    path: Path
    title: str
    sentences: int
    tagged: int  # sentences carrying at least one selected tag (confirmed ones)
    error: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # per selected tag
    attention: int = 0  # annotations needing review or orphaned
    pages: int = 0  # the document's page count (PDFs), 0 when it has no pages
    date: str = ""  # the document's metadata, "" when not known
    author: str = ""
    source: str = ""
