"""The split cache (issue #17): a second export of an unchanged folder splits nothing,
a changed briefing is split again alone, and a bad entry is ignored and rebuilt."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import FORMATS, render
from briefing_tui.core.extract import cache, split_cache
from briefing_tui.core.fixes import join_next
from briefing_tui.core.summary import build_summary

from .tagged_corpus import NAMES, tagged_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three sample briefings, their third and fifth sentences tagged (real sidecars)."""
    return tagged_corpus(tmp_path / "corpus")


def export(folder: Path) -> tuple[dict[str, str], int, int]:
    """Every format's output, and the (hits, splits) this export cost. Each briefing's
    summary part is built anew (no kept part: the split cache is under test here)."""
    where = cache.folder()
    if where is not None and (where / "parts").is_dir():
        shutil.rmtree(where / "parts")
    hits, splits = split_cache.stats.hits, split_cache.stats.splits
    book = Codebook()
    summary = build_summary([folder], book, timestamp=None, workers=1)
    outputs = {fmt: render(summary, fmt, book) for fmt in FORMATS}
    return outputs, split_cache.stats.hits - hits, split_cache.stats.splits - splits


def entries() -> list[Path]:
    folder = cache.folder()
    assert folder is not None
    return sorted((folder / "splits").glob("*.json"))


def test_second_export_splits_nothing_and_writes_the_same_bytes(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, hits, splits = export(corpus)
    assert (hits, splits) == (0, 3)
    assert len(entries()) == 3
    second, hits, splits = export(corpus)
    assert (hits, splits) == (3, 0)
    assert second == first
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    uncached, hits, splits = export(corpus)
    assert (hits, splits) == (0, 3)
    assert uncached == first


def test_a_changed_text_is_split_again_alone(corpus: Path) -> None:
    export(corpus)
    path = corpus / NAMES[1]
    path.write_text(path.read_text(encoding="utf-8") + "\n\nA new closing line was added.\n",
                    encoding="utf-8")
    outputs, hits, splits = export(corpus)
    assert (hits, splits) == (2, 1)
    assert "A new closing line" not in outputs["md"]  # untagged, but the tags still hold
    assert outputs["md"].count("security") >= 3


def test_a_changed_sidecar_is_seen_without_splitting(corpus: Path) -> None:
    export(corpus)
    document = open_document(corpus / NAMES[0])
    sentence = document.segmentation.sentence(6)
    document.annotations.set_tags(document.text, sentence.start, sentence.end, ["casualties"])
    document.save()
    outputs, hits, splits = export(corpus)
    assert (hits, splits) == (3, 0)
    assert document.text[sentence.start:sentence.end] in outputs["md"]
    assert "casualties" in outputs["md"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "past the end"])
def test_a_bad_entry_is_ignored_and_rebuilt(corpus: Path, damage: str) -> None:
    expected, _, _ = export(corpus)
    for entry in entries():
        record = json.loads(entry.read_bytes())
        if damage == "garbage":
            entry.write_bytes(b"\x00\xffnot json")
        elif damage == "truncated":
            entry.write_bytes(entry.read_bytes()[:100])
        elif damage == "foreign":
            record["sha256"] = "0" * 64
            entry.write_text(json.dumps(record), encoding="ascii")
        else:  # well-formed, but its last sentence ends past the text
            from array import array
            from base64 import b64decode, b64encode
            ends = array("q", b64decode(record["ends"]))
            ends[-1] = record["length"] + 10
            record["ends"] = b64encode(ends.tobytes()).decode("ascii")
            entry.write_text(json.dumps(record), encoding="ascii")
    outputs, hits, splits = export(corpus)
    assert (hits, splits) == (0, 3)
    assert outputs == expected
    _, hits, splits = export(corpus)  # rebuilt: used again
    assert (hits, splits) == (3, 0)


def test_an_unwritable_cache_is_no_error(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker))
    first, _, splits = export(corpus)
    second, hits, again = export(corpus)
    assert (splits, hits, again) == (3, 0, 3)
    assert second == first


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return set()


def test_a_sidecar_s_joins_and_splits_apply_on_top_of_a_cached_split(corpus: Path) -> None:
    path = corpus / NAMES[0]
    document = open_document(path)
    split = document.segmentation
    index = next(i for i in range(len(split) - 1) if split.para_of[i] == split.para_of[i + 1])
    joined = join_next(document, index)
    sentence = document.segmentation.sentence(joined)
    document.annotations.set_tags(document.text, sentence.start, sentence.end, ["diplomacy"])
    document.save()
    quote = document.text[sentence.start:sentence.end]
    count = len(document.segmentation)

    first, _hits, splits = export(corpus)
    assert splits >= 1
    second, hits, splits = export(corpus)
    assert (hits, splits) == (3, 0)  # the join came from the sidecar, on the cached split
    assert second == first
    assert quote in _strings(json.loads(first["json"]))  # the joined sentence, whole
    again = open_document(path, cached_split=True)
    assert len(again.segmentation) == count
    assert again.segmentation.sentence(joined).end == sentence.end


def test_a_write_killed_midway_leaves_no_temp_file_for_good(corpus: Path) -> None:
    export(corpus)
    where = entries()[0].parent
    killed, under_way = where / ".abc.123.tmp", where / ".def.456.tmp"
    killed.write_bytes(b"{half")
    under_way.write_bytes(b"{half")
    old = time.time() - cache.STALE_TEMP_SECONDS - 60
    os.utime(killed, (old, old))
    cache.prune(where)
    assert not killed.exists()
    assert under_way.exists()  # another process may be writing it now
    assert len(entries()) == 3  # the entries themselves stay
