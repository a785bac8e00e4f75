"""Who may reach a served app: plain decisions over a request's parts, so they test alone.

Bound to 127.0.0.1 with no token, the guard still refuses what a browser does on behalf of
another site: a websocket opened by a page from another origin (it would drive the app and
read the briefings) and a Host that is not this machine's loopback name (DNS rebinding).
With a token (always with ``--allow-remote``) every request must carry it: ``?token=``,
``Authorization: Bearer``, ``X-Briefing-Token``, or the cookie the page sets from the first.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

COOKIE = "briefing_token"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class Guard:
    token: str | None  # None: no token asked (bound to loopback only)
    remote: bool  # bound to every interface: any Host name is fine, the token is the key

    def refuse(self, *, host: str, query: Mapping[str, str], headers: Mapping[str, str],
               cookies: Mapping[str, str], websocket: bool) -> str | None:
        """Why this request is refused (one line), or None to let it through."""
        if not self.remote and _host_name(host) not in LOCAL_HOSTS:
            return f"refused: {host or 'no host'} is not this machine's loopback address"
        if websocket and not _same_origin(headers.get("Origin"), host):
            return "refused: the websocket was opened by a page from another site"
        if self.token is not None and not any(
                _equal(given, self.token) for given in _offered(query, headers, cookies)):
            return "refused: this server needs its token (open the address it printed)"
        return None


def _offered(query: Mapping[str, str], headers: Mapping[str, str],
             cookies: Mapping[str, str]) -> list[str]:
    given = [query.get("token"), headers.get("X-Briefing-Token"), cookies.get(COOKIE)]
    scheme, _, value = headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        given.append(value.strip())
    return [value for value in given if value]


def _equal(given: str, token: str) -> bool:
    """Constant time, so the token cannot be guessed a character at a time."""
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _host_name(host: str) -> str:
    """``localhost:8000`` → ``localhost``; ``[::1]:8000`` → ``::1``."""
    return (urlsplit(f"//{host}").hostname or "").lower()


def _same_origin(origin: str | None, host: str) -> bool:
    """A request without Origin is not from a browser page, so no other site sent it."""
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == host.lower()
