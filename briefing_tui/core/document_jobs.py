"""The two hand-offs between a Document and a worker thread: a save to write, a read to adopt.

Plain data captured on one thread and used on another, so that the write protocol and the
re-anchoring can run off the app's thread (:mod:`briefing_tui.core.document`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.corrections import Corrections
from briefing_tui.core.sidecar import Fingerprint, SidecarData

if TYPE_CHECKING:  # re-anchoring is imported when it runs (issue 17: start-up)
    from briefing_tui.core.anchoring import AnchorReport


@dataclass
class SaveJob:
    """What to write, captured on the caller's thread so a worker can write it."""

    path: Path
    data: SidecarData = field(repr=False)
    expected: Fingerprint | None
    revision: int
    annotations: list[Annotation] = field(repr=False)


@dataclass
class SidecarRead:
    """A sidecar read and re-anchored (on any thread), waiting to be adopted."""

    data: SidecarData | None  # None: there is no sidecar (or it is unreadable)
    disk: Fingerprint | None
    annotations: list[Annotation] = field(default_factory=list, repr=False)
    report: AnchorReport | None = None
    error: str = ""  # why the sidecar cannot be read
    corrections: Corrections = field(default_factory=Corrections)  # re-anchored
