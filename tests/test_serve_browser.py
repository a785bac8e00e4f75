"""``briefing serve`` in a real headless Chromium (the distribution's, driven by Playwright).

What the browser receives on the page's websocket is what xterm.js draws on its canvas, so
the tests read the screen there (escape sequences out); the tags are read from the sidecar
on disk with the project's own reader.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Download,
    Page,
    WebSocket,
    sync_playwright,
)

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.sidecar import sidecar_path
from tests.app_helpers import saved
from tests.constants import SEED
from tests.pty_helpers import squash, strip_escapes
from tests.serve_helpers import Served, chromium

pytestmark = pytest.mark.system
SECOND = "The deportation has a serious implication on the Afghan refugees"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path,
                                              args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


class Tab:
    """One browser tab on the served app: what reached it, and its keyboard."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 700},
                                           accept_downloads=True)
        self.page: Page = self.context.new_page()
        self.received = bytearray()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("websocket", self._watch)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.response = self.page.goto(url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":  # a CSP violation is logged as one
            self.problems.append(message.text)

    def _watch(self, socket: WebSocket) -> None:
        socket.on("framereceived", lambda frame: self.received.extend(
            frame if isinstance(frame, bytes) else frame.encode("utf-8")))

    def screen(self) -> str:
        return squash(strip_escapes(bytes(self.received)))

    def until(self, check: Callable[[], bool], timeout: float = 30) -> bool:
        """Playwright's sync API hands over frames only while it runs: wait inside it."""
        for _ in range(int(timeout * 10)):
            if check():
                return True
            self.page.wait_for_timeout(100)
        return check()

    def wait_for(self, text: str, timeout: float = 30) -> None:
        assert self.until(lambda: squash(text) in self.screen(), timeout), (
            f"{text!r} never reached the browser; it got: {self.screen()[-600:]!r}")

    def press(self, *keys: str) -> None:
        self.page.focus(".xterm-helper-textarea")  # a click would pick a sentence
        for key in keys:
            self.page.keyboard.press(key)

    def close(self) -> None:
        self.context.close()


def on_disk(document: Path) -> list[Annotation]:
    """The annotations in the sidecar, none while there is no sidecar yet."""
    return saved(document) if sidecar_path(document).exists() else []


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def test_a_tab_shows_the_briefing_and_its_tag_reaches_the_sidecar(
        tmp_path: Path, browser: Browser) -> None:
    folder = seed_folder(tmp_path)
    doc = folder / SEED.name
    with Served(folder, cwd=tmp_path) as served:
        tab = Tab(browser, served.url)
        try:
            assert tab.response is not None and tab.response.status == 200
            tab.page.wait_for_selector("body.-first-byte", timeout=30_000)
            tab.wait_for("Afghans have left Pakistan")
            tab.wait_for("sentence 1/")
            tab.press("j", "2")
            assert tab.until(lambda: bool(on_disk(doc)), timeout=20), (
                "no tag in the sidecar")
            [annotation] = on_disk(doc)
            assert annotation.tags == ("migration",)
            assert annotation.text.startswith(SECOND)
            tab.wait_for("1 tagged")
            assert {urlsplit(url).netloc for url in tab.requests} == {
                f"127.0.0.1:{served.port}"}, tab.requests  # no font or script from outside
            assert tab.problems == []  # no CSP violation, no script error
        finally:
            tab.close()


def test_two_tabs_are_two_apps_and_the_second_does_not_overwrite_the_first(
        tmp_path: Path, browser: Browser) -> None:
    folder = seed_folder(tmp_path)
    doc = folder / SEED.name
    with Served(folder, cwd=tmp_path) as served:
        first = Tab(browser, served.url)
        second: Tab | None = None
        try:
            first.wait_for("sentence 1/")
            first.press("j", "2")
            assert first.until(lambda: bool(on_disk(doc)), timeout=20)
            second = Tab(browser, served.url)
            second.wait_for("sentence 1/")
            second.press("1")  # the other tab's app holds the lock: asked, read-only first
            second.wait_for("Open in another app")
            second.press("Enter")  # Read-only, the default
            [annotation] = on_disk(doc)
            assert annotation.tags == ("migration",) and annotation.text.startswith(SECOND)
            first.press("j", "3")
            assert first.until(lambda: len(on_disk(doc)) == 2, timeout=20)
            second.wait_for("2 tagged")  # the read-only tab follows the other's saves
        finally:
            first.close()
            if second is not None:
                second.close()


def test_an_export_downloads_through_the_browser(tmp_path: Path, browser: Browser) -> None:
    folder = seed_folder(tmp_path)
    doc = folder / SEED.name
    with Served(folder, cwd=tmp_path) as served:
        tab = Tab(browser, served.url)
        try:
            tab.wait_for("sentence 1/")
            tab.press("j", "2")
            assert tab.until(lambda: bool(on_disk(doc)), timeout=20)
            downloads: list[Download] = []  # the page opens /download/KEY in a new tab
            tab.page.on("download", lambda download: downloads.append(download))
            tab.context.on("page", lambda opened: opened.on(
                "download", lambda download: downloads.append(download)))
            tab.press("e")
            tab.wait_for("Write to file")
            tab.press("w")
            tab.wait_for("Write the summary to a file")
            tab.press("Enter")
            assert tab.until(lambda: bool(downloads), timeout=20), (
                f"no download started: {tab.screen()[-400:]!r} "
                f"{sorted(p.name for p in tmp_path.iterdir())}")
            [download] = downloads
            assert download.suggested_filename == "briefing-summary.md"
            sent = Path(download.path()).read_text(encoding="utf-8")
            assert sent == (tmp_path / "briefing-summary.md").read_text(encoding="utf-8")
            assert SECOND in sent
            tab.wait_for("sent to the browser")
        finally:
            tab.close()


def test_remote_access_refuses_the_browser_without_the_token(
        tmp_path: Path, browser: Browser) -> None:
    folder = seed_folder(tmp_path)
    with Served(folder, "--allow-remote", "--token", "t0ken-for-test", cwd=tmp_path) as served:
        refused = Tab(browser, served.origin + "/")
        try:
            assert refused.response is not None and refused.response.status == 403
            assert "needs its token" in refused.page.content()
            assert refused.received == bytearray()  # no app ever started for it
        finally:
            refused.close()
        tab = Tab(browser, served.origin + "/?token=t0ken-for-test")
        try:
            assert tab.response is not None and tab.response.status == 200
            tab.wait_for("Afghans have left Pakistan")
            tab.wait_for("1 security 2 migration 3 diplomacy")  # drawn at the tab's width
        finally:
            tab.close()
