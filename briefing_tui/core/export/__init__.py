"""Render a :class:`~briefing_tui.core.summary.Summary` in one of the export formats.

``render(summary, fmt, codebook)`` returns the whole export as ``str``; the caller writes
it (UTF-8) to stdout or, atomically, to a file. Every format is deterministic: the same
summary gives the same text, and the only varying part, the date, is left out when the
summary was built without a timestamp.

What each format promises about hostile text (notes, quotes, titles, file names):

- ``md``, ``html``, ``csv``: control characters, C1 codes and bidi overrides become
  visible symbols (:func:`~.visible.shown`), lone surrogates become U+FFFD. Markdown escapes the
  characters that would change structure; HTML escapes everything it did not write;
  CSV neutralises formulas. Quotes stay otherwise exact.
- ``docx``: as ``md``, made visible (:mod:`.docx`); bytes, from :func:`render_bytes`.
- ``json``, ``jsonld``: the exact text, with every character a terminal or a YAML/JS
  reader would act on written as a ``\\uXXXX`` escape (still the same JSON value).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.summary import Summary

if TYPE_CHECKING:
    from briefing_tui.core.export.frame import DocView, Frame, Pieces

FORMATS = ("md", "html", "json", "csv", "jsonld")
#: Formats that are bytes, not text (:func:`render_bytes`): Word needs python-docx.
BINARY_FORMATS = ("docx",)
ALL_FORMATS = (*FORMATS, *BINARY_FORMATS)
#: File suffixes that choose a format when ``-o`` is given without ``--format``.
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".json": "json", ".csv": "csv", ".jsonld": "jsonld", ".docx": "docx"}


class Kit(NamedTuple):
    """A text format's two steps (:mod:`.frame`): one briefing's pieces, and the export
    put together from the frame and every briefing's pieces."""

    pieces: Callable[[DocView, tuple[Any, ...]], Pieces]
    assemble: Callable[[Frame, list[Pieces], Codebook], bytes]  # UTF-8


def render(summary: Summary, fmt: str, codebook: Codebook) -> str:
    """The export of ``summary`` in ``fmt`` (one of :data:`FORMATS`)."""
    return _rendered(summary, fmt, codebook).decode("utf-8")


def _rendered(summary: Summary, fmt: str, codebook: Codebook) -> bytes:
    from briefing_tui.core.export.frame import context_of, frame_of, head_of, views_of

    made = kit(fmt)
    views = views_of(summary)
    heads = [head_of(view) for view in views]
    frame = frame_of(summary, heads, codebook)
    return made.assemble(frame, [made.pieces(view, context_of(fmt, frame, head))
                                 for view, head in zip(views, heads, strict=True)], codebook)


def render_bytes(summary: Summary, fmt: str, codebook: Codebook) -> bytes:
    """The export as the bytes of its file, in any of :data:`ALL_FORMATS` (text formats
    UTF-8). Raises :class:`~briefing_tui.core.export.docx.DocxUnavailable` when docx is
    asked for without python-docx installed."""
    if fmt == "docx":
        from briefing_tui.core.export.docx import render_docx
        return render_docx(summary, codebook)
    return _rendered(summary, fmt, codebook)


def kit(fmt: str) -> Kit:
    """The two steps of text format ``fmt``, imported when first asked for."""
    if fmt == "md":
        from briefing_tui.core.export.markdown import md_assemble, md_pieces
        return Kit(md_pieces, lambda frame, pieces, codebook: md_assemble(frame, pieces))
    if fmt == "html":
        from briefing_tui.core.export.html import html_assemble, html_pieces
        return Kit(html_pieces, html_assemble)
    if fmt in ("json", "csv"):
        from briefing_tui.core.export.data import (
            csv_assemble,
            csv_pieces,
            json_assemble,
            json_pieces,
        )
        return Kit(json_pieces, json_assemble) if fmt == "json" else \
            Kit(csv_pieces, csv_assemble)
    if fmt == "jsonld":
        from briefing_tui.core.export.jsonld import jsonld_assemble, jsonld_pieces
        return Kit(jsonld_pieces, jsonld_assemble)
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
