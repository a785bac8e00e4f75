"""The brief as a Word file (.docx), because that is what the boss opens.

Made with python-docx (MIT, on lxml; the optional extra ``briefing-tui[docx]``): headings,
the key-figures table, the timeline, then per tag the quotes (Word's *Quote* style) with
their citations, notes and co-tags, then what needs attention and the documents. Every
text goes through :func:`~briefing_tui.core.visible.shown` first, so no control character
reaches the XML. Deterministic: the zip's entries get a fixed date and the document's
properties the summary's timestamp (or none), so the same summary gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from typing import Any

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.export.brief_parts import (
    BLUF,
    FIGURES_INTRO,
    JUDGMENTS,
    OUTLOOK,
    TIMELINE_INTRO,
    dated,
    grouped,
    has_trends,
    number,
    paragraphs,
    source,
    status,
    trend,
    undated_line,
    when,
)
from briefing_tui.core.export.common import (
    TITLE,
    attention_label,
    credit,
    filters_line,
    place,
    plural,
    short,
)
from briefing_tui.core.summary import Citation, Summary, SummaryItem
from briefing_tui.core.visible import shown

INSTALL = "pip install 'briefing-tui[docx]'"
_NOT_XML = re.compile("[\ufffe\uffff]")  # what shown() leaves and XML 1.0 refuses
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class DocxUnavailable(BriefingError):
    """python-docx is not installed; the message says how to install it."""


def _t(text: str, *, one_line: bool = True) -> str:
    """Text for Word; in quotes the source's U+2028/U+2029 become breaks (python-docx
    writes a run's newline as a line break), never a visible symbol."""
    out = shown(text, one_line=one_line, keep_separators=not one_line)
    out = out.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _NOT_XML.sub("\ufffd", out)


def _cited(cite: Citation) -> str:
    who = f" ({credit(cite)})" if credit(cite) else ""
    return f"{short(cite.title)}{who}, {cite.file}, {place(cite)}"


