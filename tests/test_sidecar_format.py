"""The sidecar's text form: exact round trips, fast path vs strict fallback, hostile files."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.annotations import Anchor, Annotation, make_id
from briefing_tui.core.safe_yaml import load_yaml
from briefing_tui.core.sidecar import (
    SidecarData,
    SidecarSaveError,
    SidecarUnreadable,
    dump_sidecar,
    parse_sidecar,
)
from briefing_tui.core.sidecar.format import ANNOTATION_KEYS, DOCUMENT_KEYS, TOP_KEYS
from tests.constants import DATA

HOSTILE = yaml.safe_load((DATA / "hostile_inputs.yaml").read_text(encoding="utf-8"))
HOSTILE_STRINGS = [s for key in ("markup_injection", "terminal_escapes", "unicode_edge_cases",
                                 "export_injection") for s in HOSTILE[key]]

SPECIAL = ["\u2028", "\u2029", "\x85", "\x7f", "\x9f", "\ufeff", "\ufffe", "\uffff", '"', "'",
           "\\", "[bold]", "[/]", ": ", " #", "# ", " ", "  ", "\n", "\r", "\r\n", "\t", "\x00",
           "\x1b", "😀", "\U0010ffff", "- ", "{", "}", "[", "&a", "*a", "!!python/object",
           "%YAML", "@", "`", "|", ">", "---", "...", "yes", "no", "~", "null", "1e3", "0o12"]
texts = st.lists(st.one_of(st.text(st.characters(exclude_categories=["Cs"]), max_size=6),
                           st.sampled_from(SPECIAL + HOSTILE_STRINGS)),
                 max_size=5).map("".join)
tag_names = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,39}", fullmatch=True)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.floats(allow_nan=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8)


def _extra(reserved: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(texts.filter(lambda k: k not in reserved), json_values, max_size=2)


@st.composite
def annotation_values(draw: st.DrawFn) -> Annotation:
    start = draw(st.integers(0, 10**9))
    return Annotation(
        draw(texts.filter(bool)), start, start + draw(st.integers(0, 10**6)), draw(texts),
        draw(texts), draw(texts), tuple(draw(st.lists(tag_names, unique=True, max_size=4))),
        draw(texts), draw(st.sampled_from(Anchor)),
        tuple(sorted(draw(_extra(ANNOTATION_KEYS)).items())))


sidecars = st.builds(
    SidecarData, texts, texts, st.lists(annotation_values(), max_size=6, unique_by=lambda a: a.id),
    segmenter=texts, extractor=texts, extra=_extra(TOP_KEYS),
    document_extra=_extra(DOCUMENT_KEYS))


def _has_inf(value: Any) -> bool:
    if isinstance(value, float):
        return math.isinf(value)
    if isinstance(value, dict):
        return any(_has_inf(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_inf(v) for v in value)
    return False


def _in_order(data: SidecarData) -> SidecarData:
    return replace(data, annotations=sorted(data.annotations, key=Annotation.sort_key))


def _strict(text: str) -> str:
    """The same content, no longer byte-for-byte ours: forces the strict YAML fallback."""
    return text.replace("\nversion: 1\n", "\nversion:  1\n", 1)


@settings(max_examples=300, deadline=None)
@given(sidecars)
def test_round_trip_is_exact_on_both_read_paths(data: SidecarData) -> None:
    text = dump_sidecar(data)
    loaded = parse_sidecar(text)
    infinite = _has_inf([a.extra for a in data.annotations])
    assert loaded.hand_edited is infinite  # `.inf` in a line is not JSON: the strict path reads it
    assert replace(loaded, hand_edited=False) == _in_order(data)
    assert dump_sidecar(loaded) == text
    strict = parse_sidecar(_strict(text))
    assert strict.hand_edited
    assert replace(strict, hand_edited=False) == _in_order(data)
    for line in text.split("\n"):
        assert not any(c in line for c in "\x85\u2028\u2029\ufeff\x7f\r")


@settings(max_examples=100, deadline=None)
@given(sidecars)
def test_same_state_gives_the_same_bytes_whatever_the_order(data: SidecarData) -> None:
    shuffled = replace(data, annotations=list(reversed(data.annotations)))
    assert dump_sidecar(data) == dump_sidecar(data) == dump_sidecar(shuffled)


def _a(start: int, end: int, text: str = "x", **fields: Any) -> Annotation:
    return Annotation(make_id(start, end, text), start, end, text, **fields)


def test_annotations_are_written_in_document_order_one_per_line() -> None:
    data = SidecarData("a.txt", "ab", [_a(50, 60, "late"), _a(5, 9, "early"), _a(5, 7, "x")])
    text = dump_sidecar(data)
    lines = [line for line in text.split("\n") if line.startswith("- ")]
    assert [line.split('"start": ')[1].split(",")[0] for line in lines] == ["5", "5", "50"]
    assert '"end": 7' in lines[0]
    assert text.endswith("\n")
    assert "annotations: []" in dump_sidecar(SidecarData("a.txt", "ab", []))


def test_the_form_matches_the_design() -> None:
    data = SidecarData("afghan.txt", "ab12", [_a(224, 230, "Pakistan", tags=("migration",))],
                       extractor="text 1")
    lines = dump_sidecar(data).split("\n")
    assert lines[:4] == [lines[0], "version: 1", "document:", '  name: "afghan.txt"']
    assert lines[0].startswith("# briefing_tui sidecar")
    ident = make_id(224, 230, "Pakistan")
    assert lines[-2] == ('- {"id": "' + ident + '", "start": 224, "end": 230, "text": '
                         '"Pakistan", "prefix": "", "suffix": "", "tags": ["migration"], '
                         '"note": ""}')
    assert load_yaml("\n".join(lines))["annotations"][0]["tags"] == ["migration"]


@pytest.mark.parametrize("name", [*HOSTILE_STRINGS, "[bold]x.txt", 'a"b\nc\\u0041.txt'])
def test_hostile_names_and_notes_round_trip(name: str) -> None:
    data = SidecarData(name, "ab", [_a(0, 4, name, note=name, prefix=name)])
    loaded = parse_sidecar(dump_sidecar(data))
    assert (loaded.document_name, loaded.annotations) == (name, data.annotations)
    assert not loaded.hand_edited


HAND_EDITED = """\
version: 1
document:
  name: article.txt   # edited by hand
  sha256: ab12
  reviewer: sam
