"""A stateful property test of one briefing's tags, its sidecar and a colleague's edits.

Hypothesis drives a core ``Document`` (on a briefing full of hostile strings) through
add/remove/toggle/note/undo/redo/save/reload and through another process's writes to the
sidecar (in the tool's own form, or hand-written block YAML with CRLF). A model kept
apart from the code says what the tags must be. The invariants:

- the document always holds the model's tags and notes, and is dirty exactly when the
  model says so;
- after a successful save the sidecar on disk reads back as exactly the model's state;
- a save after someone else's write raises ``SidecarConflict`` and leaves their file
  byte-identical; merging then keeps every tag and note either side added, invents none,
  and the next save succeeds; "keep mine as a copy" writes ours to a copy, takes theirs.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from briefing_tui.core.document import Document, open_document
from briefing_tui.core.merge import NOTE_SEPARATOR
from briefing_tui.core.sidecar import SidecarConflict, read_sidecar, sidecar_path

SENTENCES = ["Hostile briefing.", "Markup [bold]x[/] and [@click=app.quit]q[/] here.",
             "Escapes \x1b]0;title\x07 and \x1b[2J and \x9b31m here.",
             "Bidi \u202eRLO\u202c and zero\u200bwidth here.",
             "Family \U0001f469\u200d\U0001f469\u200d\U0001f467 and e\u0301 here.",
             "\u0644\u069a\u06a9\u0631\u06ab\u0627\u0647 (Lashkar Gah) =HYPERLINK(\"x\")."]
TEXT = "\n\n".join(SENTENCES) + "\n"
TAGS = ["security", "migration", "diplomacy"]
NOTES = ["", "check figures", "[red]x[/]", "\x1b]52;c;cm0K\x07", "line\u2028sep", "a\rb"]
State = dict[int, tuple[tuple[str, ...], str]]
sentences = st.integers(0, len(SENTENCES) - 1)


def state_of(document: Document) -> State:
    split = document.segmentation
    return {split.index_at(a.start) or 0: (a.tags, a.note)
            for a in document.annotations.sorted()}


def disk_state(path: Path) -> State | None:
    found = read_sidecar(sidecar_path(path))
    if found is None:
        return None
    assert not found[0].problems, found[0].problems
    split = open_document(path).segmentation
    return {split.index_at(a.start) or 0: (a.tags, a.note) for a in found[0].annotations}


def yaml_string(text: str) -> str:
    """Double-quoted YAML any reader reads back as ``text`` (docs/ARCHITECTURE.md)."""
    return re.sub("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]",
                  lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def hand_written(path: Path, state: State) -> bytes:
    """The sidecar as a person (or another tool) writes it: block style, CRLF."""
    document = open_document(path)
    split = document.segmentation
    lines = ["version: 1", "document:", f"  name: {yaml_string(path.name)}",
             f"  sha256: {hashlib.sha256(TEXT.encode()).hexdigest()}", "annotations:"]
    for index, (tags, note) in sorted(state.items()):
        start, end = split.starts[index], split.ends[index]
        lines += [f"  - id: h{index}", f"    start: {start}", f"    end: {end}",
                  f"    text: {yaml_string(TEXT[start:end])}",
                  "    tags: [" + ", ".join(tags) + "]", f"    note: {yaml_string(note)}"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def changed(state: State, index: int, tag: str | None, note: str | None) -> State:
    """``state`` with ``tag`` toggled or ``note`` set on sentence ``index``."""
    tags, old_note = state.get(index, ((), ""))
    if tag is not None:
        tags = tuple(t for t in tags if t != tag) if tag in tags else (*tags, tag)
    new = dict(state)
    new[index] = (tags, old_note if note is None else note)
    if new[index] == ((), ""):
        del new[index]
    return new


class SidecarMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.path = self.folder / "hostile.txt"
        self.path.write_text(TEXT, encoding="utf-8")
        self.document = open_document(self.path)
        self.split = self.document.segmentation
        assert len(self.split) == len(SENTENCES)
        self.state: State = {}
        self.base: State = {}  # the state we last read or wrote (the merge base)
        self.disk: State | None = None  # what is in the sidecar now, whoever wrote it
        self.known: bytes | None = None  # the sidecar's bytes when we last read or wrote
        self.dirty = False
        self.undo: list[State] = []
        self.redo: list[State] = []

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _bytes(self) -> bytes | None:
        path = sidecar_path(self.path)
        return path.read_bytes() if path.exists() else None

    def _change(self, new: State) -> None:
        if new != self.state:
            self.undo.append(self.state)
            self.redo.clear()
            self.state = new
            self.dirty = True

    def _span(self, index: int) -> tuple[int, int]:
        return self.split.starts[index], self.split.ends[index]

    def _synced(self) -> None:
        self.base = dict(self.state)
        self.known = self._bytes()
        self.dirty = False

    # -- the analyst ----------------------------------------------------------------------

    @rule(index=sentences, tag=st.sampled_from(TAGS))
    def toggle(self, index: int, tag: str) -> None:
        self.document.annotations.toggle_tag(TEXT, *self._span(index), tag)
        self._change(changed(self.state, index, tag, None))

    @rule(index=sentences, note=st.sampled_from(NOTES))
    def note(self, index: int, note: str) -> None:
        self.document.annotations.set_note(TEXT, *self._span(index), note)
        self._change(changed(self.state, index, None, note))

    @rule(index=sentences)
    def remove(self, index: int) -> None:
        found = self.document.annotations.at(*self._span(index))
        if found is not None:
            self.document.annotations.remove(found.id)
        self._change({i: v for i, v in self.state.items() if i != index})

    @rule()
    def undo_(self) -> None:
        done = self.document.annotations.undo()
        assert (done is not None) == bool(self.undo)
        if self.undo:
            self.redo.append(self.state)
            self.state = self.undo.pop()
            self.dirty = True

    @rule()
    def redo_(self) -> None:
        done = self.document.annotations.redo()
        assert (done is not None) == bool(self.redo)
        if self.redo:
            self.undo.append(self.state)
            self.state = self.redo.pop()
            self.dirty = True

    @rule(resolve=st.sampled_from(["merge", "merge", "copy"]))
    def save(self, resolve: str) -> None:
        theirs_bytes = self._bytes()
        writes = self.dirty and not (self.known is None and not self.state)
        conflict = writes and theirs_bytes != self.known
        try:
            wrote = self.document.save()
        except SidecarConflict:
            event(f"conflict, then {resolve}")
            assert conflict
            assert self._bytes() == theirs_bytes  # their file is untouched
            self._resolve(resolve)
            return
        assert not conflict and wrote == writes
        if wrote:
            event("saved")
            self.disk = dict(self.state)
            assert disk_state(self.path) == self.state  # the invariant of a save
            self._synced()
        else:
            self.dirty = False  # nothing to write: no change, or nothing yet and no file

    def _resolve(self, how: str) -> None:
        theirs = self.disk or {}
        if how == "copy":
            before = self.document.annotations.sorted()
            copy = self.document.keep_mine_as_copy()
            found = read_sidecar(copy)
            assert found is not None
            assert {self.split.index_at(a.start): (a.tags, a.note)
                    for a in found[0].annotations} == self.state
            copy.unlink()
            if self.document.annotations.sorted() != before:  # one undo step (ids too)
                self.undo.append(self.state)
                self.redo.clear()
            self.state = dict(theirs)
            self._synced()
            return
        mine, base = self.state, self.base
        before = self.document.annotations.sorted()
        self.document.merge_with_disk()
        recorded = self.document.annotations.sorted() != before  # one undo step
        merged = state_of(self.document)
        for index in {*mine, *theirs, *merged}:
            m_tags, m_note = mine.get(index, ((), ""))
            t_tags, t_note = theirs.get(index, ((), ""))
            b_tags, b_note = base.get(index, ((), ""))
            r_tags, r_note = merged.get(index, ((), ""))
            must = (set(m_tags) - set(b_tags)) | (set(t_tags) - set(b_tags)) | \
                (set(m_tags) & set(t_tags))
            assert must <= set(r_tags) <= set(m_tags) | set(t_tags), index
            for note in (m_note, t_note):
                if note != b_note and note:
                    assert note in r_note.split(NOTE_SEPARATOR) or note == r_note, index
        if recorded:
            self.undo.append(self.state)
            self.redo.clear()
            self.state = merged
        self.base = dict(theirs)
        self.known = self._bytes()
        self.dirty = True  # the merge is unsaved until the next save

    @precondition(lambda self: self.disk is not None)
    @rule()
    def reload(self) -> None:
        assert self.disk is not None
        before = self.document.annotations.sorted()
        self.document.reload_sidecar()
        if self.document.annotations.sorted() != before:  # one undo step (ids count too)
            self.undo.append(self.state)
            self.redo.clear()
        self.state = dict(self.disk)
        self._synced()

    # -- a colleague (another process) ----------------------------------------------------

    @rule(index=sentences, tag=st.sampled_from(TAGS), by_hand=st.booleans())
    def external_edit(self, index: int, tag: str, by_hand: bool) -> None:
        theirs = changed(self.disk or {}, index, tag, None)
        if by_hand:
            sidecar_path(self.path).write_bytes(hand_written(self.path, theirs))
        else:
            other = open_document(self.path)
            other.annotations.toggle_tag(TEXT, *self._span(index), tag)
            other.save()
        self.disk = theirs
        assert disk_state(self.path) == theirs

    # -- always ---------------------------------------------------------------------------

    @invariant()
    def document_matches_the_model(self) -> None:
        assert state_of(self.document) == self.state
        assert self.document.dirty == self.dirty


TestSidecarMachine = SidecarMachine.TestCase
TestSidecarMachine.settings = settings(max_examples=50, stateful_step_count=30,
                                       deadline=None,
                                       suppress_health_check=[HealthCheck.too_slow])


def test_the_machine_module_is_collected() -> None:
    pytest.importorskip("hypothesis")
