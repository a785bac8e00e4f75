"""A Document's way back from a sidecar it cannot read: keep ours, watch, merge the fix.

Mixed into :class:`~briefing_tui.core.document.Document`. When the sidecar on disk turns
unreadable under unsaved tags (a merge conflict, a sync tool's half-written file) the
tags stay in memory, read-only, and the file is never written; a poll of
:meth:`DiskRecovery.recover` merges them into the file once it reads again
(``git checkout --theirs``). Quit writes them to a numbered copy meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from briefing_tui.core.merge import MergeResult
from briefing_tui.core.sidecar import SidecarError, fingerprint, read_sidecar, write_sidecar

if TYPE_CHECKING:  # the Document mixes this in
    from briefing_tui.core.document import Document


class DiskRecovery:
    """Mixed into Document (whose fields these methods use)."""

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
            from briefing_tui.core.document import SidecarRead  # document imports this module

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
