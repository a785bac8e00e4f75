"""Emoji sequences drawn at the width the terminal gives them, in the real app.

A ZWJ family, a keycap, a VS16 heart or a flag is one grapheme cluster; Rich and Textual
measure it as one (``rich.cells.split_graphemes``). The reader must wrap and map clicks by
the same measure: every row fits the pane exactly as drawn (nothing cropped, no border
pushed), and a click on a word after the emoji selects that word's sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len, split_graphemes

from briefing_tui.tui.reader import GUTTER
from briefing_tui.tui.reader.wrap import cell_offset, wrap_offsets

from .app_helpers import make_app, reader, sentence, settle
from .hostile_helpers import quit_app

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 6 cells if counted by code point
KEYCAP = "1\ufe0f\u20e3"
HEART = "\u2764\ufe0f"  # 1 cell if VS16 is ignored; 2 as drawn
FLAG = "\U0001f1fa\U0001f1f3"
PARAGRAPH = (f"Families {FAMILY} {FAMILY} {FAMILY} {FAMILY} {FAMILY} with keycaps {KEYCAP} "
             f"{KEYCAP} and hearts {HEART}{HEART}{HEART}{HEART}{HEART}{HEART}{HEART}{HEART} "
             f"fled north. The convoy reached Torkham {FLAG} at dawn. Officials counted "
             f"{HEART}{HEART}{HEART}{HEART}{HEART}{HEART}{HEART}{HEART}{HEART}{HEART} "
             "them at the gate.")


@pytest.mark.parametrize("text", [PARAGRAPH, FAMILY * 30, (HEART + " ") * 40, KEYCAP * 25],
                         ids=["mixed", "families", "hearts", "keycaps"])
@pytest.mark.parametrize("width", [7, 20, 33])
def test_rows_are_whole_clusters_measured_as_drawn(text: str, width: int) -> None:
    offsets = wrap_offsets(text, width)
    cluster_starts = {start for start, _end, _size in split_graphemes(text)[0]}
    assert set(offsets) <= cluster_starts  # no cluster cut in two
    for a, b in zip(offsets, [*offsets[1:], len(text)]):
        assert cell_len(text[a:b].rstrip(" ")) <= width
    column = 0
    for start, _end, size in split_graphemes(text)[0]:
        assert cell_offset(text, column) == start  # each cell maps to its cluster
        column += size


async def test_a_click_after_emoji_selects_the_sentence_drawn_there(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "emoji.txt").write_text(f"Emoji widths.\n\n{PARAGRAPH}\n", encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = reader(app)
        layout = view.text_layout
        assert layout is not None and view.document is not None
        text_width = view.scrollable_content_region.width
        for y in range(min(layout.rows, view.scrollable_content_region.height)):
            span = layout.row_span(y)
            assert span is not None
            drawn = view.render_line(y).text
            row_text = view.shown[span[0]:span[1]]
            assert drawn[GUTTER:].startswith(row_text), f"row {y} lost {row_text!r}"
            assert cell_len(drawn) == view.size.width  # what the terminal draws
            assert cell_len(row_text.rstrip(" ")) <= text_width - GUTTER
        for word, starts in (("convoy", "The convoy"), ("gate", "Officials counted")):
            at = view.shown.index(word)
            row = layout.row_of_offset(at)
            start, _end = layout.row_span(row) or (0, 0)
            column = cell_len(view.shown[start:at])  # where Rich draws the word
            dx = view.content_region.x - view.region.x
            dy = view.content_region.y - view.region.y
            await pilot.click(view, offset=(dx + GUTTER + column + 1,
                                            dy + row - view.scroll_offset.y))
            await pilot.pause()
            assert sentence(app).startswith(starts), (word, sentence(app))
        await quit_app(pilot)
