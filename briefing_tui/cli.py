"""The ``briefing`` command: thin argument parsing over the core and the app.

``briefing [PATH ...]`` opens the app; ``briefing sentences``, ``check``, ``export`` and
``stats`` work without importing Textual, so they start fast and run in scripts and CI.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.cli_common import (
    EXIT_ATTENTION,
    EXIT_BAD_INPUT,
    EXIT_OK,
    say,
)
from briefing_tui.cli_streams import Parser, ProgressBar, run_guarded, stdout_console
from briefing_tui.cli_team import TEAM_COMMANDS, add_team_commands
from briefing_tui.core.codebook import Codebook, CodebookError, load_codebook
from briefing_tui.core.collector import resume
from briefing_tui.core.corpus import Corpus, find_documents
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.extract import DOCUMENT_SUFFIXES
from briefing_tui.core.settings import ConfigError, load_settings
from briefing_tui.core.sidecar import sidecar_path

if TYPE_CHECKING:
    from briefing_tui.core.export.folder import Exported
    from briefing_tui.core.export.frame import Frame
    from briefing_tui.core.summary import Summary

# Summaries, exports and stats are imported in the commands that use them: the app's first
# screen needs none of them (about 0.1 s of imports; issue 17).

COMMANDS = ("sentences", "check", "export", "stats", "meta", "suggest", "figures",
            "concordance", "serve",
            *TEAM_COMMANDS)


EXPORT_HELP = """\
exit status: 0 written; 1 written, but nothing matched the filters (the export is a valid
empty one) or a document or sidecar could not be read (listed under Skipped); 2 bad
input, nothing written (missing path, no briefings, unknown tag, output exists).
The format defaults to the -o file's suffix (.md .html .json .csv .jsonld), else md."""


def _codebook(path: Path | None) -> Codebook | None:
    """The codebook from --codebook, else the one the settings file names, else the default."""
    if path is None:
        try:
            path = load_settings().codebook
        except ConfigError as exc:
            say(f"briefing: config {exc}")
            return None
    if path is None:
        return Codebook()
    try:
        return load_codebook(path)
    except CodebookError as exc:
        say(f"briefing: codebook {exc}")
        return None


def _found(args: argparse.Namespace, corpus: Corpus) -> bool:
    """Whether ``corpus`` can be read (else why not has been said)."""
    for error in corpus.errors:
        say(f"briefing: {error}")
    if corpus.errors:
        return False
    if not corpus.documents:
        say("briefing: no briefings found (looked for " + ", ".join(DOCUMENT_SUFFIXES) + ")")
        return False
    if corpus.truncated:
        say(f"briefing: only the first {len(corpus.documents)} documents are read")
    return True


def _known(args: argparse.Namespace, known_tags: list[str]) -> bool:
    unknown = [t for t in args.tag or () if t not in known_tags]
    if unknown:
        say(f"briefing: unknown tag {unknown[0]!r} (known: {', '.join(known_tags)})")
    return not unknown


def _summarise(args: argparse.Namespace, codebook: Codebook, *, timestamp: datetime | None,
               label: str, to_stdout: bool = True,
               corpus: Corpus | None = None) -> Summary | None:
    """The summary asked for, or None (after saying why) when the input is bad."""
    from briefing_tui.core.summary import build_summary

    corpus = corpus or find_documents(args.paths)
    if not _found(args, corpus):
        return None
    bar = ProgressBar(label, to_stdout=to_stdout)
    try:
        summary = build_summary(corpus.documents, codebook, tags=args.tag, doc_glob=args.doc,
                                include_notes=not getattr(args, "no_notes", False),
                                timestamp=timestamp, progress=bar,
                                context=getattr(args, "context", 0))
    finally:
        bar.close()
    summary.skipped[:0] = corpus.unreadable  # folders not read: the result is incomplete
    return summary if _known(args, summary.known_tags) else None


def _exported(args: argparse.Namespace, codebook: Codebook, fmt: str,
              timestamp: datetime | None, corpus: Corpus) -> Exported | None:
    """A text format's export with each briefing's rendered pieces kept between runs
    (the same bytes as rendering the summary), or None when the input is bad."""
    from briefing_tui.core.export.folder import export_folder

    if not _found(args, corpus):
        return None
    bar = ProgressBar("exporting", to_stdout=args.output is None)
    try:
        exported = export_folder(args.paths, fmt, codebook, tags=args.tag, doc_glob=args.doc,
                                 include_notes=not args.no_notes, timestamp=timestamp,
                                 progress=bar, context=args.context, corpus=corpus)
    finally:
        bar.close()
    return exported if _known(args, exported.frame.known_tags) else None


