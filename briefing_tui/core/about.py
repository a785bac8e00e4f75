"""A summary narrowed to the sentences about given places or actors (``--about``).

Mentions come from the brief (core.brief.mentions: the shipped gazetteer and actors, and
brief.yaml's own); a sentence is kept when it names any of the asked names, by canonical
name or any alias. Figures and timeline events follow their sentences. Nothing is lost:
the documents and skipped lines stay, and the filter is written in the header.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from briefing_tui.core.figures.gazetteer import fold
from briefing_tui.core.summary import Summary, SummaryItem


def _wanted(summary: Summary, names: Iterable[str]) -> set[str]:
    """The canonical names asked for ("TTP" → Tehrik-i-Taliban Pakistan), folded."""
    asked = {fold(n) for n in names}
    canonical = {fold(alias): fold(name) for name, aliases in summary.aliases.items()
                 for alias in (name, *aliases)}
    return {canonical.get(a, a) for a in asked}


def about(summary: Summary, names: Iterable[str]) -> Summary:
    """``summary`` with only the sentences naming one of ``names`` (a new Summary)."""
    names = list(names)
    wanted = _wanted(summary, names)

    def keep(path: str, sentence: int) -> bool:
        return any(fold(n) in wanted for n in summary.about_of.get((path, sentence), ()))

    def item_kept(item: SummaryItem) -> bool:
        return keep(str(item.document), item.citation.sentence)

    items = {tag: [i for i in summary.items[tag] if item_kept(i)] for tag in summary.tags}
    return replace(
        summary, items=items, counts={tag: len(items[tag]) for tag in summary.tags},
        attention=[i for i in summary.attention if item_kept(i)],
        figures=[f for f in summary.figures if keep(str(f.path), f.citation.sentence)],
        timeline=[e for e in summary.timeline if keep(str(e.path), e.citation.sentence)],
        filters={**summary.filters, "about": sorted(names)})
