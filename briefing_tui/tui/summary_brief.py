"""The brief's blocks at the top of the summary screen: key figures, then the timeline.

Each figure row is cited and says whether it has been checked; ``c`` on a highlighted
figure confirms it (or takes the confirmation back) in the folder's ``brief.yaml``
(core.brief.file). Enter on a figure or a timeline row jumps to its sentence.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export.brief_parts import (
    BLUF,
    JUDGMENTS,
    OUTLOOK,
    dated,
    grouped,
    number,
    undated_line,
    when,
)
from briefing_tui.core.export.common import place
from briefing_tui.core.summary import Summary
from briefing_tui.tui.hanging import Hang, Hanging
from briefing_tui.tui.panes import clip, plain

FIGURE_PREFIX = "figure-"
EVENT_PREFIX = "event-"
FIGURES_HEADING = "figures-heading"
EVENT_LIMIT = 500  # timeline rows on screen; the written export has them all
# A quote or note on screen is shown whole (the analyst reads it there); only a runaway
# "sentence" (a table or a list read as one) is cut, so that one entry cannot fill pages.
QUOTE_ROOM = 1500


def words_options(summary: Summary) -> list[Option]:
    """The analyst's own words (brief.yaml) at the very top; b edits them."""
    words = summary.brief.words
    head = Hanging([Hang(Content.styled("■ The brief  ", "bold"), Content.styled(
        "· b edits the title, period, bottom line, judgments, outlook and trends",
        "$text-muted"))])
    options = [Option(head, disabled=True)]
    if summary.brief.title or summary.brief.period:
        options.append(Option(plain("    " + " · ".join(
            x for x in (summary.brief.title, summary.brief.period) if x), "bold"),
            disabled=True))
    rows = [(BLUF, words.bottom_line), *((f"{JUDGMENTS} {n}", j) for n, j in
                                         enumerate(words.judgments, 1)),
            (OUTLOOK, words.outlook)]
    for label, text in rows:
        if text:
            options.append(Option(Hanging([Hang(
                Content.styled(f"    {label}: ", "$text-muted"),
                plain(clip(" ".join(text.split()), 300)))]), disabled=True))
    trends = [f"{tag} {words.trends[tag]}" for tag in summary.tags if tag in words.trends]
    if trends:
        options.append(Option(Content.assemble(Content.styled("    Trends: ", "$text-muted"),
                                               plain(" · ".join(trends))), disabled=True))
    if len(options) == 1:
        options.append(Option(Content.styled("    Nothing written yet.", "italic $text-muted"),
                              disabled=True))
    return options


def figure_prompt(summary: Summary, figure: KeyFigure) -> Content:
    """One figure: the number, its source, where it is cited and whether it is checked."""
    checked = summary.is_confirmed(figure)
    mark = Content.styled("✓ confirmed    ", "$success") if checked else \
        Content.styled("? machine-read ", "bold $warning")
    by = figure.figure.source or "—"
    # narrow enough that a figure is one row at 80 columns (the file name is last)
    return Content.assemble(
        "    ", mark, Content.styled(f"{number(figure):>14}", "bold"), "  ",
        plain(f"{clip(by, 18):<18}"),
        Content.styled(f"  {place(figure.citation)}  ", "$text-muted"),
        plain(clip(figure.citation.file, 40), "italic $text-muted"))


def figures_heading(summary: Summary) -> Hanging:
    """The block's heading; its gloss wraps under itself, as the brief's does."""
    unchecked = sum(not summary.is_confirmed(f) for f in summary.figures)
    return Hanging([Hang(Content.assemble(Content.styled("■ Key figures", "bold"),
                                          f"  {len(summary.figures)}  "),
                         Content.styled(f"· {unchecked} to check (c confirms) · sources "
                                        "side by side, never added", "$text-muted"))])


def figure_options(summary: Summary, figures: dict[str, KeyFigure]) -> list[Option]:
    """The Key figures block; ``figures`` is filled with option id → figure."""
    if not summary.figures:
        return []
    options = [Option(figures_heading(summary), id=FIGURES_HEADING, disabled=True)]
    for label, group in grouped(summary):
        options.append(Option(plain(f"  {label}", "italic"), disabled=True))
        for figure in group:
            key = f"{FIGURE_PREFIX}{len(figures)}"
            figures[key] = figure
            options.append(Option(figure_prompt(summary, figure), id=key))
    return options


def event_prompt(event: Event, codebook: Codebook) -> Hanging:
    """A timeline row: the day and citation, then the sentence wrapped beside them."""
    day = when(event)
    style = "bold" if event.stated else "$text-muted"
    label = Content.assemble(Content.styled(f"    {day:<27}", style),
                             Content.styled(f"{place(event.citation):<11} ", "$text-muted"))
    parts: list[Content | str] = [plain(clip(event.text, QUOTE_ROOM))]
    for tag in event.tags:
        parts.append(Content.styled(f"  {tag}", codebook.colour(tag)))
    if event.about:
        parts.append(plain(f"  ⌖ {', '.join(event.about)}", "$text-muted"))
    # whose ¶ and s. these are: the rows of one day come from many documents
    parts.append(plain(f"  {clip(event.citation.file, 40)}", "$text-muted"))
    return Hanging([Hang(label, Content.assemble(*parts))])


def timeline_options(summary: Summary, codebook: Codebook,
                     events: dict[str, Event]) -> list[Option]:
    """The Timeline block (dated events); ``events`` is filled with option id → event."""
    on_it = dated(summary)
    note = undated_line(summary)
    if not on_it:
        return [Option(plain(note, "italic $text-muted"), disabled=True)] if note else []
    options = [Option(Content.assemble(Content.styled("■ Timeline", "bold"),
                                       f"  {len(on_it)}"), disabled=True)]
    for event in on_it[:EVENT_LIMIT]:
        key = f"{EVENT_PREFIX}{len(events)}"
        events[key] = event
        options.append(Option(event_prompt(event, codebook), id=key))
    if note:
        options.append(Option(plain(f"    {note}", "italic $text-muted"), disabled=True))
    return options
