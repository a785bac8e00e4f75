"""An export split the way it can be kept: the frame across briefings and each briefing's
share.

Every text format is rendered in two steps: each briefing's share (:class:`DocView`: its
tagged items per tag, attention items, figures, timeline events) becomes its rendered
:class:`Pieces` (chunks of finished text and a few rows), then the frame (:class:`Frame`:
title, counts, documents, the brief, the key figures' grouping, the timeline's order)
puts the pieces in order. A briefing's pieces depend on nothing else of the export but
the small tuple :func:`context_of` returns (say the HTML tags' class numbers), so a
second export of an unchanged folder reads each briefing's pieces from
:mod:`.chunk_cache` instead of its items, and the frame from its :class:`Head`.
The same two steps render a summary held in memory (:func:`frame_of`, :func:`views_of`),
so every path gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.brief.file import BriefFile
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.summary import DocumentInfo, Summary, SummaryItem
from briefing_tui.core.summary_cache import Part

#: Formats whose pieces hold the briefing's path (JSON's ``path``, CSV's ``document``,
#: JSON-LD's source IRI); the others' pieces are the same wherever the folder is.
PATH_FORMATS = frozenset({"json", "csv", "jsonld"})


@dataclass
class DocView:
    """One briefing's share of a summary, in the summary's order."""

    info: DocumentInfo
    items: dict[str, list[SummaryItem]] = field(default_factory=dict)  # per tag
    attention: list[SummaryItem] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)  # the document's own order
    about_of: Mapping[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)

    def about(self, item: SummaryItem) -> tuple[str, ...]:
        return self.about_of.get((str(item.document), item.citation.sentence), ())


@dataclass(frozen=True)
class Head:
    """What the frame needs of one briefing: small, the same for every format."""

    info: DocumentInfo
    skipped: tuple[str, ...] = ()
    found: tuple[str, ...] = ()  # every tag its annotations carry
    attention_tags: tuple[str, ...] = ()  # its attention items' first tags, in order
    attention_co_tags: tuple[str, ...] = ()  # and their other tags
    figure_ids: tuple[str, ...] = ()  # its key figures, in order (for confirmations)
    events: int = 0  # timeline events, dated or not
    dated: int = 0
    sentences: int = 0  # annotations among its tagged items
    annotations: int = 0  # annotations among its items and attention items


@dataclass(frozen=True)
class Pieces:
    """One briefing's export in one format, rendered (fields a format has no use for stay
    empty). Chunks are finished text in UTF-8, several lines each, b"" when there is
    nothing: bytes, so a warm export joins them and writes them without decoding them
    from the cache or encoding them again."""

    tags: tuple[tuple[str, bytes], ...] = ()  # (tag, its items' chunk)
    attention: bytes = b""
    timeline: tuple[tuple[str, str, bytes], ...] = ()  # (sort date, until, events' chunk)
    figures: bytes = b""  # key figures as records, in document order (JSON, JSON-LD)
    #: key figures as table rows (Markdown, HTML): what they count (4), source, document,
    #: sentence (the order inside a group), the row without its status, the figure's id
    rows: tuple[tuple[str, str, str, str, str, str, int, str, str], ...] = ()
    annotations: bytes = b""  # JSON-LD: one annotation per line


@dataclass
class Frame:
    """The export across briefings: everything but the briefings' own rendered pieces."""

    documents: list[DocumentInfo]
    tags: list[str]
    counts: dict[str, int]  # the header's counts
    listed: dict[str, int]  # items under each tag (the sections' sizes)
    generated: str | None
    skipped: list[str]
    known_tags: list[str]
    filters: dict[str, object]
    brief: BriefFile
    confirmed: frozenset[str]
    context: int
    attention: int
    figures: int
    events: int
    dated: int
    annotations: int
    sentences: int
    attention_tags: list[str]  # attention items' first tags, then their other tags
    order: tuple[str, ...]  # the codebook's tags, in its order

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def empty(self) -> bool:
        return not self.total and not self.attention

    @cached_property
    def paginated(self) -> bool:
        """Whether any document has pages (asked once per briefing: computed once)."""
        return any(info.pages for info in self.documents)


def head_of(view: DocView, skipped: Iterable[str] = (), found: Iterable[str] = ()) -> Head:
    items = [i for tag_items in view.items.values() for i in tag_items]
    return Head(view.info, tuple(skipped), tuple(found),
                tuple(i.tag for i in view.attention if i.tag),
                tuple(t for i in view.attention for t in i.co_tags),
                tuple(f.id for f in view.figures), len(view.timeline),
                sum(1 for e in view.timeline if e.date),
                len({i.annotation_id for i in items}),
                len({i.annotation_id for i in (*items, *view.attention)}))


def view_of_part(part: Part) -> DocView:
    """A briefing's share from its summary part (items grouped by tag, order kept)."""
    items: dict[str, list[SummaryItem]] = {}
    for item in part.items:
        items.setdefault(item.tag, []).append(item)
    about = {(str(e.path), e.citation.sentence): e.about for e in part.timeline if e.about}
    return DocView(part.info, items, part.attention, part.figures, part.timeline, about)


