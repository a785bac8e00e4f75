"""``briefing serve``: the app in a browser tab, one app process per tab (textual-serve).

Bound to 127.0.0.1 unless ``--allow-remote``, which binds every interface and always asks
for a token (given, or made here and printed). Without the ``[web]`` extra it says how to
install it, in one line.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import urlencode

from briefing_tui.core.visible import visible

EXIT_OK, EXIT_BAD_INPUT = 0, 2
INSTALL_HINT = ("briefing: serve needs the web extra: pip install 'briefing-tui[web]' "
                "(in a checkout: .venv/bin/pip install -e '.[web]')")


def _say(message: str) -> None:
    print(visible(message, keep_newlines=False), file=sys.stderr)


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each tab: this Python, this package."""
    words = [sys.executable, "-m", "briefing_tui", *(str(p.resolve()) for p in args.paths)]
    for flag, value in (("--codebook", args.codebook), ("--config", args.config)):
        if value is not None:
            words += [flag, str(value.resolve())]
    if args.as_:
        words += ["--as", args.as_]
    return shlex.join(words)


def address(host: str, port: int, token: str | None) -> str:
    query = f"/?{urlencode({'token': token})}" if token else "/"
    return f"http://{host}:{port}{query}"


def cmd_serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        _say(f"briefing: --port {args.port}: give a port from 1 to 65535 (0: any free one)")
        return EXIT_BAD_INPUT
    if args.token is not None and not args.token.strip():
        _say("briefing: --token is empty")
        return EXIT_BAD_INPUT
    if args.token is not None and not args.token.isascii():
        _say("briefing: --token: use ASCII letters, digits and punctuation")
        return EXIT_BAD_INPUT
    for path in args.paths:
        if not path.exists():
            _say(f"briefing: {path}: no such file or folder")
            return EXIT_BAD_INPUT
    try:  # the [web] extra: imported only here, so the other commands never need it
        from briefing_tui.tui.web.guard import Guard
        from briefing_tui.tui.web.server import BriefingServer
    except ImportError:
        _say(INSTALL_HINT)
        return EXIT_BAD_INPUT
    token = args.token
    if args.allow_remote and token is None:
        token = secrets.token_urlsafe(18)
    host = "0.0.0.0" if args.allow_remote else "127.0.0.1"
    try:
        listening = socket.create_server((host, args.port))
    except OSError as exc:
        _say(f"briefing: cannot listen on {host}:{args.port}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    port = listening.getsockname()[1]
    shown = socket.gethostname() if args.allow_remote else host
    print(f"briefing: serving at {address(shown, port, token)}", flush=True)
    if args.allow_remote:
        print("briefing: open to the network: anyone with this address and token can read "
              "and tag these briefings", flush=True)
    print("briefing: one app per browser tab; Ctrl+C stops the server", flush=True)
    server = BriefingServer(app_command(args), Guard(token=token, remote=args.allow_remote),
                            listening)
    server.serve()
    return EXIT_OK


def add_serve_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser(
        "serve", help="the app in a browser (the [web] extra)",
        description="Serve the app to a browser: each tab runs its own briefing app. "
        "Bound to 127.0.0.1; from another machine use an SSH tunnel "
        "(ssh -L 8000:localhost:8000 host) or --allow-remote with a token.")
    serve.add_argument("paths", nargs="*", type=Path, default=[Path(".")],
                       help="files and folders to open (default: the current folder)")
    serve.add_argument("--port", type=int, default=8000, help="TCP port (default: 8000)")
    serve.add_argument("--allow-remote", action="store_true",
                       help="listen on every interface; needs a token (made and printed "
                       "when --token is not given)")
    serve.add_argument("--token", help="every request must carry it (?token=, or an "
                       "'Authorization: Bearer' or 'X-Briefing-Token' header)")
    serve.add_argument("--codebook", type=Path, help="a YAML codebook of your own tags")
    serve.add_argument("--config", type=Path, help="settings file for the app")
    serve.add_argument("--as", dest="as_", metavar="NAME", help="your analyst name")
    serve.set_defaults(func=cmd_serve)
