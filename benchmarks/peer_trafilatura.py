"""trafilatura as the peer of our HTML reader in ``benchmarks/bench_html.py``.

trafilatura (Apache-2.0 since 1.8; lxml underneath) is the best-measured open article
extractor on real news pages: on the public article-extraction benchmark's 181 pages
its F1 is 0.948 (0.959 without comments) against 0.901 for our first reader. The app
uses it through the ``[html]`` extra (:mod:`briefing_tui.core.extract.html_web`, with
our reader's headline and fallback); this module is it alone, as its authors run it:
the body without comments, with tables, the page's title put first (trafilatura keeps
the headline as metadata, not text).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import metadata
from types import ModuleType

NAME = "trafilatura"


@lru_cache(maxsize=1)
def _module() -> ModuleType | None:
    try:
        import trafilatura
    except Exception:  # ImportError, or lxml without lxml_html_clean
        return None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # no noise in the table
    module: ModuleType = trafilatura
    return module


def available() -> bool:
    return _module() is not None


@lru_cache(maxsize=1)
def version() -> str:
    return metadata.version(NAME)


def _paragraphs(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line.startswith("- "):
            line = "• " + line[2:]
        if line:
            out.append(line)
    return out


def article_text(page: str) -> str:
    """The article's headline and body as canonical paragraphs ("" when none is found)."""
    module = _module()
    if module is None:
        return ""
    try:
        tree = module.load_html(page)
        if tree is None:
            return ""
        body = module.extract(tree, include_comments=False, include_tables=True,
                              include_images=False, include_formatting=False,
                              include_links=False, deduplicate=False, with_metadata=False,
                              output_format="txt")
        title = module.extract_metadata(tree).title if body else ""
    except (Exception, RecursionError):  # a hostile page: the fallback reader takes it
        return ""
    paragraphs = _paragraphs(body or "")
    title = " ".join((title or "").split())
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs)
