"""Wrapping and row mapping: the reader's geometry, tested without a terminal."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from briefing_tui.tui.reader.layout import TextLayout, line_blocks, span_blocks
from briefing_tui.tui.reader.wrap import cell_offset, wrap_offsets


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ab c—“”تو界😀\u0301")), max_size=120),
       st.integers(min_value=1, max_value=30))
def test_wrapped_rows_cover_the_line_and_fit(line: str, width: int) -> None:
    offsets = wrap_offsets(line, width)
    assert offsets[0] == 0
    assert offsets == sorted(set(offsets))
    bounds = [*offsets, len(line)]
    for a, b in pairwise(bounds):
        row = line[a:b]
        # a row fits unless it is one grapheme cluster wider than the whole width
        assert cell_len(row.rstrip(" ")) <= width or len(split_graphemes(row)[0]) == 1


def test_wrap_breaks_after_spaces() -> None:
    line = "Pakistan has expelled more than 7,000 Afghan refugees"
    offsets = wrap_offsets(line, 20)
    rows = [line[a:b] for a, b in zip(offsets, [*offsets[1:], len(line)])]
    assert rows == ["Pakistan has ", "expelled more than ", "7,000 Afghan ", "refugees"]


def test_cell_offset_handles_wide_characters() -> None:
    assert cell_offset("界界ab", 0) == 0
    assert cell_offset("界界ab", 1) == 0
    assert cell_offset("界界ab", 2) == 1
    assert cell_offset("界界ab", 4) == 2


def test_rows_map_back_to_offsets() -> None:
    text = "Headline\n\n" + "word " * 50 + "\n\nLast."
    starts, ends = line_blocks(text)
    layout = TextLayout(text, starts, ends, 20)
    assert layout.row_span(0) == (0, 8)
    assert layout.row_span(1) == (9, 9)  # the blank line
    for offset in range(len(text)):
        if text[offset] == "\n":
            continue
        row = layout.row_of_offset(offset)
        span = layout.row_span(row)
        assert span is not None
        assert span[0] <= offset < span[1] or offset == span[1]
    assert layout.row_span(layout.rows) is None


def test_offset_at_click_position() -> None:
    text = "Alpha beta.\nGamma."
    starts, ends = line_blocks(text)
    layout = TextLayout(text, starts, ends, 40)
    assert layout.offset_at(1, 2) == text.index("mma")
    assert layout.offset_at(5, 0) is None


def test_span_blocks_separate_spans_with_blank_rows() -> None:
    text = "One two.\nthree. Four."
    starts, ends = span_blocks(text, [(0, 15), (16, 21)])
    rows = [text[a:b] for a, b in zip(starts, ends)]
    assert rows == ["One two.", "three.", "", "Four."]


def test_final_newline_adds_no_row() -> None:
    starts, _ = line_blocks("a\nb\n")
    assert len(starts) == 2


def test_line_and_paragraph_separators_break_lines_like_newlines() -> None:
    text = "HEADLINE\u2028By a reporter\u2029KABUL (AP) – Lede.\nNext."
    starts, ends = line_blocks(text)
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == [
        "HEADLINE", "By a reporter", "KABUL (AP) – Lede.", "Next."]
    starts, ends = span_blocks(text, [(0, 22)])
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == [
        "HEADLINE", "By a reporter"]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ab \n\u2028\u2029界")), max_size=60))
def test_line_blocks_are_the_text_between_line_breaks(text: str) -> None:
    """Each block is one line, no break inside; together with the breaks they are the text."""
    starts, ends = line_blocks(text)
    lines = [text[a:b] for a, b in zip(starts, ends)]
    expected = re.split("[\n\u2028\u2029]", text)
    if len(expected) > 1 and expected[-1] == "":
        expected.pop()  # a final break opens no row
    assert lines == expected
    assert all(b + 1 == a for a, b in zip(starts[1:], ends))


def test_not_one_cell_is_every_character_rich_does_not_draw_in_one_cell() -> None:
    """The merged character class is Rich's width table, code point by code point."""
    from rich._unicode_data import load as load_cell_table

    from briefing_tui.tui.reader.wrap import NOT_ONE_CELL

    wide = {c for start, end, width in load_cell_table("auto").widths if width != 1
            for c in range(max(start, 0x20), min(end, 0xFFFF) + 1)}
    wide |= {0x200D, *range(0xFE00, 0xFE10)}
    matched = {c for c in range(0x20, 0x10000) if NOT_ONE_CELL.match(chr(c))}
    assert matched == wide
    assert NOT_ONE_CELL.match("\U0001F600")  # astral: emoji and the rest, never one cell


def test_a_lazy_layout_grows_to_the_same_rows_as_a_full_one() -> None:
    text = "\n".join(f"Line {n} " + "word " * (n % 7) for n in range(300))
    starts, ends = line_blocks(text)
    full = TextLayout(text, starts, ends, 16)
    lazy = TextLayout(text, starts, ends, 16, max_rows=40)
    assert not lazy.complete and 40 <= lazy.rows < full.rows
    assert lazy.row_of_offset(len(text) - 1) == lazy.rows  # not laid out yet: past the end
    lazy.extend()
    assert lazy.complete
    assert (lazy.rows, list(lazy.first_row)) == (full.rows, list(full.first_row))
    assert [lazy.row_span(r) for r in range(lazy.rows)] == \
        [full.row_span(r) for r in range(full.rows)]


def test_a_wide_character_line_wraps_by_cells_not_characters() -> None:
    text = "界" * 10  # 20 cells: a 5-cell row holds two (a third would not fit)
    starts, ends = line_blocks(text)
    layout = TextLayout(text, starts, ends, 5)
    assert [layout.row_span(r) for r in range(layout.rows)] == [
        (0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
    assert layout.row_of_offset(5) == 2
    assert layout.offset_at(2, 3) == 5  # the second cell of the second character


def test_offsets_before_any_block_land_on_the_first_row() -> None:
    text = "Zero.\nOne."
    starts, ends = span_blocks(text, [(6, 10)])  # only the second line is shown
    layout = TextLayout(text, starts, ends, 20)
    assert layout.block_of_offset(0) is None
    assert layout.row_of_offset(0) == 0
    assert layout.row_span(0) == (6, 10)
