"""A saved page's JSON-LD feeds its metadata: every shape pages write, bad JSON skipped."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.extract.metadata_jsonld import read_jsonld
from briefing_tui.core.metadata import Metadata

BODY = ("<body><article><h1>Talks on border trade resume</h1>"
        "<p>Officials met in Kabul on Monday to discuss trade across the border crossing.</p>"
        "<p>They agreed to meet again next month in Islamabad, the ministry said.</p>"
        "</article></body></html>")


def _page(*blocks: str, head: str = "<title>Talks resume | Example News</title>") -> str:
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<html><head>{head}{scripts}</head>{BODY}"


def _meta(tmp_path: Path, page: str) -> Metadata:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return open_document(path).metadata


GRAPH = json.dumps({"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "@id": "https://news.example/#site", "name": "Example News"},
    {"@type": "WebPage", "@id": "https://news.example/talks", "name": "Talks resume"},
    {"@type": "Person", "@id": "https://news.example/#amina", "name": "Amina Rahimi"},
    {"@type": ["NewsArticle"], "headline": "Talks on border trade resume",
     "datePublished": "2025-11-24T08:00:00+04:30", "dateModified": "2025-11-25",
     "author": [{"@id": "https://news.example/#amina"}, {"@type": "Person",
                                                        "name": "B. Noori"}],
     "publisher": {"@type": "NewsMediaOrganization", "name": "Example News"},
     "mainEntityOfPage": {"@id": "https://news.example/talks"}}]})


def test_a_news_article_in_a_graph(tmp_path: Path) -> None:
    assert _meta(tmp_path, _page(GRAPH)) == Metadata(
        "Talks on border trade resume", "2025-11-24", "https://news.example/talks",
        "Amina Rahimi; B. Noori")


def test_the_article_wins_over_the_page_and_the_tags_around_it(tmp_path: Path) -> None:
    crumbs = json.dumps({"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "name": "World"}]})
    listed = json.dumps([{"@type": "WebPage", "name": "Example News — World"},
                         {"@type": "ReportageNewsArticle", "headline": "Convoy reaches Torkham",
                          "datePublished": "2024-03-02", "author": "Staff reporter",
                          "publisher": "Example Wire"}])
    head = ('<title>World | Example News</title>'
            '<meta property="og:title" content="World news">'
            '<meta property="article:published_time" content="2024-03-05">')
    found = _meta(tmp_path, _page(crumbs, listed, head=head))
    assert found == Metadata("Convoy reaches Torkham", "2024-03-02", "Example Wire",
                             "Staff reporter")


def test_a_report_in_cdata_with_a_url(tmp_path: Path) -> None:
    report = ('//<![CDATA[\n' + json.dumps({
        "@type": "Report", "name": "Haiti: Hurricane Melissa Flash Update No. 1",
        "datePublished": "23 October 2025", "author": {"@type": "Organization",
                                                      "name": "OCHA"},
        "url": "https://reliefweb.int/report/haiti/flash-update-1"}) + "\n//]]>")
    found = read_jsonld(_page(report))
    assert (found.title, found.date, found.author, found.url) == (
        "Haiti: Hurricane Melissa Flash Update No. 1", "23 October 2025", "OCHA",
        "https://reliefweb.int/report/haiti/flash-update-1")
    assert _meta(tmp_path, _page(report)).date == "2025-10-23"


def test_bad_json_is_skipped_and_a_good_block_still_read(tmp_path: Path) -> None:
    bad = ['{"@type": "NewsArticle", "headline": "Broken",}', "{{ article.jsonld }}",
           "[" * 100_000, '{"@type": 5, "headline": {"nested": true}}', "null", '"text"']
    good = json.dumps({"@type": "Article", "headline": "Aid reaches El Fasher",
                       "datePublished": "2024-05-01", "author": {"name": ["UN News"]}})
    found = _meta(tmp_path, _page(*bad, good))
    assert (found.title, found.date, found.author) == ("Aid reaches El Fasher", "2024-05-01",
                                                       "UN News")
    # nothing readable: the <title> and the text are used, and the page opens
    only_bad = _meta(tmp_path, _page(*bad))
    assert only_bad.title == "Talks resume | Example News" and only_bad.author is None
    assert open_document(tmp_path / "page.html").text.startswith("Talks on border trade")


def test_scholarly_tags_still_come_first(tmp_path: Path) -> None:
    head = ('<meta name="citation_title" content="Trade and war">'
            '<meta name="citation_author" content="Khan, A.">')
    found = _meta(tmp_path, _page(GRAPH, head=head))
    assert (found.title, found.author, found.date) == ("Trade and war", "Khan, A.",
                                                       "2025-11-24")
