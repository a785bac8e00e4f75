"""``briefing serve`` without a browser: the guard's rules, the command's one-line refusals,
and the real server's answers over HTTP (token, origin, host, a page that names no other
host). The browser itself is in test_serve_browser.py."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

from briefing_tui.tui.web.guard import COOKIE, Guard
from tests.constants import SEED
from tests.serve_helpers import ROOT, Served


def refuse(guard: Guard, host: str = "127.0.0.1:8000", websocket: bool = False,
           query: dict[str, str] | None = None, headers: dict[str, str] | None = None,
           cookies: dict[str, str] | None = None) -> str | None:
    return guard.refuse(host=host, query=query or {}, headers=headers or {},
                        cookies=cookies or {}, websocket=websocket)


def test_local_without_token_lets_this_machine_in_and_no_one_else() -> None:
    guard = Guard(token=None, remote=False)
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert refuse(guard, host=host) is None, host
    why = refuse(guard, host="attacker.example:8000")  # a DNS name rebound to 127.0.0.1
    assert why is not None and "loopback" in why


def test_a_websocket_from_another_sites_page_is_refused() -> None:
    guard = Guard(token=None, remote=False)
    assert refuse(guard, websocket=True,
                  headers={"Origin": "http://127.0.0.1:8000"}) is None
    assert refuse(guard, websocket=True) is None  # no Origin: not a browser page
    why = refuse(guard, websocket=True, headers={"Origin": "https://evil.example"})
    assert why is not None and "another site" in why


def test_with_a_token_every_way_of_carrying_it_works_and_nothing_else() -> None:
    guard = Guard(token="s3cret", remote=True)
    assert refuse(guard, host="lan-box:8000") is not None
    assert refuse(guard, host="lan-box:8000", query={"token": "s3cre"}) is not None
    assert refuse(guard, host="lan-box:8000", query={"token": "s3cret!"}) is not None
    assert refuse(guard, headers={"Authorization": "Basic s3cret"}) is not None
    for carried in ({"query": {"token": "s3cret"}},
                    {"headers": {"X-Briefing-Token": "s3cret"}},
                    {"headers": {"Authorization": "Bearer s3cret"}},
                    {"cookies": {COOKIE: "s3cret"}}):
        assert refuse(guard, host="lan-box:8000", **carried) is None, carried  # type: ignore[arg-type]


def serve_command(*args: str, block_web: bool = False) -> subprocess.CompletedProcess[str]:
    """The real command; ``block_web`` runs it as if the [web] extra were not installed."""
    prelude = "import sys; sys.modules['textual_serve'] = None; " if block_web else ""
    code = (prelude + "from briefing_tui.cli import main; "
            f"sys.exit(main({['serve', *args]!r}))")
    if not block_web:
        code = "import sys; " + code
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_without_the_web_extra_it_says_how_to_install_it() -> None:
    done = serve_command(str(SEED), block_web=True)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "pip install 'briefing-tui[web]'" in done.stderr


def test_bad_arguments_get_one_line_each(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = str(busy.getsockname()[1])
        for args, said in ((["--port", "70000", str(SEED)], "give a port"),
                           ([str(tmp_path / "gone.txt")], "no such file or folder"),
                           (["--token", " ", str(SEED)], "--token is empty"),
                           (["--port", port, str(SEED)], f"cannot listen on 127.0.0.1:{port}")):
            done = serve_command(*args)
            assert done.returncode == 2, (args, done.stderr)
            assert said in done.stderr and done.stderr.count("\n") == 1, done.stderr
            assert "Traceback" not in done.stderr


def test_the_page_loads_everything_from_this_server_only() -> None:
    with Served(SEED) as served:
        assert served.printed.startswith("http://127.0.0.1:")
        status, page = served.get("/")
        assert status == 200
        named = re.sub(r'xmlns="[^"]*"', "", page)  # an SVG namespace is a name, not a fetch
        hosts = re.findall(r"(?:https?:|wss?:)?//([^/\"' )]+)", named)
        assert set(hosts) == {f"127.0.0.1:{served.port}"}, hosts  # only the websocket's
        loaded = re.findall(r"(?:src|href)=\"([^\"]+)\"|url\(\"([^\"]+)\"\)", page)
        assert loaded and all(u.startswith(("/static/", "data:")) for pair in loaded
                              for u in pair if u), loaded
        for path in ("/static/js/textual.js", "/static/css/xterm.css",
                     "/static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert served.get(path)[0] == 200, path
        policy = served.headers("/")["Content-Security-Policy"]
        assert policy.startswith("default-src 'none'")  # the browser enforces it, too
        assert f"connect-src 'self' ws://127.0.0.1:{served.port} " in policy


def test_local_server_refuses_a_foreign_host_and_a_foreign_websocket() -> None:
    with Served(SEED) as served:
        status, body = served.get("/", {"Host": "rebound.example"})
        assert status == 403 and "loopback" in body
        status, body = served.get("/ws", {"Origin": "https://evil.example",
                                          "Upgrade": "websocket", "Connection": "Upgrade"})
        assert status == 403 and "another site" in body


def test_remote_access_refuses_every_request_without_the_token() -> None:
    with Served(SEED, "--allow-remote", "--token", "tok-123") as served:
        assert served.printed.endswith("/?token=tok-123")
        for path in ("/", "/static/js/textual.js", "/ws", "/download/any"):
            status, body = served.get(path)
            assert status == 403, path
            assert "needs its token" in body
        assert served.get("/?token=wrong")[0] == 403
        status, page = served.get("/?token=tok-123")
        assert status == 200 and "/static/js/textual.js?token=tok-123" in page
        assert f"ws://127.0.0.1:{served.port}/ws\"" in page  # textual.js adds ?width=
        assert served.handshake("/ws?width=80&height=24") == 403
        assert served.handshake("/ws?width=80&height=24", {"Cookie": f"{COOKIE}=tok-123"}) == 101
        assert served.get("/static/js/textual.js", {"X-Briefing-Token": "tok-123"})[0] == 200
        assert served.get("/static/css/xterm.css",
                          {"Authorization": "Bearer tok-123"})[0] == 200
        assert served.get("/static/css/xterm.css", {"Cookie": f"{COOKIE}=tok-123"})[0] == 200


def test_remote_access_without_a_token_makes_one_and_prints_it() -> None:
    with Served(SEED, "--allow-remote") as served:
        token = served.printed.partition("?token=")[2]
        assert len(token) >= 20
        assert served.get("/")[0] == 403
        assert served.get(f"/?token={token}")[0] == 200


def test_serve_has_its_help() -> None:
    done = serve_command("--help")
    assert done.returncode == 0
    assert "--allow-remote" in done.stdout and "ssh -L 8000:localhost:8000" in done.stdout
