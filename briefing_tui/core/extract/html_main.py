"""Where the article is on a page: the densest run of paragraphs, and what to leave out.

Our first reader took the deepest element holding 85 % of the page's ``<p>`` text and
cut elements by words in their class names before looking. On real pages that failed
four ways: CNN's paragraphs are ``div``s (no ``<p>`` text at all), a Blogger
``widget Blog`` wrapper or a ``left-side`` column was cut with the article in it, and
the whole ``body`` won whenever teaser cards and comments held a sixth of the text. So:

1. **Paragraphs are blocks of text**, whatever their tag: a ``<p>``, or a ``div``,
   ``section`` or table cell holding text of its own (``<br>``-separated text too).
   Link text does not count, and blocks that are mostly links are not paragraphs.
2. **Each paragraph votes for its container** (the parent fully, the grandparent half,
   Readability's scheme): 1 + its commas + one per 100 characters (at most 3).
3. **Names only weigh, they never cut before the choice**: ``article``, ``content``,
   ``entry``, ``post``, ``story`` … add to a container's score, ``comment``,
   ``sidebar``, ``related``, ``share`` … take away; the link density lowers it.
4. **The best container wins, with its siblings of similar score** (an article split in
   two by an advert). Inside it, furniture is left out: elements named share, related,
   newsletter, byline, caption, comment …, link lists, and blocks that are mostly links
   (``Read more: …``) — unless one holds half the article's text.
5. **What real pages added** (``bench_html --snippets``): a container whose votes came
   mostly from teaser cards is a list of them (its score counts 0.3); the intro between
   the headline and the article's container is the article's; and an infinite-scroll
   page's next stories, each under an ``<h1>`` named like the headline, are cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing_tui.core.extract.html_tree import Node

#: Never text: dropped wherever they are.
ALWAYS_DROP = frozenset(
    "script style noscript template svg math head iframe object embed canvas audio video "
    "select button textarea input option datalist map picture source form amp-ad "
    "amp-sidebar amp-social-share".split())
#: Page furniture by tag and role, left out unless they hold half the page's text.
FURNITURE_TAGS = frozenset("nav aside footer menu dialog".split())
FURNITURE_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar dialog alertdialog "
    "toolbar".split())
#: Left out of the article when most of their text is links (a ``Read more: …`` line too).
LINK_LISTS = frozenset("ul ol div section table dl p h2 h3 h4".split())
PARAGRAPHS = frozenset("p pre blockquote".split())
#: How much a list of teaser cards' votes count (see :func:`main_nodes`).
TEASER_LIST = 0.3
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
HOLDERS = frozenset("div section td article main font center span dd".split())
#: Where pages name their parts (React sites use data attributes rather than classes).
NAME_ATTRIBUTES = ("class", "id", "data-component", "data-gu-name", "data-testid", "data-qa",
                   "itemprop")
_POSITIVE = re.compile(r"article|body|content|entry|hentry|main|post|story|text|"
                       r"paragraph|speakable|wysiwyg|markup|blog|prose", re.I)
_NEGATIVE = re.compile(r"comment|sidebar|side-bar|related|share|sharing|social|footer|"
                       r"masthead|menu|nav|widget|promo|sponsor|advert|outbrain|taboola|"
                       r"recirc|popular|most-read|newsletter|subscri|cookie|consent|teaser|"
                       r"card|stream|read-next|read-more|more-on|onward|river|rail|"
                       r"breadcrumb|byline|author|meta|tags|caption", re.I)
#: Name parts that mark furniture inside the article (whole parts of class/id names).
INNER_FURNITURE = frozenset(
    "share sharing sharedaddy social related relatedposts recirc recirculation newsletter "
    "subscribe subscription signup byline author authors meta metadata dateline tags labels "
    "caption "
    "credit comments comment respond advert advertisement ad ads promo sponsored outbrain "
    "taboola breadcrumb breadcrumbs cookie consent trust badge readmore read-more more-on "
    "recommended popular rich-link links-block byline-block image-block footer "
    "post-footer entry-footer entry-meta sign-off".split())
_PARTS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)?")
_SPACE = re.compile(r"\s+")


def names(node: Node) -> str:
    attrs = node.attrs
    return " ".join(attrs.get(k, "") for k in NAME_ATTRIBUTES).lower()


def hidden(node: Node) -> bool:
    attrs = node.attrs
    style = attrs.get("style", "").replace(" ", "").lower()
    return "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true" or \
        "display:none" in style or "visibility:hidden" in style or \
        attrs.get("layout", "") == "nodisplay"


def inner_furniture(node: Node) -> bool:
    """Furniture by a whole part of a name (``post-share-buttons``, ``byline-block``)."""
    text = names(node)
    if not text:
        return False
    parts = set(re.findall(r"[a-z0-9]+", text)) | set(_PARTS.findall(text))
    return not INNER_FURNITURE.isdisjoint(parts) or node.tag == "figcaption"


@dataclass
class Measure:
    """Text under each element: all of it and the part inside links (characters)."""

    text: dict[int, int] = field(default_factory=dict)
    links: dict[int, int] = field(default_factory=dict)
    commas: dict[int, int] = field(default_factory=dict)
    own: dict[int, int] = field(default_factory=dict)  # text that is a direct child
    parent: dict[int, Node] = field(default_factory=dict)

    def density(self, node: Node) -> float:
        total = self.text.get(id(node), 0)
        return self.links.get(id(node), 0) / total if total else 0.0


def measure(root: Node, cut: set[int]) -> Measure:
    """One pass, children before parents, no recursion (pages nest thousands deep)."""
    out = Measure()
    order: list[tuple[Node, bool]] = []
    stack = [(root, False)]
    while stack:
        node, in_link = stack.pop()
        order.append((node, in_link))
        for child in node.children:
            if isinstance(child, Node) and id(child) not in cut:
                out.parent[id(child)] = node
                stack.append((child, in_link or child.tag == "a"))
    for node, in_link in reversed(order):
        own = "".join(c for c in node.children if isinstance(c, str))
        length = len(_SPACE.sub(" ", own).strip())
        text, links, commas = length, length if in_link else 0, own.count(",")
        for child in node.children:
            if isinstance(child, Node) and id(child) not in cut:
                text += out.text[id(child)]
                links += out.links[id(child)]
                commas += out.commas[id(child)]
        key = id(node)
        out.text[key], out.links[key], out.commas[key] = text, links, commas
        out.own[key] = length
    return out


def furniture_cut(root: Node, title: str = "") -> set[int]:
    """Elements never read: scripts and the like, hidden ones, nav/aside/footer by tag or
    role unless one holds half the page's text and the page's headline (the heading its
    ``title`` names) is not outside it: a long sidebar beside a short post is furniture,
    an article a page wrapped in ``<aside>`` is not."""
    cut = {id(n) for n in root.walk() if n.tag in ALWAYS_DROP or hidden(n)}
    sizes = measure(root, cut)
    total = sizes.text.get(id(root), 0)
    headline = page_headline(root, cut, title)
    for node in root.walk():
        if (node.tag in FURNITURE_TAGS or node.attrs.get("role", "").lower() in
                FURNITURE_ROLES) and not (sizes.text.get(id(node), 0) >= 0.5 * total and
                                          sizes.text[id(node)] - sizes.links[id(node)] >= 200
                                          and _holds(node, headline)):
            cut.add(id(node))
    return cut


def _holds(node: Node, headline: Node | None) -> bool:
    """No headline was found, or it is inside ``node``."""
    return headline is None or any(n is headline for n in node.walk())


def _factor(node: Node) -> float:
    """How a container's names and tag scale its votes. A factor, not Readability's
    +-25 added: added, one teaser's ``media-body`` outscored a whole article."""
    text = names(node)
    factor = 1.0
    if _POSITIVE.search(text):
        factor *= 1.5
    if _NEGATIVE.search(text):
        factor *= 0.5
    return factor * {"article": 1.2, "main": 1.1, "ul": 0.8, "ol": 0.8, "li": 0.8,
                     "dl": 0.8, "form": 0.5, "th": 0.5}.get(node.tag, 1.0)


