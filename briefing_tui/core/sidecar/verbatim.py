"""Whether a sidecar's annotation lines are what we would write, without writing them.

``check`` and every load of a big sidecar ask whether the file is exactly our dump (then
nothing was edited by hand). Re-making 200,000 lines from the annotations took a third of
the load. But our line for an annotation read from such a line is fixed by the line's
own text when the text is in our form: our keys in our order, our separators, each
string written as ``json`` writes it (a character raw unless it must be escaped, and then
in the one form ``json`` or the sidecar's escaping uses), integers without signs or
leading zeros, the anchor only when not exact. One regular expression checks a whole
block of such lines in a single call; what it cannot tell from the text (a tag twice,
which the annotation holds once; the order we write) is checked on the annotations.
Any doubt returns None and the caller compares line by line, so the answer is the same.
"""

from __future__ import annotations

import re
from typing import Any

from briefing_tui.core.annotations import Anchor, Annotation

#: A character ``json`` writes raw and the sidecar leaves raw (data.UNSAFE is escaped).
RAW = r'[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]'
#: The escapes written: ``json``'s short ones, its ``\u00XX`` for the other control
#: characters, and the sidecar's own for data.UNSAFE; all lowercase.
ESCAPE = (r'\\(?:["\\nrtbf]|u(?:00(?:0[0-7bef]|1[0-9a-f])|007f|00[89][0-9a-f]|2028|2029'
           r'|feff|fffe|ffff))')
STR = rf'"(?:{RAW}++|{ESCAPE})*+"'
INT = r"(?:0|[1-9][0-9]*+)"
_ANCHOR = "|".join(anchor.value for anchor in Anchor if anchor is not Anchor.EXACT)
_LINE = (rf'- \{{"id": {STR}, "start": {INT}, "end": {INT}, "text": {STR}, '
         rf'"prefix": {STR}, "suffix": {STR}, "tags": \[(?:{STR}(?:, {STR})*+)?\], '
         rf'"note": {STR}(?:, "anchor": "(?:{_ANCHOR})")?\}}\n')
_LINES = re.compile(rf"(?:{_LINE})*+")


def lines_end(source: str, pos: int, annotations: list[Annotation],
              entries: list[Any]) -> int | None:
    """The offset after the annotation lines at ``pos`` when each is exactly our line for
    the annotation read from it, else None (then compare them one by one).

    ``entries`` are what ``json`` read from those lines and ``annotations`` what was
    validated from them, in the file's order.
    """
    if len(annotations) != len(entries):  # some entry was rejected
        return None
    end = _LINES.match(source, pos)
    if end is None or source.count("\n", pos, end.end()) != len(entries):
        return None
    last: tuple[int, int, str] | None = None
    for a, entry in zip(annotations, entries, strict=True):
        if len(a.tags) != len(entry["tags"]):  # a tag twice: we write it once
            return None
        key = (a.start, a.end, a.id)
        if last is not None and key <= last:  # we write them sorted
            return None
        last = key
    return end.end()
