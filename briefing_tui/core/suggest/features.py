"""Words and word pairs of a sentence: the features both learners use."""

from __future__ import annotations

import re
from itertools import filterfalse, pairwise

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
STOP = frozenset(
    "the of and to in a is that for on with as by at from it be was are this an or were "
    "has have had its their they which but not been will also after said would who he she "
    "his her we our us you your i me my there than them into more about over other".split())


def words(text: str) -> list[str]:
    """Lower-cased words of two letters or more, stop words left out."""
    return list(filterfalse(STOP.__contains__, _WORD.findall(text.lower())))


def features(text: str) -> set[str]:
    """Each word once, and each pair of neighbouring words ("car bomb") once."""
    found = words(text)
    return set(found) | set(map(" ".join, pairwise(found)))  # map, join: in C
