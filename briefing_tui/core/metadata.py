"""A document's metadata: title, date, source (URL or agency), author or speaker.

Every citation needs them. Two layers: what the file itself says (read by
:mod:`briefing_tui.core.extract.metadata`), and what the analyst set (stored in the
sidecar's ``document:`` mapping, so it travels with the tags). A field the analyst set
wins, even when set to "" (meaning: the file's value is wrong, show none); ``None``
means not set. A document without a title is cited by its file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date

FIELDS = ("title", "date", "source", "author")
MAX_FIELD = 500  # characters: a title is a line, not a page

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for name in names}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WRITTEN = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b"),
)


@dataclass(frozen=True)
class Metadata:
    """The four fields; ``None``: not known (or, in a sidecar, not set by the analyst)."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These fields where set, ``other``'s elsewhere."""
        return Metadata(*(mine if mine is not None else theirs
                          for mine, theirs in zip(self.values(), other.values(), strict=True)))

    def values(self) -> tuple[str | None, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def items(self) -> list[tuple[str, str]]:
        """The fields that hold text, in :data:`FIELDS` order."""
        return [(name, value) for name, value in zip(FIELDS, self.values(), strict=True)
                if value]

    def set(self, **values: str | None) -> Metadata:
        return replace(self, **values)

    def __bool__(self) -> bool:
        return any(value is not None for value in self.values())


def clean(value: str) -> str:
    """One line, no runs of blanks, at most :data:`MAX_FIELD` characters."""
    text = " ".join(value.split())
    return text if len(text) <= MAX_FIELD else text[:MAX_FIELD - 1] + "…"


def date_problem(value: str) -> str:
    """Why ``value`` is not a date we store ("" when it is: YYYY-MM-DD, YYYY-MM or YYYY)."""
    if not value:
        return ""
    match = _ISO.fullmatch(value)
    if match is None:
        return f"the date must be YYYY-MM-DD (or YYYY-MM, YYYY), not {value[:40]!r}"
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        return f"there is no month {month:02d} in {value!r}"
    if match.group(3):
        try:
            date(year, month, day)
        except ValueError:
            return f"there is no such day: {value}"
    return ""


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD (ISO, PDF ``D:2012...``, or written out
    like ``Oct. 3, 2012`` or ``3 October 2012``); None when there is none."""
    stripped = text.strip().removeprefix("D:")
    iso = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", stripped)
    if iso is not None:
        found = "-".join(iso.groups())
        return found if not date_problem(found) else None
    for pattern in _WRITTEN:
        for match in pattern.finditer(text):
            month = MONTHS.get(match.group("month").lower())
            if month is None:
                continue
            found = f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}"
            if not date_problem(found):
                return found
    return None


def looks_like_title(line: str, max_chars: int = 120) -> bool:
    """A short line without final punctuation (not a sentence, a photo credit or a date)."""
    text = line.strip().lstrip("#").strip()
    if not text or len(text) > max_chars or len(text.split()) > 20:
        return False
    if text[-1] in ".,;:!?…)»”’\"'" and not text.endswith("?"):
        return False
    lowered = text.lower()
    if lowered.startswith(("photo", "image", "credit", "©", "(c)", "copyright", "http")):
        return False
    only_a_date = len(text) <= 30 and parse_date(text) is not None
    return any(ch.isalpha() for ch in text) and not only_a_date
