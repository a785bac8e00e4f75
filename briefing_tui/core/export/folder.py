"""A folder's export in a text format, each briefing's rendered pieces kept between runs
(:mod:`.chunk_cache`): a second export of an unchanged folder checks each briefing's
files, reads its entry and writes the pieces in order around a frame made from the
entries' small heads, with no summary of objects in between.

A briefing without a usable entry takes the summary's own path (its part from the
summary cache, else opened and built, in worker processes when many) and is rendered
and kept. The text is the same as :func:`briefing_tui.core.export.render` of
:func:`~briefing_tui.core.summary.build_summary` (tests compare them in every format).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing_tui.core import digests
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.corpus import Corpus, find_documents
from briefing_tui.core.export import chunk_cache, kit
from briefing_tui.core.export.frame import (
    DocView,
    Frame,
    Head,
    Pieces,
    context_of,
    head_of,
    view_of_part,
)
from briefing_tui.core.summary import Builder, Progress, filters_of, matches


@dataclass
class Exported:
    data: bytes  # the export's file: UTF-8 text
    frame: Frame  # what was exported: documents, counts, skipped lines


def export_folder(paths: Iterable[Path | str], fmt: str, codebook: Codebook, *,
                  tags: Collection[str] | None = None, doc_glob: str | None = None,
                  include_notes: bool = True, timestamp: datetime | None,
                  progress: Progress | None = None, workers: int | None = None,
                  context: int = 0, corpus: Corpus | None = None) -> Exported:
    """The export of the briefings in ``paths`` in text format ``fmt``, with the options
    of :func:`~briefing_tui.core.summary.build_summary` (``corpus``: the paths already
    found)."""
    made = kit(fmt)
    corpus = corpus or find_documents(paths)
    chosen = [p for p in corpus.documents if matches(p, doc_glob)]
    builder = Builder(codebook, tags, include_notes, context)
    builder.skipped += corpus.errors + corpus.unreadable
    keys = [builder.key(path) for path in chosen]
    entry_keys = [None if key is None else chunk_cache.entry_key(key, fmt, path)
                  for key, path in zip(keys, chosen, strict=True)]
    entries = [None if key is None else chunk_cache.load(key, path)
               for key, path in zip(entry_keys, chosen, strict=True)]
    missing = [path for path, entry in zip(chosen, entries, strict=True) if entry is None]
    parts = builder.parts(missing, workers)
    heads: list[Head | None] = []
    head: Head | None
    views: dict[int, DocView] = {}
    for index, entry in enumerate(entries):
        if entry is not None:
            head = entry.head
        else:
            part = next(parts)
            if isinstance(part, str):  # unreadable: a line under Skipped, never kept
                builder.skipped.append(part)
                head = None
            else:
                views[index] = view = view_of_part(part)
                head = head_of(view, part.skipped, part.found)
        heads.append(head)
        if head is not None:
            builder.documents.append(head.info)
            builder.skipped += head.skipped
            builder.found.update(head.found)
        if progress is not None:
            progress(index + 1, len(chosen))
    frame = _frame(builder, [h for h in heads if h is not None], timestamp,
                   filters_of(tags, doc_glob, include_notes))
    pieces: list[Pieces] = []
    for index, head in enumerate(heads):
        if head is None:
            continue
        wanted = context_of(fmt, frame, head)
        entry = entries[index]
        if entry is not None and entry.context == wanted:
            pieces.append(entry.pieces)
            continue
        found = views.get(index) or _view(builder, chosen[index])
        if found is None:  # it became unreadable since its entry was read
            pieces.append(Pieces())
            continue
        pieces.append(made.pieces(found, wanted))
        chunk_cache.stats.renders += 1
        key = entry_keys[index]
        if key is not None:
            chunk_cache.store(key, wanted, head, pieces[-1])
    digests.save()  # the files' digests by stat, for the next run
    return Exported(made.assemble(frame, pieces, codebook), frame)


def _view(builder: Builder, path: Path) -> DocView | None:
    part = builder.cached(path) or builder.built(path)
    if isinstance(part, str):
        builder.skipped.append(part)
        return None
    return view_of_part(part)


def _frame(builder: Builder, heads: list[Head], timestamp: datetime | None,
           filters: dict[str, object]) -> Frame:
    """The frame across briefings, from their heads (as the summary makes its own)."""
    book = builder.codebook
    listed: dict[str, int] = {}
    for head in heads:
        for tag, count in head.info.counts.items():
            listed[tag] = listed.get(tag, 0) + count
    base = [t.name for t in book] if builder.wanted is None else builder.wanted
    tags = book.order({*base, *(tag for tag, count in listed.items() if count)})
    listed = {tag: listed.get(tag, 0) for tag in tags}
    brief, confirmed = builder.folder_briefs()
    return Frame(
        documents=builder.documents, tags=tags, counts=listed, listed=listed,
        generated=None if timestamp is None else timestamp.isoformat(timespec="seconds"),
        skipped=builder.skipped,
        known_tags=book.order({*(t.name for t in book), *builder.found}), filters=filters,
        brief=brief, confirmed=confirmed, context=builder.context,
        attention=sum(h.info.attention for h in heads),
        figures=sum(len(h.figure_ids) for h in heads), events=sum(h.events for h in heads),
        dated=sum(h.dated for h in heads), annotations=sum(h.annotations for h in heads),
        sentences=sum(h.sentences for h in heads),
        attention_tags=[*(t for h in heads for t in h.attention_tags),
                        *(t for h in heads for t in h.attention_co_tags)],
        order=tuple(t.name for t in book))
