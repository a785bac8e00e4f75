"""From positioned text runs to paragraphs in reading order: the PDF rules that are ours.

A PDF holds glyphs at positions, not paragraphs. :mod:`.pdf_chars` gives each piece of
a line as PDFium reads it, with its box, in the producer's order; this module, pure
Python and library-free so it can be tested on its own, turns those pieces into the
canonical text (it never splits or joins words inside a piece):

- running heads and feet (a line in the top or bottom margin repeated there on most
  pages; digits count as equal, so "Page 3" repeats "Page 4") are kept once, at the end
  of the page where they first appear, as paragraphs of their own: the agency's name and
  contact are what a citation needs, their repeats are noise inside the text, and at the
  top they would pass for the title; page numbers are dropped;
- pieces are grouped into blocks (columns, sidebars, boxes, captions, tables as rows of
  cells joined by " | ") read in order (:mod:`.pdf_order`);
- lines join into paragraphs (a wider gap, a bullet, an indent or a short line ending a
  sentence starts a new one); a paragraph cut by a column or page break is joined again;
- a word hyphenated at a line end is joined, keeping the hyphen only when the document
  elsewhere writes the word with it (``seventy-eighth``), or writes its second part as
  the end of a compound (``flood-prone``, so ``landslide-prone``), and never without it;
- ligatures (U+FB00–FB06) become letters, soft hyphens and control characters go.

Offsets of each page's first character are returned, so citations can name pages.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from briefing_tui.core.extract.pdf_order import Line as _Line
from briefing_tui.core.extract.pdf_order import reading_order

LAYOUT_VERSION = 5

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_CONTROLS = re.compile("[\x00-\x1f\x7f\u00ad\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BULLET = re.compile(r"^(?:[•▪‣◦●■*·-]|\(?\d{1,3}[.)]|\(?[a-z][.)])(?:\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’)\]]$")
_PAGE_NUMBER = re.compile(r"^(?:(?:page|p\.?|pg\.?|seite|página|pagina)\s*)?[-–—|(\[]*\s*#+"
                          r"\s*(?:(?:of|/|de|von|sur)\s*#+)?\s*[-–—)\]]*$")
_ROMAN = re.compile(r"\b[ivxlcdm]{1,7}\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MARGIN_ZONE = 0.15  # top and bottom share of the page where running heads and feet live


@dataclass
class Run:
    """A run of text on one line; display coordinates in points, y grows upwards."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 0.0  # font size in points, 0 when unknown
    bold: bool = False  # every word in a bold font

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class PageRuns:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)


@dataclass
class _Para:
    parts: list[tuple[int, str]]  # (0-based page, text with its joining separator)
    row: bool = False
    size: float = 0.0  # of its first line
    cut: bool = False  # its block ended inside it: its last line is full
    width: float = 0.0  # of its last line

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.parts)

    def append(self, page: int, line: str, vocabulary: _Vocabulary) -> None:
        """Add the next line, joined as the words across the line end say."""
        drop, addition = vocabulary.join(self.parts[-1][1], line)
        if drop:
            last_page, last = self.parts[-1]
            self.parts[-1] = (last_page, last[:-1])
        self.parts.append((page, addition))


def clean(text: str) -> str:
    """Run text as it goes into the canonical text (a soft hyphen at the end kept as -)."""
    text = text.translate(_LIGATURES).rstrip()
    soft = text.endswith(("\x02", "\ufffe", "\u00ad"))
    text = " ".join(_SURROGATE.sub("\ufffd", _CONTROLS.sub("", text)).split())
    return text + "-" if soft and text and not text.endswith("-") else text


def _lines(runs: list[Run]) -> list[_Line]:
    """Runs as lines of the page, in the producer's order, their text cleaned."""
    out = []
    for run in runs:
        text = clean(run.text)
        if text and all(map(math.isfinite, (run.x0, run.y0, run.x1, run.y1, run.size))):
            out.append(_Line(run.x0, run.y0, run.x1, run.y1, text, size=run.size,
                             bold=run.bold))
    return out


def _furniture_key(text: str) -> str:
    key = re.sub(r"\d+", "#", text.lower())
    return " ".join(_ROMAN.sub("#", key).split()) if len(key) < 12 else " ".join(key.split())


