"""Shared fixtures only; the shared paths are in :mod:`tests.constants`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .constants import SEED

if TYPE_CHECKING:
    from .app_helpers import SeedApp


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def no_personal_settings(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own ~/.config/briefing_tui must never change what tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)


@pytest.fixture
async def seed_app(tmp_path: Path) -> AsyncIterator[SeedApp]:
    """The real app at 120x35 on a copy of the seed briefing in ``tmp_path / "docs"``."""
    from .app_helpers import SeedApp, copy_samples, make_app  # the app only where used

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        yield SeedApp(app, pilot, folder / SEED.name)
