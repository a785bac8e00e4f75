"""The concordance screen (K): every sentence of the listed briefings with a word or
phrase, keyword in context, cited; enter jumps to the sentence in the reader.

The same search as ``briefing concordance`` (core.concordance), run in a worker over the
open documents (unsaved tags included) and the files not opened yet.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.concordance import Concordance, Line, PhraseError, concordance
from briefing_tui.core.document import Document
from briefing_tui.core.export.common import place
from briefing_tui.tui.panes import clip, plain
from briefing_tui.tui.summary_screen import Place

SIDE = 48  # characters of context either side, at most (fewer on a narrow screen)
CITE = 30
LIMIT = 2000  # lines on screen


def _flat(text: str) -> str:
    return " ".join(text.split())


class ConcordanceScreen(Screen[Place | None]):
    """Type a word or phrase, enter; then enter on a line jumps to its sentence."""

    DEFAULT_CSS = """
    ConcordanceScreen #concordance-header { height: 1; background: $panel; padding: 0 1; }
    ConcordanceScreen #concordance-bar { height: 3; margin: 0 1; }
    ConcordanceScreen #concordance-box { width: 1fr; }
    ConcordanceScreen #concordance-tag { width: 24; }
    ConcordanceScreen #concordance-list { height: 1fr; border: none; }
    """
    BINDINGS = [Binding("escape", "close", "Back", id="concordance_close")]

    def __init__(self, sources: list[Document | Path], codebook: Codebook,
                 phrase: str = "") -> None:
        super().__init__()
        self.sources = sources
        self.codebook = codebook
        self.phrase = phrase
        self.found: Concordance | None = None
        self.lines: dict[str, Line] = {}
        self.side = SIDE  # characters of context either side in this search's rows

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Concordance", "bold"), id="concordance-header")
        with Horizontal(id="concordance-bar"):
            yield Input(self.phrase, id="concordance-box",
                        placeholder="a word or phrase (deport* for any ending), then enter")
            yield Select([(f"only {t.name}", t.name) for t in self.codebook],
                         prompt="any tag or none", id="concordance-tag")
        yield OptionList(id="concordance-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.phrase:
            self._look(self.phrase)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._look(event.value)

    @on(Select.Changed, "#concordance-tag")
    def _tag_changed(self) -> None:
        if self.query_one(Input).value.strip():
            self._look(self.query_one(Input).value)

    def _look(self, phrase: str) -> None:
        self.query_one("#concordance-header", Static).update(
            Content.styled(f"Looking for {_flat(phrase)!r}…", "italic $text-muted"))
        tag = self.query_one("#concordance-tag", Select).value
        self._search(phrase, [str(tag)] if isinstance(tag, str) else None)

    @work(thread=True, exclusive=True, group="concordance", description="concordance")
    def _search(self, phrase: str, tags: list[str] | None) -> None:
        try:
            found: Concordance | str = concordance(self.sources, phrase, tags=tags,
                                                   limit=LIMIT)
        except PhraseError as exc:
            found = str(exc)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: Concordance | str) -> None:
        header = self.query_one("#concordance-header", Static)
        listing = self.query_one(OptionList)
        listing.clear_options()
        self.lines.clear()
        if isinstance(found, str):
            header.update(plain(f"Concordance: {found}", "$text-warning"))
            return
        self.found = found
        documents = len({line.path for line in found.lines})
        more = f" (+{found.more} not listed)" if found.more else ""
        header.update(Content.assemble(
            Content.styled("Concordance", "bold"),
            plain(f"  {_flat(found.phrase)!r}: {len(found.lines)}{more} in {documents} of "
                  f"{found.documents} documents  ·  enter jumps  ·  escape goes back")))
        # one context width for every row, so the words stay in one column whatever tags
        # each row has (a row's own width moved the words of a tagged row left)
        room = max((len(_flat(line.words)) + sum(len(t) + 2 for t in line.tags)
                    for line in found.lines), default=0)
        self.side = max(8, min(SIDE, (self.app.size.width - CITE - room - 10) // 2))
        options = [self._option(line) for line in found.lines]
        if not options:
            options.append(Option(Content.styled("Not found.", "italic"), disabled=True))
        listing.add_options(options)
        if found.lines:
            listing.focus()
            listing.highlighted = 0

    def _option(self, line: Line) -> Option:
        key = f"line-{len(self.lines)}"
        self.lines[key] = line
        left, right, words = _flat(line.left), _flat(line.right), _flat(line.words)
        side = self.side  # one row per line: the words in one column (see _show)
        left = ("…" + left[-(side - 1):]) if len(left) > side else left
        cite = f"{clip(line.citation.file, CITE - 12)} {place(line.citation)}"
        parts: list[Content | str] = [
            Content.styled(f"{clip(cite, CITE):<{CITE}} ", "$text-muted"),
            plain(f"{left + line.gap_before if left else '':>{side + 1}}"),
            plain(words, "bold reverse"),
            plain(f"{line.gap_after if right else ''}{clip(right, side)}")]
        parts += [Content.styled(f"  {tag}", self.codebook.colour(tag)) for tag in line.tags]
        return Option(Content.assemble(*parts), id=key)

    @on(OptionList.OptionSelected)
    def _chosen(self, selected: OptionList.OptionSelected) -> None:
        line = self.lines.get(selected.option.id or "")
        if line is not None:
            self.dismiss(Place(line.path, line.offset))

    def action_close(self) -> None:
        self.dismiss(None)
