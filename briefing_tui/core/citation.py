"""Where a sentence comes from, as every summary, brief and export cites it.

Its own module so that the brief (figures, timeline) and the summary share it without
importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """Where a sentence comes from; ``paragraph``/``sentence``/``page`` are 1-based, 0 if
    unknown (``page`` is 0 for formats without pages: only PDFs have them). ``label`` is
    the paragraph's own number in the document ("48", "(a)"), cited instead when set."""

    title: str
    file: str
    paragraph: int
    sentence: int
    page: int = 0
    date: str = ""  # the document's metadata (core.metadata), "" when not known
    author: str = ""
    source: str = ""
    label: str = ""
