"""HTML briefings: the article's text, not the page around it (standard library only).

Chosen on evidence (issue #5, numbers in the README): on saved news pages with menus,
sidebars, cookie banners, comments and scripts, these rules kept every article word and
let through less boilerplate than trafilatura, in a tenth of its time and with no
dependency (trafilatura brings lxml and six more packages); selectolax parses faster
but leaves the same rules to write.

1. The page is decoded as a browser would (:func:`~.html_tree.decode_html`).
2. Scripts, styles, forms' controls and hidden elements go; so do menus, footers,
   sidebars, share bars, cookie banners, related links and comments, found by tag
   (``nav``, ``aside``, ``footer``), ARIA role, or words in class and id names — but an
   element found only by its names is kept if it holds half the page's text (a
   ``<body class="has-sidebar">``).
3. The article is the deepest element holding 85% of the remaining paragraph text, links
   not counted (so link lists never win); the page's ``<h1>`` is kept when it sits just
   before it.
4. Each paragraph, heading, list item (``• `` or ``1. ``), table row (cells joined by
   `` | ``), quote and caption becomes one paragraph of the canonical text; ``<br>`` a
   line break.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from briefing_tui.core.extract.html_tree import Node, decode_html, parse
from briefing_tui.core.text import DocumentError, LoadedText, text_sha256

RULES_VERSION = 1
EXTRACTOR = f"html.parser {sys.version_info[0]}.{sys.version_info[1]}+briefing.{RULES_VERSION}"
MAIN_SHARE = 0.85
#: Never text: dropped wherever they are.
ALWAYS_DROP = frozenset(
    "script style noscript template svg math head iframe object embed canvas audio video "
    "select button textarea input option datalist map picture source".split())
#: Page furniture by tag and role; dropped unless they hold half the page's text.
FURNITURE_TAGS = frozenset("nav aside footer menu dialog".split())
FURNITURE_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar dialog alertdialog "
    "toolbar".split())
FURNITURE_WORDS = frozenset(
    "nav navbar navigation menu menubar topbar footer cookie cookies consent gdpr share "
    "sharing social breadcrumb breadcrumbs sidebar side rail related recommended "
    "recirculation comments comment advert advertisement ads ad promo newsletter subscribe "
    "signup popup modal skip masthead toolbar widget outbrain taboola sponsored paywall "
    "meistgelesen".split())
BLOCKS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main "
    "nav ol p pre section summary table tbody td tfoot th thead tr ul".split())
TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li dd dt td th pre blockquote figcaption "
                        "caption".split())
_WORDS = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"[ \t\n\f\r\u00a0]+")


def _hidden(node: Node) -> bool:
    attrs = node.attrs
    style = attrs.get("style", "").replace(" ", "").lower()
    return "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true" or \
        "display:none" in style or "visibility:hidden" in style


def _furniture_element(node: Node) -> bool:
    return node.tag in FURNITURE_TAGS or node.attrs.get("role", "").lower() in FURNITURE_ROLES


def _furniture_name(node: Node) -> bool:
    names = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}"
    return not FURNITURE_WORDS.isdisjoint(_WORDS.findall(names.lower()))


class _Weights:
    """Paragraph text (links not counted) under each element, with some elements cut."""

    def __init__(self, root: Node, cut: set[int], *, all_text: bool = False) -> None:
        self.cut = cut
        self.all_text = all_text  # for pages of bare text in <div>s, without <p>
        self.own: dict[int, int] = {}
        self.total = self._weigh(root)

    def _weigh(self, root: Node) -> int:
        order: list[tuple[Node, bool, bool]] = []  # (node, in a text block, in a link)
        stack = [(root, False, False)]
        while stack:
            node, in_block, in_link = stack.pop()
            order.append((node, in_block, in_link))
            block = in_block or node.tag in TEXT_BLOCKS or self.all_text
            link = in_link or node.tag == "a"
            stack.extend((c, block, link) for c in node.children
                         if isinstance(c, Node) and id(c) not in self.cut)
        for node, in_block, in_link in reversed(order):  # children before parents
            weight = sum(self.own.get(id(c), 0) for c in node.children if isinstance(c, Node)
                         and id(c) not in self.cut)
            if (in_block or node.tag in TEXT_BLOCKS) and not (in_link or node.tag == "a"):
                weight += sum(len(c.strip()) for c in node.children if isinstance(c, str))
            self.own[id(node)] = weight
        return self.own.get(id(root), 0)

    def __getitem__(self, node: Node) -> int:
        return self.own.get(id(node), 0)


def _weights(root: Node, cut: set[int]) -> _Weights:
    weights = _Weights(root, cut)
    return weights if weights.total >= 200 else _Weights(root, cut, all_text=True)


def _cut(root: Node) -> set[int]:
    """Ids of the elements whose text is left out (see the module's rule 2)."""
    cut = {id(n) for n in root.walk()
           if n.tag in ALWAYS_DROP or _hidden(n) or _furniture_element(n)}
    weights = _weights(root, cut)
    cut |= {id(n) for n in root.walk() if _furniture_name(n) and weights[n] < 0.5 * weights.total}
    return cut


def _main(root: Node, weights: _Weights) -> Node:
    """The deepest element holding :data:`MAIN_SHARE` of the paragraph text."""
    node = root
    while True:
        children = [c for c in node.children if isinstance(c, Node) and id(c) not in
                    weights.cut]
        best = max(children, key=lambda c: weights[c], default=None)
        if best is None or weights[best] < MAIN_SHARE * weights.total or \
                best.tag in TEXT_BLOCKS:
            return node
        node = best


class _Writer:
    """Walks an element and writes its text as paragraphs."""

    def __init__(self, cut: set[int]) -> None:
        self.cut = cut
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.prefix = ""
        self.cells: list[str] | None = None
        self.pre = 0

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        if self.pre:
            text = raw.strip("\n").rstrip()
        else:
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

    def enter(self, node: Node, counters: list[int]) -> None:
        tag = node.tag
        if tag == "br":
            self.buffer.append("\n")
        elif tag in BLOCKS:
            self.flush()
        if tag in ("ol", "ul"):
            start = node.attrs.get("start", "1")
            counters.append(int(start) if tag == "ol" and start.isdigit() else 0)
        elif tag == "li":
            number = counters[-1] if counters else 0
            self.prefix = f"{number}. " if number else "• "
            if number:
                counters[-1] += 1
        elif tag == "tr" and self.cells is None:
            self.cells = []
        elif tag == "pre":
            self.pre += 1

    def leave(self, node: Node, counters: list[int]) -> None:
        tag = node.tag
        if tag in BLOCKS:
            self.flush()
        if tag in ("ol", "ul") and counters:
            counters.pop()
        elif tag == "tr" and self.cells is not None:
            cells, self.cells = self.cells, None
            if cells:
                self.paragraphs.append(" | ".join(cells))
        elif tag == "pre":
            self.pre -= 1


def _headline(root: Node, main: Node, cut: set[int]) -> str:
    """The page's first <h1> when the article does not hold it and it comes before."""
    for node in main.walk():
        if node.tag == "h1":
            return ""
    for node in root.walk():
        if node is main:
            return ""
        if node.tag == "h1" and id(node) not in cut:
            writer = _Writer(cut)
            writer.write(node)
            return writer.paragraphs[0] if writer.paragraphs else ""
    return ""


def html_to_text(page: str) -> str:
    """The article's canonical text from a decoded page ("" when there is none)."""
    root = parse(page)
    cut = _cut(root)
    weights = _weights(root, cut)
    main = _main(root, weights) if weights.total else root
    writer = _Writer(cut)
    writer.write(main)
    headline = _headline(root, main, cut)
    paragraphs = ([headline] if headline else []) + writer.paragraphs
    return "\n\n".join(paragraphs)


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
