"""Save the README's screenshot with the app itself: the seed briefing, tagged, in 120x35.

    .venv/bin/python docs/make_screenshot.py      # or: make screenshot

Works on a temporary copy of sample_docs/, so nothing is written beside the samples.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import open_document
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.entry import entries_for

ROOT = Path(__file__).resolve().parent.parent
SEED = "afghan-deportations-2026.txt"
TAGS = [(0, ["migration"], ""),
        (3, ["migration", "security"], "Figures from the Afghan side (Fitrat)."),
        (4, ["security", "diplomacy"], ""),
        (5, ["migration", "security", "diplomacy"], ""),
        (7, ["security"], ""),
        (8, ["security"], "")]


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sample_docs"
        shutil.copytree(ROOT / "sample_docs", folder,
                        ignore=shutil.ignore_patterns("*.annotations.yaml"))
        document = open_document(folder / SEED)
        split = document.segmentation
        for index, tags, note in TAGS:
            start, end = split.starts[index], split.ends[index]
            document.annotations.set_tags(document.text, start, end, tags)
            if note:
                document.annotations.set_note(document.text, start, end, note)
        document.save()
        app = BriefingApp(entries_for(find_documents([folder]).documents))
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press(*"jjjjj")
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot("screenshot.svg", str(ROOT / "docs"))
    print(ROOT / "docs" / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
