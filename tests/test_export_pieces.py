"""Each briefing's rendered pieces kept per format (issue #17): a second export of an
unchanged folder renders no briefing again and writes the same bytes as rendering the
summary, cold, warm and with the cache off; what changes a briefing's pieces (its files,
a confirmation of one of its figures, the page's tags, its path) renders that again and
nothing else; a bad entry is ignored and rebuilt."""

from __future__ import annotations

import hashlib
import marshal
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.core.brief.file import set_confirmed
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import FORMATS, chunk_cache, render
from briefing_tui.core.export.folder import export_folder
from briefing_tui.core.extract import cache
from briefing_tui.core.summary import build_summary

from .tagged_corpus import NAMES, tagged_corpus
from .test_export_brief import brief_folder

BOOK = Codebook()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return tagged_corpus(tmp_path / "corpus", note="Check against UNHCR")


def rendered(folder: Path, **options: Any) -> dict[str, str]:
    """Every format as the summary renders it (the reference)."""
    summary = build_summary([folder], BOOK, timestamp=None, workers=1, **options)
    return {fmt: render(summary, fmt, BOOK) for fmt in FORMATS}


def exported(folder: Path, **options: Any) -> tuple[dict[str, str], tuple[int, int]]:
    """Every format through the kept pieces, and (entries used, briefings rendered)."""
    before = (chunk_cache.stats.hits, chunk_cache.stats.renders)
    outputs = {fmt: export_folder([folder], fmt, BOOK, timestamp=None, workers=1,
                                  **options).data.decode() for fmt in FORMATS}
    return outputs, (chunk_cache.stats.hits - before[0], chunk_cache.stats.renders - before[1])


def entries() -> list[Path]:
    folder = cache.folder()
    assert folder is not None
    return sorted((folder / "pieces").glob(f"*{chunk_cache.SUFFIX}"))


def test_a_second_export_renders_nothing_and_writes_the_summary_s_bytes(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold, counts = exported(corpus)
    assert counts == (0, 15)  # three briefings, five formats
    assert len(entries()) == 15
    warm, counts = exported(corpus)
    assert counts == (15, 0)
    assert warm == cold == rendered(corpus)
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert exported(corpus) == (cold, (0, 15))


@pytest.mark.parametrize("options", [{"tags": ["security"]}, {"include_notes": False},
                                     {"context": 1}, {"doc_glob": "kabul*"}])
def test_options_give_the_summary_s_bytes_cold_and_warm(corpus: Path,
                                                        options: dict[str, Any]) -> None:
    cold, _ = exported(corpus, **options)
    warm, counts = exported(corpus, **options)
    assert counts[1] == 0
    assert warm == cold == rendered(corpus, **options)


def test_a_changed_sidecar_renders_its_briefing_alone(corpus: Path) -> None:
    exported(corpus)
    document = open_document(corpus / NAMES[0])
    sentence = document.segmentation.sentence(6)
    document.annotations.set_tags(document.text, sentence.start, sentence.end, ["casualties"])
    document.save()
    outputs, counts = exported(corpus)
    # its five entries miss; a tag new to the page renumbers HTML's classes, so the other
    # two briefings' HTML is rendered again too
    assert counts == (10, 7)
    assert outputs == rendered(corpus)
    assert exported(corpus)[1] == (15, 0)


def test_a_confirmed_figure_renders_only_what_shows_its_status(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")  # two briefings with key figures
    first, _ = exported(folder)
    summary = build_summary([folder], BOOK, timestamp=None, workers=1)
    set_confirmed(folder, summary.figures[-1], True)
    outputs, counts = exported(folder)
    assert counts == (10, 2)  # its briefing in JSON and JSON-LD; the tables add the status
    assert outputs == rendered(folder)
    for fmt in FORMATS:
        assert outputs[fmt] != first[fmt] or fmt == "csv", fmt


def test_a_moved_folder_renders_only_formats_that_write_paths(corpus: Path,
                                                              tmp_path: Path) -> None:
    exported(corpus)
    moved = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(corpus, moved)
    outputs, counts = exported(moved)
    assert counts == (6, 9)  # md and html kept; json, csv, jsonld carry the path
    assert outputs == rendered(moved)
    assert str(moved) in outputs["csv"] and str(corpus) not in outputs["csv"]


def _rewritten(entry: Path, record: tuple[Any, ...]) -> None:
    body = marshal.dumps(record)
    entry.write_bytes(chunk_cache.MAGIC + hashlib.sha256(body).digest() + body)


@pytest.mark.parametrize("damage", ["garbage", "flipped", "wrong type", "short row",
                                    "foreign key", "bad head"])
def test_a_bad_entry_is_ignored_and_rebuilt(corpus: Path, damage: str) -> None:
    expected, _ = exported(corpus)
    found = entries()
    for number, entry in enumerate(found):
        data = entry.read_bytes()
        record = list(marshal.loads(data[len(chunk_cache.MAGIC) + 32:]))
        if damage == "garbage":
            entry.write_bytes(b"\x00\xffnot an entry")
        elif damage == "flipped":  # one bit, the digest left as it was
            entry.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
        elif damage == "wrong type":  # well-formed, digest right: a number as a chunk
            record[4] = (record[4][0], 7, *record[4][2:])
            _rewritten(entry, tuple(record))
        elif damage == "short row":
            record[4] = (*record[4][:4], tuple(r[:-1] for r in record[4][4]) or ((1,),),
                         record[4][5])
            _rewritten(entry, tuple(record))
        elif damage == "foreign key":  # another entry under this one's name
            entry.write_bytes(found[(number + 1) % len(found)].read_bytes())
        else:
            record[3] = (record[3][0], "seven", *record[3][2:])
            _rewritten(entry, tuple(record))
    outputs, counts = exported(corpus)
    assert counts == (0, 15)
    assert outputs == expected
    assert exported(corpus)[1] == (15, 0)  # rebuilt: used again


@pytest.mark.parametrize("fmt", ["md", "jsonld"])
def test_briefing_export_writes_the_kept_pieces(corpus: Path, tmp_path: Path,
                                               fmt: str) -> None:
    written = []
    for run in range(2):  # the second from the kept pieces
        out = tmp_path / f"run{run}.{fmt}"
        done = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "export", str(corpus),
                               "--no-timestamp", "--format", fmt, "-o", str(out)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "(6 tagged sentences from 3 documents)" in done.stderr
        written.append(out.read_bytes())
    assert len(entries()) == 3
    assert written[0] == written[1] == rendered(corpus)[fmt].encode()
