"""One base for every error the core raises on purpose, so a script can catch them all.

Each family keeps its own class (``DocumentError`` for files that cannot be read,
``SidecarError`` for sidecars, ``CodebookError``, ``ConfigError``, ``YamlError``, …) and its
message is always one line a person can act on. ``OSError`` subclasses of the atomic
writer stay ``OSError``: callers handle them as the I/O errors they are.
"""

from __future__ import annotations


class BriefingError(Exception):
    """An input or state the core refuses, with a one-line reason as its message."""
