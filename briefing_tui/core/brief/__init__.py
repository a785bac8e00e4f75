"""The brief built from tagged sentences: key figures and a timeline, each cited.

:func:`facts_of` reads one document's chosen (tagged) sentences; the summary collects the
results for every document, and every export and the summary screen show them. Figures
stay machine-read until an analyst confirms them in ``brief.yaml`` (:mod:`.file`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.core.brief.mentions import Mentions
from briefing_tui.core.brief.timeline import event_date, opening_cut
from briefing_tui.core.citation import Citation
from briefing_tui.core.figures import Figure, SentenceRef, document_dates, figures_in

__all__ = ["Chosen", "Event", "KeyFigure", "facts_of", "figure_id", "figure_words"]


@dataclass(frozen=True)
class Chosen:
    """A tagged sentence the brief reads: its offsets, citation, text and tags."""

    start: int
    end: int
    citation: Citation
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class KeyFigure:
    """A figure with where it was read, so it can be cited, jumped to and confirmed."""

    figure: Figure
    path: Path
    citation: Citation
    id: str
    words: str = ""  # the figure's words exactly as the document has them
    prefix: str = ""  # up to 32 characters around them (for a quote selector)
    suffix: str = ""


@dataclass(frozen=True)
class Event:
    """A tagged sentence on the timeline: when it says it happened (``stated``) or, when
    it does not say, the document's date; ``date`` is "" when neither is known."""

    date: str
    until: str  # the last day of a range, else ""
    stated: bool
    path: Path
    citation: Citation
    text: str
    tags: tuple[str, ...]
    start: int
    end: int
    about: tuple[str, ...] = ()  # the places and actors the sentence names


def figure_id(figure: Figure, sentence_start: int) -> str:
    """A figure's identity for confirming it: the document, the sentence's words, where in
    it the figure is and what it reads. A changed sentence asks to be checked again."""
    key = "\0".join((figure.document, figure.quote, str(figure.start - sentence_start),
                     figure.kind, figure.who, str(figure.value), figure.qualifier))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]


CONTEXT = 32  # characters of prefix and suffix, as sidecars keep them
QUALIFIER_WORDS = {"exact": "", "min": "at least ", "approx": "about ", "max": "up to "}


def figure_words(figure: Figure) -> str:
    """``at least 7,000``: the number as a brief writes it."""
    return f"{QUALIFIER_WORDS.get(figure.qualifier, '')}{figure.value:,}"


def facts_of(text: str, path: Path, chosen: Iterable[Chosen], *, metadata_date: str | None,
             source: str, mentions: Mentions | None = None,
             ) -> tuple[list[KeyFigure], list[Event]]:
    """The figures and timeline events of one document's chosen sentences (each sentence
    once, however many tags it has), in text order."""
    unique = sorted({(c.start, c.end): c for c in chosen}.values(), key=lambda c: c.start)
    if not unique:
        return [], []
    dates = document_dates(text, metadata_date)
    reference, year, top = dates
    figures: list[KeyFigure] = []
    events: list[Event] = []
    for one in unique:
        ref = SentenceRef(one.citation.sentence, one.start, one.end)
        for figure in figures_in(text, [ref], document=path.name, metadata_date=metadata_date,
                                 source=source, dates=dates):
            figures.append(KeyFigure(
                figure, path, one.citation, figure_id(figure, one.start),
                text[figure.start:figure.end], text[max(0, figure.start - CONTEXT):figure.start],
                text[figure.end:figure.end + CONTEXT]))
        cut = opening_cut(top, one.start, one.end, text[one.start:one.end])
        when, until, stated = event_date(text[one.start + cut:one.end], reference, year)
        # the dateline's city is where it was filed, not what the sentence is about
        about = mentions.in_text(text[one.start + cut:one.end]) if mentions else ()
        events.append(Event(when, until, stated, path, one.citation, one.text, one.tags,
                            one.start, one.end, about))
    return figures, events
