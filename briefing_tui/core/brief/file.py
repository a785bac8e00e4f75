"""``brief.yaml``: the analyst's own part of a folder's brief.

Read strictly (core.safe_yaml), never fatal: a file that cannot be read is reported and
the brief is built without it. The app writes only the ``confirmed:`` block, one figure
per line as a JSON object (a YAML flow mapping), sorted by document, sentence and id, so
the same confirmations give the same bytes, two analysts confirming different figures
merge line by line in git, and everything else in the file (title, period, sections,
comments) is kept byte for byte::

    title: Afghanistan–Pakistan border, October
    period: 2026-10-01 to 2026-10-14
    sections: [figures, timeline, tags]
    places: [{name: Asadabad, aliases: [Asad Abad], level: city, iso: AFG}]
    actors: [{name: Tehrik-i-Taliban Pakistan, aliases: [TTP]}]
    bottom_line: ...  (the analyst's words: core.brief.words)
    confirmed:
    - {"id": "3f2a9c1b7d4e", "document": "a.txt", "sentence": 4, "figure": "2 killed men"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_tui.core.atomic import atomic_write
from briefing_tui.core.brief import KeyFigure, figure_words
from briefing_tui.core.brief.mentions import Known, KnownError, parse_known
from briefing_tui.core.brief.words import Words, WordsError, parse_words, replace_words
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.safe_yaml import YamlError, load_yaml

BRIEF_NAME = "brief.yaml"
SECTIONS = ("figures", "timeline", "tags")
_BLOCK = "confirmed:"


class BriefFileError(BriefingError):
    """brief.yaml cannot be read or written; the message is one line."""


@dataclass(frozen=True)
class BriefFile:
    """What brief.yaml says; the defaults when there is none."""

    title: str = ""
    period: str = ""
    sections: tuple[str, ...] = SECTIONS
    confirmed: frozenset[str] = field(default_factory=frozenset)
    places: tuple[Known, ...] = ()  # the folder's own, beside the shipped gazetteer
    actors: tuple[Known, ...] = ()
    words: Words = field(default_factory=Words)  # bottom line, judgments, outlook, trends


def _parse(path: Path) -> dict[str, Any]:
    try:
        raw = load_yaml(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefFileError(f"{path.name}: cannot read: {exc}") from exc
    except YamlError as exc:
        raise BriefFileError(f"{path.name}: {exc}") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise BriefFileError(f"{path.name}: expected keys (title, period, sections, "
                             "confirmed)")
    return raw


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return "" if value is None else str(value)


def read_brief(folder: Path) -> BriefFile:
    """brief.yaml of ``folder`` (defaults when it has none); raises BriefFileError."""
    path = folder / BRIEF_NAME
    raw = _parse(path)
    sections = raw.get("sections")
    order: tuple[str, ...] = SECTIONS
    if sections is not None:
        if not isinstance(sections, list) or any(s not in SECTIONS for s in sections):
            raise BriefFileError(f"{path.name}: sections must be a list of "
                                 f"{', '.join(SECTIONS)}")
        order = tuple(dict.fromkeys(str(s) for s in sections))
    confirmed = raw.get(_BLOCK[:-1]) or []
    if not isinstance(confirmed, list) or not all(
            isinstance(c, dict) and isinstance(c.get("id"), str) for c in confirmed):
        raise BriefFileError(f"{path.name}: confirmed must be a list of {{id: ...}}")
    try:
        places, actors = parse_known(raw.get("places"), "place"), \
            parse_known(raw.get("actors"), "actor")
        words = parse_words(raw)
    except (KnownError, WordsError) as exc:
        raise BriefFileError(f"{path.name}: {exc}") from exc
    return BriefFile(_text(raw, "title"), _text(raw, "period"), order,
                     frozenset(c["id"] for c in confirmed), places, actors, words)


def set_words(folder: Path, changes: dict[str, Any]) -> BriefFile:
    """Write the analyst's words that changed (``title``, ``period``, ``bottom_line``,
    ``judgments``, ``outlook``, ``trends``) into ``folder``'s brief.yaml, re-read just
    before writing so that everything else, and other keys another analyst changed, stay
    as they are on disk; atomic; returns the new file. An unreadable one is refused."""
    path = folder / BRIEF_NAME
    read_brief(folder)  # refuses a file it cannot read: never written over
    try:
        old = path.read_text("utf-8") if path.exists() else ""
    except OSError as exc:
        raise BriefFileError(f"{path.name}: cannot read: {exc.strerror or exc}") from exc
    new = replace_words(old, changes)
    try:
        load_yaml(new)
    except YamlError as exc:  # never write what cannot be read back
        raise BriefFileError(f"{path.name}: not written: {exc}") from exc
    try:
        atomic_write(path, new.encode("utf-8"))
    except OSError as exc:
        raise BriefFileError(f"{path.name}: cannot write: {exc.strerror or exc}") from exc
    return read_brief(folder)


def _entry(figure: KeyFigure) -> dict[str, Any]:
    f = figure.figure
    what = f"{figure_words(f)} {f.kind} {f.who}".strip()
    return {"id": figure.id, "document": f.document, "sentence": f.sentence, "figure": what}


def _line(entry: dict[str, Any]) -> str:
    return "- " + json.dumps(entry, ensure_ascii=False) + "\n"


def _key(entry: dict[str, Any]) -> tuple[str, int, str]:
    sentence = entry.get("sentence")
    return (str(entry.get("document", "")), sentence if isinstance(sentence, int) else 0,
            str(entry["id"]))


def set_confirmed(folder: Path, figure: KeyFigure, confirmed: bool) -> BriefFile:
    """Confirm (or un-confirm) ``figure`` in ``folder``'s brief.yaml, re-read just before
    writing so that another analyst's confirmations are kept; returns the new file."""
    path = folder / BRIEF_NAME
    raw = _parse(path)  # refuses a file it cannot read: never written over
    entries = {str(e["id"]): e for e in raw.get(_BLOCK[:-1]) or []
               if isinstance(e, dict) and isinstance(e.get("id"), str)}
    if confirmed:
        entries[figure.id] = _entry(figure)
    else:
        entries.pop(figure.id, None)
    try:
        old = path.read_text("utf-8") if path.exists() else ""
    except OSError as exc:
        raise BriefFileError(f"{path.name}: cannot read: {exc.strerror or exc}") from exc
    head, tail = _around_block(old)
    block = _BLOCK + ("\n" + "".join(_line(e) for e in sorted(entries.values(), key=_key))
                      if entries else " []\n")
    try:
        atomic_write(path, (head + block + tail).encode("utf-8"))
    except OSError as exc:
        raise BriefFileError(f"{path.name}: cannot write: {exc.strerror or exc}") from exc
    return read_brief(folder)


def _around_block(text: str) -> tuple[str, str]:
    """The file before and after its ``confirmed:`` block (the block is ours to write)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for at, line in enumerate(lines):
        if line.startswith(_BLOCK):
            end = at + 1
            while end < len(lines) and lines[end].startswith(("- ", "  ")):
                end += 1
            return "".join(lines[:at]), "".join(lines[end:])
    return "".join(lines), ""
