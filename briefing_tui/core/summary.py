"""The tagged summary as plain data: what every export format and the app's summary show.

Grouped by tag (codebook order, then unknown tags alphabetically), then by document
(corpus order), sentences in text order. Each entry is cited back to its source: the
document's title and file name, 1-based paragraph and sentence numbers, its note.
Annotations that need review or are orphaned do not go under their tags (nobody has
confirmed them) but into :attr:`Summary.attention`, flagged; they are never dropped.
Unreadable documents and sidecars are listed in :attr:`Summary.skipped`, never fatal.

No formatting happens here (see :mod:`briefing_tui.core.export`) and nothing imports
Textual, so the CLI and the app share this code.
"""

from __future__ import annotations

import fnmatch
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from briefing_tui.core import digests, summary_cache
from briefing_tui.core.anchoring import previous_text
from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.brief import Chosen, Event, KeyFigure, facts_of
from briefing_tui.core.brief.file import BriefFile
from briefing_tui.core.brief.folders import FolderBriefs
from briefing_tui.core.citation import Citation as Citation  # re-exported: its old home
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import Document, open_document
from briefing_tui.core.segment import Segmentation, segment
from briefing_tui.core.summary_cache import Part, options_key, part_key
from briefing_tui.core.summary_items import DocumentInfo as DocumentInfo  # re-exported
from briefing_tui.core.summary_items import SummaryItem as SummaryItem  # re-exported
from briefing_tui.core.text import DocumentError

Progress = Callable[[int, int], None]
#: Fewer documents than this are opened in this process (starting workers costs more).
PARALLEL_FROM = 64
MAX_WORKERS = 8
CHUNK = 16  # documents per task: coarse enough to be cheap, fine enough for progress


@dataclass
class Summary:
    documents: list[DocumentInfo]
    tags: list[str]  # the selected tags: codebook order, then unknown tags alphabetically
    items: dict[str, list[SummaryItem]]  # per tag (every tag in ``tags`` has a list)
    attention: list[SummaryItem]  # review/orphan: one per annotation, tag = its first tag
    counts: dict[str, int]  # per tag, len(items[tag])
    generated: str | None  # ISO date-time, or None for a reproducible export
    skipped: list[str] = field(default_factory=list)  # one line each
    known_tags: list[str] = field(default_factory=list)  # codebook + tags found in documents
    filters: dict[str, object] = field(default_factory=dict)  # as asked, for headers
    figures: list[KeyFigure] = field(default_factory=list)  # of the tagged sentences
    timeline: list[Event] = field(default_factory=list)  # one per tagged sentence, by date
    brief: BriefFile = field(default_factory=BriefFile)  # brief.yaml of the common folder
    confirmed: frozenset[str] = frozenset()  # figure ids confirmed in any brief.yaml
    #: (document path, sentence number) → the places and actors that sentence names
    about_of: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # for filtering
    context: int = 0  # the neighbouring sentences asked for either side of each quote

    def about(self, item: SummaryItem) -> tuple[str, ...]:
        """The places and actors ``item``'s sentence names."""
        return self.about_of.get((str(item.document), item.citation.sentence), ())

    def is_confirmed(self, figure: KeyFigure) -> bool:
        return figure.id in self.confirmed

    @property
    def total(self) -> int:
        """Tagged sentences per tag, summed (a sentence with two tags counts twice)."""
        return sum(self.counts.values())

    @property
    def empty(self) -> bool:
        return not self.total and not self.attention

    @property
    def paginated(self) -> bool:
        """Whether any document has pages (then JSON and CSV carry a ``page`` field)."""
        return any(info.pages for info in self.documents)


def matches(path: Path, doc_glob: str | None) -> bool:
    if not doc_glob:
        return True
    return fnmatch.fnmatchcase(path.name, doc_glob) or \
        fnmatch.fnmatchcase(path.as_posix(), doc_glob)