def drop_furniture(pages: list[list[_Line]], heights: list[float]
                   ) -> list[tuple[list[_Line], list[_Line]]]:
    """Take running heads/feet and page numbers out of the margins of each page; return,
    per page, the heads and the feet seen there first (each a paragraph of its own: a
    row, never continued), to be read after the page's own blocks."""
    zones: list[list[_Line]] = []
    counts: Counter[tuple[bool, str]] = Counter()
    for pieces, height in zip(pages, heights):
        found = [p for p in pieces if p.y0 >= height * (1 - MARGIN_ZONE)
                 or p.y1 <= height * MARGIN_ZONE]
        zones.append(found)
        counts.update({(p.y0 >= height / 2, _furniture_key(p.text)) for p in found})
    needed = max(2, math.ceil(0.5 * len(pages)))
    seen: set[tuple[bool, str]] = set()
    kept: list[tuple[list[_Line], list[_Line]]] = []
    for pieces, found, height in zip(pages, zones, heights):
        heads: list[_Line] = []
        feet: list[_Line] = []
        for piece in found:
            where = (piece.y0 >= height / 2, _furniture_key(piece.text))
            if _PAGE_NUMBER.match(where[1]):
                pieces.remove(piece)
            elif counts[where] >= needed:
                pieces.remove(piece)
                if where not in seen:
                    seen.add(where)
                    (heads if where[0] else feet).append(replace(piece, row=True))
        kept.append((sorted(heads, key=lambda x: -x.y1), sorted(feet, key=lambda x: -x.y1)))
    return kept


class _Vocabulary:
    """Words as the document writes them, to decide what a line-end hyphen was."""

    def __init__(self, texts: list[str]) -> None:
        self.plain: set[str] = set()
        self.hyphenated: set[str] = set()
        self.tails: set[str] = set()  # "prone" of "flood-prone": a compound's last part
        for text in texts:
            body = text[:-1] if text.endswith("-") else text  # not the line-end hyphen
            for word in _WORD.findall(body.lower()):
                (self.hyphenated if "-" in word else self.plain).add(word)
        self.tails = {word.rsplit("-", 1)[1] for word in self.hyphenated
                      if len(word.rsplit("-", 1)[1]) >= 4}

    def join(self, before: str, after: str) -> tuple[bool, str]:
        """How a line ending in ``before`` meets the next line ``after``: whether to drop
        ``before``'s last character (a line-end hyphen), and the text to append."""
        if not before.endswith("-") or before[-2:-1].isspace():
            return False, " " + after
        if after[:1] == "-" and after[1:2].isalpha():  # "anti-" / "-drug": one hyphen
            return False, after[1:]
        head = re.search(r"([^\W\d_]+)-$", before)
        tail = re.match(r"[^\W\d_]+", after)
        if head is None or tail is None or not after[0].islower():
            return False, after  # Secretary-General, 1990-2000: the hyphen is real
        word = (head.group(1) + tail.group()).lower()
        compound = f"{head.group(1)}-{tail.group()}".lower()
        known = compound in self.hyphenated or tail.group().lower() in self.tails
        return not (known and word not in self.plain), after


def _left(lines: list[_Line], size: float) -> float:
    lefts = Counter(round(line.x0 / (size / 2)) for line in lines if not line.row)
    return lefts.most_common(1)[0][0] * size / 2 if lefts else min(x.x0 for x in lines)


def _rights(lines: list[_Line]) -> list[float]:
    """Where each line's neighbourhood (two lines either side) ends on the right: lines
    beside a photo are narrower than the column, and not short for that."""
    ends = [line.x1 for line in lines]
    return [max(ends[max(0, i - 2):i + 3]) for i in range(len(lines))]


