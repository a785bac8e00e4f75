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


def _same_line(word: _Word, left: float, bottom: float, right: float, top: float) -> bool:
    """Whether a character at this box continues the line ``word`` is on."""
    overlap = min(word.y1, top) - max(word.y0, bottom)
    return overlap >= 0.5 * min(word.height, top - bottom) and left >= word.x0 - word.height


def lines(pdfium: Any, textpage: Any) -> list[list[_Word]]:
    """The page's words, line by line, in PDFium's order."""
    raw = pdfium.raw
    handle = textpage.raw
    unicode_of, is_hyphen = raw.FPDFText_GetUnicode, raw.FPDFText_IsHyphen
    loose_box, weight = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontWeight
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    out: list[list[_Word]] = []
    line: list[_Word] = []
    word: _Word | None = None

    def end_line() -> None:
        nonlocal line
        if line:
            out.append(line)
            line = []

    for index in range(raw.FPDFText_CountChars(handle)):
        code = unicode_of(handle, index)
        if code in _BREAKS:
            word = None
            end_line()
            continue
        char = chr(code) if code < 0x110000 else "\ufffd"
        if code == 0 or char.isspace():
            word = None
            continue
        hyphen = code in _HYPHENS or (code == 0x2D and is_hyphen(handle, index) == 1)
        if not loose_box(handle, index, rect_ref):
            continue
        left, right = min(rect.left, rect.right), max(rect.left, rect.right)
        bottom, top = min(rect.bottom, rect.top), max(rect.bottom, rect.top)
        last = word or (line[-1] if line else None)
        if last is not None and not _same_line(last, left, bottom, right, top):
            word = None
            end_line()
        if word is not None and left - word.x1 > GLUED * word.height:
            word = None
        if hyphen:
            if word is not None:
                word.text += "-"
                word.x1 = max(word.x1, right)
            word = None
            end_line()
            continue
        if word is None:
            word = _Word(left, bottom, right, top, char, weight(handle, index) >= BOLD)
            line.append(word)
        else:
            word.text += char
            word.x1 = max(word.x1, right)
            word.y0, word.y1 = min(word.y0, bottom), max(word.y1, top)
    end_line()
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
