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
import hashlib
import io
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export.brief_data import (
    SCHEMA_CONTEXT,
    brief_head,
    brief_properties,
    event_record,
    figure_annotation,
    figure_record,
)
from briefing_tui.core.export.common import TITLE, attention_label
from briefing_tui.core.summary import Summary, SummaryItem
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
_NAMESPACE = uuid.UUID("5b0e3c5e-6f1d-5c1b-9a43-6272696566e7")  # fixed: ids stay stable


# -- JSON ------------------------------------------------------------------------------

def _terminal_safe(dumped: str) -> str:
    """Escape what ``ensure_ascii=False`` leaves raw (one scan; clean text is not copied)."""
    if _UNSAFE_JSON.search(dumped) is None:
        return dumped
    dumped = escape_json_text(dumped)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


#: ``json.dumps(value, ensure_ascii=False)`` without a new encoder made for every call
#: (a fifth of dumping 100,000 one-line records).
_line = json.JSONEncoder(ensure_ascii=False).encode


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


def _documents(summary: Summary) -> list[dict[str, Any]]:
    pages = summary.paginated
    return [{"document": info.path.name, "path": str(info.path), "title": info.title,
             "date": info.date, "author": info.author, "source": info.source,
             **({"pages": info.pages} if pages else {}),
             "sentences": info.sentences, "tagged": info.tagged,
             "counts": {t: info.counts[t] for t in summary.tags if t in info.counts},
             "attention": info.attention, "error": info.error}
            for info in summary.documents]


def _block(key: str, rows: Iterable[Any], last: bool = False, indent: str = " ") -> str:
    """``"key": [...]`` with one row per line (each dumped at once: no garbage piles up)."""
    end = "" if last else ","
    body = f",\n{indent} ".join(_line(row) for row in rows)
    if not body:
        return f'{indent}"{key}": []{end}'
    return f'{indent}"{key}": [\n{indent} {body}\n{indent}]{end}'


def render_json(summary: Summary, codebook: Codebook) -> str:
    """One JSON object: metadata, then one line per record."""
    del codebook
    paged = summary.paginated
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "generated": summary.generated,
            "filters": summary.filters, "tags": summary.tags, "counts": summary.counts,
            "brief": brief_head(summary)}
    parts = ["{", *(f" {_line(k)}: {_line(v)}," for k, v in head.items()),
             _block("figures", (figure_record(summary, f) for f in summary.figures)),
             _block("timeline", (event_record(e) for e in summary.timeline)),
             _block("documents", _documents(summary)),
             _block("sentences", (_record(i, paged, summary.about(i)) for t in summary.tags
                                  for i in summary.items[t])),
             _block("attention", (_record(i, paged) for i in summary.attention)),
             _block("skipped", summary.skipped, last=True), "}"]
    return _terminal_safe("\n".join(parts) + "\n")


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


def render_csv(summary: Summary, codebook: Codebook) -> str:
    """RFC 4180 CSV: a header row, then one row per sentence per tag (attention last)."""
    del codebook
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    around = CSV_CONTEXT_COLUMNS if summary.context else ()
    writer.writerow((*CSV_COLUMNS, *CSV_META_COLUMNS, CSV_BY_COLUMN, CSV_LABEL_COLUMN, *around))
    if around:
        writer.writerows(_row(i) + _context_cells(i) for t in summary.tags
                         for i in summary.items[t])
        writer.writerows(_row(i) + _context_cells(i) for i in summary.attention)
    else:
        writer.writerows(_row(i) for t in summary.tags for i in summary.items[t])
        writer.writerows(_row(i) for i in summary.attention)
    return out.getvalue()


# -- JSON-LD (W3C Web Annotation) ------------------------------------------------------

def _source(path: Path) -> str:
    """A document as an IRI: a relative reference, or file: when absolute."""
    encoded = quote(os.fsencode(path), safe="/")  # undecodable names keep their bytes
    return ("file://" + encoded) if path.is_absolute() else encoded


