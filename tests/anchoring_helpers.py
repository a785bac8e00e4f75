"""Shared by the re-anchoring tests: sample texts, annotating, and the invariants."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.anchoring import AnchorReport
from briefing_tui.core.annotations import Anchor, Annotation, make_id, quote_at
from briefing_tui.core.segment import segment

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
SEED = (SAMPLES / "afghan-deportations-2026.txt").read_text(encoding="utf-8")
OTHER = (SAMPLES / "kabul-dateline-talks.txt").read_text(encoding="utf-8")
REAL = sorted((Path(__file__).resolve().parent / "data" / "real").glob("*.txt"))

EXPELLED = ("Pakistan has expelled more than 7,000 Afghan refugees in just 48 hours, "
            "triggering fresh alarm")
UNDERTAKING = "Pakistan has been undertaking a series of cross-border military operations"
VIOLENCE = ("Violence has increased in the border regions due to the recent conflicts, "
            "taking a toll on both sides.")


def annotate(text: str, start: int, end: int, tag: str = "security") -> Annotation:
    quote, prefix, suffix = quote_at(text, start, end)
    return Annotation(make_id(start, end, quote), start, end, quote, prefix, suffix, (tag,))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    split = segment(text)
    return list(zip(split.starts, split.ends, strict=True))


def tag_all(text: str) -> list[Annotation]:
    return [annotate(text, s, e) for s, e in sentence_spans(text)]


def tag_sentence(text: str, begins: str, occurrence: int = 0) -> Annotation:
    """The annotation on the ``occurrence``-th sentence that begins with ``begins``."""
    spans = [(s, e) for s, e in sentence_spans(text) if text.startswith(begins, s)]
    return annotate(text, *spans[occurrence])


def by_id(annotations: list[Annotation]) -> dict[str, Annotation]:
    return {a.id: a for a in annotations}


def check_invariants(before: list[Annotation], after: list[Annotation], text: str,
                     report: AnchorReport) -> None:
    """Nothing dropped, sorted, one annotation per span, every anchored span is real."""
    assert sorted(a.id for a in after) == sorted(a.id for a in before)
    assert after == sorted(after, key=Annotation.sort_key)
    anchored = [(a.start, a.end) for a in after if a.anchor is not Anchor.ORPHAN]
    assert len(anchored) == len(set(anchored))
    for a in after:
        assert 0 <= a.start <= a.end <= len(text)
        if a.anchor is not Anchor.ORPHAN:
            assert text[a.start:a.end] == a.text
    counts = [sum(a.anchor is kind for a in after) for kind in Anchor]
    assert counts == [report.exact, report.moved, report.review, report.orphan]
    assert len(report.details) == len(after) - report.exact


DUPLICATED = ("Intro. The convoy was stopped at the gate. Officials blamed the rain.\n\n"
              "Later that day, the crossing reopened. The convoy was stopped at the gate. "
              "Nobody explained why.\n")
