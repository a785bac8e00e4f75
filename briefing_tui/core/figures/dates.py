"""When a sentence says a thing happened: explicit dates, and words relative to the
document's date ("yesterday", "Sunday", "last night", "overnight", "two days ago", "the
day before yesterday").

Relative words need a reference date; without one they resolve to nothing rather than to
a guess. A weekday means the latest such day on or before the reference, as press releases
use it ("an operation ... Sunday" in a Tuesday release is two days before); "last night"
and "overnight" are the day before, when the night began. A date that dates an
announcement ("yesterday confirmed the arrest ... Oct. 19") is not the event's
(:func:`of_the_report`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from briefing_tui.core.extract.metadata_dates import (
    DATELINE,
    EXPLICIT,
    dateline,
    headline_date,
    month_number,
    year_hint,
)
from briefing_tui.core.extract.metadata_dates import DAY_PART as _DAY
from briefing_tui.core.extract.metadata_dates import MONTH_PART as _MONTH
from briefing_tui.core.extract.metadata_dates import YEAR_PART as _YEAR
from briefing_tui.core.figures.first_words import first_words, may_name
from briefing_tui.core.figures.rules import NOUN_KIND
from briefing_tui.core.metadata import MONTHS

__all__ = ["DATELINE", "EXPLICIT", "MONTHS", "Dated", "dateline", "dates_in",
           "headline_date", "of_the_report", "opening_dateline", "parse_reference",
           "year_hint"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TO = r"\s*(?:-|\u2013|\u2014|to|and|until|through)\s*"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
RANGES = [
    re.compile(rf"\b(?:between\s+|from\s+)?{_DAY}{_TO}{_DAY2}\s+{_MONTH}(?:,?\s+{_YEAR})?\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:between\s+|from\s+)?{_MONTH}\s+{_DAY}{_TO}{_DAY2}\b(?!\s*,?\s*"
               rf"(?:people|insurgents|civilians))(?:,?\s+{_YEAR})?", re.IGNORECASE),
]
LAST_WEEK = re.compile(r"\blast week\b", re.IGNORECASE)
# "over the weekend", "last weekend": the Saturday and Sunday on or before the reference.
WEEKEND = re.compile(r"\b(?:(?:over|during|at|on)\s+the|this|last)\s+weekend\b", re.IGNORECASE)
# A possessive names another event ("Tuesday's attack", "yesterday's blast"): not a date
# of this one; but one owned by a noun of a figure's own event ("yesterday's capture of a
# Taliban officer") dates that figure.
_EVENT_NOUN = "|".join(sorted(NOUN_KIND, key=len, reverse=True))
_NOT_OWNED = rf"(?!['\u2019]s\b(?!\s+(?:{_EVENT_NOUN})\b))"
RELATIVE = re.compile(
    r"\b(?P<word>(?:the\s+)?day\s+before\s+yesterday|(?:two|three|four|five|six|\d)\s+days?"
    r"\s+ago|yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|overnight|"
    r"(?:early |late )?(?:on )?(?:" + "|".join(WEEKDAYS) + r"))\b" + _NOT_OWNED,
    re.IGNORECASE)
# "during the past two days": from that many days before the reference, up to the day before.
PAST_DAYS = re.compile(r"\b(?:the\s+)?(?:past|last)\s+(?P<count>two|three|four|five|six|"
                       r"seven|\d)\s+days\b", re.IGNORECASE)
# "over the past 24 hours": the day's report, dated the reference day (as coders of press
# releases date it); 48 or 72 hours start one or two days before it.
PAST_HOURS = re.compile(r"\b(?:the\s+)?(?:past|last)\s+(?P<hours>24|48|72)\s+hours\b",
                        re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# Every pattern of EXPLICIT and RANGES needs a digit, and all but the ISO one a month
# written as a whole word: without them they need not be tried.
DIGIT = re.compile(r"\d")
MONTH_WORDS = first_words(MONTHS)


@dataclass(frozen=True)
class Dated:
    date: str        # YYYY-MM-DD
    start: int       # the words that said it, offsets in the searched text
    end: int
    relative: bool   # resolved against the reference date
    until: str = ""  # the last day of a range ("3-5 March", "last week"), else ""


def _explicit(text: str, reference: date | None, hint: int | None = None) -> list[Dated]:
    found: list[Dated] = []
    if not DIGIT.search(text):
        return found
    for pattern in EXPLICIT if may_name(text, MONTH_WORDS) else EXPLICIT[:1]:
        for match in pattern.finditer(text):
            year_text = match.group("year")
            year = int(year_text) if year_text else (reference.year if reference else hint)
            if year is None:
                continue
            try:
                day = date(year, month_number(match.group("month")), int(match.group("day")))
            except ValueError:
                continue
            if not year_text and reference and day > reference + timedelta(days=1):
                day = day.replace(year=year - 1)  # "Dec. 30" in a January release
            found.append(Dated(day.isoformat(), match.start(), match.end(), False))
    return found


def _relative(text: str, reference: date) -> list[Dated]:
    found: list[Dated] = []
    for match in RELATIVE.finditer(text):
        word = " ".join(match.group("word").lower().split())
        if word.endswith("day before yesterday"):
            day = reference - timedelta(days=2)
        elif word.endswith(" ago"):
            count = word.split()[0]
            day = reference - timedelta(days=_COUNTS.get(count) or int(count))
        elif word.startswith(("yesterday", "last night", "overnight")):
            day = reference - timedelta(days=1)
        elif word in ("today", "tonight") or word.startswith("this "):
            day = reference
        else:
            weekday = WEEKDAYS.index(word.split()[-1])
            day = reference - timedelta(days=(reference.weekday() - weekday) % 7)
        found.append(Dated(day.isoformat(), match.start(), match.end(), True))
    return found


def _ranges(text: str, reference: date | None, hint: int | None = None) -> list[Dated]:
    """Spans of days: "3-5 March", "March 3 to 5", "between 1 and 4 May", "last week"."""
    found: list[Dated] = []
    for pattern in RANGES if DIGIT.search(text) and may_name(text, MONTH_WORDS) else ():
        for match in pattern.finditer(text):
            year_text = match.group("year")
            year = int(year_text) if year_text else (reference.year if reference else hint)
            if year is None:
                continue
            try:
                month = month_number(match.group("month"))
                first = date(year, month, int(match.group("day")))
                last = date(year, month, int(match.group("day2")))
            except ValueError:
                continue
            if last <= first:
                continue
            if not year_text and reference and first > reference + timedelta(days=1):
                first, last = first.replace(year=year - 1), last.replace(year=year - 1)
            found.append(Dated(first.isoformat(), match.start(), match.end(), False,
                               last.isoformat()))
    if reference is not None:
        for match in PAST_DAYS.finditer(text):
            word = match.group("count").lower()
            days = _COUNTS.get(word) or int(word)
            found.append(Dated((reference - timedelta(days=days)).isoformat(), match.start(),
                               match.end(), True,
                               (reference - timedelta(days=1)).isoformat()))
        for match in PAST_HOURS.finditer(text):
            days = int(match.group("hours")) // 24 - 1
            found.append(Dated((reference - timedelta(days=days)).isoformat(), match.start(),
                               match.end(), True, reference.isoformat() if days else ""))
        for match in LAST_WEEK.finditer(text):
            monday = reference - timedelta(days=reference.weekday() + 7)
            found.append(Dated(monday.isoformat(), match.start(), match.end(), True,
                               (monday + timedelta(days=6)).isoformat()))
        for match in WEEKEND.finditer(text):
            saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
            sunday = min(saturday + timedelta(days=1), reference)
            found.append(Dated(saturday.isoformat(), match.start(), match.end(), True,
                               sunday.isoformat() if sunday > saturday else ""))
    return found


def _free(found: list[Dated], more: list[Dated]) -> list[Dated]:
    taken = [(d.start, d.end) for d in found]
    return found + [d for d in more if not any(s < d.end and d.start < e for s, e in taken)]


def dates_in(text: str, reference: date | None, *, year: int | None = None) -> list[Dated]:
    """Every date ``text`` states, in order of where it is written; a range is one date
    (its first day, with ``until`` its last), never two. ``year`` (:func:`year_hint`)
    dates "June 25" when there is no reference date; relative words still need one."""
    found = _free(_ranges(text, reference, year), _explicit(text, reference, year))
    if reference is not None:
        found = _free(found, _relative(text, reference))
        # "overnight" says the night, not which: beside a day ("an overnight operation
        # ... Monday") it is that day's night, and the day is the date
        days = [d for d in found if text[d.start:d.end].lower() != "overnight"]
        found = days or found
    return sorted(found, key=lambda d: d.start)


# "forces yesterday confirmed the arrest ... Oct. 19", "ISAF announced Monday": the day of
# the announcement, not of what it announces.
_SAYS = r"(?:confirmed|announced|reported|said|stated|disclosed|revealed)"
SAYS_AFTER = re.compile(rf"[^\S\n]*(?:that[^\S\n]+)?{_SAYS}\b", re.IGNORECASE)
SAYS_BEFORE = re.compile(rf"\b{_SAYS}[^\S\n]*$", re.IGNORECASE)


def of_the_report(text: str, dated: Dated) -> bool:
    """True when ``dated`` dates a reporting verb ("yesterday confirmed", "announced
    Monday") rather than the event the sentence reports."""
    return bool(SAYS_AFTER.match(text, dated.end)
                or SAYS_BEFORE.search(text, max(0, dated.start - 20), dated.start))


def opening_dateline(sentence: str) -> int:
    """How much of ``sentence`` a dateline opening it takes (a release that quotes another
    starts it again: "KABUL, Afghanistan (Jan. 30, 2011) — ..."), 0 when none."""
    start = len(sentence) - len(sentence.lstrip())
    match = DATELINE.match(sentence, start)
    return match.end() if match else 0


def parse_reference(value: str | None) -> date | None:
    """A document date as metadata stores it (YYYY-MM-DD; YYYY-MM or YYYY are too vague)."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None
