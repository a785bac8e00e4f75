"""PDFium's own characters, words and lines: a page's text before any layout rule of ours.

Issue #11: re-deriving spaces from glyph gaps broke and glued words that PDFium itself
reads right (``Peninsu la``, ``withthe``, ``US$9 5 0,000``): a kerned or letter-spaced
word has gaps as wide as a narrow space. So words here are exactly PDFium's: the
characters between the spaces and line breaks PDFium puts in its text (its own, or
generated where the glyph positions say so). Our only cuts are between words:

- a line ends at PDFium's line break, at its line-end hyphen (``FPDFText_IsHyphen``,
  written ``-``; :mod:`.pdf_layout` decides whether the word is joined) and where the next
  character is no longer on the same baseline (PDFium joins a hyphenated word's halves);
- a line is cut into pieces at a gap of over :data:`SPLIT` line heights between two words
  (table cells, columns and sidebars that PDFium read as one line); a lone bullet stays
  with the words after it.

Each piece is a :class:`~.pdf_layout.Run`: its box from the characters' loose boxes
(ascent to descent, so every line of one font has the same height), that height as its
size (``FPDFText_GetFontSize`` says 1 when a producer scales text by its matrix, as
Acrobat's PDFMaker does), whether all its words are bold, and the text. Pieces keep
PDFium's order, which is the producer's order.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Any

from briefing_tui.core.extract.pdf_layout import Run

#: A gap between two words wider than this many line heights cuts a line into pieces.
SPLIT = 2.0
#: Inside one PDFium word a gap this wide is no letter spacing: two words PDFium glued.
GLUED = 3.0
#: A font weight from this up is bold (a heading, when a whole line is).
BOLD = 600
_BREAKS = frozenset((0x0A, 0x0D))
_HYPHENS = frozenset((0x02, 0xFFFE))
_SPACES = frozenset(c for c in range(0x3001) if chr(c).isspace() or c == 0)
#: A line break, a run of spaces, a (maybe line-end) hyphen, or a run of other characters.
_TOKEN = re.compile("[\r\n]|(?:[^\\S\r\n]|\x00)+|[-\x02\ufffe]|[^-\\s\x00\x02\ufffe]+")
_BULLETS = frozenset("•▪‣◦●■*·-–o")


@dataclass
class _Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    bold: bool

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


def _codes(raw: Any, handle: Any, count: int) -> tuple[list[int], str]:
    """Each character's code point, and the characters as a string: PDFium's text in one
    call when it maps one to one onto its characters (no surrogate pairs), else character
    by character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer) if count else 0
    codes = list(buffer[:count])
    if written != count + 1 or (codes and max(codes) >= 0xD800 and
                                any(0xD800 <= c <= 0xDFFF for c in codes)):
        codes = [raw.FPDFText_GetUnicode(handle, index) for index in range(count)]
        codes = [c if 0 < c < 0x110000 and not 0xD800 <= c <= 0xDFFF else
                 (0 if c == 0 else 0xFFFD) for c in codes]
    return codes, "".join(map(chr, codes))