segmenter: nupunkt 0.8.0+briefing.1
project: kabul-desk
annotations:
  - id: a1
    start: 10
    end: 20
    text: "Pakistan has"
    tags: [security, health-care]
    note: |
      two lines
      of note
    confidence: 0.8
  - start: 30
    end: 35
    text: Kabul
    tags: []
"""


def test_a_hand_edited_block_style_sidecar_loads_and_keeps_what_it_does_not_know() -> None:
    data = parse_sidecar(HAND_EDITED)
    assert data.hand_edited and data.problems == []
    first, second = data.annotations
    assert first.tags == ("security", "health-care")  # unknown tags are kept
    assert first.note == "two lines\nof note\n"
    assert first.extra == (("confidence", 0.8),)
    assert second.id == make_id(30, 35, "Kabul") and second.prefix == ""
    assert data.extra == {"project": "kabul-desk"}
    assert data.document_extra == {"reviewer": "sam"}
    again = parse_sidecar(dump_sidecar(data))
    assert not again.hand_edited
    assert again == replace(data, hand_edited=False)


def test_bom_and_crlf_are_read_but_mark_the_file_hand_edited() -> None:
    text = dump_sidecar(SidecarData("a.txt", "ab", [_a(1, 2)]))
    for variant in ("\ufeff" + text, text.replace("\n", "\r\n")):
        data = parse_sidecar(variant)
        assert data.hand_edited and data.annotations == [_a(1, 2)]


@pytest.mark.parametrize("name", sorted(HOSTILE["hostile_sidecars"]))
def test_hostile_sidecars_are_unreadable_or_reported_never_crash(name: str) -> None:
    source = HOSTILE["hostile_sidecars"][name]
    try:
        data = parse_sidecar(source, document_length=1000)
    except SidecarUnreadable as exc:
        assert str(exc) and "\n" not in str(exc)
        assert name in {"python_object", "alias_bomb", "deep_nesting", "duplicate_keys",
                        "binary_tag", "not_a_mapping", "empty"}
    else:
        assert data.problems and all("\n" not in p for p in data.problems)
        assert name in {"wrong_types", "offsets_out_of_range", "huge_int"}
        assert data.annotations == [] and len(data.rejected) == 1


GOOD_AND_BAD = """\
version: 1
document: {name: a.txt, sha256: ab}
annotations:
- {id: a1, start: 0, end: 5, text: Kabul, tags: [security]}
- {id: a2, start: 9, end: 3, text: bad, tags: [security]}
- {id: a3, start: true, end: 4, text: bool}
- {id: a1, start: 7, end: 8, text: dup}
- {id: a4, start: 6, end: 9, text: ok, tags: [Security]}
- {id: a5, start: 6, end: 900, text: far}
- {id: a6, start: 6, end: 900, text: far, anchor: orphan}
- {id: a7, start: 1, end: 2, text: x, anchor: lost}
- just a string
"""


def test_one_bad_entry_is_reported_while_the_others_load() -> None:
    data = parse_sidecar(GOOD_AND_BAD, document_length=100)
    assert [a.id for a in data.annotations] == ["a1", "a6"]
    assert data.problems == [
        "annotation #2: end (3) is before start (9); kept under 'rejected:'",
        "annotation #3: start must be an integer (got True); kept under 'rejected:'",
        "annotation #4: duplicate id 'a1' (the first one is kept); kept under 'rejected:'",
        "annotation #5: 'Security' is not a tag name (lowercase letters, digits, - _ .); "
        "kept under 'rejected:'",
        "annotation #6: end (900) is past the end of the document (100); kept under "
        "'rejected:'",
        "annotation #8: anchor must be one of exact, moved, review, orphan (got 'lost'); "
        "kept under 'rejected:'",
        "annotation #9: not a mapping (got 'just a string'); kept under 'rejected:'",
    ]
    assert len(data.rejected) == 7


def test_rejected_entries_survive_saves_and_come_back_once_fixed() -> None:
    data = parse_sidecar(GOOD_AND_BAD, document_length=100)
    saved = dump_sidecar(data)
    assert "\nrejected:\n" in saved
    again = parse_sidecar(saved, document_length=100)
    assert not again.hand_edited
    assert again.rejected == data.rejected
    assert again.annotations == data.annotations
    assert again.problems[0].startswith("rejected entry #1: end (3) is before start (9)")
    # Someone fixes an entry where it sits; the next load takes it back.
    fixed = saved.replace('"start": 9, "end": 3', '"start": 3, "end": 9')
    restored = parse_sidecar(fixed, document_length=100)
    assert "a2" in {a.id for a in restored.annotations}
    assert len(restored.rejected) == 6
    # Against a longer document, the entry past the end is no longer rejected.
    assert "a5" in {a.id for a in parse_sidecar(saved, document_length=1000).annotations}


def test_a_newer_version_is_refused_with_a_clear_reason() -> None:
    with pytest.raises(SidecarUnreadable, match="newer briefing_tui"):
        parse_sidecar("version: 2\nannotations: []\n")
    for bad in ("version: true\n", "annotations: []\n", "version: '1'\n"):
        with pytest.raises(SidecarUnreadable, match="version must be 1"):
            parse_sidecar(bad)


@pytest.mark.parametrize("source, reason", [
    ("", "empty"), ("  \n# only a comment\n", "empty|only comments"),
    ("version: 1\nannotations: {a: 1}\n", "must be a list"),
    ("version: 1\ndocument: [x]\n", "must be a mapping"),
    ("version: 1\ndocument: {name: 5}\n", "document.name must be text"),
    ("version: 1\n  bad: [\n", "not valid YAML"),
])
def test_unusable_files_are_unreadable(source: str, reason: str) -> None:
    with pytest.raises(SidecarUnreadable, match=reason):
        parse_sidecar(source)


def test_lone_surrogates_are_refused_at_save_and_never_written() -> None:
    for bad in (_a(0, 1, "a\ud800b"), _a(0, 1, note="\udc00"), _a(0, 1, "\ud83d\ude00")):
        with pytest.raises(SidecarSaveError, match="surrogate"):
            dump_sidecar(SidecarData("a.txt", "ab", [bad]))
    with pytest.raises(SidecarSaveError):
        dump_sidecar(SidecarData("a\udfff.txt", "ab", []))
    # Someone writes the escape by hand: libyaml refuses it, so the file is unreadable.
    text = dump_sidecar(SidecarData("a.txt", "ab", [_a(0, 1, "x")]))
    with pytest.raises(SidecarUnreadable):
        parse_sidecar(text.replace('"text": "x"', '"text": "\\ud800"'))


def test_extra_keys_that_would_clash_are_refused() -> None:
    with pytest.raises(SidecarSaveError, match="not allowed"):
        dump_sidecar(SidecarData("a.txt", "ab", [_a(0, 1, extra=(("start", 3),))]))
    with pytest.raises(SidecarSaveError, match="not allowed"):
        dump_sidecar(SidecarData("a.txt", "ab", [], extra={"annotations": []}))
    with pytest.raises(SidecarSaveError, match="cannot write"):
        dump_sidecar(SidecarData("a.txt", "ab", [_a(0, 1, extra=(("k", {1, 2}),))]))


def test_extra_top_level_keys_are_bare_unless_yaml_would_misread_them() -> None:
    extra = {"status": "finished", "reviewed-by": "amina", "yes": 1, "No": 2, "a b": 3,
             "2": 4, "": 5, "x:y": 6, "_k": 7}
    text = dump_sidecar(SidecarData("a.txt", "ab", [], extra=extra,
                                    document_extra={"x-kind": "memo", "on": 1}))
    lines = set(text.splitlines())
    assert {'  x-kind: "memo"', '  "on": 1'} <= lines
    assert {'status: "finished"', 'reviewed-by: "amina"', "_k: 7"} <= lines
    assert {'"yes": 1', '"No": 2', '"a b": 3', '"2": 4', '"": 5', '"x:y": 6'} <= lines
    again = parse_sidecar(text)
    assert again.extra == extra and again.document_extra == {"x-kind": "memo", "on": 1}


def test_tags_are_checked_strictly_and_duplicates_dropped() -> None:
    base = 'version: 1\ndocument: {name: a, sha256: b}\nannotations:\n- {start: 0, end: 1, ' \
           'text: x, tags: %s}\n'
    assert parse_sidecar(base % "[a, b, a]").annotations[0].tags == ("a", "b")
    for bad in ('["security\\n"]', "[no]", "[1]", "security"):
        assert parse_sidecar(base % bad).problems


def _nested(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize("start", [0, -1])  # a good entry, and one kept under rejected:
def test_values_as_deep_as_the_loader_allows_are_written_back(start: int) -> None:
    # top mapping, annotations list, entry mapping: 3 levels, then 29 lists = 32 in all
    source = ("version: 1\ndocument: {name: a, sha256: b}\nannotations:\n"
              f"- {{start: {start}, end: 1, text: x, deep: {_nested(29)}}}\n")
    data = parse_sidecar(source)
    again = parse_sidecar(dump_sidecar(data))
    assert (again.annotations, again.rejected) == (data.annotations, data.rejected)
    assert len(again.annotations + again.rejected) == 1
    with pytest.raises(SidecarUnreadable, match="nested deeper"):
        parse_sidecar(source.replace(str(_nested(29)), str(_nested(30))))
    with pytest.raises(SidecarSaveError, match="nested deeper"):
        dump_sidecar(replace(data, extra={"deep": _nested(32)}))


def test_a_line_that_is_json_but_not_ours_takes_the_strict_path() -> None:
    text = dump_sidecar(SidecarData("a.txt", "ab", [_a(1, 4, "abc", tags=("security",))]))
    reordered = text.replace('{"id": ', '{"start": 1, "id": ').replace(', "start": 1,', ",")
    assert reordered != text
    data = parse_sidecar(reordered)
    assert data.hand_edited and data.annotations == [_a(1, 4, "abc", tags=("security",))]
    assert not parse_sidecar(text).hand_edited
