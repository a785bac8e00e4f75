"""Reading our own sidecar from its bytes in one pass answers exactly as the text path.

:mod:`briefing_tui.core.sidecar.bulk` returns data only when it is sure: the same data,
layout and flags as :func:`parse_sidecar` (our dump, not hand-edited), or None so the
general path runs. Here it is compared with that path on generated sidecars, on lines
edited by hand, on every kind of entry validation rejects, and across its slices; and
``check``'s shortcut with opening the document.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.cli import main
from briefing_tui.core.annotations import Anchor, Annotation, make_id
from briefing_tui.core.sidecar import SidecarData, bulk, dump_sidecar, parse_sidecar, read_sidecar
from briefing_tui.core.sidecar.bulk import count_own, read_own, recorded_sha256
from briefing_tui.core.text import DocumentError, read_text_file, stream_sha256

from .test_sidecar_fast import _edits
from .test_sidecar_format import sidecars

_SLOW = settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _agrees(source: str) -> bool:
    """``read_own`` and ``count_own`` on ``source``'s bytes against ``parse_sidecar``;
    True when the bytes path answered (not None)."""
    raw = source.encode("utf-8", "surrogatepass")
    own, counted = read_own(raw), count_own(raw)
    assert (own is None) is (counted is None)
    if own is None or counted is None:
        return False
    text = parse_sidecar(source)
    assert own == text and own.layout == text.layout and not text.hand_edited
    header, block = counted
    assert header == replace(text, annotations=[])
    assert block.count == len(text.annotations)
    assert block.attention is any(a.needs_attention for a in text.annotations)
    assert block.last_end == max(a.end for a in text.annotations)
    return True


@_SLOW
@given(data=sidecars, pick=st.integers(0, 10**6), which=st.integers(0, 30))
def test_the_bytes_path_reads_what_the_text_path_reads(
        data: SidecarData, pick: int, which: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "SLICE", 1 + pick % 300)  # lines across many slices
    source = dump_sidecar(data)
    _agrees(source)
    lines = source.split("\n")
    body = [n for n, line in enumerate(lines) if line.startswith('- {"id"')]
    if body:
        n = body[pick % len(body)]
        edits = _edits(lines[n])
        if edits:
            lines[n] = edits[which % len(edits)]
            edited = "\n".join(lines)
            assert not _agrees(edited) or parse_sidecar(edited) == parse_sidecar(source)


def _one(text: str = "Kabul", **fields: object) -> Annotation:
    return Annotation(make_id(0, len(text), text), 0, len(text), text, **fields)  # type: ignore[arg-type]


_PLAIN = SidecarData("a.txt", "ab", [_one(tags=("a",)), Annotation("a2", 6, 9, "b\n\x7f“é”",
                                                                   note="n\\", tags=("b", "a"),
                                                                   anchor=Anchor.MOVED)])


def test_our_own_dump_is_read_from_its_bytes() -> None:
    assert _agrees(dump_sidecar(_PLAIN))
    assert _agrees(dump_sidecar(replace(_PLAIN, extra={"reviewer": "x"},
                                        document_extra={"custom": [1, 2]})))


@pytest.mark.parametrize("edit", [
    lambda s: s.replace("a.txt", "a.txt\r"),  # a carriage return anywhere
    lambda s: "\ufeff" + s,
    lambda s: s.replace('"b\\n', '"b\u2028'),  # a raw character our writer escapes
    lambda s: s.replace('"id": "a2"', '"id": ""'),  # validation rejects it
    lambda s: s.replace('"tags": ["b", "a"]', '"tags": ["b", "B"]'),
    lambda s: s.replace('"start": 6', '"start": 10'),  # end before start
    lambda s: s.replace('"start": 6, "end": 9', '"start": 0, "end": 3'),  # out of order
    lambda s: s.replace('"id": "a2"', f'"id": "{_one().id}"'),  # an id twice
    lambda s: s.replace('"tags": ["b", "a"]', '"tags": ["b", "\\u0062"]'),
    lambda s: s + "rejected:\n- {\"start\": -5}\n",
    lambda s: s + "# the end\n",
    lambda s: s[:-1],  # no line break at the end
    lambda s: s.replace("version: 1", "version:  1"),  # the header is not our dump
    lambda s: s.replace('"note": "n', '"by": ["x"], "note": "n'),
], ids=["cr", "bom", "raw-u2028", "empty-id", "bad-tag", "end-before-start", "order",
        "id-twice", "escaped-tag", "rejected", "trailer", "no-last-break", "header", "by"])
def test_anything_but_our_dump_takes_the_text_path(edit: object, tmp_path: Path) -> None:
    source = edit(dump_sidecar(_PLAIN))  # type: ignore[operator]
    assert not _agrees(source)
    path = tmp_path / "a.txt.annotations.yaml"
    path.write_bytes(source.encode("utf-8"))
    found = read_sidecar(path)
    assert found is not None
    assert found[0] == parse_sidecar(source)


def test_bad_utf8_is_left_to_the_text_path() -> None:
    raw = dump_sidecar(_PLAIN).encode("utf-8").replace("é".encode(), b"\xe9")
    assert read_own(raw) is None and count_own(raw) is None


def test_past_the_document_only_orphans_are_read() -> None:
    raw = dump_sidecar(_PLAIN).encode("utf-8")
    assert read_own(raw, 9) is not None and read_own(raw, 8) is None
    orphan = replace(_PLAIN, annotations=[_PLAIN.annotations[0],
                                          replace(_PLAIN.annotations[1], anchor=Anchor.ORPHAN)])
    assert read_own(dump_sidecar(orphan).encode("utf-8"), 8) is not None


@pytest.mark.parametrize("content", [b"Kabul. Herat.\n", "Caf\u00e9 \u201cx\u201d.\n".encode(),
                                     b"\xef\xbb\xbfBOM.\n", b"a\r\nb\n", b"\xe9t\xe9\n",
                                     b" \n\t", "\u3000\n".encode(), b"x" * (3 << 20)])
def test_the_streamed_hash_is_the_documents_or_none(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    try:
        loaded = read_text_file(path)
    except DocumentError:  # an unreadable file: the usual path explains it
        assert stream_sha256(path) is None
        return
    canonical = loaded.sha256 == hashlib.sha256(content).hexdigest() and not loaded.read_only
    expected = (loaded.sha256, len(loaded.text)) if canonical else None
    assert stream_sha256(path) == expected


def _check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["check", str(folder)])
    return status, capsys.readouterr().out


def test_check_reports_the_same_with_or_without_its_shortcut(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Kabul fell. Herat held out.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    a = Annotation(make_id(0, 11, text[:11]), 0, 11, text[:11], tags=("security",))
    cases = {"exact": [a], "review": [replace(a, anchor=Anchor.REVIEW)],
             "past the end": [replace(a, end=40, text="x")]}
    for name, listed in cases.items():
        for document_sha in (sha, "0" * 64):
            data = SidecarData("a.txt", document_sha, listed, extractor="text 1")
            (tmp_path / "a.txt.annotations.yaml").write_text(dump_sidecar(data),
                                                              encoding="utf-8")
            quick = _check(tmp_path, capsys)
            with monkeypatch.context() as patched:
                patched.setattr("briefing_tui.cli_check._all_exact", lambda path: None)
                assert _check(tmp_path, capsys) == quick, name
    data = SidecarData("a.txt", sha, [a], extractor="text 1")
    (tmp_path / "a.txt.annotations.yaml").write_text(dump_sidecar(data), encoding="utf-8")
    assert _check(tmp_path, capsys) == (0, f"{path}: 1 annotation, all exact\n")


def test_the_recorded_hash_is_read_from_the_head_of_our_form_only(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.annotations.yaml"
    assert recorded_sha256(path) is None  # no file
    data = replace(_PLAIN, document_sha256="ab" * 32)
    path.write_text(dump_sidecar(data), encoding="utf-8")
    assert recorded_sha256(path) == "ab" * 32
    path.write_text(dump_sidecar(data).replace("version: 1", "version:  1", 1)[1:],
                    encoding="utf-8")
    assert recorded_sha256(path) is None  # not our header: read it the usual way
