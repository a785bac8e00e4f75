"""A sidecar deleted on disk while the app has its tags (git checkout, a sync glitch).

Found by this issue's tests: the poll took the deletion for a reload, kept the tags in
memory, showed "all saved" with no file on disk, and quitting then lost them. Now the app
writes them back and says so; undo and quit keep working.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.tui.dialogs import ChoiceDialog

from .app_helpers import copy_samples, make_app, saved, settle
from .constants import SEED
from .hostile_helpers import status_text


async def test_deleted_sidecar_is_written_back_not_reported_saved(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await pilot.press("1", "j", "2")
        await settle(pilot)
        assert len(saved(doc)) == 2
        sidecar_path(doc).unlink()
        app.check_disk()
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert [a.tags for a in saved(doc)] == [("security",), ("migration",)]
        assert "all saved" in status_text(app)
        assert any("deleted on disk" in n.message for n in app._notifications)


async def test_deleted_sidecar_with_unsaved_tags_keeps_them_all(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1")
        await settle(pilot)
        app.save_delay = 60
        await pilot.press("j", "3")
        sidecar_path(doc).unlink()
        app.save_entry(app.entries[0])  # the save finds the file gone
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        await pilot.press("q")
    assert [a.tags for a in saved(doc)] == [("security",), ("diplomacy",)]
