"""The date a document states of itself, read one way for its metadata and its figures.

A press release's dateline (``KABUL, Afghanistan (Oct. 3, 2012) —``, ``(June 14)`` under
a release number ``2012-06-S-026``), a headline that opens with its day (``Dec. 6:
Operations in Laghman``), a title line that ends with the date of the issue (``ISAF Joint
Command Morning Operational Update, Feb. 21, 2011``, ``Situation Report No. 5 — 23
October 2025``), or a short dated line near the top. The metadata's date and the date
the figures' "yesterday" resolves against are this one reading, so a figure dated "(document
date)" is dated by the date the document's metadata shows.
"""

from __future__ import annotations

import re
from datetime import date

from briefing_tui.core.metadata import MONTHS, parse_date

MONTH_PART = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY_PART = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR_PART = r"(?P<year>(?:19|20)\d\d)"
# A written date: ISO, "Oct. 3, 2012" / "June 14", "3 October 2012" (the year optional).
EXPLICIT = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{MONTH_PART}\s+{DAY_PART}(?:,?\s+{YEAR_PART})?\b", re.IGNORECASE),
    re.compile(rf"\b{DAY_PART}\s+{MONTH_PART}(?:,?\s+{YEAR_PART})?\b", re.IGNORECASE),
]
# "KABUL, Afghanistan (Oct. 3, 2012) —": a place in capitals (or "Kabul"), a country (a
# comma or dash may follow it: "KABUL, Afghanistan, (Oct. 3)"), a date in brackets; or a
# place in capitals alone, when a dash follows ("KABUL (Oct. 3) —").
DATELINE = re.compile(
    r"\b[A-Z](?:[A-Z .'\u2019-]{2,}|[a-z]+(?: [A-Z][a-z]+)?),\s+[A-Z][A-Za-z ]+\s*"
    r"(?:[,\u2013\u2014-][^\S\n]*)?\((?P<date>[^()\n]{6,40})\)\s*[-\u2013\u2014:]*")
BARE_DATELINE = re.compile(
    r"^[^\S\n]*[A-Z][A-Z .'\u2019-]{1,40}[^\S\n]*\((?P<date>[^()\n]{6,40})\)[^\S\n]*"
    r"[-\u2013\u2014]", re.MULTILINE)
YEAR_ABOVE = re.compile(r"\b((?:19|20)\d\d)\b")
# "Dec. 6: Operations Conducted in Laghman": a headline that opens with the day it reports.
HEADLINE = re.compile(rf"\A\s*{MONTH_PART}\s+{DAY_PART}(?:,?\s+{YEAR_PART})?\s*:", re.IGNORECASE)
# "ISAF Joint Command Evening Operational Update June 13, 2011", "Flash Update 3 - 26 Oct
# 2025": a title line that ends with the full date of the issue.
TITLE_DATE = re.compile(rf"(?:\s|[,\u2013\u2014-])\s*(?:{MONTH_PART}\s+{DAY_PART},?\s+{YEAR_PART}|"
                        rf"(?P<day2>[0-3]?\d)\s+(?P<month2>[A-Za-z]+)\.?,?\s+(?P<year2>"
                        rf"(?:19|20)\d\d))[^\S\n]*$", re.IGNORECASE)
# "... detained on June 13, 2011": a sentence's event, not the date ("as of" is).
PREPOSITIONS = frozenset(("on", "since", "until", "from", "by", "of", "in", "before",
                          "after", "between", "and"))
# "2011-07-S-003", "2010-10-CA-127": a release number, its year and month first.
RELEASE_NUMBER = re.compile(r"\b((?:19|20)\d\d)-([01]\d)-[A-Z]{1,3}-\d{2,4}\b")
HEAD = 2000       # how far from the top a dateline or a release number is looked for
TOP_LINES = 8     # how many lines from the top may carry the date
SHORT_LINE = 40   # a line that short holding a date is the date of the document


def month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def written_date(text: str, year: int | None = None) -> date | None:
    """The first date ``text`` writes, its year from the text, else ``year``."""
    for pattern in EXPLICIT:
        for match in pattern.finditer(text):
            stated = match.group("year")
            if not stated and year is None:
                continue
            try:
                return date(int(stated) if stated else year or 0,
                            month_number(match.group("month")), int(match.group("day")))
            except ValueError:
                continue
    return None


def dateline(text: str) -> tuple[date, int, int] | None:
    """The date of a press-release dateline near the top, and where the dateline is."""
    head = text[:HEAD]
    matches = sorted([*DATELINE.finditer(head), *BARE_DATELINE.finditer(head)],
                     key=lambda m: m.start())
    for match in matches:
        above = YEAR_ABOVE.search(text, 0, match.start())
        # "(June 14)" under a release number "2012-06-S-026": the year is above it
        found = written_date(match.group("date"), int(above.group(1)) if above else None)
        if found:
            return found, match.start(), match.end()
    return None


def year_hint(text: str) -> int | None:
    """The year a release is from, when it has no dated dateline: its release number's
    ("2011-07-S-003"), else the first year written near the top."""
    head = text[:HEAD]
    number = RELEASE_NUMBER.search(head)
    if number:
        return int(number.group(1))
    year = YEAR_ABOVE.search(head)
    return int(year.group(1)) if year else None


def headline_date(text: str) -> date | None:
    """The day a headline opens with ("Dec. 6: Operations in Laghman"), its year from the
    headline, else the release number (:func:`year_hint`); else the date a first line
    that is a title ends with; None when there is none."""
    match = HEADLINE.match(text)
    if not match:
        first = text.lstrip().split("\n", 1)[0]
        return title_date(first)
    year = int(match.group("year")) if match.group("year") else year_hint(text)
    if year is None:
        return None
    number = RELEASE_NUMBER.search(text[:HEAD])
    try:
        day = date(year, month_number(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
    if number and not match.group("year") and day.month == 12 and number.group(2) == "01":
        day = day.replace(year=year - 1)  # a December headline on a January number
    return day


def title_date(line: str) -> date | None:
    """The date a title line ends with, when the date is whole and no preposition makes
    the line a sentence's ("detained on June 13, 2011"); "as of" dates the issue."""
    match = TITLE_DATE.search(line) if len(line) <= 160 else None
    if match is None:
        return None
    before = [w.lower() for w in line[:match.start() + 1].split()[-2:]]
    if before[-1:] and before[-1] in PREPOSITIONS and before != ["as", "of"]:
        return None
    named = match.group("month") or match.group("month2")
    if named.lower().rstrip(".") not in MONTHS:
        return None
    try:
        return date(int(match.group("year") or match.group("year2")), month_number(named),
                    int(match.group("day") or match.group("day2")))
    except ValueError:
        return None


def _top_line_date(text: str) -> date | None:
    """A date line near the top ("4 November 2025"), or a title line there ending with
    its issue's date ("Situation Report No. 5 — 23 October 2025")."""
    for line in text[:HEAD].splitlines()[:TOP_LINES]:
        line = line.strip()
        if len(line) <= SHORT_LINE and (found := parse_date(line)):
            return date.fromisoformat(found)
        if line and line[-1] not in ".;:!?" and (found_title := title_date(line)):
            return found_title
    return None


def stated_date(text: str) -> date | None:
    """The date ``text`` states of itself: its dateline's, else its headline's or first
    title line's, else a date line or dated title line near the top; None when none."""
    found = dateline(text)
    if found:
        return found[0]
    return headline_date(text) or _top_line_date(text)