class _Writer:
    """One Word document being written (python-docx imported only when asked for)."""

    def __init__(self, summary: Summary) -> None:
        try:
            import docx  # deferred: an optional extra
        except ImportError as exc:
            raise DocxUnavailable(f"the docx format needs python-docx: {INSTALL}") from exc
        self.summary = summary
        self.doc: Any = docx.Document()
        properties = self.doc.core_properties
        properties.author = properties.last_modified_by = "briefing_tui"
        properties.title = _t(summary.brief.title or TITLE)
        properties.revision = 1
        moment = datetime.fromisoformat(summary.generated) if summary.generated else \
            datetime(2000, 1, 1, tzinfo=timezone.utc)  # no timestamp: a fixed one
        if moment.tzinfo is not None:  # Word stores UTC
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        properties.created = properties.modified = moment

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(_t(text), level)

    def para(self, text: str, style: str | None = None, *, italic: bool = False,
             bold_lead: str = "") -> None:
        paragraph = self.doc.add_paragraph(style=style)
        if bold_lead:
            paragraph.add_run(_t(bold_lead)).bold = True
        run = paragraph.add_run(_t(text, one_line=False))
        run.italic = italic

    def table(self, head: list[str], rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(head))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, head):
            cell.text = ""
            cell.paragraphs[0].add_run(_t(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = _t(text)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _header(w: _Writer, summary: Summary) -> None:
    w.doc.add_heading(_t(summary.brief.title or TITLE), 0)
    if summary.brief.period:
        w.para(summary.brief.period, bold_lead="Period: ")
    count = plural(len(summary.documents), "document")
    w.para(f"Exported {summary.generated} from {count}." if summary.generated
           else f"From {count}.")
    if filters_line(summary):
        w.para(f"Filters: {filters_line(summary)}.")
    _words(w, summary)
    trends = has_trends(summary)
    rows = [[tag, str(summary.counts[tag]), *([trend(summary, tag)] if trends else [])]
            for tag in summary.tags]
    if summary.attention:
        rows.append(["Needs attention", str(len(summary.attention)), *([""] if trends else [])])
    w.table(["Tag", "Sentences", *(["Trend"] if trends else [])], rows)


def _words(w: _Writer, summary: Summary) -> None:
    """The analyst's bottom line, key judgments and outlook (brief.yaml), when written."""
    words = summary.brief.words
    if words.bottom_line:
        w.heading(BLUF, 1)
        for para in paragraphs(words.bottom_line):
            w.para(para)
    if words.judgments:
        w.heading(JUDGMENTS, 1)
        for judgment in words.judgments:
            w.para(judgment, "List Number")
    if words.outlook:
        w.heading(OUTLOOK, 1)
        for para in paragraphs(words.outlook):
            w.para(para)


def _figures(w: _Writer, summary: Summary) -> None:
    if not summary.figures:
        return
    w.heading("Key figures", 1)
    w.para(FIGURES_INTRO)
    w.table(["What", "Figure", "Source", "Cited", "Status"],
            [[label, number(f), source(f), _cited(f.citation), status(summary, f)]
             for label, group in grouped(summary) for f in group])


def _timeline(w: _Writer, summary: Summary) -> None:
    note = undated_line(summary)
    if dated(summary):
        w.heading("Timeline", 1)
        w.para(TIMELINE_INTRO)
        for event in dated(summary):
            w.para(f"{event.text}", bold_lead=f"{when(event)} — ")
            tags = ", ".join(event.tags)
            about = ", ".join(event.about)
            w.para("— " + _cited(event.citation) + (f" · {tags}" if tags else "")
                   + (f" · about: {about}" if about else ""), italic=True)
    if note:
        w.para(note, italic=True)


def _item(w: _Writer, item: SummaryItem, label: str = "also",
          about: tuple[str, ...] = ()) -> None:
    for text in item.before:  # neighbouring sentences (--context), in italics
        w.para(text, italic=True)
    w.para(item.text, "Quote")
    if item.note and item.after:  # right under its quote, not after the next sentence
        w.para(item.note, bold_lead="Note: ")
    for text in item.after:
        w.para(text, italic=True)
    line = "— " + _cited(item.citation)
    if item.co_tags:
        line += f" · {label}: " + ", ".join(item.co_tags)
    if about:
        line += " · about: " + ", ".join(about)
    if item.by:
        line += " · by " + ", ".join(item.by)
    w.para(line, italic=True)
    if item.previous:
        w.para(item.previous, bold_lead="Was: ")
    if item.note and not item.after:
        w.para(item.note, bold_lead="Note: ")


def _tags(w: _Writer, summary: Summary) -> None:
    for tag in summary.tags:
        items = summary.items[tag]
        if not items:
            continue
        said = trend(summary, tag)
        w.heading(f"{tag} ({len(items)})" + (f" — {said}" if said else ""), 1)
        current = None
        for item in items:
            if item.document != current:
                current = item.document
                w.heading(item.citation.title, 2)
            _item(w, item, about=summary.about(item))


def render_docx(summary: Summary, codebook: Codebook) -> bytes:
    """The brief as a .docx file's bytes (``codebook`` unused: Word gets no tag colours)."""
    del codebook
    w = _Writer(summary)
    _header(w, summary)
    if summary.empty:
        w.para("No tagged sentences matched.")
    parts = {"figures": _figures, "timeline": _timeline, "tags": _tags}
    for section in summary.brief.sections:
        parts[section](w, summary)
    if summary.attention:
        w.heading(f"Needs attention ({len(summary.attention)})", 1)
        w.para("These tags no longer sit exactly on their sentence (the document changed); "
               "check them before quoting.")
        for item in summary.attention:
            w.para(attention_label(item.anchor), bold_lead="⚠ ")
            _item(w, item, "tags")
    w.heading("Documents", 1)
    for info in summary.documents:
        state = f"sidecar unreadable ({info.error})" if info.error else \
            f"{info.tagged} of {plural(info.sentences, 'sentence')} tagged"
        about = " · ".join(x for x in (info.author, info.date, info.source) if x)
        w.para(f"{info.title} — " + (f"{about} — " if about else "") +
               f"{info.path.name}: {state}", "List Bullet")
    if summary.skipped:
        w.heading(f"Skipped ({len(summary.skipped)})", 1)
        for line in summary.skipped:
            w.para(line, "List Bullet")
    return w.bytes()
