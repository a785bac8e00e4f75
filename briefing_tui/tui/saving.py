"""Autosave: a moment after each change, in a worker thread, never losing a change.

One save per document runs at a time (a second change while saving is saved right after),
so our own writes never look like someone else's. A failed save keeps the change in
memory, says why in the status line and is retried; a sidecar changed on disk by someone
else is never overwritten: the user chooses to reload, keep theirs and a copy of ours, or
merge.
"""

from __future__ import annotations

from textual import work

from briefing_tui.core.corpus import sidecar_reason
from briefing_tui.core.document import SaveJob
from briefing_tui.core.sidecar import (
    Fingerprint,
    SidecarConflict,
    SidecarError,
    SidecarUnsavable,
    write_sidecar,
)
from briefing_tui.core.text import DocumentError
from briefing_tui.core.textshift import follow
from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.entry import Entry

SAVE_DELAY = 0.6  # seconds after the last change
RETRY_DELAY = 5.0


class AutosaveMixin(AppBase):
    """A part of the app: when and how documents are written (state on each Entry)."""

    save_delay = SAVE_DELAY
    retry_delay = RETRY_DELAY

    def schedule_save(self, entry: Entry, delay: float | None = None) -> None:
        state = entry.save
        delay = self.save_delay if delay is None else delay
        if state.timer is not None:
            state.timer.stop()
        state.timer = self.set_timer(delay, lambda: self.save_entry(entry))

    def save_entry(self, entry: Entry) -> None:
        """Start a background save of ``entry`` now, unless one is running."""
        state = entry.save
        document = entry.document
        if document is None or state.asking or not self.may_save(entry):
            return
        if state.running:
            state.again = True
            return
        job = document.prepare_save()
        if job is None:
            self.saves_changed()
            return
        state.running = True
        self._write(entry, job)

    @work(thread=True, group="save", description="save a sidecar")
    def _write(self, entry: Entry, job: SaveJob) -> None:
        try:
            written = write_sidecar(job.path, job.data, job.expected)
        except SidecarError as exc:
            self.call_from_thread(self._save_failed, entry, exc)
        else:
            self.call_from_thread(self._saved, entry, job, written)

    def _saved(self, entry: Entry, job: SaveJob, written: Fingerprint) -> None:
        state = entry.save
        state.running = False
        state.error, state.permanent = "", False
        assert entry.document is not None
        entry.document.finish_save(job, written)
        if entry.attention.startswith("save failed"):
            entry.attention = ""
        self.saves_changed(entry)
        if state.again or entry.document.dirty:
            state.again = False
            self.save_entry(entry)

    def _save_failed(self, entry: Entry, error: SidecarError) -> None:
        state = entry.save
        state.running = False
        state.again = False
        if isinstance(error, SidecarConflict):
            self.ask_about_conflict(entry)
            return
        told = state.error == str(error)
        state.error = str(error)
        entry.attention = f"save failed: {sidecar_reason(error, entry.path)}"
        self.saves_changed(entry)
        if isinstance(error, SidecarUnsavable):  # retrying cannot help: say it once
            state.permanent = True
            if not told:
                self.notify(f"{error} Your tags stay here; the next change tries again.",
                            severity="error", markup=False, timeout=12)
            return
        self.schedule_save(entry, self.retry_delay)

    def ask_about_conflict(self, entry: Entry) -> None:
        state = entry.save
        if state.asking or entry.document is None or self.sidecar_vanished(entry):
            return
        if entry.document.mark_unreadable():
            self.ask_about_unreadable(entry)
            return
        state.asking = True
        entry.attention = "sidecar changed on disk by someone else"
        self.saves_changed(entry)
        name = entry.document.sidecar.name
        message = (f"{name} was changed on disk since you opened it (another analyst, a git "
                   "pull or another window). Your unsaved tags are still here.\n\n"
                   "Merge: combine both sets of tags (recommended).\n"
                   "Keep mine as a copy: write your tags to a numbered copy beside it, "
                   "then load theirs.\nReload: take theirs (undo brings yours back).")
        choices = [("merge", "Merge"), ("copy", "Keep mine as a copy"), ("reload", "Reload")]

        def chosen(choice: str | None) -> None:
            state.asking = False
            self.resolve_conflict(entry, choice or "merge")

        self.push_screen(ChoiceDialog("Sidecar changed on disk", message, choices, "merge"),
                         chosen)

    def ask_about_unreadable(self, entry: Entry) -> None:
        """The sidecar changed on disk and cannot be read (a merge conflict, a sync
        tool's half file): ask once; then watch it and merge ours in once it reads."""
        document = entry.document
        state = entry.save
        if document is None or state.asking:
            return
        state.asking = True
        entry.attention = f"unreadable: {sidecar_reason(document.sidecar_error, entry.path)}"
        self.saves_changed(entry)
        count = len(document.annotations)
        message = (f"{document.sidecar.name} was changed on disk and cannot be read "
                   f"({document.sidecar_error}). It is left untouched; your {count} "
                   "annotations stay here, read-only.\n\nWait: fix the file (e.g. "
                   "git checkout --theirs, or undo the sync) and your unsaved tags are "
                   "merged into it by themselves (recommended).\nKeep mine as a copy: "
                   "also write them to a numbered copy beside it now.")

        def chosen(choice: str | None) -> None:
            state.asking = False
            if choice == "copy" and entry.document is not None:
                try:
                    copy = entry.document.save_copy()
                    self.notify(f"Your tags were kept in {copy.name}.", markup=False)
                except SidecarError as exc:
                    self.notify(f"Could not keep a copy: {exc}", severity="error",
                                markup=False)
            self.document_changed(entry, save=False)

        self.push_screen(ChoiceDialog("Sidecar unreadable on disk", message,
                                      [("wait", "Wait for the fix"),
                                       ("copy", "Keep mine as a copy")], "wait"), chosen)

    def recover_sidecar(self, entry: Entry) -> None:
        """An unreadable sidecar changed again: take it (merging ours) once it reads."""
        document = entry.document
        if document is None:
            return
        had = document.sidecar_error
        try:
            result = document.recover()
        except SidecarError:
            return
        if result is None:
            if document.sidecar_error != had:
                entry.attention = ("unreadable: "
                                   f"{sidecar_reason(document.sidecar_error, entry.path)}")
                self.saves_changed(entry)
            return
        entry.attention = ""
        self.notify(f"{document.sidecar.name} can be read again: your tags were merged with "
                    f"it ({len(result.conflicts)} conflicts).", markup=False, timeout=8)
        self.document_changed(entry)

    def resolve_conflict(self, entry: Entry, choice: str) -> None:
        document = entry.document
        if document is None:
            return
        if document.mark_unreadable():  # became unreadable while the dialog was open
            self.ask_about_unreadable(entry)
            return
        try:
            if choice == "reload":
                document.reload_sidecar()
                self.notify(f"Reloaded {document.sidecar.name}; press u to get yours back.",
                            markup=False)
            elif choice == "copy":
                copy = document.keep_mine_as_copy()
                self.notify(f"Your tags were kept in {copy.name}.", markup=False)
            else:
                result = document.merge_with_disk()
                text = f"Merged with the file on disk ({len(result.conflicts)} conflicts)."
                self.notify(text, markup=False)
        except SidecarError as exc:
            entry.attention = f"could not resolve: {exc}"
            self.notify(f"Could not {choice}: {exc}", severity="error", markup=False)
        else:
            entry.attention = ""
        self.document_changed(entry)

    def check_disk(self) -> None:
        """Notice sidecars changed by someone else: reload when we have nothing unsaved,
        else ask. Polled every couple of seconds; a ``stat`` per open document."""
        for entry in self.opened_entries():
            document = entry.document
            state = entry.save
            if document is not None and document.text_changed_on_disk():
                self.document_file_changed(entry)
            if document is None or state.running or state.asking:
                continue
            if document.sidecar_error:
                self.recover_sidecar(entry)
                continue
            if not document.changed_on_disk() or self.sidecar_vanished(entry):
                continue
            if document.dirty and self.may_save(entry):
                self.ask_about_conflict(entry)
                continue
            before = len(document.annotations)
            document.reload_sidecar()
            if document.sidecar_error:
                entry.attention = ("unreadable: "
                                   f"{sidecar_reason(document.sidecar_error, entry.path)}")
                self.notify(f"{document.sidecar.name} was changed on disk and can no longer "
                            f"be read ({document.sidecar_error}); it is left untouched and "
                            "tags are read-only.", severity="error", markup=False, timeout=10)
            else:
                self.notify(f"{document.sidecar.name} was changed on disk: reloaded "
                            f"({before} → {len(document.annotations)} annotations; u undoes).",
                            markup=False, timeout=6)
            self.document_changed(entry, save=False)

    def save_all_now(self) -> tuple[list[str], list[str]]:
        """Save every dirty document on this thread (quit, SIGTERM).

        Returns ``(failures, notes)``: failures still hold unsaved work; notes tell where
        work went (a conflict saves ours as a copy beside the sidecar).
        """
        failures: list[str] = []
        notes: list[str] = []
        for entry in self.opened_entries():
            document = entry.document
            if entry.opening is not None and document is not None and \
                    document.annotations.revision:  # tagged while loading: merge it now
                entry.opening.finish()
                entry.opening = None
            if document is None or not self.may_save(entry):
                continue
            self.sidecar_vanished(entry, tell=False)
            if not document.sidecar_error and len(document.annotations) and \
                    document.changed_on_disk():  # since the last poll: is it still readable?
                document.mark_unreadable()
            if document.sidecar_error and len(document.annotations) and document.ready:
                # unreadable now, but we hold its tags (unsaved or not): a copy keeps them
                pass
            elif not document.dirty:
                continue
            if document.sidecar_error:  # unreadable: never written; ours go to a copy
                try:
                    copy = document.save_copy()
                    notes.append(f"{document.sidecar.name} cannot be read; your "
                                 f"tags were saved to {copy.name}")
                except SidecarError as exc:
                    failures.append(f"{document.name}: {exc}")
                continue
            try:
                if not document.save():
                    continue
            except SidecarConflict:
                try:
                    copy = document.keep_mine_as_copy()
                    notes.append(f"{document.sidecar.name} changed on disk; your tags "
                                 f"were saved to {copy.name}")
                except SidecarError as exc:
                    failures.append(f"{document.name}: {exc}")
            except SidecarError as exc:  # e.g. a folder or a FIFO where the sidecar was
                try:
                    copy = document.save_copy()
                    notes.append(f"{exc}; your tags were saved to {copy.name}")
                except SidecarError:
                    failures.append(f"{document.name}: {exc}")
        return failures, notes

    def sidecar_vanished(self, entry: Entry, tell: bool = True) -> bool:
        """The sidecar we last read or wrote is gone (a git checkout, a sync glitch):
        write our tags back rather than take "nothing" as a reload or a merge would."""
        document = entry.document
        if document is None or not document.sidecar_vanished():
            return False
        count = len(document.annotations)
        if tell and count:
            self.notify(f"{document.sidecar.name} was deleted on disk; your {count} "
                        "annotations are written back (x clears a sentence's tags).",
                        severity="warning", timeout=8)
        if tell:
            self.document_changed(entry)
        return True

    def document_file_changed(self, entry: Entry) -> None:
        """The briefing itself changed on disk: reread it and re-anchor the tags."""
        document = entry.document
        if document is None:
            return
        places = self.cursor_offsets(entry)
        before = document.text
        try:
            report = document.reload_text()
        except DocumentError as exc:
            if not entry.attention.startswith("document"):
                entry.attention = f"document {exc.reason}; tags kept"
                self.notify(f"{document.name} can no longer be read ({exc.reason}). Its "
                            "tags stay here and in the sidecar.", severity="error",
                            markup=False, timeout=10)
                self.saves_changed(entry)
            return
        if report is None:
            return
        entry.attention = (f"{report.orphan} orphaned, {report.review} to review"
                           if report.needs_attention else "")
        self.notify(f"{document.name} changed on disk: {report.exact} tags in place, "
                    f"{report.moved} moved, {report.review} to review, {report.orphan} "
                    "orphaned (kept in the Annotations pane).", markup=False, timeout=10,
                    severity="warning" if report.needs_attention else "information")
        # the cursors stay on their sentences, not on their old offsets
        places = {ident: follow(before, document.text, at) for ident, at in places.items()}
        self.document_reloaded(entry, places)