class _Reader:
    """Characters to words and lines. A word's box is read from its first and last
    character; only a word whose ends do not fit one line of letters is read character
    by character (a gap wider than GLUED, or halves on two lines)."""

    def __init__(self, raw: Any, handle: Any) -> None:
        self.handle = handle
        self.is_hyphen, self.loose_box = raw.FPDFText_IsHyphen, raw.FPDFText_GetLooseCharBox
        self.weight = raw.FPDFText_GetFontWeight
        self.rect = raw.FS_RECTF()
        self.rect_ref = ctypes.byref(self.rect)
        self.out: list[list[_Word]] = []
        self.line: list[_Word] = []
        self.word: _Word | None = None
        self.height = 0.0  # of the word being read, or of the line's last word

    def box(self, index: int) -> tuple[float, float, float, float] | None:
        if not self.loose_box(self.handle, index, self.rect_ref):
            return None
        rect = self.rect
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        if left > right:
            left, right = right, left
        if bottom > top:
            bottom, top = top, bottom
        return left, bottom, right, top

    def end_line(self) -> None:
        self.word = None
        if self.line:
            self.out.append(self.line)
            self.line = []

    def read_word(self, codes: list[int], chars: str, start: int, end: int) -> None:
        """The characters ``start`` to ``end`` (inclusive), between spaces."""
        first, last = self.box(start), self.box(end)
        if first is not None and last is not None:
            width = last[2] - first[0]
            height = max(first[3] - first[1], 0.1)
            fits = 0 <= width <= (end - start + 1) * 1.2 * height and \
                min(first[3], last[3]) - max(first[1], last[1]) >= 0.5 * height
            if fits:
                self.place(first)
                self.word = _Word(first[0], min(first[1], last[1]), max(first[2], last[2]),
                                  max(first[3], last[3]), chars[start:end + 1],
                                  self.weight(self.handle, start) >= BOLD)
                self.height = height
                self.line.append(self.word)
                self.word = None
                return
        for index in range(start, end + 1):
            self.read_char(index, codes[index])
        self.word = None

    def place(self, box: tuple[float, float, float, float]) -> None:
        """End the current line when a word at ``box`` is not on it."""
        previous = self.word if self.word is not None else (self.line[-1] if self.line
                                                             else None)
        if previous is None:
            return
        left, bottom, _, top = box
        if left < previous.x0 - self.height or min(previous.y1, top) - \
                max(previous.y0, bottom) < 0.5 * min(self.height, top - bottom):
            self.end_line()  # no longer on the line (PDFium joins hyphenated halves)

    def read_char(self, index: int, code: int) -> None:
        box = self.box(index)
        if box is None:
            return
        self.place(box)
        left, bottom, right, top = box
        word = self.word
        if word is not None and left - word.x1 > GLUED * self.height:
            word = self.word = None
        char = chr(code)
        if word is None:
            self.word = _Word(left, bottom, right, top, char,
                              self.weight(self.handle, index) >= BOLD)
            self.height = max(top - bottom, 0.1)
            self.line.append(self.word)
        else:
            word.text += char
            word.x1, word.y0, word.y1 = max(word.x1, right), min(word.y0, bottom), \
                max(word.y1, top)

    def hyphen(self, index: int) -> None:
        """PDFium's line-end hyphen: written ``-`` on the word before it; the line ends."""
        box = self.box(index)
        if self.line and box is not None:
            word = self.line[-1]
            word.text += "-"
            word.x1 = max(word.x1, box[2])
        self.end_line()


def lines(pdfium: Any, textpage: Any) -> list[list[_Word]]:
    """The page's words, line by line, in PDFium's order."""
    raw = pdfium.raw
    handle = textpage.raw
    codes, chars = _codes(raw, handle, raw.FPDFText_CountChars(handle))
    reader = _Reader(raw, handle)
    start = end = -1  # the word being gathered
    for token in _TOKEN.finditer(chars):
        first = token.start()
        code = codes[first]
        hyphen = code in _HYPHENS or (code == 0x2D and reader.is_hyphen(handle, first) == 1)
        if not hyphen and (code == 0x2D or not (code in _BREAKS or code in _SPACES)):
            start, end = (start, token.end() - 1) if start >= 0 else (first, token.end() - 1)
            continue
        if start >= 0:
            reader.read_word(codes, chars, start, end)
            start = -1
        if hyphen:
            reader.hyphen(first)
        elif code in _BREAKS:
            reader.end_line()
    if start >= 0:
        reader.read_word(codes, chars, start, end)
    reader.end_line()
    return reader.out


def pieces(line: list[_Word]) -> list[Run]:
    """One line's words joined by single spaces, cut where a gap is wider than SPLIT."""
    runs: list[Run] = []
    group: list[_Word] = []
    for word in line:
        if group:
            gap = word.x0 - group[-1].x1
            lone_bullet = len(group) == 1 and len(group[0].text) == 1 and \
                group[0].text in _BULLETS
            if gap > SPLIT * max(group[-1].height, word.height) and not lone_bullet:
                runs.append(_run(group))
                group = []
        group.append(word)
    if group:
        runs.append(_run(group))
    return runs


def _run(words: list[_Word]) -> Run:
    if len(words) == 1:
        word = words[0]
        return Run(word.x0, word.y0, word.x1, word.y1, word.text, word.height,
                   _bold(words))
    return Run(min(w.x0 for w in words), min(w.y0 for w in words),
               max(w.x1 for w in words), max(w.y1 for w in words),
               " ".join(w.text for w in words), max(w.height for w in words),
               _bold(words))


def _bold(words: list[_Word]) -> bool:
    """All words bold (a bullet or dash in a plain font does not count)."""
    counted = [w.bold for w in words if any(c.isalnum() for c in w.text)]
    return bool(counted) and all(counted)
