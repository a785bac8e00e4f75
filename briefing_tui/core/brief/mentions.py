"""The places and actors a sentence names: the shipped Afghanistan–Pakistan gazetteer
(core/figures/places.yaml) and actors (core/figures/actors.yaml), plus a folder's own
``places:`` and ``actors:`` from brief.yaml.

Names and aliases match whole-word and case-blind, the longest first ("Pakistani Taliban"
is Tehrik-i-Taliban Pakistan, not the Taliban); an alias of up to five capitals (TTP, IMU,
NRC) matches only as written, so "let" is not Lashkar-e-Taiba. Each mention is reported by
its canonical name, once per sentence, in the order first written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from briefing_tui.core.figures.first_words import first_words, may_name
from briefing_tui.core.figures.gazetteer import find_places, fold
from briefing_tui.core.safe_yaml import load_yaml


@dataclass(frozen=True)
class Known:
    """A place or an actor the analyst wants found, by all the names it goes by."""

    name: str
    kind: str  # "place" or "actor"
    aliases: tuple[str, ...] = ()
    level: str = ""  # a place's admin level (adm1, adm2, city…), "" for actors
    iso: str = ""  # a place's ISO 3166 code, "" when not given


class KnownError(ValueError):
    """An entry of places: or actors: cannot be used; the message says which and why."""


def parse_known(raw: Any, kind: str) -> tuple[Known, ...]:
    """``places:``/``actors:`` of brief.yaml: a list of ``{name, aliases, level, iso}``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise KnownError(f"{kind}s must be a list of {{name: ..., aliases: [...]}}")
    found = []
    for entry in raw:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                or not entry["name"].strip():
            raise KnownError(f"each of {kind}s needs a name (got {entry!r:.60})")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise KnownError(f"{kind} {entry['name']}: aliases must be a list of names")
        found.append(Known(entry["name"].strip(), kind, tuple(a.strip() for a in aliases
                                                               if a.strip()),
                           str(entry.get("level") or ""), str(entry.get("iso") or "")))
    return tuple(found)


@lru_cache(maxsize=1)
def shipped_actors() -> tuple[Known, ...]:
    raw = load_yaml(resources.files("briefing_tui.core.figures").joinpath("actors.yaml")
                    .read_text("utf-8"))
    return tuple(Known(str(name), "actor", tuple(str(a) for a in aliases or []))
                 for name, aliases in raw.items())


def _strict(alias: str) -> bool:
    return (len(alias) <= 5 and alias.replace("-", "").isalpha() and alias.isupper()) \
        or (any(c.isupper() for c in alias[1:]) and len(alias) <= 4)  # "LeT"


class Mentions:
    """Finds known places and actors in sentences (build once per summary)."""

    def __init__(self, extra: Iterable[Known] = ()) -> None:
        known = [*shipped_actors(), *extra]
        self.names: dict[str, str] = {}
        self.strict: set[str] = set()  # short capitals, matched only as written
        for item in known:
            for spelling in (item.name, *item.aliases):
                self.names.setdefault(fold(spelling), item.name)
                if _strict(spelling):
                    self.strict.add(spelling)
        self.strict_folded = {fold(s) for s in self.strict}  # once: per sentence it was half
        spellings = sorted({s for item in known for s in (item.name, *item.aliases)},
                           key=len, reverse=True)
        body = "|".join(re.escape(s).replace(r"\ ", r"[\s\u2010-\u2015-]+") for s in spellings)
        self.pattern = re.compile(rf"(?<![\w-])({body})(?![\w-])", re.IGNORECASE) \
            if body else None
        self.first_words = first_words(spellings)  # most sentences name no actor

    def in_text(self, text: str) -> tuple[str, ...]:
        """Canonical names of the places and actors ``text`` names, first-written order."""
        return tuple(dict.fromkeys(name for _, name in self.spans(text)))

    def spans(self, text: str) -> list[tuple[int, str]]:
        """(offset, canonical name) of every mention in ``text``, in text order."""
        places = find_places(text)
        found: list[tuple[int, str]] = [(p.start, p.entry.name) for p in places]
        taken = [(p.start, p.end) for p in places]
        strict = self.strict_folded
        if self.pattern is not None and may_name(text, self.first_words):
            for match in self.pattern.finditer(text):
                written = match.group(1)
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                name = self.names.get(fold(written))
                if name is None or (fold(written) in strict and written not in self.strict):
                    continue
                found.append((match.start(), name))
        return sorted(found)


def mentions_for(places: Sequence[Known], actors: Sequence[Known]) -> Mentions:
    return Mentions([*places, *actors])


def sentences_about(starts: Sequence[int], ends: Sequence[int],
                    mentions: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """Canonical name → the sorted indices of the sentences (their ``starts`` and
    ``ends``) that name it: one pass over a whole document's mentions (the reader's
    place filter)."""
    from bisect import bisect_right

    found: dict[str, set[int]] = {}
    for offset, name in mentions:
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < ends[index]:
            found.setdefault(name, set()).add(index)
    return {name: sorted(indices) for name, indices in found.items()}
