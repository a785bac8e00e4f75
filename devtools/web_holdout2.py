"""A second held-out set: ten shapes written after the second round of rules was fixed.

Yahoo's ``caas-body``, a Fox-style body with app-promotion lines, a single-``<br>`` Indian
daily, an AP ``RichTextStoryBody``, a Drupal 7 government page with a long link menu in
``div``s, an agency page with teasers longer than its paragraphs, prose full of inline
links, an ``<article>`` per teaser around the article, a ``<dl>`` fact box inside the
article, and a page whose article sits in ``<main>`` with nothing named at all. Measured
once on first contact (see the README's *Formats*); the rules were not changed for them.
"""

from __future__ import annotations

from html import escape

from devtools import web_furniture as f
from devtools.web_articles import ARTICLES, Article
from devtools.web_render import body, byline, page, standfirst

LONG_TEASER = (" The report, based on interviews with more than two hundred families in "
               "four provinces, describes shortages of food, water and medicine, and "
               "calls for a ceasefire, for safe corridors and for more funding.")


def yahoo(a: Article) -> str:
    return page(a, f.menu("ybar", tag="div") + '<div id="module-article"><header class="caas-'
                f'header"><h1>{escape(a.headline)}</h1></header>' + byline(a, "caas-attr")
                + '<div class="caas-body">' + standfirst(a) + body(a.blocks)
                + '</div><div class="caas-readmore"><button>Story continues</button></div>'
                "</div>" + f.teaser_cards("Trending", "stream-items"))


def fox(a: Article) -> str:
    promo = ('<p><strong><a href="/app">CLICK HERE TO GET THE NEWS APP</a></strong></p>')
    return page(a, f.masthead("Fox-like") + '<main class="main-content"><article class='
                f'"article-wrap"><h1 class="headline">{escape(a.headline)}</h1>'
                + standfirst(a, "h2", "sub-headline") + byline(a, "author-byline")
                + '<div class="article-body">' + body(a.blocks, inserts={2: promo, 3: f.ad(
                    "ad-container")}) + "</div></article></main>" + f.most_read())


def indian_daily(a: Article) -> str:
    text = "".join(escape(t, quote=False) + "<br/>" if k == "p" else
                   f"<h2>{escape(t)}</h2>" if k == "h" else f"<p>{escape(t)}</p>"
                   for k, t in a.blocks if k not in ("row", "li"))
    rest = body(tuple(b for b in a.blocks if b[0] in ("row", "li")))
    return page(a, f.masthead("Daily Times") + '<div class="article-page"><h1 class="_1Y-96">'
                f"{escape(a.headline)}</h1>" + standfirst(a, "div", "art_synopsis")
                + f'<div class="_s30J clearfix">{text}{rest}</div>'
                + f.teaser_cards("From around the web", "colombia") + "</div>")


def ap(a: Article) -> str:
    return page(a, f.masthead("AP-like") + '<main class="Page-main"><div class="Page-lead">'
                f'<h1 class="Page-headline">{escape(a.headline)}</h1></div>'
                '<div class="Page-actions">' + f.share_bar("Page-actions-share")
                + '</div><bsp-story-page><div class="RichTextStoryBody RichTextBody">'
                + standfirst(a) + body(a.blocks) + "<p>Associated writers contributed to "
                "this report.</p></div></bsp-story-page></main>")


def drupal7_gov(a: Article) -> str:
    menu = ('<div class="block block-menu"><ul class="menu">' + f.links(
        [f"Programme area {n}: humanitarian coordination and response" for n in range(12)])
        + "</ul></div>")
    return page(a, '<div id="page"><div class="region region-sidebar-first">' + menu
                + '</div><div class="region region-content"><h1 class="title" id="page-'
                f'title">{escape(a.headline)}</h1><div class="node node-news"><div class="field '
                'field-name-body"><div class="field-items"><div class="field-item even" '
                'property="content:encoded">' + standfirst(a) + body(a.blocks)
                + "</div></div></div></div></div></div>")


