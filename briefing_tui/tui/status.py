"""The status line: where the analyst is, and — always visible — whether it is all saved.

The app describes the moment as a :class:`StatusState` (plain values, frozen) and sets it
on the bar; the bar alone turns it into text. The save state sits at the right edge and
never gives way; the name, the position, the filter, the matches, the suggestion and the
tag legend are cut (with an ellipsis) to the room left, a long name first, so that the
sentence and the count stay in sight.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from briefing_tui.core.codebook import Codebook
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.panes import plain
from briefing_tui.tui.reader import Reader

if TYPE_CHECKING:  # the suggestion model loads with its first use, not at start
    from briefing_tui.core.suggest.live import Candidate


NAME_AT_LEAST = 12  # cells of the file name kept when the status line is short of room


class Saving(Enum):
    """The right edge's word on the open briefing's tags, most urgent first."""

    NOTHING = "nothing"  # no document open
    READ_ONLY = "read-only"  # the file, a lock or a finished layer forbids changes
    FAILED = "failed"  # the last save failed; it is retried
    CHANGED_ON_DISK = "changed on disk"  # the sidecar changed under us: not overwritten
    SAVING = "saving"  # a change waits for its save or the save is running
    SAVED = "saved"


@dataclass(frozen=True)
class Suggested:
    """The best suggestion on the cursor sentence and why (tui.suggesting)."""

    tag: str
    score: float
    reason: str


@dataclass(frozen=True)
class StatusState:
    """What the status line says, as values; equal states draw the same line."""

    name: str | None = None  # the open document's name; None: no document open
    sentence: int = 0  # the cursor's sentence, counted from 1
    sentences: int = 0
    splitting: int | None = None  # still being split: the share done, in per cent
    tagged: int = 0
    only: str | None = None  # the reader's tag filter
    about: str | None = None  # the reader's place or actor filter
    searching: bool = False  # a search is active: the counts below say how it went
    matches: int = 0
    match: int | None = None  # the cursor's match, counted from 1, if it is on one
    more: bool = False  # the search stopped counting: there are more matches
    suggested: Suggested | None = None
    saving: Saving = Saving.NOTHING
    why: str = ""  # why read-only, or why the save failed


def status_of(entry: Entry | None, reader: Reader, lock_reason: str = "",
              candidate: Candidate | None = None) -> StatusState:
    """The status of ``reader`` showing ``entry``; ``lock_reason`` as tui.locking says."""
    if entry is None or entry.document is None:
        return StatusState()
    document = entry.document
    split = document.segmentation
    nav = reader.nav
    splitting = None if split.complete else \
        100 * split.covered // max(1, len(document.text))
    saving, why = _saving(entry, lock_reason)
    suggested = None if candidate is None else \
        Suggested(candidate.tag, candidate.score, candidate.reason)
    return StatusState(
        name=document.name, sentence=reader.cursor + 1, sentences=len(split),
        splitting=splitting, tagged=entry.tagged, only=reader.filter_tag or None,
        about=reader.nav.about_name,
        searching=bool(nav.matches.query), matches=len(nav.matches.starts),
        match=nav.match_position(), more=nav.matches.truncated, suggested=suggested,
        saving=saving, why=why)


def _saving(entry: Entry, lock_reason: str) -> tuple[Saving, str]:
    """The save state of an open briefing and why, most urgent first."""
    document = entry.document
    assert document is not None
    reason = document.read_only_reason or lock_reason
    if reason:
        return Saving.READ_ONLY, reason
    if entry.save.error:
        return Saving.FAILED, entry.save.error
    if entry.attention.startswith("sidecar changed"):
        return Saving.CHANGED_ON_DISK, ""
    if document.dirty or entry.save.running:
        return Saving.SAVING, ""
    return Saving.SAVED, ""


class StatusBar(Static):
    """One line: where the analyst is, cut to fit, then the save state in full.

    Set :attr:`state`; the bar redraws only when the line it draws changes.
    """

    state: reactive[StatusState] = reactive(StatusState, layout=False, repaint=False,
                                            init=False)

    def __init__(self, codebook: Codebook, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codebook = codebook
        self._drawn: Content | None = None

    def watch_state(self) -> None:
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        self._redraw()

    def _redraw(self) -> None:
        right = Content.assemble(self.save_word())
        room = self.content_region.width
        parts = self.position()
        position = Content.assemble(*parts)
        left_room = room - right.cell_length - 2
        if room and self.state.name is not None and position.cell_length > left_room:
            # a long file name gives way before the sentence, the count and the filter
            rest = Content.assemble(*parts[1:])
            name = Content.assemble(parts[0]).truncate(
                max(NAME_AT_LEAST, left_room - rest.cell_length - 1), ellipsis=True)
            position = Content.assemble(name, rest)
        suggestion = Content.assemble(*self.suggestion())
        if room and position.cell_length + suggestion.cell_length > \
                room - right.cell_length - 2:
            suggestion = Content("")  # whole or not at all: the line under the reader has it
        left = Content.assemble(position, suggestion, *self.legend())
        if room:
            left = left.truncate(max(0, room - right.cell_length - 2), ellipsis=True)
            gap = max(2, room - left.cell_length - right.cell_length)
            content = Content.assemble(left, " " * gap, right)
        else:
            content = Content.assemble(left, "  ", right)
        if content != self._drawn:  # an unchanged line costs no repaint
            self._drawn = content
            self.update(content, layout=False)  # one fixed line: no relayout

    # -- the parts, left to right ----------------------------------------------------

    def position(self) -> list[Content | str]:
        """Name, sentence k/n, tagged count, the filter and the search position."""
        state = self.state
        if state.name is None:
            return [Content.styled("No document open", "bold")]
        parts: list[Content | str] = [plain(state.name, "bold"), "  "]
        if state.splitting is None:
            parts.append(f"sentence {state.sentence}/{state.sentences}")
        else:
            parts.append(f"sentence {state.sentence}  (splitting {state.splitting}%)")
        parts.append(f"  ·  {state.tagged} tagged")
        if state.only:
            parts += ["  ·  only ", Content.styled(state.only, self.codebook.colour(state.only))]
        if state.about:
            parts += ["  ·  ⌖ ", plain(state.about, "bold")]
        if state.searching:
            more = "+" if state.more else ""
            if state.match is not None:
                parts.append(f"  ·  match {state.match} of {state.matches}{more}")
            else:
                plural = "" if state.matches == 1 else "es"
                parts.append(f"  ·  {state.matches}{more} match{plural}")
        return parts

    def suggestion(self) -> list[Content | str]:
        """The best suggestion on the cursor sentence and why."""
        best = self.state.suggested
        if best is None:
            return []
        # the reason, whole, is on the line under the reader (tui.suggest_why)
        return ["  ·  suggested ", Content.styled(f"{best.tag}?", self.codebook.colour(best.tag)),
                f" {best.score:.2f}"]

    def legend(self) -> list[Content | str]:
        """The codebook's keys, after the rest (the first thing to give way)."""
        parts: list[Content | str] = ["   "]
        for tag in list(self.codebook)[:9]:
            if tag.key:
                parts += [Content.styled(f" {tag.key} ", f"bold {tag.colour}"),
                          plain(tag.name), " "]
        return parts

    def save_word(self) -> Content | str:
        """The right edge: read-only and why, NOT SAVED and why, saving…, or all saved."""
        state = self.state
        match state.saving:
            case Saving.NOTHING:
                return ""
            case Saving.READ_ONLY:
                return plain("read-only: " + state.why, "$text-warning")
            case Saving.FAILED:
                return plain(f"NOT SAVED ({state.why}); retrying", "bold $text-error")
            case Saving.CHANGED_ON_DISK:
                return plain("NOT SAVED: sidecar changed on disk", "bold $text-error")
            case Saving.SAVING:
                return Content.styled("saving…", "$text-warning")
        return Content.styled("all saved", "$text-success")
