"""Two apps on one briefing: the second is told, and tags there are read-only unless asked.

The lock itself is :mod:`briefing_tui.core.lock`. Here the app takes one when it opens a
document, tells the user when another app holds it (who, where, since when) and offers
*Read-only* (the default: the tags follow the other app's saves, as polled every two
seconds) or *Edit anyway* (both edit; the sidecar's fingerprint check then turns every
save that would overwrite the other's into a merge question). A read-only document becomes
editable by itself when the other app closes it. Locks are refreshed every minute and
released on every exit the app controls.
"""

from __future__ import annotations

import time

from briefing_tui.core.lock import REFRESH_SECONDS, DocumentLock, LockState
from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.entry import Entry, EntryLock

LOCK_CHECK_SECONDS = 2.0


class LockMixin(AppBase):
    """A part of the app: the lock of each open briefing (held on its :class:`Entry`)."""

    def lock_document(self, entry: Entry) -> None:
        """Take the lock of a document just opened; ask when another app holds it."""
        document = entry.document
        if document is None or entry.lock is not None or document.read_only_reason:
            return  # already locked, or read-only anyway (nothing will be written)
        held = entry.lock = EntryLock(DocumentLock(
            entry.path, layer=self.analyst if self.layer_mode else ""))
        state = held.lock.acquire()
        told = self._lock_told
        if state is LockState.UNAVAILABLE and entry.path.parent not in told:
            told.add(entry.path.parent)  # once per folder, not per briefing
            self.notify(f"Cannot lock {entry.path.name} ({held.lock.reason}): tags are "
                        "editable, but another app editing it would only be noticed when "
                        "one of you saves.", severity="warning", timeout=8)
        elif state is LockState.OTHER:
            held.editing = False
            self.ask_about_lock(entry)

    def lock_reason(self, entry: Entry) -> str:
        """Why another app keeps this document's tags read-only here, or ""."""
        held = entry.lock
        if held is None or held.editing or held.lock.owner is None:
            return ""
        return f"also open by {held.lock.owner.describe()}"

    def lock_refuses(self, entry: Entry) -> bool:
        """True when another app holds ``entry`` and we were not told to edit: ask once."""
        if not self.lock_reason(entry):
            return False
        self.ask_about_lock(entry)
        return True

    def ask_about_lock(self, entry: Entry) -> None:
        held = entry.lock
        if held is None or held.asking or not self.lock_reason(entry):
            return
        held.asking = True
        message = (f"{entry.path.name} is {self.lock_reason(entry)}.\n\n"
                   "Read-only: read and follow their tags as they save; change nothing "
                   "(recommended). It becomes editable when they close it.\n"
                   "Edit anyway: tag here too. Nothing is overwritten: when the sidecar "
                   "changed under your unsaved tags you are asked to merge.")

        def chosen(choice: str | None) -> None:
            held.asking = False
            if choice == "edit":
                held.editing = True
                self.notify(f"Editing {entry.path.name} alongside the other app.",
                            timeout=4)
            self.lock_changed(entry)

        self.push_screen(ChoiceDialog("Open in another app", message,
                                      [("readonly", "Read-only"), ("edit", "Edit anyway")],
                                      "readonly"), chosen)

    def check_locks(self) -> None:
        """Polled: take locks their owners gave up; keep ours fresh (see core.lock)."""
        now = time.monotonic()
        for entry in self.opened_entries():
            held, path = entry.lock, entry.path
            if held is None:
                continue
            lock = held.lock
            if lock.state is LockState.OTHER:
                blocked = not held.editing
                if lock.acquire() is LockState.HELD:
                    held.editing = True
                    if blocked:
                        self.notify(f"{path.name} is no longer open elsewhere: its tags "
                                    "are editable.", timeout=6)
                        self.lock_changed(entry)
            elif lock.state is LockState.HELD and now - held.refreshed >= REFRESH_SECONDS:
                held.refreshed = now
                if not lock.refresh() and lock.acquire() is LockState.OTHER and \
                        lock.owner is not None:
                    self.notify(f"{path.name} was taken over by {lock.owner.describe()} "
                                "(they thought this app gone); you keep editing, and saves "
                                "are checked against theirs.", severity="warning", timeout=8)

    def release_locks(self) -> None:
        for entry in self.entries:
            if entry.lock is not None:
                entry.lock.lock.release()
                entry.lock = None

    def lock_changed(self, entry: Entry) -> None:
        """Editable again or still read-only: redraw, and save what waits (re-anchoring)."""
        self.document_changed(entry, save=True)
