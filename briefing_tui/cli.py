"""The ``briefing`` command: thin argument parsing over the core and the app.

``briefing [PATH ...]`` opens the app; ``briefing sentences`` and ``briefing check`` work
without importing Textual, so they start fast and run in scripts and CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import SidecarError
from briefing_tui.core.text import TEXT_SUFFIXES, DocumentError
from briefing_tui.core.visible import escape_json_text, visible

EXIT_OK, EXIT_ATTENTION, EXIT_BAD_INPUT = 0, 1, 2
COMMANDS = ("sentences", "check")


def _say(message: str) -> None:
    print(visible(message, keep_newlines=False), file=sys.stderr)


def cmd_sentences(args: argparse.Namespace) -> int:
    try:
        document = open_document(args.path, segment_chars=None)
    except DocumentError as exc:
        _say(f"briefing: {exc}")
        return EXIT_BAD_INPUT
    split = document.segmentation
    out = sys.stdout
    for sentence in split:
        text = split.text[sentence.start:sentence.end]
        if args.json:
            record = {"number": sentence.number, "paragraph": sentence.paragraph,
                      "start": sentence.start, "end": sentence.end, "text": text}
            out.write(escape_json_text(json.dumps(record, ensure_ascii=False)) + "\n")
        else:
            shown = visible(text, keep_newlines=False).replace("\u240a", " ")
            out.write(f"{sentence.number}\t{sentence.start}\t{sentence.end}\t{shown}\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    corpus = find_documents(args.paths)
    status = EXIT_OK
    for error in corpus.errors:
        _say(f"briefing: {error}")
        status = EXIT_BAD_INPUT
    for path in corpus.documents:
        name = visible(str(path), keep_newlines=False)
        try:
            document = open_document(path)
        except DocumentError as exc:
            print(f"{name}: unreadable: {visible(exc.reason, keep_newlines=False)}")
            status = EXIT_BAD_INPUT
            continue
        if document.sidecar_error:
            print(f"{name}: sidecar unreadable: "
                  f"{visible(document.sidecar_error, keep_newlines=False)}")
            status = EXIT_BAD_INPUT
            continue
        if document.disk is None:
            print(f"{name}: no sidecar")
            continue
        report = document.anchor_report
        total = len(document.annotations)
        if report is None:
            print(f"{name}: {total} annotations, all exact")
        else:
            print(f"{name}: {total} annotations: {report.exact} exact, {report.moved} moved, "
                  f"{report.review} need review, {report.orphan} orphaned")
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
    if not corpus.documents and not corpus.errors:
        _say("briefing: no briefings found (looked for " + ", ".join(TEXT_SUFFIXES) + ")")
        return EXIT_BAD_INPUT
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Read and tag conflict briefings in the terminal.")
    sub = parser.add_subparsers(dest="command")
    sentences = sub.add_parser("sentences", help="print the sentence split with offsets")
    sentences.add_argument("path", type=Path)
    sentences.add_argument("--json", action="store_true", help="JSON lines")
    sentences.set_defaults(func=cmd_sentences)
    check = sub.add_parser("check", help="validate sidecars and re-anchor annotations")
    check.add_argument("paths", nargs="+", type=Path)
    check.add_argument("--fix", action="store_true",
                       help="write re-anchored sidecars back (orphans are kept)")
    check.set_defaults(func=cmd_check)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Read and tag conflict briefings in the terminal. "
        f"Other commands: {', '.join(COMMANDS)} (see 'briefing COMMAND --help').")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")],
                        help="files and folders to open (default: the current folder)")
    parser.add_argument("--codebook", type=Path, help="a YAML codebook of your own tags")
    parser.add_argument("--config", type=Path,
                        help="settings file (default: ~/.config/briefing_tui/config.yaml)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        args = build_parser().parse_args(argv)
        return int(args.func(args))
    args = build_app_parser().parse_args(argv)
    from briefing_tui.tui.launch import launch  # Textual is imported only for the app

    return launch(args.paths, args.codebook, args.config)


if __name__ == "__main__":
    sys.exit(main())
