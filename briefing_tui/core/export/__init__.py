"""Render a :class:`~briefing_tui.core.summary.Summary` in one of the export formats.

``render(summary, fmt, codebook)`` returns the whole export as ``str``; the caller writes
it (UTF-8) to stdout or, atomically, to a file. Every format is deterministic: the same
summary gives the same text, and the only varying part, the date, is left out when the
summary was built without a timestamp.

What each format promises about hostile text (notes, quotes, titles, file names):

- ``md``, ``html``, ``csv``: control characters, C1 codes and bidi overrides become
  visible symbols (:func:`shown`), lone surrogates become U+FFFD. Markdown escapes the
  characters that would change structure; HTML escapes everything it did not write;
  CSV neutralises formulas. Quotes stay otherwise exact.
- ``json``, ``jsonld``: the exact text, with every character a terminal or a YAML/JS
  reader would act on written as a ``\\uXXXX`` escape (still the same JSON value).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.summary import Citation, DocumentInfo, Summary
from briefing_tui.core.visible import visible

FORMATS = ("md", "html", "json", "csv", "jsonld")
#: File suffixes that choose a format when ``-o`` is given without ``--format``.
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".json": "json", ".csv": "csv", ".jsonld": "jsonld"}
TITLE = "Tagged summary"

_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(text: str, *, one_line: bool = False) -> str:
    """User text safe to print and encode: controls visible, lone surrogates as U+FFFD.

    The same length as ``text``, so nothing shifts; with ``one_line`` a newline is shown
    as a symbol too (titles, file names, headers).
    """
    out = visible(text, keep_newlines=not one_line)
    if _SURROGATE.search(out):
        out = _SURROGATE.sub("\ufffd", out)
    return out


def short(text: str, limit: int = 40) -> str:
    """A title shortened for a citation: whole words, an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def place(citation: Citation) -> str:
    """``¶3 s.4`` (``p. 2, ¶3 s.4`` in a PDF): page, paragraph and sentence, or why there
    is none."""
    if citation.sentence <= 0:
        return "position unknown"
    where = f"¶{citation.paragraph} s.{citation.sentence}"
    return f"p. {citation.page}, {where}" if citation.page > 0 else where


def credit(citation: Citation | DocumentInfo) -> str:
    """``Author, 2012-10-03``: who and when, as the document's metadata says ("" if not)."""
    return ", ".join(part for part in (citation.author, citation.date) if part)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def attention_label(anchor: str) -> str:
    return "orphaned: not found in the current text" if anchor == "orphan" \
        else "needs review: moved onto a similar sentence"


def filters_line(summary: Summary) -> str:
    """The filters asked for, in words ("" when none)."""
    parts = []
    tags = summary.filters.get("tags")
    if isinstance(tags, list):
        parts.append("tags " + ", ".join(str(t) for t in tags))
    if summary.filters.get("doc"):
        parts.append(f"documents matching {summary.filters['doc']}")
    if summary.filters.get("notes") is False:
        parts.append("notes left out")
    return "; ".join(parts)


def render(summary: Summary, fmt: str, codebook: Codebook) -> str:
    """The export of ``summary`` in ``fmt`` (one of :data:`FORMATS`)."""
    return _renderer(fmt)(summary, codebook)


def _renderer(fmt: str) -> Callable[[Summary, Codebook], str]:
    if fmt == "md":
        from briefing_tui.core.export.markdown import render_markdown
        return render_markdown
    if fmt == "html":
        from briefing_tui.core.export.html import render_html
        return render_html
    if fmt in ("json", "csv", "jsonld"):
        from briefing_tui.core.export.data import render_csv, render_json, render_jsonld
        return {"json": render_json, "csv": render_csv, "jsonld": render_jsonld}[fmt]
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
