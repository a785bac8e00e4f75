"""A long briefing's first paint splits about a screenful, sized to the terminal.

The rest is split by a worker after the first frame (core/opening.py); splitting 40,000
characters first cost ~8 ms more than a screenful on the first screen (issue 17).
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefing_tui.core.opening import (
    FIRST_SCREEN_CHARS,
    MIN_FIRST_CHARS,
    SYNC_SEGMENT_CHARS,
    Opening,
    screenful_chars,
)
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.entry import Entry
from briefing_tui.tui.reader import Reader

from .app_helpers import make_app, settle
from .test_app_big import many_sentences


def _long(tmp_path: Path) -> Path:
    path = tmp_path / "long.txt"
    path.write_text(many_sentences(20_000), encoding="utf-8")
    assert path.stat().st_size > SYNC_SEGMENT_CHARS  # split in two parts, not at once
    return path


def test_the_first_split_covers_what_it_was_asked_for_and_rest_the_remainder(
        tmp_path: Path) -> None:
    opening = Opening(_long(tmp_path), first_chars=screenful_chars(100, 30))
    document = opening.first()
    assert 6_000 <= document.segmentation.covered < 7_000  # 2 x 100 x 30, to a sentence
    assert not opening.done
    opening.rest()
    opening.finish()
    assert document.segmentation.covered == len(document.text)


def test_a_screenful_is_bounded_both_ways() -> None:
    assert screenful_chars(20, 5) == MIN_FIRST_CHARS
    assert screenful_chars(500, 200) == FIRST_SCREEN_CHARS
    assert screenful_chars(120, 35) == 8_400


class _Recording(BriefingApp):
    """The app, noting how much of each briefing was split when it was first shown."""

    CSS_PATH = str(Path(sys.modules[BriefingApp.__module__].__file__ or "").with_name(
        "briefing.tcss"))
    covered: list[int] = []

    def open_in(self, reader: Reader, entry: Entry) -> None:
        super().open_in(reader, entry)
        if entry.document is not None:
            self.covered.append(entry.document.segmentation.covered)


async def test_the_app_splits_a_screenful_of_its_terminal_before_the_first_paint(
        tmp_path: Path) -> None:
    path = _long(tmp_path)
    app = _Recording(make_app(path).entries)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert app.covered and app.covered[0] < 2 * MIN_FIRST_CHARS  # not 40,000
        document = app.entries[0].document
        assert document is not None and document.segmentation.covered == len(document.text)
        assert "Sentence 0-0" in app.reader("reader-1").shown  # and it is on screen
