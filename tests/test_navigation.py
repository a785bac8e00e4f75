"""The reader's cursor rules (``Navigator``), in plain Python: no App, no terminal.

Each test opens a real document from a file in ``tmp_path`` and tags it through the
document's own annotation set, as the app's keys do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.document import Document, open_document
from briefing_tui.tui.reader import navigation
from briefing_tui.tui.reader.navigation import Navigator

SENTENCES = ["Alpha reports shelling.", "Bravo saw convoys.", "Charlie counts refugees.",
             "Delta reports shelling again.", "Echo is quiet."]


@pytest.fixture
def document(tmp_path: Path) -> Document:
    path = tmp_path / "briefing.txt"
    path.write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    opened = open_document(path)
    assert [opened.segmentation.sentence_text(i) for i in range(len(opened.segmentation))] \
        == SENTENCES
    return opened


def tag(document: Document, index: int, *tags: str) -> None:
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[index], split.ends[index], tags)


def test_steps_stop_at_both_ends(document: Document) -> None:
    nav = Navigator(document)
    assert nav.step(-1) == 0
    assert nav.step(2) == 2
    nav.cursor = 4
    assert nav.step(1) == 4
    assert (nav.first(), nav.last()) == (0, 4)


def test_no_document_means_nowhere_to_go() -> None:
    nav = Navigator()
    assert nav.count == 0
    assert (nav.step(1), nav.first(), nav.last(), nav.next_match(1)) == (None,) * 4
    assert nav.tagged_indices() == [] and nav.search("x") == 0


def test_the_filter_moves_only_between_sentences_with_its_tag(document: Document) -> None:
    tag(document, 1, "security")
    tag(document, 3, "security", "migration")
    tag(document, 2, "migration")
    nav = Navigator(document)
    nav.filter_tag = "security"
    assert (nav.first(), nav.last()) == (1, 3)
    nav.cursor = 1
    assert nav.step(1) == 3
    assert nav.step(-1) is None  # nothing shown before the first one
    assert [nav.is_visible(i) for i in range(5)] == [False, True, False, True, False]
    assert nav.filtered_spans() == [(document.segmentation.starts[i],
                                     document.segmentation.ends[i]) for i in (1, 3)]


def test_first_visible_at_or_after_an_offset_respects_the_filter(document: Document) -> None:
    tag(document, 3, "security")
    nav = Navigator(document)
    third = document.segmentation.starts[2]
    assert nav.first_visible_at_or_after(third) == 2
    nav.filter_tag = "security"
    assert nav.first_visible_at_or_after(third) == 3
    assert nav.first_visible_at_or_after(len(document.text)) == 3  # the last shown one


def test_tagged_and_untagged_jumps(document: Document) -> None:
    tag(document, 0, "security")
    tag(document, 2, "migration")
    nav = Navigator(document)
    assert nav.next_tagged(1) == 2
    assert nav.next_tagged(-1) is None
    nav.cursor = 2
    assert nav.next_tagged(-1) == 0
    assert nav.next_untagged() == 3
    nav.cursor = 4
    assert nav.next_untagged() == 1  # wraps round to the start


def test_next_untagged_is_none_when_every_sentence_is_tagged(document: Document) -> None:
    for index in range(5):
        tag(document, index, "security")
    assert Navigator(document).next_untagged() is None


def test_the_tagged_cache_follows_every_change(document: Document) -> None:
    nav = Navigator(document)
    assert nav.tagged_indices() == []
    tag(document, 4, "security")
    assert nav.tagged_indices() == [4]
    document.annotations.undo()
    assert nav.tagged_indices() == []


def test_orphans_are_not_on_any_sentence(document: Document) -> None:
    tag(document, 1, "security")
    found = document.annotations.at(document.segmentation.starts[1],
                                    document.segmentation.ends[1])
    assert found is not None
    document.annotations.update(replace(found, anchor=Anchor.ORPHAN))
    assert Navigator(document).tagged_indices() == []


def test_search_is_case_insensitive_and_wraps(document: Document) -> None:
    nav = Navigator(document)
    assert nav.search("REPORTS") == 2
    assert nav.next_match(1) == 3  # the hit in the cursor's own sentence is not "next"
    assert not nav.wrapped
    nav.cursor = 3
    assert nav.match_position() == 2
    assert nav.next_match(1) == 0
    assert nav.wrapped
    nav.cursor = 0
    assert nav.next_match(-1) == 3 and nav.wrapped
    nav.cursor = 1
    assert nav.match_position() is None
    assert nav.search("") == 0 and nav.next_match(1) is None


def test_a_match_hidden_by_the_filter_is_not_a_target(document: Document) -> None:
    tag(document, 0, "security")
    nav = Navigator(document)
    nav.search("shelling")
    nav.filter_tag = "security"
    assert nav.next_match(1) is None  # sentence 3 holds the hit but is filtered out


def test_search_stops_counting_at_the_limit(document: Document,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(navigation, "MAX_MATCHES", 3)
    nav = Navigator(document)
    assert nav.search("e") == 3
    assert nav.matches.truncated
