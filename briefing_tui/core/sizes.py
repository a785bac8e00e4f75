"""Sizes in messages: a file one byte over a limit must not read as "16.0 MiB; the limit
is 16 MiB" (rounded, the two look equal), so near the limit the exact count is given."""

from __future__ import annotations

MIB = 2**20


def over_limit(size: int, limit: int) -> str:
    """``"20.5 MiB; the limit is 16 MiB"``, or with the byte count when they round alike."""
    shown = f"{size / MIB:.1f} MiB"
    if shown == f"{limit / MIB:.1f} MiB":
        over = size - limit
        shown = f"{size:,} bytes, {over:,} byte{'' if over == 1 else 's'} over"
    return f"{shown}; the limit is {limit / MIB:g} MiB"
