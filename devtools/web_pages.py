"""A corpus of realistic look-alike news pages with gold article text, for bench_html.

Real saved pages cannot be committed (their publishers' copyright), so each page here
copies the *shape* of a common publishing system — WordPress, Blogger, CNN's paragraphs
in ``div``s, BBC's text blocks, Reuters' test ids, Al Jazeera, AMP, Drupal, Ghost,
Substack, old table layouts, live blogs — around a hand-written article
(:mod:`devtools.web_articles`), with the furniture that trips extractors: menus,
share bars, related lists inside the article, teaser cards with paragraphs, long comment
threads, cookie banners, escaped ``<img …>`` markup, ``<br>``-separated paragraphs, a
logo in an ``<h1>``. :func:`pages` returns (name, html, gold) triples, deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from devtools import web_furniture as f
from devtools.web_articles import ARTICLES, Article
from devtools.web_render import ESCAPED_IMG, Para, body, br_body, byline, page, standfirst

# -- the shapes ------------------------------------------------------------------------

def wordpress(a: Article) -> str:
    return page(a, f.masthead("Frontline Notes") + '<div id="content" class="site-content">'
                '<div id="primary" class="content-area"><main id="main" class="site-main">'
                '<article class="post type-post hentry"><header class="entry-header">'
                f'<h1 class="entry-title">{escape(a.headline)}</h1><div class="entry-meta">'
                f"{byline(a, 'posted-on')}</div></header><div class=\"entry-content\">"
                + standfirst(a) + f.figure(a.caption) + body(a.blocks)
                + f.share_bar("sharedaddy sd-sharing-enabled")
                + '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3>'
                + "".join(f'<div class="jp-relatedposts-post"><h4><a>{t}</a></h4><p>{s}</p>'
                          "</div>" for t, s in f.TEASERS[:3])
                + "</div></div><footer class=\"entry-footer\">" + f.tags("cat-links")
                + "</footer></article>" + f.comments(count=4) + "</main></div>"
                '<aside id="secondary" class="widget-area">' + f.most_read("widget")
                + f.newsletter("widget widget_text") + "</aside></div>")


def wordpress_long_comments(a: Article) -> str:
    """The comment thread holds more text than the article."""
    return page(a, f.masthead("Field Dispatch", logo_h1=True) + '<div class="wrap">'
                '<main id="main"><article class="post hentry">'
                f'<h2 class="entry-title">{escape(a.headline)}</h2>{byline(a)}'
                '<div class="entry-content">' + standfirst(a) + body(a.blocks) + "</div>"
                "</article>" + f.comments("comments-area", count=14, article_tag=True)
                + "</main></div>")


def blogger(a: Article) -> str:
    post = ('<div class="post hentry uncustomized-post-template">'
            f'<h3 class="post-title entry-title">{escape(a.headline)}</h3>'
            f'<div class="post-header"><div class="post-header-line-1">{a.date}</div></div>'
            '<div class="post-body entry-content" id="post-body-1">'
            + (escape(a.standfirst) + "<br />\n<br />\n" if a.standfirst else "")
            + br_body(a.blocks) + "</div>"
            '<div class="post-footer"><span class="post-author vcard">Posted by '
            f'{escape(a.byline)}</span> <span class="post-labels">Labels: <a>aid</a>, '
            "<a>conflict</a></span>" + f.share_bar("post-share-buttons") + "</div></div>")
    return page(a, '<div class="content-outer"><div class="header-outer"><div class="widget '
                'Header" id="Header1"><h1 class="title">Notes from the Field</h1></div></div>'
                '<div class="main-outer"><div class="columns"><div class="main-inner">'
                '<div class="column-center-inner"><div class="section" id="main">'
                '<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">'
                '<div class="date-outer"><h2 class="date-header"><span>' + a.date
                + "</span></h2>" + post + "</div></div>" + f.comments("comments", count=3)
                + '</div></div></div><div class="column-right-inner"><div class="widget '
                'PopularPosts" id="PopularPosts1"><h2>Popular Posts</h2><ul>'
                + f.links([t for t, _ in f.TEASERS]) + '</ul></div><div class="widget '
                'BlogArchive"><h2>Blog Archive</h2><ul><li><a>2025 (41)</a></li><li><a>2024'
                " (77)</a></li></ul></div></div></div></div></div>")


def blogger_divs(a: Article) -> str:
    inner = body(a.blocks, para=lambda i, t: f'<div style="text-align: justify;">{t}</div>'
                 "<div><br /></div>")
    return page(a, '<div class="widget Blog" id="Blog1"><div class="post-outer"><div '
                f'class="post"><h3 class="post-title">{escape(a.headline)}</h3><div '
                'class="post-body">' + (f"<div>{escape(a.standfirst)}</div>" if a.standfirst
                                       else "") + inner + '</div></div></div></div>'
                '<div class="sidebar section"><div class="widget Label"><h2>Labels</h2>'
                + f.tags() + "</div></div>")


def left_side(a: Article) -> str:
    return page(a, f.masthead("Region Today") + '<div class="container"><div class="left-side">'
                f'<div class="article"><h1>{escape(a.headline)}</h1>{byline(a)}'
                + standfirst(a) + body(a.blocks) + "</div></div>"
                '<div class="right-side">' + f.most_read() + f.teaser_cards("Latest") + "</div>"
                "</div>")


def cnn_divs(a: Article) -> str:
    para: Para = lambda i, t: f'<div class="zn-body__paragraph speakable">{t}</div>'  # noqa: E731
    inner = body(a.blocks, para=para, inserts={
        2: '<div class="zn-body__read-all"><div class="el__embedded el__embedded--standard">'
           '<div class="el__storyelement--standard"><h3>Related Article</h3><a>'
           + escape(f.TEASERS[1][0]) + "</a></div></div></div>"})
    return page(a, f.menu("nav-menu", tag="div") + '<article class="pg-rail-tall pg-rail--'
                'align-right"><div class="l-container"><h1 class="pg-headline">'
                f"{escape(a.headline)}</h1><div class=\"metadata\">{byline(a, 'metadata__byline')}"
                "</div></div>" + f.share_bar("m-share") + '<section id="body-text" class='
                '"zn-has-46-containers"><div class="l-container"><div class="zn-body__'
                'paragraph speakable"><cite class="el-editorial-source">(CNN)</cite>'
                + (escape(a.standfirst) if a.standfirst else "") + "</div>" + inner
                + "</div></section>" + f.teaser_cards("More from CNN", "zn-body__footer")
                + "</article>")


def cnn_new(a: Article) -> str:
    para: Para = lambda i, t: (  # noqa: E731
        f'<p class="paragraph inline-placeholder vossi-paragraph" data-component-name='
        f'"paragraph" id="p{i}">{t}</p>')
    return page(a, f.menu("header__nav", tag="div") + '<div class="headline"><h1 class='
                f'"headline__text" id="maincontent">{escape(a.headline)}</h1>'
                f"{byline(a, 'byline__names')}</div>" + '<section class="layout__content">'
                '<div class="article__content-container"><div class="article__content">'
                + (f'<p class="paragraph">{escape(a.standfirst)}</p>' if a.standfirst else "")
                + body(a.blocks, para=para, inserts={3: f.ad("ad-slot-dynamic")})
                + '</div></div><div class="related-content">' + f.teaser_cards() + "</div>"
                "</section>")


def bbc(a: Article) -> str:
    para: Para = lambda i, t: f'<div data-component="text-block" class="ssrcss-7uxr49">' \
        f"<p>{t}</p></div>"  # noqa: E731
    return page(a, '<header role="banner">' + f.menu("ssrcss-nav") + "</header>"
                '<div id="main-content"><main role="main"><article><header '
                f'data-component="headline-block"><h1 id="main-heading">{escape(a.headline)}'
                '</h1></header><div data-component="byline-block">'
                f"{byline(a)}</div><div data-component=\"image-block\">"
                + f.figure(a.caption, cls="ssrcss-fig") + "</div>"
                + (f'<div data-component="text-block"><p><b>{escape(a.standfirst)}</b></p>'
                   "</div>" if a.standfirst else "")
                + body(a.blocks, para=para, inserts={2: '<div data-component="links-block">'
                       "<h2>Related topics</h2><ul>" + f.links(["Conflict", "Aid"]) +
                       "</ul></div>"}) + '</article><section data-component="related-'
                'topics">' + f.most_read() + "</section></main></div>", site="BBC-like News")


def reuters(a: Article) -> str:
    para: Para = lambda i, t: (f'<div data-testid="paragraph-{i}" class="article-body__element">'  # noqa: E731
                         f"{t}</div>")
    return page(a, f.menu("site-header__nav") + '<main id="main-content"><article class='
                f'"article__container"><h1 data-testid="Heading">{escape(a.headline)}</h1>'
                f"{byline(a, 'article-header__info')}" + f.share_bar("article-share")
                + '<div class="article-body__content__17Yit">'
                + (para(99, escape(a.standfirst)) if a.standfirst else "")
                + body(a.blocks, para=para)
                + '<p class="sign-off">Reporting by our correspondents</p></div>'
                '<div class="trust-badge"><p>Our Standards: The Trust Principles.</p></div>'
                "</article>" + f.teaser_cards("Read Next", "read-next") + "</main>")


def aljazeera(a: Article) -> str:
    more = ('<div class="more-on"><h3>More on this</h3><ul>'
            + f.links([t for t, _ in f.TEASERS[2:5]]) + "</ul></div>")
    return page(a, f.masthead("AJ-like") + '<main id="main-content-area"><header class='
                f'"article-header"><h1>{escape(a.headline)}</h1>'
                + standfirst(a, "p", "article__subhead") + "</header>"
                + byline(a, "article-author-name") + f.figure(a.caption, cls="article-featured")
                + '<div class="wysiwyg wysiwyg--all-content css-1ck9wyi">'
                + body(a.blocks, inserts={2: more}) + "</div>"
                + f.share_bar("article-share-bar") + '<div class="article-related">'
                + f.teaser_cards("Related") + "</div></main>")


def amp(a: Article) -> str:
    return page(a, '<amp-sidebar id="sidebar" layout="nodisplay">' + f.menu("amp-menu")
                + "</amp-sidebar><header class=\"amp-header\"><a>Menu</a></header>"
                f'<article class="amp-article"><h1 class="amp-title">{escape(a.headline)}</h1>'
                + standfirst(a) + byline(a) + '<amp-img src="/p.jpg" width="640" height="360" '
                f'layout="responsive" alt="{escape(a.caption)}"></amp-img>'
                + '<div class="amp-body">' + body(a.blocks, inserts={
                    3: '<amp-ad width="300" height="250" type="doubleclick"><div placeholder>'
                       "Advertisement</div></amp-ad>"}) + "</div>"
                + '<amp-social-share type="twitter"></amp-social-share>' + "</article>"
                + f.related("Recommended", "amp-related"), html_attrs=" amp")


def guardian(a: Article) -> str:
    rich = ('<aside data-component="rich-link"><div><a>' + escape(f.TEASERS[3][0])
            + "</a></div></aside>")
    return page(a, f.masthead("Guardian-like") + '<main><article><div data-gu-name="headline">'
                f"<h1>{escape(a.headline)}</h1></div><div data-gu-name=\"standfirst\">"
                + standfirst(a, "div", "dcr-standfirst") + "</div><div data-gu-name="
                f'"meta">{byline(a)}</div><div id="maincontent"><div class="article-body-'
                'commercial-selector article-body-viewer-selector dcr-1">'
                + body(a.blocks, para=lambda i, t: f'<p class="dcr-s23rjr">{t}</p>',
                       inserts={1: rich}) + "</div></div></article>"
                + f.teaser_cards("Most viewed", "dcr-onward") + "</main>")


def escaped_markup(a: Article) -> str:
    inserts = {0: f"<p>{ESCAPED_IMG}</p>", 2: f"<p>{ESCAPED_IMG}</p>"}
    return page(a, f.masthead("Wire Digest") + f'<div class="story"><h1>{escape(a.headline)}'
                f"</h1>{byline(a)}" + standfirst(a) + body(a.blocks, inserts=inserts)
                + "</div>" + f.related() + f.most_read())


def br_table_layout(a: Article) -> str:
    """An old site: layout tables, the article as ``<br>``-separated text in a cell."""
    nav = "".join(f'<a href="/s/{i}">{s}</a><br>' for i, s in enumerate(f.SECTIONS))
    return page(a, '<table width="100%" border="0"><tr><td colspan="2"><img src="/b.gif" '
                'alt="Daily Report"></td></tr><tr><td width="160" valign="top" class="nav">'
                + nav + '</td><td valign="top"><font face="Arial"><b><font size="5">'
                + escape(a.headline) + "</font></b><br>" + f"<i>{a.date}</i><br><br>"
                + (escape(a.standfirst) + "<br><br>" if a.standfirst else "")
                + br_body(a.blocks) + '</font></td></tr><tr><td colspan="2"><font size="1">'
                "Copyright 2025 Daily Report. All rights reserved. Reproduction without "
                "permission prohibited.</font></td></tr></table>")


def drupal(a: Article) -> str:
    return page(a, '<div class="region region-header">' + f.menu("menu--main", tag="div")
                + '</div><div class="layout-container"><div class="region region-sidebar-'
                'first">' + f.most_read("block block-views") + '</div><main role="main">'
                f'<h1 class="page-title"><span>{escape(a.headline)}</span></h1>'
                '<article class="node node--type-article"><div class="node__content">'
                + byline(a, "field field--name-field-author")
                + '<div class="field field--name-body field--type-text-with-summary field__'
                'item">' + standfirst(a) + body(a.blocks) + "</div>"
                + f.tags("field--name-field-tags")
                + "</div></article>" + f.related("Related content", "block-views-block-"
                                                  "related") + "</main></div>")


def reliefweb(a: Article) -> str:
    return page(a, f.masthead("ReliefHub") + '<main class="rw-page"><article class="rw-article">'
                f'<header class="rw-article__header"><h1 class="rw-article__title">'
                f'{escape(a.headline)}</h1></header><section class="rw-entity-meta"><dl>'
                "<dt>Source</dt><dd><a>Agency</a></dd><dt>Posted</dt><dd>" + a.date
                + "</dd><dt>Originally published</dt><dd>" + a.date + "</dd></dl></section>"
                '<div class="rw-article__content">' + standfirst(a) + body(a.blocks)
                + '</div></article><section class="rw-river"><h2>Related Content</h2>'
                + f.teaser_cards("Latest updates") + "</section></main>")


def un_news(a: Article) -> str:
    return page(a, f.masthead("UN-like News") + '<div class="page-content"><h1 class="story-'
                f'title">{escape(a.headline)}</h1>' + f.figure(a.caption, cls="story-image")
                + '<div class="field--name-field-news-story-body">' + standfirst(a)
                + body(a.blocks, heading="h3") + "</div>" + f.share_bar("social-media-links")
                + f.teaser_cards("Related stories", "related-stories-block") + "</div>")


def press_release(a: Article) -> str:
    return page(a, f.masthead("Ministry of Relief") + f.breadcrumbs() + '<div id="main" '
                'class="main-content sidebar-right"><div class="press-release">'
                '<p class="release-type"><strong>PRESS RELEASE</strong></p>'
                f"<h1>{escape(a.headline)}</h1><p class=\"dateline\">{a.date}</p>"
                + standfirst(a) + body(a.blocks) + '<p class="media-contact">Media enquiries: '
                "press office, telephone +000 000 000.</p></div>"
                '<div class="sidebar">' + f.newsletter() + "</div></div>")


def medium(a: Article) -> str:
    para: Para = lambda i, t: (  # noqa: E731
        f'<p class="pw-post-body-paragraph ki kj" data-selectable-paragraph="">{t}</p>')
    return page(a, '<div class="u-marginAuto"><article><div><section><div class="ab ca">'
                f'<h1 class="pw-post-title" data-testid="storyTitle">{escape(a.headline)}</h1>'
                + (f'<h2 class="pw-subtitle-paragraph">{escape(a.standfirst)}</h2>'
                   if a.standfirst else "")
                + '<div class="speechify-ignore"><a>Follow</a><span>7 min read</span>'
                "<span>412 claps</span></div>" + body(a.blocks, para=para)
                + '</div></section></div></article><div class="recirc"><h2>More from the '
                "author</h2>" + f.teaser_cards("Recommended from Medium") + "</div></div>")


def substack(a: Article) -> str:
    return page(a, '<div class="main-menu">' + f.menu("navbar") + '</div><div class="single-'
                f'post"><article class="post"><h1 class="post-title">{escape(a.headline)}</h1>'
                + standfirst(a, "h3", "subtitle") + byline(a, "post-meta")
                + '<div class="available-content"><div class="body markup" dir="auto">'
                + body(a.blocks, inserts={3: '<div class="subscription-widget-wrap"><p>'
                       "Thanks for reading! Subscribe for free to receive new posts.</p>"
                       "<form><input><button>Subscribe</button></form></div>"}) + "</div></div>"
                "</article>" + f.comments("comments-section", count=5) + "</div>")


def ghost(a: Article) -> str:
    return page(a, f.masthead("Ghostly Wire") + '<main id="site-main" class="site-main">'
                '<article class="article post"><header class="article-header gh-canvas">'
                f'<h1 class="article-title">{escape(a.headline)}</h1>'
                + standfirst(a, "p", "article-excerpt") + byline(a, "article-byline")
                + '</header><section class="gh-content gh-canvas">' + body(a.blocks)
                + "</section></article>" + f.teaser_cards("Read more", "read-more-wrap")
                + "</main>")


def heavy_recirculation(a: Article) -> str:
    """More teaser paragraphs around the article than article text."""
    return page(a, f.masthead("Global Desk") + '<div class="page"><div class="article-wrap">'
                f'<h1 class="headline">{escape(a.headline)}</h1>{byline(a)}'
                '<div class="article-text">' + standfirst(a) + body(a.blocks) + "</div></div>"
                + f.teaser_cards("Top stories", "stream") + f.teaser_cards("Opinion", "stream")
                + f.teaser_cards("Editor's picks", "stream") + "</div>")


def live_blog(a: Article) -> str:
    entries = "".join(
        f'<div class="block" id="block-{i}"><time class="block-time">{10 + i}:00</time>'
        f"{chunk}</div>" for i, chunk in enumerate(body(((k, t),)) for k, t in a.blocks))
    return page(a, f.masthead("Live Desk") + '<main><div class="live-blog"><h1 class="live-'
                f'title">{escape(a.headline)}</h1>' + standfirst(a) + '<div class="key-events">'
                "<h2>Key events</h2><ul>" + f.links(["Latest", "Earlier"]) + "</ul></div>"
                + f'<div class="live-blog-body">{entries}</div></div>' + f.most_read()
                + "</main>")


def split_by_ads(a: Article) -> str:
    half = len(a.blocks) // 2
    return page(a, f.masthead("Evening Post") + '<div class="main"><h1 class="story-'
                f'headline">{escape(a.headline)}</h1>{byline(a)}'
                + f'<div class="article-body">{standfirst(a)}{body(a.blocks[:half])}</div>'
                + f.ad() + f.newsletter("inline-newsletter")
                + f'<div class="article-body">{body(a.blocks[half:])}</div>' + f.tags()
                + f.author_box(a.byline) + "</div>" + f.most_read())


def read_more_inline(a: Article) -> str:
    inline = ('<p><strong>Read more:</strong> <a href="/n/9">' + escape(f.TEASERS[0][0])
              + "</a></p>")
    inline2 = '<p><a href="/n/8">' + escape(f.TEASERS[5][0]) + "</a></p>"
    return page(a, f.masthead("Daily Courier") + '<div class="content"><div class="story-body">'
                f"<h1>{escape(a.headline)}</h1>" + byline(a) + standfirst(a)
                + body(a.blocks, inserts={1: inline, 3: inline2}) + "</div>"
                + f.related("You may also like", "outbrain") + "</div>")


def has_sidebar_class(a: Article) -> str:
    return page(a, '<div id="page" class="site has-sidebar">' + f.masthead("Cross Border")
                + '<div id="main" class="main-content sidebar-right"><div class="content '
                'has-sidebar"><div class="post-content">' + f"<h1>{escape(a.headline)}</h1>"
                + standfirst(a) + body(a.blocks) + "</div></div>"
                '<div id="sidebar" class="sidebar">' + f.most_read() + "</div></div></div>")


def text_footer(a: Article) -> str:
    about = ("<p>The Borderland Review is published by a non-profit foundation registered "
             "in 2011. Our editorial board meets weekly and our correction policy is "
             "published on the corrections page. We accept no government funding.</p>") * 2
    return page(a, f.masthead("Borderland Review") + '<div class="article"><h1>'
                f"{escape(a.headline)}</h1>{standfirst(a)}{body(a.blocks)}</div>"
                f'<div class="site-info">{about}</div>')


def arabic_rtl(a: Article) -> str:
    return page(a, f.masthead("Regional Wire") + '<div class="post-body" dir="auto">'
                f"<h1>{escape(a.headline)}</h1>" + standfirst(a)
                + body(a.blocks, para=lambda i, t: f'<p dir="ltr" style="text-align:'
                       f'justify">{t}</p>') + "</div>" + f.related(), html_attrs=' dir="ltr"')


def simple(a: Article) -> str:
    return page(a, f.menu() + f"<h1>{escape(a.headline)}</h1>" + standfirst(a)
                + body(a.blocks))


def section_spans(a: Article) -> str:
    para: Para = lambda i, t: f'<section class="text-block"><span class="txt">{t}</span></section>'  # noqa: E731
    return page(a, f.masthead("Daily Signal") + '<div class="article-page"><h1 class="title">'
                f"{escape(a.headline)}</h1>" + standfirst(a) + '<div class="rich-text">'
                + body(a.blocks, para=para) + "</div></div>" + f.teaser_cards())


SHAPES: tuple[Callable[[Article], str], ...] = (
    wordpress, wordpress_long_comments, blogger, blogger_divs, left_side, cnn_divs, cnn_new,
    bbc, reuters, aljazeera, amp, guardian, escaped_markup, br_table_layout, drupal,
    reliefweb, un_news, press_release, medium, substack, ghost, heavy_recirculation,
    live_blog, split_by_ads, read_more_inline, has_sidebar_class, text_footer, arabic_rtl,
    simple, section_spans)


def pages() -> list[tuple[str, str, str]]:
    """(name, html, gold text): every shape once, then again with another article."""
    out = []
    for index, shape in enumerate(SHAPES):
        for turn in (0, 1):
            article = ARTICLES[(index + turn * 7) % len(ARTICLES)]
            if turn and index % 2:
                continue  # 45 pages: every shape, half of them twice
            out.append((f"{shape.__name__}-{article.slug}", shape(article), article.gold()))
    return out
