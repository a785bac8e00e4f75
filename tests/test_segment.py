"""Sentence splitting: the shared briefing cases, layout rules and exact offsets."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.segment import Segmentation, paragraph_spans, segment
from briefing_tui.core.text import decode_bytes

from .constants import DATA

CASES: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "segmentation_cases.yaml").read_text(encoding="utf-8"))


def sentences(text: str) -> list[str]:
    split = segment(text)
    return [split.sentence_text(i) for i in range(len(split))]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['category']}-{i}" for i, c in
                                             enumerate(CASES)])
def test_shared_briefing_case(case: dict[str, Any]) -> None:
    assert sentences(case["text"]) == [s.strip() for s in case["sentences"]]


def test_there_are_41_shared_cases() -> None:
    assert len(CASES) == 41


def test_seed_headline_credit_and_subheadings_stand_alone(seed_text: str) -> None:
    got = sentences(seed_text)
    for unit in ("Afghans have left Pakistan and returned to their home country",
                 "UN Women/Sayed Habib Bidell/Flickr", "Military Tensions with TTP",
                 "Mass Deportations And Repatriation",
                 "Implications For Refugees in Afghanistan"):
        assert unit in got
    assert got[0] == "Afghans have left Pakistan and returned to their home country"


def test_hard_wrapped_lines_continue_but_headings_and_items_do_not() -> None:
    assert sentences("Clashes near the border continued through\nthe night, officials "
                     "said. More later.") == [
        "Clashes near the border continued through\nthe night, officials said.",
        "More later."]
    assert sentences("The minister met with\nPresident Biden on Monday.") == [
        "The minister met with\nPresident Biden on Monday."]
    assert sentences("KABUL, March 3\nTaliban officials met.") == [
        "KABUL, March 3", "Taliban officials met."]
    assert sentences("Key points:\n- 7,000 deported\n- Border closed") == [
        "Key points:", "- 7,000 deported", "- Border closed"]


def test_a_blank_line_always_ends_a_sentence() -> None:
    assert sentences("The talks in\n\nnext week resumed.") == ["The talks in",
                                                               "next week resumed."]


def test_paragraph_numbers_are_one_based(seed_text: str) -> None:
    split = segment(seed_text)
    first = split.sentence(0)
    assert (first.number, first.paragraph) == (1, 1)
    assert split.sentence(3).paragraph == 2


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\t-•A1,()\u00a0\u2028\u2029\u0645۔")),
               max_size=200))
def test_offsets_are_exact_trimmed_and_ordered(text: str) -> None:
    split = segment(text)
    previous_end = 0
    for index in range(len(split)):
        start, end = split.starts[index], split.ends[index]
        assert previous_end <= start < end <= len(text)
        chunk = text[start:end]
        assert chunk == chunk.strip()
        assert "\n\n" not in chunk
        previous_end = end
    # every non-space character belongs to some sentence, or to a paragraph's own label
    covered = sum(split.ends[i] - split.starts[i] for i in range(len(split)))
    labels = sum(len(label) for label in split.para_labels)
    assert covered + 2 * labels >= sum(1 for c in text if not c.isspace())


def test_incremental_extend_equals_all_at_once() -> None:
    text = (DATA / "real" / "ungdc_PAK_20_1965_pakistan_LFCR.txt").read_bytes()
    canonical = decode_bytes(text).text
    whole = segment(canonical)
    parts = Segmentation(canonical)
    steps = 0
    while not parts.extend(min_chars=2000):
        steps += 1
    assert steps > 5
    assert list(parts.starts) == list(whole.starts)
    assert list(parts.ends) == list(whole.ends)
    assert list(parts.para_of) == list(whole.para_of)


def test_index_at_finds_the_sentence_holding_an_offset(seed_text: str) -> None:
    split = segment(seed_text)
    offset = seed_text.index("7,000")
    index = split.index_at(offset)
    assert index is not None
    assert "7,000" in split.sentence_text(index)
    assert split.index_of_span(split.starts[index], split.ends[index]) == index


def test_paragraph_spans_skip_blank_runs() -> None:
    text = "\n\nOne.\n \n\t\nTwo.\n\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["One.", "Two."]


def test_real_statements_split_without_losing_text() -> None:
    for path in sorted((DATA / "real").glob("*.txt")):
        text = decode_bytes(path.read_bytes()).text
        split = segment(text)
        assert len(split) > 50
        assert all(split.sentence_text(i).strip() for i in range(len(split)))
