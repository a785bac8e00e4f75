"""The Markdown brief: readable as plain text, rendered well by pandoc and GitHub.

User text (quotes, notes, titles, file names, the glob) can never change the brief's
structure or inject HTML. A backslash goes before the characters CommonMark, GitHub or
pandoc act on anywhere (``\\ ` * [ ] < # | ~ $ ^ { }``, an entity-like ``&``, and ``_``
except inside a word, so ``file_name`` stays readable) and before those that only
matter at the start of a line (``> - + = :`` and the dot of ``1.``). Leading spaces
become no-break spaces, so no line turns into a code block. Since ``<`` is always
escaped there is no raw HTML and no autolink. Rendered, each quote reads exactly as in
the document, with control characters shown as symbols (:func:`~briefing_tui.core.visible.shown`)
and U+2028/U+2029 as the line and paragraph breaks they are.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.export.brief_parts import (
    BLUF,
    FIGURES_INTRO,
    JUDGMENTS,
    OUTLOOK,
    TIMELINE_INTRO,
    full_stop,
    has_trends,
    number,
    paragraphs,
    source,
    status_of,
    trend,
    undated_words,
    what,
    when,
)
from briefing_tui.core.export.common import (
    TITLE,
    attention_label,
    credit_of,
    filters_line,
    place,
    plural,
    short,
)
from briefing_tui.core.export.frame import (
    DocView,
    Frame,
    Pieces,
    by_key,
    figure_rows,
    joined,
    timeline_order,
)
from briefing_tui.core.figures import side_by_side
from briefing_tui.core.summary import Citation, SummaryItem
from briefing_tui.core.visible import shown

_INLINE = re.compile(r"[\\`*\[\]<#|~$^{}]|&(?=#?[0-9A-Za-z]+;)|(?<![^\W_])_|_(?![^\W_])")
_LINE_START = re.compile(r"^([ \u00a0]*)([-+=:>]|\d{1,9}(?=[.)]))", re.MULTILINE)
_INDENT = re.compile(r"^[ ]+", re.MULTILINE)


def md_escape(text: str, *, one_line: bool = False) -> str:
    """``text`` as Markdown that renders back to exactly ``text`` (made visible); U+2028
    becomes a hard line break and U+2029 a paragraph break, as the source meant them."""
    out = _INLINE.sub(lambda m: "\\" + m.group(),
                      shown(text, one_line=one_line, keep_separators=not one_line))
    if "\u2028" in out or "\u2029" in out:
        out = out.replace("\u2028", "\\\n").replace("\u2029", "\n\n")
    out = _INDENT.sub(lambda m: "\u00a0" * len(m.group()), out)
    return _LINE_START.sub(_line_start, out)


@lru_cache(maxsize=4096)
def _label(text: str) -> str:
    """A one-line escape (title, file name, tag), cached: they repeat on every item."""
    return md_escape(text, one_line=True)


@lru_cache(maxsize=4096)
def _short_title(title: str) -> str:
    return _label(short(title))


def _line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker.isdigit():
        return f"{indent}{marker}\\"  # "1." -> "1\." : the dot is what makes a list
    return f"{indent}\\{marker}"


def _quoted(text: str) -> list[str]:
    """Lines of a blockquote holding ``text`` (each line of it quoted)."""
    return [f"> {line}".rstrip(" ") for line in text.split("\n")]


def _cited(cite: Citation) -> str:
    """``*Title* (Author, 2012-10-03), file.txt, ¶2 s.4``."""
    return f"{_document(cite.title, cite.author, cite.date, cite.file)}, {place(cite)}"


@lru_cache(maxsize=4096)
def _document(title: str, author: str, date: str, file: str) -> str:
    """A citation's document part, made once per document (it is on every item)."""
    who = credit_of(author, date)
    return f"*{_short_title(title)}*{f' ({_label(who)})' if who else ''}, {_label(file)}"


@cache
def _quote(text: str) -> str:
    """``md_escape(text)``, once per text while one export is rendered (a tagged sentence
    is quoted under each of its tags and again on the timeline); emptied after it."""
    return md_escape(text)


