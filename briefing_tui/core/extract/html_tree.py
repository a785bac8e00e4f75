"""A small, forgiving HTML tree and the page's declared encoding, with the standard library.

Saved news pages are tag soup: unclosed ``<p>`` and ``<li>``, stray end tags, scripts full
of ``</p>``. :class:`TreeBuilder` follows the few HTML parsing rules that matter for text
(void elements, implied end tags, script and style as raw text) and never raises; entities
are decoded by :mod:`html.parser`. Depth is capped so a hostile page cannot exhaust the
stack of anything that walks the tree.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_DEPTH = 256
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Start tags that close an open <p> (the HTML spec's list, shortened).
CLOSES_P = frozenset(
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section table "
    "ul".split())
#: An open element of the key's kind is closed by a new one of these (siblings).
SIBLINGS = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
            "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "option": {"option"},
            "thead": {"tbody", "tfoot"}, "tbody": {"tbody", "tfoot"}}
_CLOSERS = frozenset(tag for tags in SIBLINGS.values() for tag in tags)
#: Where implied closing stops (an <li> in a nested list does not close the outer one).
SCOPES = frozenset("ul ol dl table tbody thead tfoot html body".split())


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """This node and every element below it, in document order (no recursion)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))


class TreeBuilder(HTMLParser):
    """Builds a :class:`Node` tree from HTML text; never raises on bad markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack: list[Node] = [self.root]
        self.open: Counter[str] = Counter()  # open elements by tag: most tags close
        # nothing, and then the stack (up to MAX_DEPTH deep) need not be searched

    def _close(self, tag: str) -> None:
        if not self.open[tag]:
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                self.open.subtract(node.tag for node in self.stack[index:])
                del self.stack[index:]
                return

    def _implied_end(self, tag: str) -> None:
        if tag in CLOSES_P and self.open["p"]:
            for node in reversed(self.stack[1:]):
                if node.tag == "p":
                    self._close("p")
                    break
                if node.tag in SCOPES or node.tag in ("td", "th", "li", "button"):
                    break
        closed = tag in _CLOSERS
        while closed:  # a new <tr> closes the open <td>, then the open <tr>
            closed = False
            for node in reversed(self.stack[1:]):
                if tag in SIBLINGS.get(node.tag, ()):
                    self._close(node.tag)
                    closed = True
                    break
                if node.tag in SCOPES:
                    break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_end(tag)
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)
            self.open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_end(tag)
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is a line break to browsers
            self.stack[-1].children.append(Node("br"))
        elif tag == "p" and not self.open["p"]:
            self.stack[-1].children.append(Node("p"))  # </p> alone makes an empty p
        else:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![...>`` outside SVG and MathML is a bogus comment up to the next ``>``
        (HTML5); the standard library's parser raises AssertionError on most of them."""
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1


def parse(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# -- encodings -------------------------------------------------------------------------

_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
#: Labels the WHATWG Encoding standard maps to windows-1252 (as every browser does).
_WINDOWS_1252 = frozenset(
    "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
    "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252".split())
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def _whatwg_1252(error: UnicodeError) -> tuple[str, int]:
    """windows-1252's five unassigned bytes decode to the C1 code points (WHATWG)."""
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start]
    return chr(byte), error.start + 1


codecs.register_error("briefing-whatwg-1252", _whatwg_1252)


def declared_encoding(data: bytes) -> str | None:
    """The encoding a BOM, ``<meta>`` or XML declaration names (a Python codec name)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:8192]
    found = _XML.match(head) or _META.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii", "replace").strip().lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    if label.startswith("utf-16"):
        return "utf-8"  # a page that says UTF-16 in ASCII bytes is not UTF-16 (WHATWG)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, str]:
    """The page as text with CR and CRLF made LF: (text, encoding, warning)."""
    encoding = declared_encoding(data)
    warning = ""
    for bom, _ in _BOMS:
        if data.startswith(bom):
            data = data[len(bom):]
    if encoding is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"  # what browsers fall back to for Western pages
            text = data.decode(encoding, "briefing-whatwg-1252")
    elif encoding == "cp1252":
        text = data.decode(encoding, "briefing-whatwg-1252")
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            text = data.decode(encoding, "replace")
            warning = (f"bytes invalid in the page's declared {encoding} (first at offset "
                       f"{exc.start}) shown as \ufffd")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, warning
