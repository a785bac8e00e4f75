"""Where things go and what is counted: the last place, the summary file, orphans, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from briefing_tui.core.document import open_document
from briefing_tui.core.state import AppState, load_state, state_path
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.export_dialog import ExportDialog
from briefing_tui.tui.panes import AnnotationsPane
from briefing_tui.tui.summary_screen import default_summary_path

from .app_helpers import copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED


async def test_restart_reopens_the_last_document_at_the_last_sentence(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs")
    app = make_app(folder)
    app.state = load_state()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("ctrl+n", "j", "j", "j", "j")
        where, quote = reader(app).document, sentence(app)
        await pilot.press("q")
    assert where is not None
    assert state_path().is_file() and not list(folder.glob("*.json"))  # never beside them
    again = make_app(folder)
    again.state = load_state()
    async with again.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        view = reader(again)
        assert view.document is not None and view.document.path == where.path
        assert sentence(again) == quote


def test_a_broken_state_file_means_no_state(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_state(path) == AppState()
    path.write_text('{"places": {"a": -1, "b": true, "c": 3}, "last_document": 7}')
    assert load_state(path) == AppState(places={"c": 3})


def test_the_summary_never_defaults_into_an_opened_folder(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    (docs / "inner").mkdir(parents=True)
    monkeypatch.chdir(docs / "inner")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path, fmt = default_summary_path([docs / "a.txt", docs / "inner" / "b.txt"], None)
    assert path == tmp_path / "home" / "briefing-summary.md" and fmt == "md"
    remembered = AppState(summary_path=str(tmp_path / "out" / "s.html"), summary_format="html")
    assert default_summary_path([docs / "a.txt"], remembered) == (tmp_path / "out" / "s.html",
                                                                  "html")
    inside = AppState(summary_path=str(docs / "s.csv"), summary_format="csv")
    assert default_summary_path([docs / "a.txt"], inside)[0].parent == tmp_path / "home"


async def test_the_written_summary_path_and_format_are_remembered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    monkeypatch.chdir(tmp_path)
    app = make_app(folder)
    app.state = AppState()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "2", "e")
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert Path(box.value) == tmp_path / "briefing-summary.md"  # not in docs/
        box.value = str(tmp_path / "out.json")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "out.json").is_file()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one(Input).value == str(tmp_path / "out.json")
    assert load_state().summary_format == "json"
    assert [p.name for p in folder.iterdir() if "summary" in p.name] == []


def _orphaned(folder: Path) -> Path:
    """A tagged sentence whose text is then deleted from the document: an orphan."""
    doc = folder / SEED.name
    document = open_document(doc)
    split = document.segmentation
    gone = document.segmentation.sentence_text(3)
    document.annotations.set_tags(document.text, split.starts[3], split.ends[3], ["security"])
    document.annotations.set_tags(document.text, split.starts[5], split.ends[5], ["migration"])
    document.save()
    doc.write_text(doc.read_text(encoding="utf-8").replace(gone, ""), encoding="utf-8")
    return doc


@pytest.mark.parametrize("choice", ["attach", "delete"])
async def test_an_orphan_is_reattached_or_deleted_from_the_annotations_pane(
        tmp_path: Path, choice: str) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = _orphaned(folder)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        entry = app.entries[0]
        assert entry.counts == {"migration": 1}  # the orphan is not counted as a tag
        await pilot.press("j")
        target = sentence(app)
        pane = app.query_one(AnnotationsPane)
        orphan = next(k for k, a in pane._targets.items() if a.anchor.value == "orphan")
        pane.highlighted = pane.get_option_index(orphan)
        pane.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click(f"#choice-{choice}")
        await settle(pilot)
        assert entry.counts == ({"migration": 1, "security": 1} if choice == "attach"
                                else {"migration": 1})
    found = {a.text: a.tags for a in saved(doc)}
    assert all(a.anchor.value != "orphan" for a in saved(doc))
    if choice == "attach":
        assert found[target] == ("security",)
    else:
        assert list(found.values()) == [("migration",)]
