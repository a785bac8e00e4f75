"""The words every format uses for the brief's sections: the analyst's own words (bottom
line up front, key judgments, outlook, trends), key figures and the timeline.

Figures on the same thing (what, whom, where, when) are listed together, one row per
source, never added up; each says whether an analyst has confirmed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_tui.core.brief import Event, KeyFigure, figure_words
from briefing_tui.core.figures import side_by_side
from briefing_tui.core.figures.table import MACHINE_READ
from briefing_tui.core.summary import Summary

if TYPE_CHECKING:
    from briefing_tui.core.export.frame import Frame

CONFIRMED = "confirmed"
FIGURES_INTRO = ("Read by machine from the tagged sentences: each is cited; figures on "
                 "the same thing from different sources are side by side, never added.")
TIMELINE_INTRO = "Each tagged sentence at the date it says; undated ones at the document's date."


def dated(summary: Summary) -> list[Event]:
    """The timeline's events that have a date (their own or their document's)."""
    return [e for e in summary.timeline if e.date]


def undated_line(summary: Summary) -> str:
    """Why some tagged sentences are not on the timeline ("" when all are)."""
    return undated_words(len(summary.timeline) - len(dated(summary)))


def undated_words(missing: int) -> str:
    """Why ``missing`` tagged sentences are not on the timeline ("" when none)."""
    if not missing:
        return ""
    return (f"{missing} tagged sentence{'s' if missing != 1 else ''} not on the timeline: "
            "no date with its year stated and no document date (set one with M in the reader).")


def full_stop(text: str) -> str:
    """``text`` ending with one full stop: "to 14 Oct." is not given a second one."""
    return text if text.rstrip().endswith((".", "!", "?", "…")) else f"{text}."


def status(summary: Summary, figure: KeyFigure) -> str:
    return CONFIRMED if summary.is_confirmed(figure) else MACHINE_READ


def status_of(summary: Summary | Frame, ident: str) -> str:
    """A figure's status by its id: confirmed in a brief.yaml, or machine-read."""
    return CONFIRMED if ident in summary.confirmed else MACHINE_READ


def what(kind: str, who: str, adm1: str, when: str) -> str:
    """``expelled refugees, Herat, 2026-10-12``: what a group of figures counts."""
    return ", ".join(x for x in (f"{kind} {who}".strip(), adm1, when) if x)


def grouped(summary: Summary) -> list[tuple[str, list[KeyFigure]]]:
    """(what they count, its figures in source order), first-seen order of the groups."""
    by_figure = {id(k.figure): k for k in summary.figures}
    return [(what(*key), [by_figure[id(f)] for f in group])
            for key, group in side_by_side(k.figure for k in summary.figures)]


def number(figure: KeyFigure) -> str:
    return figure_words(figure.figure)


def source(figure: KeyFigure) -> str:
    return figure.figure.source or "—"


def when(event: Event) -> str:
    """``2026-10-12``, ``2026-10-12 – 2026-10-14``, ``2026-10-14 (document date)``."""
    if not event.date:
        return "date unknown"
    day = f"{event.date} – {event.until}" if event.until else event.date
    return day if event.stated else f"{day} (document date)"


BLUF = "Bottom line up front"
JUDGMENTS = "Key judgments"
OUTLOOK = "Outlook"


def paragraphs(text: str) -> list[str]:
    """The analyst's prose as paragraphs (a blank line between them), each on one line."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def trend(summary: Summary | Frame, tag: str) -> str:
    """The analyst's trend for a theme ("deteriorated"), or ""."""
    return summary.brief.words.trends.get(tag, "")


def has_trends(summary: Summary | Frame) -> bool:
    return any(trend(summary, tag) for tag in summary.tags)
