"""``briefing figures PATH...``: the key figures of tagged sentences (``--all``: of every
sentence), as a listing, ``--json`` or ``--csv`` (``--hxl``: a hashtag row under the
header). Read-only: sidecars are never written; one bad file never stops a folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing_tui.cli_common import EXIT_ATTENTION, EXIT_BAD_INPUT, say, say_corpus_problems
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import Document, open_document
from briefing_tui.core.figures import Figure, SentenceRef, figures_in
from briefing_tui.core.figures.table import to_csv, to_json, to_lines
from briefing_tui.core.text import DocumentError
from briefing_tui.core.visible import escape_json_text, visible


def _sentences(document: Document, everything: bool) -> list[SentenceRef]:
    split = document.segmentation
    if everything:
        return [SentenceRef(s.number, s.start, s.end) for s in split]
    wanted: set[int] = set()
    for annotation in document.annotations:
        if not annotation.tags or annotation.needs_attention:
            continue
        first = split.index_at(annotation.start)
        last = split.index_at(max(annotation.start, annotation.end - 1))
        if first is not None and last is not None:
            wanted.update(range(first, last + 1))
    return [SentenceRef(s.number, s.start, s.end)
            for s in (split.sentence(i) for i in sorted(wanted))]


def document_figures(path: Path, everything: bool) -> list[Figure]:
    """The figures of one briefing (raises DocumentError when it cannot be read)."""
    document = open_document(path)
    if document.sidecar_error and not everything:
        raise DocumentError(path, f"sidecar unreadable: {document.sidecar_error}")
    meta = document.metadata
    return figures_in(document.text, _sentences(document, everything),
                      document=document.name, metadata_date=meta.date,
                      source=meta.source or "")


def cmd_figures(args: argparse.Namespace) -> int:
    corpus = find_documents(args.paths)
    status = say_corpus_problems(corpus)
    figures: list[Figure] = []
    for path in corpus.documents:
        try:
            figures += document_figures(path, args.all)
        except DocumentError as exc:
            say(f"briefing: {visible(str(path), keep_newlines=False)}: {exc}")
            status = max(status, EXIT_ATTENTION)
    if args.hxl and not args.csv:
        say("briefing: --hxl goes with --csv")
        return EXIT_BAD_INPUT
    if args.json:
        sys.stdout.write(escape_json_text(to_json(figures)))
    elif args.csv:
        sys.stdout.write(to_csv(figures, hxl=args.hxl))
    else:
        for line in to_lines(figures):
            sys.stdout.write(visible(line, keep_newlines=False) + "\n")
    return status


def add_figures_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    figures = sub.add_parser(
        "figures", help="key figures (killed, displaced, detained…) with their citations")
    figures.add_argument("paths", nargs="+", type=Path)
    figures.add_argument("--all", action="store_true",
                         help="read every sentence, not only the tagged ones")
    form = figures.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object")
    form.add_argument("--csv", action="store_true", help="CSV, one row per figure")
    figures.add_argument("--hxl", action="store_true",
                         help="with --csv: a second header row of HXL hashtags")
    figures.set_defaults(func=cmd_figures)
