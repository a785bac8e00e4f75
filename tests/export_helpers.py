"""Tagged briefings on disk for the summary, export and stats tests (real sidecars)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from briefing_tui.core.document import Document, open_document
from briefing_tui.core.segment import Sentence

from .constants import SAMPLES, SEED

#: The seed briefing's tags in the golden files: (sentence starts with, tags, note).
SEED_TAGS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Pakistan has expelled", ("migration", "security"), "Figures from the Afghan side."),
    ("The accelerated deportations", ("security", "diplomacy"), ""),
    ("Mullah Hamdullah Fitrat, deputy", ("migration",), ""),
    ("Pakistan has been undertaking", ("security",), "Cross-border *strikes*; see ¶8."),
    ("Such activities have also worsened", ("diplomacy", "security"), ""),
    ("The latest deportation campaign", ("migration",),
     "Five crossings:\nIslam Qala, Pul-i-Abresham, Spin Boldak, Bahramcha, Torkham."),
    ("The Afghan government, under the Taliban", ("diplomacy", "migration"),
     "Appeal to 'international partners' — which ones?"),
)


def find_sentence(document: Document, prefix: str) -> Sentence:
    for sentence in document.segmentation:
        if document.text.startswith(prefix, sentence.start):
            return sentence
    raise AssertionError(f"no sentence starts with {prefix!r}")


def tag(document: Document, sentence: Sentence, tags: Iterable[str], note: str = "") -> None:
    document.annotations.set_tags(document.text, sentence.start, sentence.end, tags)
    if note:
        document.annotations.set_note(document.text, sentence.start, sentence.end, note)


def tag_document(path: Path, tags: Iterable[tuple[str, tuple[str, ...], str]] = SEED_TAGS,
                 ) -> Document:
    """Tag sentences (found by how they start) and save the sidecar with core code."""
    document = open_document(path)
    for prefix, names, note in tags:
        tag(document, find_sentence(document, prefix), names, note)
    document.save()
    return document


def tagged_seed(folder: Path) -> Path:
    """A copy of the seed briefing in ``folder``, tagged with :data:`SEED_TAGS`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SEED.name
    shutil.copy(SEED, path)
    tag_document(path)
    return path


def tagged_samples(folder: Path) -> Path:
    """All sample briefings; the seed tagged, one other with a tag of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(SAMPLES.iterdir()):
        if source.is_file() and not source.name.endswith(".annotations.yaml"):
            shutil.copy(source, folder / source.name)
    tag_document(folder / SEED.name)
    other = open_document(folder / "kabul-dateline-talks.txt")
    tag(other, other.segmentation.sentence(1), ["diplomacy"], "Trade talks.")
    other.save()
    return folder


def hostile_document(folder: Path, hostile: str, name: str = "hostile.txt") -> Document:
    """A briefing with ``hostile`` inside a tagged sentence, at the start of another, and
    as the first one's note (twice: inline, and at the start of the note's second line)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    calm = "A calm sentence follows, long enough that one stray NUL is no binary file. " * 4
    path.write_text(f"Plain heading\n\nBefore {hostile} after it ends here.\n\n"
                    f"{hostile} opens this one.\n\n{calm}\n", encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    inside = split.sentence(split.index_at(document.text.index("Before ")) or 0)
    opening = split.sentence(split.index_at(document.text.index(" opens this one")) or 0)
    tag(document, inside, ["security", "migration"], f"{hostile}\n{hostile}")
    tag(document, opening, ["diplomacy"])
    document.save()
    return document
