"""W3C Web Annotation JSON-LD (the format is described in :mod:`.data`): one briefing's
annotations and key figures as pieces, and the collection around them.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from briefing_tui.core.brief import KeyFigure
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export.brief_data import (
    SCHEMA_CONTEXT,
    brief_properties,
    figure_annotation,
)
from briefing_tui.core.export.brief_parts import CONFIRMED
from briefing_tui.core.export.common import TITLE, attention_label
from briefing_tui.core.export.data import dump_line, dumped_rows, joined_block, terminal_safe
from briefing_tui.core.export.frame import DocView, Frame, Pieces
from briefing_tui.core.figures.table import MACHINE_READ
from briefing_tui.core.summary import SummaryItem

_NAMESPACE = uuid.UUID("5b0e3c5e-6f1d-5c1b-9a43-6272696566e7")  # fixed: ids stay stable
_INDENT = "  "


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


def unique_annotations(view: DocView) -> list[SummaryItem]:
    """One item per annotation of a briefing (a sentence with two tags is in two lists),
    in text order."""
    seen: dict[str, SummaryItem] = {}
    for item in [*(i for items in view.items.values() for i in items), *view.attention]:
        seen.setdefault(item.annotation_id, item)
    return sorted(seen.values(), key=lambda i: (i.start, i.end, i.annotation_id))


def jsonld_pieces(view: DocView, context: tuple[Any, ...]) -> Pieces:
    """``view``'s briefing as Web Annotations: its annotations, then its key figures;
    ``context``: the codebook's tag order, and which of its figures are confirmed."""
    order, confirmed = context
    rank = {name: n for n, name in enumerate(order)}
    sources: dict[Path, str] = {}

    def source_of(path: Path) -> str:
        found = sources.get(path)
        if found is None:
            found = sources[path] = _source(path)
        return found

    def annotation(item: SummaryItem) -> dict[str, Any]:
        tags = sorted((t for t in (item.tag, *item.co_tags) if t),
                      key=lambda t: (rank.get(t, len(rank)), t))
        return _annotation(item, tags, source_of(item.document))

    def figure(key: KeyFigure, ok: bool) -> dict[str, Any]:
        source = source_of(key.path)
        return figure_annotation(key, CONFIRMED if ok else MACHINE_READ, "urn:uuid:" + _uuid5(
            f"{source}#figure-{key.id}"), source)

    return Pieces(annotations=dumped_rows(map(annotation, unique_annotations(view)), _INDENT),
                  figures=dumped_rows((figure(f, ok) for f, ok in
                                       zip(view.figures, confirmed, strict=True)), _INDENT))


def jsonld_assemble(frame: Frame, pieces: list[Pieces], codebook: Codebook) -> bytes:
    """An AnnotationCollection with one page holding every annotation."""
    del codebook  # its order is in each briefing's context
    ident = "urn:uuid:" + _uuid5("\n".join(_source(info.path) for info in frame.documents))
    words = brief_properties(frame)  # the analyst's words, as schema.org terms
    anno = "http://www.w3.org/ns/anno.jsonld"
    head: dict[str, Any] = {"@context": [anno, SCHEMA_CONTEXT] if words else anno,
                            "id": ident, "type": "AnnotationCollection",
                            "label": frame.brief.title or TITLE, **words,
                            "total": frame.annotations + frame.figures}
    if frame.generated:
        head["generated"] = frame.generated
    head["generator"] = {"type": "Software", "name": "briefing_tui"}
    lines = ["{", *(f" {dump_line(k)}: {dump_line(v)}," for k, v in head.items()),
             ' "first": {', f'  "id": {dump_line(ident + "#page-1")},',
             '  "type": "AnnotationPage",', '  "startIndex": 0,']
    items = [*(p.annotations for p in pieces), *(p.figures for p in pieces)]
    return b"".join([terminal_safe("\n".join(lines)).encode(), b"\n",
                     *joined_block("items", items, last=True, indent=_INDENT), b"\n }\n}\n"])
