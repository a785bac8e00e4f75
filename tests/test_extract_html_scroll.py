"""Web pages read like the article: the shapes of real saved pages that failed.

``benchmarks/bench_html.py --snippets`` scores real pages (trafilatura's test cache) by
sentences that must and must not be in the text; on the part the rules were tuned on
these four shapes failed. Each page here is small and written in that shape: an
infinite-scroll page appending the next stories below the first, a short post above a
column of many "next post" cards, an intro paragraph between the headline and the body,
and a byline block named ``authors``.
"""

from __future__ import annotations

from briefing_tui.core.extract.html import html_to_text

P1 = ("Clashes between the army and the Rapid Support Forces closed the main road south of "
      "Sennar on Tuesday, trapping dozens of lorries carrying food and fuel, drivers said.")
P2 = ("Residents described heavy shelling in the eastern districts from early morning, and "
      "the state health ministry said two hospitals had stopped admitting patients.")
P3 = ("The road is the only paved route between Sennar and Blue Nile state, and traders "
      "warned that prices in the markets of Ed Damazin would rise within days.")
OTHER = ("Authorities in Sindh have told residents of low-lying districts to prepare to "
         "leave, as river levels rise faster than forecast after a week of heavy rain, "
         "and the provincial government has opened relief camps on higher ground.")


def head(title: str) -> str:
    return (f'<html><head><title>{title} | The Monitor</title><meta property="og:title" '
            f'content="{title}"></head><body>')


def test_stories_appended_below_the_article_are_not_read() -> None:
    """An infinite-scroll page: the next stories, each under an ``<h1>`` named like the
    headline, follow the article and are longer than it."""
    appended = "".join(
        f'<div class="post-add-story"><h1 class="post-title left">Floods {n}</h1>'
        f'<div class="post-add-main"><p>{OTHER}</p><p>{OTHER} {n}</p><p>{OTHER}</p></div>'
        "</div>" for n in range(3))
    page = (head("Road cut") + '<article><h1 class="post-title left entry-title">Road cut'
            f'</h1><div id="content-main"><p>{P1}</p><p>{P2}</p></div>'
            f'<div id="post-add-box">{appended}</div></article></body></html>')
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, P2]


def test_section_headings_in_h1_inside_the_article_are_kept() -> None:
    """An ``<h1>`` not named like the headline is a section of the article, not the
    start of another one."""
    page = (head("Road cut") + '<article><h1 class="entry-title">Road cut</h1>'
            f'<div class="entry-content"><p>{P1}</p><h1>Prices</h1><p>{P2}</p><p>{P3}</p>'
            "</div></article></body></html>")
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, "Prices", P2, P3]


def test_a_column_of_many_next_post_cards_does_not_outvote_a_short_post() -> None:
    cards = "".join(
        f'<div class="nextstory"><h2><a href="/{n}">Story {n}</a></h2><p>{OTHER}</p>'
        f'<h3><a href="/{n}">READ THE REST</a></h3></div>' for n in range(8))
    page = (head("Road cut") + '<div id="headline"><h1>Road cut</h1></div>'
            f'<div id="story"><p>{P1}</p></div><div id="next-post-thumbnails">{cards}</div>'
            "</body></html>")
    assert html_to_text(page).split("\n\n") == ["Road cut", P1]


def test_the_intro_between_the_headline_and_the_body_is_read() -> None:
    page = (head("Road cut") + '<div class="mod_article"><div class="back"><a href="/">'
            f'Back</a></div><h1>Road cut</h1><div class="lede"><p>{P1}</p></div>'
            '<div class="image"><figure><img src="a.jpg"><figcaption>Lorries near Sennar. '
            'Photo: Agency</figcaption></figure></div><div class="text-block">'
            f"<p>{P2}</p><h2>Prices</h2><p>{P3}</p></div></div></body></html>")
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, P2, "Prices", P3]


def test_a_byline_between_the_headline_and_the_body_is_not_read() -> None:
    page = (head("Road cut") + '<div class="wrapper"><h1>Road cut</h1>'
            '<div class="full authors"><img alt="Jane Roe" src="j.jpg"><h5>Jane Roe</h5>'
            '</div><div class="date"><h5>June 8, 2015</h5></div><div class="blog-content">'
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div></body></html>")
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, P2, P3]


def test_a_byline_block_named_authors_inside_the_article_is_left_out() -> None:
    page = (head("Road cut") + '<article><h1>Road cut</h1><div class="entry-content">'
            '<div class="full authors"><h5>Jane Roe</h5></div>'
            f"<p>{P1}</p><p>{P2}</p></div></article></body></html>")
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, P2]


def test_a_long_sidebar_aside_beside_a_short_post_is_furniture() -> None:
    """An ``<aside>`` text widget holding most of the page's words is kept only when the
    page's headline is inside it (an article a page wrapped in ``<aside>``): beside a
    post whose headline stands outside it, it is the sidebar."""
    widget = "".join(f"Point {n}<br><br>{n}. {OTHER}<br><br>" for n in range(1, 9))
    page = (head("Road cut") + '<div id="content"><header><h1 class="post-title">Road cut'
            f'</h1></header><article class="article"><p>{P1}</p><p>{P2}</p></article></div>'
            '<section id="sidebar"><aside class="widget widget_text"><h3>Our programme</h3>'
            f'<div class="textwidget">{widget}</div></aside></section></body></html>')
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, P2]


def test_an_article_a_page_wraps_in_aside_is_still_read() -> None:
    page = (head("Road cut") + '<nav><a href="/">Home</a></nav><aside class="main">'
            f"<h1>Road cut</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></aside></body></html>")
    assert html_to_text(page).split("\n\n") == ["Road cut", P1, P2, P3]
