"""Make hostile characters visible, one for one, so offsets still line up.

A document may hold ESC sequences that would retitle or blank the terminal, C1 controls,
or bidi overrides that reorder what the analyst sees. We never strip them (that shifts
every offset after them); each becomes one visible, single-cell symbol instead. Tabs
become one space: a terminal cell count of 0 for ``\\t`` would break wrapping.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_OTHER = {
    "\u2028": "\u21b5",  # line separator → ↵
    "\u2029": "\u00b6",  # paragraph separator → ¶
    "\ufeff": "\u2423",  # zero-width no-break space mid-text → ␣
    "\ufff9": "\u2426",
    "\ufffa": "\u2426",
    "\ufffb": "\u2426",
    "\ufffe": "\ufffd",
    "\uffff": "\ufffd",
}


def _build_table(keep_newline: bool) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)  # ␀ … ␟ (control pictures)
    table[0x09] = " "
    if keep_newline:
        del table[0x0A]
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = "\u2426"  # ␦ for C1 controls (CSI, NEL, …)
    for char in _BIDI:
        table[ord(char)] = "\u2194"  # ↔ marks a bidi override or isolate
    for char, symbol in _OTHER.items():
        table[ord(char)] = symbol
    return table


_TABLE = _build_table(keep_newline=True)
_TABLE_NO_NEWLINE = _build_table(keep_newline=False)
#: U+2028/U+2029 kept: line and paragraph breaks for a format that can show them as such.
_TABLE_SEPARATORS = {code: symbol for code, symbol in _TABLE.items()
                     if code not in (0x2028, 0x2029)}


def _pattern(table: dict[int, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")


_PATTERN = _pattern(_TABLE)
_PATTERN_NO_NEWLINE = _pattern(_TABLE_NO_NEWLINE)
_PATTERN_SEPARATORS = _pattern(_TABLE_SEPARATORS)


def visible(text: str, *, keep_newlines: bool = True, keep_separators: bool = False) -> str:
    """Return ``text`` with every control and bidi character replaced by a visible symbol.

    The result has exactly the same length as ``text``. With ``keep_newlines=False`` a
    newline becomes ␊ too (for one-line labels such as file names); with
    ``keep_separators`` U+2028/U+2029 stay themselves (for exports that turn them into
    real line and paragraph breaks). Clean text (the usual case) is returned as is after
    one regex scan, so a 10 MB briefing costs no copy.
    """
    if keep_separators and keep_newlines:
        table, pattern = _TABLE_SEPARATORS, _PATTERN_SEPARATORS
    else:
        table = _TABLE if keep_newlines else _TABLE_NO_NEWLINE
        pattern = _PATTERN if keep_newlines else _PATTERN_NO_NEWLINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda match: table[ord(match.group())], text)


_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in
                 [*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF,
                  *(ord(c) for c in _BIDI)]}


def escape_json_text(dumped: str) -> str:
    """Escape, inside JSON already dumped with ``ensure_ascii=False``, the characters a
    terminal or a YAML reader would act on (C1 controls, line separators, bidi controls).

    ``json.dumps`` escapes C0 controls itself; these it leaves raw. The result is still
    valid JSON meaning the same thing.
    """
    return dumped.translate(_JSON_ESCAPES)


_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(text: str, *, one_line: bool = False, keep_separators: bool = False) -> str:
    """User text safe to print and encode: controls visible, lone surrogates as U+FFFD.

    The same length as ``text``, so nothing shifts; with ``one_line`` a newline is shown
    as a symbol too (titles, file names, headers); ``keep_separators`` see :func:`visible`.
    """
    out = visible(text, keep_newlines=not one_line, keep_separators=keep_separators)
    if _SURROGATE.search(out):
        out = _SURROGATE.sub("\ufffd", out)
    return out
