"""``briefing serve`` as a real process on a free port, and the system's Chromium to visit it.

The server prints its address first; the tests read it there, so ``--port 0`` lets the
kernel choose a free port and parallel workers never collide.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_CHROMIUM = ("no Chromium found (looked for $BRIEFING_CHROMIUM, then "
               + ", ".join(CHROMIUM_NAMES) + " on PATH): install it with "
               "`apt-get install chromium` (.ci/run does)")


def chromium() -> str:
    """The system's Chromium. Missing: a failure in CI (it must be there), a skip elsewhere."""
    given = os.environ.get("BRIEFING_CHROMIUM")
    found = given if given and os.access(given, os.X_OK) else next(
        (path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(NO_CHROMIUM, pytrace=False)
        pytest.skip(NO_CHROMIUM)
    return found


class Served:
    """``briefing serve ARGS --port 0``; ``close()`` stops it (SIGTERM, then SIGKILL)."""

    def __init__(self, *args: str | Path, cwd: Path = ROOT,
                 env: dict[str, str] | None = None) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "briefing_tui", "serve", *map(str, args), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
            env={**os.environ, **(env or {})}, start_new_session=True)
        assert self.child.stdout is not None
        first = self.child.stdout.readline()
        found = re.search(r"serving at (http://\S+?):(\d+)(/\S*)", first)
        if found is None:
            self.close()
            raise AssertionError(f"no address printed: {first!r} {self.stderr()!r}")
        self.printed = found.group(0).removeprefix("serving at ")
        self.port = int(found.group(2))
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + found.group(3)  # with ?token= when there is one

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """Status and body of a GET on 127.0.0.1 (a 403 is an answer, not an error)."""
        request = urllib.request.Request(self.origin + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode("utf-8", "replace")

    def handshake(self, path: str, headers: dict[str, str] | None = None) -> int:
        """The status a websocket handshake on ``path`` gets (101: the app would start)."""
        lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Upgrade: websocket",
                 "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                 *(f"{name}: {value}" for name, value in (headers or {}).items())]
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            status_line = sock.makefile("rb").readline().decode("latin-1")
        return int(status_line.split()[1])

    def headers(self, path: str) -> dict[str, str]:
        with urllib.request.urlopen(self.origin + path, timeout=10) as response:
            return dict(response.headers)

    def stderr(self) -> str:
        if self.child.poll() is None or self.child.stderr is None:
            return ""
        return self.child.stderr.read()

    def close(self) -> None:
        if self.child.poll() is None:
            os.killpg(self.child.pid, signal.SIGTERM)
            try:
                self.child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.child.pid, signal.SIGKILL)
                self.child.wait()
        for stream in (self.child.stdout, self.child.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

