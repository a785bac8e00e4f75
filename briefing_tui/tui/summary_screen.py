"""The summary screen: what the open folder's briefings say, tag by tag, with citations.

The same summary as ``briefing export`` (core.summary), built in a worker from the open
documents (unsaved changes included) and the files not opened yet. Choosing a sentence
jumps to it in the reader; ``w`` writes the summary to a file in any export format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.brief.file import BriefFileError, set_confirmed, set_words
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document
from briefing_tui.core.export import ALL_FORMATS
from briefing_tui.core.export.common import credit, place
from briefing_tui.core.state import AppState
from briefing_tui.core.summary import Summary, SummaryItem, summary_of_documents
from briefing_tui.tui.export_dialog import ExportDialog, Written
from briefing_tui.tui.hanging import Hang, Hanging
from briefing_tui.tui.keys import SUMMARY_BINDINGS, summary_tag_bindings
from briefing_tui.tui.panes import clip, plain
from briefing_tui.tui.summary_brief import (
    FIGURES_HEADING,
    QUOTE_ROOM,
    figure_options,
    figure_prompt,
    figures_heading,
    timeline_options,
    words_options,
)

ITEM_LIMIT = 2000  # sentences listed on screen; the written export has them all
SUMMARY_NAME = "briefing-summary"


def default_summary_path(documents: Iterable[Path], state: AppState | None) -> tuple[Path, str]:
    """Where the summary goes unless the analyst says otherwise, and in which format.

    The last path used, else the current folder, else home — but never inside a folder of
    open briefings: the app's own outputs must not be listed, exported and counted as
    briefings themselves.
    """
    folders = {p.resolve().parent for p in documents}

    def outside(folder: Path) -> bool:
        folder = folder.resolve()
        return not any(folder == f or folder.is_relative_to(f) for f in folders)

    fmt = state.summary_format if state and state.summary_format in ALL_FORMATS else "md"
    if state and state.summary_path:
        remembered = Path(state.summary_path)
        if outside(remembered.parent):
            return remembered, fmt
    for folder in (Path.cwd(), Path.home()):
        if outside(folder):
            return folder / f"{SUMMARY_NAME}.{fmt}", fmt
    from briefing_tui.core.state import state_path

    return state_path().parent / f"{SUMMARY_NAME}.{fmt}", fmt


def heading(title: str, file: str, who: str) -> str:
    """A document's line over its quotes: the file name only where the title is not it."""
    credited = f"{title} ({who})" if who else title
    return f"  {credited}" if title == file else f"  {credited} — {file}"


@dataclass(frozen=True)
class Place:
    """Where the reader should go: a document and an offset in it."""

    path: Path
    start: int


