"""Running the real app on real files in tmp_path, and reading back what it saved."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.sidecar import read_sidecar, sidecar_path
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.entry import entries_for
from briefing_tui.tui.reader import Reader

from .constants import SAMPLES, SEED


def copy_samples(folder: Path, only_seed: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sources = [SEED] if only_seed else sorted(SAMPLES.iterdir())
    for source in sources:
        if source.is_file() and not source.name.endswith(".annotations.yaml"):
            shutil.copy(source, folder / source.name)
    return folder


@dataclass
class SeedApp:
    """The real app running on a copy of the seed briefing (the ``seed_app`` fixture)."""

    app: BriefingApp
    pilot: Pilot[int]
    doc: Path  # the copy of the seed briefing the app shows


def make_app(*paths: Path, codebook: Codebook | None = None) -> BriefingApp:
    app = BriefingApp(entries_for(find_documents(paths).documents), codebook)
    app.save_delay = 0.01
    app.retry_delay = 0.2
    app.suggest_delay = 600.0  # no suggestions unless a test asks (tests/test_app_suggest.py)
    return app


async def settle(pilot: Pilot[int]) -> None:
    """Let timers fire and save workers finish."""
    for _ in range(3):
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def saved(document: Path) -> list[Annotation]:
    found = read_sidecar(sidecar_path(document))
    assert found is not None, f"no sidecar for {document.name}"
    return found[0].annotations


def reader(app: BriefingApp, ident: str = "reader-1") -> Reader:
    return app.query_one(f"#{ident}", Reader)


def sentence(app: BriefingApp, ident: str = "reader-1") -> str:
    view = reader(app, ident)
    assert view.document is not None
    return view.document.segmentation.sentence_text(view.cursor)
