"""One open briefing: its text, sentences, annotations and the sidecar that keeps them.

This is the unit the CLI and the app work with. It owns the rules that keep work safe:
an unreadable sidecar makes the document's tags read-only (the file is never
overwritten); a sidecar whose document changed is re-anchored on open; a sidecar changed
on disk by someone else is never overwritten silently (:class:`SidecarConflict`), and the
caller chooses to reload, merge, or keep its own state as a copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_tui.core.annotations import Annotation, AnnotationSet
from briefing_tui.core.corrections import Corrections, merge_corrections, reanchor_corrections
from briefing_tui.core.document_disk import DiskRecovery
from briefing_tui.core.document_jobs import SaveJob, SidecarRead
from briefing_tui.core.document_meta import MetadataAndFixes
from briefing_tui.core.extract import Progress, extract, page_of
from briefing_tui.core.merge import MergeResult, merge_annotations
from briefing_tui.core.metadata import Metadata
from briefing_tui.core.segment import Segmentation
from briefing_tui.core.sidecar import (
    Fingerprint,
    SidecarData,
    SidecarError,
    document_label,
    fingerprint,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)
from briefing_tui.core.sidecar.layers import IN_PROGRESS, STATUSES, layer_path
from briefing_tui.core.text import LoadedText

if TYPE_CHECKING:
    from briefing_tui.core.anchoring import AnchorReport

__all__ = ["EXTRACTOR", "Document", "SaveJob", "SidecarRead", "file_stamp", "open_document"]

EXTRACTOR = "text 1"  # plain text's id; other formats carry their extractor's


@dataclass
class Document(MetadataAndFixes, DiskRecovery):
    path: Path
    loaded: LoadedText = field(repr=False)
    segmentation: Segmentation = field(repr=False)
    annotations: AnnotationSet = field(default_factory=AnnotationSet, repr=False)
    sidecar: Path = field(init=False)
    disk: Fingerprint | None = None  # the sidecar as we last read or wrote it
    base: list[Annotation] = field(default_factory=list, repr=False)  # on disk, for merges
    problems: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    anchor_report: AnchorReport | None = None
    sidecar_error: str = ""  # set when the sidecar is unreadable: tags become read-only
    saved_revision: int = 0
    file_stamp: tuple[int, int] = (0, 0)  # the document file's (size, mtime_ns) when read
    sidecar_extractor: str = ""  # what made the text the sidecar was written against
    ready: bool = True  # False until the sidecar is read: nothing is saved or compared
    unreadable: Fingerprint | None = None  # the unreadable sidecar as last seen
    kept: SidecarData | None = field(default=None, repr=False)  # last read: unknown keys
    user_metadata: Metadata = field(default_factory=Metadata)  # set by the analyst
    base_metadata: Metadata = field(default_factory=Metadata)  # on disk, for merges
    base_corrections: Corrections = field(default_factory=Corrections)  # on disk
    _file_metadata: Metadata | None = field(default=None, repr=False)
    layer: str = ""  # double coding: the analyst whose own layer this is (core.sidecar.layers)
    header: dict[str, Any] = field(default_factory=dict, repr=False)  # unknown top-level keys

    def __post_init__(self) -> None:
        self.sidecar = layer_path(self.path, self.layer) if self.layer else \
            sidecar_path(self.path)

    # -- state -------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.loaded.text

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def read_only_reason(self) -> str:
        """Why tags cannot be changed, or "" when they can."""
        if self.sidecar_error:
            return f"sidecar unreadable ({self.sidecar_error}); it is left untouched"
        if self.loaded.read_only:
            return self.loaded.warning or "opened read-only"
        return ""

    @property
    def extractor_changed(self) -> bool:
        """True when the sidecar's text came from another extractor (or version): its
        tags were re-anchored if the text differs."""
        return bool(self.sidecar_extractor) and \
            self.sidecar_extractor != self.loaded.extractor

    def page_of(self, offset: int) -> int:
        """The 1-based page holding ``offset`` (PDFs), or 0 when the format has no pages."""
        return page_of(self.loaded.pages, offset)

    @property
    def dirty(self) -> bool:
        return self.annotations.revision != self.saved_revision

    def set_layer_status(self, status: str) -> None:
        """Mark this analyst's layer finished or in progress (double coding); the header
        changed, so the next save writes it."""
        self.header["status"] = status
        self.saved_revision -= 1

    # -- sidecar -----------------------------------------------------------------------

    def _full_segmentation(self) -> Segmentation:
        if not self.segmentation.complete:
            self.segmentation.extend()
        return self.segmentation

    def read_sidecar(self) -> SidecarRead:
        """Read and re-anchor the sidecar without touching the tags in memory.

        Safe off the owner's thread while the owner edits tags (it only splits the rest
        of the text, which nothing else does meanwhile); :meth:`adopt` the result there.
        """
        try:
            found = read_sidecar(self.sidecar)  # offsets past the end are re-anchored
        except SidecarError as exc:
            return SidecarRead(None, fingerprint(self.sidecar), error=str(exc))
        if found is None:
            return SidecarRead(None, None)
        data, disk = found
        annotations, report = data.annotations, None
        length = len(self.text)
        if data.document_sha256 != self.loaded.sha256 or any(
                a.needs_attention or a.end > length for a in annotations):
            from briefing_tui.core.anchoring import reanchor  # deferred: not on the start-up path

            annotations, report = reanchor(annotations, self.text, self._full_segmentation())
        fixes = data.corrections
        if data.document_sha256 != self.loaded.sha256:
            fixes = reanchor_corrections(fixes, self.text)
        return SidecarRead(data, disk, annotations, report, corrections=fixes)

    def adopt(self, read: SidecarRead) -> MergeResult | None:
        """Take a sidecar read by :meth:`read_sidecar`; the document is then ``ready``.

        Tags changed before it was read (a big briefing is tagged while it is still being
        split) are merged into the sidecar's, never replaced: the result is returned and
        left unsaved. Their undo history goes (it would undo into the merged tags).
        """
        loading, self.ready = not self.ready, True
        self.sidecar_error = read.error
        self.unreadable = read.disk if read.error else None
        if read.data is None:
            self.disk = read.disk
            return None
        data = read.data
        merged = None
        if loading and self.annotations.revision:  # edited before the sidecar was read
            merged = merge_annotations([], self.annotations.sorted(), read.annotations)
            fixes = merge_corrections(Corrections(), self.annotations.corrections,
                                      read.corrections)
            self.annotations.replace_all(merged.annotations, record=False, corrections=fixes)
            self.annotations.forget_history()
        else:
            self.annotations.replace_all(read.annotations, record=False,
                                         corrections=read.corrections)
        self.sync_corrections()
        self.take_header(data)
        self.saved_revision = self.annotations.revision
        if data.document_sha256 != self.loaded.sha256 or (
                merged is not None and merged.annotations != read.annotations):
            self.saved_revision -= 1  # new anchors, the new hash or our tags: worth writing
        self.base = list(data.annotations)
        self.disk, self.kept = read.disk, data
        self.sidecar_extractor = data.extractor
        self.problems = list(data.problems)
        self.header = dict(data.extra)
        self.rejected = list(getattr(data, "rejected", []))
        self.anchor_report = read.report
        return merged

    def load_sidecar(self) -> None:
        """Read the sidecar (if any). An unreadable one is recorded, never raised."""
        self.adopt(self.read_sidecar())

    def snapshot(self) -> SidecarData:
        data = SidecarData(document_label(self.path), self.loaded.sha256,
                           self.annotations.sorted(), extractor=self.loaded.extractor,
                           metadata=self.user_metadata,
                           corrections=self.annotations.corrections)
        if self.rejected and hasattr(data, "rejected"):
            data.rejected = list(self.rejected)
        if self.kept is not None:  # unknown keys go back where they were
            data.document_extra, data.layout = self.kept.document_extra, self.kept.layout
        data.extra = dict(self.header)
        if self.layer and data.extra.get("status") not in STATUSES:
            data.extra["status"] = IN_PROGRESS
        return data

    def prepare_save(self) -> SaveJob | None:
        """The save to do now, or None when there is nothing to write (or we must not)."""
        if self.read_only_reason or not self.dirty or not self.ready:
            return None
        if self.disk is None and not len(self.annotations) and not self.rejected and \
                not self.annotations.corrections and not self.user_metadata:
            self.saved_revision = self.annotations.revision
            return None
        return SaveJob(self.sidecar, self.snapshot(), self.disk, self.annotations.revision,
                       self.annotations.sorted())

    def finish_save(self, job: SaveJob, written: Fingerprint) -> None:
        """Record a successful save (call on the thread that owns the document)."""
        self.disk = written
        self.base = job.annotations
        self.take_header(job.data, keep_mine=True)
        self.saved_revision = job.revision
        self.sidecar_extractor = job.data.extractor

    def save(self) -> bool:
        """Save now; raise SidecarConflict/SidecarSaveError; True when a file was written."""
        job = self.prepare_save()
        if job is None:
            return False
        self.finish_save(job, write_sidecar(job.path, job.data, job.expected))
        return True

    # -- the document file itself -------------------------------------------------------

    def text_changed_on_disk(self) -> bool:
        """True when the briefing file was edited, replaced or deleted since it was read
        (never while still loading: the loader owns the text until then)."""
        return self.ready and file_stamp(self.path) != self.file_stamp

    def reload_text(self) -> AnchorReport | None:
        """Read the changed file again and re-anchor every tag, saved or not (undoable).

        Raises DocumentError when the file is gone or no longer readable; the tags stay
        in memory and the sidecar is not touched. Returns None when only the file's time
        changed, not its text.
        """
        stamp = file_stamp(self.path)
        loaded = extract(self.path)
        self.file_stamp = stamp
        if loaded.sha256 == self.loaded.sha256:
            return None
        self.loaded, self._file_metadata = loaded, None
        fixes = reanchor_corrections(self.annotations.corrections, self.text)
        self.segmentation = Segmentation(loaded.text, fixes)
        self.segmentation.extend()
        from briefing_tui.core.anchoring import reanchor  # deferred: not on the start-up path

        annotations, report = reanchor(self.annotations.sorted(), self.text, self.segmentation)
        self.annotations.replace_all(annotations, corrections=fixes)
        self.anchor_report = report
        return report

def file_stamp(path: Path) -> tuple[int, int]:
    """(size, mtime_ns) of a file, or (-1, -1) when it cannot be seen."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def open_document(path: Path | str, *, segment_chars: int | None = None,
                  progress: Progress | None = None, analyst: str = "",
                  layer: bool = False, cached_split: bool = False) -> Document:
    """Open a briefing and its sidecar; raise DocumentError when the file is unreadable.

    Any format :mod:`.extract` reads (text, PDF, HTML, DOCX); ``progress(done, total)``
    hears about a PDF's pages as they are read (from this thread). With
    ``segment_chars`` only about that many characters are split now (the app splits the
    rest in a worker); the sidecar is then read by :meth:`load_sidecar` later.
    ``analyst`` signs every change (``by``); with ``layer`` the document's tags are that
    analyst's own layer instead of the shared sidecar (double coding). With
    ``cached_split`` the whole split comes from :mod:`.extract.split_cache` when the
    same text was split before (exports: a second one of a folder splits nothing).
    """
    path = Path(path)
    stamp = file_stamp(path)  # before reading: a change meanwhile shows up at the next look
    loaded = extract(path, progress=progress)
    if cached_split and segment_chars is None:
        from briefing_tui.core.extract import split_cache  # deferred: not on the start-up path

        segmentation = split_cache.split(loaded.text, loaded.sha256)
    else:
        segmentation = Segmentation(loaded.text)
        segmentation.extend(segment_chars)
    document = Document(path, loaded, segmentation, AnnotationSet(analyst=analyst),
                        file_stamp=stamp, layer=analyst if layer else "")
    if segment_chars is None:
        document.load_sidecar()
    return document
