"""The brief's sections in the data formats: key figures and the timeline as JSON records,
and key figures as W3C Web Annotations whose body says what the figure reads.

In JSON-LD the analyst's words go on the collection, as schema.org says them (the
annotation vocabulary has no term for them): the period as ``schema:temporalCoverage``
("the period the content applies to"), the bottom line as ``schema:abstract`` ("a short
description that summarizes" the work: what a bottom line up front is), and the key
judgments (in order), the outlook and a trend per theme as ``schema:additionalProperty``
``PropertyValue`` records (name, value; a trend's ``propertyID`` is its theme), since
schema.org has no judgment, outlook or trend. The terms carry the ``schema:`` prefix of a
context added to the annotation one: a bare ``abstract`` is no term of that context, and
a JSON-LD reader would drop it.

A figure annotation's target is the figure's own words (quote and position selectors);
its bodies are a ``describing`` text ("at least 7,000 expelled refugees"), a
``classifying`` one (what it counts: killed, displaced…) and an ``assessing`` one that says
"machine-read — check" or "confirmed".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.export.brief_parts import number
from briefing_tui.core.summary import Summary

if TYPE_CHECKING:
    from briefing_tui.core.export.frame import Frame


def figure_record(key: KeyFigure, status: str) -> dict[str, Any]:
    f, cite = key.figure, key.citation
    record: dict[str, Any] = {
        "id": key.id, "status": status, "value": f.value,
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


def brief_head(summary: Summary | Frame) -> dict[str, Any]:
    """The analyst's brief.yaml words for the head of a JSON export."""
    words = summary.brief.words
    return {"title": summary.brief.title, "period": summary.brief.period,
            "sections": list(summary.brief.sections), "bottom_line": words.bottom_line,
            "judgments": list(words.judgments), "outlook": words.outlook,
            "trends": {tag: words.trends[tag] for tag in sorted(words.trends)}}


SCHEMA_CONTEXT = {"schema": "https://schema.org/"}


def _property(name: str, value: str, about: str = "") -> dict[str, Any]:
    made = {"type": "schema:PropertyValue", "schema:name": name}
    if about:
        made["schema:propertyID"] = about
    made["schema:value"] = value
    return made


def brief_properties(summary: Summary | Frame) -> dict[str, Any]:
    """The analyst's words as schema.org terms for the JSON-LD collection (see above);
    empty when brief.yaml has none, so such exports keep their bytes."""
    words = summary.brief.words
    made: dict[str, Any] = {}
    if summary.brief.period:
        made["schema:temporalCoverage"] = summary.brief.period
    if words.bottom_line:
        made["schema:abstract"] = words.bottom_line
    listed = [_property("key judgment", judgment) for judgment in words.judgments]
    if words.outlook:
        listed.append(_property("outlook", words.outlook))
    listed += [_property("trend", words.trends[tag], tag) for tag in sorted(words.trends)]
    if listed:
        made["schema:additionalProperty"] = listed
    return made


def figure_annotation(key: KeyFigure, status: str, ident: str,
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
        {"type": "TextualBody", "purpose": "assessing", "value": status}]
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": key.words, "prefix": key.prefix,
         "suffix": key.suffix},
        {"type": "TextPositionSelector", "start": f.start, "end": f.end}]
    return {"id": ident, "type": "Annotation", "motivation": "describing", "body": bodies,
            "target": {"source": source, "selector": selectors}}
