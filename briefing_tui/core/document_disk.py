"""A Document's side of a sidecar changed on disk: notice it, reload, merge, or keep ours.

Mixed into :class:`~briefing_tui.core.document.Document`. A change is noticed by a cheap
poll (:meth:`DiskRecovery.changed_on_disk`); the analyst reloads or merges (three-way, by
id); a missing sidecar is never "the other side deleted everything". When the sidecar on disk turns
unreadable under unsaved tags (a merge conflict, a sync tool's half-written file) the
tags stay in memory, read-only, and the file is never written; a poll of
:meth:`DiskRecovery.recover` merges them into the file once it reads again
(``git checkout --theirs``). Quit writes them to a numbered copy meanwhile.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from briefing_tui.core.corrections import reanchor_corrections
from briefing_tui.core.document_jobs import SidecarRead
from briefing_tui.core.merge import MergeResult, merge_annotations
from briefing_tui.core.sidecar import SidecarError, fingerprint, read_sidecar, write_sidecar

if TYPE_CHECKING:  # the Document mixes this in
    from briefing_tui.core.document import Document


class DiskRecovery:
    """Mixed into Document (whose fields these methods use)."""

    def changed_on_disk(self) -> bool:
        """True when the sidecar on disk is no longer what we last read or wrote.

        Cheap enough to poll: a ``stat`` first, the hash only when size or time moved.
        False until the sidecar was read at all (``ready``).
        """
        doc = cast("Document", self)
        if not doc.ready:
            return False
        try:
            st = os.stat(doc.sidecar, follow_symlinks=False)
        except FileNotFoundError:
            return doc.disk is not None
        except OSError:
            return False
        if doc.disk is not None and (st.st_size, st.st_mtime_ns) == (
                doc.disk.size, doc.disk.mtime_ns):
            return False
        current = fingerprint(doc.sidecar)
        if current is None or doc.disk is None:
            return current != doc.disk
        return (current.size, current.sha256) != (doc.disk.size, doc.disk.sha256)

    def sidecar_vanished(self) -> bool:
        """True when the sidecar we last read or wrote is gone (a git checkout, a sync
        glitch): ours are then written back by the next save, which creates the file (and
        fails if one appears meanwhile)."""
        doc = cast("Document", self)
        if doc.disk is None or os.path.lexists(doc.sidecar):
            return False
        return doc._keep_ours(SidecarRead(None, None))

    def _keep_ours(self, read: SidecarRead) -> bool:
        """No sidecar to take (gone, or unreadable): keep ours, worth writing when gone.

        A missing sidecar is never an empty other side; True when ``read`` was such.
        """
        doc = cast("Document", self)
        if read.error:
            doc.sidecar_error, doc.unreadable = read.error, read.disk
            return True
        if read.data is not None:
            return False
        doc.disk, doc.base = None, []
        if len(doc.annotations):  # write them back rather than take "nothing"
            doc.saved_revision = doc.annotations.revision - 1
        return True

    def reload_sidecar(self) -> None:
        """Throw away unsaved changes and take the sidecar on disk (undoable).

        When there is none to take (deleted, unreadable) the tags in memory stay, unsaved.
        """
        doc = cast("Document", self)
        read = doc.read_sidecar()
        if doc._keep_ours(read):
            return
        previous, fixes = doc.annotations.sorted(), doc.annotations.corrections
        doc.adopt(read)
        current, new_fixes = doc.annotations.sorted(), doc.annotations.corrections
        doc.annotations.replace_all(previous, record=False, corrections=fixes)
        doc.annotations.replace_all(current, corrections=new_fixes)
        doc.saved_revision = doc.annotations.revision

    def merge_with_disk(self) -> MergeResult:
        """Three-way merge of our changes with the sidecar on disk; the result is unsaved.

        Raises SidecarUnreadable when the file cannot be read (nothing changes then); a
        missing file is not "they deleted everything": ours are kept and written back.
        """
        doc = cast("Document", self)
        mine = doc.annotations.sorted()
        found = read_sidecar(doc.sidecar)
        if found is None:
            doc._keep_ours(SidecarRead(None, None))
            return MergeResult(mine, [])
        data, disk = found
        theirs, their_fixes = data.annotations, data.corrections
        if data.document_sha256 != doc.loaded.sha256:
            from briefing_tui.core.anchoring import reanchor  # deferred: not on the start-up path

            theirs, _ = reanchor(theirs, doc.text, doc._full_segmentation())
            their_fixes = reanchor_corrections(their_fixes, doc.text)
        result = merge_annotations(doc.base, mine, theirs)
        fixes = doc.merge_header(data, their_fixes, result.conflicts)
        doc.disk, doc.base, doc.kept = disk, list(data.annotations), data
        doc.header = dict(data.extra)
        doc.sidecar_error, doc.unreadable = "", None
        doc.annotations.replace_all(result.annotations, corrections=fixes)
        doc.sync_corrections()
        return result

    def mark_unreadable(self) -> str:
        """The sidecar on disk changed and cannot be read now: keep ours, wait for a fix.

        Returns the reason ("" when it reads fine). The tags become read-only and the
        file is never written; :meth:`recover` merges them once it is readable again.
        """
        doc = cast("Document", self)
        try:
            read_sidecar(doc.sidecar)
        except SidecarError as exc:
            doc.sidecar_error, doc.unreadable = str(exc), fingerprint(doc.sidecar)
            return doc.sidecar_error
        return ""

    def recover(self) -> MergeResult | None:
        """Poll an unreadable sidecar; once it reads (or is gone), merge ours into it.

        Cheap while nothing changed (a fingerprint). Returns the merge when it recovered.
        """
        doc = cast("Document", self)
        if not doc.sidecar_error or fingerprint(doc.sidecar) == doc.unreadable:
            return None
        try:
            found = read_sidecar(doc.sidecar)
        except SidecarError as exc:
            doc.sidecar_error, doc.unreadable = str(exc), fingerprint(doc.sidecar)
            return None
        if found is None:
            doc.sidecar_error, doc.unreadable = "", None
            doc._keep_ours(SidecarRead(None, None))
            return MergeResult(doc.annotations.sorted(), [])
        return doc.merge_with_disk()

    def save_copy(self) -> Path:
        """Write our state beside the sidecar as a numbered copy; the sidecar is untouched."""
        doc = cast("Document", self)
        stem = doc.sidecar.name.removesuffix(".yaml")
        number = 1
        while (copy := doc.sidecar.with_name(f"{stem}.mine-{number}.yaml")).exists():
            number += 1
        write_sidecar(copy, doc.snapshot(), None)
        return copy

    def keep_mine_as_copy(self) -> Path:
        """Write our state beside the sidecar as a numbered copy, then take the disk's."""
        doc = cast("Document", self)
        copy = doc.save_copy()
        doc.reload_sidecar()
        return copy
