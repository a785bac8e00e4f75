"""Look-alike briefings for the suggestion tests: written here, tagged through the core."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefing_tui.core.document import open_document

ATTACKS = [f"Gunmen attacked a checkpoint in district {n} and killed two soldiers."
           for n in range(1, 31)]
TALKS = [f"The foreign minister held talks with the envoy in round {n} of negotiations."
         for n in range(1, 31)]
PLAIN = [f"Rainfall in the valley was normal for week {n} of the season." for n in range(1, 31)]


def write_briefing(path: Path, sentences: Iterable[str]) -> Path:
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return path


def tag_sentences(path: Path, tag: str, starting: Iterable[str],
                  dismiss: dict[str, list[str]] | None = None) -> None:
    """Tag every sentence that starts with one of ``starting``; ``dismiss`` maps a
    sentence start to the tags dismissed on it (as the reader would write them)."""
    document = open_document(path)
    split = document.segmentation
    prefixes = tuple(starting)
    for sentence in split:
        text = split.text[sentence.start:sentence.end]
        if text.startswith(prefixes):
            document.annotations.toggle_tag(document.text, sentence.start, sentence.end, tag)
            for begin, tags in (dismiss or {}).items():
                if text.startswith(begin):
                    for dismissed in tags:
                        document.annotations.dismiss(document.text, sentence.start,
                                                     sentence.end, dismissed)
    assert document.save()
