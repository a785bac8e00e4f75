"""Hanging indents: a quote's wrapped lines start under the quote, never under its label."""

from __future__ import annotations

from textual.content import Content

from briefing_tui.tui.hanging import Hang, Hanging

QUOTE = ("Pakistan has expelled more than 7,000 Afghan refugees in just 48 hours, triggering "
         "fresh alarm over a rapidly unfolding refugee crisis.")


def _lines(block: Hanging, width: int) -> list[str]:
    return block.content(width).plain.split("\n")


def test_wrapped_lines_start_under_the_text() -> None:
    block = Hanging([Hang(Content("    ¶2 s.4    "), Content(QUOTE))])
    lines = _lines(block, 50)
    assert lines[0].startswith("    ¶2 s.4    Pakistan")
    assert len(lines) > 2
    assert all(line.startswith(" " * 14) and line[14] != " " for line in lines[1:])
    assert all(len(line) <= 50 for line in lines)
    assert " ".join(" ".join(line.split()) for line in lines).endswith("refugee crisis.")
    assert " ".join(lines[0].split()[2:] + [w for line in lines[1:] for w in line.split()]) \
        == QUOTE


def test_a_new_width_lays_the_block_out_again() -> None:
    block = Hanging([Hang(Content("  label "), Content(QUOTE))])
    narrow, wide = _lines(block, 40), _lines(block, 200)
    assert len(narrow) > len(wide) == 1
    assert _lines(block, 40) == narrow  # the cache answers for the width it was built for


def test_too_narrow_for_a_column_wraps_under_the_label() -> None:
    block = Hanging([Hang(Content("x" * 30), Content(QUOTE))])
    lines = _lines(block, 35)
    assert lines[0].startswith("x" * 30 + "Pak")
    assert not lines[1].startswith(" " * 30)


def test_several_lines_each_hang_on_their_own_label() -> None:
    block = Hanging([Hang(Content("   "), Content("before")),
                     Hang(Content("¶1 "), Content(QUOTE)),
                     Hang(Content("   "), Content("✎ a note"))])
    lines = _lines(block, 40)
    assert lines[0] == "   before"
    assert lines[1].startswith("¶1 Pakistan")
    assert lines[-1] == "   ✎ a note"
