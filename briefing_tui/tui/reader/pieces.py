"""What one screen row of the reader is made of, as plain data: no widget needed.

A row is cut at sentence edges into pieces, each with the tags its sentence shows (plus
the marks for a tag to review and for suggestions) and whether the cursor is on it; each
piece is then cut again around search hits. The reader turns these into styled segments.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.document import Document
from briefing_tui.tui.reader.navigation import Matches
from briefing_tui.tui.reader.suggested import is_marked, marks, suggested
from briefing_tui.tui.reader.wrap import wrap_offsets

if TYPE_CHECKING:  # the suggestion model loads with its first use, not at start
    from briefing_tui.core.suggest.live import DocumentSuggestions

REVIEW_MARK = "\0review"  # not a tag name (names are validated): marks a tag to review

#: (start, end, tags and marks, on the cursor's sentence) of one piece of a row
Piece = tuple[int, int, tuple[str, ...], bool]


def row_pieces(document: Document, start: int, end: int, cursor: int,
               hints: DocumentSuggestions | None = None) -> list[Piece]:
    """Split ``start:end`` at sentence edges: (a, b, tags, is_cursor) for each piece."""
    split = document.segmentation
    annotations = document.annotations
    pieces: list[Piece] = []
    index = split.index_at(start)
    pos = start
    if index is None:
        index = 0
    count = len(split)
    while pos < end:
        if index >= count or split.starts[index] >= end:
            pieces.append((pos, end, (), False))
            break
        s_start, s_end = split.starts[index], split.ends[index]
        if s_end <= pos:
            index += 1
            continue
        if s_start > pos:
            pieces.append((pos, s_start, (), False))
            pos = s_start
        stop = min(s_end, end)
        found = annotations.on_span(s_start, s_end)  # all of them: what x clears
        tags = tuple(dict.fromkeys(t for a in found for t in a.tags))
        if any(a.anchor is Anchor.REVIEW for a in found):
            tags = (*tags, REVIEW_MARK)
        tags += marks(hints, annotations, s_start, s_end)
        pieces.append((pos, stop, tags, index == cursor))
        pos = stop
        index += 1
    return pieces


def match_segments(shown: str, matches: Matches, a: int, b: int, style: Style,
                   match: Style) -> list[Segment]:
    """``shown[a:b]`` in ``style``, with every search hit in it also in ``match``."""
    if not matches.starts:
        return [Segment(shown[a:b], style)]
    out: list[Segment] = []
    i = max(0, bisect_left(matches.starts, a) - 1)
    pos = a
    length = matches.length
    while i < len(matches.starts) and matches.starts[i] < b:
        m_start, m_end = matches.starts[i], matches.starts[i] + length
        i += 1
        if m_end <= pos:
            continue
        if m_start > pos:
            out.append(Segment(shown[pos:m_start], style))
            pos = m_start
        stop = min(m_end, b)
        out.append(Segment(shown[pos:stop], style + match))
        pos = stop
    if pos < b:
        out.append(Segment(shown[pos:b], style))
    return out


def message_segments(message: str, line: int, width: int, gutter: int, base: Style,
                     style: Style) -> list[Segment]:
    """Line ``line`` of ``message`` wrapped to a pane ``width`` wide (blank past it)."""
    offsets = wrap_offsets(message, max(10, width - gutter - 1))
    if not 0 <= line < len(offsets):
        return [Segment(" " * width, base)]
    end = offsets[line + 1] if line + 1 < len(offsets) else len(message)
    return [Segment(" " * gutter, base), Segment(message[offsets[line]:end], style)]


def row_segments(shown: str, pieces: list[Piece], matches: Matches,
                 order: Callable[[Sequence[str]], list[str]], gutter_width: int,
                 style: Callable[[str], Style],
                 tag_styles: Callable[[str], tuple[Style, Style]]) -> list[Segment]:
    """A row's segments: up to three tag marks (suggestions as ``?``), the cursor's
    pointer, then the text of each piece in its first tag's tint and search hits.

    ``style(component)`` gives a component's style ("" the widget's own), ``tag_styles``
    a tag's (text tint, gutter mark); ``order`` sorts tags by the codebook.
    """
    base = style("")
    tags_on_row: list[str] = []
    review = False
    hinted: list[str] = []
    for _, _, tags, _ in pieces:
        tags_on_row += [t for t in tags if t not in tags_on_row and not is_marked(t)]
        hinted += [t for t in suggested(tags) if t not in hinted]
        review = review or REVIEW_MARK in tags
    # on the widget's own background: a light theme must not get black gutter cells
    gutter = [Segment("▌", base + tag_styles(tag)[1]) for tag in order(tags_on_row)[:3]]
    gutter += [Segment("?", base + tag_styles(tag)[1] + Style(dim=True))
               for tag in hinted[:3 - len(gutter)]]
    if review:
        gutter = [*gutter[:2], Segment("?", base + style("reader--review"))]
    on_cursor = any(is_cursor for _, _, _, is_cursor in pieces)
    pointer = (Segment("▶", base + style("reader--pointer")) if on_cursor
               else Segment(" ", base))
    segments = [*gutter, Segment(" " * (gutter_width - len(gutter) - 1), base), pointer]
    cursor_style, match_style = style("reader--cursor"), style("reader--match")
    for a, b, tags, is_cursor in pieces:
        text_style = base
        real = [t for t in tags if not is_marked(t)]
        if real:
            text_style = text_style + tag_styles(order(real)[0])[0]
        if is_cursor:
            text_style = text_style + cursor_style
        segments += match_segments(shown, matches, a, b, text_style, match_style)
    return segments


def padded(segments: list[Segment], width: int, base: Style) -> Strip:
    """A row's strip, blank-filled to ``width`` cells with its length known: what
    ``crop_extend`` gave, without two more strips and a measuring pass per row."""
    cells = sum(cell_len(segment.text) for segment in segments)
    if cells < width:
        segments.append(Segment(" " * (width - cells), base))
        cells = width
    return Strip(segments, cells)
