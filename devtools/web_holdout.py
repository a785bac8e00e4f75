"""Held-out look-alike pages: shapes written after the reader's rules were fixed.

:mod:`devtools.web_pages` is the set the rules were developed on; these twelve shapes
(NYT's companion columns, the Washington Post's ``data-qa`` blocks, a French and a
Pakistani paper, a Bootstrap news site, Joomla, Squarespace's one-block-per-paragraph,
Wix, a bare ``<body>`` of ``<p>``s, an agency's ``<span>``+``<br>`` text, a report page
with attachments, and a two-paragraph brief) were written afterwards and not tuned on,
so their score is the honest estimate of how the reader does on pages it has not seen.
"""

from __future__ import annotations

from html import escape

from devtools import web_furniture as f
from devtools.web_articles import ARTICLES, Article
from devtools.web_render import Para, body, byline, page, standfirst


def nyt(a: Article) -> str:
    half = max(1, len(a.blocks) // 2)
    column = '<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1fanzo5">{}' \
        "</div></div>"
    para: Para = lambda i, t: f'<p class="css-at9mc1 evys1bk0">{t}</p>'  # noqa: E731
    return page(a, '<div id="NYT_ABOVE_MAIN_CONTENT_REGION">' + f.ad("ad top-wrapper")
                + '</div><main id="site-content"><article id="story"><header class="css-'
                f'1vkm6nb"><h1 data-testid="headline" class="css-1j5ig5">{escape(a.headline)}'
                "</h1>" + standfirst(a, "p", "css-w6ymp8 e1wiw3jv0") + byline(a, "css-1x6kh7")
                + '</header><section name="articleBody" class="meteredContent">'
                + column.format(body(a.blocks[:half], para=para)) + f.ad("css-ad-mid")
                + column.format(body(a.blocks[half:], para=para)) + "</section>"
                '<div class="bottom-of-article"><div class="css-1jp38cr"><p>A version of this '
                "article appears in print, Section A, Page 9 of the New York edition.</p>"
                "</div></div></article>" + f.teaser_cards("More in World", "css-1l4spti")
                + "</main>")


def washington_post(a: Article) -> str:
    para: Para = lambda i, t: f'<div class="wpds-c-PJLV article-body" data-qa="article-body">' \
        f'<p data-el="text" dir="null" class="wpds-c-cYdRxM">{t}</p></div>'  # noqa: E731
    promo = ('<div data-qa="subscribe-promo"><p>Get the latest news delivered to your '
             "inbox every morning with our free newsletter.</p><a>Sign up</a></div>")
    return page(a, f.menu("wpds-c-nav", tag="div") + '<main><div class="grid-layout">'
                f'<h1 data-qa="headline"><span>{escape(a.headline)}</span></h1>'
                + standfirst(a, "h2", "wpds-c-fJKSbB") + byline(a, "wpds-c-author")
                + '<div class="grid-body">' + body(a.blocks, para=para, inserts={2: promo})
                + "</div></div>" + f.most_read("wpds-c-most-read") + "</main>")


def french(a: Article) -> str:
    return page(a, f.masthead("Monde Actu") + '<main class="t-content"><article class='
                f'"t-content__article-wrapper"><h1 class="t-content__title a-page-title">'
                f"{escape(a.headline)}</h1>" + standfirst(a, "p", "t-content__chapo")
                + '<div class="m-pub-dates">Publié le ' + a.date + "</div>"
                + '<div class="t-content__body u-clearfix">' + body(a.blocks)
                + '<p class="a-read-more"><a href="/x">Lire aussi : les dernières infos</a>'
                "</p></div></article>" + f.teaser_cards("À lire aussi", "m-item-list")
                + "</main>")


def dawn(a: Article) -> str:
    return page(a, f.masthead("Dawn-like") + '<div class="container"><article class="story '
                'story--large"><h2 class="story__title text-6"><a class="story__link" href="'
                f'/news/1">{escape(a.headline)}</a></h2>' + byline(a, "story__byline")
                + '<div class="story__content  pt-1  mt-1  text-base">' + standfirst(a)
                + body(a.blocks) + f"<p><em>Header image: {escape(a.caption)}</em></p></div>"
                "</article>" + f.most_read("sidebar-most-popular") + "</div>")


def bootstrap(a: Article) -> str:
    teasers = "".join(f'<div class="media"><div class="media-body"><h4><a href="/t/{i}">'
                      f"{escape(t)}</a></h4><p>{escape(s)}</p></div></div>"
                      for i, (t, s) in enumerate(f.TEASERS))
    return page(a, f.masthead("Kabul Daily") + '<div class="container"><div class="row">'
                f'<div class="col-md-8"><h1>{escape(a.headline)}</h1>'
                + byline(a, "text-muted small") + standfirst(a, "p", "lead")
                + body(a.blocks) + '</div><div class="col-md-4">' + teasers
                + "</div></div></div>")


def joomla(a: Article) -> str:
    modules = ('<div class="moduletable"><h3>Latest News</h3><ul class="latestnews">'
               + f.links([t for t, _ in f.TEASERS]) + "</ul></div>")
    return page(a, '<div id="wrapper"><div id="header">' + f.menu("moduletable_menu", tag="div")
                + '</div><div id="main"><div class="item-page" itemscope><div class="page-'
                f'header"><h2 itemprop="headline">{escape(a.headline)}</h2></div><dl class='
                '"article-info muted"><dd class="createdby">Written by ' + escape(a.byline)
                + '</dd></dl><div itemprop="articleBody">' + standfirst(a) + body(a.blocks)
                + f'</div></div></div><div id="right">{modules}</div></div>')


def squarespace(a: Article) -> str:
    para: Para = lambda i, t: ('<div class="sqs-block html-block sqs-block-html"><div class="sqs-'  # noqa: E731
                         f'block-content"><p class="">{t}</p></div></div>')
    return page(a, '<header id="header">' + f.menu("header-nav") + '</header><main id="page">'
                '<article class="entry"><div class="blog-item-title"><h1 class="entry-title'
                f' entry-title--large">{escape(a.headline)}</h1></div><div class="blog-item-'
                'content-wrapper"><div class="sqs-layout sqs-grid-12 columns-12"><div '
                'class="row sqs-row"><div class="col sqs-col-12 span-12">'
                + (para(0, escape(a.standfirst)) if a.standfirst else "")
                + body(a.blocks, para=para) + "</div></div></div></div></article>"
                + '<section class="blog-item-pagination"><a>Previous: Floods in Sindh</a>'
                "<a>Next: Talks resume</a></section></main>")


def wix(a: Article) -> str:
    para: Para = lambda i, t: (f'<div data-testid="richTextElement" class="wixui-rich-text"><p '  # noqa: E731
                         f'class="font_8 wixui-rich-text__text"><span>{t}</span></p></div>')
    nest = '<div class="comp"><div class="inner"><div class="inner2">{}</div></div></div>'
    return page(a, nest.format(f.menu("wixui-menu", tag="div")) + nest.format(
        f'<div data-testid="richTextElement"><h1 class="font_0">{escape(a.headline)}</h1></div>'
        + (para(0, escape(a.standfirst)) if a.standfirst else "")
        + body(a.blocks, para=para)) + nest.format(f.newsletter("wixui-form")))


def bare_body(a: Article) -> str:
    side = ('<div class="links"><b>Links</b><br>' + "".join(
        f'<a href="/{i}">{escape(t)}</a><br>' for i, (t, _) in enumerate(f.TEASERS)) + "</div>")
    return page(a, side + f"<h2>{escape(a.headline)}</h2>" + standfirst(a) + body(a.blocks)
                + '<p class="small">Last updated: ' + a.date + "</p>")


def agency_spans(a: Article) -> str:
    text = "".join(f'<span class="txt">{escape(t)}</span><br/><br/>' if k != "row" else
                   f"<span>{escape(t.replace('|', ' | '))}</span><br/>" for k, t in a.blocks
                   if k not in ("li",))
    items = "".join(f"<li>{escape(t)}</li>" for k, t in a.blocks if k == "li")
    return page(a, f.masthead("Agency Wire") + '<div id="story"><div class="headline-box">'
                f'<h1 class="hl">{escape(a.headline)}</h1></div>' + standfirst(a)
                + f'<div class="textSection">{text}</div>'
                + (f"<ul>{items}</ul>" if items else "") + "</div>" + f.related())


def report_page(a: Article) -> str:
    files = ('<section class="rw-attachment"><h3>Attachments</h3><ul><li><a href="/f.pdf">'
             "Download report (PDF | 1.2 MB)</a></li><li><a>Map (PNG | 800 KB)</a></li></ul>"
             "</section>")
    return page(a, f.masthead("Report Hub") + '<main><article class="report"><h1 class="report-'
                f'title">{escape(a.headline)}</h1>' + files + '<div class="report-body">'
                + standfirst(a) + body(a.blocks) + "</div>"
                '<dl class="report-meta"><dt>Format</dt><dd>Situation Report</dd><dt>Source'
                "</dt><dd>Agency</dd><dt>Theme</dt><dd>Protection and Human Rights</dd></dl>"
                "</article>" + f.teaser_cards("Related Content", "rw-river") + "</main>")


def short_brief(a: Article) -> str:
    short = Article(a.slug, a.headline, "", a.byline, a.date, a.caption, a.blocks[:2])
    return page(short, f.masthead("Brief Desk") + '<div class="story-wrap"><h1>'
                f"{escape(short.headline)}</h1>{byline(short)}{body(short.blocks)}</div>"
                + f.teaser_cards() + f.comments(count=3))


SHAPES = (nyt, washington_post, french, dawn, bootstrap, joomla, squarespace, wix,
          bare_body, agency_spans, report_page, short_brief)


def gold(shape_name: str, article: Article) -> str:
    if shape_name == "short_brief":
        return "\n\n".join([article.headline] + [t for _, t in article.blocks[:2]])
    if shape_name == "agency_spans":  # list items are drawn after the text
        out = [article.headline] + ([article.standfirst] if article.standfirst else [])
        out += [t.replace("|", " | ") for k, t in article.blocks if k != "li"]
        return "\n\n".join(out + [t for k, t in article.blocks if k == "li"])
    return article.gold()


def pages() -> list[tuple[str, str, str]]:
    """(name, html, gold): each shape with two articles (24 pages)."""
    out = []
    for index, shape in enumerate(SHAPES):
        for turn in (3, 11):
            article = ARTICLES[(index + turn) % len(ARTICLES)]
            out.append((f"{shape.__name__}-{article.slug}", shape(article),
                        gold(shape.__name__, article)))
    return out
