"""Two sentences on one row: the gutter marks the row, the text itself says whose it is.

A paragraph's sentences flow on, so one row often holds the end of one sentence and the
start of the next. The gutter's tag mark and cursor arrow then belong to the row, not to a
sentence; what tells the analyst which sentence is tagged, and which is under the cursor,
is the background of each sentence's own cells. These tests read the styles of the cells
the real app draws on such a row.
"""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from rich.style import Style

from briefing_tui.tui.reader import GUTTER, Reader

from .app_helpers import make_app, reader, settle

TEXT = ("Convoys crossed the border at dawn near the old post. "
        "Talks resumed in the capital the same afternoon with both delegations present.\n\n"
        "A third sentence stands alone.\n")


def _cells(view: Reader, y: int) -> list[Style]:
    """The style of each text cell of screen row ``y`` (after the gutter)."""
    styles: list[Style] = []
    for segment in view.render_line(y):
        styles += [segment.style or Style()] * len(segment.text)
    return styles[GUTTER:]


def _shared_row(view: Reader) -> tuple[int, int, int]:
    """(screen row, offset the row starts at, offset the second sentence starts at)."""
    assert view.document is not None and view.text_layout is not None
    second = view.document.segmentation.starts[1]
    for y in range(view.scrollable_content_region.height):
        span = view.text_layout.row_span(view.scroll_offset.y + y)
        if span is not None and span[0] < second < span[1]:
            return y, span[0], second
    raise AssertionError("no row holds both sentences at this width")


def _background(styles: list[Style]) -> set[Color | None]:
    return {style.bgcolor for style in styles}


async def test_a_shared_row_shows_which_sentence_is_tagged_and_which_has_the_cursor(
        tmp_path: Path) -> None:
    (tmp_path / "two.txt").write_text(TEXT, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        view = reader(app)
        y, row_start, second = _shared_row(view)
        first_cells = slice(0, second - row_start - 1)  # up to the space between them
        second_cells = slice(second - row_start, second - row_start + 8)

        await pilot.press("j", "1", "j")  # tag the second sentence; the cursor off the row
        await settle(pilot)
        cells = _cells(view, y)
        plain, tagged = _background(cells[first_cells]), _background(cells[second_cells])
        assert len(plain) == 1 and len(tagged) == 1
        assert tagged != plain, "the tagged sentence's cells look like its untagged neighbour's"

        await pilot.press("k", "k")  # the cursor on the first sentence
        await settle(pilot)
        cells = _cells(view, y)
        assert _background(cells[first_cells]) not in (plain, tagged), \
            "the cursor sentence is not marked on the shared row"
        assert _background(cells[second_cells]) == tagged, "the cursor's mark spilled over"

        await pilot.press("j")  # the cursor on the tagged second sentence
        await settle(pilot)
        cells = _cells(view, y)
        assert _background(cells[first_cells]) == plain, "the cursor's mark stayed behind"
        assert _background(cells[second_cells]) not in (plain, tagged)
