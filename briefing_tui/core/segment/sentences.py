"""Sentence ends inside one layout unit: Punkt, with our abbreviations and our fixes.

nupunkt (the Punkt algorithm, MIT, no dependencies) proposes the ends; it keeps its
learned orthographic evidence, collocations and sentence starters, but its abbreviation
list is replaced by :data:`ABBREVIATIONS`. Then, in order:

- a list item's marker (``1.``, ``• 9.``, ``a)``) is never a sentence of its own, and an
  inline list (``1.) The first item 2.) The second item``) is split at its markers;
- ``؟`` (Arabic question mark), ``۔`` (Urdu/Pashto full stop), ``।``/``॥`` (Devanagari)
  end a sentence before a space, ``。！？`` (CJK) wherever more text follows;
- a sentence never starts with a lowercase letter: that is a continuation after an
  abbreviation or a mark (``D.R.C. border``, ``Yahoo! in``) and joins the one before;
- a caption's label (``Figure 1.``, ``Table 2.``, ``Map 3.``) is no sentence of its own:
  it joins the caption after it (``Figure 1. Departments in alert``);
- no break inside a short closed quotation (``“We will hold the bridge. We have enough
  ammunition.”`` is one unit).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import nupunkt

from briefing_tui.core.segment.abbreviations import ABBREVIATIONS
from briefing_tui.core.segment.punkt_spans import PunktSpans

#: A list item's enumerator at the start of a unit: group ``n`` the ordinal, ``p`` its
#: punctuation, ``b`` a bullet before it.
_ENUMERATOR = re.compile(
    r"[ \t]*(?P<b>[•⁃*▪‣◦-][ \t]*)?\(?(?P<n>\d{1,3}|[A-Za-z]|[ivxlIVXL]{2,5})"
    r"(?P<p>\.\)|[.)])[ \t]+")
_BULLET = re.compile(r"[ \t]*[•⁃*▪‣◦–—-][ \t]+")
_SCRIPT_END = re.compile(r"[؟۔।॥]+[\"'’”»)\]]*(?=\s)|[。！？]+[」』”’）)\]]*(?=\S)")
#: The marks :data:`_SCRIPT_END` ends a sentence at (looked for with ``in``: sre scans a
#: character class ~50 times slower than ``str`` finds one character).
_SCRIPT_STOPS = "؟۔।॥。！？"
_OPENERS = "\"'“‘«([{¿¡"
#: A caption's label standing alone: it joins the caption text after it.
_CAPTION_LABEL = re.compile(
    r"(?:Figure|Fig\.|Table|Map|Chart|Graph|Graphic|Box|Photo|Image|Annex|Exhibit)"
    r"[ \t\u00a0]+(?:\d{1,3}[a-z]?|[IVX]{1,5})\.")
#: The longest quotation (open to close, characters) kept whole across sentence ends.
QUOTE_MAX = 300


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """nupunkt's default model with :data:`ABBREVIATIONS` as its whole abbreviation list."""
    params = nupunkt.load_default_model()._params
    params.abbrev_types = set(ABBREVIATIONS)
    params.abbrev_break_rates = {typ: rate for typ, rate in params.abbrev_break_rates.items()
                                 if typ in ABBREVIATIONS}
    params.freeze_sets()
    punkt = nupunkt.PunktSentenceTokenizer(params)
    punkt.clear_decision_cache()
    return punkt


@lru_cache(maxsize=1)
def punkt_spans() -> PunktSpans:
    """nupunkt's spans of a text, in one lean pass (:mod:`.punkt_spans`)."""
    return PunktSpans(tokenizer())


def _next_ordinal(ordinal: str) -> str:
    if ordinal.isdigit():
        return str(int(ordinal) + 1)
    return chr(ord(ordinal) + 1) if len(ordinal) == 1 and ordinal not in "zZ" else ""


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """``(start, body, end)`` of each list item in the unit (one piece when it is none):
    ``body`` is where the text after the item's marker begins."""
    match = _ENUMERATOR.match(text, start, end)
    if match is None:
        bullet = _BULLET.match(text, start, end)
        return [(start, bullet.end() if bullet else start, end)]
    pieces = []
    piece, body = start, match.end()
    ordinal, punct, bullet_mark = match["n"], match["p"], (match["b"] or "").strip()
    while True:
        ordinal = _next_ordinal(ordinal)
        if not ordinal:
            break
        nxt = re.compile(rf"(?<=\s){re.escape(bullet_mark)}[ \t]*{re.escape(ordinal)}"
                         rf"{re.escape(punct)}[ \t]+" if bullet_mark else
                         rf"(?<=\s){re.escape(ordinal)}{re.escape(punct)}[ \t]+")
        found = nxt.search(text, body, end)
        if found is None:
            break
        pieces.append((piece, body, found.start()))
        piece, body = found.start(), found.end()
    pieces.append((piece, body, end))
    return pieces