def _output_refused(args: argparse.Namespace, corpus: Corpus) -> str:
    """Why ``-o`` must not be written ("" when it may)."""
    out: Path = args.output
    if out.is_dir():
        return f"{out} is a folder"
    if os.path.lexists(out) and not args.force:
        return f"{out} exists; use --force to replace it"
    inputs = corpus.documents
    protected = {p.resolve() for p in inputs} | {sidecar_path(p).resolve() for p in inputs}
    if out.resolve() in protected:
        return f"{out} is one of the briefings or sidecars being exported"
    return ""


def _write(data: bytes, args: argparse.Namespace) -> str:
    """Write the export to -o atomically, or to stdout; the error message, or ""."""
    if args.output is None:
        sys.stdout.buffer.write(data)  # a broken pipe or full disk: see run_guarded
        sys.stdout.flush()
        return ""
    out: Path = args.output

    def still_absent() -> None:
        if not args.force and os.path.lexists(out):
            raise FileExistsError(errno.EEXIST, "it was created meanwhile", str(out))

    from briefing_tui.core.atomic import atomic_write

    try:
        atomic_write(out, data, before_replace=still_absent)
    except OSError as exc:
        return f"cannot write {out}: {exc.strerror or exc}"
    return ""


def cmd_export(args: argparse.Namespace) -> int:
    from briefing_tui.core.export import FORMATS, SUFFIXES, render_bytes
    from briefing_tui.core.export.frame import frame_for

    codebook = _codebook(args.codebook)
    if codebook is None:
        return EXIT_BAD_INPUT
    fmt = args.format or (SUFFIXES.get(args.output.suffix.lower(), "md")
                          if args.output is not None else "md")
    corpus = find_documents(args.paths)
    if args.output is not None and (refused := _output_refused(args, corpus)):
        say(f"briefing: not writing: {refused}")
        return EXIT_BAD_INPUT
    if fmt == "docx" and args.output is None and sys.stdout.isatty():
        say("briefing: not writing a Word file to the terminal: give -o FILE.docx")
        return EXIT_BAD_INPUT
    timestamp = None if args.no_timestamp else datetime.now().astimezone()
    frame: Frame
    if fmt in FORMATS and not args.about:  # each briefing's rendered pieces are kept
        exported = _exported(args, codebook, fmt, timestamp, corpus)
        if exported is None:
            return EXIT_BAD_INPUT
        data, frame = exported.data, exported.frame
    else:
        summary = _summarise(args, codebook, timestamp=timestamp, label="exporting",
                             to_stdout=args.output is None, corpus=corpus)
        if summary is None:
            return EXIT_BAD_INPUT
        if args.about:
            from briefing_tui.core.about import about  # only when filtering by place or actor

            summary = about(summary, args.about)
        try:
            data = render_bytes(summary, fmt, codebook)
        except BriefingError as exc:  # docx without python-docx: how to install it
            say(f"briefing: {exc}")
            return EXIT_BAD_INPUT
        frame = frame_for(summary, codebook)
    error = _write(data, args)
    if error:
        say(f"briefing: {error}")
        return EXIT_BAD_INPUT
    return _report(frame, args.output)


def _report(frame: Frame, output: Path | None) -> int:
    """Tell what was exported and what was not; the exit status."""
    for line in frame.skipped:
        say(f"briefing: skipped {line}")
    if frame.attention:
        say(f"briefing: {frame.attention} annotations need review or are orphaned; "
             "they are listed under 'Needs attention'")
    if output is not None:
        say(f"briefing: wrote {output} ({frame.sentences} tagged sentences from "
             f"{len(frame.documents)} documents)")
    if frame.empty:
        say("briefing: no tagged sentences matched the filters")
        return EXIT_ATTENTION
    return EXIT_ATTENTION if frame.skipped else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from briefing_tui.core.stats import compute_stats, stats_json, stats_renderables

    codebook = _codebook(args.codebook)
    if codebook is None:
        return EXIT_BAD_INPUT
    summary = _summarise(args, codebook, timestamp=None, label="counting")
    if summary is None:
        return EXIT_BAD_INPUT
    stats = compute_stats(summary)
    if args.json:
        sys.stdout.write(stats_json(stats))
    else:
        wide = not sys.stdout.isatty() and "COLUMNS" not in os.environ  # a file, a pipe
        console = stdout_console(highlight=False, width=160 if wide else None)
        for renderable in stats_renderables(stats, codebook):
            console.print(renderable)
    for line in summary.skipped:
        say(f"briefing: skipped {line}")
    return EXIT_ATTENTION if summary.skipped else EXIT_OK


CONTEXT_MAX = 5


def _context(text: str) -> int:
    """``--context N``: neighbouring sentences, 0 to CONTEXT_MAX."""
    if not text.isdigit() or int(text) > CONTEXT_MAX:
        raise argparse.ArgumentTypeError(f"give a number of sentences from 0 to "
                                         f"{CONTEXT_MAX} (got {text!r:.20})")
    return int(text)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="briefings and folders")
    parser.add_argument("--tag", action="append", metavar="TAG",
                        help="only this tag (repeat for several)")
    parser.add_argument("--doc", metavar="GLOB",
                        help="only documents whose file name or path matches GLOB")
    parser.add_argument("--codebook", type=Path, help="a YAML codebook (tag order, colours)")


