"""The ``briefing`` commands for team work: ``merge-driver``, ``git-setup``.

Kept apart from :mod:`briefing_tui.cli` so the command table there stays short; like the
other commands these never import Textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing_tui.core.visible import visible

TEAM_COMMANDS = ("merge-driver", "git-setup")
EXIT_OK, EXIT_ATTENTION, EXIT_BAD_INPUT = 0, 1, 2


def _say(message: str) -> None:
    print(visible(message, keep_newlines=False), file=sys.stderr)


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from briefing_tui.core.git_driver import run_driver

    name = args.name or args.ours.name
    return run_driver(args.base, args.ours, args.theirs, name,
                      say=lambda line: _say(f"briefing merge-driver: {line}"))


def cmd_git_setup(args: argparse.Namespace) -> int:
    from briefing_tui.core.git_setup import SetupError, git_setup

    try:
        report = git_setup(Path.cwd(), user_wide=args.global_)
    except SetupError as exc:
        _say(f"briefing: git-setup: {exc}")
        return EXIT_BAD_INPUT
    print(f"merge driver 'briefing' configured for {report.config}")
    if report.added:
        print(f"added to {report.attributes}: " + "; ".join(report.added))
    else:
        print(f"{report.attributes} already routes sidecars to it")
    return EXIT_OK


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
