"""The status line: where the analyst is, and — always visible — whether it is all saved.

The save state sits at the right edge and never gives way; the name, the position, the
filter, the matches and the tag legend are cut (with an ellipsis) to the room left.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.codebook import Codebook
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.panes import plain
from briefing_tui.tui.reader import Reader


class StatusBar(Static):
    """One line: ``left`` cut to fit, then ``right`` (the save state) in full."""

    _shown: Content | None = None
    _parts: tuple[Content, Content] = (Content(""), Content(""))

    def show(self, left: Iterable[Content | str], right: Content | str = "") -> None:
        self._parts = (Content.assemble(*left), Content.assemble(right))
        self._redraw()

    def _redraw(self) -> None:
        left, right = self._parts
        room = self.content_region.width
        if room:
            left = left.truncate(max(0, room - right.cell_length - 2), ellipsis=True)
            gap = max(2, room - left.cell_length - right.cell_length)
            content = Content.assemble(left, " " * gap, right)
        else:
            content = Content.assemble(left, "  ", right)
        if content != self._shown:  # an unchanged line costs no repaint
            self._shown = content
            self.update(content, layout=False)  # one fixed line: no relayout

    def on_resize(self, event: events.Resize) -> None:
        self._redraw()


def position_parts(entry: Entry | None, reader: Reader,
                   codebook: Codebook) -> list[Content | str]:
    """Name, sentence k/n, tagged count, the filter and the search position."""
    if entry is None or entry.document is None:
        return [Content.styled("No document open", "bold")]
    document = entry.document
    split = document.segmentation
    parts: list[Content | str] = [plain(document.name, "bold"), "  "]
    if split.complete:
        parts.append(f"sentence {reader.cursor + 1}/{len(split)}")
    else:
        share = 100 * split.covered // max(1, len(document.text))
        parts.append(f"sentence {reader.cursor + 1}  (splitting {share}%)")
    parts.append(f"  ·  {entry.tagged} tagged")
    nav = reader.nav
    if nav.filter_tag:
        parts += ["  ·  only ", Content.styled(nav.filter_tag, codebook.colour(nav.filter_tag))]
    if nav.matches.query:
        hits = len(nav.matches.starts)
        where = nav.match_position()
        more = "+" if nav.matches.truncated else ""
        if where is not None:
            parts.append(f"  ·  match {where} of {hits}{more}")
        else:
            parts.append(f"  ·  {hits}{more} match{'' if hits == 1 else 'es'}")
    return parts


def legend(codebook: Codebook) -> list[Content | str]:
    """The codebook's keys, after the rest (the first thing to give way)."""
    parts: list[Content | str] = ["   "]
    for tag in list(codebook)[:9]:
        if tag.key:
            parts += [Content.styled(f" {tag.key} ", f"bold {tag.colour}"), plain(tag.name), " "]
    return parts


def save_text(entry: Entry, lock_reason: str = "") -> Content | str:
    """The right edge: read-only and why, NOT SAVED and why, saving…, or all saved."""
    document = entry.document
    if document is None:
        return ""
    reason = document.read_only_reason or lock_reason
    if reason:
        return plain("read-only: " + reason, "$text-warning")
    state = entry.save
    if state.error:
        return plain(f"NOT SAVED ({state.error}); retrying", "bold $text-error")
    if entry.attention.startswith("sidecar changed"):
        return plain("NOT SAVED: sidecar changed on disk", "bold $text-error")
    if document.dirty or state.running:
        return Content.styled("saving…", "$text-warning")
    return Content.styled("all saved", "$text-success")