def _is_paragraph(node: Node, sizes: Measure) -> bool:
    key = id(node)
    if node.tag in PARAGRAPHS:
        return sizes.text.get(key, 0) - sizes.links.get(key, 0) >= 25
    return node.tag in HOLDERS and sizes.own.get(key, 0) >= 25


def _text_runs(node: Node) -> int:
    """How many runs of text of its own (between ``<br>``s) an element holds."""
    return sum(1 for c in node.children if isinstance(c, str) and len(c.strip()) >= 25)


def _teaser(container: Node, sizes: Measure) -> bool:
    """A teaser card: a linked heading and one or two paragraphs. Its paragraph votes
    for it weakly, so a column of long teasers does not outvote a short article."""
    linked = paragraphs = 0
    for child in container.children:
        if not isinstance(child, Node):
            continue
        if child.tag in HEADINGS and sizes.density(child) > 0.5:
            linked += 1
        elif child.tag in PARAGRAPHS:
            paragraphs += 1
    return linked > 0 and paragraphs <= 2


def _cached_teaser(container: Node, sizes: Measure, seen: dict[int, bool]) -> bool:
    key = id(container)
    if key not in seen:  # a container of 20,000 paragraphs is looked at once, not 20,000 times
        seen[key] = _teaser(container, sizes)
    return seen[key]


