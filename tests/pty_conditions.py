"""Hostile conditions for the real app in a pty: a new case is one line (a :class:`Case`).

A case says what happens to the sidecar (or the briefing) and when: during the load
(keys typed as soon as the text shows, while a big sidecar is still being read),
right after the keys (the save is pending or running), while a dialog is open, at quit,
or when all is saved. :func:`run_case` starts ``python -m briefing_tui.cli`` on a small
drill folder in a real pseudo-terminal, types the keys, applies the conditions at that
moment, quits (answering whatever the app asks with its default), and checks the oracles
every case shares:

- the app exits by itself (no hang) and never shows a traceback;
- every tag typed, and every tag a colleague saved, is on disk afterwards: in the
  sidecar or in a ``.mine-N.yaml`` copy beside it (strictly read, quotes in place);
- what the condition put where the sidecar was (a folder, a FIFO, a symlink, a file we
  cannot read) is left as it was: never replaced, never followed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import SidecarError, read_sidecar, sidecar_path

from .crash_model import TAGS, drill_text
from .pty_helpers import PtyApp

Condition = Callable[[Path], None]  # gets the briefing's path
CONFLICT_MARKERS = b"<<<<<<< ours\nversion: 1\n=======\nversion: 1\n>>>>>>> theirs\n"
COLLEAGUE = (5, "diplomacy")  # the sentence and tag a colleague saves
HOME = "\x1b[H"  # the keys start on the first sentence, wherever the app put the cursor


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def vanish(doc: Path) -> None:
    _remove(sidecar_path(doc))


def colleague(doc: Path) -> None:
    """Another app (or a git pull) saves a tag of its own into the sidecar."""
    other = open_document(doc)
    index, tag = COLLEAGUE
    split = other.segmentation
    other.annotations.toggle_tag(other.text, split.starts[index], split.ends[index], tag)
    other.save()


def _stash(doc: Path) -> Path:
    return doc.parent.parent / "theirs.yaml"  # outside the folder the app watches


def unreadable(doc: Path) -> None:
    """A merge left conflict markers (root reads any file: content, not mode bits)."""
    if sidecar_path(doc).is_file():
        _stash(doc).write_bytes(sidecar_path(doc).read_bytes())
    sidecar_path(doc).write_bytes(CONFLICT_MARKERS)


def fixed(doc: Path) -> None:
    """``git checkout --theirs``: their side of the merge (ours before it, and their tag)."""
    _remove(sidecar_path(doc))
    if _stash(doc).exists():
        sidecar_path(doc).write_bytes(_stash(doc).read_bytes())
    colleague(doc)


def to_folder(doc: Path) -> None:
    _remove(sidecar_path(doc))
    sidecar_path(doc).mkdir()


def to_fifo(doc: Path) -> None:
    _remove(sidecar_path(doc))
    os.mkfifo(sidecar_path(doc))


def to_symlink(doc: Path) -> None:
    target = doc.with_name("elsewhere.yaml")
    target.write_text("not ours\n", encoding="utf-8")
    _remove(sidecar_path(doc))
    sidecar_path(doc).symlink_to(target.name)


def briefing_vanishes(doc: Path) -> None:
    doc.rename(doc.with_name("moved-away.bak"))


@dataclass(frozen=True)
class Case:
    """One hostile situation: ``conditions`` applied ``when`` (load, save, dialog, quit,
    idle), after typing ``keys``; ``after`` is typed last (``q`` and whatever follows)."""

    name: str
    when: str
    conditions: tuple[Condition, ...] = ()
    keys: str = "1j2"
    after: str = "q"
    sidecar_first: bool = True  # a saved tag before the app starts
    big: bool = False  # a 1 MB sidecar: read by the loader in a worker

    def __str__(self) -> str:
        return self.name


def typed(keys: str) -> set[tuple[int, str]]:
    """(sentence, tag) pairs the keys leave on, from the first sentence."""
    cursor, on = 0, set[tuple[int, str]]()
    for key in keys:
        if key in "jk":
            cursor = max(0, cursor + (1 if key == "j" else -1))
        elif key in TAGS:
            on ^= {(cursor, TAGS[key])}
    return on


def _pairs(path: Path, doc: Path, spans: list[tuple[int, int]]) -> set[tuple[int, str]]:
    found = read_sidecar(path)
    if found is None:
        return set()
    data = found[0]
    text = doc.read_text(encoding="utf-8")
    index = {span: n for n, span in enumerate(spans)}
    assert not [p for p in data.problems if "annotation" in p], data.problems
    out = set()
    for a in data.annotations:
        assert text[a.start:a.end] == a.text, (path.name, a)
        out |= {(index.get((a.start, a.end), -1), t) for t in a.tags}
    return out


def kept(doc: Path, spans: list[tuple[int, int]]) -> set[tuple[int, str]]:
    """Every (sentence, tag) on disk: the sidecar when it is a readable file, and copies."""
    out: set[tuple[int, str]] = set()
    sidecar = sidecar_path(doc)
    if sidecar.is_file() and not sidecar.is_symlink():
        with contextlib.suppress(SidecarError):  # unreadable: its copies hold the tags
            out |= _pairs(sidecar, doc, spans)
    for copy in sorted(doc.parent.glob(sidecar.name.removesuffix(".yaml") + ".mine-*.yaml")):
        out |= _pairs(copy, doc, spans)
    return out


def drill(folder: Path, case: Case) -> tuple[Path, list[tuple[int, int]]]:
    folder.mkdir()
    doc = folder / "a-drill.txt"
    if case.big:
        lines = [f"Report {n} describes the crossing at post {n}." for n in range(1, 4200)]
        doc.write_text("Crash drill.\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    else:
        doc.write_text(drill_text(12), encoding="utf-8")
    document = open_document(doc)
    split = document.segmentation
    if case.sidecar_first:
        first = range(8, len(split)) if case.big else range(8, 9)
        for index in first:
            document.annotations.toggle_tag(document.text, split.starts[index],
                                            split.ends[index], "security")
        document.save()
    return doc, [(split.starts[i], split.ends[i]) for i in range(len(split))]


def _apply(case: Case, doc: Path) -> None:
    for condition in case.conditions:
        condition(doc)
        time.sleep(0.3)


def _special(path: Path) -> str:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "missing"
    for test, name in ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"),
                       (stat.S_ISLNK, "symlink")):
        if test(mode):
            return name
    return "file"


def run_case(tmp_path: Path, case: Case) -> None:
    doc, spans = drill(tmp_path / "docs", case)
    before = kept(doc, spans)
    app = PtyApp(doc.parent)
    try:
        if case.when == "load":
            _apply(case, doc)
        # keys typed before the text is on screen are refused ("… is still being read"):
        # type them the moment it shows (a big sidecar is still being read then)
        assert app.wait_for("Report 1 describes", timeout=40), app.text()[-2000:]
        if case.when != "load":
            app.pump(0.5)  # keys in the very first frames can be eaten by the terminal query
        mark = app.mark()
        app.send(HOME + case.keys)
        moves = case.keys.count("j") - case.keys.count("k")
        assert app.wait_for(f"sentence {moves + 1}/", since=mark, timeout=20), "keys unseen"
        if case.when == "idle":
            assert app.wait_for("all saved", since=app.mark(), timeout=20)
            _apply(case, doc)
            app.pump(2.6)  # the poll notices it
        elif case.when == "save":
            _apply(case, doc)
        elif case.when == "dialog":
            mark = app.mark()
            colleague(doc)  # the sidecar changes under unsaved tags: the app asks
            assert app.wait_for("changed on disk", since=mark, timeout=20, squashed=True)
            _apply(case, doc)
        app.pump(0.3)
        app.send(case.after[:1])
        if case.when == "quit":
            _apply(case, doc)
        app.send(case.after[1:])
        for _ in range(3):  # anything still asked: its default answer, then quit again
            if app.child.poll() is not None:
                break
            app.pump(3)
            if app.child.poll() is None:
                app.send("\r")
                app.pump(1)
                app.send("q")
        code = app.wait(timeout=20)
        shown = app.text()
    finally:
        if app.child.poll() is None:
            app.signal(signal.SIGKILL)
        app.close()
    assert code in (0, 1), shown[-3000:]
    assert "Traceback" not in shown and "Error:" not in shown, shown[-3000:]
    special = _special(sidecar_path(doc))
    if case.conditions and case.conditions[-1] in (to_folder, to_fifo, to_symlink):
        assert special == {to_folder: "folder", to_fifo: "fifo",
                           to_symlink: "symlink"}[case.conditions[-1]]
        if case.conditions[-1] is to_symlink:  # never followed, never written through
            assert doc.with_name("elsewhere.yaml").read_text() == "not ours\n"
    if case.conditions and case.conditions[-1] is unreadable:
        assert sidecar_path(doc).read_bytes() == CONFLICT_MARKERS  # never overwritten
    if briefing_vanishes in case.conditions:
        doc.with_name("moved-away.bak").rename(doc)
    wanted = typed(case.keys) | ({p for p in before if p[0] != 0 and p[0] != 1})
    theirs = colleague in case.conditions or fixed in case.conditions or case.when == "dialog"
    if theirs and not (case.conditions and case.conditions[-1] in (vanish, unreadable)):
        wanted.add(COLLEAGUE)  # unless someone else destroyed it before we could read it
    missing = wanted - kept(doc, spans)
    assert not missing, (missing, sorted(os.listdir(doc.parent)), shown[-1500:])
