"""The HTML brief: one standalone file that opens in any browser, even offline.

Inline CSS with the codebook's colours, a table of contents by tag, no scripts and no
external resources (a Content-Security-Policy of ``default-src 'none'`` says so to the
browser too, should anything slip through). Everything this module did not write itself
goes through :func:`html.escape` after :func:`~.visible.shown`; colours are used only
when they are ``#rrggbb``, and ids and class names are built from our own counters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from briefing_tui.core.codebook import UNKNOWN_COLOUR, Codebook
from briefing_tui.core.export.brief_parts import (
    BLUF,
    FIGURES_INTRO,
    JUDGMENTS,
    OUTLOOK,
    TIMELINE_INTRO,
    dated,
    full_stop,
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
    credit_of,
    filters_line,
    place,
    plural,
    short,
)
from briefing_tui.core.summary import Citation, Summary, SummaryItem
from briefing_tui.core.visible import shown

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SLUG = re.compile(r"[^a-z0-9_-]+")

_STYLE = """\
:root { color-scheme: light dark; --ink: #1d1f23; --muted: #5f6670; --paper: #ffffff;
  --rule: #d9dce1; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e8eb; --muted: #a3a9b2; --paper: #16181c; --rule: #353a42; } }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: var(--paper); max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; }
h2 { border-left: .45rem solid var(--c, var(--rule)); padding-left: .5rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.05rem; color: var(--muted); margin: 1.6rem 0 .4rem; }
.meta, figcaption, .docs small { color: var(--muted); }
table.counts { border-collapse: collapse; margin: 1rem 0; }
table.counts td, table.counts th { padding: .15rem .8rem; border-bottom: 1px solid var(--rule);
  text-align: left; }
table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .85em;
  background: var(--c); color: var(--on, #fff); }
nav.toc ol { padding-left: 1.2rem; }
figure { margin: 0 0 1.1rem; }
blockquote { margin: 0; padding: .3rem .9rem; border-left: .25rem solid var(--c, var(--rule));
  overflow-wrap: anywhere; }
figcaption { padding-left: 1.15rem; font-size: .92em; overflow-wrap: anywhere; }
.context { margin: .2rem 0 .2rem 1.15rem; color: var(--muted); font-style: italic; }
.note { margin: .2rem 0 0 1.15rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.flag { font-weight: bold; color: #b3261e; }
table.figures { border-collapse: collapse; margin: 1rem 0; font-size: .95em; }
table.figures td, table.figures th { padding: .2rem .6rem; border-bottom: 1px solid var(--rule);
  text-align: left; vertical-align: top; }
table.figures td.n { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.unchecked { color: #b3261e; white-space: nowrap; }
ol.timeline { list-style: none; padding-left: 0; }
ol.timeline li { margin: 0 0 .8rem; }
ol.timeline .when { font-weight: bold; font-variant-numeric: tabular-nums; }
@media print { nav.toc { display: none; } body { max-width: none; font-size: 11pt; }
  @page { size: A4; margin: 18mm; } figure, tr, ol.timeline li { break-inside: avoid; }
  h2 { break-after: avoid; } }
"""


def _e(text: str, *, one_line: bool = False) -> str:
    """Escaped and made visible; U+2028 and U+2029 (kept unless ``one_line``) become the
    line and paragraph breaks they stand for."""
    out = escape(shown(text, one_line=one_line, keep_separators=not one_line), quote=True)
    if "\u2028" in out or "\u2029" in out:
        out = out.replace("\u2028", "<br>").replace("\u2029", "<br><br>")
    return out


@lru_cache(maxsize=4096)
def _label(text: str) -> str:
    """A one-line escape (title, file name), cached: they repeat on every item."""
    return _e(text, one_line=True)


def _on(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour``."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#fff"


class _Tags:
    """Class names, ids and colours per tag, from counters (never from the tag's text)."""

    def __init__(self, summary: Summary, codebook: Codebook) -> None:
        names = list(dict.fromkeys([*summary.tags, *summary.known_tags,
                                    *(i.tag for i in summary.attention if i.tag),
                                    *(t for i in summary.attention for t in i.co_tags)]))
        self.index = {name: n for n, name in enumerate(names, 1)}
        self.ids: dict[str, str] = {}
        for name, n in self.index.items():
            slug = _SLUG.sub("-", name.lower()).strip("-")
            ident = f"tag-{slug}" if slug else f"tag-{n}"
            self.ids[name] = ident if ident not in self.ids.values() else f"tag-{n}-{slug}"
        self.colours = {name: c if _COLOUR.fullmatch(c := codebook.colour(name))
                        else UNKNOWN_COLOUR for name in names}

    def css(self) -> str:
        return "".join(f".t{n} {{ --c: {self.colours[name]}; --on: "
                       f"{_on(self.colours[name])}; }}\n" for name, n in self.index.items())

    def cls(self, name: str) -> str:
        return f"t{self.index[name]}"

    def pill(self, name: str) -> str:
        return f'<span class="tag {self.cls(name)}">{_label(name)}</span>'


def _cited(cite: Citation) -> str:
    return f"{_document(cite.title, cite.author, cite.date, cite.file)}, {place(cite)}"


@lru_cache(maxsize=4096)
def _document(title: str, author: str, date: str, file: str) -> str:
    """A citation's document part, made once per document (it is on every item)."""
    who = credit_of(author, date)
    return f"<cite>{_label(short(title))}</cite>{f' ({_label(who)})' if who else ''}, " \
        f"{_label(file)}"


def _caption(item: SummaryItem, tags: _Tags, label: str, about: tuple[str, ...] = ()) -> str:
    out = f"— {_cited(item.citation)}"
    others = [t for t in ((item.tag, *item.co_tags) if label == "tags" else item.co_tags) if t]
    if others:
        out += f' <span class="also">· {label}: {" ".join(tags.pill(t) for t in others)}</span>'
    if item.by:
        out += f' <small class="by">· by {", ".join(_label(name) for name in item.by)}</small>'
    if about:
        out += f' <small class="about">· about: {", ".join(_label(n) for n in about)}</small>'
    return f"<figcaption>{out}</figcaption>"


def _figure(item: SummaryItem, tags: _Tags, *, flagged: bool = False,
            about: tuple[str, ...] = ()) -> list[str]:
    lines = [f'<figure class="{tags.cls(item.tag)}">' if item.tag else "<figure>"]
    if flagged:
        lines.append(f'<p class="flag">⚠ {escape(attention_label(item.anchor))}</p>')
    lines += [f'<p class="context">{_e(s)}</p>' for s in item.before]
    lines.append(f"<blockquote>{_e(item.text)}</blockquote>")
    lines += [f'<p class="context">{_e(s)}</p>' for s in item.after]
    lines.append(_caption(item, tags, "tags" if flagged else "also", about))
    if item.previous:
        lines.append(f'<p class="note">Was: {_e(item.previous)}</p>')
    if item.note:
        lines.append(f'<p class="note">Note: {_e(item.note)}</p>')
    return [*lines, "</figure>"]


def _header(summary: Summary, tags: _Tags) -> list[str]:
    count = plural(len(summary.documents), "document")
    intro = f"Exported {_e(summary.generated, one_line=True)} from {count}." \
        if summary.generated else f"From {count}."
    lines = ["<header>", f"<h1>{_e(summary.brief.title or TITLE, one_line=True)}</h1>",
             f'<p class="meta">{intro}</p>']
    if summary.brief.period:
        period = _e(full_stop(summary.brief.period), one_line=True)
        lines.append(f'<p class="meta">Period: {period}</p>')
    filters = filters_line(summary)
    if filters:
        lines.append(f'<p class="meta">Filters: {_e(filters, one_line=True)}.</p>')
    lines += _words(summary)
    trends = has_trends(summary)
    lines.append('<table class="counts"><thead><tr><th>Tag</th><th>Sentences</th>'
                 + ("<th>Trend</th>" if trends else "") + "</tr></thead><tbody>")
    lines += [f'<tr><td>{tags.pill(tag)}</td><td class="n">{summary.counts[tag]}</td>'
              + (f"<td>{trend(summary, tag)}</td>" if trends else "") + "</tr>"
              for tag in summary.tags]
    if summary.attention:
        lines.append(f'<tr><td class="flag">Needs attention</td>'
                     f'<td class="n">{len(summary.attention)}</td>'
                     + ("<td></td>" if trends else "") + "</tr>")
    lines += ["</tbody></table>", "</header>"]
    return lines


def _words(summary: Summary) -> list[str]:
    """The analyst's bottom line, key judgments and outlook (brief.yaml), when written."""
    words = summary.brief.words
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


def _key_figures(summary: Summary, tags: _Tags) -> list[str]:
    if not summary.figures:
        return []
    lines = ['<section id="key-figures">', "<h2>Key figures</h2>", f"<p>{FIGURES_INTRO}</p>",
             '<table class="figures"><thead><tr><th>What</th><th>Figure</th><th>Source</th>'
             "<th>Cited</th><th>Status</th></tr></thead><tbody>"]
    for label, figures in grouped(summary):
        for figure in figures:
            state = status(summary, figure)
            mark = "" if summary.is_confirmed(figure) else ' class="unchecked"'
            lines.append(f"<tr><td>{_label(label)}</td><td class=\"n\">{number(figure)}</td>"
                         f"<td>{_label(source(figure))}</td><td>{_cited(figure.citation)}"
                         f"</td><td{mark}>{escape(state)}</td></tr>")
    return [*lines, "</tbody></table>", "</section>"]


def _timeline(summary: Summary, tags: _Tags) -> list[str]:
    if not summary.timeline:
        return []
    note = f'<p class="meta">{escape(undated_line(summary))}</p>' if undated_line(summary) else ""
    if not dated(summary):
        return [note]
    lines = ['<section id="timeline">', "<h2>Timeline</h2>", f"<p>{TIMELINE_INTRO}</p>",
             '<ol class="timeline">']
    for event in dated(summary):
        pills = " ".join(tags.pill(t) for t in event.tags if t in tags.index)
        lines.append(f'<li><span class="when">{escape(when(event))}</span> — '
                     f"{_e(event.text)}<br><small>— {_cited(event.citation)}"
                     + (f" · {pills}" if pills else "")
                     + (f' <span class="about">· about: {", ".join(_label(n) for n in event.about)}'
                        "</span>" if event.about else "") + "</small></li>")
    return [*lines, "</ol>", *([note] if note else []), "</section>"]


def _tag_sections(summary: Summary, tags: _Tags) -> list[str]:
    lines: list[str] = []
    for tag in summary.tags:
        items = summary.items[tag]
        if not items:
            continue
        lines += [f'<section id="{tags.ids[tag]}" class="{tags.cls(tag)}">',
                  f"<h2>{_e(tag, one_line=True)} <small>({len(items)})"
                  + (f" — {trend(summary, tag)}" if trend(summary, tag) else "")
                  + "</small></h2>"]
        current = None
        for item in items:
            if item.document != current:
                current = item.document
                lines.append(f"<h3>{_label(item.citation.title)}</h3>")
            lines += _figure(item, tags, about=summary.about(item))
        lines.append("</section>")
    return lines


def _toc(summary: Summary, tags: _Tags) -> list[str]:
    lines = ['<nav class="toc">', "<h2>Contents</h2>", "<ol>"]
    if summary.figures:
        lines.append('<li><a href="#key-figures">Key figures</a> '
                     f"({len(summary.figures)})</li>")
    if dated(summary):
        lines.append(f'<li><a href="#timeline">Timeline</a> ({len(dated(summary))})</li>')
    for tag in summary.tags:
        if summary.items[tag]:
            lines.append(f'<li class="{tags.cls(tag)}"><a href="#{tags.ids[tag]}">'
                         f"{_e(tag, one_line=True)}</a> ({len(summary.items[tag])})</li>")
    if summary.attention:
        lines.append(f'<li><a href="#attention">Needs attention</a> '
                     f"({len(summary.attention)})</li>")
    lines.append('<li><a href="#documents">Documents</a></li>')
    if summary.skipped:
        lines.append(f'<li><a href="#skipped">Skipped</a> ({len(summary.skipped)})</li>')
    return [*lines, "</ol>", "</nav>"]


def _documents(summary: Summary) -> list[str]:
    lines = ['<section id="documents">', "<h2>Documents</h2>", '<ul class="docs">']
    for info in summary.documents:
        state = f"sidecar unreadable ({_e(info.error, one_line=True)})" if info.error \
            else f"{info.tagged} of {plural(info.sentences, 'sentence')} tagged"
        about = " · ".join(_e(x, one_line=True) for x in (info.author, info.date, info.source)
                           if x)
        lines.append(f"<li><cite>{_e(info.title, one_line=True)}</cite> — "
                     + (f"{about} — " if about else "") +
                     f"{_e(info.path.name, one_line=True)} <small>{state}</small></li>")
    if not summary.documents:
        lines.append("<li>None.</li>")
    return [*lines, "</ul>", "</section>"]


def render_html(summary: Summary, codebook: Codebook) -> str:
    """The brief as one standalone HTML5 page."""
    tags = _Tags(summary, codebook)
    lines = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             '<meta http-equiv="Content-Security-Policy" '
             "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             '<meta name="generator" content="briefing_tui">',
             f"<title>{_e(summary.brief.title or TITLE, one_line=True)}</title>",
             "<style>", _STYLE + tags.css() + "</style>",
             "</head>", "<body>", *_header(summary, tags), *_toc(summary, tags), "<main>"]
    if summary.empty:
        lines.append("<p>No tagged sentences matched.</p>")
    parts = {"figures": _key_figures, "timeline": _timeline, "tags": _tag_sections}
    for section in summary.brief.sections:
        lines += parts[section](summary, tags)
    if summary.attention:
        lines += ['<section id="attention">',
                  f"<h2>Needs attention <small>({len(summary.attention)})</small></h2>",
                  "<p>These tags no longer sit exactly on their sentence (the document "
                  "changed); check them before quoting.</p>"]
        for item in summary.attention:
            lines += _figure(item, tags, flagged=True)
        lines.append("</section>")
    lines += _documents(summary)
    if summary.skipped:
        lines += ['<section id="skipped">', f"<h2>Skipped ({len(summary.skipped)})</h2>",
                  "<ul>", *(f"<li>{_e(s, one_line=True)}</li>" for s in summary.skipped),
                  "</ul>", "</section>"]
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
