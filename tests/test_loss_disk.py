"""The sidecar changes under unsaved tags and then vanishes or becomes unreadable.

Each case drives the real app (``run_test``) on real files and asserts on the disk:
a missing sidecar is never an empty other side; an unreadable one is asked about once,
then watched until it is fixed, and the unsaved tags are merged into the fix; reload of
an unreadable sidecar then quit keeps the tag (a copy beside it).
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import read_sidecar, sidecar_path
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.dialogs import ChoiceDialog

from .app_helpers import copy_samples, make_app, saved, settle
from .constants import SEED
from .hostile_helpers import status_text

CONFLICTED = b"<<<<<<< ours\nversion: 1\n=======\nversion: 1\n>>>>>>> theirs\n"


def colleague_tags(doc: Path, index: int, tag: str) -> None:
    """Another app adds ``tag`` on sentence ``index`` and saves."""
    other = open_document(doc)
    split = other.segmentation
    other.annotations.toggle_tag(other.text, split.starts[index], split.ends[index], tag)
    other.save()


def tags(doc: Path) -> dict[str, tuple[str, ...]]:
    return {a.text[:20]: a.tags for a in saved(doc)}


def dialogs(app: BriefingApp) -> list[str]:
    return [s.title_text for s in app.screen_stack if isinstance(s, ChoiceDialog)]


async def start_with_unsaved_tag(pilot: object, app: BriefingApp) -> None:
    await pilot.press("1")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    app.save_delay = 60  # the next tag stays unsaved
    await pilot.press("j", "j", "3")  # type: ignore[attr-defined]


async def test_merge_after_the_sidecar_vanished_keeps_every_saved_tag(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await start_with_unsaved_tag(pilot, app)
        colleague_tags(doc, 1, "migration")
        app.check_disk()
        await pilot.pause()
        assert dialogs(app) == ["Sidecar changed on disk"]
        sidecar_path(doc).unlink()  # a branch switch while the dialog is open
        await pilot.press("enter")  # Merge
        await settle(pilot)
        app.save_entry(app.entries[0])
        await settle(pilot)
        assert "all saved" in status_text(app)
    assert sorted(tags(doc).values()) == [("diplomacy",), ("security",)]


async def test_reload_of_a_vanished_sidecar_writes_the_tags_back(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await start_with_unsaved_tag(pilot, app)
        colleague_tags(doc, 1, "migration")
        app.check_disk()
        await pilot.pause()
        sidecar_path(doc).unlink()
        app.screen.dismiss("reload")
        await pilot.press("q")
    assert sorted(tags(doc).values()) == [("diplomacy",), ("security",)]


async def test_reload_of_an_unreadable_sidecar_then_quit_keeps_the_tag(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await start_with_unsaved_tag(pilot, app)
        colleague_tags(doc, 1, "migration")
        app.check_disk()
        await pilot.pause()
        sidecar_path(doc).write_bytes(CONFLICTED)  # while the dialog is open
        app.screen.dismiss("reload")
        await pilot.pause()
        await pilot.press("escape")  # the one question about the unreadable file
        await pilot.press("q")
        await pilot.pause(0.1)
    assert app.return_code == 0
    assert sidecar_path(doc).read_bytes() == CONFLICTED  # never overwritten
    copies = sorted(folder.glob(f"{SEED.name}.annotations.mine-*.yaml"))
    assert len(copies) == 1
    kept = open_document(doc)
    kept.sidecar = copies[0]
    kept.load_sidecar()
    assert sorted(a.tags for a in kept.annotations) == [("diplomacy",), ("security",)]


async def test_an_unreadable_sidecar_is_asked_about_once_then_recovered(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await start_with_unsaved_tag(pilot, app)
        good = sidecar_path(doc).read_bytes()
        colleague_tags(doc, 1, "migration")
        theirs = sidecar_path(doc).read_bytes()
        sidecar_path(doc).write_bytes(CONFLICTED)  # a git merge left markers
        app.save_delay = 0.01
        app.save_entry(app.entries[0])
        await settle(pilot)
        app.check_disk()
        await settle(pilot)
        assert dialogs(app) == ["Sidecar unreadable on disk"]
        await pilot.press("enter")  # wait for the fix
        for _ in range(4):  # polls and saves come and go: never asked again
            app.check_disk()
            app.save_entry(app.entries[0])
            await settle(pilot)
            assert dialogs(app) == []
        assert sidecar_path(doc).read_bytes() == CONFLICTED
        assert "read-only" in status_text(app)
        sidecar_path(doc).write_bytes(theirs)  # git checkout --theirs
        app.check_disk()
        await settle(pilot)
        assert dialogs(app) == []
        assert "all saved" in status_text(app)
    assert good != theirs
    assert sorted(tags(doc).values()) == [("diplomacy",), ("migration",), ("security",)]


async def test_q_during_an_unreadable_sidecar_quits_and_keeps_a_copy(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await start_with_unsaved_tag(pilot, app)
        sidecar_path(doc).write_bytes(CONFLICTED)
        app.check_disk()
        await settle(pilot)
        await pilot.press("enter", "q")
        await pilot.pause(0.1)
    assert app.return_code == 0
    assert sidecar_path(doc).read_bytes() == CONFLICTED
    assert len(list(folder.glob("*.mine-*.yaml"))) == 1


async def test_quit_before_the_poll_saw_an_unreadable_sidecar_keeps_a_copy(
        tmp_path: Path) -> None:
    """Everything saved, then a merge leaves conflict markers, then q before the disk poll
    noticed: the tags were only in the app (the file holds markers), and quit skipped the
    clean document (found when a loaded full suite ran `test_loss_pty`)."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1", "j", "2")
        await settle(pilot)
        assert not app.opened_entries()[0].document.dirty  # type: ignore[union-attr]
        sidecar_path(doc).write_bytes(CONFLICTED)
        await pilot.press("q")  # no check_disk: the poll has not run since
        await pilot.pause(0.1)
    assert app.return_code == 0
    assert sidecar_path(doc).read_bytes() == CONFLICTED  # never written over
    copies = list(folder.glob("*.mine-*.yaml"))
    assert len(copies) == 1
    found = read_sidecar(copies[0])
    assert found is not None
    assert sorted(a.tags for a in found[0].annotations) == [("migration",), ("security",)]
