"""Where a quote sits in a changed text: verbatim, with other whitespace, or similar.

The search half of :mod:`briefing_tui.core.anchoring` (which decides what to do with the
results). Everything here is bounded so 1,000 annotations on a 10 MB briefing take well
under a second: the first few verbatim searches are ``str.find``; past them one index of
the text answers every quote and context (:mod:`.anchor_index`, same results); similarity
is only computed for sentences near the expected place, or found through a distinctive
key, and every candidate passes ``real_quick_ratio`` (lengths) and a longest-common-
subsequence bound (letters in order, or words for long quotes) first.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from operator import itemgetter

from briefing_tui.core.anchor_index import MIN_NEEDLE, GramIndex, Subsequence, find_all
from briefing_tui.core.annotations import Annotation
from briefing_tui.core.segment import Segmentation, segment

#: Accept a fuzzy match at this ratio. On the sample and real briefings it keeps 99.4 % of
#: sentences with one word replaced (96.8 % with two) while only 0.9 % of sentences have a
#: *different* sentence this similar within 25 sentences either side (0.8: 98.7 % / 94.1 % /
#: 0.6 %; 0.7: 99.8 % / 97.8 % / 1.5 %). Review is flagged, so a rare false match costs a
#: glance; a missed one costs a re-tag.
REVIEW_RATIO = 0.75
#: Full agreement of the stored prefix and suffix adds this much to a candidate's ratio
#: when ranking (not when accepting): an edited sentence still sits between its old
#: neighbours, so it beats a slightly more similar sentence elsewhere (say, one that
#: differs only in a number, as in templated sitreps).
CONTEXT_WEIGHT = 0.1
#: How far (in characters) around an expected place every sentence is compared.
WINDOW_CHARS = 1000
#: Length of the head/tail keys that lead the whole-document search to a sentence.
KEY_CHARS = 16
#: A key or context string shared by more places than this is not distinctive.
KEY_MAX_HITS = 32
#: Stored context shorter than this is too weak to locate a sentence on its own.
CONTEXT_MIN_CHARS = 12
#: Quotes longer than this are compared word by word: character-level ``ratio`` grows
#: with the product of the lengths (3 s for two 20,000-character paragraphs; 11 ms word
#: by word), and on short sentences, where it is cheap, it is the better measure.
LONG_CHARS = 1000
#: Whitespace-insensitive searches done with a regex before one collapsed copy of the text
#: is built instead (the copy costs ~0.25 s per 10 MB; each regex scan ~4 ms).
REGEX_SEARCHES = 48
#: Verbatim searches done with ``str.find`` before the text is indexed. Indexing 10 MB
#: costs about as much as 100-300 such scans (more on repetitive text, where most grams
#: are wanted), then each quote takes microseconds: an edited text, with a few dozen
#: quotes to look for, never pays for it; a replaced one, with a thousand, does once.
PLAIN_SEARCHES = 200

Span = tuple[int, int]
_RUN = re.compile(r"\s\s+")
_RUN_OR_ODD_SPACE = re.compile(r"\s\s+|[^\S ]")


@dataclass(frozen=True)
class Place:
    """A candidate span for one annotation; ``rank`` is smaller for better evidence."""

    start: int
    end: int
    rank: tuple[float, ...]
    restored: bool = False  # the quote from before a review was found again
    ratio: float | None = None  # set for a fuzzy (review) match


def normalise(text: str) -> str:
    """``text`` with each whitespace run as one space and no blanks at the ends."""
    return " ".join(text.split())


def context_agreement(text: str, a: Annotation, start: int, end: int) -> int:
    """Characters of stored prefix and suffix that agree with the text around a span."""
    before = text[max(0, start - len(a.prefix)):start]
    agree = 0
    while agree < len(before) and before[-1 - agree] == a.prefix[-1 - agree]:
        agree += 1
    after = text[end:end + len(a.suffix)]
    tail = 0
    while tail < len(after) and after[tail] == a.suffix[tail]:
        tail += 1
    return agree + tail


class _Collapsed:
    """The text with every whitespace run as one space, and the way back to its offsets."""

    def __init__(self, text: str) -> None:
        self._source = text
        self.text = _RUN_OR_ODD_SPACE.sub(" ", text)  # same length but for the runs
        self._after: array[int] | None = None  # collapsed offset after each shortened run
        self._removed = array("q")  # characters removed up to there

    def _runs(self) -> array[int]:
        """The way back, made at the first quote found (half the copy's cost, 0.3 s per
        10 MB: a replaced text, where no quote is, never needs it)."""
        if self._after is None:
            self._after, removed = array("q"), 0
            for match in _RUN.finditer(self._source):
                removed += match.end() - match.start() - 1
                self._after.append(match.end() - removed)
                self._removed.append(removed)
        return self._after

    def original(self, offset: int) -> int:
        index = bisect_right(self._runs(), offset) - 1
        return offset + (self._removed[index] if index >= 0 else 0)

    def find_all(self, quote: str, index: GramIndex | None = None) -> list[Span]:
        """Spans of the original text holding ``quote`` up to whitespace; ``index`` is
        one of this collapsed text, used when it knows the quote."""
        starts = index.find_all(quote) if index is not None else None
        if starts is None:
            starts = find_all(self.text, quote)
        return [(self.original(pos), self.original(pos + len(quote) - 1) + 1)
                for pos in starts]


class Finder:
    """Searches one new text; splits it and builds indexes only when first needed."""

    def __init__(self, text: str, segmentation: Segmentation | None,
                 quotes: Iterable[str] = (), contexts: Iterable[str] = ()) -> None:
        """``quotes`` and ``contexts`` are what will be looked for (verbatim, and quotes
        up to whitespace): they are indexed together once searching one by one would
        cost more. Anything else is still found, by a plain search."""
        self.text = text
        self._seg = segmentation
        self._keys: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._collapsed: _Collapsed | None = None
        self._regex_searches = 0
        self._quotes: list[str] = []
        self._contexts: list[str] = []
        self._plain_searches = 0
        self.expect(quotes, contexts)
        self._index: GramIndex | None = None
        self._collapsed_index: GramIndex | None = None
        self._found: dict[str, list[int]] = {}

    def expect(self, quotes: Iterable[str], contexts: Iterable[str]) -> None:
        """What will be looked for. So many quotes that searching them one by one would
        cost more than the index (a replaced text) have it built at the first search."""
        self._quotes += quotes
        self._contexts += contexts
        if len(self._quotes) > PLAIN_SEARCHES:
            self._plain_searches = PLAIN_SEARCHES
            self._regex_searches = REGEX_SEARCHES  # and the collapsed copy at once too

    def find(self, needle: str) -> list[int]:
        """Every start of ``needle`` in the text, as a ``str.find`` loop finds them."""
        found = self._found.get(needle)
        if found is not None:
            return found
        if (self._index is None and len(needle) >= MIN_NEEDLE
                and self._plain_searches >= PLAIN_SEARCHES):
            self._index = GramIndex(self.text, [*self._quotes, *self._contexts])
        found = self._index.find_all(needle) if self._index is not None else None
        if found is None:
            self._plain_searches += 1
            found = find_all(self.text, needle)
        self._found[needle] = found
        return found

    @property
    def seg(self) -> Segmentation:
        if self._seg is None:
            self._seg = segment(self.text)
        elif not self._seg.complete:
            self._seg.extend()
        return self._seg

    def occurrences(self, quote: str) -> list[Span]:
        """Every span holding ``quote``; failing that, holding it with other whitespace."""
        if not quote.strip():
            return []
        text = self.text
        found = [(pos, pos + len(quote)) for pos in self.find(quote)]
        words = quote.split()
        if found or words == [quote]:  # nothing to gain from other whitespace
            return found
        if self._collapsed is None and self._regex_searches < REGEX_SEARCHES:
            self._regex_searches += 1
            pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
            match = pattern.search(text)
            while match:  # overlapping matches too, as str.find finds them
                found.append(match.span())
                match = pattern.search(text, match.start() + 1)
            return found
        if self._collapsed is None:
            self._collapsed = _Collapsed(text)
            self._collapsed_index = GramIndex(self._collapsed.text,
                                              (normalise(q) for q in self._quotes))
        return self._collapsed.find_all(" ".join(words), self._collapsed_index)

    def moved(self, a: Annotation, quote: str, expected: int,
              taken: dict[Span, int]) -> Place | None:
        """The best free occurrence: most context agreement, then nearest ``expected``."""
        full = len(a.prefix) + len(a.suffix)
        span = (expected, expected + len(quote))
        if (quote and expected >= 0 and self.text.startswith(quote, expected)
                and span not in taken and context_agreement(self.text, a, *span) == full):
            return Place(*span, (-full, 0, expected))  # no occurrence can rank higher
        best: Place | None = None
        for start, end in self.occurrences(quote):
            if (start, end) not in taken:
                rank = (-context_agreement(self.text, a, start, end), abs(start - expected),
                        start)
                if best is None or rank < best.rank:
                    best = Place(start, end, rank)
        return best

    def similar(self, a: Annotation, expected: Sequence[int],
                taken: dict[Span, int]) -> Place | None:
        """The most similar free sentence: near an expected place first, else where a
        distinctive key (head, tail, stored context) leads anywhere in the text."""
        quote = normalise(a.text)
        if not quote or not len(self.seg):
            return None
        units: Callable[[str], Sequence[str]] = (
            str.split if len(quote) > LONG_CHARS else normalise)
        seg, near = self.seg, set[int]()
        for place in expected:
            first = bisect_right(seg.ends, place - WINDOW_CHARS)
            near.update(range(first, bisect_left(seg.starts,
                                                 place + len(a.text) + WINDOW_CHARS)))
        matcher = SequenceMatcher[str](None, autojunk=False)
        wanted = units(quote)
        matcher.set_seq2(wanted)
        common = Subsequence(wanted)
        best = self._best(sorted(near), matcher, common, units, a, expected, taken)
        if best is None:
            far = [i for i in self._far_candidates(quote, a) if i not in near]
            best = self._best(far, matcher, common, units, a, expected, taken)
        return best

    def _best(self, indices: Iterable[int], matcher: SequenceMatcher[str],
              common: Subsequence, units: Callable[[str], Sequence[str]], a: Annotation,
              expected: Sequence[int], taken: dict[Span, int]) -> Place | None:
        seg, best, bar = self.seg, None, REVIEW_RATIO
        full = max(1, len(a.prefix) + len(a.suffix))
        for i in indices:
            start, end = seg.starts[i], seg.ends[i]
            if (start, end) in taken:
                continue
            candidate = units(self.text[start:end])
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < bar:
                continue
            total = len(candidate) + common.length  # as difflib computes its ratios:
            if 2.0 * common.lcs_length(candidate) / total < bar:  # never below ratio()
                continue
            ratio = matcher.ratio()
            if ratio < bar:
                continue
            context = context_agreement(self.text, a, start, end)
            score = ratio + CONTEXT_WEIGHT * context / full
            distance = min(abs(start - place) for place in expected)
            rank = (-score, -ratio, distance, start)
            if best is None or rank < best.rank:
                best = Place(start, end, rank, ratio=ratio)
                bar = max(bar, score - CONTEXT_WEIGHT)  # what a rival's ratio must reach
        return best

    def _far_candidates(self, quote: str, a: Annotation) -> list[int]:
        """Sentences anywhere that share a distinctive head, tail or stored context."""
        heads, tails = self._key_index()
        found: set[int] = set()
        for hits in (heads.get(quote[:KEY_CHARS], []), tails.get(quote[-KEY_CHARS:], [])):
            if len(hits) <= KEY_MAX_HITS:
                found.update(hits)
        seg, count = self.seg, len(self.seg)
        if len(a.prefix) >= CONTEXT_MIN_CHARS:
            for pos in self._find_few(a.prefix):
                after = bisect_left(seg.starts, pos + len(a.prefix))
                found.update(i for i in (after - 1, after) if 0 <= i < count)
        if len(a.suffix) >= CONTEXT_MIN_CHARS:
            for pos in self._find_few(a.suffix):
                before = bisect_right(seg.ends, pos) - 1
                found.update(i for i in (before, before + 1) if 0 <= i < count)
        return sorted(found)

    def _find_few(self, needle: str) -> list[int]:
        found = self.find(needle)
        return found if len(found) <= KEY_MAX_HITS else []

    def _key_index(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        if self._keys is None:
            heads: dict[str, list[int]] = {}
            tails: dict[str, list[int]] = {}
            seg, text = self.seg, self.text
            sentences = map(text.__getitem__, map(slice, seg.starts, seg.ends))
            normalised = list(map(" ".join, map(str.split, sentences)))  # normalise(), in C
            for keys, cut in ((heads, slice(KEY_CHARS)), (tails, slice(-KEY_CHARS, None))):
                for i, key in enumerate(map(itemgetter(cut), normalised)):
                    keys.setdefault(key, []).append(i)
            self._keys = heads, tails
        return self._keys