def _split_scripts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        for match in _SCRIPT_END.finditer(text, a, b):
            if match.end() < b:
                out.append((a, match.end()))
                a = match.end()
        out.append((a, b))
    return out


def _starts_lowercase(text: str, start: int, end: int) -> bool:
    while start < end and (text[start] in _OPENERS or text[start].isspace()):
        start += 1
    return start < end and text[start].islower()


def _inside_quote(text: str, start: int, boundary: int, end: int) -> bool:
    """Whether ``boundary`` lies inside a quotation opened after ``start`` and closed
    before ``end``, at most :data:`QUOTE_MAX` long (bounded searches: no slices)."""
    lo, hi = max(start, boundary - QUOTE_MAX), min(end, boundary + QUOTE_MAX)
    for opener, closer in (("“", "”"), ("«", "»")):
        opened = text.rfind(opener, lo, boundary)
        if opened != -1 and text.find(closer, opened, boundary) == -1:
            closed = text.find(closer, boundary, hi)
            return closed != -1 and closed - opened <= QUOTE_MAX
    if text.count('"', lo, boundary) % 2 and text.count('"', start, boundary) % 2:
        opened = text.rfind('"', lo, boundary)
        closed = text.find('"', boundary, hi)
        return closed != -1 and closed - opened <= QUOTE_MAX
    return False


def _is_label(chunk: str, start: int, end: int) -> bool:
    """Whether ``chunk[start:end]`` is only a caption's label (``Figure 1.``)."""
    return end - start <= 16 and chunk[end - 1] == "." and \
        _CAPTION_LABEL.fullmatch(chunk, max(0, start), end) is not None


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _one_piece(text: str, start: int) -> bool:
    """Whether the unit at ``start`` surely starts with no list marker: two letters,
    the first no roman digit (what :data:`_ENUMERATOR` and :data:`_BULLET` need)."""
    first = text[start:start + 2]
    return first.isalpha() and len(first) == 2 and first[0] not in "ivxlIVXL"


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of one layout unit ``text[start:end]``, trimmed, in order."""
    punkt = punkt_spans()
    spans: list[tuple[int, int]] = []
    pieces = [(start, start, end)] if _one_piece(text, start) else _pieces(text, start, end)
    for piece, body, piece_end in pieces:
        chunk = text[body:piece_end]
        if "\n" in chunk:  # same length; nupunkt reads a line start as an enumerator
            chunk = chunk.replace("\n", " ")  # ("\n162. The ministry" lost its break)
        if "\u2028" in chunk:
            chunk = chunk.replace("\u2028", " ")
        found = punkt(chunk)
        if not found:
            found = [(piece - body, piece_end - body)]
        elif piece != body:
            found[0] = (piece - body, found[0][1])
        ascii_only = chunk.isascii()  # O(1): no script stops, no curly quotes
        if not ascii_only and any(stop in chunk for stop in _SCRIPT_STOPS):
            found = _split_scripts(chunk, found)
        if len(found) > 1:
            found = _joined(text, chunk, found, piece, body, piece_end, ascii_only)
        for a, b in found:
            a += body
            b += body
            if a >= b:
                continue
            if text[a].isspace() or text[b - 1].isspace():
                a, b = _trimmed(text, a, b)
                if a == b:
                    continue
            spans.append((a, b))
    return spans


def _joined(text: str, chunk: str, found: list[tuple[int, int]], piece: int, body: int,
            piece_end: int, ascii_only: bool) -> list[tuple[int, int]]:
    """``found`` with each sentence that starts lowercase, follows a caption's label
    or lies inside a short closed quotation joined to the one before."""
    quoted = '"' in chunk or (not ascii_only and ("“" in chunk or "«" in chunk))
    merged = [found[0]]
    for index in range(1, len(found)):
        a, b = found[index]
        first = chunk[a]
        if first.islower() or ((first in _OPENERS or first.isspace())
                               and _starts_lowercase(chunk, a, b)) or \
                _is_label(chunk, *merged[-1]) or \
                (quoted and _inside_quote(text, piece, body + a, piece_end)):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged
