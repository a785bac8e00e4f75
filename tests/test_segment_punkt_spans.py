"""Our one-pass driver of nupunkt gives span_tokenize's spans exactly, on every text here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from briefing_tui.core.segment.paragraphs import paragraph_spans
from briefing_tui.core.segment.punkt_spans import PunktSpans
from briefing_tui.core.segment.sentences import punkt_spans, tokenizer

from .constants import DATA

#: What nupunkt's own checks and the shortcuts here are about.
EDGES = [
    "", ".", "a", "Wait. . . The convoy came. Then . . . nothing.", "Yes!? No. Maybe!!! Go.",
    "He asked, what? and left. Yahoo! in 1995. “Is it?” he said. “Go.” She went.",
    "1. The first. 2. The second.", "  (a). Item. iv. Other. A.", "x.\n2. Next. Then.",
    "Tabs\tend. Here.\tAnd\u00a0here. Next\u2003one. Done.", "End.)  Next. (See p. 4.) Done.",
    "The U.S. Government met. The U.S. The Taliban did not. Gen. Smith left. Etc. etc.",
    "Mr. A. B. Smith arrived at 5 p.m. He left.", "Ends with closers.”’) ",
    "Line one.\n\nLine two.\nline three. ! ? .", "Quote: 'Hold.' Then: \"Go.\" and go.",
]


def _texts() -> Iterator[str]:
    for path in sorted((DATA / "real").glob("*.txt")):
        yield path.read_text(encoding="utf-8").replace("\r", "\n")

    def strings(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str):
            yield node

    for name in ("segmentation_cases.yaml", "pysbd_golden_en.yaml", "hostile_inputs.yaml"):
        yield from strings(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))
    yield from EDGES


def _chunks() -> Iterator[str]:
    """Whole texts, each paragraph, and each paragraph with line breaks as spaces (what
    :func:`sentence_spans` hands over)."""
    for text in _texts():
        yield text
        for a, b in paragraph_spans(text):
            yield text[a:b]
            yield text[a:b].replace("\n", " ")


def test_same_spans_as_nupunkt_everywhere() -> None:
    punkt = tokenizer()
    ours = PunktSpans(punkt)  # a fresh memo: each verdict is worked out here
    chunks = list(_chunks())
    assert len(chunks) > 1500
    differ = [c[:80] for c in chunks if ours(c) != list(punkt.span_tokenize(c))]
    assert differ == []
    # remembered verdicts (the second pass) give the same spans again
    assert ours.known and all(ours(c) == list(punkt.span_tokenize(c)) for c in chunks[:800])


@pytest.mark.parametrize("text", EDGES)
def test_the_shared_driver_agrees_on_the_edges(text: str) -> None:
    assert punkt_spans()(text) == list(tokenizer().span_tokenize(text))


def test_a_tokenizer_the_engine_cannot_reproduce_is_left_to_nupunkt() -> None:
    class Custom(type(tokenizer())):  # type: ignore[misc]
        def text_contains_sentbreak(self, text: str) -> bool:
            return False  # never a break: a subclass nupunkt's engine does not model

        def _context_contains_sentbreak(self, context: tuple[str, str]) -> bool:
            return False

    custom = Custom(tokenizer()._params)
    spans = PunktSpans(custom)
    assert not spans.exact
    assert spans("One. Two. Three.") == list(custom.span_tokenize("One. Two. Three.")) == \
        [(0, 16)]


def test_the_period_only_pattern_finds_the_same_candidates() -> None:
    """Without "!", "?" or "…" the literal-led pattern is nupunkt's, match for match."""
    ours = punkt_spans()
    assert ours.period_finditer != ours.finditer  # the swap was made
    chunks = [c for c in _chunks() if not any(mark in c for mark in "!?\u2026")]
    assert len(chunks) > 1000
    for chunk in chunks:
        assert [(m.span(), m.groups()) for m in ours.period_finditer(chunk)] == \
            [(m.span(), m.groups()) for m in ours.finditer(chunk)]
