"""The summary cache (issue #17): a second export of an unchanged folder rebuilds no
briefing's part and writes the same bytes as a cold run and as a run without the cache;
a changed sidecar, text, codebook, brief.yaml or option rebuilds only what it must; a bad
entry is ignored and rebuilt."""

from __future__ import annotations

import hashlib
import json
import marshal
import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.core import summary_cache
from briefing_tui.core.codebook import DEFAULT_TAGS, Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import FORMATS, render
from briefing_tui.core.extract import cache, split_cache
from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.core.summary import build_summary

from .tagged_corpus import NAMES, tagged_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three sample briefings, their third and fifth sentences tagged, a note on one."""
    return tagged_corpus(tmp_path / "corpus", note="Check against UNHCR")


Counts = tuple[int, int, int]  # parts used, parts built, texts split


def export(folder: Path, book: Codebook | None = None, *, tags: Collection[str] | None = None,
           include_notes: bool = True, context: int = 0,
           ) -> tuple[dict[str, str], Counts]:
    """Every format's output, and what this export cost."""
    before = (summary_cache.stats.hits, summary_cache.stats.builds, split_cache.stats.splits)
    book = book or Codebook()
    summary = build_summary([folder], book, timestamp=None, workers=1, tags=tags,
                            include_notes=include_notes, context=context)
    outputs = {fmt: render(summary, fmt, book) for fmt in FORMATS}
    after = (summary_cache.stats.hits, summary_cache.stats.builds, split_cache.stats.splits)
    hits, builds, splits = (a - b for a, b in zip(after, before, strict=True))
    return outputs, (hits, builds, splits)


def uncached(folder: Path, monkeypatch: pytest.MonkeyPatch, book: Codebook | None = None,
             **options: Any) -> dict[str, str]:
    with monkeypatch.context() as patch:
        patch.setenv("BRIEFING_NO_CACHE", "1")
        outputs, counts = export(folder, book, **options)
    assert counts[0] == 0
    return outputs


def entries() -> list[Path]:
    folder = cache.folder()
    assert folder is not None
    return sorted((folder / "parts").glob(f"*{summary_cache.SUFFIX}"))


