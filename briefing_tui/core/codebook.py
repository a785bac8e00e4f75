"""The codebook: which tags exist, their keys, colours and meanings. Tags are data.

A user codebook is a small YAML file::

    tags:
      - {name: security, key: "1", colour: "#d9534f", description: Armed conflict ...}
      - {name: health, key: "4", colour: "#5cb85c", description: Disease, clinics,
         patterns: {keywords: [cholera, clinic], phrases: [health centre]}}

``patterns:`` (keywords, phrases, regex, case) feed suggested tags; see
:mod:`briefing_tui.core.tag_patterns`.

Tags it names replace the defaults of the same name; new ones are added after them.
Unknown tags found in a sidecar are kept and shown in grey, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_tui.core.errors import BriefingError
from briefing_tui.core.safe_yaml import YamlError, load_yaml_file
from briefing_tui.core.tag_patterns import Patterns, parse_patterns

TAG_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
UNKNOWN_COLOUR = "#8a8a8a"
NO_PATTERNS = Patterns()


class CodebookError(BriefingError):
    """A user codebook that cannot be used; ``str()`` is a one-line message."""


@dataclass(frozen=True)
class Tag:
    name: str
    key: str
    colour: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    patterns: Patterns = NO_PATTERNS  # the rules that suggest this tag (core.suggest)


# Checked with benchmarks/bench_suggest.py on labelled news and disaster messages: a
# keyword matches word starts, so none may start common words ("accord" -> according,
# "flee" -> fleet, "camp" -> campaign are phrases); "camp" and "tents", though often disaster
# shelter, hit 5-6 times the base rate of displacement and are kept.
_SECURITY = Patterns(
    ("attack", "militant", "militia", "insurgen", "rebel", "troops", "soldier", "military",
     "army", "airstrike", "bomb", "shelling", "gunmen", "gunfire", "ambush", "kill",
     "wounded", "clashes", "fighting", "fighters", "violence", "armed", "police", "security",
     "terror", "weapon", "missile", "explosi", "hostage", "looting", "riot", "shot"),
    ("armed group", "security forces", "opened fire", "car bomb"))
_MIGRATION = Patterns(
    ("refugee", "displace", "asylum", "migrant", "migration", "deport", "returnee",
     "evacuee", "fled", "fleeing", "exodus", "resettle", "homeless", "IDP"),
    ("crossed the border", "border crossing", "internally displaced", "left their homes",
     "tents", "flee", "camp", "camps"))
_DIPLOMACY = Patterns(
    ("talks", "negotiat", "diplomat", "summit", "sanction", "ambassador", "minister",
     "treaty", "agreement", "ceasefire", "envoy", "embassy", "condemn", "urged",
     "bilateral", "visit", "meeting", "relations", "president",
     "foreign", "statement", "resolution", "cooperation", "mediat", "dialogue", "pledge"),
    ("United Nations", "Security Council", "peace process", "peace talks", "called on",
     "accord", "accords"))

DEFAULT_TAGS = (
    Tag("security", "1", "#e05d5d",
        "Armed conflict, attacks, militancy, military operations, policing.",
        patterns=_SECURITY),
    Tag("migration", "2", "#3b9dd8",
        "Refugees, displacement, deportation, returns, border crossings.",
        patterns=_MIGRATION),
    Tag("diplomacy", "3", "#d8a03b",
        "Talks, statements, sanctions, relations between governments and the U.N.",
        patterns=_DIPLOMACY),
)


@dataclass
class Codebook:
    """An ordered set of tags; order is the order of summaries and of keys 1-9."""

    tags: list[Tag] = field(default_factory=lambda: list(DEFAULT_TAGS))

    def __iter__(self) -> Iterator[Tag]:
        return iter(self.tags)

    def __len__(self) -> int:
        return len(self.tags)

    def get(self, name: str) -> Tag | None:
        for tag in self.tags:
            if tag.name == name:
                return tag
        return None

    def by_key(self, key: str) -> Tag | None:
        for tag in self.tags:
            if tag.key == key:
                return tag
        return None

    def colour(self, name: str) -> str:
        tag = self.get(name)
        return tag.colour if tag else UNKNOWN_COLOUR

    def order(self, names: Iterable[str]) -> list[str]:
        """``names`` in codebook order, unknown ones after, alphabetically."""
        wanted = set(names)
        known = [tag.name for tag in self.tags if tag.name in wanted]
        return known + sorted(wanted - set(known))


def _tag_from(entry: Any, index: int) -> Tag:
    if not isinstance(entry, dict):
        raise CodebookError(f"tag #{index + 1} is not a mapping")
    name = entry.get("name")
    if not isinstance(name, str) or not TAG_NAME.fullmatch(name):
        raise CodebookError(f"tag #{index + 1}: name must be lowercase letters, digits, "
                            f"'-', '_' or '.' (got {name!r})")
    key = str(entry.get("key", ""))
    if key and (len(key) != 1 or not key.isprintable()):
        raise CodebookError(f"tag {name}: key must be one character (got {key!r})")
    colour = entry.get("colour", entry.get("color", UNKNOWN_COLOUR))
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise CodebookError(f"tag {name}: colour must look like #rrggbb (got {colour!r})")
    description = entry.get("description", "")
    keywords = entry.get("keywords", [])
    if not isinstance(description, str):
        raise CodebookError(f"tag {name}: description must be text")
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise CodebookError(f"tag {name}: keywords must be a list of words")
    try:
        patterns = parse_patterns(entry.get("patterns"), tuple(keywords))
    except ValueError as exc:
        raise CodebookError(f"tag {name}: {exc}") from None
    return Tag(name, key, colour, description, tuple(keywords), patterns)


def load_codebook(path: Path | str) -> Codebook:
    """Read a user codebook over the defaults, or raise :class:`CodebookError`."""
    try:
        data = load_yaml_file(Path(path), max_bytes=1 << 20)
    except YamlError as exc:
        raise CodebookError(f"{Path(path).name}: {exc}") from None
    entries = data.get("tags") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CodebookError(f"{Path(path).name}: expected a 'tags:' list")
    tags = list(DEFAULT_TAGS)
    if isinstance(data, dict) and data.get("replace_defaults") is True:
        tags = []
    named: dict[str, int] = {}
    for index, entry in enumerate(entries):
        tag = _tag_from(entry, index)
        if tag.name in named:
            raise CodebookError(f"{Path(path).name}: tags #{named[tag.name] + 1} and "
                                f"#{index + 1} are both named {tag.name!r}")
        named[tag.name] = index
        names = [t.name for t in tags]
        if tag.name in names:
            tags[names.index(tag.name)] = tag
        else:
            tags.append(tag)
    by_key: dict[str, str] = {}
    for tag in tags:
        if tag.key in by_key:
            raise CodebookError(f"{Path(path).name}: tags {by_key[tag.key]!r} and "
                                f"{tag.name!r} both use key {tag.key!r}")
        if tag.key:
            by_key[tag.key] = tag.name
    return Codebook(tags)
