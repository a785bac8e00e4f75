"""What every part of the app shares: its state, declared and created once, and its hooks.

:class:`~briefing_tui.tui.app.BriefingApp` is assembled from parts, one idea each
(:mod:`.actions` the reader's keys, :mod:`.loading` opening, :mod:`.saving` autosave,
:mod:`.locking` two apps on one briefing, :mod:`.team`, :mod:`.searching`,
:mod:`.switching`, :mod:`.fixing`). Each part derives from :class:`AppBase`, so the
attributes below exist from ``__init__`` on, and a part calls another only through a hook
declared here. The hooks are abstract to the type checker alone: mypy checks every call
against one signature and refuses to instantiate an app that lacks one (``make test``
runs mypy), and at run time there is no stub to fall back on by accident.

Per-briefing state (its document, save state, lock) is on the :class:`Entry`, not here.
"""

from __future__ import annotations

import signal
from abc import abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.widget import Widget

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.settings import Settings
from briefing_tui.core.state import AppState
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.reader import Reader

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing_tui.core.suggest.live import DocumentSuggestions
    from briefing_tui.core.suggest.rules import HitCache

READERS = ("reader-1", "reader-2")
RETRAIN_DELAY = 1.5  # seconds after the last tag change before suggestions retrain
W = TypeVar("W", bound=Widget)


class AppBase(App[int]):
    """The app's shared state and the hooks its parts call on one another."""

    def __init__(self, entries: list[Entry], codebook: Codebook | None = None,
                 settings: Settings | None = None, state: AppState | None = None) -> None:
        super().__init__()
        self.entries = entries
        self.codebook = codebook or Codebook()
        self.settings = settings or Settings()
        self.state = state  # None: remember nothing (tests, scripts)
        self.analyst = ""  # who signs the changes (set before run; tui.team)
        self.layer_mode = False  # open the analyst's own layers (blind coding; tui.team)
        self._active = READERS[0]
        self._in_reader: dict[str, Entry | None] = dict.fromkeys(READERS)  # by reader id
        self._extracting: set[Path] = set()  # files whose text a worker is extracting
        self._lock_told: set[Path] = set()  # folders already told they cannot be locked
        self._signals: list[signal.Signals] = []
        self._leaving = False  # exit() was called: later keys do nothing
        self.exit_messages: list[str] = []
        # suggestions (tui.suggesting): the last results per document, shown unless hidden
        self.suggestions_hidden = False
        self.suggest_delay = RETRAIN_DELAY  # seconds after the last tag change
        self._suggested: dict[Path, DocumentSuggestions] = {}
        self._suggest_timer: Timer | None = None
        self._suggest_asked = 0  # the newest request; results of older ones are dropped
        self._suggest_trained_on: tuple[tuple[Path, int, int], ...] = ()
        # the open documents' rule hits, kept across retrains; made by the first retrain
        # (tui.suggesting), so the suggestion model is not loaded for the first screen
        self._rule_hits: HitCache | None = None
        self._found: dict[str, Widget] = {}  # the main screen's widgets by id (:meth:`one`)
        self._relist: dict[int, Entry] = {}  # Documents pane rows to redo soon (tui.relisting)
        self._relist_timer: Timer | None = None

    # -- lookups every part uses --------------------------------------------------------

    def one(self, ident: str, kind: type[W]) -> W | None:
        """The main screen's widget ``#ident``, looked up once: a CSS query walks the
        whole DOM (a few ms of every key at 10 MB). None while it is not mounted (before
        compose, at teardown)."""
        found = self._found.get(ident)
        if found is None or not found.is_attached:
            found = next(iter(self.query(f"#{ident}").results(kind)), None)
            if found is None:
                self._found.pop(ident, None)
                return None
            self._found[ident] = found
        assert isinstance(found, kind)
        return found

    def reader(self, ident: str) -> Reader:
        found = self.one(ident, Reader)
        return found if found is not None else self.query_one(f"#{ident}", Reader)

    def readers(self) -> list[Reader]:
        """Both readers (the second one hidden unless split), none at teardown."""
        return [r for r in (self.one(ident, Reader) for ident in READERS) if r is not None]

    def active_reader(self) -> Reader:
        """The reader last focused: keys and commands act on it."""
        return self.reader(self._active)

    def entry_of(self, reader: Reader) -> Entry | None:
        """The briefing a reader shows (or is extracting), if any."""
        return self._in_reader.get(reader.id or "")

    def active_entry(self) -> Entry | None:
        return self.entry_of(self.active_reader())

    def opened_entries(self) -> list[Entry]:
        """The listed briefings that have an open document."""
        return [e for e in self.entries if e.document is not None]

    # -- hooks: one part calls, another implements (checked by mypy only) ---------------

    if TYPE_CHECKING:
        @abstractmethod
        def document_changed(self, entry: Entry, save: bool = True,
                             sentence: int | None = None) -> None:
            """Tags changed: redraw, recount, save soon (tui.app)."""

        @abstractmethod
        def sentences_changed(self, entry: Entry) -> None:
            """The sentence split changed (a join, a split): show it again (tui.fixing)."""

        @abstractmethod
        def saves_changed(self, entry: Entry | None = None) -> None:
            """A save started, ended or failed: the list and status line say so (tui.app)."""

        @abstractmethod
        def cursor_offsets(self, entry: Entry) -> dict[str, int]:
            """Each reader's place in ``entry`` as a text offset (tui.app)."""

        @abstractmethod
        def document_reloaded(self, entry: Entry, places: dict[str, int]) -> None:
            """The text changed under ``entry``: show it again near ``places`` (tui.app)."""

        @abstractmethod
        def open_in(self, reader: Reader, entry: Entry) -> None:
            """Show ``entry`` in ``reader``, opening it first when needed (tui.loading)."""

        @abstractmethod
        def refresh_layers(self, entry: Entry, own: str = "") -> None:
            """The Documents pane's line of analysts' layers (tui.team)."""

        @abstractmethod
        def update_status(self) -> None:
            """Redraw the status line (tui.app)."""

        @abstractmethod
        def may_save(self, entry: Entry) -> bool:
            """False while another app holds the briefing's lock (tui.app, over tui.locking)."""

        @abstractmethod
        def edit_refused(self, entry: Entry) -> bool:
            """True, having said why, when a part forbids changing ``entry``'s tags now:
            a finished layer, another app's lock (tui.app, over tui.team and tui.locking)."""
