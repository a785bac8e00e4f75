"""Web pages through trafilatura (the ``[html]`` extra, installed in dev) with our reader
beside it: its body, our headline, our text when it finds none, and the id of the one
that ran recorded and cached. The fallback path itself is tested by calling our reader
directly (``tests/test_extract_html.py``), never by hiding the extra."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing_tui.core.extract import cache as extract_cache
from briefing_tui.core.extract import extract, html, html_web
from briefing_tui.core.text import LoadedText, text_sha256

from .extract_helpers import isolated_cache

__all__ = ["isolated_cache"]
pytestmark = pytest.mark.skipif(not html_web.available(), reason="the [html] extra")

P1 = ("Clashes between the army and the Rapid Support Forces closed the main road south of "
      "Sennar on Tuesday, trapping dozens of lorries carrying food and fuel, drivers said.")
P2 = ("Residents described heavy shelling in the eastern districts from early morning, and "
      "the state health ministry said two hospitals had stopped admitting patients.")
P3 = ("The road is the only paved route between Sennar and Blue Nile state, and traders "
      "warned that prices in the markets of Ed Damazin would rise within days.")
HEAD = ('<html><head><title>Road cut | The Monitor</title><meta property="og:title" '
        'content="Road cut"></head><body><nav><a href="/">Home</a> <a href="/w">World</a>'
        '</nav>')


def _write(tmp_path: Path, page: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_trafilatura_body_gets_the_headline_it_keeps_as_metadata(
        tmp_path: Path, isolated_cache: Path) -> None:
    """trafilatura leaves a headline above the article's container out of its text; the
    one our reader found is put first, once."""
    page = (HEAD + '<header><h1 class="entry-title">Road cut</h1></header><article>'
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>")
    assert "Road cut" not in html_web.web_paragraphs(page)  # what the rule is for
    loaded = extract(_write(tmp_path, page))
    assert loaded.text.split("\n\n") == ["Road cut", P1, P2, P3]
    assert loaded.extractor == html_web.extractor_id()
    assert loaded.extractor.startswith("trafilatura ")


def test_a_headline_trafilatura_keeps_is_not_doubled() -> None:
    page = (HEAD + f'<article><h1>Road cut</h1><p>{P1}</p><p>{P2}</p></article>'
            "</body></html>")
    assert html.read_article(page).headline == "Road cut"  # the article's own <h1>
    assert html_web.page_text(page)[0].split("\n\n").count("Road cut") == 1


def test_a_table_header_rule_is_not_a_paragraph() -> None:
    """trafilatura's text marks a header row with a ``|---|---|`` line: not text."""
    page = (HEAD + f"<article><h1>Road cut</h1><p>{P1}</p><table><tr><th>State</th>"
            "<th>Displaced</th></tr><tr><td>Sennar</td><td>12,000</td></tr></table>"
            f"<p>{P2}</p></article></body></html>")
    text, ran = html_web.page_text(page)
    assert ran == html_web.extractor_id()
    assert "-|" not in text
    assert "State | Displaced\n\nSennar | 12,000" in text


def test_our_text_is_used_when_trafilatura_finds_much_less() -> None:
    ours = html.Article("Road cut", ["Road cut", P1, P2, P3])
    assert html_web.combine(ours, [P1]) is None  # a third of our words: a body it dropped
    assert html_web.combine(ours, [P1, P2]) == ["Road cut", P1, P2]


def test_a_menu_is_not_an_article() -> None:
    """trafilatura's last resort reads a page's menu when it holds no article; ours
    says there is none, and the page gets that one-line reason."""
    assert html_web.combine(html.Article("", []), ["Menu", "Home"]) is None
    page = "<html><body><nav>Menu</nav><nav><a href=\"/\">Home</a></nav></body></html>"
    assert html_web.page_text(page) == ("", html.EXTRACTOR)


def test_the_cache_keys_on_the_chain_and_keeps_who_ran(tmp_path: Path,
                                                       isolated_cache: Path) -> None:
    """An entry asked of trafilatura-with-fallback that our reader filled is found under
    the chain's id and still says our reader made it; other ids miss it."""
    text = f"Road cut\n\n{P1}"
    ours = LoadedText(text, text_sha256(text), "utf-8", extractor=html.EXTRACTOR)
    key = hashlib.sha256(b"page bytes").hexdigest()
    extract_cache.store(key, ours, html_web.extractor_id())
    found = extract_cache.load(key, html_web.extractor_id())
    assert found is not None and (found.text, found.extractor) == (text, html.EXTRACTOR)
    assert extract_cache.load(key, html.EXTRACTOR) is None
    page = (HEAD + f"<article><h1>Road cut</h1><p>{P1}</p><p>{P2}</p></article>"
            "</body></html>")
    first = extract(_write(tmp_path, page))
    again = extract(tmp_path / "page.html")
    assert (again.text, again.extractor) == (first.text, html_web.extractor_id())
    assert len(list(isolated_cache.iterdir())) == 2


PROGRAMME = "".join(
    f"Point {n}<br><br>{n}. The party wants the district councils to hold open meetings on "
    "the budget every spring, with the minutes published within a week for everyone.<br><br>"
    for n in range(1, 17))


def test_a_short_post_beside_a_long_sidebar_text_is_the_article() -> None:
    """A sidebar text widget holding more words than a short post can outvote it in our
    reader (here the page's title does not name the post's heading, so nothing tells the
    ``<aside>`` from an article wrapped in one); trafilatura reads the post. Shorter is
    not "cut short" when the two read different blocks: trafilatura's post is kept."""
    page = (HEAD + '<div id="content"><section class="single-post-view"><header>'
            '<h1 class="post-title">Sennar road</h1></header><article class="article">'
            f"<p>{P1}</p><p>{P2}</p></article></section></div>"
            '<section id="sidebar"><aside class="widget widget_text"><h3>Our programme</h3>'
            f'<div class="textwidget">{PROGRAMME}</div></aside></section></body></html>')
    assert P1 not in html.html_to_text(page)  # our reader alone takes the sidebar
    text, ran = html_web.page_text(page)
    assert ran == html_web.extractor_id()
    assert [p for p in text.split("\n\n") if p in (P1, P2)] == [P1, P2]
    assert "district councils" not in text


def test_a_pipe_in_a_table_cell_is_not_escaped() -> None:
    """trafilatura escapes a ``|`` inside a cell as Markdown does (``\\|``); the text
    keeps the page's character, as our reader does."""
    page = (HEAD + f"<article><h1>Road cut</h1><p>{P1}</p><table><tr><th>Town</th>"
            "<th>Route</th></tr><tr><td>Sennar</td><td>Kosti | Rabak</td></tr></table>"
            f"<p>{P2}</p></article></body></html>")
    assert "Sennar | Kosti | Rabak" in html_web.page_text(page)[0].split("\n\n")


def test_the_articles_own_heading_is_found_past_furniture_before_it() -> None:
    """A share bar (cut as furniture) above the article's ``<h1>`` does not hide the
    heading from the headline rule: its list items are not the article's body."""
    page = (HEAD + '<article><ul class="share-buttons"><li><a href="/s">Share</a></li>'
            f'<li><a href="/t">Tweet</a></li></ul><h1>Road cut</h1><p>{P1}</p><p>{P2}</p>'
            "</article></body></html>")
    assert html.read_article(page).headline == "Road cut"
