"""Key figures: the numbers a briefing states, each with what it counts, whom, where,
when, on whose word, and the sentence it came from.

Machine-read: every figure is a reading of one sentence, marked so until an analyst
checks it. Figures on the same thing from different sources are grouped side by side
(:func:`side_by_side`), never added together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from briefing_tui.core.extract.metadata_dates import stated_date
from briefing_tui.core.figures.dates import (
    Dated,
    dateline,
    dates_in,
    of_the_report,
    opening_dateline,
    parse_reference,
    year_hint,
)
from briefing_tui.core.figures.gazetteer import Place, find_places
from briefing_tui.core.figures.rules import Count, attribution, counts_in

__all__ = ["Figure", "SentenceRef", "document_date", "figures_in", "side_by_side"]


@dataclass(frozen=True)
class SentenceRef:
    """A sentence to read: its number in the document and its text's offsets."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    value: int
    qualifier: str        # exact, min (more than, at least), approx (some, about), max (up to)
    kind: str             # killed, detained, displaced…
    who: str              # insurgents, people, IDPs… ("" when unsaid)
    place: str            # the province (adm1) it is in, or ""
    country: str          # ISO alpha-3 of the place, or ""
    date: str             # YYYY-MM-DD, or ""
    date_stated: bool     # False when the date is the document's, not the sentence's
    source: str           # "IOM" from "according to IOM", else the document's source
    document: str
    sentence: int         # the citation: sentence number in the document
    quote: str            # the sentence's text
    start: int            # the figure's words, offsets in the document
    end: int


def document_date(text: str, metadata_date: str | None) -> date | None:
    """The date relative words resolve against: the document's metadata date (which
    reads the text's own date the same way, :func:`stated_date`, when the file has none);
    with no metadata at all (None), the date the text states of itself. An analyst's ""
    (the file's date is wrong) leaves none; a month or a year alone, the text's date when
    it falls inside it."""
    known = parse_reference(metadata_date)
    if known is not None or metadata_date == "":
        return known
    found = stated_date(text)
    return found if found and found.isoformat().startswith(metadata_date or "") else None


DocumentDates = tuple[date | None, int | None, tuple[date, int, int] | None]


def document_dates(text: str, metadata_date: str | None) -> DocumentDates:
    """(reference date, year hint, dateline): what dates in ``text``'s sentences resolve by."""
    reference = document_date(text, metadata_date)
    return reference, reference.year if reference else year_hint(text), dateline(text)


def _place(places: list[Place], at: int) -> Place | None:
    """The place nearest after-or-around a figure: "X province" first, then any name."""
    if not places:
        return None
    strong = [p for p in places if p.named_province] or places
    return min(strong, key=lambda p: (abs(p.start - at), p.start))


def figures_in(text: str, sentences: Iterable[SentenceRef], *, document: str = "",
               metadata_date: str | None = None, source: str = "",
               dates: DocumentDates | None = None) -> list[Figure]:
    """The figures of the given sentences of ``text``, in document order; ``dates``:
    :func:`document_dates` of the same text and metadata date, when the caller has them
    (an export asks one sentence at a time: working them out each time was a fifth of it)."""
    reference, year, top = dates or document_dates(text, metadata_date)
    figures: list[Figure] = []
    for ref in sentences:
        sentence = text[ref.start:ref.end]
        counts = counts_in(sentence)
        if not counts:
            continue
        # a dateline opening the sentence names the city it was filed in, not the place
        cut = opening_dateline(sentence)
        if top and ref.start <= top[1] < ref.end:
            cut = max(cut, top[2] - ref.start)
        places = [p for p in find_places(sentence) if p.start >= cut]
        stated = [d for d in dates_in(sentence, reference, year=year) if d.start >= cut]
        said_by = attribution(sentence) or source
        for count in counts:
            figures.append(_figure(count, places, stated, reference, said_by, document,
                                   ref, sentence))
    return figures


def _figure(count: Count, places: list[Place], stated: list[Dated], reference: date | None,
            source: str, document: str, ref: SentenceRef, sentence: str) -> Figure:
    place = _place(places, count.start)
    today = reference.isoformat() if reference else ""
    # "Today, forces confirmed ... arrested Sunday": the event's day, not the report's;
    # of several, the one written nearest the figure ("responsible for an attack Jan. 7
    # ... detaining four insurgents ... yesterday": yesterday)
    told = [d for d in stated if d.date != today and not of_the_report(sentence, d)] or stated
    when = min(told, key=lambda d: _distance(d, count)).date if told else today
    return Figure(count.value, count.qualifier, count.kind, count.who,
                  place.entry.adm1 if place else "", place.entry.country if place else "",
                  when, bool(stated), source, document, ref.number,
                  " ".join(sentence.split()), ref.start + count.start, ref.start + count.end)


def _distance(dated: Dated, count: Count) -> int:
    if dated.end <= count.start:
        return count.start - dated.end
    return max(0, dated.start - count.end)


def side_by_side(figures: Iterable[Figure]) -> list[tuple[tuple[str, str, str, str],
                                                          list[Figure]]]:
    """Figures grouped by what they count (kind, who, place, date), each group's figures
    in source order: a table shows them next to each other and never adds them up. A
    date the sentence does not state is its document's, and says so ("2011-04-05
    (document date)"): the day of the report, not known to be the event's."""
    groups: dict[tuple[str, str, str, str], list[Figure]] = {}
    for figure in figures:
        when = figure.date if figure.date_stated or not figure.date \
            else f"{figure.date} (document date)"
        key = (figure.kind, figure.who, figure.place, when)
        groups.setdefault(key, []).append(figure)
    return [(key, sorted(group, key=lambda f: (f.source, f.document, f.sentence)))
            for key, group in groups.items()]
