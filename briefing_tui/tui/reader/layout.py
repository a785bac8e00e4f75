"""Where each character of a document lands on screen: blocks, wrapped rows, and back.

The reader shows a list of *blocks* (ranges of the text with no newline inside): the
document's lines, or, when filtered by a tag, just the tagged sentences' lines with a blank
block between them. Each block wraps to one or more rows. Row counts are kept as prefix
sums in an ``array`` so that row → text and text → row are both a ``bisect``; the wrap
offsets themselves are recomputed on demand for the few rows on screen.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from itertools import accumulate, repeat
from operator import add

from briefing_tui.tui.reader.wrap import NOT_ONE_CELL, cell_offset, wrap_offsets

#: Line breaks on screen: a newline, and U+2028/U+2029 (line and paragraph separators,
#: common in press-release feeds), which are breaks for the splitter too.
_NEWLINE = re.compile("[\n\u2028\u2029]")
CHUNK_CHARS = 1 << 20  # line_blocks splits this much at a time


def line_blocks(text: str) -> tuple[array[int], array[int]]:
    """Blocks for the whole document: one per line (blank lines are empty blocks; a line
    ends at a newline, U+2028 or U+2029).

    Every separator is one character, so a split's lengths give the offsets; summed by
    ``accumulate`` in C this is twice as fast as a ``finditer`` loop (10 MB: 70 ms, on the
    path to the first screen). Split a chunk at a time, so the line copies stay small.
    """
    split = _NEWLINE.split if "\u2028" in text or "\u2029" in text else \
        (lambda chunk: chunk.split("\n"))
    lengths = array("q")
    begin = 0
    while True:
        cut = _NEWLINE.search(text, min(len(text), begin + CHUNK_CHARS))
        if cut is None:
            lengths.extend(map(len, split(text[begin:])))
            break
        lengths.extend(map(len, split(text[begin:cut.start()])))
        begin = cut.end()
    starts = array("q", accumulate(map(add, lengths, repeat(1, len(lengths))), initial=0))
    starts.pop()
    ends = array("q", map(add, starts, lengths))
    if len(starts) > 1 and starts[-1] == len(text):  # no phantom row after a final newline
        starts.pop()
        ends.pop()
    return starts, ends


def prefix_end(text: str, at: int, chars: int) -> int:
    """Where a shown prefix of ``text`` reaching ``chars`` past ``at`` ends: at a line
    break, so its lines are the whole text's first lines (``len(text)``: all of it)."""
    if len(text) <= chars:
        return len(text)
    found = _NEWLINE.search(text, min(at + chars, len(text)))
    return len(text) if found is None else found.start()


def span_blocks(text: str, spans: Iterable[tuple[int, int]]) -> tuple[array[int], array[int]]:
    """Blocks for chosen spans (e.g. the sentences with one tag), a blank block between."""
    starts = array("q")
    ends = array("q")
    for number, (start, end) in enumerate(spans):
        if number:
            starts.append(start)
            ends.append(start)
        pos = start
        while True:
            found = _NEWLINE.search(text, pos, end)
            newline = -1 if found is None else found.start()
            stop = end if newline == -1 else newline
            starts.append(pos)
            ends.append(stop)
            if newline == -1:
                break
            pos = newline + 1
    return starts, ends


class TextLayout:
    """Rows of ``text`` wrapped to ``width`` cells, over the given blocks."""

    CACHE_BLOCKS = 2048

    def __init__(self, text: str, starts: array[int], ends: array[int], width: int,
                 max_rows: int | None = None) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends
        self.width = max(1, width)
        self._wraps: OrderedDict[int, list[int]] = OrderedDict()
        self.first_row = array("q")
        self.rows = 0
        self.complete = False
        self.extend(max_rows)

    def extend(self, max_rows: int | None = None) -> None:
        """Lay out more blocks: all of them, or until ``max_rows`` more rows exist.

        A huge document lays out its first screen before the first paint and the rest
        right after it (about 0.1 s for 10 MB).
        """
        text, starts, ends, width = self.text, self.starts, self.ends, self.width
        block = len(self.first_row)
        total = len(starts)
        if block >= total:
            self.complete = True
            return
        stop = total
        if max_rows is not None:  # a cheap bound: a block has at least one row
            stop = min(total, block + max_rows)
        last = ends[stop - 1] if stop else 0
        narrow = NOT_ONE_CELL.search(text, starts[block], last) is None
        firsts: list[int] = []
        append = firsts.append
        row = self.rows
        wrap = wrap_offsets
        for start, end in zip(starts[block:stop], ends[block:stop]):
            append(row)
            if end - start <= width and narrow:
                row += 1
            else:
                row += len(wrap(text[start:end], width))
        self.first_row.extend(firsts)
        self.rows = row
        self.complete = stop >= total

    def __len__(self) -> int:
        return self.rows

    def _wrap(self, block: int) -> list[int]:
        cached = self._wraps.get(block)
        if cached is None:
            cached = wrap_offsets(self.text[self.starts[block]:self.ends[block]], self.width)
            self._wraps[block] = cached
            if len(self._wraps) > self.CACHE_BLOCKS:
                self._wraps.popitem(last=False)
        return cached

    def block_of_row(self, row: int) -> int:
        return max(0, bisect_right(self.first_row, row) - 1)

    def row_span(self, row: int) -> tuple[int, int] | None:
        """The text range ``(start, end)`` shown on ``row``, or None past the end."""
        if not 0 <= row < self.rows or not len(self.starts):
            return None
        block = self.block_of_row(row)
        offsets = self._wrap(block)
        sub = row - self.first_row[block]
        base = self.starts[block]
        start = base + offsets[sub]
        end = base + offsets[sub + 1] if sub + 1 < len(offsets) else self.ends[block]
        return start, end

    def block_of_offset(self, offset: int) -> int | None:
        """The block holding ``offset`` (or the last one starting before it)."""
        block = bisect_right(self.starts, offset) - 1
        return block if block >= 0 else None

    def row_of_offset(self, offset: int) -> int:
        """The row on which the character at ``offset`` is drawn (nearest if hidden)."""
        block = self.block_of_offset(offset)
        if block is None:
            return 0
        if block >= len(self.first_row):  # not laid out yet
            return self.rows
        offsets = self._wrap(block)
        within = min(offset, self.ends[block]) - self.starts[block]
        sub = max(0, bisect_right(offsets, within) - 1)
        return self.first_row[block] + sub

    def offset_at(self, row: int, column: int) -> int | None:
        """The text offset drawn at ``(row, column)``; None past the end of the text."""
        span = self.row_span(row)
        if span is None:
            return None
        start, end = span
        if start == end:
            return None
        return start + cell_offset(self.text[start:end], column)