def _breaks(prev: _Line, line: _Line, pitch: float, size: float, left: float, right: float,
            in_item: bool) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` (same block)."""
    if line.row or prev.row or _BULLET.match(line.text):
        return True
    if prev.size and line.size and abs(prev.size - line.size) > 0.1 * max(prev.size, line.size):
        return True  # a heading and the text under it
    if prev.y1 - line.y1 > pitch * 1.35 or line.y1 > prev.y1:
        return True
    # the previous line ended early although the next word would have fitted: after a
    # sentence, or from bold to plain or back (a heading of the text's size, not a bold
    # phrase or link that runs on)
    char = (line.x1 - line.x0) / max(1, len(line.text))
    word = len(line.text.split(" ", 1)[0]) + 1
    early = right - prev.x1 > max(size, word * char)
    if early and prev.bold != line.bold:
        return True
    if early and _ENDS_SENTENCE.search(prev.text) and not line.text[:1].islower():
        return True
    indented = line.x0 - left > 1.2 * size
    return indented and not in_item and prev.x0 - left < 0.5 * size and \
        not _centred_under(prev, line, size)


def _centred_under(prev: _Line, line: _Line, size: float) -> bool:
    """Whether ``line`` is set centred under ``prev`` (a caption, a title over two
    lines): it starts as far in as it ends early, which a first-line indent does not."""
    return line.x1 < prev.x1 - size and \
        abs((line.x0 - prev.x0) - (prev.x1 - line.x1)) < 0.5 * size


def _continued(out: list[_Para], first: _Line) -> _Para | None:
    """The paragraph a block's first line continues: the latest one cut by the end of its
    block (a column or page break), not ending a sentence, in the same font size and no
    narrower, when the line starts in lower case. Blocks read in between (a sidebar, a
    caption, a boilerplate box at the foot of the page) stay where they are, after it."""
    if first.row or not first.text[:1].islower() or _BULLET.match(first.text):
        return None
    for para in reversed(out[-12:]):
        if para.cut and not para.row and not _ENDS_SENTENCE.search(para.text) and \
                _similar(para.size, first.size) and first.x1 - first.x0 <= 1.25 * para.width:
            return para
    return None


def _similar(a: float, b: float) -> bool:
    return not a or not b or abs(a - b) <= 0.1 * max(a, b)


def paragraphs(blocks: list[tuple[int, list[_Line]]], vocabulary: _Vocabulary) -> list[_Para]:
    """Lines joined into paragraphs; a paragraph cut by a column or page break rejoined."""
    out: list[_Para] = []
    for page, lines in blocks:
        if not lines:
            continue
        size = max(1.0, statistics.median(x.y1 - x.y0 for x in lines))
        steps = [a.y1 - b.y1 for a, b in pairwise(lines) if 0 < a.y1 - b.y1 < 2.5 * size]
        pitch = statistics.median(steps) if steps else 1.2 * size
        left, rights = _left(lines, size), _rights(lines)
        first = lines[0]
        para = _continued(out, first)
        if para is not None:
            para.append(page, first.text, vocabulary)
        else:
            para = _Para([(page, first.text)], first.row, first.size)
            out.append(para)
        para.cut = False
        in_item = bool(_BULLET.match(first.text))
        for number, (prev, line) in enumerate(pairwise(lines)):
            if _breaks(prev, line, pitch, size, left, rights[number], in_item):
                para = _Para([(page, line.text)], line.row, line.size)
                out.append(para)
                in_item = bool(_BULLET.match(line.text))
                continue
            para.append(page, line.text, vocabulary)
        last = lines[-1]
        para.width = last.x1 - last.x0
        para.cut = last.text.endswith("-") or last.x1 >= rights[-1] - 2 * size
    return out


def _page_starts(parts: list[tuple[int, int]], pages: int, end: int) -> tuple[int, ...]:
    """Each page's first offset from (page, offset) of every part in text order. A page
    starts after the last text of the page before it: a paragraph run on from that page
    (rejoined ahead of a sidebar or a box) is cited where it begins."""
    last_of = [-1] * pages
    for page, offset in parts:
        last_of[page] = max(last_of[page], offset)
    starts = [end] * pages
    before = -1
    for page in range(pages):
        later = [offset for number, offset in parts if number >= page and offset > before]
        starts[page] = min(later, default=end)
        before = max(before, last_of[page])
    for number in range(pages - 1, 0, -1):  # never after the next page's start
        starts[number - 1] = min(starts[number - 1], starts[number])
    return tuple(starts)


def compose(pages: list[PageRuns]) -> tuple[str, tuple[int, ...]]:
    """The canonical text of a PDF's pages and the offset where each page starts."""
    pieces = [_lines(page.runs) for page in pages]
    furniture = drop_furniture(pieces, [page.height for page in pages])
    blocks = [(number, block) for number, (page_pieces, (heads, feet))
              in enumerate(zip(pieces, furniture))
              for block in [*reading_order(page_pieces), *([x] for x in heads + feet)]]
    vocabulary = _Vocabulary([line.text for _, block in blocks for line in block])
    parts: list[tuple[int, int]] = []
    chunks: list[str] = []
    offset = 0
    for para in paragraphs(blocks, vocabulary):
        if chunks:
            chunks.append("\n\n")
            offset += 2
        for page, text in para.parts:
            parts.append((page, offset + len(text) - len(text.lstrip())))
            chunks.append(text)
            offset += len(text)
    return "".join(chunks), _page_starts(parts, len(pages), offset)