def _uuid5(name: str) -> str:
    """``str(uuid.uuid5(_NAMESPACE, name))``, without the UUID object (4x faster)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE.bytes + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _annotation(item: SummaryItem, tags: list[str], source: str) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]
    if item.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": item.note,
                       "format": "text/plain"})
    if item.anchor in ("review", "orphan"):
        bodies.append({"type": "TextualBody", "purpose": "assessing",
                       "value": attention_label(item.anchor)})
    quote = {"type": "TextQuoteSelector", "exact": item.text, "prefix": item.prefix,
             "suffix": item.suffix}
    selectors: list[dict[str, Any]] = [quote]
    if item.anchor != "orphan":
        selectors.append({"type": "TextPositionSelector", "start": item.start,
                          "end": item.end})
    if item.citation.page > 0:  # the PDF's page (RFC 3778), narrowed to the quote
        selectors.append({"type": "FragmentSelector",
                          "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                          "value": f"page={item.citation.page}", "refinedBy": quote})
    made = {"id": "urn:uuid:" + _uuid5(f"{source}#{item.annotation_id}"),
            "type": "Annotation", "motivation": "tagging" if tags else "commenting",
            "body": bodies[0] if len(bodies) == 1 else bodies,
            "target": {"source": source, "selector": selectors}}
    if item.by:
        people = [{"type": "Person", "nickname": name} for name in item.by]
        made["creator"] = people[0] if len(people) == 1 else people
    return made


def unique_annotations(summary: Summary) -> list[SummaryItem]:
    """One item per annotation (a sentence with two tags is in two lists), text order."""
    seen: dict[tuple[str, str], SummaryItem] = {}
    for item in [*(i for t in summary.tags for i in summary.items[t]), *summary.attention]:
        seen.setdefault((str(item.document), item.annotation_id), item)
    rank = {str(info.path): n for n, info in enumerate(summary.documents)}
    return sorted(seen.values(), key=lambda i: (rank.get(str(i.document), len(rank)),
                                                i.start, i.end, i.annotation_id))


def render_jsonld(summary: Summary, codebook: Codebook) -> str:
    """An AnnotationCollection with one page holding every annotation."""
    rank = {tag.name: n for n, tag in enumerate(codebook)}
    sources: dict[Path, str] = {}

    def annotations() -> Iterator[dict[str, Any]]:
        for item in unique:
            source = sources.get(item.document)
            if source is None:
                source = sources[item.document] = _source(item.document)
            tags = sorted((t for t in (item.tag, *item.co_tags) if t),
                          key=lambda t: (rank.get(t, len(rank)), t))
            yield _annotation(item, tags, source)
        for figure in summary.figures:
            source = sources.get(figure.path)
            if source is None:
                source = sources[figure.path] = _source(figure.path)
            yield figure_annotation(summary, figure, "urn:uuid:" + _uuid5(
                f"{source}#figure-{figure.id}"), source)

    unique = unique_annotations(summary)
    ident = "urn:uuid:" + _uuid5("\n".join(_source(info.path) for info in summary.documents))
    words = brief_properties(summary)  # the analyst's words, as schema.org terms
    anno = "http://www.w3.org/ns/anno.jsonld"
    head: dict[str, Any] = {"@context": [anno, SCHEMA_CONTEXT] if words else anno,
                            "id": ident, "type": "AnnotationCollection",
                            "label": summary.brief.title or TITLE, **words,
                            "total": len(unique) + len(summary.figures)}
    if summary.generated:
        head["generated"] = summary.generated
    head["generator"] = {"type": "Software", "name": "briefing_tui"}
    parts = ["{", *(f" {_line(k)}: {_line(v)}," for k, v in head.items()),
             ' "first": {', f'  "id": {_line(ident + "#page-1")},',
             '  "type": "AnnotationPage",', '  "startIndex": 0,',
             _block("items", annotations(), last=True, indent="  "), " }", "}"]
    return _terminal_safe("\n".join(parts) + "\n")
