"""The briefing app: documents on the left, one or two readers, annotations on the right."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.collector import resume
from briefing_tui.core.document import Document
from briefing_tui.core.settings import Settings
from briefing_tui.core.state import AppState, save_state
from briefing_tui.core.visible import visible
from briefing_tui.tui.about_filter import AboutFilterMixin
from briefing_tui.tui.dialogs import ChoiceDialog, HelpScreen
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.fixing import FixingMixin
from briefing_tui.tui.hangup import CHECK_SECONDS as HANGUP_CHECK_SECONDS
from briefing_tui.tui.hangup import terminal_gone, terminal_input
from briefing_tui.tui.keys import APP_BINDINGS, all_bindings, bindings_of, help_rows
from briefing_tui.tui.loading import LoadingMixin
from briefing_tui.tui.locking import LOCK_CHECK_SECONDS
from briefing_tui.tui.note_view import NoteView
from briefing_tui.tui.orphans import OrphanMixin
from briefing_tui.tui.panes import AnnotationsPane, DocumentList
from briefing_tui.tui.partial_compositor import PartialScreen
from briefing_tui.tui.reader import Reader
from briefing_tui.tui.relisting import RelistMixin
from briefing_tui.tui.saving import AutosaveMixin
from briefing_tui.tui.search_box import SearchBox
from briefing_tui.tui.searching import SearchMixin
from briefing_tui.tui.status import StatusBar, status_of
from briefing_tui.tui.suggest_why import SuggestionWhy
from briefing_tui.tui.suggesting import SuggestingMixin
from briefing_tui.tui.switching import SwitchingMixin
from briefing_tui.tui.team import TeamMixin

if TYPE_CHECKING:
    from briefing_tui.tui.adjudicate import AdjudicationScreen
    from briefing_tui.tui.summary_screen import Place

# The search box takes no control, C1 or bidi characters: they would reach the terminal.
SEARCHABLE = "[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*"
NARROW, VERY_NARROW, WIDE = 110, 80, 160  # terminal widths where side panes change
DISK_CHECK_SECONDS = 2.0


class BriefingApp(SuggestingMixin, OrphanMixin, FixingMixin, TeamMixin, SearchMixin,
                  AboutFilterMixin, SwitchingMixin, LoadingMixin, AutosaveMixin, RelistMixin):
    """Read and tag briefings; every change is saved a moment later."""

    CSS_PATH = "briefing.tcss"
    TITLE = "briefing"
    BINDINGS = APP_BINDINGS

    def __init__(self, entries: list[Entry], codebook: Codebook | None = None,
                 notices: Iterable[str] = (), settings: Settings | None = None,
                 state: AppState | None = None) -> None:
        super().__init__(entries, codebook, settings, state)
        self.notices = list(notices)

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(self.codebook, id="status")
        with Horizontal(id="main"):
            yield DocumentList(self.codebook, id="documents")
            with Horizontal(id="readers"):
                for ident in ("reader-1", "reader-2"):
                    with Vertical(id=f"column-{ident}", classes="reader-column"):
                        yield Reader(self.codebook, id=ident)
                        yield NoteView(id=f"note-{ident}", classes="note-view")
                        yield SuggestionWhy(id=f"why-{ident}")
            yield AnnotationsPane(self.codebook, id="annotations")
        yield SearchBox(placeholder="Search this document (enter to find, escape to close)",
                        id="search", restrict=SEARCHABLE)
        yield Footer()

    def get_default_screen(self) -> Screen[object]:
        """A screen that repaints only changed rows (tui/partial_compositor.py)."""
        return PartialScreen(id="_default")

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.notify(f"Unknown theme {self.settings.theme!r}; using the default.",
                            severity="warning", markup=False)
        self.query_one("#column-reader-2").display = False
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk)
        self.set_interval(LOCK_CHECK_SECONDS, self.check_locks)
        terminal = None if self.is_headless else terminal_input()
        if terminal is not None:  # no SIGHUP may come when it goes (tui/hangup.py)
            self.set_interval(HANGUP_CHECK_SECONDS, partial(self._check_terminal, terminal))
        self.query_one("#search").display = False
        documents = self.query_one(DocumentList)
        documents.set_entries(self.entries)
        self.query_one(AnnotationsPane).analyst = self.analyst
        for notice in self.notices:
            self.notify(notice, severity="warning", markup=False, timeout=8)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            # not possible off the main thread (some tests) or where the signal is missing
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.save_and_exit_on_signal)
                self._signals.append(signum)
        first_reader = self.reader("reader-1")
        # the last document at its last sentence, else the first one that opens (bad files
        # say why and pass)
        for entry in [] if self.restore_place() else self.entries:
            if not entry.error:
                self.open_in(first_reader, entry)
            if self.entry_of(first_reader) is entry:  # shown, or its text is being extracted
                break
        self.call_after_refresh(resume)  # the collector, paused for the start (core/collector.py)
        self.call_after_refresh(self._scan_corpus)
        self.reader("reader-1").focus()
        self.update_status()

    def on_resize(self, event: events.Resize) -> None:
        """Give the reader room on small terminals: side panes give way first."""
        main = self.query_one("#main")
        main.set_class(event.size.width < NARROW, "-narrow")
        main.set_class(event.size.width < VERY_NARROW, "-very-narrow")
        main.set_class(event.size.width >= WIDE, "-wide")
        self.query_one(Footer).compact = event.size.width < NARROW  # Help and Quit stay

    def on_unmount(self) -> None:
        self.release_locks()
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)

    def notify(self, message: str, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every toast is literal text: file names and reasons may hold markup or escapes."""
        super().notify(visible(message), title=visible(title, keep_newlines=False),
                       severity=severity, timeout=timeout, markup=False)

    # -- what the parts ask of each other (tui.app_base) --------------------------------

    def may_save(self, entry: Entry) -> bool:
        return not self.lock_reason(entry)

    def edit_refused(self, entry: Entry) -> bool:
        return self.layer_refuses(entry) or self.lock_refuses(entry)

    # -- reacting --------------------------------------------------------------------

    def document_changed(self, entry: Entry, save: bool = True,
                         sentence: int | None = None) -> None:
        """Tags changed (key, undo, reload, merge): redraw, recount, save soon.
        ``sentence`` names the one sentence that changed: only its rows are redrawn."""
        entry.refresh_counts()
        for reader in self.readers():
            if self.entry_of(reader) is entry:
                if reader.filter_tag is not None:
                    reader.relayout()
                    reader.refresh_all()
                elif sentence is not None:
                    reader.refresh_sentence(sentence)
                else:
                    reader.refresh_all()
                self.show_note(reader)
        pane = self.one("annotations", AnnotationsPane)
        if pane is not None and self.entry_of(self.active_reader()) is entry:
            pane.show_soon(entry.document)
        if sentence is None:
            self._relist_now(entry)
        else:
            self._relist_soon(entry)
        if save and entry.document is not None and entry.document.dirty:
            self.schedule_save(entry)
        self.suggestions_may_change(entry)
        self.update_status()

    def cursor_offsets(self, entry: Entry) -> dict[str, int]:
        """Where each reader showing ``entry`` is, as a text offset (survives a reload)."""
        places = {}
        for reader in self.query(Reader):
            document = reader.document
            if self.entry_of(reader) is entry and document and len(document.segmentation):
                places[reader.id or ""] = document.segmentation.starts[reader.cursor]
        return places

    def document_reloaded(self, entry: Entry, places: dict[str, int]) -> None:
        """The text under an open document changed: show it again near the same place."""
        for reader in self.query(Reader):
            if self.entry_of(reader) is entry and entry.document is not None:
                offset = places.get(reader.id or "", 0)
                index = entry.document.segmentation.index_at(offset) or 0
                reader.show(entry.document, cursor=index)
        self.document_changed(entry)

    def saves_changed(self, entry: Entry | None = None) -> None:
        if entry is not None:
            self._relist_now(entry)
        self.update_status()

    @on(Reader.CursorMoved)
    def _cursor_moved(self, event: Reader.CursorMoved) -> None:
        pane = self.one("annotations", AnnotationsPane)
        if pane is None or not self.screen_stack or pane.screen is not self.screen:
            return  # late, while the app closes (or under a dialog)
        pane.postpone()
        self.show_note(event.reader)
        self.update_status()

    @on(Reader.FilterChanged)
    def _filter_changed(self, event: Reader.FilterChanged) -> None:
        self.update_status()  # "only <tag>"

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        if isinstance(focused, Reader) and focused.id != self._active:
            self._active = focused.id or "reader-1"
            entry = self.entry_of(focused)
            self.query_one(AnnotationsPane).show(entry.document if entry else None)
            self.update_status()

    def on_adjudication_screen_changed(self, event: AdjudicationScreen.Changed) -> None:
        """Named, not ``@on``: the screen's module loads only when it is first opened."""
        self.document_changed(event.entry)

    @on(DocumentList.Chosen)
    def _chosen(self, event: DocumentList.Chosen) -> None:
        reader = self.active_reader()
        self.open_in(reader, event.entry)
        reader.focus()

    @on(AnnotationsPane.AnnotationChosen)
    def _jump(self, event: AnnotationsPane.AnnotationChosen) -> None:
        reader = self.active_reader()
        entry = self.entry_of(reader)
        if entry is None or entry.document is None:
            return
        if event.annotation.anchor is Anchor.ORPHAN:
            self.ask_about_orphan(entry, event.annotation)
            return
        index = entry.document.segmentation.index_at(event.annotation.start)
        if index is not None:
            if not reader.nav.is_visible(index):
                reader.show_all()
            reader.move_to(index, center=True)
            reader.focus()

    def show_note(self, reader: Reader) -> None:
        """The cursor sentence's note, in full, under its reader (hidden when none)."""
        view = self.one(f"note-{reader.id}", NoteView)
        if view is not None:  # none at teardown
            view.show_for(reader.document, reader.cursor)

    # -- status ----------------------------------------------------------------------

    def update_status(self) -> None:
        reader = self.active_reader()
        entry = self.entry_of(reader)
        state = status_of(entry, reader, self.lock_reason(entry) if entry else "",
                          self.cursor_suggestion(reader))
        bar = self.one("status", StatusBar)
        if bar is not None:  # none while the app's screens are torn down
            bar.state = state
        self.show_why(reader)

    # -- summary, help, quit ---------------------------------------------------------

    def action_timeline(self) -> None:
        """Every listed briefing's tagged sentences by date (tui/timeline_screen.py)."""
        self.action_summary(timeline=True)

    def action_concordance(self) -> None:
        """Every listed briefing's sentences with a word (tui/concordance_screen.py)."""
        self.action_summary(concordance=True)

    def action_summary(self, write: bool = False, timeline: bool = False,
                       concordance: bool = False) -> None:
        """The summary of every listed briefing (open ones with their unsaved tags)."""
        # deferred: the summary and its exports are not needed for the first screen
        from briefing_tui.tui.summary_screen import SummaryScreen, default_summary_path

        sources: list[Document | Path] = [e.document or e.path for e in self.entries
                                          if not e.error]

        def jump(target: Place | None) -> None:
            if target is None:
                return
            entry = next((e for e in self.entries if e.path == target.path), None)
            if entry is None:
                return
            reader = self.active_reader()
            if self.entry_of(reader) is not entry:
                self.open_in(reader, entry)
            document = entry.document
            if document is not None:
                reader.show_all()
                reader.move_to(document.segmentation.index_at(target.start), center=True)
                reader.focus()

        def written(path: Path, fmt: str) -> None:
            if self.state is not None:
                self.state.summary_path, self.state.summary_format = str(path), fmt
                save_state(self.state)

        if concordance:
            from briefing_tui.tui.concordance_screen import ConcordanceScreen

            self.push_screen(ConcordanceScreen(sources, self.codebook,
                                               self.active_reader().nav.matches.query), jump)
            return
        if timeline:
            from briefing_tui.tui.timeline_screen import TimelineScreen  # its own screen

            self.push_screen(TimelineScreen(sources, self.codebook), jump)
            return
        path, fmt = default_summary_path([e.path for e in self.entries], self.state)
        self.push_screen(SummaryScreen(sources, self.codebook, path, fmt, written,
                                       write=write), jump)

    def keymap_in_use(self) -> dict[str, str]:
        return dict(self.settings.keymap)

    def every_binding(self) -> list[Binding]:
        """Every binding with an id, once: ours in help order (codebook keys included),
        then any another module added to the reader or the app."""
        ours = all_bindings(self.codebook)
        known = {b.id for b in ours}
        live = bindings_of([self.reader("reader-1")._bindings, self._bindings])
        return [*ours, *(b for b in live if b.id not in known)]

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_rows(self.every_binding(), self.keymap_in_use())))

    def take_screenshot(self) -> None:
        try:
            path = self.save_screenshot()
        except OSError as exc:
            self.notify(f"Could not save the screenshot: {exc.strerror or exc}",
                        severity="error")
            return
        self.notify(f"Screenshot saved to {path}", title="Screenshot")

    def save_place(self) -> None:
        if self.state is not None:
            self.remember_place()
            save_state(self.state)

    async def action_quit(self) -> None:
        self.save_place()
        failures, notes = self.save_all_now()
        self.exit_messages = notes
        if not failures:
            self.release_locks()
            self.exit(0)
            return
        message = ("These tags could not be saved:\n" + "\n".join(failures) +
                   "\n\nStay to fix the cause (then they are saved automatically), or quit "
                   "and lose them.")

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.exit_messages += [f"NOT SAVED: {f}" for f in failures]
                self.exit(1)

        self.push_screen(ChoiceDialog("Could not save", message,
                                      [("stay", "Stay"), ("discard", "Quit without saving")],
                                      "stay"), chosen)

    def _check_terminal(self, fd: int) -> None:
        if terminal_gone(fd) and not self._leaving:
            self.save_and_exit_on_signal()

    def save_and_exit_on_signal(self) -> None:
        self.save_place()
        failures, notes = self.save_all_now()
        self.exit_messages = notes + [f"NOT SAVED: {f}" for f in failures]
        self.release_locks()
        self.exit(1 if failures else 0)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from briefing_tui.tui.commands import REPLACED, reader_commands, screen_commands

        titles: set[str] = set()  # one entry per name: a binding and a hand-made one meet
        textual_own = [c for c in super().get_system_commands(screen) if c.title not in REPLACED]
        ours = reader_commands(self) if screen is self.screen_stack[0] else \
            screen_commands(self, screen)
        for command in [*textual_own, *ours]:
            if command.title not in titles:
                titles.add(command.title)
                yield command

