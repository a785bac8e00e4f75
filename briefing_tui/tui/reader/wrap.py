"""Soft-wrapping text into terminal rows: fast, and the same code counts and renders.

Rich's and Textual's wrappers take seconds on a 10 MB briefing because curly quotes and
dashes push them off their single-cell fast path. Here a line whose characters are all one
cell wide (checked by one regex) is wrapped greedily with ``str.rfind`` at C speed; only
lines holding wide or zero-width characters (CJK, emoji, combining marks) pay a
per-character walk. Pure Python with no Textual import: it is tested on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import get_character_cell_size

# Characters that are not exactly one cell: combining marks, zero-width and format
# characters, East Asian wide ranges, emoji and everything astral.
NOT_ONE_CELL = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u0e31-\u0e3a\u1100-\u115f\u1ab0-\u1aff"
    "\u1dc0-\u1dff\u200b-\u200f\u2060-\u2064\u20d0-\u20ff\u231a\u231b\u23e9-\u23f3"
    "\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa-\u26ff\u2705"
    "\u270a\u270b\u2728\u274c-\u27bf\u2b1b-\u2b55\u2e80-\ua4cf\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\ufe00-\ufe0f\ufe10-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\U00010000-\U0010ffff]"
)


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
    starts = [0]
    cells = 0
    last_space = -1
    row_start = 0
    for index, char in enumerate(line):
        size = char_width(char)
        if cells + size > width and index > row_start:
            if last_space > row_start:
                row_start = last_space + 1
            else:
                row_start = index
            starts.append(row_start)
            cells = sum(char_width(c) for c in line[row_start:index])
            last_space = -1
            if cells + size > width and index > row_start:  # the carried word still
                row_start = index  # does not fit beside this wide character: cut it here
                starts.append(row_start)
                cells = 0
        cells += size
        if char == " ":
            last_space = index
    return starts


def cell_offset(line: str, column: int) -> int:
    """The index in ``line`` of the character drawn at cell ``column`` (clamped)."""
    if line.isascii() or is_one_cell_each(line):
        return min(max(column, 0), max(len(line) - 1, 0))
    cells = 0
    for index, char in enumerate(line):
        cells += char_width(char)
        if cells > column:
            return index
    return max(len(line) - 1, 0)
