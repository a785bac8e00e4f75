"""The HTML brief: one standalone file that opens in any browser, even offline.

Inline CSS with the codebook's colours, a table of contents by tag, no scripts and no
external resources (a Content-Security-Policy of ``default-src 'none'`` says so to the
browser too, should anything slip through). Everything this module did not write itself
goes through :func:`html.escape` after :func:`~.visible.shown`; colours are used only
when they are ``#rrggbb``, and ids and class names are built from our own counters.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from briefing_tui.core.brief import Event, KeyFigure
from briefing_tui.core.codebook import Codebook
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
    tag_names,
    timeline_order,
)
from briefing_tui.core.export.html_tags import STYLE, Tags
from briefing_tui.core.export.html_tags import escaped as _e
from briefing_tui.core.export.html_tags import label as _label
from briefing_tui.core.figures import side_by_side
from briefing_tui.core.summary import Citation, SummaryItem


def _cited(cite: Citation) -> str:
    return f"{_document(cite.title, cite.author, cite.date, cite.file)}, {place(cite)}"


@lru_cache(maxsize=4096)
def _document(title: str, author: str, date: str, file: str) -> str:
    """A citation's document part, made once per document (it is on every item)."""
    who = credit_of(author, date)
    return f"<cite>{_label(short(title))}</cite>{f' ({_label(who)})' if who else ''}, " \
        f"{_label(file)}"


def _caption(item: SummaryItem, tags: Tags, label: str, about: tuple[str, ...] = ()) -> str:
    out = f"— {_cited(item.citation)}"
    others = [t for t in ((item.tag, *item.co_tags) if label == "tags" else item.co_tags) if t]
    if others:
        out += f' <span class="also">· {label}: {" ".join(tags.pill(t) for t in others)}</span>'
    if item.by:
        out += f' <small class="by">· by {", ".join(_label(name) for name in item.by)}</small>'
    if about:
        out += f' <small class="about">· about: {", ".join(_label(n) for n in about)}</small>'
    return f"<figcaption>{out}</figcaption>"


def _figure(item: SummaryItem, tags: Tags, *, flagged: bool = False,
            about: tuple[str, ...] = ()) -> list[str]:
    lines = [f'<figure class="{tags.cls(item.tag)}">' if item.tag else "<figure>"]
    if flagged:
        lines.append(f'<p class="flag">⚠ {escape(attention_label(item.anchor))}</p>')
    lines += [f'<p class="context">{_e(s)}</p>' for s in item.before]
    lines.append(f"<blockquote>{_e(item.text)}</blockquote>")
    note = [f'<p class="note">Note: {_e(item.note)}</p>'] if item.note else []
    if item.after:  # the note right under its quote, not after the next sentence
        lines += [*note, *(f'<p class="context">{_e(s)}</p>' for s in item.after)]
    lines.append(_caption(item, tags, "tags" if flagged else "also", about))
    if item.previous:
        lines.append(f'<p class="note">Was: {_e(item.previous)}</p>')
    if not item.after:
        lines += note
    return [*lines, "</figure>"]


def _header(frame: Frame, tags: Tags) -> list[str]:
    count = plural(len(frame.documents), "document")
    intro = f"Exported {_e(frame.generated, one_line=True)} from {count}." \
        if frame.generated else f"From {count}."
    lines = ["<header>", f"<h1>{_e(frame.brief.title or TITLE, one_line=True)}</h1>",
             f'<p class="meta">{intro}</p>']
    if frame.brief.period:
        period = _e(full_stop(frame.brief.period), one_line=True)
        lines.append(f'<p class="meta">Period: {period}</p>')
    filters = filters_line(frame)
    if filters:
        lines.append(f'<p class="meta">Filters: {_e(filters, one_line=True)}.</p>')
    lines += _words(frame)
    trends = has_trends(frame)
    lines.append('<table class="counts"><thead><tr><th>Tag</th><th>Sentences</th>'
                 + ("<th>Trend</th>" if trends else "") + "</tr></thead><tbody>")
    lines += [f'<tr><td>{tags.pill(tag)}</td><td class="n">{frame.counts[tag]}</td>'
              + (f"<td>{trend(frame, tag)}</td>" if trends else "") + "</tr>"
              for tag in frame.tags]
    if frame.attention:
        lines.append(f'<tr><td class="flag">Needs attention</td>'
                     f'<td class="n">{frame.attention}</td>'
                     + ("<td></td>" if trends else "") + "</tr>")
    lines += ["</tbody></table>", "</header>"]
    return lines


