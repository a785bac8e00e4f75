"""What a file says about itself: title, date, source and author, per format.

- PDF: the info dictionary (Title, Author, CreationDate), a title only when it is not
  a word processor's file name (``Microsoft Word - sitrep.docx``); else the first-page
  heading.
- HTML: ``citation_*`` tags (scholarly pages), then the page's JSON-LD article
  (:mod:`.metadata_jsonld`: headline, datePublished, author, publisher), then
  ``og:``/``article:`` tags, then ``<title>``, ``<meta name=author|date>``; the source
  is the page's URL (``og:url``, canonical, JSON-LD) before a publisher's name.
- DOCX: the core properties (``dc:title``, ``dc:creator``, ``dcterms:created``) and the
  company in the app properties as the source.
- Text and Markdown: YAML front matter, else a ``#`` heading or a first line that looks
  like a title (short, no final punctuation); never a sentence or a photo credit.

Every format then looks for the date the text states of itself when the file gave no
date (:mod:`.metadata_dates`: a dateline ``KABUL, Afghanistan (Oct. 3, 2012) —``, a
dated headline or title line, a short dated line near the top); for PDF and DOCX that
date comes first, their creation date being only when the file was made. Reading
metadata never fails a document: whatever cannot be read is simply not known.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from briefing_tui.core.extract import document_kind
from briefing_tui.core.extract.metadata_dates import stated_date
from briefing_tui.core.extract.metadata_jsonld import read_jsonld
from briefing_tui.core.metadata import Metadata, clean, looks_like_title, parse_date

HEAD_CHARS = 3000  # how much of the text is searched for a heading or a dateline
_WORD_FILE = re.compile(r"^(microsoft (word|powerpoint) - |untitled)|\.(docx?|pdf|rtf|odt)$",
                        re.IGNORECASE)


def _text_value(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        found = clean(str(value))
        return found or None
    if isinstance(value, list) and value:
        return "; ".join(filter(None, (_text_value(v) for v in value))) or None
    return None


def _front_matter(text: str) -> tuple[Metadata, int]:
    """Markdown/Jekyll front matter and the offset where the body starts."""
    match = re.match(r"---[^\S\n]*\n(.*?\n)(?:---|\.\.\.)[^\S\n]*(?:\n|$)", text, re.DOTALL)
    if match is None:
        return Metadata(), 0
    from briefing_tui.core.safe_yaml import YamlError, load_yaml

    try:
        raw = load_yaml(match.group(1))
    except YamlError:
        return Metadata(), 0
    if not isinstance(raw, dict):
        return Metadata(), 0
    lowered = {str(k).lower(): v for k, v in raw.items()}

    def first(*keys: str) -> str | None:
        return next((v for k in keys if (v := _text_value(lowered.get(k)))), None)

    date = first("date", "published", "pubdate")
    return Metadata(first("title"), parse_date(date) if date else None,
                    first("source", "url", "publisher", "agency"),
                    first("author", "authors", "speaker", "by")), match.end()


# A press office's furniture above the headline: a release number ("2010-11-CA-123"), an
# editor's note in brackets ("[leader/facilitator]"), "For Immediate Release", "Download
# PDF", "News Release", the issuing office ("ISAF Joint Command - Afghanistan").
_FURNITURE_PART = (r"(?:\[[^\]\n]*\]|(?:19|20)?\d\d-[01]\d-[A-Z]{1,3}-\d{2,4}(?:\s+\d+)?|"
                   r"(?i:for\s+immediate\s+release|download\s+pdf|(?:news|press)\s+release)|"
                   r"[A-Z][\w ]*\b(?i:command)\s*[-\u2013\u2014]\s*[A-Z][a-z]+)")
_FURNITURE = re.compile(rf"(?:{_FURNITURE_PART}[^\S\n]*)+")


def _heading(text: str, start: int = 0) -> str | None:
    """The first non-blank line when it looks like a title (``# `` headings too), the
    press office's furniture above it passed over (:data:`_FURNITURE`: a release number or
    a bracketed note is no headline). A stray line of one or two characters (an icon
    font's glyph a PDF reads as "f") is passed over too: it is neither a title nor the sign
    that the document has none."""
    for line in text[start:start + HEAD_CHARS].splitlines():
        stripped = line.strip().lstrip("#").strip()
        if len(stripped) > 2 and not _FURNITURE.fullmatch(stripped):
            return clean(stripped) if looks_like_title(line) else None
    return None


def _pdf(path: Path) -> Metadata:
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(str(path))
    try:
        info = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    title = _text_value(info.get("Title"))
    if title and _WORD_FILE.search(title):
        title = None
    created = info.get("CreationDate") or info.get("ModDate") or ""
    return Metadata(title, parse_date(created) if created else None, None,
                    _text_value(info.get("Author")))


class _Head(HTMLParser):
    """Collects ``<title>``, ``<meta>`` and ``<link rel=canonical>`` until ``<body>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title: list[str] = []
        self.in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key and values.get("content", "").strip():
                self.meta.setdefault(key, []).append(values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.meta.setdefault("canonical", []).append(values.get("href", ""))
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title and not self.done:
            self.title.append(data)


def _html(path: Path) -> Metadata:
    from briefing_tui.core.extract.html_tree import decode_html

    parser = _Head()
    page = decode_html(path.read_bytes()[:1_000_000])[0]
    head_end = page.lower().find("<body")
    parser.feed(page if head_end == -1 else page[:head_end])
    meta = parser.meta

    def first(*keys: str, joined: bool = False) -> str | None:
        for key in keys:
            values = [clean(v) for v in meta.get(key, []) if clean(v)]
            if values:
                return "; ".join(dict.fromkeys(values)) if joined else values[0]
        return None

    ld = read_jsonld(page)
    title = first("citation_title") or ld.title or \
        first("og:title", "twitter:title", "dc.title") or (clean("".join(parser.title)) or None)
    date = first("citation_publication_date", "citation_date")
    date = parse_date(date) if date else None
    if date is None and ld.date:
        date = parse_date(ld.date)
    if date is None and (meta_date := first("article:published_time", "dc.date", "date",
                                            "pubdate", "publish-date", "og:published_time")):
        date = parse_date(meta_date)
    author = first("citation_author", joined=True) or ld.author or \
        first("article:author", "author", "byl", "dc.creator")
    source = first("og:url", "canonical") or ld.url or first("citation_publisher") or \
        ld.publisher or first("og:site_name", "dc.publisher")
    return Metadata(title, date, source, author)


def _docx(path: Path) -> Metadata:
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
          "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())

        def xml(name: str) -> ElementTree.Element | None:
            if name not in names or archive.getinfo(name).file_size > 1_000_000:
                return None
            data = archive.read(name)
            if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
                return None  # no entity expansion, ever
            return ElementTree.fromstring(data)

        core, app = xml("docProps/core.xml"), xml("docProps/app.xml")

    def find(root: ElementTree.Element | None, tag: str) -> str | None:
        node = None if root is None else root.find(tag, ns)
        return clean(node.text) if node is not None and node.text and clean(node.text) \
            else None

    title = find(core, "dc:title")
    if title and _WORD_FILE.search(title):
        title = None
    created = find(core, "dcterms:created") or find(core, "dc:date")
    return Metadata(title, parse_date(created) if created else None,
                    find(app, "ep:Company"), find(core, "dc:creator"))


def read_metadata(path: Path, text: str) -> Metadata:
    """The file's own metadata, filled in from its text; fields not found are None."""
    kind = document_kind(path)
    found, body = Metadata(), 0
    try:
        if kind == "pdf":
            found = _pdf(path)
        elif kind == "html":
            found = _html(path)
        elif kind == "docx":
            found = _docx(path)
        else:
            found, body = _front_matter(text)
    except Exception:  # metadata is a bonus: a damaged part is just not known
        found = Metadata()
    stated = stated_date(text[body:])
    from_text = Metadata(_heading(text, body), stated.isoformat() if stated else None)
    if kind in ("pdf", "docx") and from_text.date:
        # a file's creation date is when the file was made (a template, a re-export);
        # the date printed at the top of its first page is the document's
        found = found.set(date=None)
    return found.over(from_text)