def _citation(item: SummaryItem, also: str = "also", about: tuple[str, ...] = ()) -> str:
    line = f"— {_cited(item.citation)}"
    if item.co_tags:
        line += f" · {also}: " + ", ".join(_label(t) for t in item.co_tags)
    if about:
        line += " · about: " + ", ".join(_label(name) for name in about)
    if item.by:
        line += " · by " + ", ".join(_label(name) for name in item.by)
    return line


def _context(sentences: tuple[str, ...]) -> list[str]:
    """Neighbouring sentences (``--context``), in italics beside the quote."""
    return [line for text in sentences
            for line in (*_quoted(f"*{md_escape(text, one_line=True)}*"), ">")]


def _item(item: SummaryItem, about: tuple[str, ...] = ()) -> list[str]:
    lines = [*_context(item.before), *_quoted(_quote(item.text))]
    note = [">", *_quoted("Note: " + md_escape(item.note))] if item.note else []
    if item.after:  # the note right under its quote, not after the next sentence
        lines += [*note, ">", *_context(item.after)[:-1]]
    lines += [">", f"> {_citation(item, about=about)}"]
    return [*lines, *([] if item.after else note), ""]


def _attention(item: SummaryItem) -> list[str]:
    tags = ", ".join(_label(t) for t in (item.tag, *item.co_tags) if t)
    cite = item.citation
    lines = [f"> **⚠ {attention_label(item.anchor)}**", ">", *_quoted(md_escape(item.text)),
             ">", f"> — {_cited(cite)} · tags: {tags or '(none)'}"]
    if item.previous:
        lines += [">", *_quoted("Was: " + md_escape(item.previous))]
    if item.note:
        lines += [">", *_quoted("Note: " + md_escape(item.note))]
    return [*lines, ""]


def _header(frame: Frame) -> list[str]:
    count = plural(len(frame.documents), "document")
    if frame.generated:
        intro = f"Exported {frame.generated} from {count}."
    else:
        intro = f"From {count}."
    lines = [f"# {md_escape(frame.brief.title or TITLE, one_line=True)}", "", intro]
    if frame.brief.period:
        lines.append(f"Period: {md_escape(full_stop(frame.brief.period), one_line=True)}")
    filters = filters_line(frame)
    if filters:
        lines.append(f"Filters: {md_escape(filters, one_line=True)}.")
    lines += _words(frame)
    trends = has_trends(frame)
    lines += ["", "| Tag | Sentences |" + (" Trend |" if trends else ""),
              "| --- | ---: |" + (" --- |" if trends else "")]
    lines += [f"| {md_escape(tag, one_line=True)} | {frame.counts[tag]} |"
              + (f" {trend(frame, tag)} |" if trends else "") for tag in frame.tags]
    if frame.attention:
        lines.append(f"| **Needs attention** | {frame.attention} |"
                     + (" |" if trends else ""))
    lines += ["", "## Documents", ""]
    for info in frame.documents:
        state = f"sidecar unreadable ({md_escape(info.error, one_line=True)})" \
            if info.error else f"{info.tagged} of {plural(info.sentences, 'sentence')} tagged"
        about = " · ".join(md_escape(x, one_line=True)
                           for x in (info.author, info.date, info.source) if x)
        lines.append(f"- *{md_escape(info.title, one_line=True)}* — "
                     + (f"{about} — " if about else "") +
                     f"{md_escape(info.path.name, one_line=True)}: {state}")
    if not frame.documents:
        lines.append("None.")
    return [*lines, ""]


def _words(frame: Frame) -> list[str]:
    """The analyst's bottom line, key judgments and outlook (brief.yaml), when written."""
    words = frame.brief.words
    lines: list[str] = []
    if words.bottom_line:
        lines += ["", f"## {BLUF}"]
        for para in paragraphs(words.bottom_line):
            lines += ["", md_escape(para, one_line=True)]
    if words.judgments:
        lines += ["", f"## {JUDGMENTS}", ""]
        lines += [f"{n}. {md_escape(j, one_line=True)}" for n, j in
                  enumerate(words.judgments, 1)]
    if words.outlook:
        lines += ["", f"## {OUTLOOK}"]
        for para in paragraphs(words.outlook):
            lines += ["", md_escape(para, one_line=True)]
    return lines


# -- one briefing's pieces ---------------------------------------------------------------

