"""A saved web page's JSON-LD (``<script type="application/ld+json">``) as metadata.

News sites and ReliefWeb-style report pages describe the article in schema.org terms:
``headline``, ``datePublished``, ``author`` and ``publisher`` of a ``NewsArticle``,
``Report`` or ``Article``. That is what the newsroom itself says, more exact than a
``<title>`` with the site's name in it, and often the only place the author is given.

Pages write it every way the format allows, so all of them are read: one object, a list
of objects, an ``@graph``; ``@type`` a string or a list; an author as a name, a
``Person``, a list of them or an ``@id`` pointing elsewhere in the graph; a block
wrapped in ``<!-- -->`` or ``CDATA``. A block that is not JSON (a trailing comma, a
template left unfilled) is skipped, never an error: metadata is a bonus.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from briefing_tui.core.metadata import clean

_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?\s*application/ld\+json[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL)
_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
#: Types in order of preference: the article itself before the page around it.
_TYPES = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Report",
          "ScholarlyArticle", "Article", "BlogPosting", "LiveBlogPosting", "WebPage")
MAX_BLOCK = 500_000  # characters: larger is not a description of one page
MAX_NODES = 5_000  # objects looked at per page


@dataclass(frozen=True)
class JsonLd:
    """What the page's JSON-LD says about its article; None where it says nothing."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None


def _blocks(page: str) -> list[Any]:
    found = []
    for match in _SCRIPT.finditer(page):
        body = _WRAPPERS.sub("", match.group(1).strip()).strip().rstrip(";")
        if not body or len(body) > MAX_BLOCK:
            continue
        try:
            found.append(json.loads(body, strict=False))
        except (ValueError, RecursionError):
            continue
    return found


def _nodes(data: Any) -> list[dict[str, Any]]:
    """Every object of the blocks, breadth first (top-level ones and ``@graph`` first)."""
    out: list[dict[str, Any]] = []
    queue = [data]
    while queue and len(out) < MAX_NODES:
        node = queue.pop(0)
        if isinstance(node, list):
            queue.extend(node)
        elif isinstance(node, dict):
            out.append(node)
            queue.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return out


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _rank(node: dict[str, Any]) -> int:
    ranks = [_TYPES.index(k) for k in _types(node) if k in _TYPES]
    return min(ranks) if ranks else len(_TYPES)


def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return clean(str(value)) or None
    if isinstance(value, dict):
        return _text(value.get("@value"))
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), None)
    return None


def _names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names of a person or organisation given as text, an object, an ``@id`` or a list."""
    if isinstance(value, list):
        return [name for item in value[:50] for name in _names(item, by_id)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        name = _text(value.get("name"))
        return [name] if name else []
    name = _text(value)
    return [name] if name and not name.startswith(("http://", "https://")) else []


def read_jsonld(page: str) -> JsonLd:
    """The best-described article of the page's JSON-LD blocks (empty when none)."""
    nodes = [node for block in _blocks(page) for node in _nodes(block)]
    by_id = {node["@id"]: node for node in reversed(nodes)  # the first full one wins;
             if isinstance(node.get("@id"), str) and len(node) > 1}  # {"@id"} points
    ranked = sorted((node for node in nodes if _rank(node) < len(_TYPES)), key=_rank)
    if not ranked:
        return JsonLd()
    best = ranked[0]
    authors = list(dict.fromkeys(_names(best.get("author") or best.get("creator"), by_id)))
    publishers = _names(best.get("publisher") or best.get("sourceOrganization"), by_id)
    url = _text(best.get("url"))
    if url is None and isinstance(best.get("mainEntityOfPage"), (str, dict)):
        page_node = best["mainEntityOfPage"]
        url = _text(page_node if isinstance(page_node, str) else page_node.get("@id"))
    return JsonLd(_text(best.get("headline")) or _text(best.get("name")),
                  _text(best.get("datePublished")) or _text(best.get("dateCreated")),
                  "; ".join(authors) or None, publishers[0] if publishers else None,
                  url if url and url.startswith(("http://", "https://")) else None)
