"""textual-serve's server, kept on this machine and behind the guard.

textual-serve starts one app process per websocket, that is per browser tab, so each tab is
its own ``briefing`` with its own locks: two tabs on one briefing behave as two terminals.
What this subclass changes: it listens on a socket bound before it starts (so ``--port 0``
and a busy port are known at once), checks every request with ``guard.Guard``, builds the
page's URLs from the request's own Host (an SSH tunnel or a LAN name both work), serves its
own page template (no font CDN) under a Content-Security-Policy that lets the page reach only
this server, and logs warnings only (no banner, no locals in tracebacks).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from briefing_tui.tui.web.guard import COOKIE, Guard

TEMPLATES = Path(__file__).parent / "templates"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def page_policy(host: str) -> str:
    """The page may load and connect to this server only (the fonts, the script, the ws)."""
    return ("default-src 'none'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data: blob:; "
            f"connect-src 'self' ws://{host} wss://{host}; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


class BriefingServer(Server):
    def __init__(self, command: str, guard: Guard, listening: socket.socket,
                 title: str = "briefing") -> None:
        super().__init__(command, title=title, templates_path=TEMPLATES)
        self.guard = guard
        self.listening = listening

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="briefing serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the command printed the address already."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        guard = self.guard

        @web.middleware
        async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
            websocket = request.headers.get("Upgrade", "").lower() == "websocket"
            why = guard.refuse(host=request.host, query=request.query,
                               headers=request.headers, cookies=request.cookies,
                               websocket=websocket)
            if why is not None:
                return web.Response(status=403, text=why + "\n")
            response = await handler(request)
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            return response

        app.middlewares.append(check)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        token = self.guard.token
        token_query = f"?{urlencode({'token': token})}" if token else ""
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": _font_size(request.query.get("fontsize", "16")),
            # textual.js appends "?width=…" to this URL, so no query of ours may be on it:
            # the cookie set below carries the token to the websocket's handshake
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "token_query": token_query,
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Content-Security-Policy"] = page_policy(request.host)
        response.headers["Cache-Control"] = "no-store"
        if token:  # for the websocket and the downloads (/download/KEY in a new tab)
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/",
                                secure=request.secure)
        return response

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self._make_app(), sock=self.listening, handle_signals=False, loop=loop,
                    print=None, access_log=None)


def _font_size(value: str) -> int:
    try:
        return min(max(int(value), 6), 48)
    except ValueError:
        return 16
