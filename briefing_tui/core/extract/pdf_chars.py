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


def _codes(raw: Any, handle: Any, count: int) -> list[int]:
    """Each character's code point: PDFium's text in one call when it maps one to one
    onto its characters (no surrogate pairs), else character by character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer) if count else 0
    codes = list(buffer[:count])
    if written == count + 1 and not any(0xD800 <= c <= 0xDFFF for c in codes):
        return codes
    return [raw.FPDFText_GetUnicode(handle, index) for index in range(count)]


def lines(pdfium: Any, textpage: Any) -> list[list[_Word]]:
    """The page's words, line by line, in PDFium's order."""
    raw = pdfium.raw
    handle = textpage.raw
    is_hyphen, loose_box = raw.FPDFText_IsHyphen, raw.FPDFText_GetLooseCharBox
    weight = raw.FPDFText_GetFontWeight
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    out: list[list[_Word]] = []
    line: list[_Word] = []
    word: _Word | None = None
    height = 0.0  # of the word being read, or of the line's last word
    for index, code in enumerate(_codes(raw, handle, raw.FPDFText_CountChars(handle))):
        if code in _BREAKS:
            word = None
            if line:
                out.append(line)
                line = []
            continue
        if code in _SPACES or not loose_box(handle, index, rect_ref):
            word = None
            continue
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        if left > right:
            left, right = right, left
        if bottom > top:
            bottom, top = top, bottom
        last = word if word is not None else (line[-1] if line else None)
        if last is not None:
            half = 0.5 * min(height, top - bottom)
            if left < last.x0 - height or min(last.y1, top) - max(last.y0, bottom) < half:
                word = None  # no longer on the line (PDFium joins hyphenated halves)
                out.append(line)
                line = []
            elif word is not None and left - word.x1 > GLUED * height:
                word = None
        if code in _HYPHENS or (code == 0x2D and is_hyphen(handle, index) == 1):
            if word is not None:
                word.text += "-"
                word.x1 = max(word.x1, right)
            word = None
            if line:
                out.append(line)
                line = []
            continue
        char = chr(code) if code < 0x110000 else "\ufffd"
        if word is None:
            word = _Word(left, bottom, right, top, char, weight(handle, index) >= BOLD)
            height = max(top - bottom, 0.1)
            line.append(word)
        else:
            word.text += char
            if right > word.x1:
                word.x1 = right
            if bottom < word.y0:
                word.y0 = bottom
            if top > word.y1:
                word.y1 = top
    if line:
        out.append(line)
    return out


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
    return Run(min(w.x0 for w in words), min(w.y0 for w in words),
               max(w.x1 for w in words), max(w.y1 for w in words),
               " ".join(w.text for w in words), max(w.height for w in words),
               _bold(words))


def _bold(words: list[_Word]) -> bool:
    """All words bold (a bullet or dash in a plain font does not count)."""
    counted = [w.bold for w in words if any(c.isalnum() for c in w.text)]
    return bool(counted) and all(counted)
