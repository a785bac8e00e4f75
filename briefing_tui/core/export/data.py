"""Exports for programs: JSON, CSV and W3C Web Annotation JSON-LD.

**JSON** is one object (keys in a fixed order) whose ``sentences`` and ``attention`` lists
hold one record per sentence per tag, one line each, so exports diff well; ``brief``
(brief.yaml's title, period, sections), ``figures`` (key figures, each cited and with its
``status``) and ``timeline`` (one record per tagged sentence, by date) come first. Texts are
exact; characters a terminal or a JavaScript/YAML reader would act on are ``\\uXXXX``
escapes (the same JSON value).

**CSV** follows RFC 4180 (header row, CRLF line ends, quotes doubled) with one row per
sentence per tag: ``document, paragraph, sentence, start, end, tag, co_tags, note, text,
anchor, page, id`` then the document's ``title, date, author, source``, then ``by``, then
``paragraph_label`` (``co_tags`` and ``by`` joined by ``;``; ``anchor`` flags rows that need
review or are orphaned, paragraph and sentence 0 when unknown; ``page`` empty when the
document has no pages (a text file has no page 0); ``id`` the sidecar's annotation id;
``paragraph_label`` the paragraph's own number in the document, "48" or "(a)", empty when it
has none). The columns are the same whatever was exported, so a script reads every export
alike; only ``--context N`` adds two, last, ``context_before`` and ``context_after``: the
neighbouring sentences, joined by a blank line (no sentence holds one: a blank line ends a
paragraph, and fixes never join across one), empty where there is none. JSON records carry
``page`` only when any document has pages (a PDF), ``null`` for a text file,
``paragraph_label`` only when the paragraph has one. Two changes make it safe to open in a
spreadsheet, so a reader wanting exact text must undo them:

- control characters, C1 codes and bidi overrides are shown as visible symbols of the
  same length (tab as a space), so ``start``/``end`` still count code points of the
  *original* document text, and ``text`` is its visible form (in ``text`` and ``note``
  the line and paragraph separators U+2028/U+2029 are kept as the source has them);
- a cell that a spreadsheet could run as a formula (first character, after any spaces,
  ``=``, ``+``, ``-`` or ``@``; a tab or CR can no longer be first) gets a leading
  ``'``, and so does any cell already starting with ``'``: strip exactly one leading
  ``'`` to get the text back (:func:`csv_unneutralise`).

**JSON-LD** is an ``AnnotationCollection`` of the W3C Web Annotation Data Model: one
``Annotation`` per tagged span, each tag a ``TextualBody`` with purpose ``tagging``, the
note one with purpose ``commenting``, and the target a ``TextQuoteSelector`` (exact,
prefix, suffix) plus a ``TextPositionSelector`` (code points, as the model counts).
Orphans keep only the quote selector and get an ``assessing`` body saying so. Key figures
follow as annotations of their own words, and the analyst's words of brief.yaml sit on the
collection as schema.org terms (:mod:`.brief_data`). Ids are
``urn:uuid`` values derived from the file and annotation id: stable across exports.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export.brief_data import brief_head, event_record, figure_record
from briefing_tui.core.export.brief_parts import CONFIRMED
from briefing_tui.core.export.frame import DocView, Frame, Pieces, by_key, timeline_order
from briefing_tui.core.figures.table import MACHINE_READ
from briefing_tui.core.summary import SummaryItem
from briefing_tui.core.visible import escape_json_text, shown

FORMAT_NAME = "briefing_tui.summary"
FORMAT_VERSION = 1
CSV_COLUMNS = ("document", "paragraph", "sentence", "start", "end", "tag", "co_tags",
               "note", "text", "anchor", "page", "id")  # always all of them
#: The document's metadata, after every other column (old readers keep working).
CSV_META_COLUMNS = ("title", "date", "author", "source")
CSV_BY_COLUMN = "by"  # the analysts who tagged it (";"-joined); empty when unnamed
CSV_LABEL_COLUMN = "paragraph_label"  # last: the paragraph's own number, empty when none
#: Only with ``--context N``, after all the others: the neighbouring sentences.
CSV_CONTEXT_COLUMNS = ("context_before", "context_after")
CSV_CONTEXT_JOIN = "\n\n"  # between two neighbours: a blank line, which no sentence holds
_RISKY = frozenset("=+-@'")
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff"
                          "\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


# -- JSON ------------------------------------------------------------------------------

def terminal_safe(dumped: str) -> str:
    """Escape what ``ensure_ascii=False`` leaves raw (one scan; clean text is not copied)."""
    if _UNSAFE_JSON.search(dumped) is None:
        return dumped
    dumped = escape_json_text(dumped)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


#: ``json.dumps(value, ensure_ascii=False)`` without a new encoder made for every call
#: (a fifth of dumping 100,000 one-line records).
dump_line = json.JSONEncoder(ensure_ascii=False).encode


def _record(item: SummaryItem, paginated: bool = False,
            about: tuple[str, ...] = ()) -> dict[str, Any]:
    record = {"tag": item.tag, "co_tags": list(item.co_tags), "document": item.citation.file,
              "path": str(item.document), "title": item.citation.title,
              "date": item.citation.date, "author": item.citation.author,
              "source": item.citation.source,
              **({"page": item.citation.page or None} if paginated else {}),
              "paragraph": item.citation.paragraph, "sentence": item.citation.sentence,
              "start": item.start, "end": item.end, "text": item.text, "note": item.note,
              "anchor": item.anchor, "id": item.annotation_id}
    if item.citation.label:
        record["paragraph_label"] = item.citation.label
    if item.previous:
        record["previous_text"] = item.previous
    if item.by:  # only when named: exports of unnamed sidecars keep their bytes
        record["by"] = list(item.by)
    if about:  # the places and actors the sentence names
        record["about"] = list(about)
    if item.before or item.after:  # the neighbouring sentences asked for (--context)
        record["context_before"], record["context_after"] = list(item.before), list(item.after)
    return record


def _documents(frame: Frame) -> list[dict[str, Any]]:
    pages = frame.paginated
    return [{"document": info.path.name, "path": str(info.path), "title": info.title,
             "date": info.date, "author": info.author, "source": info.source,
             **({"pages": info.pages} if pages else {}),
             "sentences": info.sentences, "tagged": info.tagged,
             "counts": {t: info.counts[t] for t in frame.tags if t in info.counts},
             "attention": info.attention, "error": info.error}
            for info in frame.documents]


def joined_block(key: str, chunks: Iterable[bytes], last: bool = False,
                 indent: str = " ") -> list[bytes]:
    """``"key": [...]`` around ``chunks`` of rows already dumped (one row a line), as
    parts to join with nothing between them (each chunk is copied once, at the end)."""
    end = "" if last else ","
    parts = [f'{indent}"{key}": [\n{indent} '.encode()]
    separator = f",\n{indent} ".encode()
    for chunk in chunks:
        if chunk:
            parts += (chunk, separator)
    if len(parts) == 1:
        return [f'{indent}"{key}": []{end}'.encode()]
    parts[-1] = f"\n{indent}]{end}".encode()
    return parts


def _block(key: str, rows: Iterable[Any], last: bool = False) -> bytes:
    """``"key": [...]`` with one row per line, made terminal-safe."""
    return b"".join(joined_block(key, [dumped_rows(rows)], last))


def dumped_rows(rows: Iterable[Any], indent: str = " ") -> bytes:
    """``rows`` dumped one a line, as a chunk of a block, made terminal-safe."""
    return terminal_safe(f",\n{indent} ".join(map(dump_line, rows))).encode()


def json_pieces(view: DocView, context: tuple[Any, ...]) -> Pieces:
    """``view``'s briefing as JSON records: its figures, events per timeline date, items
    per tag and attention items; ``context``: whether records carry pages, and which of
    its figures are confirmed."""
    paged, confirmed = context
    return Pieces(
        figures=dumped_rows(figure_record(f, CONFIRMED if ok else MACHINE_READ)
                            for f, ok in zip(view.figures, confirmed, strict=True)),
        timeline=tuple((date, until, dumped_rows(map(event_record, events)))
                       for (date, until), events in by_key(view.timeline).items()),
        tags=tuple((tag, dumped_rows(_record(i, paged, view.about(i)) for i in items))
                   for tag, items in view.items.items() if items),
        attention=dumped_rows(_record(i, paged) for i in view.attention))


def json_assemble(frame: Frame, pieces: list[Pieces], codebook: Codebook) -> bytes:
    """One JSON object: metadata, then one line per record."""
    del codebook
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "generated": frame.generated,
            "filters": frame.filters, "tags": frame.tags, "counts": frame.counts,
            "brief": brief_head(frame)}
    chunks = [dict(p.tags) for p in pieces]
    blocks = [[terminal_safe("\n".join(["{", *(f" {dump_line(k)}: {dump_line(v)}," for k, v in
                                             head.items())])).encode()],
              joined_block("figures", (p.figures for p in pieces)),
              joined_block("timeline", timeline_order(pieces)),
              [_block("documents", _documents(frame))],
              joined_block("sentences", (found.get(tag, b"") for tag in frame.tags
                                         for found in chunks)),
              joined_block("attention", (p.attention for p in pieces)),
              [_block("skipped", frame.skipped, last=True)], [b"}"]]
    return b"".join(part for block in blocks for part in (*block, b"\n"))


# -- CSV -------------------------------------------------------------------------------

def csv_neutralise(cell: str, *, keep_separators: bool = False) -> str:
    """``cell`` made visible and unable to run as a spreadsheet formula (see above);
    with ``keep_separators`` (quotes and notes) U+2028/U+2029 stay as the source has them."""
    cell = shown(cell, keep_separators=keep_separators)
    return "'" + cell if _risky(cell) else cell


def _risky(cell: str) -> bool:
    first = cell.lstrip(" ")[:1]
    return bool(first) and first in _RISKY


def csv_unneutralise(cell: str) -> str:
    """The inverse of the formula guard: drop the one ``'`` it added, if any."""
    return cell[1:] if cell[:1] == "'" and _risky(cell[1:]) else cell