class SummaryScreen(Screen[Place | None]):
    """Tagged sentences grouped by tag, then document; digits filter tags, w writes."""

    BINDINGS = SUMMARY_BINDINGS

    def __init__(self, sources: list[Document | Path], codebook: Codebook, path: Path,
                 fmt: str = "md", written: Written | None = None, *,
                 write: bool = False) -> None:
        super().__init__()
        self.sources = sources
        self.codebook = codebook
        self.path = path
        self.fmt = fmt
        self.written = written
        self.write_when_built = write
        # the codebook's keys show one tag: the same keys that tag in the reader
        self._bindings = BindingsMap.merge([self._bindings,
                                            BindingsMap(summary_tag_bindings(codebook))])
        self.tags: set[str] | None = None
        self.include_notes = True
        self.context = 0  # neighbouring sentences shown with each quote (C)
        self.about_name: str | None = None  # only the sentences naming it (P)
        self.whole: Summary | None = None  # before the place filter: the chooser's names
        self.summary: Summary | None = None
        self._targets: dict[str, SummaryItem] = {}
        self._figures: dict[str, KeyFigure] = {}
        self._events: dict[str, Event] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Summary", "bold"), id="summary-header")
        yield OptionList(id="summary-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.rebuild()

    def rebuild(self) -> None:
        self.query_one("#summary-header", Static).update(
            Content.styled("Building the summary…", "italic $text-muted"))
        self._build(self.tags, self.include_notes, self.context)

    @work(thread=True, exclusive=True, group="summary", description="build the summary")
    def _build(self, tags: set[str] | None, include_notes: bool, context: int) -> None:
        summary = summary_of_documents(self.sources, self.codebook, tags=tags,
                                       include_notes=include_notes, context=context)
        self.app.call_from_thread(self._built, summary)

    def _built(self, whole: Summary) -> None:
        from briefing_tui.core.about import about  # the export's own --about

        self.whole = whole
        self._show(about(whole, [self.about_name]) if self.about_name else whole)

    def _show(self, summary: Summary) -> None:
        self.summary = summary
        self.query_one("#summary-header", Static).update(self._header(summary))
        listing = self.query_one(OptionList)
        listing.clear_options()
        self._targets.clear()
        self._figures.clear()
        self._events.clear()
        options: list[Option] = [*words_options(summary),
                                 *figure_options(summary, self._figures),
                                 *timeline_options(summary, self.codebook, self._events)]
        shown = 0
        for tag in summary.tags:
            items = summary.items.get(tag, [])
            if not items:
                continue
            colour = self.codebook.colour(tag)
            options.append(Option(Content.assemble(
                Content.styled(f"■ {tag}", f"bold {colour}"), f"  {len(items)}"),
                disabled=True))
            current: Path | None = None
            for item in items:
                if shown >= ITEM_LIMIT:
                    break
                if item.document != current:
                    current = item.document
                    who = credit(item.citation)
                    options.append(Option(plain(heading(item.citation.title,
                                                        item.citation.file, who), "italic"),
                                          disabled=True))
                options.append(self._option(item, len(options)))
                shown += 1
        if summary.attention:
            options.append(Option(Content.styled(
                f"⚠ needs attention  {len(summary.attention)}", "bold $warning"),
                disabled=True))
            options += [self._option(item, len(options) + n)
                        for n, item in enumerate(summary.attention[:ITEM_LIMIT])]
        if shown >= ITEM_LIMIT:
            options.append(Option(Content.styled(
                f"… more than {ITEM_LIMIT} sentences: press w to write them all to a file",
                "italic $text-muted"), disabled=True))
        if not options:
            options.append(Option(Content.styled(
                "Nothing tagged yet (or nothing with the chosen tags).", "italic"),
                disabled=True))
        listing.add_options(options)
        if self.write_when_built:
            self.write_when_built = False
            self.action_write()

    def _header(self, summary: Summary) -> Content:
        parts: list[Content | str] = [
            Content.styled("Summary", "bold"),
            f"  {len(summary.documents)} document{'' if len(summary.documents) == 1 else 's'}"
            "  ·  "]
        for tag in summary.tags:
            parts += [Content.styled(f"{tag} {summary.counts.get(tag, 0)}",
                                     self.codebook.colour(tag)), "  "]
        if summary.attention:
            parts.append(Content.styled(f"· {len(summary.attention)} need attention  ",
                                        "$warning"))
        if self.tags is not None:
            parts.append(Content.styled("(filtered: f next tag, 0 all)  ", "$text-muted"))
        if not self.include_notes:
            parts.append(Content.styled("(notes hidden)  ", "$text-muted"))
        if self.about_name:
            parts.append(plain(f"(⌖ {self.about_name}: P for another)  ", "bold"))
        if self.context:
            parts.append(Content.styled(f"(context: {self.context} either side)",
                                        "$text-muted"))
        return Content.assemble(*parts)

    def _option(self, item: SummaryItem, number: int) -> Option:
        key = f"item-{number}"
        self._targets[key] = item
        where = place(item.citation) if item.citation.sentence else "orphan"
        under = Content(" " * 16)  # context and notes sit under the quote, not the citation
        lines = [Hang(under, plain(clip(text, 200), "italic $text-muted")) for text in item.before]
        quote: list[Content | str] = []
        if item.anchor in ("review", "orphan"):
            quote.append(Content.styled(f"{item.anchor} ", "bold $warning"))
        quote.append(plain(clip(item.text, QUOTE_ROOM)))
        if item.co_tags:
            quote.append(Content.styled(f"  (also: {', '.join(item.co_tags)})", "$text-muted"))
        about = self.summary.about(item) if self.summary is not None else ()
        if about:
            quote.append(plain(f"  ⌖ {', '.join(about)}", "$text-muted"))
        lines.append(Hang(Content.styled(f"    {where:<11} ", "$text-muted"),
                          Content.assemble(*quote)))
        if item.note:  # right under its quote: after the next sentence it read as that one's
            note = plain("✎ " + clip(item.note, QUOTE_ROOM), "italic $text-muted")
            lines.append(Hang(under, note))
        lines += [Hang(under, plain(clip(text, 200), "italic $text-muted")) for text in item.after]
        return Option(Hanging(lines), id=key)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        item = self._targets.get(key)
        if item is not None and item.anchor != "orphan":
            self.dismiss(Place(item.document, item.start))
        elif (figure := self._figures.get(key)) is not None:
            self.dismiss(Place(figure.path, figure.figure.start))
        elif (dated := self._events.get(key)) is not None:
            self.dismiss(Place(dated.path, dated.start))

    def action_confirm(self) -> None:
        """Confirm the highlighted figure in its folder's brief.yaml, or take it back."""
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        if self.summary is None:
            return
        key = listing.get_option_at_index(highlighted).id or "" \
            if highlighted is not None else ""
        figure = self._figures.get(key)
        if figure is None:  # nothing highlighted yet (as on opening) says so too
            self.notify("Highlight a key figure to confirm it.", severity="warning")
            return
        summary = self.summary
        checked = not summary.is_confirmed(figure)
        try:
            set_confirmed(figure.path.parent, figure, checked)
        except BriefFileError as exc:
            self.notify(f"Not confirmed: {exc}", severity="error")
            return
        for shown in {id(s): s for s in (summary, self.whole) if s is not None}.values():
            shown.confirmed = shown.confirmed | {figure.id} if checked \
                else shown.confirmed - {figure.id}  # the place filter's copy and its whole
        listing.replace_option_prompt(key, figure_prompt(summary, figure))
        listing.replace_option_prompt(FIGURES_HEADING, figures_heading(summary))
        self.notify("Figure confirmed in brief.yaml" if checked
                    else "Confirmation taken back in brief.yaml")

    def action_brief(self) -> None:
        """Edit the analyst's words in the brief.yaml this summary reads."""
        from briefing_tui.core.brief.file import BRIEF_NAME, read_brief
        from briefing_tui.core.brief.folders import common_folder
        from briefing_tui.tui.brief_dialog import BriefDialog

        if self.summary is None:
            return
        folder = common_folder(list(dict.fromkeys(
            info.path.resolve().parent for info in self.summary.documents)))
        if folder is None:
            self.notify("Open a briefing first: the brief lives in its folder.",
                        severity="warning")
            return
        try:
            brief = read_brief(folder)
        except BriefFileError as exc:
            self.notify(f"Cannot edit the brief: {exc}", severity="error")
            return

        def edited(changes: dict[str, Any] | None) -> None:
            if not changes:
                return
            try:
                set_words(folder, changes)
            except BriefFileError as exc:
                self.notify(f"Brief not saved: {exc}", severity="error")
                return
            self.notify(f"Brief saved in {folder / BRIEF_NAME}")
            self.rebuild()

        where = f"{folder.name}/{BRIEF_NAME}" if folder.name else BRIEF_NAME
        self.app.push_screen(BriefDialog(brief, [t.name for t in self.codebook], where),
                             edited)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_only(self, ident: str) -> None:
        tag = self.codebook.get(ident.removeprefix("tag_")) if ident else None
        self.tags = {tag.name} if tag is not None else None
        self.rebuild()

    def action_next_tag(self) -> None:
        """The next tag of the codebook, then all: every tag is reachable whatever its key."""
        names = [tag.name for tag in self.codebook]
        current = next(iter(self.tags)) if self.tags else None
        at = names.index(current) + 1 if current in names else 0
        self.tags = {names[at]} if at < len(names) else None
        self.rebuild()

    def action_about(self) -> None:
        """Choose a place or actor; only the sentences naming it are listed."""
        from briefing_tui.tui.about_filter import AboutChooser

        whole = self.whole
        if whole is None:
            return
        counts: dict[str, int] = {}
        for names in whole.about_of.values():
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        if not counts:
            self.notify("The tagged sentences name no known place or actor.", timeout=3)
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.about_name = name or None
                self._built(whole)

        self.app.push_screen(AboutChooser(counts, self.about_name, "tagged sentences"),
                             chosen)

    def action_context(self) -> None:
        """One neighbouring sentence either side, then two, then none."""
        self.context = (self.context + 1) % 3
        self.rebuild()

    def action_notes(self) -> None:
        self.include_notes = not self.include_notes
        self.rebuild()

    def action_write(self) -> None:
        if self.summary is None:
            return
        self.app.push_screen(ExportDialog(self.summary, self.codebook, self.path, self.fmt,
                                          self._written))

    def _written(self, path: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        if self.written is not None:
            self.written(path, fmt)
