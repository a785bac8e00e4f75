"""Each folder's brief.yaml, read once per summary: its confirmations, its own places
and actors (as a :class:`~.mentions.Mentions` finder), and why it could not be read.

A summary spans folders; its title, period and sections come from the brief of the
documents' common folder (:meth:`FolderBriefs.common`), confirmations from any of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from briefing_tui.core.brief.file import BriefFile, BriefFileError, read_brief
from briefing_tui.core.brief.mentions import Mentions, sentences_about
from briefing_tui.core.segment import Segmentation


def common_folder(folders: list[Path]) -> Path | None:
    """The folder whose brief.yaml a summary of these folders' documents uses."""
    if not folders or any(f.is_absolute() != folders[0].is_absolute() for f in folders):
        return None
    return Path(os.path.commonpath(folders))


class FolderBriefs:
    def __init__(self) -> None:
        self.files: dict[Path, BriefFile] = {}
        self.errors: dict[Path, str] = {}
        self._mentions: dict[Path, Mentions] = {}

    def __getstate__(self) -> dict[str, Any]:  # to a worker and back: finders are rebuilt
        return {"files": self.files, "errors": self.errors}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.files, self.errors, self._mentions = state["files"], state["errors"], {}

    def brief(self, folder: Path) -> BriefFile:
        """The folder's brief.yaml (the defaults when it has none or cannot be read)."""
        if folder not in self.files and folder not in self.errors:
            try:
                self.files[folder] = read_brief(folder)
            except BriefFileError as exc:
                self.errors[folder] = str(exc)
        return self.files.get(folder, BriefFile())

    def mentions(self, folder: Path) -> Mentions:
        found = self._mentions.get(folder)
        if found is None:
            brief = self.brief(folder)
            found = self._mentions[folder] = Mentions([*brief.places, *brief.actors])
        return found

    def merge(self, other: FolderBriefs) -> None:
        for folder, brief in other.files.items():
            self.files.setdefault(folder, brief)
        for folder, error in other.errors.items():
            self.errors.setdefault(folder, error)

    def common(self, folders: list[Path]) -> BriefFile:
        """The brief of the folders' common folder (defaults when they share none)."""
        folder = common_folder(folders)
        return BriefFile() if folder is None else self.brief(folder)

    def confirmed(self) -> frozenset[str]:
        return frozenset(i for f in self.files.values() for i in f.confirmed)

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Every known place and actor of these folders: name → aliases (for --about)."""
        from briefing_tui.core.brief.mentions import shipped_actors
        from briefing_tui.core.figures.gazetteer import entries

        known: dict[str, list[str]] = {}
        for spelling, entry in entries().items():
            known.setdefault(entry.name, []).append(spelling)
        for item in [*shipped_actors(), *(k for f in self.files.values()
                                          for k in (*f.places, *f.actors))]:
            known.setdefault(item.name, []).extend(item.aliases)
        return {name: tuple(dict.fromkeys(aliases)) for name, aliases in known.items()}


def sentences_naming(text: str, split: Segmentation, folder: Path,
                     ) -> tuple[dict[str, list[int]], str]:
    """Each place and actor a document names → its sentences (0-based indices), with the
    folder's brief.yaml places and actors; and why that brief.yaml was not used ("")."""
    from bisect import bisect_right

    from briefing_tui.core.brief.timeline import opening_cut
    from briefing_tui.core.extract.metadata_dates import dateline

    briefs = FolderBriefs()
    mentions = briefs.mentions(folder)
    top, starts, ends = dateline(text), split.starts, split.ends

    def filed(offset: int) -> bool:
        """In a dateline: the city the release was filed in, not a mention (as the
        summary and exports count them)."""
        index = bisect_right(starts, offset) - 1
        if index < 0 or offset >= ends[index]:
            return False
        start, end = starts[index], ends[index]
        return offset < start + opening_cut(top, start, end, text[start:end])

    spans = [(at, name) for at, name in mentions.spans(text) if not filed(at)]
    return sentences_about(starts, ends, spans), briefs.errors.get(folder, "")
