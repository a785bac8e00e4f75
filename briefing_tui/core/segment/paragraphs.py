"""Paragraphs as the document has them, and the document's own paragraph numbers.

A paragraph ends at a blank line, and at U+2029 (PARAGRAPH SEPARATOR, common in press-
release feeds); U+2028 (LINE SEPARATOR) counts as a line break, so two of them in a row
make a blank line too. A block of long lines with no blank line between them (UN
statements come so) is one paragraph per line; a line that goes on in lowercase is a hard
wrap and joins the one before.

A paragraph that starts with its own number (``48.<TAB>``, ``93. Mr. President``, ``(a)``,
``1.2``) is cited by that number (¶48) and the number is not part of the first sentence.
A short numbered line ("1. Security remains volatile.") is a list item, not a label: the
number stays in its sentence, unless it comes next after a labelled paragraph.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

#: Line breaks inside a paragraph (U+2028 is one, for layout and splitting alike).
LINE_BREAKS = "\n\u2028"
_HSPACE = r"[^\S\n\u2028\u2029]"
#: Two line breaks with only blanks between (and any more after), or U+2029; written
#: to start with one character class so the regex engine skips ahead to it (2x faster).
_PARAGRAPH_BREAK = re.compile(
    rf"[\n\u2028\u2029](?:(?<=\u2029)|{_HSPACE}*[\n\u2028](?:{_HSPACE}*[\n\u2028])*)")
#: The same breaks in a text without U+2028/U+2029: a literal first character lets the
#: regex engine jump from line break to line break (6x faster than the class above).
_NEWLINE_BREAK = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_LINE_BREAK = re.compile("[\n\u2028]")
#: A line this long was not hard-wrapped: a block made mostly of such lines has one
#: paragraph per line.
LONG_LINE = 150
_LONG_SHARE = 0.6

#: ``48.<TAB>``, ``93. ``, ``1.2 ``, ``1.2.3. ``, ``(a) ``, ``(iv) ``, ``(12) ``.
_LABEL = re.compile(
    r"(?P<label>\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.|\((?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})\))"
    r"(?P<gap>\t[ \t]*| +)(?=\S)")
#: A plain ``N.`` with a space after it is a label only before a paragraph this long.
LABELLED_BODY = 150


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Stretches of text between paragraph breaks, trimmed, from ``start`` on."""
    pos = start
    separators = "\u2028" in text or "\u2029" in text
    for match in (_PARAGRAPH_BREAK if separators else _NEWLINE_BREAK).finditer(text, start):
        a, b = _trim(text, pos, match.start())
        if a < b:
            yield a, b
        pos = match.end()
    a, b = _trim(text, pos, len(text))
    if a < b:
        yield a, b


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines = []
    pos = start
    for match in _LINE_BREAK.finditer(text, start, end):
        lines.append((pos, match.start()))
        pos = match.end()
    lines.append((pos, end))
    return lines


def _one_per_line(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether a block's lines are paragraphs: it has a few, most of its text is in long
    lines (a headline over one long line is not such a block)."""
    if len(lines) < 3:
        return False
    total = sum(b - a for a, b in lines)
    long = sum(b - a for a, b in lines if b - a >= LONG_LINE)
    return long >= _LONG_SHARE * total


def _has_long_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a line break and a line of :data:`LONG_LINE`."""
    if text.find("\n", start, end) == -1 and text.find("\u2028", start, end) == -1:
        return False
    chunk = text[start:end]
    if "\u2028" in chunk:
        chunk = chunk.replace("\u2028", "\n")
    lines = chunk.split("\n")
    return len(lines) > 1 and max(map(len, lines)) >= LONG_LINE


def _continues(text: str, pos: int, end: int) -> bool:
    """Whether the line at ``pos`` goes on in lowercase (a hard wrap)."""
    while pos < end and text[pos].isspace():
        pos += 1
    return pos < end and text[pos].islower()


def paragraph_spans(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each paragraph from ``start`` on, trimmed of blank edges."""
    for a, b in _blocks(text, start):
        if not _has_long_line(text, a, b):  # needed for one paragraph per line; C speed
            yield a, b
            continue
        lines = line_spans(text, a, b)
        if not _one_per_line(text, lines):
            yield a, b
            continue
        para_start = a
        for (_, line_end), (next_start, _) in itertools.pairwise(lines):
            if not _continues(text, next_start, b):
                p, q = _trim(text, para_start, line_end)
                if p < q:
                    yield p, q
                para_start = next_start
        p, q = _trim(text, para_start, b)
        if p < q:
            yield p, q


def _follows(label: str, previous: str) -> bool:
    return label.isdigit() and previous.isdigit() and int(label) == int(previous) + 1


def paragraph_label(text: str, start: int, end: int, previous: str = "") -> tuple[str, int]:
    """The paragraph's own number (``"48"``, ``"(a)"``, ``"1.2"``; ``""`` if none) and
    where its first sentence starts. ``previous`` is the last label before it: a short
    paragraph numbered next after it is labelled too ("118. This Declaration stated:")."""
    match = _LABEL.match(text, start, end)
    if match is None:
        return "", start
    label, gap = match.group("label"), match.group("gap")
    first = text[match.end()]
    if not label.startswith("(") and (first.islower() or first.isdigit()):
        return "", start  # "1.2 million people", "3. and then": a number, not a label
    label, plain = label.rstrip("."), label.endswith(".") and label.count(".") == 1
    if (plain and "\t" not in gap and end - match.end() < LABELLED_BODY
            and not _follows(label, previous)):
        return "", start
    return label, match.end()
