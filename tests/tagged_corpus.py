"""Three sample briefings with real sidecars, for the export caches' tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing_tui.core.document import open_document

from .constants import SAMPLES

NAMES = ("afghan-deportations-2026.txt", "kabul-dateline-talks.txt",
         "nangarhar-returnees-names.txt")


def tagged_corpus(folder: Path, note: str = "") -> Path:
    """``folder`` with the three briefings, their third and fifth sentences tagged, and
    ``note`` (when given) on each fifth sentence."""
    folder.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLES / name, folder / name)
        document = open_document(folder / name)
        for index, tags in ((2, ["security"]), (4, ["migration", "diplomacy"])):
            sentence = document.segmentation.sentence(index)
            document.annotations.set_tags(document.text, sentence.start, sentence.end, tags)
        if note:
            sentence = document.segmentation.sentence(4)
            document.annotations.set_note(document.text, sentence.start, sentence.end, note)
        document.save()
    return folder
