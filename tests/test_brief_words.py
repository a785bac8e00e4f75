"""The analyst's words in brief.yaml (core.brief.words): written in one form, only the keys
changed, everything else kept byte for byte, hostile text read back exactly, a wrong shape
refused in one line and never written over."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.brief.file import BRIEF_NAME, BriefFileError, read_brief, set_words
from briefing_tui.core.brief.words import replace_words

HEAD = """\
# Kunar brief — shared by the team
title: Kunar   # the boss's words
sections: [figures, timeline, tags]
confirmed:
- {"id": "37e85648926a", "document": "a.txt", "sentence": 2, "figure": "2,000 displaced"}
"""


def test_words_are_written_beside_the_rest_which_stays_byte_for_byte(tmp_path: Path) -> None:
    (tmp_path / BRIEF_NAME).write_text(HEAD, encoding="utf-8")
    brief = set_words(tmp_path, {
        "bottom_line": "Displacement rose.\n\nReturns stalled.",
        "judgments": ["Returns stay slow.", "  More  arrests likely. "],
        "outlook": "Worse before winter.", "trends": {"security": "improved",
                                                     "migration": "deteriorated"}})
    text = (tmp_path / BRIEF_NAME).read_text(encoding="utf-8")
    assert text == """\
# Kunar brief — shared by the team
title: Kunar   # the boss's words
bottom_line: |-
  Displacement rose.

  Returns stalled.
judgments:
- "Returns stay slow."
- "More arrests likely."
outlook: "Worse before winter."
trends:
  migration: deteriorated
  security: improved
sections: [figures, timeline, tags]
confirmed:
- {"id": "37e85648926a", "document": "a.txt", "sentence": 2, "figure": "2,000 displaced"}
"""
    assert brief.title == "Kunar" and brief.confirmed == {"37e85648926a"}
    assert brief.words.bottom_line == "Displacement rose.\n\nReturns stalled."
    assert brief.words.judgments == ("Returns stay slow.", "More arrests likely.")
    assert brief.words.trends == {"migration": "deteriorated", "security": "improved"}
    again = text
    set_words(tmp_path, {"bottom_line": "Displacement rose.\n\nReturns stalled."})
    assert (tmp_path / BRIEF_NAME).read_text(encoding="utf-8") == again  # same words, bytes


def test_only_the_changed_key_is_rewritten_and_an_emptied_one_goes(tmp_path: Path) -> None:
    set_words(tmp_path, {"title": "Kunar", "outlook": "Worse.", "judgments": ["One."]})
    before = (tmp_path / BRIEF_NAME).read_text(encoding="utf-8")
    # another analyst edits the outlook by hand meanwhile; we change only the judgments
    (tmp_path / BRIEF_NAME).write_text(before.replace('"Worse."', "Much worse."), "utf-8")
    brief = set_words(tmp_path, {"judgments": [], "title": "Kunar, October"})
    text = (tmp_path / BRIEF_NAME).read_text(encoding="utf-8")
    assert text == 'title: "Kunar, October"\noutlook: Much worse.\n'
    assert brief.words.outlook == "Much worse." and brief.words.judgments == ()


@pytest.mark.parametrize("prose", [
    "  leading spaces\nand a second line", "tab\there\nnext", "line\u2028separator\nx",
    "key: value\n- not a list\n# not a comment\n---\n...", "trailing space \nnext",
    '"quoted" and \\ backslash\n\n\n  indented third', "one line: with colon # hash",
    "\ufeffbom\nx", "emoji 🚩 and ‮bidi\nx",
])
def test_hostile_prose_reads_back_exactly(tmp_path: Path, prose: str) -> None:
    brief = set_words(tmp_path, {"bottom_line": prose, "outlook": prose})
    expected = "\n".join(line.rstrip() for line in prose.strip().split("\n"))
    assert brief.words.bottom_line == expected.strip()
    assert brief.words.outlook == brief.words.bottom_line


def test_a_wrong_shape_is_one_line_and_the_file_is_never_written_over(tmp_path: Path) -> None:
    bad = "title: Kunar\ntrends:\n  security: worse\n"
    (tmp_path / BRIEF_NAME).write_text(bad, encoding="utf-8")
    with pytest.raises(BriefFileError) as caught:
        read_brief(tmp_path)
    assert "\n" not in str(caught.value)
    assert "'worse' is not one of deteriorated, improved, unchanged" in str(caught.value)
    with pytest.raises(BriefFileError):
        set_words(tmp_path, {"outlook": "x"})
    assert (tmp_path / BRIEF_NAME).read_text(encoding="utf-8") == bad


def test_a_block_scalar_with_blank_lines_is_one_block() -> None:
    text = "bottom_line: |-\n  one\n\n  two\nperiod: October\n"
    assert replace_words(text, {"period": "November"}) == \
        'bottom_line: |-\n  one\n\n  two\nperiod: "November"\n'
