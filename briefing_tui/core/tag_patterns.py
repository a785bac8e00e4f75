"""A tag's ``patterns:`` in the codebook: the words, phrases and regexes that suggest it.

::

    patterns:
      keywords: [refugee, asylum]        # a word that starts with one: refugee -> refugees
      phrases: ["crossed the border"]    # these words in this order, whole words
      regex: ['\\bIDPs?\\b']             # Python regular expressions, at most 200 characters
      case: ignore                       # or "exact"; ignore is the default

The tag's own ``keywords:`` field counts as keywords too. Every problem is a one-line
:class:`~briefing_tui.core.codebook.CodebookError`-style message (raised as ValueError
here; the codebook adds the tag's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

MAX_REGEX_CHARS = 200
MAX_PATTERNS = 200
_KEYS = ("keywords", "phrases", "regex", "case")
# A repeated group that itself repeats, "(a+)+": the shape that makes a regex take
# exponential time on a near-miss. Refused rather than risk a hung suggestion run.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")


_KEYWORD_END = r"\w*"
_END = ""  # a trie key no piece can be: the source ends here


def trie_regex(sources: list[tuple[str, ...]]) -> str:
    """One regex for many sources, branching per character like a trie ("a(?:ttack|rmy)"):
    Python's engine tries an alternation's branches one by one at every position, so 90
    flat keywords cost ~4x more (measured in benchmarks/bench_suggest.py). Longer paths
    come before a source that ends at a node, as the longest-first alternation did."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for pieces in sources:
        node = root
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[_END] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        ends = _END in node
        pieces = sorted((p for p in node if p != _END), key=lambda p: p == _KEYWORD_END)
        branches = [piece + emit(node[piece]) for piece in pieces]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(root)


@dataclass(frozen=True)
class Patterns:
    """One tag's rules; compiled on first use, so the default codebook costs no start time."""

    keywords: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    exact_case: bool = False

    def __bool__(self) -> bool:
        return bool(self.keywords or self.phrases or self.regex)

    @cached_property
    def sources(self) -> tuple[tuple[str, ...], ...]:
        """Each keyword and phrase as regex pieces, one per character (the trie's input;
        :class:`~briefing_tui.core.suggest.rules.RuleScan` joins every tag's)."""
        sources: list[tuple[str, ...]] = []
        for word in self.keywords:
            sources.append((*map(re.escape, word), _KEYWORD_END))  # as written: IGNORECASE
        for phrase in self.phrases:
            pieces: list[str] = []
            for n, word in enumerate(phrase.split()):
                pieces += ([r"\s+"] if n else []) + list(map(re.escape, word))
            sources.append((*pieces, r"\b"))
        return tuple(sources)

    @cached_property
    def _words(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """One alternation for every keyword and phrase (one search, not one per word),
        and the label of each, keyed by its folded text."""
        labels: dict[str, str] = {}
        for word in self.keywords:
            labels.setdefault(self._fold(word), word)
        for phrase in self.phrases:
            labels.setdefault(self._fold(" ".join(phrase.split())), " ".join(phrase.split()))
        if not self.sources:
            return None, labels
        flags = 0 if self.exact_case else re.IGNORECASE
        return re.compile(r"\b(?:" + trie_regex(list(self.sources)) + ")", flags), labels

    @cached_property
    def compiled(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """Each regex with the label a reason shows ("/IDPs?/")."""
        flags = 0 if self.exact_case else re.IGNORECASE
        return tuple((re.compile(source, flags), f"/{source}/")
                     for source in dict.fromkeys(self.regex))

    def _fold(self, text: str) -> str:
        return " ".join(text.split()) if self.exact_case else " ".join(text.split()).casefold()

    def _label(self, found: str, labels: dict[str, str]) -> str:
        folded = self._fold(found)
        if folded in labels:
            return labels[folded]
        for size in range(len(folded) - 1, 0, -1):  # a keyword is a prefix of the word
            if folded[:size] in labels:
                return labels[folded[:size]]
        return found

    def matches(self, text: str, at: Iterable[int] | None = None) -> list[str]:
        """The labels of the distinct rules that match ``text``, in order of appearance.

        ``at``, when given, is every position (ascending) where a keyword or phrase of
        this tag could start (a superset: a scan of all tags at once finds them); the
        words are then tried only there, with the same result as scanning the text."""
        pattern, labels = self._words
        found: dict[str, None] = {}
        if pattern is not None:
            for match in pattern.finditer(text) if at is None else _at(pattern, text, at):
                found[self._label(match.group(), labels)] = None
        for regex, label in self.compiled:
            if regex.search(text):
                found[label] = None
        return list(found)


def _at(pattern: re.Pattern[str], text: str, starts: Iterable[int]
        ) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying only at ``starts``: the leftmost
    match from where the last one ended, as finditer takes it (no match is empty)."""
    free = 0
    for start in starts:
        if start >= free and (match := pattern.match(text, start)) is not None:
            free = match.end()
            yield match


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"patterns.{what} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def build_patterns(keywords: tuple[str, ...] = (), phrases: tuple[str, ...] = (),
                   regex: tuple[str, ...] = (), *, exact_case: bool = False) -> Patterns:
    """Checked and compiled rules, or ValueError with a one-line reason."""
    if len(keywords) + len(phrases) + len(regex) > MAX_PATTERNS:
        raise ValueError(f"patterns: at most {MAX_PATTERNS} keywords, phrases and regexes")
    for source in regex:
        if len(source) > MAX_REGEX_CHARS:
            raise ValueError(f"patterns.regex {source[:30]!r}...: longer than "
                             f"{MAX_REGEX_CHARS} characters")
        if _NESTED_REPEAT.search(source):
            raise ValueError(f"patterns.regex {source!r}: a repeated group inside a "
                             "repetition can take very long to fail; simplify it")
        try:
            re.compile(source)
        except re.error as exc:
            raise ValueError(f"patterns.regex {source!r}: {exc}") from None
    patterns = Patterns(keywords, phrases, regex, exact_case)
    _ = patterns.compiled, patterns._words
    return patterns


def parse_patterns(value: Any, keywords: tuple[str, ...]) -> Patterns:
    """The ``patterns:`` mapping of one codebook entry, plus its ``keywords:``."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ValueError("patterns must be a mapping of keywords, phrases, regex, case")
    unknown = sorted(str(key) for key in value if key not in _KEYS)
    if unknown:
        raise ValueError(f"patterns: unknown key {unknown[0]!r} (use "
                         + ", ".join(_KEYS) + ")")
    case = value.get("case", "ignore")
    if case not in ("ignore", "exact"):
        raise ValueError(f"patterns.case must be 'ignore' or 'exact' (got {case!r})")
    return build_patterns(keywords + _strings(value.get("keywords"), "keywords"),
                          _strings(value.get("phrases"), "phrases"),
                          _strings(value.get("regex"), "regex"), exact_case=case == "exact")