def md_pieces(view: DocView, context: tuple[Any, ...]) -> Pieces:
    """``view``'s briefing rendered: its items per tag, attention items, dated events per
    timeline date and key-figure rows (without their status)."""
    del context  # nothing of the frame shows in a briefing's Markdown
    try:
        tags = tuple((tag, "\n".join([f"### {_label(items[0].citation.title)}", "",
                                       *(line for item in items
                                         for line in _item(item, view.about(item)))]).encode())
                     for tag, items in view.items.items() if items)
        timeline = tuple((date, until, "\n".join(_event(e) for e in events if e.date).encode())
                         for (date, until), events in by_key(view.timeline).items())
    finally:
        _quote.cache_clear()  # one briefing's quotes: not kept in a long-lived app
    attention = "\n".join(line for item in view.attention for line in _attention(item)).encode()
    rows = tuple((*side_by_side([f.figure])[0][0], f.figure.source, f.figure.document,
                  f.figure.sentence, _row(f), f.id) for f in view.figures)
    return Pieces(tags=tags, attention=attention, timeline=timeline, rows=rows)


def _row(figure: KeyFigure) -> str:
    label = what(*side_by_side([figure.figure])[0][0])
    return (f"| {_label(label)} | {number(figure)} | {_label(source(figure))} "
            f"| {_cited(figure.citation)} |")


def _event(event: Event) -> str:
    tags = ", ".join(_label(t) for t in event.tags)
    text = _quote(event.text).replace("\n", "\n  ")  # U+2028 breaks, inside the item
    about = ", ".join(_label(name) for name in event.about)
    return (f"- **{when(event)}** — {text}\n"
            f"  — {_cited(event.citation)}" + (f" · {tags}" if tags else "")
            + (f" · about: {about}" if about else ""))


# -- the frame -----------------------------------------------------------------------

def _key_figures(frame: Frame, pieces: list[Pieces]) -> list[str]:
    if not frame.figures:
        return []
    lines = ["## Key figures", "", FIGURES_INTRO, "",
             "| What | Figure | Source | Cited | Status |", "| --- | ---: | --- | --- | --- |"]
    lines += [f"{row} {status_of(frame, ident)} |" for row, ident in figure_rows(pieces)]
    return [*lines, ""]


def _timeline(frame: Frame, pieces: list[Pieces]) -> list[str | bytes]:
    if not frame.events:
        return []
    note = undated_words(frame.events - frame.dated)
    if not frame.dated:
        return [md_escape(note, one_line=True), ""]
    lines: list[str | bytes] = ["## Timeline", "", TIMELINE_INTRO, "", *timeline_order(pieces)]
    return [*lines, "", *([md_escape(note, one_line=True), ""] if note else [])]


def _tags(frame: Frame, pieces: list[Pieces]) -> list[str | bytes]:
    lines: list[str | bytes] = []
    chunks = [dict(p.tags) for p in pieces]
    for tag in frame.tags:
        if not frame.listed.get(tag):
            continue
        said = trend(frame, tag)
        lines += [f"## {md_escape(tag, one_line=True)} ({frame.listed[tag]})"
                  + (f" — {said}" if said else ""), ""]
        lines += [chunk for found in chunks if (chunk := found.get(tag))]
    return lines


def md_assemble(frame: Frame, pieces: list[Pieces]) -> bytes:
    """The brief as Markdown from its frame and every briefing's pieces; its sections in
    brief.yaml's order."""
    lines: list[str | bytes] = [*_header(frame)]
    if frame.empty:
        lines += ["No tagged sentences matched.", ""]
    for section in frame.brief.sections:
        lines += _key_figures(frame, pieces) if section == "figures" else \
            (_timeline if section == "timeline" else _tags)(frame, pieces)
    if frame.attention:
        lines += [f"## Needs attention ({frame.attention})", "",
                  "These tags no longer sit exactly on their sentence (the document "
                  "changed); check them before quoting.", ""]
        lines += [p.attention for p in pieces if p.attention]
    if frame.skipped:
        lines += [f"## Skipped ({len(frame.skipped)})", ""]
        lines += [f"- {md_escape(line, one_line=True)}" for line in frame.skipped]
        lines.append("")
    return joined(lines).rstrip(b"\n") + b"\n"
