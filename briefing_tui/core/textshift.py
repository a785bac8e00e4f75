"""Where a place in a text is after the text was edited (for cursors across a reload).

An edit on disk usually changes one stretch: a word, an inserted paragraph. A place before
the stretch keeps its offset; a place after it shifts by the change in length; a place
inside it goes to the start of the stretch. Comparing blocks first keeps this linear and
fast on a 64 MiB briefing.
"""

from __future__ import annotations

BLOCK = 1 << 16


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of ``a`` and ``b``."""
    limit = min(len(a), len(b))
    at = 0
    while at + BLOCK <= limit and a[at:at + BLOCK] == b[at:at + BLOCK]:
        at += BLOCK
    lo, hi = at, min(at + BLOCK, limit)
    while lo < hi:  # a[:lo] == b[:lo] holds
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix of ``a`` and ``b``, at most ``limit``."""
    return common_prefix(a[len(a) - limit:][::-1], b[len(b) - limit:][::-1])


def follow(old: str, new: str, offset: int) -> int:
    """Where ``offset`` in ``old`` is in ``new``."""
    prefix = common_prefix(old, new)
    if offset < prefix:
        return offset
    suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
    if offset >= len(old) - suffix:
        return offset + len(new) - len(old)
    return min(prefix, len(new))
