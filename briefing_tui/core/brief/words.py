"""The analyst's own words in ``brief.yaml``: title, period, bottom line up front, key
judgments, outlook and a trend per theme (tag).

Read strictly with the rest of the file (core.brief.file). Written by :func:`set_words`,
which changes only the keys it is given: each is one top-level block, rewritten in one
fixed form (prose as a ``|-`` literal block, one line per line, so git merges two
analysts' edits of different paragraphs; a text YAML cannot hold that way is a JSON
string), every other line of the file kept byte for byte. The file is re-read just
before writing, so another analyst's edits to the other keys are kept::

    bottom_line: |-
      Displacement in Kunar rose sharply after the late-September fighting.
    judgments:
    - "Returns will stall while the crossing stays closed."
    outlook: |-
      More arrivals are likely before winter.
    trends:
      migration: deteriorated
      security: unchanged
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from briefing_tui.core.safe_yaml import YamlError, load_yaml

TRENDS = ("deteriorated", "improved", "unchanged")
WORD_KEYS = ("title", "period", "bottom_line", "judgments", "outlook", "trends")
_PLAIN_KEY = re.compile(r"[a-z][a-z0-9_-]*")
_TOP_KEY = re.compile(r"[A-Za-z_\"'][^:#]*:(?:\s|$)")
# Characters YAML reads as line breaks or refuses in a block: such texts go as JSON.
_NOT_IN_BLOCK = re.compile(r"[\r\x85\u2028\u2029\ufeff\t\x00-\x08\x0b-\x1f\x7f]")


class WordsError(ValueError):
    """A key of the analyst's words has the wrong shape; the message says which."""


@dataclass(frozen=True)
class Words:
    """What the analyst wrote; empty when brief.yaml says nothing."""

    bottom_line: str = ""
    judgments: tuple[str, ...] = ()
    outlook: str = ""
    trends: Mapping[str, str] = field(default_factory=dict)  # tag -> one of TRENDS

    @property
    def empty(self) -> bool:
        return not (self.bottom_line or self.judgments or self.outlook or self.trends)


def _prose(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise WordsError(f"{key} must be text")
    return str(value).strip()


def parse_words(raw: dict[str, Any]) -> Words:
    """The words of a parsed brief.yaml; raises WordsError on a wrong shape."""
    judgments = raw.get("judgments") or []
    if isinstance(judgments, str):
        judgments = [judgments]
    if not isinstance(judgments, list) or not all(
            isinstance(j, (str, int, float)) for j in judgments):
        raise WordsError("judgments must be a list of sentences")
    trends = raw.get("trends") or {}
    if not isinstance(trends, dict):
        raise WordsError(f"trends must map a tag to {', '.join(TRENDS)}")
    for tag, trend in trends.items():
        if trend not in TRENDS:
            raise WordsError(f"trends: {tag}: {str(trend)[:40]!r} is not one of "
                             f"{', '.join(TRENDS)}")
    return Words(_prose(raw, "bottom_line"),
                 tuple(str(j).strip() for j in judgments if str(j).strip()),
                 _prose(raw, "outlook"), {str(k): str(v) for k, v in trends.items()})


def _scalar(text: str) -> str:
    """A one-line value: JSON (a YAML double-quoted string) always reads back the same."""
    return json.dumps(text, ensure_ascii=False)


def _prose_block(key: str, text: str) -> str:
    if "\n" in text and not _NOT_IN_BLOCK.search(text) and text == text.strip() \
            and all(line == line.rstrip() for line in text.split("\n")):
        block = f"{key}: |-\n" + "".join(f"  {line}\n" if line else "\n"
                                          for line in text.split("\n"))
        try:
            if load_yaml(block) == {key: text}:
                return block
        except YamlError:
            pass
    return f"{key}: {_scalar(text)}\n"


def _key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) and name not in ("null", "true", "false",
                                                               "yes", "no", "on", "off") \
        else _scalar(name)


def block_of(key: str, value: Any) -> str:
    """The one written form of ``key``'s block ("" when the value is empty: no key)."""
    if key in ("title", "period"):
        text = " ".join(str(value).split())
        return f"{key}: {_scalar(text)}\n" if text else ""
    if key in ("bottom_line", "outlook"):
        text = "\n".join(line.rstrip() for line in str(value).strip().split("\n"))
        return _prose_block(key, text) if text else ""
    if key == "judgments":
        items = [" ".join(str(j).split()) for j in value]
        items = [j for j in items if j]
        return "judgments:\n" + "".join(f"- {_scalar(j)}\n" for j in items) if items else ""
    if key == "trends":
        rows = sorted((str(t), str(v)) for t, v in dict(value).items() if v in TRENDS)
        return "trends:\n" + "".join(f"  {_key(t)}: {v}\n" for t, v in rows) if rows else ""
    raise KeyError(key)


def _blocks(text: str) -> list[tuple[str | None, str]]:
    """The file as (top-level key or None, its lines): a key's block runs over its
    indented and ``- `` lines (blank lines inside a block scalar included)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    out: list[tuple[str | None, str]] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        if not _TOP_KEY.match(line):
            out.append((None, line))
            at += 1
            continue
        end = at + 1
        while end < len(lines):
            nxt = lines[end]
            if nxt.startswith((" ", "- ", "\t")) or nxt.rstrip("\n") == "-":
                end += 1
            elif not nxt.strip():  # blank: inside only if the block goes on after it
                ahead = end
                while ahead < len(lines) and not lines[ahead].strip():
                    ahead += 1
                if ahead < len(lines) and lines[ahead].startswith(" "):
                    end = ahead
                else:
                    break
            else:
                break
        key = line.split(":", 1)[0].strip().strip("\"'")
        out.append((key, "".join(lines[at:end])))
        at = end
    return out


def replace_words(text: str, changes: Mapping[str, Any]) -> str:
    """``text`` (a brief.yaml) with the blocks of ``changes`` rewritten, added in
    :data:`WORD_KEYS` order beside the others, or dropped when empty."""
    blocks = _blocks(text)
    for key in WORD_KEYS:
        if key not in changes:
            continue
        new = block_of(key, changes[key])
        where = [n for n, (k, _) in enumerate(blocks) if k == key]
        if where:
            blocks[where[0]] = (key, new)
            for extra in reversed(where[1:]):  # a duplicate key would not read anyway
                del blocks[extra]
            continue
        if not new:
            continue
        earlier = WORD_KEYS[:WORD_KEYS.index(key)]
        before = [n for n, (k, _) in enumerate(blocks) if k in earlier]
        if before:
            at = before[-1] + 1
        else:
            later = [n for n, (k, _) in enumerate(blocks) if k is not None]
            at = later[0] if later else len(blocks)
        blocks.insert(at, (key, new))
    return "".join(part for _, part in blocks)


#: The Period field's hint when no tagged document has a date of its own.
PERIOD_EXAMPLE = "YYYY-MM-DD to YYYY-MM-DD"


def period_hint(dates: Iterable[str]) -> str:
    """The Period field's hint: the first to the last of the tagged documents' metadata
    dates (YYYY-MM-DD, YYYY-MM or YYYY), else :data:`PERIOD_EXAMPLE`. A fixed example
    date read as the documents' own period on 2010-2012 releases."""
    known = sorted(d for d in dates if d)
    if not known:
        return PERIOD_EXAMPLE
    return known[0] if known[0] == known[-1] else f"{known[0]} to {known[-1]}"
