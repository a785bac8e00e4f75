"""Soft-wrapping text into terminal rows: fast, and the same code counts and renders.

Rich's and Textual's wrappers take seconds on a 10 MB briefing because curly quotes and
dashes push them off their single-cell fast path. Here a line whose characters are all one
cell wide (checked by one regex) is wrapped greedily with ``str.rfind`` at C speed; only
lines holding wide or zero-width characters (CJK, emoji, combining marks) pay a walk.

That walk goes by *grapheme cluster*, measured exactly as Rich and Textual draw it
(``rich.cells.split_graphemes``, the function behind ``cell_len``): a ZWJ family 👨‍👩‍👧,
a keycap 1️⃣ or ❤️ (VS16) is one cluster of 2 cells, never cut in two, so each row's width
here is the width the strip has on screen (no border pushed right) and a click maps to
the character really drawn there. Which characters are not one cell comes from Rich's
own width table too. Pure Python with no Textual import: it is tested on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich._unicode_data import load as load_cell_table  # the table cell_len measures by
from rich.cells import cell_len, get_character_cell_size, split_graphemes


def _not_one_cell() -> re.Pattern[str]:
    """Every character Rich does not draw as exactly one cell, ZWJ and VS16 included.

    Only Basic Multilingual Plane ranges are listed, and everything above it is one range:
    a class reaching past U+FFFF cannot be compiled to a bitmap, and its search is then
    ~80x slower (4.6 s against 0.06 s on a 2 MB line here). Touching ranges are merged
    (fewer by half): compiling the class is on the path to the first screen.
    """
    ranges = [(max(start, 0x20), min(end, 0xFFFF)) for start, end, width
              in load_cell_table("auto").widths if width != 1 and end >= 0x20
              and start <= 0xFFFF]
    ranges += [(0x200D, 0x200D), (0xFE00, 0xFE0F)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    body = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in merged)
    return re.compile(f"[{body}\U00010000-\U0010FFFF]")


NOT_ONE_CELL = _not_one_cell()


def is_one_cell_each(text: str) -> bool:
    return NOT_ONE_CELL.search(text) is None


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    return get_character_cell_size(char)


def wrap_offsets(line: str, width: int) -> list[int]:
    """Start offsets of each row when ``line`` (no newline in it) is wrapped to ``width``.

    Breaks after the last space that fits; a word longer than the width is cut. Always
    returns at least ``[0]``; rows are ``line[o[i]:o[i+1]]``.
    """
    width = max(1, width)
    length = len(line)
    if length <= width and (line.isascii() or is_one_cell_each(line)):
        return [0]
    if is_one_cell_each(line):
        return _wrap_narrow(line, width)
    return _wrap_cells(line, width)


def _wrap_narrow(line: str, width: int) -> list[int]:
    starts = [0]
    pos = 0
    length = len(line)
    while length - pos > width:
        end = pos + width
        space = line.rfind(" ", pos + 1, end + 1)
        if space == -1:
            pos = end
        else:
            pos = space + 1
        starts.append(pos)
    return starts


def _wrap_cells(line: str, width: int) -> list[int]:
    """Greedy wrap by grapheme cluster; a cluster is never split across rows."""
    spans, _total = split_graphemes(line)
    starts = [0]
    cells = 0
    after_space = -1  # offset just after the last space on this row
    row_start = 0
    for start, end, size in spans:
        if cells + size > width and start > row_start:
            row_start = after_space if after_space > row_start else start
            starts.append(row_start)
            cells = cell_len(line[row_start:start])
            after_space = -1
            if cells + size > width and start > row_start:  # the carried word still
                row_start = start  # does not fit beside this wide cluster: cut it here
                starts.append(row_start)
                cells = 0
        cells += size
        if end - start == 1 and line[start] == " ":
            after_space = end
    return starts


def cell_offset(line: str, column: int) -> int:
    """The index in ``line`` of the character drawn at cell ``column`` (clamped): the
    first character of the grapheme cluster covering that cell."""
    if line.isascii() or is_one_cell_each(line):
        return min(max(column, 0), max(len(line) - 1, 0))
    cells = 0
    for start, _end, size in split_graphemes(line)[0]:
        cells += size
        if cells > column:
            return start
    return max(len(line) - 1, 0)
