"""Every export format: golden files, round trips, and the flagged attention section.

Golden files live in ``tests/golden/seed.<format>``: the seed briefing tagged with
``SEED_TAGS`` (tests/export_helpers.py), exported without a timestamp. After an intended
change of a format, regenerate them and review the diff::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_formats.py

Hostile strings are in tests/test_export_hostile.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import FORMATS, render
from briefing_tui.core.export.data import (
    CSV_BY_COLUMN,
    CSV_COLUMNS,
    CSV_LABEL_COLUMN,
    CSV_META_COLUMNS,
    csv_unneutralise,
)
from briefing_tui.core.summary import Summary, build_summary

from .constants import SEED
from .export_helpers import SEED_TAGS, tagged_seed

GOLDEN = Path(__file__).resolve().parent / "golden"
BOOK = Codebook()
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
             "p", "table", "thead", "tbody", "tr", "th", "td", "span", "nav", "ol", "ul",
             "li", "a", "main", "section", "figure", "blockquote", "figcaption", "cite",
             "small", "br"}


def seed_summary(folder: Path, monkeypatch: pytest.MonkeyPatch,
                 timestamp: datetime | None = None) -> Summary:
    """The tagged seed, summarised by relative path (as a user in its folder would)."""
    tagged_seed(folder)
    monkeypatch.chdir(folder)
    return build_summary([Path(SEED.name)], BOOK, timestamp=timestamp)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = render(seed_summary(tmp_path, monkeypatch), fmt, BOOK)
    golden = GOLDEN / f"seed.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == golden.read_bytes(), \
        f"{golden.name} differs; if intended, regenerate with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_deterministic_but_for_the_timestamp(fmt: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    summary = seed_summary(tmp_path, monkeypatch)
    assert render(summary, fmt, BOOK) == render(build_summary([Path(SEED.name)], BOOK,
                                                              timestamp=None), fmt, BOOK)
    when = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    dated = render(build_summary([Path(SEED.name)], BOOK, timestamp=when), fmt, BOOK)
    if fmt == "csv":
        assert dated == render(summary, fmt, BOOK)  # rows only: nothing to date
    else:
        assert "2026-03-01T09:30:00+00:00" in dated
        assert dated.replace("2026-03-01T09:30:00+00:00", "") != render(summary, fmt, BOOK)


def test_json_round_trip_gives_the_same_sentences_and_offsets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = seed_summary(tmp_path, monkeypatch)
    data = json.loads(render(summary, "json", BOOK))
    assert (data["format"], data["version"], data["generated"]) == (
        "briefing_tui.summary", 1, None)
    assert data["counts"] == summary.counts
    text = SEED.read_text(encoding="utf-8")
    got = [(r["tag"], r["start"], r["end"], r["text"], tuple(r["co_tags"]), r["note"],
            r["paragraph"], r["sentence"]) for r in data["sentences"]]
    want = [(i.tag, i.start, i.end, i.text, i.co_tags, i.note, i.citation.paragraph,
             i.citation.sentence) for t in summary.tags for i in summary.items[t]]
    assert got == want and len(got) == 11
    assert all(text[r["start"]:r["end"]] == r["text"] for r in data["sentences"])
    assert data["documents"][0]["tagged"] == len(SEED_TAGS)


def test_csv_round_trip_gives_the_same_sentences_and_offsets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = seed_summary(tmp_path, monkeypatch)
    out = render(summary, "csv", BOOK)
    assert out.endswith("\r\n") and "\r" not in out.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == [*CSV_COLUMNS, *CSV_META_COLUMNS, CSV_BY_COLUMN,
                            CSV_LABEL_COLUMN]
    text = SEED.read_text(encoding="utf-8")
    want = [(i.document.name, i.citation.paragraph, i.citation.sentence, i.start, i.end,
             i.tag, ";".join(i.co_tags), i.note, i.text)
            for t in summary.tags for i in summary.items[t]]
    got = [(r["document"], int(r["paragraph"]), int(r["sentence"]), int(r["start"]),
            int(r["end"]), r["tag"], r["co_tags"], csv_unneutralise(r["note"]),
            csv_unneutralise(r["text"])) for r in rows]
    assert got == want
    assert all(text[start:end] == quote for *_, start, end, _t, _c, _n, quote in got)
    multiline = [r for r in rows if "\n" in r["note"]]
    assert multiline and multiline[0]["note"].startswith("Five crossings:\nIslam Qala")


class Collector(HTMLParser):
    """Start tags, attributes and text of a page, and whether every tag was closed."""

    VOID = {"meta", "br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(page: str) -> Collector:
    parser = Collector()
    parser.feed(page)
    parser.close()
    return parser


def check_html_is_self_contained(page: Collector) -> None:
    assert not page.errors and not page.open
    names = {tag for tag, _ in page.tags}
    assert names <= HTML_TAGS, names - HTML_TAGS
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    for _, attrs in page.tags:
        assert "src" not in attrs
        assert not any(key.startswith("on") for key in attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") and href[1:] in ids, href


def test_html_parses_is_standalone_and_quotes_exactly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = seed_summary(tmp_path, monkeypatch)
    out = render(summary, "html", BOOK)
    page = parse_html(out)
    check_html_is_self_contained(page)
    assert "<script" not in out.lower() and "://" not in out
    assert "Content-Security-Policy" in out
    text = "".join(page.text)
    for items in summary.items.values():
        for item in items:
            assert item.text in text
    toc = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert toc == ["#key-figures", "#tag-security", "#tag-migration", "#tag-diplomacy",
                   "#documents"]  # no #timeline: the seed has no date
    for tag in BOOK:
        assert tag.colour in out  # the codebook's colours


def test_jsonld_is_web_annotation_with_quote_and_position(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = seed_summary(tmp_path, monkeypatch)
    data = json.loads(render(summary, "jsonld", BOOK))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["id"].startswith("urn:uuid:")
    every = data["first"]["items"]
    items = [i for i in every if i["motivation"] != "describing"]
    figures = [i for i in every if i["motivation"] == "describing"]
    assert data["total"] == len(every) == len(SEED_TAGS) + len(summary.figures)
    assert len(items) == len(SEED_TAGS) and len(figures) == 2  # one per annotation, figure
    text = SEED.read_text(encoding="utf-8")
    document = open_document(SEED.name)
    by_start = {a.start: a for a in document.annotations.sorted()}
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] == "tagging"
        assert item["id"].startswith("urn:uuid:")
        assert item["target"]["source"] == SEED.name
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
        bodies = item["body"] if isinstance(item["body"], list) else [item["body"]]
        annotation = by_start[position["start"]]
        assert [b["value"] for b in bodies if b["purpose"] == "tagging"] == \
            BOOK.order(annotation.tags)
        assert [b["value"] for b in bodies if b["purpose"] == "commenting"] == \
            ([annotation.note] if annotation.note else [])
    assert len({item["id"] for item in items}) == len(items)


def test_attention_is_flagged_in_every_format(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tagged_seed(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("Mullah Hamdullah Fitrat, deputy spokesman for the Afghan government, "
                        "shared the figures", "Figures were shared")
    text = text.replace("7,000 Afghan refugees", "7,200 Afghan refugees")
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    summary = build_summary([Path(SEED.name)], BOOK, timestamp=None)
    assert len(summary.attention) == 2
    md = render(summary, "md", BOOK)
    assert "## Needs attention (2)" in md and "| **Needs attention** | 2 |" in md
    assert "orphaned: not found in the current text" in md and "position unknown" in md
    assert "needs review: moved onto a similar sentence" in md and "Was: Pakistan" in md
    page = parse_html(render(summary, "html", BOOK))
    check_html_is_self_contained(page)
    assert "Needs attention" in "".join(page.text)
    data = json.loads(render(summary, "json", BOOK))
    assert sorted(r["anchor"] for r in data["attention"]) == ["orphan", "review"]
    assert "7,000" in next(r["previous_text"] for r in data["attention"]
                           if r["anchor"] == "review")
    rows = list(csv.DictReader(io.StringIO(render(summary, "csv", BOOK), newline="")))
    assert [r["anchor"] for r in rows[-2:]] == ["review", "orphan"]
    ld = json.loads(render(summary, "jsonld", BOOK))["first"]["items"]
    assert ld[0]["target"]["source"] == SEED.name
    orphan = next(i for i in ld if any(b["purpose"] == "assessing" and "orphan" in b["value"]
                                       for b in i["body"]))
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]
    assert len([i for i in ld if i["motivation"] != "describing"]) == len(SEED_TAGS)


def test_empty_summary_is_a_valid_export(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    summary = seed_summary(tmp_path, monkeypatch)
    empty = build_summary([Path(SEED.name)], BOOK, doc_glob="nothing", timestamp=None)
    assert empty.empty and summary.total
    assert "No tagged sentences matched." in render(empty, "md", BOOK)
    assert json.loads(render(empty, "json", BOOK))["sentences"] == []
    header = ",".join((*CSV_COLUMNS, *CSV_META_COLUMNS, CSV_BY_COLUMN, CSV_LABEL_COLUMN))
    assert render(empty, "csv", BOOK) == header + "\r\n"
    assert json.loads(render(empty, "jsonld", BOOK))["total"] == 0
    check_html_is_self_contained(parse_html(render(empty, "html", BOOK)))


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        render(Summary([], [], {}, [], {}, None), "pdf", BOOK)
