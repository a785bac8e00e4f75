"""Files changing under the real app (in a pseudo-terminal): noticed, reloaded, nothing lost.

One app process lives through a working day's surprises, in order: a word of the briefing
changed, a paragraph inserted above the tags, the sidecar replaced by a colleague's
version (``git pull`` renames a new file in), the sidecar replaced while a change of ours
is waiting to be saved, the briefing replaced by other text, then deleted. After each,
within a few seconds the screen says what happened (what moved, what is to review or
orphaned), and the sidecar still holds every tag anybody made, by id.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import dump_sidecar, read_sidecar, sidecar_path

from .pty_helpers import PtyApp

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

BRIEF = """Border situation report.

Pakistan expelled more than seven thousand Afghan refugees in two days.

Aid groups at the Torkham crossing asked for shelter and clean water.

Talks between the two governments resumed in Doha on Monday.

Officials expect the number of returns to rise before winter.
"""
NOTICE = 8.0  # seconds: a poll every 2 s, then the re-read and the toast


def tags_by_id(doc: Path) -> dict[str, tuple[str, ...]]:
    found = read_sidecar(sidecar_path(doc))
    assert found is not None
    return {a.id: a.tags for a in found[0].annotations}


def git_pull(doc: Path, sentence: int, tag: str) -> None:
    """A colleague's version of the sidecar arrives by rename, as git writes files."""
    theirs = open_document(doc)
    split = theirs.segmentation
    theirs.annotations.toggle_tag(theirs.text, split.starts[sentence], split.ends[sentence],
                                  tag)
    incoming = doc.with_name(".incoming.tmp")
    incoming.write_text(dump_sidecar(theirs.snapshot()), encoding="utf-8")
    os.replace(incoming, sidecar_path(doc))


def replace_document(doc: Path, text: str) -> None:
    incoming = doc.with_name(".incoming-doc.tmp")
    incoming.write_text(text, encoding="utf-8")
    os.replace(incoming, doc)


def test_files_changing_underneath_are_noticed_and_nothing_is_lost(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "border.txt"
    doc.write_text(BRIEF, encoding="utf-8")
    with PtyApp(folder) as app:
        assert app.wait_for("sentence 1/5")
        mark = app.mark()
        app.send("j2jj3")  # expelled: migration; talks: diplomacy
        assert app.wait_for("saving…", "all saved", since=mark)
        kept = tags_by_id(doc)
        assert sorted(kept.values()) == [("diplomacy",), ("migration",)]

        # a word changed inside a tagged sentence: it is put up for review
        mark = app.mark()
        replace_document(doc, BRIEF.replace("seven thousand", "eight thousand"))
        assert app.wait_for("border.txt changed on disk", "1 to review", since=mark,
                            timeout=NOTICE, squashed=True), app.text(mark)[-2000:]
        assert app.wait_for("all saved", since=mark)
        assert tags_by_id(doc) == kept

        # a paragraph inserted above: the tags move with their sentences
        mark = app.mark()
        text = "Editor's note: figures updated.\n\n" + doc.read_text(encoding="utf-8")
        replace_document(doc, text)
        assert app.wait_for("changed on disk", "moved", since=mark, timeout=NOTICE,
                            squashed=True)
        assert app.wait_for("all saved", since=mark)
        assert tags_by_id(doc) == kept
        found = read_sidecar(sidecar_path(doc))
        assert found is not None
        for annotation in found[0].annotations:
            if annotation.anchor is not Anchor.ORPHAN:
                assert text[annotation.start:annotation.end] == annotation.text

        # the sidecar pulled from a colleague while nothing is unsaved: reloaded
        mark = app.mark()
        git_pull(doc, 3, "security")  # the Torkham sentence (the note is sentence 0)
        assert app.wait_for("was changed on disk: reloaded", "2 → 3", since=mark,
                            timeout=NOTICE, squashed=True)
        kept = tags_by_id(doc)
        assert len(kept) == 3

        # pulled again while our change waits to be saved: asked, merged, both kept
        mark = app.mark()
        app.send("j1")  # the cursor followed "Talks": now on the last sentence
        git_pull(doc, 1, "migration")  # the title
        assert app.wait_for("Sidecar changed on disk", since=mark, timeout=NOTICE,
                            squashed=True)
        app.send("\r")  # Merge, the default
        assert app.wait_for("Merged with the file on disk", "all saved", since=mark,
                            squashed=True)
        merged = tags_by_id(doc)
        assert len(merged) == 5, merged
        assert {i: merged[i] for i in kept} == kept

        # the briefing replaced by other text: every tag orphaned, and kept
        mark = app.mark()
        replace_document(doc, "A different briefing altogether.\n\nNothing matches here.\n")
        assert app.wait_for("changed on disk", "5 orphaned", since=mark, timeout=NOTICE,
                            squashed=True), app.text(mark)[-2000:]
        app.pump(1.5)
        assert tags_by_id(doc) == merged

        # the briefing deleted: said so, the tags stay in memory and in the sidecar
        mark = app.mark()
        doc.unlink()
        assert app.wait_for("can no longer be read", since=mark, timeout=NOTICE,
                            squashed=True)
        assert app.child.poll() is None
        app.send("q")
        assert app.wait() == 0
    assert tags_by_id(doc) == merged
