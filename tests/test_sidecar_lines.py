"""Hand-edited sidecars in our layout are read line by line, exactly as the whole-file
strict reader reads them, and never more leniently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.core.safe_yaml import YamlError, load_yaml
from briefing_tui.core.sidecar import SidecarData, SidecarUnreadable, dump_sidecar, read_sidecar
from briefing_tui.core.sidecar.format import parse_sidecar
from briefing_tui.core.sidecar.lines import read_by_lines
from briefing_tui.core.sidecar.surrogates import unescape_pairs
from briefing_tui.core.sidecar.validate import validate

from .test_sidecar_format import _a, sidecars


def _whole(source: str) -> Any:
    """What the strict reader makes of the whole file (the reference)."""
    return load_yaml(unescape_pairs(source))


def _yaml_style(line: str) -> str:
    """An entry line as a person might retype it: plain keys, YAML flow style."""
    entry = json.loads(line[2:])
    return "- {" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                             for key, value in entry.items()) + "}"


def _same_reading(source: str) -> None:
    by_lines = read_by_lines(source)
    try:
        whole = _whole(source)
    except YamlError:
        assert by_lines is None  # refused whole, so never read by lines
        return
    if by_lines is not None:
        assert validate(by_lines, None) == validate(whole, None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=sidecars, pick=st.integers(0, 10**6),
       edit=st.sampled_from(["yaml", "space", "comment", "alias", "tag", "float", "dup"]))
def test_a_hand_edited_line_reads_as_the_whole_file_reads(data: SidecarData, pick: int,
                                                          edit: str) -> None:
    lines = dump_sidecar(data).replace("\nversion: 1\n", "\nversion:  1\n", 1).split("\n")
    entries = [n for n, line in enumerate(lines) if line.startswith("- {\"id\"")]
    if entries:
        n = entries[pick % len(entries)]
        lines[n] = {"yaml": _yaml_style(lines[n]) if "\\u" not in lines[n] else lines[n],
                    "space": lines[n].replace(", ", " ,  ", 1),
                    "comment": lines[n] + "  # checked",
                    "alias": lines[n].replace('"start"', '&a "start"', 1),
                    "tag": lines[n].replace('"tags": [', '"tags": !!python/tuple [', 1),
                    "float": lines[n][:-1] + ', "zz": 1e+100}',  # text to YAML 1.1
                    "dup": lines[n][:-1] + ', "note": "again"}'}[edit]
    source = "\n".join(lines)
    _same_reading(source)
    try:
        expected: Any = validate(_whole(source), None)
        expected.hand_edited = True
    except YamlError as exc:
        expected = f"not valid YAML: {exc}"
    try:
        got: Any = parse_sidecar(source)
        assert got.hand_edited
        got.layout = expected.layout if isinstance(expected, SidecarData) else None
    except SidecarUnreadable as exc:
        got = str(exc)
    assert got == expected


def test_the_line_reader_answers_only_for_our_layout() -> None:
    source = dump_sidecar(SidecarData("a.txt", "ab", [_a(1, 4, "abc"), _a(5, 9, "efgh")],
                                      rejected=[{"start": -1}]))
    assert read_by_lines(source) is not None
    entry = next(line for line in source.split("\n") if line.startswith("- {\"id\""))
    for other in (source.replace(entry, entry + "\n  # a comment line"),  # a line between
                  source + "extra: 1\n",  # a key after the entries
                  source.replace("\nannotations:\n", "\nannotations:  \n"),
                  source.rstrip("\n"),  # no end to the last line
                  source.replace(entry, entry[:20] + "\n  " + entry[20:])):  # two lines
        assert read_by_lines(other) is None
        _same_reading(other)


def test_a_line_nested_past_the_limit_is_refused_as_in_the_whole_file() -> None:
    deep: Any = "x"
    for _ in range(30):  # at 3 in the file, 30 more levels: 33 > MAX_DEPTH
        deep = [deep]
    line = "- " + json.dumps({"start": 1, "end": 2, "text": "x", "deep": deep})
    source = f"version: 1\nannotations:\n{line}\n"
    assert read_by_lines(source) is None
    with pytest.raises(SidecarUnreadable, match="nested deeper"):
        parse_sidecar(source)


def test_a_hand_edited_sidecar_past_16_mib_in_our_layout_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 16 MiB limit stays for files the strict reader must read whole."""
    monkeypatch.setattr("briefing_tui.core.sidecar.MAX_SIDECAR_BYTES", 4096)
    data = SidecarData("a.txt", "ab", [_a(i * 10, i * 10 + 5, f"q{i:04}") for i in range(200)])
    source = dump_sidecar(data)
    assert len(source) > 4096
    path = tmp_path / "a.txt.annotations.yaml"
    path.write_text(source.replace('"id": ', '"id":  ', 7), encoding="utf-8")
    read = read_sidecar(path)
    assert read is not None and read[0].hand_edited
    assert read[0].annotations == data.annotations
    path.write_text(source + "# a comment at the end\n", encoding="utf-8")
    with pytest.raises(SidecarUnreadable, match="too large for a hand-edited sidecar"):
        read_sidecar(path)
