"""Every hostile string of tests/data/hostile_inputs.yaml, in every export format.

Each string goes into a tagged sentence, at the start of another tagged sentence, into
a note (inline and at the start of a line), and into a file name where the file system
allows. The export must keep its structure exactly as it is for a harmless string
(Markdown parsed with markdown-it, HTML with html.parser), show the text literally (made
visible), keep it exact in JSON, and never let a raw control character through.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
import yaml
from markdown_it import MarkdownIt

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document
from briefing_tui.core.export import FORMATS, render
from briefing_tui.core.export.data import (
    CSV_BY_COLUMN,
    CSV_COLUMNS,
    CSV_LABEL_COLUMN,
    CSV_META_COLUMNS,
    csv_unneutralise,
)
from briefing_tui.core.summary import Summary, build_summary
from briefing_tui.core.visible import shown

from .constants import DATA
from .export_helpers import hostile_document
from .test_export_formats import check_html_is_self_contained, parse_html

BOOK = Codebook()
_HOSTILE = yaml.safe_load((DATA / "hostile_inputs.yaml").read_text(encoding="utf-8"))
STRINGS = [s for key in ("markup_injection", "terminal_escapes", "unicode_edge_cases",
                         "export_injection") for s in _HOSTILE[key]]
#: Markdown that only acts at the start of a line (the YAML's strings never start so).
LINE_STARTS = ["- item", "+ item", "* item", "1. item", "12) item", "> quote", "===", "---",
               ": definition", "    indented code", "```fence", "~~~", "***", "___",
               "<!-- comment -->", "| a | b |\n|---|---|", "[x]: http://evil/ 'title'",
               "![img](http://evil/x.png)", "<http://evil/>", "a  \nhard break", "x\\",
               "&lt;b&gt; &#60;script&#62;", "$x^2$ ~sub~ ^sup^ {.class}", "_a_ snake_case",
               "a paragraph\n\n    code after a blank line"]
#: What no export may hold raw: C0 controls (but newline), DEL, C1, bidi controls,
#: line/paragraph separators. CSV's own CRLF row ends are removed before checking.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
CSV_HEADER = (*CSV_COLUMNS, *CSV_META_COLUMNS, CSV_BY_COLUMN, CSV_LABEL_COLUMN)
#: CSV keeps the line and paragraph separators as the source has them (issue 11).
RAW_CSV = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKDOWN = MarkdownIt("commonmark").enable("table")
_cache: dict[tuple[str, str], tuple[Document, Summary]] = {}


def exported(tmp_path_factory: pytest.TempPathFactory, hostile: str,
             name: str = "hostile.txt") -> tuple[Document, Summary]:
    """The hostile briefing and its summary, built once per string and name."""
    key = (hostile, name)
    if key not in _cache:
        folder = tmp_path_factory.mktemp("hostile")
        document = hostile_document(folder, hostile, name)
        _cache[key] = (document, build_summary([document.path], BOOK, timestamp=None))
    return _cache[key]


def harmless(hostile: str) -> str:
    """The same shape of lines and paragraphs, with nothing in it that could act."""
    return re.sub(r"\S", "x", hostile)


def structure(markdown: str) -> list[str]:
    """Block token types, then the inline ones that are not plain text."""
    tokens = MARKDOWN.parse(markdown)
    blocks = [t.type for t in tokens]
    inline = sorted(c.type for t in tokens for c in t.children or []
                    if c.type not in ("text", "softbreak"))
    return blocks + inline


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def loose(text: str) -> str:
    """Text with the whitespace HTML ignores evened out (Markdown turns leading spaces
    into no-break spaces and drops trailing ones, which would make a hard break)."""
    return re.sub(r"[ \n]*\n[ \n]*", "\n", re.sub(r"[ \u00a0]+", " ", text))


def rendered_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def broken(text: str, brk: str) -> str:
    """``text`` as a format shows it: visible, U+2028/U+2029 as its line break ``brk``."""
    return re.sub("[\u2028\u2029]", brk, shown(text, keep_separators=True))


def note_and_quotes(summary: Summary) -> tuple[str, list[str]]:
    """The hostile note, and the two tagged sentences holding the hostile string."""
    item = summary.items["security"][0]
    return item.note, [item.text, summary.items["diplomacy"][0].text]


@pytest.mark.parametrize("hostile", STRINGS + LINE_STARTS)
def test_markdown_keeps_its_structure_and_shows_text_literally(
        hostile: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    _, summary = exported(tmp_path_factory, hostile)
    _, benign = exported(tmp_path_factory, harmless(hostile))
    out = render(summary, "md", BOOK)
    assert not RAW.search(out)
    assert structure(out) == structure(render(benign, "md", BOOK))
    text = loose(rendered_text(MARKDOWN.render(out)))
    note, quotes = note_and_quotes(summary)
    assert loose("Note: " + broken(note, "\n")) in text
    for quote in quotes:
        assert loose(broken(quote, "\n")) in text


@pytest.mark.parametrize("hostile", STRINGS)
def test_html_escapes_everything_it_did_not_write(
        hostile: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    _, summary = exported(tmp_path_factory, hostile)
    _, benign = exported(tmp_path_factory, harmless(hostile))
    # a place named in the text ("Torkham") adds its mention: same structure otherwise
    summary, benign = replace(summary, about_of={}), replace(benign, about_of={})
    out = render(summary, "html", BOOK)
    assert not RAW.search(out)
    page = parse_html(out)
    check_html_is_self_contained(page)
    assert page.tags == parse_html(render(benign, "html", BOOK)).tags
    text = "".join(page.text)
    note, quotes = note_and_quotes(summary)
    assert "Note: " + broken(note, "") in text  # <br> holds no text
    for quote in quotes:
        assert broken(quote, "") in text


@pytest.mark.parametrize("hostile", STRINGS)
def test_csv_neutralises_formulas_and_reads_back(
        hostile: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    document, summary = exported(tmp_path_factory, hostile)
    out = render(summary, "csv", BOOK)
    assert not RAW_CSV.search(out.replace("\r\n", "\n"))
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 1 + 3 and all(len(row) == len(CSV_HEADER) for row in rows)
    for row in rows[1:]:
        for cell in row:
            first = cell.lstrip(" ")[:1]
            assert first not in ("=", "+", "-", "@", "\t", "\r") or not first, cell
    records = list(csv.DictReader(io.StringIO(out, newline="")))
    note, quotes = note_and_quotes(summary)
    assert csv_unneutralise(records[0]["note"]) == broken(note, "\u2028")
    assert {csv_unneutralise(r["text"]) for r in records} == {broken(q, "\u2028")
                                                              for q in quotes}
    for record in records:
        start, end = int(record["start"]), int(record["end"])
        assert shown(document.text[start:end], keep_separators=True) == \
            csv_unneutralise(record["text"])


@pytest.mark.parametrize("fmt", ["json", "jsonld"])
@pytest.mark.parametrize("hostile", STRINGS)
def test_json_keeps_the_exact_text_escaped(
        fmt: str, hostile: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    _, summary = exported(tmp_path_factory, hostile)
    out = render(summary, fmt, BOOK)
    assert not RAW.search(out)
    data = json.loads(out)
    note, quotes = note_and_quotes(summary)
    assert note == f"{hostile}\n{hostile}"
    if fmt == "json":
        assert data["sentences"][0]["note"] == note
        assert {r["text"] for r in data["sentences"]} == set(quotes)
    else:
        items = data["first"]["items"]
        bodies = [b for i in items for b in
                  (i["body"] if isinstance(i["body"], list) else [i["body"]])]
        assert any(b["purpose"] == "commenting" and b["value"] == note for b in bodies)
        exact = {i["target"]["selector"][0]["exact"] for i in items}
        assert exact == set(quotes)


def _file_name_cases() -> list[str]:
    return [s for s in STRINGS if "/" not in s and "\0" not in s]


@pytest.mark.parametrize("hostile", _file_name_cases())
@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_file_names(fmt: str, hostile: str,
                            tmp_path_factory: pytest.TempPathFactory) -> None:
    try:
        document, summary = exported(tmp_path_factory, "calm", f"{hostile}.txt")
    except OSError as exc:  # the file system refuses the name
        pytest.skip(f"file system refuses {hostile!r}: {exc}")
    _, benign = exported(tmp_path_factory, "calm", "benign-name.txt")
    name = document.path.name
    out = render(summary, fmt, BOOK)
    assert not RAW.search(out.replace("\r\n", "\n"))
    if fmt == "md":
        assert structure(out) == structure(render(benign, "md", BOOK))
        assert shown(name, one_line=True) in rendered_text(MARKDOWN.render(out))
    elif fmt == "html":
        page = parse_html(out)
        check_html_is_self_contained(page)
        assert page.tags == parse_html(render(benign, "html", BOOK)).tags
        assert shown(name, one_line=True) in "".join(page.text)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert {csv_unneutralise(r["document"]) for r in rows} == {shown(str(document.path))}
    elif fmt == "json":
        data = json.loads(out)
        assert data["documents"][0]["document"] == name
        assert data["sentences"][0]["path"] == str(document.path)
    else:
        data = json.loads(out)
        assert all(i["target"]["source"].startswith("file:///") for i in
                   data["first"]["items"])
