"""The re-anchoring index finds exactly what the plain search finds, and its bound holds."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.core import anchor_search
from briefing_tui.core.anchor_index import MIN_NEEDLE, GramIndex, find_all, lcs_length
from briefing_tui.core.anchoring import reanchor
from devtools.generate import briefing

from .anchoring_helpers import SEED, check_invariants, tag_all

# Few letters, so needles repeat, overlap and nearly match (the hard cases for an index).
TEXTS = st.text(alphabet="ab \n.", min_size=0, max_size=400) | st.builds(
    lambda unit, times: unit * times, st.text(alphabet="ab \n.", min_size=1, max_size=9),
    st.integers(4, 60))


def _lcs(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        new = [0]
        for j, y in enumerate(b):
            new.append(row[j] + 1 if x == y else max(row[j + 1], new[j]))
        row = new
    return row[-1]


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, data=st.data())
def test_index_finds_what_the_plain_search_finds(text: str, data: st.DataObject) -> None:
    needles = []
    for _ in range(data.draw(st.integers(1, 6))):
        if len(text) >= MIN_NEEDLE and data.draw(st.booleans()):  # a piece of the text
            start = data.draw(st.integers(0, len(text) - MIN_NEEDLE))
            end = data.draw(st.integers(start + MIN_NEEDLE, len(text)))
            needles.append(text[start:end])
        else:
            needles.append(data.draw(st.text(alphabet="ab \n.", min_size=MIN_NEEDLE,
                                              max_size=60)))
    index = GramIndex(text, needles)
    for needle in needles:
        assert index.find_all(needle) == find_all(text, needle)


def test_index_declines_what_it_was_not_built_for() -> None:
    text = briefing(3_000, 1)
    index = GramIndex(text, [text[100:200], "short"])
    assert index.find_all(text[100:200]) == find_all(text, text[100:200]) == [100]
    assert index.find_all("short") is None  # too short to index: the caller searches
    assert index.find_all(text[300:400]) is None  # never asked for


@settings(max_examples=300, deadline=None)
@given(a=st.text(alphabet="abc ", max_size=40), b=st.text(alphabet="abcd ", max_size=40))
def test_subsequence_bound_is_exact_and_never_below_difflib(a: str, b: str) -> None:
    assert lcs_length(a, b) == _lcs(a, b)
    assert lcs_length(a.split(), b.split()) == lcs_length(b.split(), a.split())
    if a or b:
        ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert ratio <= 2.0 * lcs_length(a, b) / (len(a) + len(b))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.integers(0, len(SEED)), st.integers(0, 300),
                               st.sampled_from(["", " ", "\n", "  \n", "The UN said. "])),
                     min_size=1, max_size=6))
def test_reanchoring_with_the_index_equals_the_plain_search(
        cuts: list[tuple[int, int, str]]) -> None:
    """Random deletions, insertions and re-spacing: same output with the index on from
    the first search and with it never built."""
    before = tag_all(SEED)
    edited = SEED
    for cut, length, insert in sorted(cuts, reverse=True):
        edited = edited[:cut] + insert + edited[cut + length:]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anchor_search, "PLAIN_SEARCHES", 10**9)
        patch.setattr(anchor_search, "REGEX_SEARCHES", 10**9)
        plain = reanchor(before, edited)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anchor_search, "PLAIN_SEARCHES", 0)
        patch.setattr(anchor_search, "REGEX_SEARCHES", 0)
        indexed = reanchor(before, edited)
    assert indexed == plain
    check_invariants(before, indexed[0], edited, indexed[1])


def test_a_big_replaced_text_is_searched_through_the_index() -> None:
    """Past PLAIN_SEARCHES the finder answers from one index (and still finds repeats)."""
    text = briefing(60_000, 3)
    quotes = [text[i:i + 80] for i in range(0, 40_000, 97)]
    finder = anchor_search.Finder(text, None, quotes)
    for quote in quotes:
        assert finder.find(quote) == find_all(text, quote)
    assert finder._index is not None
    assert len(quotes) > anchor_search.PLAIN_SEARCHES


def test_needles_across_the_index_windows_are_found() -> None:
    """The text is cut into grams a window at a time: needles on a window's edge, at the
    text's end and repeated far apart are all found, as the plain search finds them."""
    from briefing_tui.core.anchor_index import _WINDOW

    text = briefing(int(_WINDOW * 2.3), 5)
    needles = [text[at - shift:at - shift + 40] for at in (_WINDOW, 2 * _WINDOW)
               for shift in range(0, 41, 7)] + [text[-35:], text[:31], text[5:36]]
    index = GramIndex(text, needles)
    for needle in needles:
        assert index.find_all(needle) == find_all(text, needle)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(["Kabul", "a", "said.", "  ", "\n", "\n\n", " " * 70,
                                       "x" * 70, "U.N.", "Talks resumed.", "é"]),
                      max_size=80))
def test_sentence_keys_from_their_ends_equal_keys_from_the_whole(words: list[str]) -> None:
    """Heads and tails are keyed from 64 characters at each end of a sentence; the keys
    are those of the whole sentence, blanks, long words and short sentences included."""
    from briefing_tui.core.segment import segment

    text = " ".join(words)
    finder = anchor_search.Finder(text, segment(text))
    heads, tails = finder._key_index()
    seg = finder.seg
    whole = [anchor_search.normalise(text[s:e]) for s, e in zip(seg.starts, seg.ends,
                                                                strict=True)]
    expected_heads: dict[str, list[int]] = {}
    expected_tails: dict[str, list[int]] = {}
    for i, sentence in enumerate(whole):
        expected_heads.setdefault(sentence[:anchor_search.KEY_CHARS], []).append(i)
        expected_tails.setdefault(sentence[-anchor_search.KEY_CHARS:], []).append(i)
    assert (heads, tails) == (expected_heads, expected_tails)
