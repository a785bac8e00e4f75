"""Characters beyond U+FFFF split into UTF-16 surrogate halves, on their way in and out.

Other tools (JavaScript, Java, ``json.dumps`` with ``ensure_ascii=True``) write 😀 as the
escape pair ``"\\ud83d\\ude00"``; libyaml refuses such escapes, so without help one such
line would make a whole sidecar unreadable. And text typed or pasted through some
terminals reaches Python as the two halves instead of one character, which no UTF-8 file
can hold. Both become the character itself; a lone half stays an error.
"""

from __future__ import annotations

import re

# An escaped high+low pair, not itself escaped (an even number of backslashes before it).
_ESCAPED_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _joined(high: int, low: int) -> str:
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def unescape_pairs(source: str) -> str:
    """``\\ud83d\\ude00`` escapes in YAML source turned into the character they spell.

    Only complete pairs; the character written raw is the same YAML value inside double
    quotes (the only YAML style with escapes), so nothing is reinterpreted.
    """
    if "\\u" not in source and "\\U" not in source:
        return source
    return _ESCAPED_PAIR.sub(
        lambda m: m.group(1) + _joined(int(m.group(2), 16), int(m.group(3), 16)), source)


def fuse_pairs(text: str) -> str:
    """Adjacent surrogate halves in ``text`` made the one character they encode."""
    return _PAIR.sub(lambda m: _joined(ord(m.group()[0]), ord(m.group()[1])), text)
