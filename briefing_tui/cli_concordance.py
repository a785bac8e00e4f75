"""``briefing concordance PHRASE PATH...``: every sentence of the briefings that has a word
or phrase, keyword in context, each line cited (``--json``: JSON lines with the whole
sentence and offsets). Like grep: exit 1 when nothing is found. Read-only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing_tui.cli_common import EXIT_ATTENTION, EXIT_BAD_INPUT, say, say_corpus_problems
from briefing_tui.core.concordance import Line, PhraseError, concordance
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.export.common import place
from briefing_tui.core.visible import escape_json_text, visible


def _flat(text: str) -> str:
    return " ".join(visible(text, keep_newlines=False).split())


def cited(line: Line) -> str:
    return _flat(f"{line.citation.file} {place(line.citation)}")


def kwic(line: Line, width: int, pad: int = 0) -> str:
    """``file ¶2 s.4  …left [WORDS] right…  tags``: the words at one column."""
    left, right = _flat(line.left), _flat(line.right)
    left = ("…" + left[-(width - 1):]) if len(left) > width else left
    right = (right[:width - 1] + "…") if len(right) > width else right
    tags = f"  {_flat(', '.join(line.tags))}" if line.tags else ""
    before = f"{left}{line.gap_before}" if left else ""
    return (f"{cited(line):<{pad}}  {before:>{width + 1}}[{_flat(line.words)}]"
            f"{line.gap_after if right else ''}{right}{tags}")


def record(line: Line) -> dict[str, object]:
    cite = line.citation
    out: dict[str, object] = {
        "document": cite.file, "path": str(line.path), "title": cite.title,
        "paragraph": cite.paragraph, "sentence": cite.sentence, "start": line.start,
        "end": line.end, "text": line.sentence, "words": line.words, "tags": list(line.tags)}
    if cite.page:
        out["page"] = cite.page
    return out


def cmd_concordance(args: argparse.Namespace) -> int:
    corpus = find_documents(args.paths)
    status = say_corpus_problems(corpus)
    try:
        found = concordance(corpus.documents, args.phrase, tags=args.tag)
    except PhraseError as exc:
        say(f"briefing: concordance: {exc}")
        return EXIT_BAD_INPUT
    for problem in found.skipped:
        say(f"briefing: {problem}")
        status = max(status, EXIT_ATTENTION)
    if found.lines:
        width = max(12, args.width)
        pad = max(len(cited(line)) for line in found.lines)  # the words in one column
        for line in found.lines:
            if args.json:
                sys.stdout.write(escape_json_text(json.dumps(record(line),
                                                             ensure_ascii=False)) + "\n")
            else:
                sys.stdout.write(kwic(line, width, pad) + "\n")
    if found.more:
        say(f"briefing: {found.more} more occurrences not listed")
    if not found.lines:
        say(f"briefing: {_flat(args.phrase)!r} not found in {found.documents} documents")
        return max(status, EXIT_ATTENTION)
    return status


def add_concordance_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = sub.add_parser(
        "concordance", help="every sentence with a word or phrase, in context, cited",
        description="Whole words, case-blind; 'deport*' matches any ending. Exit 0 found, "
        "1 nothing found (or a file skipped), 2 bad input.")
    command.add_argument("phrase", help="the word or phrase to look for")
    command.add_argument("paths", nargs="+", type=Path, help="briefings and folders")
    command.add_argument("--tag", action="append", metavar="TAG",
                         help="only sentences with this tag (repeatable)")
    command.add_argument("--json", action="store_true", help="JSON lines")
    command.add_argument("--width", type=int, default=40, metavar="N",
                         help="characters of context either side (default 40)")
    command.set_defaults(func=cmd_concordance)
