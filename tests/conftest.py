"""Shared fixtures only; the shared paths are in :mod:`tests.constants`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .constants import SEED

if TYPE_CHECKING:
    from .app_helpers import SeedApp


#: Where a module's names come from when it drives the whole app (Pilot through
#: ``run_test``) or starts other processes (the CLI, git, a server).
_APP_MODULES = {"briefing_tui.tui.app", "tests.app_helpers"}
_PROCESS_MODULES = {"subprocess", "tests.git_helpers", "tests.serve_helpers",
                    "tests.pty_helpers"}


def _uses(module: object, sources: set[str]) -> bool:
    return any(getattr(value, "__module__", None) in sources or
               getattr(value, "__name__", None) in sources for value in vars(module).values())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what the edit loop (``make test-fast``) leaves out, from what a test uses, so
    no test file has to remember it: ``snapshot`` (an SVG of the app), ``app`` (in a
    module that runs the whole app), ``process`` (in a module that starts processes),
    ``property`` (Hypothesis). ``system`` is marked by hand (tests/test_crash.py).
    Then order them, slowest kinds first (:func:`_cost`)."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        module = getattr(item, "module", None)
        if "snap_compare" in names:
            item.add_marker(pytest.mark.snapshot)
        if "seed_app" in names or (module is not None and _uses(module, _APP_MODULES)):
            item.add_marker(pytest.mark.app)
        if module is not None and _uses(module, _PROCESS_MODULES):
            item.add_marker(pytest.mark.process)
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.property)
    items.sort(key=_cost)


#: The tests that take longest, one each (a 50-round soak, every benchmark): started
#: first, so that neither is left running alone on one core at the end.
_LONGEST = ("tests/test_soak_quick.py", "tests/test_benchmarks_quick.py")
#: Slowest kinds first (ptys and kills, then other processes, the app, properties).
_KINDS = ("system", "process", "snapshot", "app", "property")


def _cost(item: pytest.Item) -> int:
    """Where ``item`` runs: slow ones first. ``--dist worksteal`` (pyproject.toml) hands
    the two workers halves of this order and lets an idle one take from the other's
    queue, so the run ends on short tests on both cores instead of one long one. The
    sort is stable: a file's tests of one kind stay together and in their order."""
    if item.nodeid.startswith(_LONGEST):
        return 0
    for rank, kind in enumerate(_KINDS, start=1):
        if item.get_closest_marker(kind) is not None:
            return rank
    return len(_KINDS) + 1


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def no_personal_settings(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own ~/.config/briefing_tui must never change what tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)


@pytest.fixture
async def seed_app(tmp_path: Path) -> AsyncIterator[SeedApp]:
    """The real app at 120x35 on a copy of the seed briefing in ``tmp_path / "docs"``."""
    from .app_helpers import SeedApp, copy_samples, make_app  # the app only where used

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        yield SeedApp(app, pilot, folder / SEED.name)
