"""Who is annotating: the analyst's name, as recorded in ``by`` and in layer file names.

The name comes from ``--as NAME``, else ``analyst:`` in the settings, else the login
name. It is part of a file name (``article.txt.annotations.<analyst>.yaml``), so it is
kept to letters, digits and ``_ . -``; a login name with other characters is made fit,
a name typed by the user is refused with a reason.
"""

from __future__ import annotations

import getpass
import re
from typing import Any

ANALYST_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_COPY = re.compile(r"^mine-\d+$")  # the names of "keep mine as a copy" sidecars
_UNFIT = re.compile(r"[^A-Za-z0-9_.-]+")


class AnalystError(ValueError):
    """A name that cannot be an analyst's; ``str()`` says why in one line."""


def check_analyst(name: str) -> str:
    """``name`` when it can be an analyst's name, else :class:`AnalystError`."""
    if not ANALYST_NAME.fullmatch(name) or _COPY.fullmatch(name):
        raise AnalystError(f"{name!r} cannot be an analyst name (letters, digits and _ . -, "
                           "at most 40, not starting with a sign, not mine-N)")
    return name


def login_analyst() -> str:
    """The login name made fit for a file name ("analyst" when there is none)."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        login = ""
    fitted = _UNFIT.sub("-", login).strip("-._")[:40]
    if not fitted or _COPY.fullmatch(fitted):
        return "analyst"
    return fitted


def resolve_analyst(given: str | None, configured: str | None) -> str:
    """--as NAME, else the settings' ``analyst:``, else the login name."""
    for name in (given, configured):
        if name:
            return check_analyst(name)
    return login_analyst()


def read_by(value: Any) -> tuple[str, ...]:
    """The ``by`` list of a sidecar entry, as stored (sorted, each name once)."""
    if not isinstance(value, list):
        raise ValueError(f"by must be a list of analyst names (got {value!r:.40})")
    for name in value:
        if not isinstance(name, str) or not ANALYST_NAME.fullmatch(name):
            raise ValueError(f"{name!r:.40} in by is not an analyst name")
    return tuple(sorted(set(value)))
