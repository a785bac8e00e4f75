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
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.lock import REFRESH_SECONDS, DocumentLock, LockState
from briefing_tui.tui.actions import ReaderActions
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.panes import Entry
from briefing_tui.tui.reader import Reader

LOCK_CHECK_SECONDS = 2.0


@dataclass
class EntryLock:
    lock: DocumentLock
    editing: bool = True  # False while another app holds the lock and we were not told to
    asking: bool = False
    refreshed: float = field(default_factory=time.monotonic)


class LockMixin(ReaderActions):
    """Mixed into the app: the reader's actions, narrowed by the lock (``_editable``)."""

    def _entry_locks(self) -> dict[Path, EntryLock]:
        locks: dict[Path, EntryLock] = self.__dict__.setdefault("_entry_locks_", {})
        return locks

    def lock_document(self, entry: Entry) -> None:
        """Take the lock of a document just opened; ask when another app holds it."""
        document = entry.document
        if document is None or entry.path in self._entry_locks() or \
                document.read_only_reason:
            return  # already locked, or read-only anyway (nothing will be written)
        held = EntryLock(DocumentLock(entry.path))
        self._entry_locks()[entry.path] = held
        state = held.lock.acquire()
        told: set[Path] = self.__dict__.setdefault("_lock_told_", set())
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
        held = self._entry_locks().get(entry.path)
        if held is None or held.editing or held.lock.owner is None:
            return ""
        return f"also open by {held.lock.owner.describe()}"

    def may_save(self, entry: Entry) -> bool:
        return not self.lock_reason(entry)

    def ask_about_lock(self, entry: Entry) -> None:
        held = self._entry_locks().get(entry.path)
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

    def _editable(self, reader: Reader) -> Entry | None:
        entry = self.entry_of(reader)
        if entry is not None and self.lock_reason(entry):
            self.ask_about_lock(entry)
            return None
        return super()._editable(reader)

    def check_locks(self) -> None:
        """Polled: take locks their owners gave up; keep ours fresh (see core.lock)."""
        now = time.monotonic()
        for path, held in list(self._entry_locks().items()):
            lock = held.lock
            entry = next((e for e in self.open_entries() if e.path == path), None)
            if entry is None:
                continue
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
        for held in self._entry_locks().values():
            held.lock.release()
        self._entry_locks().clear()

    def lock_changed(self, entry: Entry) -> None:
        """Editable again or still read-only: redraw, and save what waits (re-anchoring)."""
        self.document_changed(entry, save=True)

    # hooks the app provides
    def open_entries(self) -> list[Entry]:
        raise NotImplementedError
