"""What a :class:`~briefing_tui.core.document.Document` knows beyond its tags: its
metadata (the file's, under the analyst's) and the split/join fixes of its sentences.

A mixin, so the document keeps one idea per module: the safe-saving rules there, these
two small layers here.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.annotations import AnnotationSet
from briefing_tui.core.corrections import Corrections, merge_corrections
from briefing_tui.core.fixes import recorrect
from briefing_tui.core.metadata import Metadata
from briefing_tui.core.metadata_merge import merge_metadata
from briefing_tui.core.segment import Segmentation
from briefing_tui.core.sidecar import SidecarData
from briefing_tui.core.text import LoadedText


class MetadataAndFixes:
    """Mixed into Document (whose fields these are)."""

    path: Path
    loaded: LoadedText
    segmentation: Segmentation
    annotations: AnnotationSet
    user_metadata: Metadata  # set by the analyst, saved in the sidecar
    base_metadata: Metadata  # the sidecar's, as last read or written (for merges)
    base_corrections: Corrections
    _file_metadata: Metadata | None

    @property
    def file_metadata(self) -> Metadata:
        """What the file itself says (its info, head tags, properties, first lines)."""
        if self._file_metadata is None:
            from briefing_tui.core.extract.metadata import read_metadata

            self._file_metadata = read_metadata(self.path, self.loaded.text)
        return self._file_metadata

    @property
    def metadata(self) -> Metadata:
        """The analyst's fields over the file's (used in citations and exports)."""
        return self.user_metadata.over(self.file_metadata)

    @property
    def title(self) -> str:
        """The document's title, else its file name (used in citations)."""
        return self.metadata.title or self.path.name

    def set_metadata(self, metadata: Metadata) -> bool:
        """Set the analyst's fields (saved with the tags); True when something changed."""
        if metadata == self.user_metadata:
            return False
        self.user_metadata = metadata
        self.annotations.touch()
        return True

    def sync_corrections(self) -> bool:
        """Bring the sentence table in line with the split/join fixes (after an undo,
        a reload or a merge); True when sentences may have changed."""
        return recorrect(self.segmentation, self.annotations.corrections)

    def take_header(self, data: SidecarData, keep_mine: bool = False) -> None:
        """The sidecar's metadata and fixes were read (or, ``keep_mine``, written)."""
        if not keep_mine:
            self.user_metadata = data.metadata
        self.base_metadata, self.base_corrections = data.metadata, data.corrections

    def merge_header(self, data: SidecarData, their_fixes: Corrections,
                     conflicts: list[str]) -> Corrections:
        """Three-way merge of metadata (applied) and fixes (returned) with the disk's."""
        fixes = merge_corrections(self.base_corrections, self.annotations.corrections,
                                  their_fixes)
        self.user_metadata = merge_metadata(self.base_metadata, self.user_metadata,
                                            data.metadata, conflicts)
        self.take_header(data, keep_mine=True)
        return fixes
