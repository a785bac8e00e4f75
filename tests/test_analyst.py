"""Named analysts: the ``by`` list on each annotation, its bytes, and how merges keep it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing_tui.core.analyst import AnalystError, check_analyst, login_analyst, resolve_analyst
from briefing_tui.core.annotations import AnnotationSet
from briefing_tui.core.merge import merge_annotations
from briefing_tui.core.sidecar import SidecarData, dump_sidecar, parse_sidecar

from .constants import DATA, SEED

OLD_SIDECAR = DATA / "team" / "before-analysts.txt.annotations.yaml"  # as written in 0.1.0
TEXT = "Kabul is calm. Talks resume in Doha. Refugees return."


def test_changes_are_signed_with_the_analyst_sorted_and_once() -> None:
    notes = AnnotationSet(analyst="bo")
    notes.toggle_tag(TEXT, 0, 14, "security")
    [a] = notes.sorted()
    assert a.by == ("bo",)
    notes.analyst = "amina"
    notes.toggle_tag(TEXT, 0, 14, "migration")
    notes.set_note(TEXT, 0, 14, "calm?")
    [a] = notes.sorted()
    assert a.by == ("amina", "bo")
    notes.undo()
    notes.undo()
    assert notes.sorted()[0].by == ("bo",)  # undo takes the name back with the change


def test_without_an_analyst_nothing_is_signed() -> None:
    notes = AnnotationSet()
    notes.toggle_tag(TEXT, 0, 14, "security")
    assert notes.sorted()[0].by == ()


def test_by_round_trips_and_old_sidecars_stay_byte_identical() -> None:
    source = OLD_SIDECAR.read_text(encoding="utf-8")
    assert '"by"' not in source
    data = parse_sidecar(source)
    assert not data.hand_edited and dump_sidecar(data) == source  # loads, re-saves the same
    assert all(a.by == () for a in data.annotations)
    notes = AnnotationSet(analyst="amina")
    notes.toggle_tag(TEXT, 15, 36, "diplomacy")
    text = dump_sidecar(SidecarData("t.txt", "0" * 64, notes.sorted()))
    assert '"note": "", "by": ["amina"]}' in text
    back = parse_sidecar(text)
    assert not back.hand_edited and back.annotations == notes.sorted()


def test_a_bad_by_entry_is_rejected_and_kept() -> None:
    text = dump_sidecar(SidecarData("t.txt", "0" * 64, [])).replace(
        "annotations: []",
        'annotations:\n- {"id": "x", "start": 0, "end": 5, "text": "Kabul", "by": "amina"}')
    data = parse_sidecar(text)
    assert data.annotations == [] and len(data.rejected) == 1
    assert "by must be a list" in data.problems[0]


def test_merges_keep_everyone_who_worked_on_an_annotation() -> None:
    base = AnnotationSet(analyst="amina")
    base.toggle_tag(TEXT, 0, 14, "security")
    [b] = base.sorted()
    mine = replace(b, tags=("security", "migration"), by=("amina", "chen"))
    theirs = replace(b, note="check", by=("amina", "bo"))
    [merged] = merge_annotations([b], [mine], [theirs]).annotations
    assert merged.by == ("amina", "bo", "chen")
    other_id = replace(b, id="other", tags=("diplomacy",), by=("dara",))
    [combined] = merge_annotations([], [b], [other_id]).annotations
    assert combined.by == ("amina", "dara")


def test_names() -> None:
    assert resolve_analyst("amina", "bo") == "amina"
    assert resolve_analyst(None, "bo") == "bo"
    assert resolve_analyst(None, None) == login_analyst()
    assert check_analyst(login_analyst()) == login_analyst()
    for bad in ("Amina K", "", "-x", "mine-1", "a/b", "x" * 41):
        with pytest.raises(AnalystError):
            check_analyst(bad)


def test_an_odd_login_name_is_made_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "Jean Dupont/ä")
    monkeypatch.setenv("USER", "Jean Dupont/ä")
    assert login_analyst() == "Jean-Dupont"
    monkeypatch.setenv("LOGNAME", "///")
    assert login_analyst() == "analyst"


def test_exports_name_the_analysts(tmp_path: Path) -> None:
    import csv
    import io
    import json
    import shutil

    from briefing_tui.core.codebook import Codebook
    from briefing_tui.core.export import render
    from briefing_tui.core.summary import build_summary

    from .git_helpers import Seed

    seed = Seed()
    shutil.copy(SEED, tmp_path / "article.txt")
    (tmp_path / "article.txt.annotations.yaml").write_text(seed.sidecar([
        seed.annotation(1, ("security",), by=("amina", "bo")),
        seed.annotation(2, ("migration",))]), encoding="utf-8")
    summary = build_summary([tmp_path], Codebook(), timestamp=None, workers=1)
    records = json.loads(render(summary, "json", Codebook()))["sentences"]
    assert [r.get("by") for r in records] == [["amina", "bo"], None]
    rows = list(csv.DictReader(io.StringIO(render(summary, "csv", Codebook()))))
    assert [r["by"] for r in rows] == ["amina;bo", ""]
    items = json.loads(render(summary, "jsonld", Codebook()))["first"]["items"]
    assert items[0]["creator"] == [{"type": "Person", "nickname": "amina"},
                                   {"type": "Person", "nickname": "bo"}]
    assert "creator" not in items[1]
    assert "· by amina, bo" in render(summary, "md", Codebook())
    assert '<small class="by">· by amina, bo</small>' in render(summary, "html", Codebook())