def views_of(summary: Summary) -> list[DocView]:
    """``summary``'s briefings' shares, in its documents' order (then any briefing its
    items name that is not among them, so nothing is left out)."""
    views: dict[str, DocView] = {}
    for info in summary.documents:
        views.setdefault(str(info.path), DocView(info, about_of=summary.about_of))

    def view(path: Path) -> DocView:
        found = views.get(str(path))
        if found is None:
            found = views[str(path)] = DocView(DocumentInfo(path, "", 0, 0),
                                               about_of=summary.about_of)
        return found

    for tag in summary.tags:
        for item in summary.items.get(tag, ()):
            view(item.document).items.setdefault(tag, []).append(item)
    for item in summary.attention:
        view(item.document).attention.append(item)
    for figure in summary.figures:
        view(figure.path).figures.append(figure)
    for event in summary.timeline:  # by date: each document's order is restored below
        view(event.path).timeline.append(event)
    return list(views.values())


def frame_of(summary: Summary, heads: list[Head], codebook: Codebook) -> Frame:
    return Frame(
        documents=summary.documents, tags=summary.tags, counts=summary.counts,
        listed={tag: len(summary.items.get(tag, ())) for tag in summary.tags},
        generated=summary.generated, skipped=summary.skipped, known_tags=summary.known_tags,
        filters=summary.filters, brief=summary.brief, confirmed=summary.confirmed,
        context=summary.context, attention=len(summary.attention),
        figures=len(summary.figures), events=len(summary.timeline),
        dated=sum(h.dated for h in heads), annotations=sum(h.annotations for h in heads),
        sentences=sum(h.sentences for h in heads),
        attention_tags=[*(t for h in heads for t in h.attention_tags),
                        *(t for h in heads for t in h.attention_co_tags)],
        order=tuple(tag.name for tag in codebook))


def frame_for(summary: Summary, codebook: Codebook) -> Frame:
    """``summary``'s frame (its counts and documents, as the CLI reports them)."""
    return frame_of(summary, [head_of(view) for view in views_of(summary)], codebook)


def context_of(fmt: str, frame: Frame, head: Head) -> tuple[Any, ...]:
    """What of the frame a briefing's pieces in ``fmt`` depend on (beyond its own part):
    HTML's class per tag; JSON's page column; CSV's context columns; JSON-LD's tag order;
    which of its figures are confirmed."""
    confirmed = tuple(ident in frame.confirmed for ident in head.figure_ids)
    if fmt == "html":
        return tag_names(frame)
    if fmt == "json":
        return (frame.paginated, confirmed)
    if fmt == "csv":
        return (bool(frame.context),)
    if fmt == "jsonld":
        return (frame.order, confirmed)
    return ()


def tag_names(frame: Frame) -> tuple[str, ...]:
    """Every tag an HTML page can show, in the order that numbers their classes."""
    return tuple(dict.fromkeys([*frame.tags, *frame.known_tags, *frame.attention_tags]))


def timeline_order(pieces: list[Pieces]) -> list[bytes]:
    """Every briefing's timeline chunks in the timeline's order: by date (undated last),
    ties in the order of the briefings and of each briefing's events."""
    runs: dict[tuple[str, str], list[bytes]] = {}
    for piece in pieces:
        for date, until, chunk in piece.timeline:
            if chunk:
                runs.setdefault((date, until), []).append(chunk)
    return [chunk for key in sorted(runs) for chunk in runs[key]]


def timeline_key(event: Event) -> tuple[str, str]:
    """The timeline's order (:meth:`Summary` sorts by it, stable)."""
    return (event.date or "9999", event.until)


def by_key(events: list[Event]) -> dict[tuple[str, str], list[Event]]:
    """One briefing's events per timeline key, each run in the briefing's order."""
    runs: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        runs.setdefault(timeline_key(event), []).append(event)
    return runs


def figure_rows(pieces: list[Pieces]) -> list[tuple[str, str]]:
    """Every briefing's key-figure rows (without status) and ids, as the table lists them:
    figures on the same thing together (first seen first), each group by source,
    document and sentence (:func:`~briefing_tui.core.figures.side_by_side`'s order)."""
    groups: dict[tuple[str, ...], list[tuple[str, str, str, str, str, str, int, str, str]]] = {}
    for piece in pieces:
        for row in piece.rows:
            groups.setdefault(row[:4], []).append(row)
    return [(row[7], row[8]) for group in groups.values()
            for row in sorted(group, key=lambda r: (r[4], r[5], r[6]))]


def joined(lines: Iterable[str | bytes], separator: bytes = b"\n") -> bytes:
    """``lines`` (text of the frame, chunks of pieces) as one UTF-8 text."""
    return separator.join(line if type(line) is bytes else line.encode()  # type: ignore[union-attr]
                          for line in lines)
