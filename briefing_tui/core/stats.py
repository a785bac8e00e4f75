"""Counts behind ``briefing stats`` (and the app's summary): per tag, per document, together.

Computed from a :class:`~briefing_tui.core.summary.Summary`, so stats and exports always
agree and filters mean the same in both. Only confirmed tags count; annotations needing
review or orphaned are counted apart (``attention``). Rich is imported only to draw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.summary import DocumentInfo, Summary
from briefing_tui.core.visible import escape_json_text, shown

if TYPE_CHECKING:
    from rich.console import RenderableType

BAR_WIDTH = 30


@dataclass
class Stats:
    tags: list[str]
    documents: list[DocumentInfo]
    counts: dict[str, int]  # tagged sentences per tag, all documents
    sentences: int  # in all readable documents
    tagged: int  # sentences with at least one selected tag
    cooccurrence: dict[str, dict[str, int]]  # [a][b]: sentences tagged both a and b
    attention: int
    skipped: list[str]

    @property
    def share(self) -> float:
        return self.tagged / self.sentences if self.sentences else 0.0


def compute_stats(summary: Summary) -> Stats:
    """The numbers of ``summary``; the diagonal of ``cooccurrence`` is each tag's count."""
    matrix = {a: dict.fromkeys(summary.tags, 0) for a in summary.tags}
    for tag in summary.tags:
        row = matrix[tag]
        row[tag] = summary.counts[tag]
        for item in summary.items[tag]:
            for other in item.co_tags:
                if other in row:
                    row[other] += 1
    readable = [d for d in summary.documents if not d.error]
    return Stats(summary.tags, summary.documents, dict(summary.counts),
                 sum(d.sentences for d in readable), sum(d.tagged for d in readable),
                 matrix, len(summary.attention), list(summary.skipped))


def _share(tagged: int, sentences: int) -> float:
    return round(tagged / sentences, 4) if sentences else 0.0


def stats_json(stats: Stats) -> str:
    """The numbers for scripts: one JSON object, keys in a fixed order."""
    data: dict[str, Any] = {
        "format": "briefing_tui.stats", "version": 1, "tags": stats.tags,
        "documents": [{"document": d.path.name, "path": str(d.path), "title": d.title,
                       "sentences": d.sentences, "tagged": d.tagged,
                       "share": _share(d.tagged, d.sentences),
                       "counts": {t: d.counts.get(t, 0) for t in stats.tags},
                       "attention": d.attention, "error": d.error}
                      for d in stats.documents],
        "total": {"documents": len(stats.documents), "sentences": stats.sentences,
                  "tagged": stats.tagged, "share": _share(stats.tagged, stats.sentences),
                  "counts": stats.counts},
        "cooccurrence": stats.cooccurrence, "attention": stats.attention,
        "skipped": stats.skipped}
    dumped = escape_json_text(json.dumps(data, ensure_ascii=False, indent=1))
    return dumped.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


def _percent(tagged: int, sentences: int) -> str:
    return f"{100 * tagged / sentences:.1f}%" if sentences else "—"


def stats_renderables(stats: Stats, codebook: Codebook) -> list[RenderableType]:
    """Rich tables and bars; every user string is a ``Text`` (never parsed as markup)."""
    from rich.table import Table
    from rich.text import Text

    def label(text: str, style: str = "") -> Text:
        return Text(shown(text, one_line=True), style=style)

    colour = {t: codebook.colour(t) for t in stats.tags}
    per_doc = Table(title="Tagged sentences per document", title_justify="left")
    per_doc.add_column("document", overflow="fold")
    for tag in stats.tags:
        per_doc.add_column(label(tag, f"bold {colour[tag]}"), justify="right")
    for column in ("tagged", "sentences", "share"):
        per_doc.add_column(column, justify="right")
    for doc in stats.documents:
        if doc.error:
            per_doc.add_row(label(doc.path.name), *([""] * len(stats.tags)), "", "",
                            label("sidecar unreadable", "red"))
            continue
        per_doc.add_row(label(doc.path.name), *(str(doc.counts.get(t, 0)) for t in stats.tags),
                        str(doc.tagged), str(doc.sentences),
                        _percent(doc.tagged, doc.sentences))
    per_doc.add_section()
    per_doc.add_row(Text(f"total ({len(stats.documents)} documents)", style="bold"),
                    *(str(stats.counts[t]) for t in stats.tags), str(stats.tagged),
                    str(stats.sentences), _percent(stats.tagged, stats.sentences))
    out: list[RenderableType] = [per_doc]
    if len(stats.tags) > 1:
        together = Table(title="Sentences tagged with both (co-occurrence)",
                         title_justify="left")
        together.add_column("")
        for tag in stats.tags:
            together.add_column(label(tag, f"bold {colour[tag]}"), justify="right")
        for tag in stats.tags:
            together.add_row(label(tag, f"bold {colour[tag]}"),
                             *(str(stats.cooccurrence[tag][other]) for other in stats.tags))
        out.append(together)
    out.append(_bars(stats, colour, label))
    if stats.attention:
        out.append(Text(f"{stats.attention} annotations need review or are orphaned "
                        "(see 'briefing check')", style="yellow"))
    out += [label(f"skipped: {line}", "red") for line in stats.skipped]
    return out


def _bars(stats: Stats, colour: dict[str, str], label: Any) -> RenderableType:
    from rich.text import Text

    bars = Text()
    width = max((len(t) for t in stats.tags), default=0)
    most = max(stats.counts.values(), default=0)
    for tag in stats.tags:
        count = stats.counts[tag]
        filled = round(BAR_WIDTH * count / most) if most else 0
        bars.append_text(label(tag.ljust(width), f"bold {colour[tag]}"))
        bars.append(" " + "█" * filled, style=colour[tag])
        bars.append("·" * (BAR_WIDTH - filled) + f" {count}", style="dim")
        bars.append(f"  ({_percent(count, stats.sentences)} of sentences)\n")
    bars.rstrip()
    return bars
