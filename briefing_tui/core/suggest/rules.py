"""Every codebook tag's rules over a sentence in one scan, and the hits kept per text.

Each tag's words (keywords, phrases) are one trie regex, but scanning a sentence once per
tag costs a pass of Python's regex engine per tag; that was the largest part of scoring.
:class:`RuleScan` joins every tag's words into one zero-width lookahead, so one pass finds
each place where some tag's word starts; each tag's own regex is then tried at those
places only (:meth:`Patterns.matches` with ``at``), which gives exactly what scanning
the sentence with it would. :class:`HitCache` keeps the hits of a document's sentences
under the hash of its text, so a retrain (tags changed, text did not) matches nothing
again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.tag_patterns import Patterns, trie_regex

Hits = dict[str, list[str]]  # tag -> the labels of its rules that match, in text order


def rule_score(hits: int) -> float:
    """One matched rule is an even bet (0.5), each further one halves the doubt."""
    return 1.0 - 0.5 ** hits


_SCANS: dict[tuple[tuple[str, Patterns], ...], RuleScan] = {}


class RuleScan:
    """The rules of every tag of ``codebook`` that has any."""

    def __init__(self, codebook: Codebook) -> None:
        self.rules: list[tuple[str, Patterns]] = [(t.name, t.patterns) for t in codebook
                                                  if t.patterns]
        sources = [s for _, patterns in self.rules for s in patterns.sources]
        # IGNORECASE finds every place an exact-case tag could match too (a superset)
        self._starts = re.compile(r"\b(?=" + trie_regex(sources) + ")", re.IGNORECASE) \
            if sources else None
        # IGNORECASE is most of a scan's cost; on ASCII text with ASCII rules, the same
        # regex lower-cased over the lower-cased text finds the same places (same length,
        # same word edges) 4x faster: measured in benchmarks/bench_suggest.py
        self._ascii = re.compile(r"\b(?=" + trie_regex(
            [tuple(piece.lower() for piece in s) for s in sources]) + ")") \
            if sources and all(piece.isascii() for s in sources for piece in s) else None
        self.key = tuple(self.rules)  # equal rules give equal hits (HitCache)

    @classmethod
    def of(cls, codebook: Codebook) -> RuleScan:
        """The scan of ``codebook``'s rules, compiled once per distinct set of rules (a
        retrain makes a new suggester, not a new regex)."""
        key = tuple((t.name, t.patterns) for t in codebook if t.patterns)
        scan = _SCANS.get(key)
        if scan is None:
            if len(_SCANS) >= 8:
                _SCANS.clear()
            scan = _SCANS[key] = cls(codebook)
        return scan

    def hits(self, text: str) -> Hits:
        """Each tag with a matching rule and the labels of those rules."""
        if self._ascii is not None and text.isascii():
            starts = [m.start() for m in self._ascii.finditer(text.lower())]
        elif self._starts is not None:
            starts = [m.start() for m in self._starts.finditer(text)]
        else:
            starts = []
        found: Hits = {}
        for tag, patterns in self.rules:
            if starts or patterns.compiled:
                labels = patterns.matches(text, starts)
                if labels:
                    found[tag] = labels
        return found


class HitCache:
    """The rule hits of each document's sentences, under the hash of its text and the
    rules they were matched with; the documents not asked for in a round are dropped."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, object], dict[int, Hits]] = {}

    def of(self, scan: RuleScan, sha256: str, text: str, starts: Sequence[int],
           ends: Sequence[int]) -> dict[int, Hits]:
        """Sentence start -> its hits (only sentences with any), matched once per text."""
        key = (sha256, scan.key)
        kept = self._kept.get(key) if sha256 else None
        if kept is None:
            kept = {}
            # equal hits shared (read-only): most sentences with any match one or two
            # common words, and a 10 MB briefing has ~90k such sentences to keep
            same: dict[tuple[tuple[str, tuple[str, ...]], ...], Hits] = {}
            for start, end in zip(starts, ends, strict=True):
                found = scan.hits(text[start:end])
                if found:
                    kept[start] = same.setdefault(
                        tuple((tag, tuple(labels)) for tag, labels in found.items()), found)
            if sha256:
                self._kept[key] = kept
        return kept

    def keep_only(self, sha256s: set[str]) -> None:
        """Forget the documents no longer open (their text changed or they closed)."""
        self._kept = {k: v for k, v in self._kept.items() if k[0] in sha256s}
