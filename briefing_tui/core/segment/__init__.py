"""Split canonical text into paragraphs and sentences with exact code-point offsets.

Three layers, each its own module: :mod:`.paragraphs` finds paragraphs as the document
has them (blank lines, U+2029, one per line in a block of long lines) and their own
numbers (¶48); :mod:`.units` cuts a paragraph into layout units (headings, list items,
datelines; a hard-wrapped line goes on); :mod:`.sentences` finds the sentence ends inside
a unit with nupunkt (Punkt, MIT, no dependencies) and our fixes. We chose nupunkt on
evidence: on the shared briefing cases it matches pysbd, keeps exact offsets and runs
~30x faster (numbers in benchmarks/bench_segment.py and issue #2).

Offsets are kept in ``array('q')`` tables so a 10 MB briefing of 130k sentences costs a
few MB, and lookups by offset are a ``bisect``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat

import nupunkt

from briefing_tui.core.corrections import Corrections, correct_spans
from briefing_tui.core.segment.paragraphs import paragraph_label, paragraph_spans
from briefing_tui.core.segment.sentences import sentence_spans
from briefing_tui.core.segment.units import document_wrap_width, unit_spans

__all__ = ["SEGMENTER_NAME", "SEGMENTER_VERSION", "Segmentation", "Sentence",
           "paragraph_spans", "segment", "unit_spans"]

SEGMENTER_NAME = "nupunkt"
#: Bumped whenever a text splits differently, so sidecars record which rules made them.
SEGMENTER_VERSION = f"{nupunkt.__version__}+briefing.3"


@dataclass(frozen=True)
class Sentence:
    """One sentence: 1-based ``number`` and ``paragraph``, ``text[start:end]`` is it;
    ``label`` is its paragraph's own number in the document ("48", "(a)") or ""."""

    number: int
    start: int
    end: int
    paragraph: int
    label: str = ""


class Segmentation:
    """The sentences and paragraphs of one text, as compact offset tables.

    Built paragraph by paragraph so a reader can show the first screen before the
    rest of a huge document is split (:meth:`extend`).
    """

    def __init__(self, text: str, corrections: Corrections | None = None) -> None:
        self.text = text
        self.corrections = corrections or Corrections()  # the analyst's splits and joins
        self.starts = array("q")
        self.ends = array("q")
        self.para_of = array("q")  # 0-based paragraph index of each sentence
        self.para_starts = array("q")
        self.para_ends = array("q")
        self.para_first = array("q")  # index of each paragraph's first sentence
        self.para_labels: list[str] = []  # each paragraph's own number, "" if none
        self.wrap_width = document_wrap_width(text)
        self._last_label = ""
        self.covered = 0  # text offset up to which segmentation is done
        self._spans: Iterator[tuple[int, int]] = paragraph_spans(text)
        self.complete = False

    def __len__(self) -> int:
        return len(self.starts)

    def extend(self, min_chars: int | None = None) -> bool:
        """Split more paragraphs (all when ``min_chars`` is None); True once complete."""
        target = None if min_chars is None else self.covered + min_chars
        text, wrap_width = self.text, self.wrap_width
        starts, ends, para_of = self.starts, self.ends, self.para_of
        corrected = bool(self.corrections)
        for p_start, p_end in self._spans:
            para = len(self.para_starts)
            self.para_starts.append(p_start)
            self.para_ends.append(p_end)
            self.para_first.append(len(starts))
            label, body = paragraph_label(text, p_start, p_end, self._last_label)
            self.para_labels.append(label)
            self._last_label = label or self._last_label
            if corrected:
                for a, b in self.paragraph_sentences(body, p_end):
                    starts.append(a)
                    ends.append(b)
                    para_of.append(para)
            else:
                units = unit_spans(text, body, p_end, wrap_width)
                spans = [span for u_start, u_end in units
                         for span in sentence_spans(text, u_start, u_end)]
                if spans:  # whole columns at once: ~130,000 sentences in 10 MB
                    firsts, lasts = zip(*spans)
                    starts.extend(firsts)
                    ends.extend(lasts)
                    para_of.extend(repeat(para, len(spans)))
            self.covered = p_end
            if target is not None and p_end >= target:
                return False
        self.covered = len(text)
        self.complete = True
        return True

    def paragraph_sentences(self, body: int, p_end: int) -> list[tuple[int, int]]:
        """The sentence spans of one paragraph's body (after its own number, if any),
        the analyst's corrections applied."""
        text = self.text
        spans = [span for u_start, u_end in unit_spans(text, body, p_end, self.wrap_width)
                 for span in sentence_spans(text, u_start, u_end)]
        return correct_spans(text, spans, self.corrections)

    def sentence(self, index: int) -> Sentence:
        """The sentence at 0-based ``index``."""
        para = self.para_of[index]
        return Sentence(index + 1, self.starts[index], self.ends[index], para + 1,
                        self.para_labels[para])

    def __iter__(self) -> Iterator[Sentence]:
        for index in range(len(self.starts)):
            yield self.sentence(index)

    def sentence_text(self, index: int) -> str:
        return self.text[self.starts[index]:self.ends[index]]

    def index_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``, or the one before it; None if none."""
        index = bisect_right(self.starts, offset) - 1
        return index if index >= 0 else None

    def index_of_span(self, start: int, end: int) -> int | None:
        """Index of the sentence exactly at ``start:end``, if any."""
        index = self.index_at(start)
        if index is not None and self.starts[index] == start and self.ends[index] == end:
            return index
        return None

    def paragraph_label(self, index: int) -> str:
        """How a citation names the paragraph of sentence ``index``: the document's own
        number ("48", "(a)") when it has one, else the paragraph's 1-based position."""
        para = self.para_of[index]
        return self.para_labels[para] or str(para + 1)

    @property
    def paragraph_count(self) -> int:
        return len(self.para_starts)


def segment(text: str, corrections: Corrections | None = None) -> Segmentation:
    """Split all of ``text`` at once (with the analyst's corrections, if any)."""
    segmentation = Segmentation(text, corrections)
    segmentation.extend()
    return segmentation
