"""Layout units inside a paragraph: headings, list items, datelines and running prose.

Our rules (docs/ARCHITECTURE.md's contract), applied before Punkt judges sentence ends: a line
without final punctuation that is followed by a capitalised line (a headline, a caption, a
release header, a byline) is its own unit, as is a list item and a dateline standing on its
own line ("KABUL, Afghanistan (Jan. 25, 2013)"). A hard-wrapped line does not end one: a
line that reaches the wrap width goes on, and so does a line after it that only *looks*
like a list item because the wrap put ``— ``, ``W. E. B.``, ``p. 17)``, ``ill.`` or
``162.`` first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from briefing_tui.core.segment.abbreviations import ABBREVIATIONS
from briefing_tui.core.segment.paragraphs import LONG_LINE, line_spans

#: A list item's marker: a bullet or dash, or an enumerator (``1.``, ``(a)``, ``iv)``).
LIST_MARKER = re.compile(
    r"[ \t]*(?:[-*•–—·▪‣◦⁃]|\(?\d{1,3}(?:\.\)|[.)])|\(?[A-Za-z][.)]|\(?[ivxlIVXL]{1,5}[.)])"
    r"[ \t]")
#: Markers that a hard wrap can put first on a line of running prose.
_AMBIGUOUS_MARKER = re.compile(r"[ \t]*(?:[–—]|\(?\d{1,3}[.)]|\(?[A-Za-z][.)]|"
                               r"\(?[ivxlIVXL]{1,5}[.)])[ \t]")
#: A dateline on its own line: place in capitals, maybe a country, then a date or an
#: agency in parentheses, maybe a dash.
DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z .'’-]{2,}(?:,[^()\n\u2028]{0,40})?[ \t]*\([^()\n\u2028]{3,40}\)"
    r"[ \t]*[-–—]?[ \t\u00a0]*$")
# A line ending in one of these is prose that Punkt can judge; no layout cut is forced.
_ENDS_PROSE = frozenset(".!?:;,\"')]}…”’»-–—/&(")
_ENDS_SENTENCE = frozenset(".!?:;…")
_OPENING = "\"'“‘«(["
# A line ending in one of these words is plainly mid-sentence (hard wrap).
_FUNCTION_WORDS = frozenset((
    "a an the of to in on at by for from with and or but nor as than that which who whom "
    "whose into onto over under after before since until about against between among "
    "during through without within is are was were be been has have had will would "
    "shall should can could may might must its their his her our your my this these "
    "those said says per via"
).split())
_HEADING_MAX_WORDS = 15
#: A line at least this share of the wrap width was wrapped, not ended.
_WRAPPED_SHARE = 0.8


def _wrapped(line: str, prose_width: int) -> bool:
    """Whether ``line`` runs on into the next: near the wrap width, and no sentence end
    (a final abbreviation or initial, ``on Jan.`` or ``As W.``, is none)."""
    stripped = line.rstrip()
    if not (prose_width and stripped and len(stripped) >= _WRAPPED_SHARE * prose_width):
        return False
    if stripped[-1] not in _ENDS_SENTENCE:
        return True
    last = stripped.rsplit(None, 1)[-1].lstrip(_OPENING)
    word = last[:-1].lower()
    return last.endswith(".") and ((len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS)


def is_item(line: str, previous: str | None, prose_width: int) -> bool:
    """Whether ``line`` starts a list item (not a wrap that put a marker-like word first)."""
    if not LIST_MARKER.match(line):
        return False
    if previous is None or not _AMBIGUOUS_MARKER.match(line):
        return True
    return not _wrapped(previous, prose_width)


def ends_unit(line: str, line_is_item: bool, next_line: str, next_is_item: bool,
              prose_width: int) -> bool:
    """Whether the line break between ``line`` and ``next_line`` ends a layout unit."""
    if next_is_item:
        return True
    first = next_line.lstrip()[:1]
    if not first or first.islower():
        return False
    if line_is_item or DATELINE.match(line):
        return True
    stripped = line.strip()
    if not stripped or stripped[-1] in _ENDS_PROSE:
        return False
    words = stripped.split()
    if len(words) > _HEADING_MAX_WORDS or words[-1].lower() in _FUNCTION_WORDS:
        return False
    # In a hard-wrapped paragraph, a line near the wrap width is prose, not a heading.
    return not (prose_width and len(stripped) >= _WRAPPED_SHARE * prose_width)


#: A line after the first that starts a list item or is a dateline (``\n`` first: the
#: regex engine jumps from line break to line break).
_ITEM_OR_DATELINE = re.compile(rf"\n(?:{LIST_MARKER.pattern}|{DATELINE.pattern})", re.M)
#: A line break that :func:`ends_unit` can cut when neither line is an item or a
#: dateline: the line before does not end as prose, the next does not go on lowercase.
_MAYBE_CUT = re.compile(
    rf"\n(?<![{re.escape(''.join(sorted(_ENDS_PROSE)))}]\n)(?![a-z])")


def unit_spans(text: str, start: int, end: int, wrap_width: int = 0) -> Iterator[tuple[int, int]]:
    """Split one paragraph into layout units; ``wrap_width`` is the document's, used
    when the paragraph has too few lines to show its own."""
    if text.find("\n", start, end) == -1 and text.find("\u2028", start, end) == -1:
        yield start, end
        return
    if text.find("\u2028", start, end) != -1:
        yield from _judged_units(text, start, end, wrap_width)
        return
    cuts, marked = _maybe_cuts(text, start, end)
    if not cuts:  # a hard-wrapped paragraph: one unit
        yield start, end
        return
    lines = text[start:end].split("\n")
    own = max(map(len, lines[:-1]))
    prose_width = own if len(lines) >= 3 and own >= 50 else wrap_width
    wrapped = _WRAPPED_SHARE * prose_width if prose_width else len(text) + 1
    unit_start = start
    for cut in cuts:
        before = text.rfind("\n", start, cut) + 1 or start
        if cut not in marked and cut - before >= wrapped and \
                not text[before].isspace() and not text[cut - 1].isspace():
            continue  # prose as wide as the wrap: ends_unit's last test says no
        after = text.find("\n", cut + 1, end)
        line, next_line = text[before:cut], text[cut + 1:after if after != -1 else end]
        line_is_item = is_item(line, _line_before(text, start, before), prose_width)
        if ends_unit(line, line_is_item, next_line, is_item(next_line, line, prose_width),
                     prose_width):
            yield unit_start, cut
            unit_start = cut + 1
    yield unit_start, end


def _line_before(text: str, start: int, line_start: int) -> str | None:
    if line_start == start:
        return None
    return text[text.rfind("\n", start, line_start - 1) + 1 or start:line_start - 1]


def _maybe_cuts(text: str, start: int, end: int) -> tuple[list[int], set[int]]:
    """The line breaks (offsets of their ``\n``) in a paragraph without U+2028 that
    may end a unit, in order, and those of them next to a line that starts a list item
    or is a dateline. At every other break :func:`ends_unit` is False (the line before
    ends as prose or the next goes on in lowercase), so most hard-wrapped paragraphs
    are judged by two regex scans rather than line by line."""
    cuts = {m.start() for m in _MAYBE_CUT.finditer(text, start, end)}
    marked: set[int] = set()
    first_end = text.find("\n", start, end)
    if LIST_MARKER.match(text, start, end) or DATELINE.match(text, start, first_end):
        marked.add(first_end)
    for match in _ITEM_OR_DATELINE.finditer(text, start, end):
        mark = match.start()
        marked.add(mark)  # before the marked line
        after = text.find("\n", mark + 1, end)
        if after != -1:
            marked.add(after)  # and after it
    return sorted(cuts | marked), marked


def _judged_units(text: str, start: int, end: int, wrap_width: int) -> Iterator[tuple[int, int]]:
    """Every line break judged by the full rules (items, datelines, wraps)."""
    lines = line_spans(text, start, end)
    widths = [b - a for a, b in lines[:-1]]
    own = max(widths)
    prose_width = own if len(lines) >= 3 and own >= 50 else wrap_width
    unit_start = start
    line = text[lines[0][0]:lines[0][1]]
    line_is_item = is_item(line, None, prose_width)
    for (_, b), (c, d) in itertools.pairwise(lines):
        next_line = text[c:d]
        next_is_item = is_item(next_line, line, prose_width)
        if ends_unit(line, line_is_item, next_line, next_is_item, prose_width):
            yield unit_start, b
            unit_start = c
        line, line_is_item = next_line, next_is_item
    yield unit_start, end


def document_wrap_width(text: str, sample: int = 500_000) -> int:
    """The width the document was hard-wrapped at, from its first ``sample`` characters:
    the 90th percentile of the lines followed by another line of the same paragraph
    (0 when too few lines run on, or they are too long to be wrapped)."""
    lines = text[:sample].split("\n")
    lengths = sorted(len(a.rstrip()) for a, b in itertools.pairwise(lines)
                     if a.strip() and b.strip())
    if len(lengths) < 8:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    return width if 40 <= width < LONG_LINE else 0
