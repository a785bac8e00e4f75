"""What a reader row is made of (``reader/pieces.py``), in plain Python: no App."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.segment import Segment
from rich.style import Style

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.document import open_document
from briefing_tui.tui.reader.navigation import Matches
from briefing_tui.tui.reader.pieces import REVIEW_MARK, match_segments, row_pieces

TEXT = "Shelling near Kabul. Convoys left. Quiet night.\n"


def test_a_row_is_cut_at_sentence_edges_with_tags_and_the_cursor(tmp_path: Path) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    assert len(split) == 3
    document.annotations.set_tags(document.text, split.starts[1], split.ends[1], ["security"])
    pieces = row_pieces(document, 0, len(TEXT) - 1, cursor=2)
    assert [(TEXT[a:b], tags, cursor) for a, b, tags, cursor in pieces] == [
        ("Shelling near Kabul.", (), False), (" ", (), False),
        ("Convoys left.", ("security",), False), (" ", (), False),
        ("Quiet night.", (), True)]


def test_a_tag_to_review_carries_the_review_mark(tmp_path: Path) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[0], split.ends[0], ["security"])
    found = document.annotations.at(split.starts[0], split.ends[0])
    assert found is not None
    document.annotations.update(replace(found, anchor=Anchor.REVIEW))
    [first, *_] = row_pieces(document, 0, 10, cursor=1)
    assert first[2] == ("security", REVIEW_MARK)


def test_search_hits_are_styled_inside_a_piece_and_across_its_edge() -> None:
    plain, hit = Style(), Style(bold=True)
    text = "convoy on"
    matches = Matches("on", [1, 7], 2)
    assert match_segments(text, matches, 0, 9, plain, hit) == [
        Segment("c", plain), Segment("on", plain + hit), Segment("voy ", plain),
        Segment("on", plain + hit)]
    segments = match_segments(text, matches, 2, 9, plain, hit)  # starts inside the hit
    assert "".join(s.text for s in segments) == text[2:9]
    assert [s.text for s in segments if s.style == plain + hit] == ["n", "on"]
    assert match_segments(text, Matches(), 0, 4, plain, hit) == [Segment("conv", plain)]