def long_teasers(a: Article) -> str:
    cards = "".join(f'<div class="teaser"><h3><a href="/n/{i}">{escape(t)}</a></h3><p>'
                    f"{escape(s + LONG_TEASER)}</p></div>" for i, (t, s) in enumerate(f.TEASERS))
    return page(a, f.masthead("Agency Today") + '<div class="wrapper"><div class="story">'
                f"<h1>{escape(a.headline)}</h1>" + standfirst(a) + body(a.blocks)
                + f'</div><div class="latest">{cards}</div></div>')


def linked_prose(a: Article) -> str:
    def para(i: int, text: str) -> str:
        words = text.split(" ")
        words[2:5] = [f'<a href="/w/{i}">{" ".join(words[2:5])}</a>']
        if len(words) > 12:
            words[9:11] = [f'<a href="/x/{i}">{" ".join(words[9:11])}</a>']
        return "<p>" + " ".join(words) + "</p>"
    return page(a, f.masthead("Explainer") + '<div class="article-content">'
                f"<h1>{escape(a.headline)}</h1>" + standfirst(a) + body(a.blocks, para=para)
                + "</div>" + f.related())


def article_teasers(a: Article) -> str:
    cards = "".join(f'<article class="teaser"><h2><a href="/n/{i}">{escape(t)}</a></h2>'
                    f"<p>{escape(s)}</p></article>" for i, (t, s) in enumerate(f.TEASERS))
    return page(a, f.masthead("Metro") + '<main><article class="story-full"><h1>'
                f"{escape(a.headline)}</h1>" + byline(a) + standfirst(a) + body(a.blocks)
                + f'</article><section class="latest">{cards}</section></main>')


def fact_box(a: Article) -> str:
    box = ('<dl class="facts"><dt>Displaced</dt><dd>1.2 million</dd><dt>Funding</dt>'
           "<dd>22 per cent</dd></dl>")
    return page(a, f.masthead("Numbers Desk") + '<div class="entry"><h1>'
                f"{escape(a.headline)}</h1>" + standfirst(a) + body(a.blocks, inserts={1: box})
                + "</div>")


def unnamed_main(a: Article) -> str:
    return page(a, f.menu() + "<main><div><div><h1>" + escape(a.headline) + "</h1>"
                + standfirst(a) + "</div><div>" + body(a.blocks) + "</div></div></main>"
                "<div><div>" + "".join(f"<div><h3><a>{escape(t)}</a></h3><p>{escape(s)}</p>"
                                       "</div>" for t, s in f.TEASERS) + "</div></div>")


SHAPES = (yahoo, fox, indian_daily, ap, drupal7_gov, long_teasers, linked_prose,
          article_teasers, fact_box, unnamed_main)


def gold(shape_name: str, article: Article) -> str:
    if shape_name == "fact_box":  # the fact box is article text: label and value rows
        text = article.gold().split("\n\n")
        at = 1 + bool(article.standfirst) + 1
        box = ["Displaced", "1.2 million", "Funding", "22 per cent"]
        return "\n\n".join([*text[:at], *box, *text[at:]])
    if shape_name == "indian_daily":  # tables and lists drawn after the text
        out = [article.headline] + ([article.standfirst] if article.standfirst else [])
        out += [t for k, t in article.blocks if k not in ("row", "li")]
        out += [t.replace("|", " | ") if k == "row" else t for k, t in article.blocks
                if k in ("row", "li")]
        return "\n\n".join(out)
    return article.gold()


def pages() -> list[tuple[str, str, str]]:
    """(name, html, gold): each shape with two articles (20 pages)."""
    return [(f"{shape.__name__}-{article.slug}", shape(article), gold(shape.__name__, article))
            for index, shape in enumerate(SHAPES)
            for article in (ARTICLES[(index + 5) % len(ARTICLES)],
                            ARTICLES[(index + 13) % len(ARTICLES)])]

