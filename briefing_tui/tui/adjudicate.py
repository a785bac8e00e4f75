"""The adjudication screen: two analysts' layers side by side, merged into the shared sidecar.

A thin view over :class:`briefing_tui.core.adjudication.Adjudication`: one row per sentence
either analyst tagged, coloured agree / disagree / only one, with what the shared sidecar
holds now. Agreed rows are pre-merged on opening. Each choice is one change of the shared
document (saved like any tag, undone with ``u``); the figures of ``briefing agree`` for
this document are shown above.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.adjudication import Adjudication, Choice, Kind, Row
from briefing_tui.core.agreement import Figures
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.hanging import Hang, Hanging
from briefing_tui.tui.keys import ADJUDICATE_BINDINGS
from briefing_tui.tui.panes import clip, plain

SENTENCE_ROOM = 1500  # the sentence is read whole to decide; only a runaway one is cut
_KIND_STYLE = {Kind.AGREE: "bold $success", Kind.DISAGREE: "bold $error",
               Kind.ONLY_ONE: "bold $warning"}


def _figures_line(f: Figures) -> Content:
    def num(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    agree = "–" if f.agreement is None else f"{f.agreement:.0f}%"
    parts: list[Content | str] = [
        plain(f"{f.tag:<14}", "bold"), f" n {f.n:<4} prev. {f.prevalence:>4.0%}  agree "
        f"{agree:>4}  κ {num(f.cohen):>5}  α {num(f.alpha):>5}"]
    if f.warnings:  # the gist only ("few units"); briefing agree prints them in full
        gist = f.warnings[0].split(":")[0].split(" (")[0]
        parts.append(plain(f"  ! {gist}" + (" …" if len(f.warnings) > 1 else ""),
                           "$text-warning"))
    return Content.assemble(*parts)


class AdjudicationScreen(Screen[None]):
    """Take A, take B, union or neither, row by row; ``n`` finds the next disagreement."""

    @dataclass
    class Changed(Message):
        """A choice (or its undo) changed the shared document's tags: redraw, save soon."""

        screen: AdjudicationScreen
        entry: Entry

        @property
        def control(self) -> AdjudicationScreen:
            return self.screen

    BINDINGS = ADJUDICATE_BINDINGS
    # the rows scroll in the room left under the header and the figures, which stay in
    # sight (a long list once pushed them off the top of the screen)
    DEFAULT_CSS = """
    #adjudicate-rows { height: 1fr; }
    """

    def __init__(self, work: Adjudication, entry: Entry) -> None:
        super().__init__()
        self.work = work
        self.entry = entry
        self.premerged = 0
        self.decided: set[int] = set()  # rows chosen on in this screen

    def compose(self) -> ComposeResult:
        yield Static(id="adjudicate-header")
        yield Static(id="adjudicate-figures")
        yield OptionList(id="adjudicate-rows")
        yield Footer()

    def on_mount(self) -> None:
        if not self.work.document.read_only_reason:
            self.premerged = self.work.premerge()
            if self.premerged:
                self._changed()
        figures = [_figures_line(f) for f in self.work.figures]
        self.query_one("#adjudicate-figures", Static).update(
            Content("\n").join(figures) if figures else Content("No tags in these layers."))
        rows = self.query_one(OptionList)
        rows.add_options([Option(self._prompt(row), id=str(i))
                          for i, row in enumerate(self.work.rows)])
        if not self.work.rows:
            rows.add_option(Option(Content.styled("Neither analyst tagged anything here.",
                                                  "italic $text-muted"), disabled=True))
        first = self.work.next_disagreement(-1) if self.work.rows else None
        rows.highlighted = first if first is not None else 0
        rows.focus()
        self._header()

    def _header(self) -> None:
        work = self.work
        disagree = sum(1 for row in work.rows if row.kind is not Kind.AGREE)
        undecided = sum(1 for i, row in enumerate(work.rows)
                        if row.kind is not Kind.AGREE and i not in self.decided)
        line = Content.assemble(
            plain(f"Adjudicate {clip(work.document.name, 30)}  ", "bold"),
            plain(f"A = {work.a}", "bold"), "  ", plain(f"B = {work.b}", "bold"),
            f" · {len(work.rows)} sentences, {disagree} not agreed, {undecided} undecided",
            f", {self.premerged} agreed pre-merged" if self.premerged else "")
        if work.document.read_only_reason:
            line = Content.assemble(line, "\n", plain(work.document.read_only_reason,
                                                      "$text-error"))
        self.query_one("#adjudicate-header", Static).update(line)

    def _prompt(self, row: Row) -> Hanging:
        current = self.work.current(row)
        width = max(40, (self.app.size.width or 100) - 8)  # borders and padding
        column = max(10, (width - 20) // 3)

        def tags(values: tuple[str, ...]) -> str:
            return clip(", ".join(values) if values else "—", column - 3)

        choices = Content.assemble(
            plain(f"{row.sentence + 1:>4} ", "$text-muted"),
            plain(f"{row.kind.value:<9}", _KIND_STYLE[row.kind]),
            f" A: {tags(row.a):<{column - 3}} B: {tags(row.b):<{column - 3}} ",
            plain(f"→ {tags(current)}", "bold"))
        sentence = " ".join(self.work.document.text[row.start:row.end].split())
        # the whole sentence, wrapped under itself: the choice is made on all its words
        return Hanging([Hang(Content(""), choices),
                        Hang(Content(" " * 5), plain(clip(sentence, SENTENCE_ROOM),
                                                     "$text-muted"))])

    def _refresh_rows(self) -> None:
        rows = self.query_one(OptionList)
        for i, row in enumerate(self.work.rows):
            rows.replace_option_prompt_at_index(i, self._prompt(row))
        self._header()

    def _changed(self) -> None:
        self.post_message(self.Changed(self, self.entry))

    def _row(self) -> Row | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.work.rows:
            return None
        return self.work.rows[index]

    def action_choose(self, choice: str) -> None:
        row = self._row()
        if row is None:
            return
        reason = self.work.document.read_only_reason
        if reason:
            self.notify(f"Not changed: {reason}", severity="warning", markup=False)
            return
        self.work.choose(row, Choice(choice))
        self.decided.add(self.work.rows.index(row))
        self._changed()
        self._refresh_rows()
        self.action_next()

    def action_next(self) -> None:
        """The next row not agreed and not yet decided here (else the next not agreed)."""
        rows = self.query_one(OptionList)
        at, count = rows.highlighted or 0, len(self.work.rows)
        found = next((i for i in ((at + step) % count for step in range(1, count + 1))
                      if self.work.rows[i].kind is not Kind.AGREE and i not in self.decided),
                     None) if count else None
        if found is None and count:
            found = self.work.next_disagreement(at)
        if found is not None:
            rows.highlighted = found

    def action_undo(self) -> None:
        if self.work.document.annotations.undo() is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self._changed()
        self._refresh_rows()

    def action_close(self) -> None:
        self.dismiss(None)