def _context_cells(item: SummaryItem) -> list[str | int]:
    return [csv_neutralise(CSV_CONTEXT_JOIN.join(side), keep_separators=True)
            for side in (item.before, item.after)]


@lru_cache(maxsize=65_536)
def _label_cell(cell: str) -> str:
    """A cell that repeats row after row (path, tags, title, date…), neutralised once:
    it was twelve calls a row, most of a 50,000-row export."""
    return csv_neutralise(cell)


def _row(item: SummaryItem) -> list[str | int]:
    cite = item.citation
    return [
        _label_cell(str(item.document)), cite.paragraph, cite.sentence, item.start,
        item.end, _label_cell(item.tag), _label_cell(";".join(item.co_tags)),
        csv_neutralise(item.note, keep_separators=True),
        csv_neutralise(item.text, keep_separators=True), item.anchor, cite.page or "",
        csv_neutralise(item.annotation_id), _label_cell(cite.title), _label_cell(cite.date),
        _label_cell(cite.author), _label_cell(cite.source), _label_cell(";".join(item.by)),
        _label_cell(cite.label)]


def csv_pieces(view: DocView, context: tuple[Any, ...]) -> Pieces:
    """``view``'s briefing as CSV rows: its items per tag, its attention items;
    ``context``: whether the neighbouring sentences' columns are there."""
    (around,) = context
    return Pieces(tags=tuple((tag, _rows(items, around)) for tag, items in view.items.items()
                             if items),
                  attention=_rows(view.attention, around))


def _rows(items: list[SummaryItem], around: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if around:
        writer.writerows(_row(i) + _context_cells(i) for i in items)
    else:
        writer.writerows(_row(i) for i in items)
    return out.getvalue().encode()


def csv_assemble(frame: Frame, pieces: list[Pieces], codebook: Codebook) -> bytes:
    """RFC 4180 CSV: a header row, then one row per sentence per tag (attention last)."""
    del codebook
    out = io.StringIO()
    around = CSV_CONTEXT_COLUMNS if frame.context else ()
    csv.writer(out, lineterminator="\r\n").writerow(
        (*CSV_COLUMNS, *CSV_META_COLUMNS, CSV_BY_COLUMN, CSV_LABEL_COLUMN, *around))
    chunks = [dict(p.tags) for p in pieces]
    return b"".join([out.getvalue().encode(), *(found.get(tag, b"") for tag in frame.tags
                                                for found in chunks),
                     *(p.attention for p in pieces)])
