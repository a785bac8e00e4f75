"""HTML briefings: the article's text, not the page around it (standard library only).

The reader when trafilatura (the ``[html]`` extra) is not installed, and beside it when
it is: :mod:`.html_web` takes trafilatura's body, this reader's headline, and this
reader's text when trafilatura finds nothing or much less; measured side by side with
it by ``benchmarks/bench_html.py``.

1. The page is decoded as a browser would (:func:`~.html_tree.decode_html`) and parsed
   into a forgiving tree.
2. Scripts, styles, forms and hidden elements go, and so do ``nav``, ``aside``,
   ``footer`` and ARIA furniture unless one holds half the page's text, and so do the
   stories an infinite-scroll page appends below the article.
3. The article is the densest run of paragraphs, found by :mod:`.html_main` — never by
   cutting on class-name words first — and furniture inside it is left out: share
   bars, related lists, bylines, captions, lines that are mostly links.
4. The headline is put first when the article's container does not hold it: the element
   before it whose text the page's ``og:title``/``<title>`` holds (not a logo ``<h1>``).
5. Each paragraph, heading, list item (``• `` or ``1. ``), data-table row (cells joined
   by `` | ``; layout tables are not rows), quote and ``<br><br>``-separated run of text
   becomes one paragraph of the canonical text; a single ``<br>`` a line break; markup a
   page escaped twice (``&lt;img src=…&gt;``) is not text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.core.extract import html_main
from briefing_tui.core.extract.html_tree import Node, decode_html, parse
from briefing_tui.core.text import DocumentError, LoadedText, text_sha256

RULES_VERSION = 4
EXTRACTOR = f"html.parser {sys.version_info[0]}.{sys.version_info[1]}+briefing.{RULES_VERSION}"
BLOCKS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main "
    "nav ol p pre section summary table tbody td tfoot th thead tr ul".split())
HEADLINE_TAGS = frozenset("h1 h2 h3 b strong font".split())
#: Inside a table cell these make it a layout table, not rows of data.
LAYOUT = frozenset("table p div ul ol h1 h2 h3 h4 h5 h6 blockquote section article".split())
_SPACE = re.compile(r"[ \t\n\f\r\u00a0]+")
#: Markup shown as text by a page that escaped it twice (``&lt;img src=…&gt;``); a bare
#: ``<b>`` in prose is text and stays.
_ESCAPED_TAG = re.compile(r"</?(?:img|a|iframe|div|span|p|figure|source|video|picture|br)"
                          r"\b(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*"
                          r"\s*/?>", re.I)


def _layout_table(table: Node) -> bool:
    """A table used to lay out the page: a cell holds blocks, or a long text."""
    for node in table.walk():
        if node is not table and node.tag in LAYOUT:
            return True
        if node.tag in ("td", "th") and \
                sum(len(c) for c in node.children if isinstance(c, str)) > 300:
            return True
    return False


class _Writer:
    """Walks an element and writes its text as paragraphs."""

    def __init__(self, cut: set[int]) -> None:
        self.cut = cut
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.prefix = ""
        self.cells: list[str] | None = None
        self.tables: list[bool] = []  # for each open table: is it a layout table?
        self.pre = 0

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        if self.pre:
            text = raw.strip("\n").rstrip()
        else:
            raw = _ESCAPED_TAG.sub(" ", raw)
            lines = (" ".join(_SPACE.split(line)).strip() for line in raw.split("\n"))
            text = "\n".join(line for line in lines if line)
        if self.cells is not None:
            if text:
                self.cells.append(text.replace("\n", " "))
            return
        if text:
            self.paragraphs.append(self.prefix + text)
        self.prefix = ""

    def write(self, root: Node) -> None:
        counters: list[int] = []
        stack: list[tuple[Node | str, bool]] = [(root, False)]
        while stack:
            item, leaving = stack.pop()
            if isinstance(item, str):  # a newline in the source is a space; <br> is "\n"
                self.buffer.append(item if self.pre else item.replace("\n", " "))
            elif leaving:
                self.leave(item, counters)
            elif id(item) not in self.cut:
                self.enter(item, counters)
                stack.append((item, True))
                stack.extend((c, False) for c in reversed(item.children))

    def _data_rows(self) -> bool:
        return bool(self.tables) and not self.tables[-1]

    def enter(self, node: Node, counters: list[int]) -> None:
        tag = node.tag
        if tag == "br":
            if not self.pre and "".join(self.buffer).rstrip(" \t").endswith("\n"):
                self.flush()  # <br><br>: a paragraph break, as the page shows it
            else:
                self.buffer.append("\n")
        elif tag in BLOCKS:
            self.flush()
        if tag == "table":
            self.tables.append(_layout_table(node))
        elif tag in ("ol", "ul"):
            start = node.attrs.get("start", "1")
            counters.append(int(start) if tag == "ol" and start.isdigit() else 0)
        elif tag == "li":
            number = counters[-1] if counters else 0
            self.prefix = f"{number}. " if number else "• "
            if number:
                counters[-1] += 1
        elif tag == "tr" and self.cells is None and self._data_rows():
            self.cells = []
        elif tag == "pre":
            self.pre += 1

    def leave(self, node: Node, counters: list[int]) -> None:
        tag = node.tag
        if tag in BLOCKS:
            self.flush()
        if tag == "table" and self.tables:
            self.tables.pop()
        elif tag in ("ol", "ul") and counters:
            counters.pop()
        elif tag == "tr" and self.cells is not None:
            cells, self.cells = self.cells, None
            if cells:
                self.paragraphs.append(" | ".join(cells))
        elif tag == "pre":
            self.pre -= 1


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _page_title(root: Node) -> str:
    """``og:title``, else ``<title>``: what the page says its headline is."""
    title = ""
    for node in root.walk():
        if node.tag == "meta" and node.attrs.get("property", "").lower() == "og:title":
            return _flat(node.attrs.get("content", ""))
        if node.tag == "title" and not title:
            title = _flat("".join(c for c in node.children if isinstance(c, str)))
    return title


def _text_of(node: Node, cut: set[int]) -> str:
    writer = _Writer(cut)
    writer.write(node)
    return " ".join(writer.paragraphs)


def _headline(root: Node, main: list[Node], cut: set[int]) -> tuple[Node | None, bool]:
    """The headline element and whether it must be put first (it is outside the
    article's containers): the first heading-like element, up to the article's first
    paragraph, whose text the page's ``og:title``/``<title>`` holds (a logo in an
    ``<h1>`` is not it), else the last ``<h1>`` before the article."""
    title = _page_title(root)
    inside = {id(n) for top in main for n in top.walk()}
    fallback: Node | None = None
    for node in root.walk():
        if id(node) in inside and node.tag in ("p", "li"):
            break
        if id(node) in cut or node.tag not in HEADLINE_TAGS:
            continue
        flat = _flat(_text_of(node, cut))
        if flat and title and flat in title and (len(flat) >= 12 or title.startswith(flat)):
            return node, id(node) not in inside
        if flat and node.tag == "h1" and id(node) not in inside:
            fallback = node
    if fallback is None or any(n.tag == "h1" for top in main for n in top.walk()
                               if id(n) not in cut):
        return None, False  # none, or the article's own <h1> where it stands
    return fallback, True


@dataclass(frozen=True)
class Article:
    """What our reader found on a page; :mod:`.html_web` puts this headline above
    trafilatura's body, which keeps the headline as metadata, not text."""

    headline: str  # "" when none was found
    paragraphs: list[str]  # the canonical text's paragraphs, the headline first if found