def _sibling(node: Node, best: Node, sizes: Measure) -> bool:
    """A sibling of the best container that is more of the article: a container named
    like it (the other half of an article split by an advert), or a paragraph. (A
    sibling that merely scores well is not: a column of teaser cards scores well.)"""
    if names(node) == names(best) and names(node) and sizes.density(node) < 0.5 and \
            sizes.text.get(id(node), 0) >= 25:
        return True  # one block of a paragraph-per-block layout (Squarespace, NYT)
    return _is_paragraph(node, sizes) and sizes.density(node) < 0.25 and \
        sizes.text.get(id(node), 0) >= 80


def main_nodes(root: Node, cut: set[int], headline: Node | None = None,
               ) -> tuple[list[Node], Measure]:
    """The containers of the article, in document order (``[root]`` when no paragraph).
    ``headline`` (:func:`page_headline`), when a sibling of the article's container or
    inside one before it, starts the article: what lies between them is its lede."""
    sizes = measure(root, cut)
    scores: dict[int, float] = {}
    nodes: dict[int, Node] = {}
    teasers: dict[int, bool] = {}  # container -> is a teaser card (asked once each)
    via_teasers: dict[int, float] = {}  # the part of each score that came from cards
    for node in root.walk():
        if id(node) in cut or not _is_paragraph(node, sizes) or sizes.density(node) > 0.5:
            continue
        key = id(node)
        plain = sizes.text[key] - sizes.links[key]
        runs = _text_runs(node) if node.tag not in PARAGRAPHS else 1
        vote = runs + sizes.commas[key] + min(plain // 100, 3 * runs)
        up = sizes.parent.get(key)
        if runs >= 2:  # a holder of <br>-separated text is a container itself
            up, vote_shares = node, (1.0, 0.5)
        elif up is not None and _cached_teaser(up, sizes, teasers):
            vote_shares = (0.3, 0.15)
        else:
            vote_shares = (1.0, 0.5)
        card = vote_shares[0] < 1.0
        for share in vote_shares:
            if up is None:
                break
            nodes[id(up)] = up
            scores[id(up)] = scores.get(id(up), 0.0) + vote * share
            if card:
                via_teasers[id(up)] = via_teasers.get(id(up), 0.0) + vote * share
            up = sizes.parent.get(id(up))
    if not scores:
        return [root], sizes
    # a column of teaser cards adds up, card by card, to more than a short article: a
    # container whose votes came mostly from cards is a list of them, not the article
    final = {k: s * _factor(nodes[k]) * (1 - sizes.density(nodes[k])) *
             (TEASER_LIST if via_teasers.get(k, 0.0) >= 0.5 * s else 1.0)
             for k, s in scores.items()}
    best = nodes[max(final, key=lambda k: final[k])]
    parent = sizes.parent.get(id(best))
    while parent is not None and sizes.text[id(parent)] - sizes.text[id(best)] < 25:
        final[id(parent)] = max(final.get(id(parent), 0.0), final[id(best)])
        best, parent = parent, sizes.parent.get(id(parent))  # its wrapper, not a part
    if parent is None:
        return [best], sizes
    children = [c for c in parent.children if isinstance(c, Node) and id(c) not in cut]
    marks = [i for i, c in enumerate(children) if c is best or _sibling(c, best, sizes)]
    lede = _lede_start(children, children.index(best), headline, sizes)
    if lede is not None and lede < marks[0]:
        marks.insert(0, lede)
    # what lies between two parts of the article is article too (a list, a table, a
    # heading); inner_cut then takes the furniture out of it
    return children[marks[0]:marks[-1] + 1], sizes


def _lede_start(children: list[Node], best: int, headline: Node | None, sizes: Measure,
                ) -> int | None:
    """The index of the article's lede when the headline comes before the article's
    container: the first child after the headline's that holds a paragraph of its own
    (an intro; a byline or a date is not one), provided what lies from there to the
    container is not mostly links nor longer than the container."""
    if headline is None:
        return None
    holders = set()
    node: Node | None = headline
    while node is not None:
        holders.add(id(node))
        node = sizes.parent.get(id(node))
    start = next((i for i, c in enumerate(children[:best]) if id(c) in holders), None)
    if start is None:
        return None
    lede = next((i for i in range(start + 1, best) if any(
        n.tag in PARAGRAPHS and sizes.text.get(id(n), 0) - sizes.links.get(id(n), 0) >= 80
        for n in children[i].walk())), None)
    if lede is None:
        return None
    between = children[lede:best]
    text = sum(sizes.text.get(id(c), 0) for c in between)
    links = sum(sizes.links.get(id(c), 0) for c in between)
    if text > sizes.text.get(id(children[best]), 0) or links > 0.5 * text:
        return None
    return lede


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _plain(node: Node, cut: set[int]) -> str:
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif id(item) not in cut:
            stack.extend(reversed(item.children))
    return _flat(" ".join(parts))


def page_headline(root: Node, cut: set[int], title: str,
                  tags: frozenset[str] = HEADINGS) -> Node | None:
    """The first heading whose text the page's title (``og:title``/``<title>``, flat)
    holds: the article's headline, found before the article is."""
    if not title:
        return None
    for node in root.walk():
        if node.tag in tags and id(node) not in cut:
            flat = _plain(node, cut)
            if flat and flat in title and (len(flat) >= 12 or title.startswith(flat)):
                return node
    return None


def later_articles(root: Node, cut: set[int], headline: Node | None, title: str,
                   ) -> set[int]:
    """What follows a second article's ``<h1>`` (an infinite-scroll page appends the next
    stories below the first): an ``<h1>`` after the headline, named like it (the same
    first class name), whose text the page's title does not hold. Everything after it
    in document order is cut (its ancestors, which hold the article too, are not)."""
    if headline is None or headline.tag != "h1":
        return set()
    first = headline.attrs.get("class", "").split()[:1]
    if not first:
        return set()
    out: set[int] = set()
    passed = boundary = False
    for node in root.walk():
        if boundary:
            out.add(id(node))
        elif node is headline:
            passed = True
        elif passed and node.tag == "h1" and id(node) not in cut and \
                node.attrs.get("class", "").split()[:1] == first and \
                _plain(node, cut) not in title:
            boundary = True
            out.add(id(node))
    return out


def inner_cut(main: list[Node], sizes: Measure, cut: set[int], keep: Node | None = None,
              ) -> set[int]:
    """Furniture inside the article's containers (see rule 4); ``cut`` grows. ``keep``
    (the headline) and the elements holding it are never cut."""
    total = sum(sizes.text.get(id(n), 0) for n in main) or 1
    kept: set[int] = set()
    node_id = id(keep) if keep is not None else None
    while node_id is not None:
        kept.add(node_id)
        parent = sizes.parent.get(node_id)
        node_id = id(parent) if parent is not None else None
    out = set(cut)
    for top in main:
        for node in top.walk():
            key = id(node)
            if key in out or key in kept or sizes.text.get(key, 0) >= 0.5 * total:
                continue
            if inner_furniture(node) or (node.tag in LINK_LISTS and sizes.density(node) > 0.5):
                out.add(key)
    return out
