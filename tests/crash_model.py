"""What the analyst's keys do to the tags, modelled apart from the app (for test_crash).

The model knows nothing of the app's code: it replays ``j``/``k``/``1``-``3``/``u``/
``ctrl+r`` on a map sentence -> tags and predicts the status line, so a test can tell
when the app has shown a state (``"all saved"``) and what the sidecar must then hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import read_sidecar, sidecar_path

TAGS = {"1": "security", "2": "migration", "3": "diplomacy"}
REDO = "\x12"  # ctrl+r
State = dict[int, tuple[str, ...]]


def drill_text(sentences: int = 6) -> str:
    """A tiny briefing: a title and one sentence per paragraph (cheap to start on)."""
    lines = [f"Report {n} describes the crossing at post {n}." for n in range(1, sentences)]
    return "Crash drill.\n\n" + "\n\n".join(lines) + "\n"


def sentence_spans(doc: Path) -> list[tuple[int, int]]:
    split = open_document(doc).segmentation
    return [(split.starts[i], split.ends[i]) for i in range(len(split))]


def on_disk(doc: Path, spans: list[tuple[int, int]]) -> State:
    """The tags in ``doc``'s sidecar by sentence; fails unless it parses and sits right."""
    found = read_sidecar(sidecar_path(doc))
    if found is None:
        return {}
    data = found[0]
    assert not data.problems, data.problems
    text = doc.read_text(encoding="utf-8")
    index = {span: n for n, span in enumerate(spans)}
    state: State = {}
    for annotation in data.annotations:
        assert text[annotation.start:annotation.end] == annotation.text
        state[index[(annotation.start, annotation.end)]] = annotation.tags
    return state


#: the default codebook's order, which the app stores tags in (not key-press order)
CODEBOOK_ORDER = ("security", "migration", "diplomacy")


@dataclass
class Model:
    """Tags by sentence, the cursor, and undo/redo as the app's keys change them."""

    count: int
    tags: State = field(default_factory=dict)
    cursor: int = 0
    dirty: bool = False
    undo: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    redo: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    def _set(self, index: int, tags: tuple[str, ...]) -> None:
        if tags:
            self.tags[index] = tags
        else:
            self.tags.pop(index, None)
        self.dirty = True

    def key(self, key: str) -> None:
        if key == "j":
            self.cursor = min(self.cursor + 1, self.count - 1)
        elif key == "k":
            self.cursor = max(self.cursor - 1, 0)
        elif key in TAGS:
            tag = TAGS[key]
            before = self.tags.get(self.cursor, ())
            chosen = set(before) ^ {tag}
            after = tuple(t for t in CODEBOOK_ORDER if t in chosen)  # stored in codebook order
            self._set(self.cursor, after)
            self.undo.append((self.cursor, before, after))
            self.redo.clear()
        elif key == "u" and self.undo:
            change = self.undo.pop()
            self._set(change[0], change[1])
            self.redo.append(change)
            self.cursor = change[0]  # undo shows the sentence it changed
        elif key == REDO and self.redo:
            change = self.redo.pop()
            self._set(change[0], change[2])
            self.undo.append(change)
            self.cursor = change[0]

    def copy(self) -> Model:
        return Model(self.count, dict(self.tags), self.cursor, self.dirty, list(self.undo),
                     list(self.redo))

    def snapshot(self) -> State:
        return dict(self.tags)

    def status(self) -> str:
        """Where the status line says the cursor is and how many are tagged (the save
        state stands at the line's right end: tests wait for it as a second needle)."""
        return f"sentence {self.cursor + 1}/{self.count}  ·  {len(self.tags)} tagged"
