"""Places named in a sentence, from the shipped Afghanistan–Pakistan gazetteer.

Every name and alias is matched whole-word and case-blind; the longest name wins where
two overlap ("Maidan Wardak" over "Wardak"). A bare name that is also an ordinary English
word is not a risk here: the gazetteer holds proper names only. A place followed by
"province" is the strongest evidence, so callers can prefer those (:attr:`Place.named_province`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from briefing_tui.core.figures.first_words import FirstWords, first_words, may_name
from briefing_tui.core.safe_yaml import load_yaml


@dataclass(frozen=True)
class Entry:
    name: str      # the canonical name ("Paktia")
    level: str     # adm1, city or crossing
    adm1: str      # the province it lies in (itself for adm1)
    country: str   # ISO 3166-1 alpha-3


@dataclass(frozen=True)
class Place:
    entry: Entry
    start: int               # offsets in the searched text
    end: int
    named_province: bool     # written "X province"


def fold(text: str) -> str:
    """Lower case without accents and with one kind of hyphen and space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\u2010-\u2015-]+", " ", text).strip().lower()


@lru_cache(maxsize=1)
def entries() -> dict[str, Entry]:
    """Every folded name and alias → its entry."""
    return dict(_table()[0])


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Entry], tuple[str, ...]]:
    """The folded lookup and every spelling as written (accents kept, for matching)."""
    raw = load_yaml(resources.files(__package__).joinpath("places.yaml").read_text("utf-8"))
    table: dict[str, Entry] = {}
    written: set[str] = set()
    for country in raw.values():
        code = str(country["country"])
        for name, aliases in (country.get("adm1") or {}).items():
            entry = Entry(str(name), "adm1", str(name), code)
            for spelling in [name, *(aliases or [])]:
                table.setdefault(fold(str(spelling)), entry)
                written.update((str(spelling), fold(str(spelling))))
        for level in ("city", "crossing"):
            for name, info in (country.get(level) or {}).items():
                entry = Entry(str(name), level, str(info["adm1"]), code)
                for spelling in [name, *(info.get("aliases") or [])]:
                    table.setdefault(fold(str(spelling)), entry)
                    written.update((str(spelling), fold(str(spelling))))
    return table, tuple(sorted(written, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = _table()[1]
    body = "|".join(re.escape(n).replace(r"\ ", r"[\s\u2010-\u2015-]+") for n in names)
    return re.compile(rf"(?<![\w-])({body})(?![\w-])(\s+province)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _first_words() -> FirstWords | None:
    return first_words(_table()[1])


def canonical(name: str) -> Entry | None:
    """The entry a written name stands for ("paktya" → Paktia), or None."""
    return _table()[0].get(fold(name))


def find_places(text: str) -> list[Place]:
    """The gazetteer's places in ``text``, in order. Short upper-case aliases (KP, ICT)
    count only when written in capitals, so "kp" in a word list is not Pakistan."""
    found: list[Place] = []
    if not may_name(text, _first_words()):
        return found
    for match in _pattern().finditer(text):
        written = match.group(1)
        entry = canonical(written)
        if entry is None:
            continue
        if len(written) <= 4 and written.isalpha() and not written.isupper() \
                and fold(written) != fold(entry.name):
            continue
        found.append(Place(entry, match.start(1), match.end(1), bool(match.group(2))))
    return found