class Builder:
    """Accumulates documents one at a time (so progress can be reported between them)."""

    def __init__(self, codebook: Codebook, tags: Collection[str] | None, include_notes: bool,
                 context: int = 0) -> None:
        self.codebook = codebook
        self.context = max(0, context)
        self.wanted = None if tags is None else set(tags)
        self.include_notes = include_notes
        self.found: set[str] = set()
        self.documents: list[DocumentInfo] = []
        self.items: defaultdict[str, list[SummaryItem]] = defaultdict(list)
        self.attention: list[SummaryItem] = []
        self.skipped: list[str] = []
        self.rank = {tag.name: i for i, tag in enumerate(codebook)}
        self._plans: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
        self.figures: list[KeyFigure] = []
        self.timeline: list[Event] = []
        self.briefs = FolderBriefs()
        self.options = options_key([tag.name for tag in codebook], self.wanted,
                                   include_notes, self.context)
        self._mentions_keys: dict[Path, str] = {}

    def _ordered(self, tags: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(tags, key=lambda t: (self.rank.get(t, len(self.rank)), t)))

    def _plan(self, tags: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """(tag, co-tags) for each selected tag of an annotation; cached per tag tuple,
        as a corpus uses few distinct combinations."""
        plan = self._plans.get(tags)
        if plan is None:
            ordered = self._ordered(tags)
            plan = [(tag, tuple(t for t in ordered if t != tag)) for tag in ordered
                    if self.wanted is None or tag in self.wanted]
            self._plans[tags] = plan
        return plan

    def add_path(self, path: Path) -> None:
        """Add a briefing not open: its part from :mod:`.summary_cache` when the same
        file, sidecar, options and code made one before, else opened and built (and kept)."""
        self.take(self.cached(path) or self.built(path))

    def key(self, path: Path) -> str | None:
        """The key of ``path``'s part now (:func:`.summary_cache.part_key`)."""
        return part_key(path, self.options, self._mentions_key(path.parent))

    def cached(self, path: Path) -> Part | None:
        key = self.key(path)
        return None if key is None else summary_cache.load(key, path)

    def parts(self, paths: list[Path], workers: int | None) -> Iterator[Part | str]:
        """Each of ``paths``' parts in order: those kept are read here (sending them back
        from workers costs more), the others built, in ``workers`` processes (default:
        one per CPU from :data:`PARALLEL_FROM` briefings on)."""
        found = [self.cached(path) for path in paths]
        missing = [path for path, part in zip(paths, found, strict=True) if part is None]
        count = _workers(len(missing)) if workers is None else max(1, workers)
        if count == 1 or not missing:
            made: Iterable[Part | str] = map(self.built, missing)
        else:
            made = _in_workers(missing, count, partial(
                _built, codebook=self.codebook, tags=self.wanted,
                include_notes=self.include_notes, context=self.context))
        made = iter(made)
        for part in found:
            yield next(made) if part is None else part

    def built(self, path: Path) -> Part | str:
        """``path``'s part made now (and kept), or why it cannot be read (one line)."""
        key = self.key(path)
        try:
            document = open_document(path, cached_split=True)
        except DocumentError as exc:
            return str(exc)
        except OSError as exc:  # one odd entry (a name too long, a loop) never stops the rest
            return f"{path.name}: cannot read: {exc.strerror or exc}"
        part = self._part(document)
        summary_cache.stats.builds += 1
        # kept only if nothing changed while it was read (else the next export builds it)
        if key is not None and self.key(path) == key:
            summary_cache.store(key, part)
        return part

    def take(self, part: Part | str) -> None:
        if isinstance(part, str):
            self.skipped.append(part)
        else:
            self._take(part)

    def _mentions_key(self, folder: Path) -> str:
        """What of the folder's brief.yaml a part depends on: its places and actors."""
        found = self._mentions_keys.get(folder)
        if found is None:
            brief = self.briefs.brief(folder)
            found = self._mentions_keys[folder] = repr((brief.places, brief.actors))
        return found

    def add(self, document: Document) -> None:
        self._take(self._part(document))

    def _take(self, part: Part) -> None:
        self.documents.append(part.info)
        self.skipped += part.skipped
        self.found.update(part.found)
        items = self.items
        for item in part.items:
            items[item.tag].append(item)
        self.attention += part.attention
        self.figures += part.figures
        self.timeline += part.timeline

    def _part(self, document: Document) -> Part:
        """Everything one briefing adds to the summary (no step across briefings)."""
        split = document.segmentation
        if not split.complete:  # the app's lazily split document: never touch its state
            split = segment(document.text)
        title = document.title
        meta = document.metadata
        info = DocumentInfo(document.path, title, len(split), 0, document.sidecar_error,
                            pages=len(document.loaded.pages), date=meta.date or "",
                            author=meta.author or "", source=meta.source or "")
        part = Part(info)
        if document.sidecar_error:
            part.skipped.append(f"{document.path.name}: sidecar unreadable: "
                                f"{document.sidecar_error}")
            return part
        chosen: list[Chosen] = []
        annotations = document.annotations.sorted()
        part.found = tuple(sorted({tag for a in annotations for tag in a.tags}))
        for annotation in annotations:
            self._add_annotation(document, split, part, chosen, annotation)
        part.figures, part.timeline = facts_of(
            document.text, info.path, chosen, metadata_date=meta.date, source=info.source,
            mentions=self.briefs.mentions(info.path.parent))
        return part

    def _add_annotation(self, document: Document, split: Segmentation, part: Part,
                        chosen: list[Chosen], a: Annotation) -> None:
        plan = self._plan(a.tags)
        attention = a.anchor is Anchor.REVIEW or a.anchor is Anchor.ORPHAN
        if not plan and (a.tags or self.wanted is not None or not attention):
            return  # a note without tags is no tagged sentence, unless it needs attention
        info = part.info
        orphan = a.anchor is Anchor.ORPHAN
        index = None if orphan else split.index_of_span(a.start, a.end)
        if index is None and not orphan:
            index = split.index_at(a.start)  # a span that is not one whole sentence
        label = ""
        if index is None:
            paragraph = number = 0
        else:
            paragraph, number = split.para_of[index] + 1, index + 1
            label = split.para_labels[paragraph - 1]
        page = 0 if orphan else document.page_of(a.start)
        citation = Citation(info.title, info.path.name, paragraph, number, page, info.date,
                            info.author, info.source, label)
        text = a.text if orphan else document.text[a.start:a.end]
        note = a.note if self.include_notes else ""
        anchor = Anchor(a.anchor).value
        if attention:
            first, co_tags = plan[0] if plan else ("", ())  # no plan: an untagged note
            part.attention.append(SummaryItem(
                first, info.path, citation, a.start, a.end, text, note, co_tags, anchor,
                a.id, previous_text(a) or "", a.prefix, a.suffix, a.by))
            info.attention += 1
            return
        info.tagged += 1
        if index is not None:
            sentence = split.sentence(index)
            chosen.append(Chosen(sentence.start, sentence.end, citation,
                                 document.text[sentence.start:sentence.end],
                                 tuple(tag for tag, _ in plan)))
        counts = info.counts
        before, after = _around(split, index, self.context)
        for tag, co_tags in plan:
            part.items.append(SummaryItem(tag, info.path, citation, a.start, a.end, text,
                                          note, co_tags, anchor, a.id, "", a.prefix,
                                          a.suffix, a.by, before, after))
            counts[tag] = counts.get(tag, 0) + 1

    def finish(self, timestamp: datetime | None, filters: dict[str, object]) -> Summary:
        base = [t.name for t in self.codebook] if self.wanted is None else self.wanted
        tags = self.codebook.order({*base, *self.items})
        items = {tag: self.items.get(tag, []) for tag in tags}
        brief, confirmed = self.folder_briefs()
        return Summary(
            documents=self.documents, tags=tags, items=items, attention=self.attention,
            counts={tag: len(items[tag]) for tag in tags},
            generated=None if timestamp is None else timestamp.isoformat(timespec="seconds"),
            skipped=self.skipped,
            known_tags=self.codebook.order({*(t.name for t in self.codebook), *self.found}),
            filters=filters, figures=self.figures, brief=brief, confirmed=confirmed,
            timeline=sorted(self.timeline, key=lambda e: (e.date or "9999", e.until)),
            about_of={(str(e.path), e.citation.sentence): e.about for e in self.timeline
                      if e.about}, aliases=self.briefs.aliases(), context=self.context)

    def folder_briefs(self) -> tuple[BriefFile, frozenset[str]]:
        """The common folder's brief.yaml and the confirmations of every folder's."""
        folders = list(dict.fromkeys(info.path.parent for info in self.documents))
        for folder in folders:
            self.briefs.brief(folder)
        brief = self.briefs.common(folders)
        self.skipped += self.briefs.errors.values()
        return brief, self.briefs.confirmed()


def _around(split: Segmentation, index: int | None, context: int,
            ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``context`` sentences before and after sentence ``index`` (its neighbours)."""
    if not context or index is None:
        return (), ()
    return (tuple(split.sentence_text(i) for i in range(max(0, index - context), index)),
            tuple(split.sentence_text(i) for i in range(index + 1,
                                                         min(len(split), index + 1 + context))))


def filters_of(tags: Collection[str] | None, doc_glob: str | None, include_notes: bool,
             ) -> dict[str, object]:
    return {"tags": None if tags is None else sorted(tags), "doc": doc_glob,
            "notes": include_notes}


def summary_of_documents(documents: Iterable[Document | Path], codebook: Codebook, *,
                         tags: Collection[str] | None = None, doc_glob: str | None = None,
                         include_notes: bool = True, timestamp: datetime | None = None,
                         context: int = 0) -> Summary:
    """The summary of documents already open (the app's own, unsaved changes included),
    mixed with paths of documents that are not open, in the order given.

    Nothing in the documents is changed: one whose splitting is still under way in a
    worker is split again here, on a copy.
    """
    builder = Builder(codebook, tags, include_notes, context)
    for document in documents:
        if isinstance(document, Path):
            if matches(document, doc_glob):
                builder.add_path(document)
        elif matches(document.path, doc_glob):
            builder.add(document)
    return builder.finish(timestamp, filters_of(tags, doc_glob, include_notes))


def _built(paths: list[Path], codebook: Codebook, tags: Collection[str] | None,
           include_notes: bool, context: int = 0) -> list[Part | str]:
    """One worker's share: its briefings' parts (pickled back), each kept in the cache."""
    builder = Builder(codebook, tags, include_notes, context)
    return [builder.built(path) for path in paths]


def _workers(documents: int) -> int:
    """Processes worth starting: opening a briefing is CPU-bound (splitting, parsing).

    None from a process that runs threads (the app): forking one can deadlock.
    """
    if documents < PARALLEL_FROM or threading.active_count() > 1:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS, documents // (PARALLEL_FROM // 2)))


def build_summary(paths: Iterable[Path | str], codebook: Codebook, *,
                  tags: Collection[str] | None = None, doc_glob: str | None = None,
                  include_notes: bool = True, timestamp: datetime | None,
                  progress: Progress | None = None, workers: int | None = None,
                  context: int = 0) -> Summary:
    """Open every briefing in ``paths`` (files or folders) and summarise their tags.

    ``tags`` keeps only those tags (None: all); ``doc_glob`` matches a document's file name
    or its path as given. ``progress(done, total)`` is called as documents are done.
    Paths that are missing, unreadable documents and unreadable sidecars are listed in
    ``skipped``; sidecars are only read, never written. From :data:`PARALLEL_FROM`
    documents on, they are opened in ``workers`` processes (default: one per CPU); the
    result is the same, in the same order. ``context`` sentences either side of each
    tagged one are kept with it (``before``/``after``).
    """
    corpus = find_documents(paths)
    chosen = [p for p in corpus.documents if matches(p, doc_glob)]
    builder = Builder(codebook, tags, include_notes, context)
    builder.skipped += corpus.errors + corpus.unreadable
    for done, part in enumerate(builder.parts(chosen, workers), 1):
        builder.take(part)
        if progress is not None:
            progress(done, len(chosen))
    digests.save()  # the files' digests by stat, for the next run
    return builder.finish(timestamp, filters_of(tags, doc_glob, include_notes))


def _in_workers(paths: list[Path], count: int,
                work: Callable[[list[Path]], list[Part | str]]) -> Iterator[Part | str]:
    """``work`` on chunks of ``paths`` in ``count`` processes, results in order."""
    # deferred: process pools cost the app ~0.1 s of imports on its first screen
    from concurrent.futures import ProcessPoolExecutor

    from briefing_tui.core.workers import die_with_parent

    segment("Warm up.")  # forked workers inherit the loaded sentence model
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(count, initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        for parts in pool.map(work, chunks):
            yield from parts
