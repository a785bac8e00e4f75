"""The real app in a pty under hostile conditions: one line per case (tests.pty_conditions).

Every case shares the oracles of :func:`~tests.pty_conditions.run_case`: no traceback, no
hang, every typed and every saved tag on disk (in the sidecar or a copy), and whatever
took the sidecar's place left alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .pty_conditions import (
    Case,
    briefing_vanishes,
    colleague,
    fixed,
    run_case,
    to_fifo,
    to_folder,
    to_symlink,
    unreadable,
    vanish,
)

pytestmark = pytest.mark.system  # real ptys and processes: make test, not test-fast

CASES = [
    Case("keys during the load of a 1 MB sidecar", "load", big=True),
    Case("keys during the load, then quit at once", "load", big=True, after="q"),
    Case("a colleague's sidecar appears during the load", "load", (colleague,),
         sidecar_first=False),
    Case("q u e: keys while quitting", "idle", after="que"),
    Case("q then s ? n /: screens asked for while quitting", "idle", after="qs?n/"),
    Case("sidecar vanishes when all is saved", "idle", (vanish,)),
    Case("sidecar vanishes while the save is pending", "save", (vanish,)),
    Case("sidecar vanishes while the conflict dialog is open", "dialog", (vanish,)),
    Case("sidecar vanishes at quit", "quit", (vanish,)),
    Case("sidecar changed by a colleague while the save is pending", "save", (colleague,)),
    Case("sidecar changed by a colleague when all is saved", "idle", (colleague,)),
    Case("sidecar unreadable when all is saved", "idle", (unreadable,)),
    Case("sidecar unreadable while the save is pending", "save", (unreadable,)),
    Case("sidecar unreadable while the conflict dialog is open", "dialog", (unreadable,)),
    Case("sidecar unreadable at quit", "quit", (unreadable,)),
    Case("sidecar unreadable, then fixed (git checkout --theirs)", "save",
         (unreadable, fixed)),
    Case("sidecar becomes a folder while the save is pending", "save", (to_folder,)),
    Case("sidecar becomes a folder at quit", "quit", (to_folder,)),
    Case("sidecar becomes a FIFO while the save is pending", "save", (to_fifo,)),
    Case("sidecar becomes a FIFO when all is saved", "idle", (to_fifo,)),
    Case("sidecar becomes a symlink while the save is pending", "save", (to_symlink,)),
    Case("sidecar becomes a symlink at quit", "quit", (to_symlink,)),
    Case("the briefing itself vanishes while the save is pending", "save",
         (briefing_vanishes,)),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_condition(tmp_path: Path, case: Case) -> None:
    run_case(tmp_path, case)