def _add_summary_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from briefing_tui.core.export import ALL_FORMATS

    export = sub.add_parser(
        "export", help="the tagged summary as md, html, json, csv, jsonld or docx",
        description="The tagged summary: grouped by tag, then document, each sentence "
        "quoted and cited.", epilog=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_filters(export)
    export.add_argument("--format", choices=ALL_FORMATS,
                        help="md (default), html, json, csv, jsonld (W3C Web Annotation) "
                        "or docx (Word; needs briefing-tui[docx])")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE atomically (default: stdout)")
    export.add_argument("--force", action="store_true", help="replace an existing FILE")
    export.add_argument("--about", action="append", metavar="NAME",
                        help="only sentences naming this place or actor (any alias; "
                        "repeatable)")
    export.add_argument("--no-notes", action="store_true", help="leave the notes out")
    export.add_argument("--context", type=_context, default=0, metavar="N",
                        help="show the N sentences before and after each quote (0-5)")
    export.add_argument("--no-timestamp", action="store_true",
                        help="no export date: the same input gives the same bytes")
    export.set_defaults(func=cmd_export)
    stats = sub.add_parser("stats", help="tagged sentences per tag and document",
                           description="Counts per tag and document, share of sentences "
                           "tagged, tags used together. Exit 1 when a file was skipped.")
    _add_filters(stats)
    stats.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    stats.set_defaults(func=cmd_stats)


def build_parser() -> argparse.ArgumentParser:
    from briefing_tui.cli_check import cmd_check, cmd_sentences  # not for the app's start

    parser: argparse.ArgumentParser = Parser(  # its subparsers are Parsers too
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
    _add_summary_commands(sub)
    from briefing_tui.cli_meta import add_meta_parser

    add_meta_parser(sub)
    from briefing_tui.cli_suggest import add_suggest_parser

    add_suggest_parser(sub)
    from briefing_tui.cli_figures import add_figures_parser

    add_figures_parser(sub)
    from briefing_tui.cli_concordance import add_concordance_parser

    add_concordance_parser(sub)
    from briefing_tui.cli_serve import add_serve_parser

    add_serve_parser(sub)
    add_team_commands(sub)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = Parser(  # its subparsers are Parsers too
        prog="briefing", description="Read and tag conflict briefings in the terminal. "
        f"Other commands: {', '.join(COMMANDS)}, completion bash|zsh|fish "
        "(see 'briefing COMMAND --help').")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")],
                        help="files and folders to open (default: the current folder)")
    parser.add_argument("--codebook", type=Path, help="a YAML codebook of your own tags")
    parser.add_argument("--config", type=Path,
                        help="settings file (default: ~/.config/briefing_tui/config.yaml)")
    parser.add_argument("--as", dest="as_", metavar="NAME",
                        help="your analyst name on annotations (default: analyst: in the "
                        "settings, else your login name)")
    parser.add_argument("--layer", action="store_true",
                        help="double coding: tag in your own layer, blind to the others'")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--verbose", action="store_true",
                        help="with --version: also Python, Textual, Rich and PDFium")
    return parser


def cmd_completion(argv: list[str]) -> int:
    from briefing_tui.cli_shell import SHELLS, completion_script

    if len(argv) != 1 or argv[0] not in SHELLS:
        say(f"briefing: usage: briefing completion {'|'.join(SHELLS)}")
        return EXIT_BAD_INPUT
    app_options = [o for a in build_app_parser()._actions for o in a.option_strings]
    sys.stdout.write(completion_script(argv[0], build_parser(), app_options))
    return EXIT_OK


def _run(argv: list[str]) -> int:
    if argv and argv[0] in (*COMMANDS, "completion"):
        resume()  # the app resumes the collector after its first frame (core/collector.py)
    if argv and argv[0] == "completion":
        return cmd_completion(argv[1:])
    if argv and argv[0] in COMMANDS:
        args = build_parser().parse_args(argv)
        if getattr(args, "output", None) == Path("-"):
            args.output = None  # `-o -`: stdout, as every Unix tool means it
        return int(args.func(args))
    args = build_app_parser().parse_args(argv)
    if args.version:
        resume()
        from briefing_tui.cli_shell import version_text

        sys.stdout.write(version_text(args.verbose))
        return EXIT_OK
    from briefing_tui.tui.launch import launch  # Textual is imported only for the app

    return launch(args.paths, args.codebook, args.config, args.as_, args.layer)


def main(argv: Sequence[str] | None = None) -> int:
    return run_guarded(_run, list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
