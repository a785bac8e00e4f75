"""HTML briefings: the article and nothing else, in the page's own encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.extract import extract
from briefing_tui.core.extract.html import extract_html, html_to_text
from briefing_tui.core.extract.html_tree import decode_html
from briefing_tui.core.segment import segment
from briefing_tui.core.text import DocumentError

from .extract_helpers import EXTRACT, isolated_cache

__all__ = ["isolated_cache"]
BOILERPLATE = ("Home", "Podcasts", "Privacy policy", "cookies", "Related stories", "Share on",
               "Subscribe", "Great piece", "Meistgelesen", "Impressum", "Ignore me",
               "dataLayer", "font-family", "Startseite", "Accept all", "comments", "Search",
               "not text", "Breaking", "Skip to")


def unmarked(text: str) -> list[str]:
    """Paragraphs with the list markers the extractor adds taken off."""
    out = []
    for para in text.split("\n\n"):
        head, _, rest = para.partition(" ")
        out.append(rest if head == "\u2022" or (head[:-1].isdigit() and head[-1:] == ".")
                   else para)
    return out


@pytest.mark.parametrize("reader", ["app", "fallback"])
@pytest.mark.parametrize("name", ["news1", "news2_latin1", "news3_cp1252"])
def test_saved_news_pages_give_their_article(name: str, reader: str) -> None:
    """Both paths: what the app runs (trafilatura, the [html] extra installed in dev)
    and our standard-library reader, called directly."""
    path = EXTRACT / f"{name}.html"
    loaded = extract(path) if reader == "app" else extract_html(path.read_bytes(), path)
    want = (EXTRACT / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert unmarked(loaded.text) == want.split("\n\n")
    for words in BOILERPLATE:
        assert words not in loaded.text, words
    ran = "trafilatura " if reader == "app" else "html.parser "
    assert loaded.extractor.startswith(ran) and not loaded.read_only


def test_declared_legacy_encodings_are_honoured() -> None:
    latin = extract(EXTRACT / "news2_latin1.html")
    assert latin.encoding == "cp1252"  # ISO-8859-1 means windows-1252 to browsers
    page = decode_html((EXTRACT / "news2_latin1.html").read_bytes())[0]
    assert "Größe: Ä Ö Ü ß é" in page  # in the dateline, which is not article text
    cp1252 = extract(EXTRACT / "news3_cp1252.html")
    assert "the road from Jeddah – what comes next" in cp1252.text
    raw = b'<meta charset="iso-8859-1"><p>\x93Quoted\x94 \x80 5 \x81</p>'
    assert html_to_text(decode_html(raw)[0]) == "\u201cQuoted\u201d \u20ac 5 \x81"


@pytest.mark.parametrize(("data", "text", "encoding"), [
    (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "café", "utf-8"),
    ("<p>café</p>".encode("utf-16"), "café", "utf-16-le"),
    (b"<?xml version='1.0' encoding='iso-8859-15'?><p>\xa4 caf\xe9</p>", "€ café",
     "iso8859-15"),
    (b"<p>no declaration, caf\xe9</p>", "no declaration, café", "cp1252"),
    (b"<p>no declaration, caf\xc3\xa9</p>", "no declaration, café", "utf-8"),
    (b'<meta charset="utf-16"><p>caf\xc3\xa9</p>', "café", "utf-8"),
    (b'<meta charset="x-unknown"><p>caf\xc3\xa9</p>', "café", "utf-8"),
], ids=["utf8-bom", "utf16-bom", "xml-decl", "cp1252-guess", "utf8-guess", "utf16-label",
        "unknown-label"])
def test_encodings(data: bytes, text: str, encoding: str) -> None:
    page, found, warning = decode_html(data)
    assert (html_to_text(page), found, warning) == (text, encoding, "")


def test_bytes_invalid_in_the_declared_encoding_are_replaced_with_a_warning(
        tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(b'<meta charset="utf-8"><p>Bad \xff byte.</p>')
    loaded = extract(path)
    assert loaded.text == "Bad \ufffd byte."
    assert "declared utf-8" in loaded.warning


def test_entities_line_endings_and_whitespace() -> None:
    page = ("<p>Tom &amp; Jerry&rsquo;s &#252;ber&nbsp;caf&eacute; &#x41;&lt;b&gt; &#0;"
            "&unknown;</p>\r<p>one\r\ntwo\rthree</p>\n<pre>  keep\r\n    this  </pre>")
    text = html_to_text(decode_html(page.encode())[0])
    assert text.split("\n\n") == ["Tom & Jerry’s über café A<b> \ufffd&unknown;",
                                  "one two three", "  keep\n    this"]
    assert "\r" not in text


def test_headings_and_list_items_are_units_of_their_own() -> None:
    page = ("<article><h1>Torkham crossing</h1><p>Returns rose.</p><h2>Figures</h2>"
            "<ul><li>7,000 returned<li>Two crossings closed</ul>"
            "<ol start=3><li>First step<li>Second step</ol>"
            "<p>Line one<br>line two</p></article>")
    text = html_to_text(page)
    assert text.split("\n\n") == ["Torkham crossing", "Returns rose.", "Figures",
                                  "• 7,000 returned", "• Two crossings closed",
                                  "3. First step", "4. Second step", "Line one\nline two"]
    split = segment(text)
    sentences = [split.sentence_text(i) for i in range(len(split))]
    assert "Figures" in sentences and "• 7,000 returned" in sentences


def test_tables_are_rows_of_text() -> None:
    page = ("<article><p>Intro.</p><table><tr><th>State<th>Displaced<tr><td>Khartoum"
            "<td>2,851,000</table></article>")
    assert html_to_text(page).split("\n\n") == ["Intro.", "State | Displaced",
                                                "Khartoum | 2,851,000"]


def test_div_soup_without_paragraphs_and_a_page_wide_class() -> None:
    page = ('<body class="has-sidebar"><div class="menu"><a>Home</a></div>'
            '<div id="story">Text straight in a div, long enough to be the article. ' * 3 +
            "</div></body>")
    assert html_to_text(page).startswith("Text straight in a div")


def test_hidden_elements_are_not_text() -> None:
    page = ('<article><p>Seen.</p><p hidden>Unseen one.</p><p style="display: none">Unseen '
            'two.</p><div aria-hidden="true">Unseen three.</div></article>')
    assert html_to_text(page) == "Seen."


def test_deep_nesting_and_unclosed_tags_do_not_crash() -> None:
    page = "<div>" * 20_000 + "<p>Deep text." + "</span>" * 10 + "<table><td>cell"
    assert html_to_text(page) == "Deep text.\n\ncell"


def test_marked_sections_are_bogus_comments() -> None:
    """The standard library's parser raises AssertionError on these (found by fuzzing)."""
    page = "<p>One <![ Jeddah</a> two <![if !IE]> three <![CDATA[x]]> four.</p><p>Five <!["
    assert html_to_text(page) == "One two three four.\n\nFive <!["


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "not an HTML page: it looks like a PNG image"),
    (b"<html>" + b"\x00\x01\x02\x03" * 300, "not an HTML page: it looks like a binary file"),
    (b"%PDF-1.7\n...", "not an HTML page: it is a PDF file"),
    (b"PK\x03\x04" + b"\x00" * 50, "not an HTML page: it looks like a ZIP archive"),
    (b"", "empty file"),
    (b"<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>",
     "no text: the page holds no paragraphs to read"),
], ids=["png", "binary", "pdf", "zip", "empty", "menu-only"])
def test_bad_html_files_get_one_line_reasons(tmp_path: Path, data: bytes, reason: str,
                                             ) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        extract(path)
    assert str(info.value).startswith("bad.htm") and reason in str(info.value)
    assert "\n" not in str(info.value)
