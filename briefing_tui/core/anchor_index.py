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

from collections.abc import Hashable, Iterable, Sequence
from itertools import compress

#: Length of an indexed gram: long enough that few places share one (on the generated
#: briefings, made of templates, 16 left 12x more candidates to verify than 24).
GRAM = 24
#: Every STEP-th text position is indexed (a 10 MB text: 1.25 M positions scanned in C);
#: with GRAM it keeps 32-character contexts indexable.
STEP = 8
#: Needles shorter than this may fall between indexed grams; they are searched plainly.
MIN_NEEDLE = GRAM + STEP - 1


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
        positions = range(0, len(text) - GRAM + 1, STEP)
        grams = map(text.__getitem__, map(slice, positions, range(GRAM, len(text) + 1, STEP)))
        self._hits: dict[str, list[int]] = {}
        for pos in compress(positions, map(wanted.__contains__, grams)):  # a C loop
            self._hits.setdefault(text[pos:pos + GRAM], []).append(pos)

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
        row, masks = full, self._masks
        for item in other:
            mask = masks.get(item)
            if mask is not None:
                low = row & mask
                row = ((row + low) | (row - low)) & full
        return self.length - row.bit_count()


def lcs_length(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Length of the longest common subsequence of ``a`` and ``b``."""
    return Subsequence(a).lcs_length(b)
