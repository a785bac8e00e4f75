"""HTML briefings through trafilatura (the ``[html]`` extra), our own reader beside it.

Why: on real saved pages trafilatura's body text is closer to the article than our
standard-library reader's (``benchmarks/bench_html.py --snippets``: snippet F 0.967 against
0.933 on 14 pages neither was tuned on), so when it is installed it gives the body. What
it does not give, ours does:

- the headline: trafilatura keeps it as metadata, not text; the headline our reader
  found (:func:`.html.read_article`) is put first, unless trafilatura's text opens with it;
- the fallback: when trafilatura is missing, fails on a hostile page, finds nothing (not
  one :data:`PARAGRAPH`-long line: a menu is not an article), or finds much less of the
  same article than ours (under :data:`SHORT` of our words, most of them in our text: it
  dropped part of the body as furniture), our reader's text is used. When the two read
  different blocks, trafilatura's is kept even if shorter: a long sidebar that outvoted a
  short post in our reader is the commoner cause.

The document records which one ran (``LoadedText.extractor``): this module's id when
trafilatura's body was used, :data:`.html.EXTRACTOR` when ours was. The extract cache
keys on :func:`extractor_id`, the id of the whole chain, so installing or upgrading the
extra misses the old entries.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import ModuleType

from briefing_tui.core.extract import html
from briefing_tui.core.extract.html_tree import decode_html
from briefing_tui.core.text import DocumentError, LoadedText, text_sha256

NAME = "trafilatura"
#: Our rules around trafilatura's text (headline, fallback, line forms); bump on change.
RULES_VERSION = 2
#: trafilatura's body under this share of our reader's words, on the same article (at
#: least :data:`AGREE` of its words in our text), is one it cut short: ours is used.
SHORT = 0.5
AGREE = 0.5
#: trafilatura's text holds a paragraph this long (our reader's measure), or it is the
#: menu its last resort read off a page with no article.
PARAGRAPH = 25
_WORD = re.compile(r"\w+")
_CELL = re.compile(r"(?<!\\) \| ")
_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")


def available() -> bool:
    """trafilatura and the lxml cleaner it needs are installed (found, not imported:
    its import costs most of a second, paid only when a page is read)."""
    return all(importlib.util.find_spec(name) is not None
               for name in (NAME, "lxml_html_clean"))


@lru_cache(maxsize=1)
def extractor_id() -> str:
    """``trafilatura 2.3.1+briefing.1`` when the extra is there, else our reader's id."""
    if not available():
        return html.EXTRACTOR
    return f"{NAME} {metadata.version(NAME)}+{html.EXTRACTOR.split('+', 1)[1]}.{RULES_VERSION}"


@lru_cache(maxsize=1)
def _module() -> ModuleType | None:
    try:
        import trafilatura
    except Exception:  # ImportError, or an lxml its cleaner does not fit
        return None
    logging.getLogger(NAME).setLevel(logging.CRITICAL)  # its warnings are not the user's
    module: ModuleType = trafilatura
    return module


def _line(line: str) -> str:
    """One line of trafilatura's text in our canonical forms: ``• `` items, table rows
    as cells joined by `` | ``, runs of white space as one space."""
    line = " ".join(line.split())
    if line.startswith("- "):
        return "• " + line[2:]
    if _RULE.fullmatch(line):
        return ""  # the |---|---| line under a table's header row
    if line.startswith("| ") and line.endswith("|"):
        cells = [cell.strip().replace("\\|", "|") for cell in _CELL.split(line.strip("| "))]
        return " | ".join(cell for cell in cells if cell)
    return line.replace("\\|", "|")  # a | in the text, escaped as in Markdown


def web_paragraphs(page: str) -> list[str]:
    """trafilatura's body of a decoded page as paragraphs ([] when it finds none, is
    missing, or fails)."""
    module = _module()
    if module is None:
        return []
    try:
        body = module.extract(page, include_comments=False, include_tables=True,
                              include_images=False, include_formatting=False,
                              include_links=False, deduplicate=False, output_format="txt")
    except (Exception, RecursionError):  # a hostile page: our reader takes it
        return []
    return [line for line in map(_line, (body or "").split("\n")) if line]


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(paragraphs: list[str]) -> int:
    return sum(len(_WORD.findall(p)) for p in paragraphs)


def _inside(web: list[str], ours: html.Article) -> float:
    """The share of trafilatura's words in paragraphs our reader's text also holds."""
    text = _flat(" ".join(ours.paragraphs))
    return sum(len(_WORD.findall(p)) for p in web if _flat(p) in text) / max(1, _words(web))


def combine(ours: html.Article, web: list[str]) -> list[str] | None:
    """trafilatura's paragraphs under our headline, or None when ours should be used."""
    if not any(len(p) >= PARAGRAPH for p in web):
        return None
    if _words(web) < SHORT * _words(ours.paragraphs) and _inside(web, ours) >= AGREE:
        return None  # the same article, and ours holds more of it
    if ours.headline and _flat(ours.headline) not in {_flat(p) for p in web[:3]}:
        return [ours.headline, *web]
    return web


def page_text(page: str) -> tuple[str, str]:
    """The canonical text of a decoded page and the id of the extractor that gave it."""
    ours = html.read_article(page)
    web = combine(ours, web_paragraphs(page))
    if web is None:
        return "\n\n".join(ours.paragraphs), html.EXTRACTOR
    return "\n\n".join(web), extractor_id()


def extract_web(data: bytes, path: Path | str,
                progress: Callable[[int, int], None] | None = None) -> LoadedText:
    """The canonical text of an HTML page: trafilatura's body, or our reader's."""
    page, encoding, warning = decode_html(data)
    if "\x00" in page[:8192]:
        raise DocumentError(path, "not an HTML page: it holds binary data")
    text, ran = page_text(page)
    if progress is not None:
        progress(1, 1)
    if not text.strip():
        raise DocumentError(path, "no text: the page holds no paragraphs to read")
    return LoadedText(text, text_sha256(text), encoding, warning=warning, extractor=ran)