def _words(frame: Frame) -> list[str]:
    """The analyst's bottom line, key judgments and outlook (brief.yaml), when written."""
    words = frame.brief.words
    lines: list[str] = []
    if words.bottom_line:
        lines += [f'<section id="bluf"><h2>{BLUF}</h2>',
                  *(f"<p>{_label(p)}</p>" for p in paragraphs(words.bottom_line)),
                  "</section>"]
    if words.judgments:
        lines += ['<section id="judgments">', f"<h2>{JUDGMENTS}</h2>", "<ol>",
                  *(f"<li>{_label(j)}</li>" for j in words.judgments), "</ol>", "</section>"]
    if words.outlook:
        lines += [f'<section id="outlook"><h2>{OUTLOOK}</h2>',
                  *(f"<p>{_label(p)}</p>" for p in paragraphs(words.outlook)), "</section>"]
    return lines


# -- one briefing's pieces ---------------------------------------------------------------

def html_pieces(view: DocView, context: tuple[Any, ...]) -> Pieces:
    """``view``'s briefing rendered: its items per tag, attention items, dated events per
    timeline date and key-figure rows (without their status); ``context`` is the page's
    tags (:func:`~.html_tags.tag_names`), which number the classes."""
    tags = _tags(context)
    sections = tuple((tag, "\n".join([
        f"<h3>{_label(items[0].citation.title)}</h3>",
        *(line for item in items for line in _figure(item, tags, about=view.about(item)))]
        ).encode()) for tag, items in view.items.items() if items)
    attention = "\n".join(line for item in view.attention
                          for line in _figure(item, tags, flagged=True)).encode()
    timeline = tuple((date, until, "\n".join(_event(e, tags) for e in events if e.date).encode())
                     for (date, until), events in by_key(view.timeline).items())
    rows = tuple((*side_by_side([f.figure])[0][0], f.figure.source, f.figure.document,
                  f.figure.sentence, _row(f), f.id) for f in view.figures)
    return Pieces(tags=sections, attention=attention, timeline=timeline, rows=rows)


@lru_cache(maxsize=8)
def _tags(names: tuple[str, ...]) -> Tags:
    return Tags(names)


def _row(figure: KeyFigure) -> str:
    label = what(*side_by_side([figure.figure])[0][0])
    return (f"<tr><td>{_label(label)}</td><td class=\"n\">{number(figure)}</td>"
            f"<td>{_label(source(figure))}</td><td>{_cited(figure.citation)}</td>")


def _event(event: Event, tags: Tags) -> str:
    pills = " ".join(tags.pill(t) for t in event.tags if t in tags.index)
    return (f'<li><span class="when">{escape(when(event))}</span> — '
            f"{_e(event.text)}<br><small>— {_cited(event.citation)}"
            + (f" · {pills}" if pills else "")
            + (f' <span class="about">· about: {", ".join(_label(n) for n in event.about)}'
               "</span>" if event.about else "") + "</small></li>")


# -- the frame -----------------------------------------------------------------------

def _key_figures(frame: Frame, pieces: list[Pieces]) -> list[str]:
    if not frame.figures:
        return []
    lines = ['<section id="key-figures">', "<h2>Key figures</h2>", f"<p>{FIGURES_INTRO}</p>",
             '<table class="figures"><thead><tr><th>What</th><th>Figure</th><th>Source</th>'
             "<th>Cited</th><th>Status</th></tr></thead><tbody>"]
    for row, ident in figure_rows(pieces):
        mark = "" if ident in frame.confirmed else ' class="unchecked"'
        lines.append(f"{row}<td{mark}>{escape(status_of(frame, ident))}</td></tr>")
    return [*lines, "</tbody></table>", "</section>"]


def _timeline(frame: Frame, pieces: list[Pieces]) -> list[str | bytes]:
    if not frame.events:
        return []
    undated = undated_words(frame.events - frame.dated)
    note = f'<p class="meta">{escape(undated)}</p>' if undated else ""
    if not frame.dated:
        return [note]
    lines: list[str | bytes] = [
        '<section id="timeline">', "<h2>Timeline</h2>", f"<p>{TIMELINE_INTRO}</p>",
        '<ol class="timeline">', *timeline_order(pieces)]
    return [*lines, "</ol>", *([note] if note else []), "</section>"]


