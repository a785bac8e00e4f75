"""The suggestion queue (``S``) in the real app: accept, reject and skip, asserted on disk."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.widgets import OptionList, Static

from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.core.suggest.queue import UNCERTAIN, QueueItem
from briefing_tui.tui.suggest_queue import SuggestionQueue

from .app_helpers import copy_samples, reader, saved, settle
from .constants import SEED
from .test_app_suggest import suggesting_app, suggestions_ready


def key(item: QueueItem | None) -> tuple[Path, int, str] | None:
    """A suggestion's place and tag: a retrain may land meanwhile and change its score."""
    return None if item is None else (item.path, item.start, item.tag)


async def test_accept_reject_skip_advance_and_write_the_sidecar(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        await pilot.press("S")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, SuggestionQueue)
        scores = [item.score for item in queue.items]
        assert scores == sorted(scores, reverse=True)  # most confident first
        total = len(queue.items)
        first, second, third = queue.items[:3]
        await pilot.press("a")  # accept the first: the second is highlighted next
        await settle(pilot)
        assert key(queue.current()) == key(second) and len(queue.items) == total - 1
        await pilot.press("space")  # skip the second
        assert key(queue.current()) == key(third)
        await pilot.press("d")  # reject the third
        await settle(pilot)
        on_disk = {(a.start, a.end): a for a in saved(doc)}
        assert first.tag in on_disk[(first.start, first.end)].tags
        assert third.tag in on_disk[(third.start, third.end)].dismissed
        assert third.tag not in on_disk[(third.start, third.end)].tags
        skipped = on_disk.get((second.start, second.end))
        assert skipped is None or second.tag not in (*skipped.tags, *skipped.dismissed)
        assert len(queue.items) == total - 2
        await pilot.press("o")
        assert queue.how == UNCERTAIN
        distances = [abs(item.score - 0.5) for item in queue.items]
        assert distances == sorted(distances)
        await pilot.press("enter")  # jump to the highlighted sentence in the reader
        await settle(pilot)
        target = queue.items[0]
        view = reader(app)
        assert not isinstance(app.screen, SuggestionQueue)
        assert view.document is not None
        assert view.document.segmentation.starts[view.cursor] == target.start


async def test_escape_leaves_the_queue_without_writing(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        await pilot.press("S", "space", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, SuggestionQueue)
        assert not sidecar_path(folder / SEED.name).exists()


def test_queue_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)

    async def open_queue(pilot: Any) -> None:
        await suggestions_ready(pilot)
        await pilot.press("S", "space")
        await settle(pilot)
        assert app.screen.query_one(OptionList).highlighted == 1

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_queue)


async def test_the_label_count_follows_an_accepted_label(tmp_path: Path) -> None:
    """After ``a`` the next reason of that tag counts the label just given (it said
    "3 of 5 labels" still: the reasons were the queue's first retrain's)."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        await pilot.press("S")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, SuggestionQueue)
        counted = [(n, item) for n, item in enumerate(queue.items)
                   if re.search(r"\(\d+ of \d+ labels\)", item.reason)
                   and sum(i.tag == item.tag for i in queue.items) > 1]
        assert counted, [i.reason for i in queue.items]
        at, item = counted[0]
        before = int(re.findall(r"\((\d+) of", item.reason)[0])
        queue.query_one(OptionList).highlighted = at
        await pilot.press("a")
        for _ in range(40):
            await settle(pilot)
            if f"({before + 1} of" in " ".join(i.reason for i in queue.items
                                                if i.tag == item.tag):
                break
        same = [i.reason for i in queue.items if i.tag == item.tag]
        assert same and all(f"({before} of" not in r for r in same), same
        assert any(f"({before + 1} of" in r or "model" in r for r in same), same
        now = queue.current()
        assert now is not None
        assert now.reason in str(queue.query_one("#queue-current", Static).render())


async def test_until_the_retrain_lands_the_old_count_is_not_shown(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await suggestions_ready(pilot)
        app.suggest_delay = 60.0  # the retrain after the answer does not land in this test
        await pilot.press("S")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, SuggestionQueue)
        await pilot.press("a")
        await settle(pilot)
        shown = str(queue.query_one("#queue-current", Static).render())
        assert "why: retraining on your answer" in shown
        assert "labels" not in shown.split("why:")[1]
