"""Exact search for many needles in one big text, and a cheap bound on ``difflib``'s ratio.

Re-anchoring looks for ~1,000 quotes and their contexts in a replaced 10 MB text; one
``str.find`` scan per quote took seconds. :class:`GramIndex` indexes the text once, at
every ``STEP``-th position, by the ``GRAM`` characters starting there, and keeps only the
grams some needle contains. An occurrence of a needle at least ``MIN_NEEDLE`` long covers
one such position in full, so looking up the needle's grams and verifying each candidate
with ``startswith`` finds exactly what a ``str.find`` loop finds (overlaps included).

:func:`lcs_length` (bit-parallel, Hyyrö 2004) bounds ``SequenceMatcher.ratio``: the
matching blocks it counts form a common subsequence, so ``2 * LCS / total`` is never below
the ratio, and it is far tighter than ``quick_ratio`` (which counts shared letters: any two
English sentences share most of theirs).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from itertools import compress, count

#: Length of an indexed gram, and the step between indexed positions: the text is cut
#: into consecutive GRAM-character chunks by one ``re.findall`` (in C), and only chunks
#: some needle contains are kept. (Every 8th position by 24 characters, sliced one by
#: one, cost 2-3x more to build; on the generated briefings, made of templates, shorter
#: grams leave more candidates to verify, each one ``startswith``.)
GRAM = 16
STEP = GRAM
#: Needles shorter than this may fall between indexed grams; they are searched plainly
#: (the 32-character stored contexts are long enough).
MIN_NEEDLE = GRAM + STEP - 1
_CHUNKS = re.compile(f"(?s).{{{GRAM}}}")
_WINDOW = STEP << 16


def find_all(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones too (the plain search)."""
    found, pos = [], text.find(needle)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _offsets(length: int) -> list[range]:
    """For each alignment class, the offsets of the grams inside a needle: an occurrence
    of the class has an indexed position at every one, so any one of them will do."""
    return [range(j, length - GRAM + 1, STEP) for j in range(STEP)]


class GramIndex:
    """The positions of the grams of ``needles`` in ``text``, sampled every ``STEP``."""

    def __init__(self, text: str, needles: Iterable[str]) -> None:
        self.text = text
        self.needles = {needle for needle in needles if len(needle) >= MIN_NEEDLE}
        wanted = set[str]()
        for needle in self.needles:
            wanted.update(needle[o:o + GRAM] for o in range(len(needle) - GRAM + 1))
        self._hits: dict[str, list[int]] = {}
        for first in range(0, len(text), _WINDOW):  # a window at a time: a few MB of grams
            chunks = _CHUNKS.findall(text, first, first + _WINDOW)  # at first + STEP * i
            for i in compress(count(), map(wanted.__contains__, chunks)):  # a C loop
                self._hits.setdefault(chunks[i], []).append(first + i * STEP)

    def find_all(self, needle: str) -> list[int] | None:
        """What :func:`find_all` returns, or None for a needle not indexed."""
        if needle not in self.needles:
            return None
        text, hits, found = self.text, self._hits, []
        for offsets in _offsets(len(needle)):  # the rarest gram of each class
            offset, candidates = min(((o, hits.get(needle[o:o + GRAM], [])) for o in offsets),
                                     key=lambda hit: len(hit[1]))
            for pos in candidates:
                start = pos - offset
                if start >= 0 and text.startswith(needle, start):
                    found.append(start)
        found.sort()
        return found


class Subsequence:
    """The longest common subsequence with one fixed sequence, for many others."""

    def __init__(self, fixed: Sequence[Hashable]) -> None:
        self.length = len(fixed)
        self._masks: dict[Hashable, int] = {}
        for i, item in enumerate(fixed):
            self._masks[item] = self._masks.get(item, 0) | 1 << i

    def lcs_length(self, other: Iterable[Hashable]) -> int:
        """Length of the longest common subsequence of the fixed sequence and ``other``."""
        full = (1 << self.length) - 1
        row = full
        # Items of ``other`` not in the fixed sequence change nothing: skipped in C. The
        # row is cut to ``length`` bits once at the end: carries out of the top bit never
        # reach back down (``mask`` has no bit there), so the low bits are the same.
        for mask in filter(None, map(self._masks.get, other)):
            low = row & mask
            row = (row + low) | (row - low)
        return self.length - (row & full).bit_count()


def lcs_length(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Length of the longest common subsequence of ``a`` and ``b``."""
    return Subsequence(a).lcs_length(b)