def _tag_sections(frame: Frame, pieces: list[Pieces], tags: Tags) -> list[str | bytes]:
    lines: list[str | bytes] = []
    chunks = [dict(p.tags) for p in pieces]
    for tag in frame.tags:
        if not frame.listed.get(tag):
            continue
        lines += [f'<section id="{tags.ids[tag]}" class="{tags.cls(tag)}">',
                  f"<h2>{_e(tag, one_line=True)} <small>({frame.listed[tag]})"
                  + (f" — {trend(frame, tag)}" if trend(frame, tag) else "")
                  + "</small></h2>"]
        lines += [chunk for found in chunks if (chunk := found.get(tag))]
        lines.append("</section>")
    return lines


def _toc(frame: Frame, tags: Tags) -> list[str]:
    lines = ['<nav class="toc">', "<h2>Contents</h2>", "<ol>"]
    if frame.figures:
        lines.append('<li><a href="#key-figures">Key figures</a> '
                     f"({frame.figures})</li>")
    if frame.dated:
        lines.append(f'<li><a href="#timeline">Timeline</a> ({frame.dated})</li>')
    for tag in frame.tags:
        if frame.listed.get(tag):
            lines.append(f'<li class="{tags.cls(tag)}"><a href="#{tags.ids[tag]}">'
                         f"{_e(tag, one_line=True)}</a> ({frame.listed[tag]})</li>")
    if frame.attention:
        lines.append(f'<li><a href="#attention">Needs attention</a> '
                     f"({frame.attention})</li>")
    lines.append('<li><a href="#documents">Documents</a></li>')
    if frame.skipped:
        lines.append(f'<li><a href="#skipped">Skipped</a> ({len(frame.skipped)})</li>')
    return [*lines, "</ol>", "</nav>"]


def _documents(frame: Frame) -> list[str]:
    lines = ['<section id="documents">', "<h2>Documents</h2>", '<ul class="docs">']
    for info in frame.documents:
        state = f"sidecar unreadable ({_e(info.error, one_line=True)})" if info.error \
            else f"{info.tagged} of {plural(info.sentences, 'sentence')} tagged"
        about = " · ".join(_e(x, one_line=True) for x in (info.author, info.date, info.source)
                           if x)
        lines.append(f"<li><cite>{_e(info.title, one_line=True)}</cite> — "
                     + (f"{about} — " if about else "") +
                     f"{_e(info.path.name, one_line=True)} <small>{state}</small></li>")
    if not frame.documents:
        lines.append("<li>None.</li>")
    return [*lines, "</ul>", "</section>"]


def html_assemble(frame: Frame, pieces: list[Pieces], codebook: Codebook) -> bytes:
    """The brief as one standalone HTML5 page, from its frame and every briefing's pieces
    (rendered with :func:`~.html_tags.tag_names` of this frame)."""
    tags = _tags(tag_names(frame))
    lines: list[str | bytes] = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="generator" content="briefing_tui">',
        f"<title>{_e(frame.brief.title or TITLE, one_line=True)}</title>",
        "<style>", STYLE + tags.css(codebook) + "</style>",
        "</head>", "<body>", *_header(frame, tags), *_toc(frame, tags), "<main>"]
    if frame.empty:
        lines.append("<p>No tagged sentences matched.</p>")
    for section in frame.brief.sections:
        if section == "tags":
            lines += _tag_sections(frame, pieces, tags)
        elif section == "figures":
            lines += _key_figures(frame, pieces)
        else:
            lines += _timeline(frame, pieces)
    if frame.attention:
        lines += ['<section id="attention">',
                  f"<h2>Needs attention <small>({frame.attention})</small></h2>",
                  "<p>These tags no longer sit exactly on their sentence (the document "
                  "changed); check them before quoting.</p>"]
        lines += [p.attention for p in pieces if p.attention]
        lines.append("</section>")
    lines += _documents(frame)
    if frame.skipped:
        lines += ['<section id="skipped">', f"<h2>Skipped ({len(frame.skipped)})</h2>",
                  "<ul>", *(f"<li>{_e(s, one_line=True)}</li>" for s in frame.skipped),
                  "</ul>", "</section>"]
    lines += ["</main>", "</body>", "</html>", ""]
    return joined(lines)