def _walk_kept(root: Node, cut: set[int]) -> Iterator[Node]:
    """The elements under ``root`` in document order, less the cut ones and all below them."""
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in cut:
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))


def read_article(page: str) -> Article:
    """The article on a decoded page, as our reader finds it."""
    root = parse(page)
    title = _page_title(root)
    cut = html_main.furniture_cut(root, title)
    early = html_main.page_headline(root, cut, title)
    cut |= html_main.later_articles(
        root, cut, html_main.page_headline(root, cut, title, frozenset({"h1"})), title)
    main, sizes = html_main.main_nodes(root, cut, early)
    headline, first = _headline(root, main, cut)
    cut = html_main.inner_cut(main, sizes, cut, keep=headline)
    writer = _Writer(cut)
    if headline is not None and first:
        writer.write(headline)
        writer.flush()
        writer.paragraphs[1:] = []
    for node in main:
        writer.write(node)
        writer.flush()
    paragraphs = writer.paragraphs
    if len(paragraphs) > 1 and _flat(paragraphs[0]) == _flat(paragraphs[1]):
        del paragraphs[0]
    heading = " ".join(_text_of(headline, cut).split()) if headline is not None else ""
    if headline is None and paragraphs:  # the article's own heading, when its text opens with it
        opening = _flat(paragraphs[0])
        for n in (n for top in main for n in _walk_kept(top, cut)):
            if n.tag in ("p", "li"):
                break  # the article's body began: no heading opens it
            if n.tag in HEADLINE_TAGS and _flat(_text_of(n, cut)) == opening:
                heading = paragraphs[0]
                break
    return Article(heading, paragraphs)


def html_to_text(page: str) -> str:
    """The article's canonical text from a decoded page ("" when there is none)."""
    return "\n\n".join(read_article(page).paragraphs)


def extract_html(data: bytes, path: Path | str,
                 progress: Callable[[int, int], None] | None = None) -> LoadedText:
    """The canonical text of an HTML page (its main article)."""
    page, encoding, warning = decode_html(data)
    if "\x00" in page[:8192]:
        raise DocumentError(path, "not an HTML page: it holds binary data")
    text = html_to_text(page)
    if progress is not None:
        progress(1, 1)
    if not text.strip():
        raise DocumentError(path, "no text: the page holds no paragraphs to read")
    return LoadedText(text, text_sha256(text), encoding, warning=warning, extractor=EXTRACTOR)
