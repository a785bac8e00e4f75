"""A page's pieces of text grouped into blocks, and the blocks put in reading order.

Pieces arrive in the producer's order (:mod:`.pdf_chars`). Sorting them by position and
joining pieces that share a baseline, as we did, cut prose beside a photo into fake
table rows and read a sidebar into the main column line by line (issue #11). Instead:

- **blocks**: a piece continues the block whose last line is just above it (one line
  step, the same font size, the same left edge give or take an indent); any earlier
  block may be continued, so columns written line by line across the page still come
  out as columns. Everything else starts a block: a column, a sidebar, a box, a caption.
- **table rows**: pieces the producer wrote one after the other on one baseline, left to
  right, none of them part of a prose block, are the cells of a row (``a | b``), and
  rows one under the other make one table block.
- **order**: the blocks are sorted topologically (T. M. Breuel, "High performance
  document layout analysis", 2003): a block comes before another it overlaps
  horizontally and sits above, and before a block to its right unless something
  between them in height spans both (a full-width heading or band). Ties go to the
  producer's order.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

CELL_SEPARATOR = " | "
#: The largest step from one line to the next, in line heights, inside one block.
MAX_STEP = 2.0
#: Only the latest blocks may be continued, and only this many blocks are ordered
#: topologically (cubic): a page of thousands of scattered words stays fast.
OPEN_BLOCKS, ORDERED_BLOCKS = 48, 160


@dataclass
class Line:
    """A piece of text on one line, or a table row; display coordinates, y grows up."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    row: bool = False  # table cells joined: a paragraph of its own
    size: float = 0.0  # font size in points, 0 when unknown
    bold: bool = False  # every word in a bold font

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)
    order: int = 0  # the producer's position of its first piece
    left: float = 0.0

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (min(x.x0 for x in self.lines), min(x.y0 for x in self.lines),
                max(x.x1 for x in self.lines), max(x.y1 for x in self.lines))

    def prose(self) -> bool:
        size = statistics.median(x.height for x in self.lines)
        return len(self.lines) >= 3 and \
            statistics.median(x.x1 - x.x0 for x in self.lines) >= 10 * size


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _same_baseline(a: Line, b: Line) -> bool:
    return _overlap(a.y0, a.y1, b.y0, b.y1) >= 0.5 * min(a.height, b.height)


def _similar(a: float, b: float) -> bool:
    return not a or not b or abs(a - b) <= 0.15 * max(a, b)


def _continues(block: _Block, line: Line) -> float | None:
    """How far below ``block``'s last line ``line`` is (in line heights), when it
    continues the block; None when it does not."""
    last = block.lines[-1]
    height = max(last.y1 - last.y0, line.y1 - line.y0, 0.1)
    step = (last.y0 - line.y0) / height
    if not 0.5 <= step <= (MAX_STEP + 0.5 if line.row else MAX_STEP) or last.row != line.row:
        return None
    if not _similar(last.size, line.size) or min(last.x1, line.x1) <= max(last.x0, line.x0):
        return None
    if not any(left - 1.5 * height <= line.x0 <= left + 4 * height
               for left in (block.left, last.x0)):
        return None
    return step


def _group(lines: list[Line], orders: list[int]) -> list[_Block]:
    blocks: list[_Block] = []
    for line, order in zip(lines, orders):
        best: tuple[float, int] | None = None
        for number in range(max(0, len(blocks) - OPEN_BLOCKS), len(blocks)):
            block = blocks[number]
            step = _continues(block, line)
            if step is not None and (best is None or (step, -number) < (best[0], -best[1])):
                best = (step, number)
        if best is None:
            blocks.append(_Block([line], order, line.x0))
        else:
            block = blocks[best[1]]
            block.lines.append(line)
            block.left = min(block.left, line.x0)
    return blocks


def _rows(pieces: list[Line]) -> tuple[list[Line], list[int]]:
    """Pieces with the cells of table rows joined; each with its producer's position.

    A row is a chain of pieces written one after the other on one baseline, left to
    right, none of them a full line of a prose block (columns written line by line),
    next to another such chain: one pair of pieces side by side is no table."""
    prose: set[int] = set()
    for block in _group(pieces, list(range(len(pieces)))):
        if block.prose():
            width = statistics.median(x.x1 - x.x0 for x in block.lines)
            prose |= {id(x) for x in block.lines if x.x1 - x.x0 >= 0.6 * width}
    chains: list[list[int]] = []
    for order, piece in enumerate(pieces):
        last = pieces[chains[-1][-1]] if chains else None
        if last is not None and id(piece) not in prose and id(last) not in prose and \
                _same_baseline(last, piece) and piece.x0 > last.x1:
            chains[-1].append(order)
        else:
            chains.append([order])
    out: list[Line] = []
    orders: list[int] = []
    for number, chain in enumerate(chains):
        near = chains[max(0, number - 1):number] + chains[number + 1:number + 2]
        if len(chain) < 2 or not any(len(other) >= 2 for other in near):
            out += [pieces[order] for order in chain]
            orders += chain
            continue
        cells = [pieces[order] for order in chain]
        out.append(Line(cells[0].x0, min(x.y0 for x in cells), cells[-1].x1,
                        max(x.y1 for x in cells), CELL_SEPARATOR.join(x.text for x in cells),
                        True, max(x.size for x in cells)))
        orders.append(chain[0])
    return out, orders


def _before(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
            boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether the block with box ``a`` is read before the one with box ``b``."""
    if _overlap(a[0], a[2], b[0], b[2]) > 0:
        return a[3] > b[3] or (a[3] == b[3] and a[1] > b[1])
    if a[2] > b[0]:
        return False
    low, high = min(a[1], b[1]), max(a[3], b[3])
    return not any(c is not a and c is not b and c[1] > low and c[3] < high
                   and _overlap(c[0], c[2], a[0], a[2]) > 0
                   and _overlap(c[0], c[2], b[0], b[2]) > 0 for c in boxes)


def _order(blocks: list[_Block]) -> list[_Block]:
    boxes = [block.box for block in blocks]
    count = len(blocks)
    if count > ORDERED_BLOCKS:  # a map's labels, a scatter of words: top down, then left
        return [blocks[i] for i in sorted(range(count),
                                          key=lambda i: (-round(boxes[i][3]), boxes[i][0]))]
    after: list[list[int]] = [[] for _ in range(count)]
    needs = [0] * count
    for i in range(count):
        for j in range(count):
            if i != j and _before(boxes[i], boxes[j], boxes):
                after[i].append(j)
                needs[j] += 1
    done = [False] * count
    out: list[_Block] = []
    for _ in range(count):
        ready = [i for i in range(count) if not done[i] and needs[i] == 0] or \
            [i for i in range(count) if not done[i]]  # a cycle: the producer decides
        pick = min(ready, key=lambda i: blocks[i].order)
        done[pick] = True
        out.append(blocks[pick])
        for j in after[pick]:
            needs[j] -= 1
    return out


def reading_order(pieces: list[Line]) -> list[list[Line]]:
    """The page's blocks in reading order, each its lines top down."""
    if not pieces:
        return []
    lines, orders = _rows(pieces)
    blocks = _order(_group(lines, orders))
    return [sorted(block.lines, key=lambda x: -x.y1) for block in blocks]
