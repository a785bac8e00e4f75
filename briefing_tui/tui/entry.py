"""One listed briefing and the state the app keeps for it (:class:`Entry`).

Per-briefing state lives here, on the briefing, not in the app: the open document (or why
it cannot be opened), its counts for the Documents pane, where its autosave stands
(:class:`SaveState`, driven by :mod:`briefing_tui.tui.saving`) and its lock
(:class:`EntryLock`, driven by :mod:`briefing_tui.tui.locking`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from textual.timer import Timer

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.document import Document
from briefing_tui.core.lock import DocumentLock
from briefing_tui.core.opening import Opening

_ANCHOR_ATTENTION = re.compile(r"\d+ orphaned, \d+ to review|\d+ tags need review or are "
                               "orphaned")


@dataclass
class SaveState:
    """Where one briefing's autosave stands."""

    timer: Timer | None = None
    running: bool = False
    again: bool = False  # a change came while saving: save once more right after
    error: str = ""
    asking: bool = False  # a conflict question is open: no save until it is answered
    permanent: bool = False  # the last error was the data's own (not retried)


@dataclass
class EntryLock:
    """The lock this app holds (or waits for) on one briefing."""

    lock: DocumentLock
    editing: bool = True  # False while another app holds the lock and we were not told to
    asking: bool = False
    refreshed: float = field(default_factory=time.monotonic)


@dataclass
class Entry:
    """One briefing in the Documents pane, open or not, with its save and lock state."""

    path: Path
    document: Document | None = None
    error: str = ""  # why the file cannot be opened
    counts: dict[str, int] = field(default_factory=dict)
    tagged: int = 0  # confirmed tagged sentences; counted on change, not on every key
    attention: str = ""  # why the sidecar needs a look (orphans, conflict, save failed)
    opening: Opening | None = None  # while its sidecar is still being read
    layers: str = ""  # the analysts' layers and their status: "amina ✓ bo …" (tui.team)
    save: SaveState = field(default_factory=SaveState, compare=False, repr=False)
    lock: EntryLock | None = field(default=None, compare=False, repr=False)  # tui.locking

    def refresh_counts(self) -> None:
        if self.document is None:
            return
        counts: dict[str, int] = {}
        tagged = 0
        troubled = {Anchor.ORPHAN: 0, Anchor.REVIEW: 0}
        for annotation in self.document.annotations.items.values():
            if annotation.needs_attention:  # review and orphans are counted apart
                troubled[Anchor(annotation.anchor)] += 1
                continue
            for tag in annotation.tags:
                counts[tag] = counts.get(tag, 0) + 1
            tagged += bool(annotation.tags)
        self.counts = counts
        self.tagged = tagged
        if _ANCHOR_ATTENTION.fullmatch(self.attention):  # accepted or deleted: say so now
            orphan, review = troubled[Anchor.ORPHAN], troubled[Anchor.REVIEW]
            self.attention = f"{orphan} orphaned, {review} to review" if orphan + review else ""


def entries_for(paths: Iterable[Path]) -> list[Entry]:
    """Entries for the Documents pane; the files are opened later, when chosen."""
    return [Entry(path) for path in paths]
