"""Opening a briefing as one operation: the first screen at once, the rest when ready.

A caller (the app) runs :meth:`Opening.first` on its own thread and shows the document;
when ``done`` is False it runs :meth:`Opening.rest` anywhere (a worker: it splits the
rest of a big text and reads, parses and re-anchors the sidecar) and then
:meth:`Opening.finish` on its own thread again. Until then the document is not
``ready``: tags may be pressed, but nothing is saved or compared with the disk, and
:meth:`finish` merges them into the sidecar's instead of replacing them.

Why the split: a 40 MB briefing takes seconds to split and a sidecar of 200,000
annotations seconds to parse; neither may freeze the keys. Small ones are read in
:meth:`first`, so the common case shows its tags on the first paint.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from briefing_tui.core.annotations import AnnotationSet
from briefing_tui.core.document import Document, SidecarRead, file_stamp
from briefing_tui.core.extract import Progress, extract
from briefing_tui.core.merge import MergeResult
from briefing_tui.core.segment import Segmentation

#: Texts up to this many characters are split in full before the first paint.
SYNC_SEGMENT_CHARS = 400_000
#: Of a longer text, at most this much is split before the first paint ...
FIRST_SCREEN_CHARS = 40_000
#: ... and at least this much, however small the terminal.
MIN_FIRST_CHARS = 4_000
#: Sidecars up to this size are parsed before the first paint (about 1,000 tags).
SYNC_SIDECAR_BYTES = 256 * 1024
SPLIT_STEP_CHARS = 2_000_000


def screenful_chars(columns: int, rows: int) -> int:
    """How much of a long text to split before the first paint on a terminal this size.

    A screen of ``rows`` rows shows at most ``columns * rows`` characters (a wrapped row
    holds no more than its width, a short line fewer), so twice that fills it with room
    to move; splitting more only delays the first frame (about 8 ms per 30,000
    characters here), and the rest is split in a worker right after it."""
    return max(MIN_FIRST_CHARS, min(FIRST_SCREEN_CHARS, 2 * max(columns, 0) * max(rows, 0)))


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class Opening:
    """One briefing being opened; see the module docstring for who calls what where."""

    def __init__(self, path: Path, *, sync_chars: int = SYNC_SEGMENT_CHARS,
                 sync_sidecar_bytes: int = SYNC_SIDECAR_BYTES, analyst: str = "",
                 layer: bool = False, step_chars: int = SPLIT_STEP_CHARS,
                 first_chars: int = FIRST_SCREEN_CHARS) -> None:
        self.path = path
        self.analyst = analyst  # signs changes; with layer, the analyst's layer is opened
        self.layer = layer
        self.sync_chars = sync_chars
        self.sync_sidecar_bytes = sync_sidecar_bytes
        self.step_chars = step_chars  # split this much between progress reports
        self.first_chars = first_chars  # of a long text, split this much for the first paint
        self.document: Document | None = None
        self.done = False  # finish() ran: the sidecar is adopted
        self.merged: MergeResult | None = None  # tags pressed meanwhile, merged in
        self._read: SidecarRead | None = None
        self._lock = threading.Lock()  # rest() in a worker, finish() from quit: one at a time
        self._hurry = False  # finish() wants the sidecar now: the split gives way

    def first(self, progress: Progress | None = None) -> Document:
        """Read (or extract) the text and split its first screen; raise DocumentError.

        A small text with a small sidecar is finished here (``done``).
        """
        stamp = file_stamp(self.path)  # before reading: a change meanwhile is noticed
        loaded = extract(self.path, progress=progress)
        split = Segmentation(loaded.text)
        big = len(loaded.text) > self.sync_chars
        split.extend(self.first_chars if big else None)
        document = Document(self.path, loaded, split, AnnotationSet(analyst=self.analyst),
                            file_stamp=stamp, ready=False,
                            layer=self.analyst if self.layer else "")
        self.document = document
        if not big and _size(document.sidecar) <= self.sync_sidecar_bytes:
            self._read = document.read_sidecar()
            self.finish()
        return document

    def rest(self, progress: Callable[[int], bool] | None = None) -> None:
        """Split the rest and read the sidecar; ``progress(covered)`` after each step.

        Runs on any thread. When :meth:`finish` is called meanwhile (quit) the split
        stops at its next step and the sidecar is read at once; when ``progress``
        returns False (its caller is gone) everything stops. ``progress`` is called
        without the lock held: the app's callback waits for its own thread, which may be
        in :meth:`finish` waiting for the lock (quit while a big briefing loads hung so).
        """
        while True:
            with self._lock:
                document = self.document
                if document is None or self._read is not None or self.done:
                    return
                split = document.segmentation
                complete = self._hurry or split.extend(min_chars=self.step_chars)
                covered = split.covered
            if progress is not None and not progress(covered):
                return
            if complete:
                with self._lock:
                    if self._read is None and not self.done:
                        self._read = document.read_sidecar()
                return

    def finish(self) -> MergeResult | None:
        """Adopt the sidecar read by :meth:`rest` (on the document's own thread).

        Returns what tags pressed meanwhile merged into (None when there were none).
        """
        if self.done or self.document is None:
            return self.merged
        if self._read is None:
            self._hurry = True  # a worker splitting gives way within a step
            self.rest()
        assert self._read is not None
        self.merged = self.document.adopt(self._read)
        self._read = None
        self.done = True
        return self.merged
