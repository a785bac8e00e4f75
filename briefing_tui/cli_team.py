"""The ``briefing`` commands for team work: ``merge-driver``, ``git-setup``.

Kept apart from :mod:`briefing_tui.cli` so the command table there stays short; like the
other commands these never import Textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing_tui.cli_common import (
    EXIT_ATTENTION,
    EXIT_BAD_INPUT,
    EXIT_OK,
    say,
    say_corpus_problems,
)
from briefing_tui.core.visible import visible

TEAM_COMMANDS = ("merge-driver", "git-setup", "agree", "layers")


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from briefing_tui.core.git_driver import run_driver

    name = args.name or args.ours.name
    return run_driver(args.base, args.ours, args.theirs, name,
                      say=lambda line: say(f"briefing merge-driver: {line}"))


def cmd_git_setup(args: argparse.Namespace) -> int:
    from briefing_tui.core.git_setup import SetupError, git_setup

    try:
        report = git_setup(Path.cwd(), user_wide=args.global_)
    except SetupError as exc:
        say(f"briefing: git-setup: {exc}")
        return EXIT_BAD_INPUT
    print(f"merge driver 'briefing' configured for {report.config}")
    if report.added:
        print(f"added to {report.attributes}: " + "; ".join(report.added))
    else:
        print(f"{report.attributes} already routes sidecars to it")
    return EXIT_OK


def cmd_agree(args: argparse.Namespace) -> int:
    from briefing_tui.core.agree_report import (
        agreement_report,
        report_csv,
        report_json,
        report_text,
    )
    from briefing_tui.core.analyst import AnalystError, check_analyst

    analysts = None
    if args.analysts:
        try:
            analysts = [check_analyst(name.strip()) for name in args.analysts.split(",")
                        if name.strip()]
        except AnalystError as exc:
            say(f"briefing: --analysts: {exc}")
            return EXIT_BAD_INPUT
    for path in args.paths:
        if not path.exists():
            say(f"briefing: {path}: no such file or folder")
            return EXIT_BAD_INPUT
    report = agreement_report(args.paths, analysts)
    render = report_json if args.json else report_csv if args.csv else report_text
    if not args.json:
        for line in report.skipped:
            say(f"briefing: skipped {line}")
    if not report.figures:
        say("briefing: no document has finished layers by two analysts"
             + (f" among {', '.join(analysts)}" if analysts else "")
             + " (mark a layer finished: briefing layers PATH --finish --as NAME)")
        if not args.json:
            return EXIT_ATTENTION
    sys.stdout.write(render(report))
    return EXIT_ATTENTION if report.skipped or not report.figures else EXIT_OK


def cmd_layers(args: argparse.Namespace) -> int:
    from briefing_tui.core.analyst import AnalystError, resolve_analyst
    from briefing_tui.core.corpus import find_documents
    from briefing_tui.core.settings import ConfigError, load_settings
    from briefing_tui.core.sidecar import SidecarError
    from briefing_tui.core.sidecar.layers import (
        FINISHED,
        IN_PROGRESS,
        find_layers,
        layer_summary,
        read_layers,
        set_status,
    )

    try:
        analyst = resolve_analyst(args.as_, load_settings().analyst)
    except (AnalystError, ConfigError) as exc:
        say(f"briefing: {exc}")
        return EXIT_BAD_INPUT
    corpus = find_documents(args.paths)
    status = say_corpus_problems(corpus)
    wanted = FINISHED if args.finish else IN_PROGRESS if args.reopen else ""
    for path in corpus.documents:
        name = visible(str(path), keep_newlines=False)
        if wanted:
            own = find_layers(path).get(analyst)
            if own is None:
                continue
            try:
                changed = set_status(own, wanted)
            except (SidecarError, OSError) as exc:
                print(f"{name}: not changed: {visible(str(exc), keep_newlines=False)}")
                status = max(status, EXIT_ATTENTION)
                continue
            print(f"{name}: {analyst}'s layer {'is now' if changed else 'was already'} "
                  f"{wanted}")
            continue
        layers = read_layers(path)
        if layers:
            print(f"{name}: {visible(layer_summary(layers), keep_newlines=False)}")
    return status


def add_team_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    driver = sub.add_parser(
        "merge-driver", help="git merge driver for sidecars (git runs it; see git-setup)",
        description="Merge three versions of a sidecar by annotation id, as the app does, "
        "into OURS. Exit 0 when merged; 1 with git's conflict markers in OURS when a side "
        "is unreadable or the sides annotate different document text.")
    driver.add_argument("base", type=Path, help="%%O: the common ancestor")
    driver.add_argument("ours", type=Path, help="%%A: ours, replaced by the result")
    driver.add_argument("theirs", type=Path, help="%%B: theirs")
    driver.add_argument("name", nargs="?", default="", help="%%P: the path in the repository")
    driver.set_defaults(func=cmd_merge_driver)
    setup = sub.add_parser(
        "git-setup", help="make git merge sidecars with the merge driver",
        description="Write merge.briefing.name and merge.briefing.driver to git config and "
        "route *.annotations.yaml (and analyst layers) to it in .gitattributes. Running it "
        "again changes nothing.")
    setup.add_argument("--global", dest="global_", action="store_true",
                       help="for your user (~/.gitconfig and git's global attributes file) "
                       "instead of this repository")
    setup.set_defaults(func=cmd_git_setup)
    agree = sub.add_parser(
        "agree", help="inter-coder agreement per tag over finished analyst layers",
        description="Per tag, over documents with finished layers by two or more analysts "
        "(unit: sentence x tag): % agreement, Cohen's kappa (two analysts), Fleiss' kappa, "
        "Krippendorff's alpha (missing values allowed), with n, prevalence and a warning "
        "when a figure is unreliable. Exit 1 when nothing could be compared or a file was "
        "skipped.")
    agree.add_argument("paths", nargs="+", type=Path, help="briefings and folders")
    agree.add_argument("--analysts", metavar="A,B,...", help="only these analysts' layers")
    shape = agree.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON object")
    shape.add_argument("--csv", action="store_true", help="one CSV row per tag")
    agree.set_defaults(func=cmd_agree)
    layers = sub.add_parser(
        "layers", help="list analyst layers and their status; mark yours finished",
        description="Per document, each analyst layer (article.txt.annotations.NAME.yaml) "
        "and its status (✓ finished, … in progress). --finish or --reopen change your own.")
    layers.add_argument("paths", nargs="+", type=Path, help="briefings and folders")
    layers.add_argument("--as", dest="as_", metavar="NAME",
                        help="your analyst name (default: analyst: in settings, else login)")
    change = layers.add_mutually_exclusive_group()
    change.add_argument("--finish", action="store_true", help="mark your layers finished")
    change.add_argument("--reopen", action="store_true", help="mark them in progress again")
    layers.set_defaults(func=cmd_layers)
