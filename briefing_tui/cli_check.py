"""``briefing sentences`` and ``briefing check``: one briefing's split and its sidecar's health.

Both read documents through the core only (no Textual), one line per problem, and go on
past a file that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing_tui.cli_common import (
    EXIT_ATTENTION,
    EXIT_BAD_INPUT,
    EXIT_OK,
    say,
    say_corpus_problems,
)
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import open_document
from briefing_tui.core.extract import DOCUMENT_SUFFIXES, document_kind
from briefing_tui.core.sidecar import SidecarError, count_sidecar, sidecar_path
from briefing_tui.core.sidecar.bulk import recorded_sha256
from briefing_tui.core.sidecar.format import collector_paused
from briefing_tui.core.text import DocumentError, stream_sha256
from briefing_tui.core.visible import escape_json_text, visible


def _annotations(count: int) -> str:
    return f"{count} annotation{'' if count == 1 else 's'}"


def cmd_sentences(args: argparse.Namespace) -> int:
    try:
        document = open_document(args.path, segment_chars=None)
    except DocumentError as exc:
        say(f"briefing: {exc}")
        return EXIT_BAD_INPUT
    if document.loaded.warning:  # a PDF page that could not be read or has no text layer
        say(f"briefing: {args.path.name}: {document.loaded.warning}")
    split = document.segmentation
    out = sys.stdout
    for sentence in split:
        text = split.text[sentence.start:sentence.end]
        if args.json:
            record: dict[str, object] = {
                "number": sentence.number, "paragraph": sentence.paragraph,
                "start": sentence.start, "end": sentence.end, "text": text}
            if sentence.label:  # the paragraph's own number in the document ("48")
                record["paragraph_label"] = sentence.label
            out.write(escape_json_text(json.dumps(record, ensure_ascii=False)) + "\n")
        else:
            shown = visible(text, keep_newlines=False).replace("\u240a", " ")
            out.write(f"{sentence.number}\t{sentence.start}\t{sentence.end}\t{shown}\n")
    return EXIT_OK


def _all_exact(path: Path) -> tuple[int, list[str]] | None:
    """(annotations, problems) for a plain-text briefing whose sidecar, in our own form, was
    written for this very text and holds nothing to re-anchor or review: what opening it
    would report, found without holding the text or making a single annotation (a 52 MB
    briefing with 200,000: under a second, not seven). None: open it to find out."""
    sidecar = sidecar_path(path)
    recorded = recorded_sha256(sidecar)  # a hint: no need to read a sidecar of other text
    if document_kind(path) != "text" or recorded is None:
        return None
    text = stream_sha256(path)
    if text is None or text[0] != recorded:
        return None
    found = count_sidecar(sidecar)
    if found is None or found[1].attention:
        return None
    data, block = found
    if text[0] != data.document_sha256 or block.last_end > text[1]:
        return None
    return block.count, data.problems


UNTAGGED_NAMED = 10  # names listed on the "no sidecar yet" line; the rest counted


def _untagged_line(names: list[str]) -> str:
    """One line for every readable briefing without a sidecar (a folder of 1,000 new
    briefings gave 1,000 lines of "no sidecar", burying the ones that need a look)."""
    shown = ", ".join(names[:UNTAGGED_NAMED])
    more = len(names) - UNTAGGED_NAMED
    count = f"{len(names)} briefing{'s' if len(names) != 1 else ''}"
    return (f"no sidecar yet (read fine, nothing tagged): {count}: {shown}"
            + (f" and {more} more" if more > 0 else ""))


def cmd_check(args: argparse.Namespace) -> int:
    corpus = find_documents(args.paths)
    status = say_corpus_problems(corpus)
    untagged: list[str] = []  # read fine, nothing tagged yet: one line for all at the end
    for path in corpus.documents:
        name = visible(str(path), keep_newlines=False)
        quick = _all_exact(path)
        if quick is not None:
            print(f"{name}: {_annotations(quick[0])}, all exact")
            for problem in quick[1]:
                print(f"  problem: {visible(problem, keep_newlines=False)}")
                status = max(status, EXIT_ATTENTION)
            continue
        try:  # split only if re-anchoring needs it: a 50 MB briefing's split takes seconds
            with collector_paused():  # 200,000 annotations: the collector would walk them all
                document = open_document(path, segment_chars=0)
                document.load_sidecar()
        except DocumentError as exc:
            print(f"{name}: unreadable: {visible(exc.reason, keep_newlines=False)}")
            status = EXIT_BAD_INPUT
            continue
        except OSError as exc:  # one odd entry (a name too long, a loop) never stops the rest
            print(f"{name}: unreadable: {visible(exc.strerror or str(exc), keep_newlines=False)}")
            status = EXIT_BAD_INPUT
            continue
        if document.sidecar_error:
            print(f"{name}: sidecar unreadable: "
                  f"{visible(document.sidecar_error, keep_newlines=False)}")
            status = EXIT_BAD_INPUT
            continue
        if document.disk is None:
            untagged.append(name)
            continue
        report = document.anchor_report
        total = len(document.annotations)
        if report is None:
            print(f"{name}: {_annotations(total)}, all exact")
        else:
            print(f"{name}: {_annotations(total)}: {report.exact} exact, {report.moved} moved, "
                  f"{report.review} {'needs' if report.review == 1 else 'need'} review, "
                  f"{report.orphan} orphaned")
            for line in report.details:
                print(f"  {visible(line, keep_newlines=False)}")
            if report.needs_attention:
                status = max(status, EXIT_ATTENTION)
        for problem in document.problems:
            print(f"  problem: {visible(problem, keep_newlines=False)}")
            status = max(status, EXIT_ATTENTION)
        if args.fix and document.dirty:
            try:
                document.save()
                print("  re-anchored sidecar written")
            except SidecarError as exc:
                print(f"  not written: {visible(str(exc), keep_newlines=False)}")
                status = max(status, EXIT_ATTENTION)
    if untagged:
        print(_untagged_line(untagged))
    if not corpus.documents and not corpus.errors:
        say("briefing: no briefings found (looked for " + ", ".join(DOCUMENT_SUFFIXES) + ")")
        return EXIT_BAD_INPUT
    return status