def test_second_export_rebuilds_no_part_and_writes_the_same_bytes(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold, counts = export(corpus)
    assert counts == (0, 3, 3)
    assert len(entries()) == 3
    warm, counts = export(corpus)
    assert counts == (3, 0, 0)  # nothing opened, split or parsed
    assert warm == cold
    assert uncached(corpus, monkeypatch) == cold
    assert "Check against UNHCR" in warm["md"]


def test_a_folder_moved_elsewhere_uses_its_parts(corpus: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    export(corpus)
    moved = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(corpus, moved)
    outputs, counts = export(moved)
    assert counts == (3, 0, 0)
    assert outputs == uncached(moved, monkeypatch)  # its own paths, not the old ones
    assert str(moved) in outputs["json"] and str(corpus) not in outputs["json"]


def test_a_changed_sidecar_rebuilds_its_part_alone(corpus: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    export(corpus)
    document = open_document(corpus / NAMES[0])
    sentence = document.segmentation.sentence(6)
    document.annotations.set_tags(document.text, sentence.start, sentence.end, ["casualties"])
    document.save()
    outputs, counts = export(corpus)
    assert counts == (2, 1, 0)  # its split is still cached
    assert document.text[sentence.start:sentence.end] in outputs["md"]
    assert outputs == uncached(corpus, monkeypatch)


def test_a_changed_text_rebuilds_its_part_alone(corpus: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = export(corpus)
    path = corpus / NAMES[1]
    path.write_text("A new opening line was added.\n\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    outputs, counts = export(corpus)
    assert counts == (2, 1, 1)
    assert outputs != first  # moved tags, a new hash: re-anchored
    assert outputs == uncached(corpus, monkeypatch)


def test_an_unreadable_sidecar_is_reported_from_its_part_too(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sidecar_path(corpus / NAMES[2]).write_text("annotations: [unclosed\n", encoding="utf-8")
    first, counts = export(corpus)
    assert "sidecar unreadable" in first["md"]
    second, counts = export(corpus)
    assert counts == (3, 0, 0)
    assert second == first == uncached(corpus, monkeypatch)


def test_another_codebook_order_rebuilds_every_part(corpus: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    export(corpus)
    reordered = Codebook(list(reversed(DEFAULT_TAGS)))
    outputs, counts = export(corpus, reordered)
    assert counts == (0, 3, 0)
    assert outputs == uncached(corpus, monkeypatch, reordered)
    assert export(corpus, reordered)[1] == (3, 0, 0)
    assert export(corpus)[1] == (3, 0, 0)  # the first codebook's parts are still there


@pytest.mark.parametrize("options", [{"tags": ["security"]}, {"include_notes": False},
                                     {"context": 1}])
def test_an_option_that_changes_parts_rebuilds_them(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, Any]) -> None:
    plain, _ = export(corpus)
    outputs, counts = export(corpus, **options)
    assert counts == (0, 3, 0)
    assert outputs != plain
    assert outputs == uncached(corpus, monkeypatch, **options)
    assert export(corpus, **options)[1] == (3, 0, 0)


def test_brief_yaml_rebuilds_parts_only_when_its_places_or_actors_change(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export(corpus)
    brief = corpus / "brief.yaml"
    brief.write_text("title: Border returns, October\n", encoding="utf-8")
    outputs, counts = export(corpus)
    assert counts == (3, 0, 0)  # a title is read at the end, across briefings
    assert "Border returns, October" in outputs["md"]
    assert outputs == uncached(corpus, monkeypatch)
    brief.write_text("title: Border returns, October\n"
                     "actors: [{name: Haji Gul Mohammad}]\n", encoding="utf-8")
    outputs, counts = export(corpus)
    assert counts == (0, 3, 0)
    assert "Haji Gul Mohammad" in json.loads(outputs["json"])["timeline"].__repr__()
    assert outputs == uncached(corpus, monkeypatch)


def _rewritten(entry: Path, record: tuple[Any, ...]) -> None:
    body = marshal.dumps(record)
    entry.write_bytes(summary_cache.MAGIC + hashlib.sha256(body).digest() + body)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "wrong type",
                                    "short row", "foreign key", "negative citation"])
def test_a_bad_entry_is_ignored_and_rebuilt(corpus: Path, damage: str) -> None:
    expected, _ = export(corpus)
    parts = entries()
    for number, entry in enumerate(parts):
        data = entry.read_bytes()
        body = data[len(summary_cache.MAGIC) + 32:]
        record = list(marshal.loads(body))
        if damage == "garbage":
            entry.write_bytes(b"\x00\xffnot an entry")
        elif damage == "truncated":
            entry.write_bytes(data[:len(data) // 2])
        elif damage == "flipped":  # one bit, the digest left as it was
            entry.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
        elif damage == "wrong type":  # well-formed, digest right: a number as a title
            record[2] = (7, *record[2][1:])
            _rewritten(entry, tuple(record))
        elif damage == "short row":  # the items' last column missing
            record[6] = record[6][:-1]
            _rewritten(entry, tuple(record))
        elif damage == "foreign key":  # another briefing's entry under this one's name
            entry.write_bytes(parts[(number + 1) % len(parts)].read_bytes())
        else:
            items = list(record[6])
            items[1] = tuple(-1 for _ in items[1])
            record[6] = tuple(items)
            _rewritten(entry, tuple(record))
    outputs, counts = export(corpus)
    assert counts == (0, 3, 0)
    assert outputs == expected
    assert export(corpus)[1] == (3, 0, 0)  # rebuilt: used again


def test_an_unwritable_cache_is_no_error(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker))
    first, counts = export(corpus)
    second, again = export(corpus)
    assert (counts[:2], again[:2]) == ((0, 3), (0, 3))
    assert second == first


def test_any_change_to_the_core_s_code_misses_every_entry(tmp_path: Path) -> None:
    assert summary_cache.code_fingerprint() == \
        summary_cache.fingerprint_of(Path(summary_cache.__file__).parent)
    tree = tmp_path / "core"
    (tree / "figures").mkdir(parents=True)
    (tree / "figures" / "rules.py").write_text("KILLED = 'killed'\n", encoding="utf-8")
    (tree / "figures" / "places.yaml").write_text("Kabul: {}\n", encoding="utf-8")
    first = summary_cache.fingerprint_of(tree)
    (tree / "figures" / "rules.cpython-311.pyc").write_bytes(b"compiled")
    assert summary_cache.fingerprint_of(tree) == first  # only sources and data count
    for name, text in (("rules.py", "KILLED = 'slain'\n"), ("places.yaml", "Kabul: {a: 1}\n")):
        (tree / "figures" / name).write_text(text, encoding="utf-8")
        changed = summary_cache.fingerprint_of(tree)
        assert changed not in (None, first)
        first = changed
    (tree / "export").mkdir()
    (tree / "export" / "html.py").write_text("STYLE = 'plain'\n", encoding="utf-8")
    (tree / "stats.py").write_text("WIDTH = 72\n", encoding="utf-8")
    assert summary_cache.fingerprint_of(tree) == first  # formats never make a part


def test_parts_built_in_worker_processes_are_kept_and_read_back_here(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Codebook()
    summary = build_summary([corpus], book, timestamp=None, workers=2)  # a real pool
    cold = {fmt: render(summary, fmt, book) for fmt in FORMATS}
    assert len(entries()) == 3  # the workers stored them
    before = summary_cache.stats.hits
    summary = build_summary([corpus], book, timestamp=None, workers=2)
    assert summary_cache.stats.hits - before == 3  # read in this process, none sent back
    assert {fmt: render(summary, fmt, book) for fmt in FORMATS} == cold
    assert cold == uncached(corpus, monkeypatch)
