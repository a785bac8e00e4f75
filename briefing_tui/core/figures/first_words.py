"""A cheap, exact pre-filter for the big case-blind alternations of names and verbs.

Trying hundreds of alternatives at every position of every sentence was most of an
export's time, yet most sentences hold none of them: a whole-word match can only start at
a run of word characters equal, case-blind, to the first word of what it matches, so one
set lookup per word of the sentence rules it out first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
# Non-ASCII letters that ``re`` matches to an ASCII one case-blind (the Kelvin sign, the
# long s, dotted and dotless i): a word made of these may be an ASCII word in disguise.
_ASCII_FOLD = re.compile(r"[\x00-\x7f]+", re.IGNORECASE)


@dataclass(frozen=True)
class FirstWords:
    ascii: frozenset[str]          # lower-cased ASCII first words
    other: re.Pattern[str] | None  # the others, matched whole and case-blind as re does


def first_words(names: Iterable[str]) -> FirstWords | None:
    """The first words of ``names``, for :func:`may_name`; None when that test could be
    wrong (a name that does not open with a word character, or a non-ASCII first word
    with a letter that ``re`` matches to an ASCII one case-blind)."""
    ascii_words: set[str] = set()
    other: set[str] = set()
    for name in names:
        word = _WORD.match(name)
        if word is None:
            return None
        first = word.group()
        if first.isascii():
            ascii_words.add(first.lower())
        elif any(_ASCII_FOLD.fullmatch(ch) for ch in first if not ch.isascii()):
            return None
        else:
            other.add(first)
    pattern = "|".join(re.escape(w) for w in sorted(other, key=len, reverse=True))
    return FirstWords(frozenset(ascii_words),
                      re.compile(pattern, re.IGNORECASE) if pattern else None)


def may_name(text: str, words: FirstWords | None) -> bool:
    """False only when ``text`` surely holds none of the names ``words`` came from: a
    whole-word, case-blind match starts at a run of word characters that equals, letter
    by letter and case-blind, the first word of the name it matches."""
    if words is None:
        return True
    if text.isascii():
        return not words.ascii.isdisjoint(_WORD.findall(text.lower()))
    for token in _WORD.findall(text):
        if token.isascii():
            if token.lower() in words.ascii:
                return True
        elif _ASCII_FOLD.fullmatch(token) or (words.other and words.other.fullmatch(token)):
            return True
    return False
