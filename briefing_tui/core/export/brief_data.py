"""The brief's sections in the data formats: key figures and the timeline as JSON records,
and key figures as W3C Web Annotations whose body says what the figure reads.

A figure annotation's target is the figure's own words (quote and position selectors);
its bodies are a ``describing`` text ("at least 7,000 expelled refugees"), a
``classifying`` one (what it counts: killed, displaced…) and an ``assessing`` one that says
"machine-read — check" or "confirmed".
"""

from __future__ import annotations

from typing import Any

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.export.brief_parts import number, status
from briefing_tui.core.summary import Summary


def figure_record(summary: Summary, key: KeyFigure) -> dict[str, Any]:
    f, cite = key.figure, key.citation
    record: dict[str, Any] = {
        "id": key.id, "status": status(summary, key), "value": f.value,
        "qualifier": f.qualifier, "kind": f.kind, "who": f.who, "adm1": f.place,
        "country": f.country, "date": f.date, "date_stated": f.date_stated,
        "source": f.source, "document": cite.file, "path": str(key.path),
        "paragraph": cite.paragraph, "sentence": cite.sentence, "start": f.start,
        "end": f.end, "words": key.words, "quote": f.quote}
    if cite.page:
        record["page"] = cite.page
    return record


def event_record(event: Event) -> dict[str, Any]:
    cite = event.citation
    record: dict[str, Any] = {
        "date": event.date, "until": event.until, "date_stated": event.stated,
        "document": cite.file, "path": str(event.path), "paragraph": cite.paragraph,
        "sentence": cite.sentence, "start": event.start, "end": event.end,
        "tags": list(event.tags), "about": list(event.about), "text": event.text}
    if cite.page:
        record["page"] = cite.page
    return record


def brief_head(summary: Summary) -> dict[str, Any]:
    """The analyst's brief.yaml words for the head of a JSON export."""
    words = summary.brief.words
    return {"title": summary.brief.title, "period": summary.brief.period,
            "sections": list(summary.brief.sections), "bottom_line": words.bottom_line,
            "judgments": list(words.judgments), "outlook": words.outlook,
            "trends": {tag: words.trends[tag] for tag in sorted(words.trends)}}


def figure_annotation(summary: Summary, key: KeyFigure, ident: str,
                      source: str) -> dict[str, Any]:
    f = key.figure
    said = f"{number(key)} {f.kind} {f.who}".strip()
    if f.place:
        said += f", {f.place}"
    if f.date:
        said += f", {f.date}" + ("" if f.date_stated else " (document date)")
    if f.source:
        said += f" (source: {f.source})"
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "describing", "value": said,
         "format": "text/plain"},
        {"type": "TextualBody", "purpose": "classifying", "value": f.kind},
        {"type": "TextualBody", "purpose": "assessing", "value": status(summary, key)}]
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": key.words, "prefix": key.prefix,
         "suffix": key.suffix},
        {"type": "TextPositionSelector", "start": f.start, "end": f.end}]
    return {"id": ident, "type": "Annotation", "motivation": "describing", "body": bodies,
            "target": {"source": source, "selector": selectors}}
