"""One folder open in two apps: neither overwrites the other's tags, the second is told.

With ``run_test`` two apps run side by side in this process (their locks carry different
tokens, so each sees the other's as live); tests/test_two_processes.py does the same with
two real processes in two pseudo-terminals.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.core.lock import Owner, lock_path
from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.dialogs import ChoiceDialog

from .app_helpers import copy_samples, make_app, saved, settle
from .constants import SEED
from .hostile_helpers import status_text, toast_texts


def lock_owner(doc: Path) -> str | None:
    """The token in the lock file, None when there is none."""
    path = lock_path(doc)
    owner = Owner.parse(path.read_bytes()) if path.exists() else None
    return None if owner is None else owner.token


def lock_token(app: BriefingApp, doc: Path) -> str:
    held = next(e.lock for e in app.entries if e.path == doc)
    assert held is not None and held.lock.me is not None
    me = held.lock.me
    return me.token


def tags(doc: Path) -> list[tuple[str, ...]]:
    return [a.tags for a in saved(doc)] if sidecar_path(doc).exists() else []


async def test_second_app_is_told_and_read_only_until_the_first_closes(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    first, second = make_app(folder), make_app(folder)
    async with first.run_test(size=(120, 35)) as one:
        assert lock_path(doc).exists()
        async with second.run_test(size=(120, 35), notifications=True) as two:
            await two.pause()
            assert isinstance(second.screen, ChoiceDialog)
            assert "also open by" in str(second.screen.message)
            await two.press("enter")  # the default: read-only
            assert "read-only: also open by" in status_text(second)
            await two.press("1")  # a tag key asks again; escape keeps it read-only
            assert isinstance(second.screen, ChoiceDialog)
            await two.press("escape", "j", "2", "escape")
            await settle(two)
            assert not isinstance(second.screen, ChoiceDialog)
            assert tags(doc) == []  # the second changed and wrote nothing
            assert second.entries[0].document is not None
            assert len(second.entries[0].document.annotations) == 0
            await one.press("3")  # the first tags; the second follows it
            await settle(one)
            second.check_disk()
            await settle(two)
            entry = second.entries[0]
            assert entry.document is not None
            assert [a.tags for a in entry.document.annotations.sorted()] == [("diplomacy",)]
            await one.press("q")
            await one.pause()
            # released on quit (the second's 2 s poll may already have taken it)
            assert lock_owner(doc) in (None, lock_token(second, doc))
            second.check_locks()
            await settle(two)
            assert any("no longer open elsewhere" in t for t in
                       [*toast_texts(second), *(n.message for n in second._notifications)])
            assert lock_owner(doc) == lock_token(second, doc)  # now the second's
            await two.press("j", "2")
            await settle(two)
            assert tags(doc) == [("diplomacy",), ("migration",)]
    assert not lock_path(doc).exists()


async def test_edit_anyway_then_both_edit_and_the_conflict_merges(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    first, second = make_app(folder), make_app(folder)
    first.save_delay = 60  # the first keeps its change unsaved for now
    async with first.run_test(size=(120, 35)) as one:
        async with second.run_test(size=(120, 35)) as two:
            await two.pause()
            assert isinstance(second.screen, ChoiceDialog)
            await two.click("#choice-edit")
            await one.press("1")  # unsaved in the first
            await two.press("j", "2")
            await settle(two)
            assert tags(doc) == [("migration",)]  # the second saved
            theirs = sidecar_path(doc).read_bytes()
            first.save_entry(first.entries[0])  # finds the file changed: asks
            await settle(one)
            assert isinstance(first.screen, ChoiceDialog)
            assert sidecar_path(doc).read_bytes() == theirs  # nothing overwritten
            await one.click("#choice-merge")
            await settle(one)
            first.save_entry(first.entries[0])
            await settle(one)
            assert tags(doc) == [("security",), ("migration",)]
            second.check_disk()  # the second reloads the merged file (nothing unsaved)
            await settle(two)
            document = second.entries[0].document
            assert document is not None and len(document.annotations) == 2
        await one.press("q")


async def test_read_only_folder_still_opens_with_editable_tags(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No file can be created (as root, chmod would not stop us): no lock, no sidecar."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", refuse)
    app: BriefingApp = make_app(folder)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Cannot lock" in m and "read-only" in m for m in messages), messages
        await pilot.press("2")
        await settle(pilot)
        document = app.entries[0].document
        assert document is not None
        assert [a.tags for a in document.annotations.sorted()] == [("migration",)]
        assert "NOT SAVED" in status_text(app) and "read-only" in status_text(app)
    assert not sidecar_path(folder / SEED.name).exists()
    assert not lock_path(folder / SEED.name).exists()


async def test_two_analysts_coding_their_own_layers_do_not_lock_each_other(
        tmp_path: Path) -> None:
    """Double coding: each writes only their layer, so neither is told "also open by"; the
    same analyst twice still is."""
    from briefing_tui.core.sidecar import parse_sidecar
    from briefing_tui.core.sidecar.layers import layer_path

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    apps = [make_app(folder) for _ in range(3)]
    for app, name in zip(apps, ("amina", "bo", "amina"), strict=True):
        app.analyst, app.layer_mode = name, True
    async with apps[0].run_test(size=(120, 35)) as one, \
            apps[1].run_test(size=(120, 35)) as two:
        await settle(one)
        await settle(two)
        assert not isinstance(apps[1].screen, ChoiceDialog)
        assert lock_path(doc, "amina").exists() and lock_path(doc, "bo").exists()
        await one.press("1")
        await two.press("j", "2")
        await settle(one)
        await settle(two)
        async with apps[2].run_test(size=(120, 35)) as three:
            await three.pause()
            assert isinstance(apps[2].screen, ChoiceDialog)  # amina's layer, open twice
    assert [a.tags for a in parse_sidecar(layer_path(doc, "amina").read_text()).annotations] \
        == [("security",)]
    assert [a.tags for a in parse_sidecar(layer_path(doc, "bo").read_text()).annotations] \
        == [("migration",)]
    assert not lock_path(doc, "amina").exists() and not lock_path(doc).exists()
