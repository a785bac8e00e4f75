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

from briefing_tui.core.codebook import Codebook
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
    if item.after:
        lines += [">", *_context(item.after)[:-1]]
    lines += [">", f"> {_citation(item, about=about)}"]
    if item.note:
        lines += [">", *_quoted("Note: " + md_escape(item.note))]
    return [*lines, ""]


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


def _header(summary: Summary) -> list[str]:
    count = plural(len(summary.documents), "document")
    if summary.generated:
        intro = f"Exported {summary.generated} from {count}."
    else:
        intro = f"From {count}."
    lines = [f"# {md_escape(summary.brief.title or TITLE, one_line=True)}", "", intro]
    if summary.brief.period:
        lines.append(f"Period: {md_escape(full_stop(summary.brief.period), one_line=True)}")
    filters = filters_line(summary)
    if filters:
        lines.append(f"Filters: {md_escape(filters, one_line=True)}.")
    lines += _words(summary)
    trends = has_trends(summary)
    lines += ["", "| Tag | Sentences |" + (" Trend |" if trends else ""),
              "| --- | ---: |" + (" --- |" if trends else "")]
    lines += [f"| {md_escape(tag, one_line=True)} | {summary.counts[tag]} |"
              + (f" {trend(summary, tag)} |" if trends else "") for tag in summary.tags]
    if summary.attention:
        lines.append(f"| **Needs attention** | {len(summary.attention)} |"
                     + (" |" if trends else ""))
    lines += ["", "## Documents", ""]
    for info in summary.documents:
        state = f"sidecar unreadable ({md_escape(info.error, one_line=True)})" \
            if info.error else f"{info.tagged} of {plural(info.sentences, 'sentence')} tagged"
        about = " · ".join(md_escape(x, one_line=True)
                           for x in (info.author, info.date, info.source) if x)
        lines.append(f"- *{md_escape(info.title, one_line=True)}* — "
                     + (f"{about} — " if about else "") +
                     f"{md_escape(info.path.name, one_line=True)}: {state}")
    if not summary.documents:
        lines.append("None.")
    return [*lines, ""]


def _words(summary: Summary) -> list[str]:
    """The analyst's bottom line, key judgments and outlook (brief.yaml), when written."""
    words = summary.brief.words
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


def _key_figures(summary: Summary) -> list[str]:
    if not summary.figures:
        return []
    lines = ["## Key figures", "", FIGURES_INTRO, "",
             "| What | Figure | Source | Cited | Status |", "| --- | ---: | --- | --- | --- |"]
    for label, figures in grouped(summary):
        for figure in figures:
            lines.append(f"| {_label(label)} | {number(figure)} | {_label(source(figure))} "
                         f"| {_cited(figure.citation)} | {status(summary, figure)} |")
    return [*lines, ""]


def _timeline(summary: Summary) -> list[str]:
    if not summary.timeline:
        return []
    note = undated_line(summary)
    if not dated(summary):
        return [md_escape(note, one_line=True), ""]
    lines = ["## Timeline", "", TIMELINE_INTRO, ""]
    for event in dated(summary):
        tags = ", ".join(_label(t) for t in event.tags)
        text = _quote(event.text).replace("\n", "\n  ")  # U+2028 breaks, inside the item
        about = ", ".join(_label(name) for name in event.about)
        lines += [f"- **{when(event)}** — {text}",
                  f"  — {_cited(event.citation)}" + (f" · {tags}" if tags else "")
                  + (f" · about: {about}" if about else "")]
    return [*lines, "", *([md_escape(note, one_line=True), ""] if note else [])]


def _tags(summary: Summary) -> list[str]:
    lines: list[str] = []
    for tag in summary.tags:
        items = summary.items[tag]
        if not items:
            continue
        said = trend(summary, tag)
        lines += [f"## {md_escape(tag, one_line=True)} ({len(items)})"
                  + (f" — {said}" if said else ""), ""]
        current = None
        for item in items:
            if item.document != current:
                current = item.document
                lines += [f"### {_label(item.citation.title)}", ""]
            lines += _item(item, summary.about(item))
    return lines


def render_markdown(summary: Summary, codebook: Codebook) -> str:
    """The brief as Markdown (``codebook`` is unused: Markdown has no colours); its
    sections in brief.yaml's order."""
    del codebook
    lines = _header(summary)
    if summary.empty:
        lines += ["No tagged sentences matched.", ""]
    parts = {"figures": _key_figures, "timeline": _timeline, "tags": _tags}
    try:
        for section in summary.brief.sections:
            lines += parts[section](summary)
    finally:
        _quote.cache_clear()  # the quotes of one export: not kept in a long-lived app
    if summary.attention:
        lines += [f"## Needs attention ({len(summary.attention)})", "",
                  "These tags no longer sit exactly on their sentence (the document "
                  "changed); check them before quoting.", ""]
        for item in summary.attention:
            lines += _attention(item)
    if summary.skipped:
        lines += [f"## Skipped ({len(summary.skipped)})", ""]
        lines += [f"- {md_escape(line, one_line=True)}" for line in summary.skipped]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
