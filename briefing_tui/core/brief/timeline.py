"""When a tagged sentence says its event happened, for the brief's timeline.

The sentence's own date wins (an explicit date, a weekday, "yesterday", "last week", a
range); a date equal to the document's is kept only when nothing else is said ("Today,
forces confirmed ... arrested Sunday" is Sunday's event). A sentence that states no date
keeps the document's date, marked as not stated, so nobody reads it as the event's day.
"""

from __future__ import annotations

from datetime import date

from briefing_tui.core.figures.dates import dates_in, of_the_report, opening_dateline


def opening_cut(top: tuple[date, int, int] | None, start: int, end: int,
                sentence: str = "") -> int:
    """How much of a sentence a dateline takes ("KABUL, Afghanistan (Oct. 3, 2012) —"):
    its date is the filing date, not the event's; the document's own (``top``), or one
    opening ``sentence`` further down."""
    if top and start <= top[1] < end:
        return max(0, top[2] - start)
    return opening_dateline(sentence)


def event_date(sentence: str, reference: date | None, year: int | None = None,
               ) -> tuple[str, str, bool]:
    """(first day, last day of a range or "", stated) of the sentence's event; ``year``
    dates "June 25" in a document without a date of its own."""
    today = reference.isoformat() if reference else ""
    found = dates_in(sentence, reference, year=year)
    told = [d for d in found if (d.date != today or d.until)
            and not of_the_report(sentence, d)] or found
    if told:
        return told[0].date, told[0].until, True
    return today, "", False
