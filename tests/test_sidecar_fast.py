"""The fast paths of reading a big sidecar give exactly the answers of the plain ones.

``check`` on 200,000 annotations goes through shortcuts (``json``'s string encoder for
our lines, one regex for the lines' text, a byte scan for unsafe characters, a one-test
validation of the common entry, one sort to index a fresh set). Each is compared here
with the code it stands for, on hostile values and on lines edited by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.core.annotations import Anchor, Annotation, AnnotationSet
from briefing_tui.core.safe_yaml import YamlError
from briefing_tui.core.sidecar import SidecarData, SidecarError, dump_sidecar, parse_sidecar
from briefing_tui.core.sidecar.data import SURROGATE, UNSAFE, unsafe_in
from briefing_tui.core.sidecar.format import (
    DOCUMENT_KEYS,
    TOP_KEYS,
    _dict_line,
    _is_dump_of,
    _line,
    _own_form,
)
from briefing_tui.core.sidecar.keep import layout_of
from briefing_tui.core.sidecar.validate import _annotation, _Bad, _checked, validate
from briefing_tui.core.sidecar.verbatim import lines_end

from .test_sidecar_format import SPECIAL, annotation_values, json_values, sidecars, texts

_SLOW = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(a=annotation_values(), by=st.lists(texts, max_size=2),
       dismissed=st.lists(st.sampled_from(["a", "b-c"]), unique=True, max_size=2))
def test_a_line_is_what_json_writes_for_the_entry(a: Annotation, by: list[str],
                                                  dismissed: list[str]) -> None:
    a = replace(a, by=tuple(by), dismissed=tuple(sorted(dismissed)))
    assert _line(a) == _dict_line(a)


def test_odd_values_are_written_as_json_writes_them() -> None:
    a = Annotation("a1", 0, 5, "Kabul")
    for odd in (replace(a, start=True), replace(a, tags=(1,)),  # type: ignore[arg-type]
                replace(a, note="x\ud83d\ude00y"), replace(a, id=None)):  # type: ignore[arg-type]
        assert _line(odd) == _dict_line(odd)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from([*SPECIAL, "\ud800", "\udc00", "\x80", "\xc2", "é", "a",
                                      "\u2027", "\u202a"]), max_size=12).map("".join))
def test_the_byte_scan_answers_as_the_two_regexes(text: str) -> None:
    expected = None if SURROGATE.search(text) else UNSAFE.search(text) is not None
    assert unsafe_in(text) is expected


def test_the_byte_scan_reads_past_its_chunks() -> None:
    assert unsafe_in("a" * (1 << 21) + "\u2028") is True
    assert unsafe_in("é" * (1 << 21) + "\ud800") is None
    assert unsafe_in("é" * (1 << 21)) is False


def _check(entry: Any) -> Annotation | str:
    try:
        return _checked(entry, 50)
    except _Bad as bad:
        return str(bad)


def _fast(entry: Any) -> Annotation | str:
    try:
        return _annotation(entry, 50)
    except _Bad as bad:
        return str(bad)


entries = st.fixed_dictionaries(
    {}, optional={"id": st.none() | st.just("") | texts | st.integers(),
                  "start": st.integers(-2, 60) | st.booleans() | json_values,
                  "end": st.integers(-2, 60) | json_values,
                  "text": texts | json_values, "prefix": texts | st.none(),
                  "suffix": texts | st.integers(), "note": texts | st.none(),
                  "tags": st.lists(st.sampled_from(["a", "a", "b", "Bad", 3]), max_size=3)
                  | json_values,
                  "anchor": st.sampled_from([a.value for a in Anchor] + ["lost", 1]),
                  "by": st.lists(texts, max_size=1), "other": json_values})


@settings(max_examples=500, deadline=None)
@given(entry=entries)
def test_the_one_test_validation_equals_the_full_one(entry: dict[str, Any]) -> None:
    assert _fast(entry) == _check(entry)


def _edits(line: str) -> list[str]:
    """Ways a person (or another tool) writes the same entry differently."""
    out = [line.replace(", ", ",  ", 1), line.replace('": ', '":', 1), line + " ",
           line.replace('"start": 0,', '"start": -0,', 1),
           line.replace('"tags": [', '"tags": ["dup", "dup", ', 1),
           line.replace('"note": ', '"anchor": "exact", "note": ', 1),
           line.replace('"id": ', '"id": "x", "id": ', 1),
           line.replace("/", "\\/", 1), line.replace("\\n", "\\u000a", 1),
           line.replace("\\u007f", "\\u007F", 1), line.replace("a", "\\u0061", 1),
           re.sub(r'"prefix": "[^"\\]*", "suffix": "[^"\\]*"',
                  lambda m: ", ".join(reversed(m.group().split(", "))), line, count=1),
           line.replace('"suffix"', '"other": 1, "suffix"', 1),
           line.replace("- {", "-  {", 1)]
    return [edited for edited in out if edited != line]


@_SLOW
@given(data=sidecars, pick=st.integers(0, 10**6), which=st.integers(0, 30))
def test_vouching_for_lines_by_their_text_answers_as_comparing_them(
        data: SidecarData, pick: int, which: int) -> None:
    source = dump_sidecar(data)
    lines = source.split("\n")
    body = [n for n, line in enumerate(lines) if line.startswith('- {"id"')]
    sources = [source]
    if body:
        n = body[pick % len(body)]
        edits = _edits(lines[n])
        if edits:
            lines[n] = edits[which % len(edits)]
            sources.append("\n".join(lines))
    for text in sources:
        try:  # as the fast path reads it
            raw = _own_form(text)
            read = validate(raw, None)
            read.layout = layout_of(text, raw, read.extra, read.document_extra, TOP_KEYS,
                                    DOCUMENT_KEYS)
        except (ValueError, LookupError, YamlError, SidecarError):
            continue
        assert _is_dump_of(read, text, raw["annotations"]) is _is_dump_of(read, text)


def test_a_retyped_entry_line_is_noticed() -> None:
    data = SidecarData("a.txt", "ab", [Annotation("a1", 0, 5, "Kabul/x\n\x7f", tags=("a",)),
                                       Annotation("a2", 6, 9, "b", anchor=Anchor.MOVED)])
    source = dump_sidecar(data)
    assert not parse_sidecar(source).hand_edited
    raw = _own_form(source)
    at = source.index("- {")
    assert lines_end(source, at, validate(raw, None).annotations, raw["annotations"]) == \
        source.index("\n", source.index('"a2"')) + 1  # vouched for by the text alone
    for n in (-3, -2):
        line = source.split("\n")[n]
        for edited in _edits(line):
            try:
                assert parse_sidecar(source.replace(line, edited)).hand_edited, edited
            except SidecarError:  # refused (a key twice): noticed too
                continue


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 3),
                                st.integers(0, 3), st.sampled_from(Anchor)), max_size=8))
def test_a_fresh_set_is_indexed_as_one_added_at_a_time(
        items: list[tuple[str, int, int, Anchor]]) -> None:
    annotations = [Annotation(ident, start, start + length, "x", anchor=anchor)
                   for ident, start, length, anchor in items]
    bulk = AnnotationSet()
    bulk.replace_all(annotations)
    one_by_one = AnnotationSet()
    for a in {a.id: a for a in annotations}.values():  # the changes replace_all makes
        one_by_one._apply([(None, a)], record=False)
    assert bulk.items == one_by_one.items
    assert bulk._spans == one_by_one._spans and bulk._by_span == one_by_one._by_span
    assert bulk._longest == one_by_one._longest
    assert bulk.can_undo is bool(annotations)
    bulk.undo()
    assert not bulk.items and not bulk._spans


def test_our_lines_read_with_the_json_module() -> None:
    data = SidecarData("a.txt", "ab", [Annotation("a1", 0, 5, "Ka\x7fbul\u2028", tags=("a",))])
    source = dump_sidecar(data)
    line = source.split("\n")[-2]
    assert json.loads(line[2:])["text"] == "Ka\x7fbul\u2028"
    assert not parse_sidecar(source).hand_edited
