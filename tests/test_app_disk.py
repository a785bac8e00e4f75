"""The app and the disk: sidecars changed elsewhere, failed saves, reviews, settings."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from briefing_tui.core.document import open_document
from briefing_tui.core.settings import ConfigError, Settings, load_settings
from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.tui.dialogs import ChoiceDialog
from briefing_tui.tui.keys import binding_ids
from briefing_tui.tui.status import StatusBar

from .app_helpers import copy_samples, make_app, reader, saved, sentence, settle
from .constants import SEED


def tag_outside_app(doc: Path, index: int, tag: str) -> None:
    """What another analyst (or a git pull) does to the sidecar."""
    document = open_document(doc)
    split = document.segmentation
    document.annotations.toggle_tag(document.text, split.starts[index], split.ends[index], tag)
    document.save()


async def test_sidecar_changed_elsewhere_is_reloaded_when_nothing_is_unsaved(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1")
        await settle(pilot)
        tag_outside_app(doc, 5, "diplomacy")
        app.check_disk()
        await settle(pilot)
        document = reader(app).document
        assert document is not None
        assert sorted(t for a in document.annotations.sorted() for t in a.tags) == [
            "diplomacy", "security"]
        assert not document.dirty


async def test_unsaved_changes_and_a_changed_sidecar_ask_and_merge(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    app.save_delay = 60  # keep our change unsaved
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1")
        await settle(pilot)
        assert not sidecar_path(doc).exists()
        tag_outside_app(doc, 5, "diplomacy")
        theirs = sidecar_path(doc).read_bytes()
        app.check_disk()
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert sidecar_path(doc).read_bytes() == theirs  # not overwritten while asking
        await pilot.click("#choice-merge")
        await settle(pilot)
        app.save_entry(app.entries[0])
        await settle(pilot)
        assert sorted(t for a in saved(doc) for t in a.tags) == ["diplomacy", "security"]


async def test_conflict_keep_mine_as_copy(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    app.save_delay = 60
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("2")
        tag_outside_app(doc, 5, "diplomacy")
        app.save_entry(app.entries[0])  # the save finds the file changed
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-copy")
        await settle(pilot)
    copies = sorted(folder.glob("*.mine-*.yaml"))
    assert len(copies) == 1
    assert [a.tags for a in saved(doc)] == [("diplomacy",)]
    from briefing_tui.core.sidecar import read_sidecar
    found = read_sidecar(copies[0])
    assert found is not None and [a.tags for a in found[0].annotations] == [("migration",)]


async def test_failed_save_is_shown_kept_and_retried(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    real_replace = os.replace

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        status = str(app.query_one(StatusBar).render())
        assert "NOT SAVED" in status
        assert not sidecar_path(doc).exists()
        assert list(folder.glob(".*tmp*")) == []  # no temp file left behind
        monkeypatch.setattr(os, "replace", real_replace)
        await pilot.pause(0.4)  # the retry
        await settle(pilot)
        assert [a.tags for a in saved(doc)] == [("diplomacy",)]
        assert "all saved" in str(app.query_one(StatusBar).render())


async def test_changed_document_marks_review_and_accept_clears_it(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    tag_outside_app(doc, 3, "migration")
    text = doc.read_text(encoding="utf-8").replace("7,000 Afghan", "7,500 Afghan")
    doc.write_text(text, encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.entries[0].attention.startswith("0 orphaned, 1 to review")
        await pilot.press("j", "j", "j")
        assert "7,500" in sentence(app)
        await pilot.press("a")
        await settle(pilot)
        assert app.entries[0].attention == ""  # the documents pane says so at once
        assert app.entries[0].counts == {"migration": 1}
    [annotation] = saved(doc)
    assert annotation.anchor.value == "exact"
    assert "7,500" in annotation.text


async def test_keymap_from_settings_remaps_a_key(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    config = tmp_path / "config.yaml"
    config.write_text("keymap:\n  next: 'l'\n  tag_security: 'z'\ntheme: textual-light\n")
    settings = load_settings(config, binding_ids())
    app = make_app(folder)
    app.settings = settings
    async with app.run_test(size=(120, 35)) as pilot:
        assert app.theme == "textual-light"
        await pilot.press("l", "l")
        assert reader(app).cursor == 2
        await pilot.press("j", "z")
        assert reader(app).cursor == 2
        await settle(pilot)
    assert [a.tags for a in saved(folder / SEED.name)] == [("security",)]


@pytest.mark.parametrize(("content", "message"), [
    ("keymap:\n  nope: 'x'\n", "no binding with id 'nope'"),
    ("keymap: [1]\n", "keymap must map"),
    ("colour: red\n", "unknown setting 'colour'"),
    ("keymap:\n  next: 3\n", "must be text"),
    ("a: &x 1\nb: *x\n", "anchors"),
])
def test_bad_settings_are_refused_with_a_reason(tmp_path: Path, content: str,
                                                message: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, binding_ids())


def test_missing_default_settings_mean_defaults(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    assert load_settings() == Settings()
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "absent.yaml")


async def test_quit_with_a_failing_save_asks_before_losing_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    app = make_app(folder)
    app.save_delay = 60
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert app.is_running
        await pilot.click("#choice-stay")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert app.return_value == 1
    assert any("NOT SAVED" in m for m in app.exit_messages)


async def test_choosing_an_annotation_jumps_the_reader_there(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    tag_outside_app(folder / SEED.name, 12, "security")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert reader(app).cursor == 0
        await pilot.click("#annotations")
        await pilot.press("down", "enter")
        assert reader(app).cursor == 12
        assert app.focused is reader(app)


async def test_document_edited_on_disk_is_reread_and_tags_follow(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "j", "j", "2")  # "Pakistan has expelled …"
        await settle(pilot)
        text = doc.read_text(encoding="utf-8")
        text = "Editor's note: updated.\n\n" + text.replace("UN Women/Sayed Habib Bidell/Flickr",
                                                           "")
        doc.write_text(text, encoding="utf-8")
        app.check_disk()
        await settle(pilot)
        assert sentence(app).startswith("Pakistan has expelled")  # the cursor followed
        [annotation] = saved(doc)
        assert text[annotation.start:annotation.end].startswith("Pakistan has expelled")
        assert annotation.tags == ("migration",)
        doc.unlink()
        app.check_disk()
        await settle(pilot)
        assert app.is_running
        assert app.entries[0].attention.startswith("document no such file")
        assert [a.tags for a in saved(doc)] == [("migration",)]
