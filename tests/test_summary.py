"""The tagged summary as data (core.summary) and its counts (core.stats), on real files."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import yaml

from briefing_tui.core.codebook import Codebook, Tag
from briefing_tui.core.document import open_document
from briefing_tui.core.stats import compute_stats, stats_json
from briefing_tui.core.summary import build_summary, summary_of_documents

from .constants import DATA, SEED
from .export_helpers import SEED_TAGS, find_sentence, tag, tagged_samples, tagged_seed

BOOK = Codebook()


def test_grouped_by_tag_in_codebook_order_then_document_then_text(tmp_path: Path) -> None:
    folder = tagged_samples(tmp_path / "docs")
    summary = build_summary([folder], BOOK, timestamp=None)
    assert summary.tags == ["security", "migration", "diplomacy"]
    assert summary.counts == {"security": 4, "migration": 4, "diplomacy": 4}
    assert [d.path.name for d in summary.documents] == [
        "afghan-deportations-2026.txt", "kabul-dateline-talks.txt",
        "nangarhar-returnees-names.txt", "sitrep-torkham-crossing.md"]
    for tag_name, items in summary.items.items():
        assert all(i.tag == tag_name for i in items)
        order = [(summary.documents.index(next(d for d in summary.documents
                                               if d.path == i.document)), i.start)
                 for i in items]
        assert order == sorted(order)
    diplomacy = summary.items["diplomacy"]
    assert diplomacy[-1].document.name == "kabul-dateline-talks.txt"
    assert diplomacy[-1].note == "Trade talks."


def test_each_item_quotes_exactly_and_cites_its_place(tmp_path: Path) -> None:
    path = tagged_seed(tmp_path)
    summary = build_summary([path], BOOK, timestamp=None)
    document = open_document(path)
    first = summary.items["security"][0]
    expected = find_sentence(document, "Pakistan has expelled")
    assert (first.start, first.end) == (expected.start, expected.end)
    assert first.text == document.text[first.start:first.end]
    assert first.citation.title == "Afghans have left Pakistan and returned to their home country"
    assert first.citation.file == SEED.name
    assert (first.citation.paragraph, first.citation.sentence) == (2, 4)  # 1-based
    assert first.co_tags == ("migration",)
    assert first.note == "Figures from the Afghan side."
    assert first.anchor == "exact"
    both = [i for i in summary.items["migration"] if i.annotation_id == first.annotation_id]
    assert both and both[0].co_tags == ("security",)  # listed under each of its tags
    info = summary.documents[0]
    assert info.tagged == len(SEED_TAGS)
    assert info.sentences == len(document.segmentation)


def test_filters_tags_documents_and_notes(tmp_path: Path) -> None:
    folder = tagged_samples(tmp_path / "docs")
    only = build_summary([folder], BOOK, tags=["diplomacy", "security"], timestamp=None)
    assert only.tags == ["security", "diplomacy"]  # codebook order, whatever was asked
    assert set(only.items) == {"security", "diplomacy"}
    assert any(i.co_tags == ("migration",) for i in only.items["diplomacy"])  # co-tags kept
    glob = build_summary([folder], BOOK, doc_glob="kabul-*", timestamp=None)
    assert [d.path.name for d in glob.documents] == ["kabul-dateline-talks.txt"]
    assert glob.counts == {"security": 0, "migration": 0, "diplomacy": 1}
    by_path = build_summary([folder], BOOK, doc_glob="*/afghan*.txt", timestamp=None)
    assert [d.path.name for d in by_path.documents] == [SEED.name]
    quiet = build_summary([folder], BOOK, include_notes=False, timestamp=None)
    assert all(i.note == "" for items in quiet.items.values() for i in items)
    none = build_summary([folder], BOOK, doc_glob="nothing-*", timestamp=None)
    assert none.empty and none.documents == []


def test_unknown_tags_follow_the_codebook_alphabetically(tmp_path: Path) -> None:
    path = tagged_seed(tmp_path)
    document = open_document(path)
    tag(document, document.segmentation.sentence(0), ["zeta", "alpha", "security"])
    document.save()
    summary = build_summary([path], BOOK, timestamp=None)
    assert summary.tags == ["security", "migration", "diplomacy", "alpha", "zeta"]
    assert summary.known_tags == summary.tags
    assert summary.items["zeta"][0].co_tags == ("security", "alpha")
    custom = Codebook([Tag("zeta", "1", "#112233"), *BOOK.tags[:1]])
    assert build_summary([path], custom, timestamp=None).tags[:2] == ["zeta", "security"]


def test_review_and_orphans_are_flagged_in_attention_never_dropped(tmp_path: Path) -> None:
    path = tagged_seed(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("Mullah Hamdullah Fitrat, deputy spokesman for the Afghan government, "
                        "shared the figures", "Figures were shared")  # orphans it
    text = text.replace("7,000 Afghan refugees", "7,200 Afghan refugees")  # needs review
    path.write_text("New first line.\n\n" + text, encoding="utf-8")
    summary = build_summary([path], BOOK, timestamp=None)
    flagged = {i.anchor: i for i in summary.attention}
    assert set(flagged) == {"orphan", "review"}
    orphan, review = flagged["orphan"], flagged["review"]
    assert orphan.tag == "migration" and orphan.citation.sentence == 0
    assert orphan.text.startswith("Mullah Hamdullah Fitrat, deputy")
    assert review.tag == "security" and review.co_tags == ("migration",)
    assert "7,200" in review.text and "7,000" in review.previous
    assert review.citation.sentence > 0
    flagged_ids = {orphan.annotation_id, review.annotation_id}
    listed = {i.annotation_id for items in summary.items.values() for i in items}
    assert not listed & flagged_ids
    assert summary.counts["security"] == 3 and summary.documents[0].attention == 2
    assert len(listed) + len(summary.attention) == len(SEED_TAGS)


def test_unreadable_files_are_skipped_not_fatal(tmp_path: Path) -> None:
    folder = tagged_samples(tmp_path / "docs")
    hostile = yaml.safe_load((DATA / "hostile_inputs.yaml").read_text(encoding="utf-8"))
    bad_sidecar = folder / "kabul-dateline-talks.txt.annotations.yaml"
    bad_sidecar.write_text(hostile["hostile_sidecars"]["python_object"], encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    before = bad_sidecar.read_bytes()
    summary = build_summary([folder, tmp_path / "missing.txt"], BOOK, timestamp=None)
    assert len(summary.skipped) == 3
    assert any("missing.txt" in line for line in summary.skipped)
    assert any(line.startswith("kabul-dateline-talks.txt: sidecar unreadable")
               for line in summary.skipped)
    assert any("picture.txt" in line and "PNG" in line for line in summary.skipped)
    kabul = next(d for d in summary.documents if d.path.name == "kabul-dateline-talks.txt")
    assert kabul.error and kabul.tagged == 0
    assert summary.counts["security"] == 4  # the others are all there
    assert bad_sidecar.read_bytes() == before


def test_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "long-opening.txt"
    path.write_text("This first sentence is far too long to be a title " * 4 + ".\n",
                    encoding="utf-8")
    document = open_document(path)
    tag(document, document.segmentation.sentence(0), ["security"])
    document.save()
    summary = build_summary([path], BOOK, timestamp=None)
    assert summary.items["security"][0].citation.title == "long-opening.txt"


def test_timestamp_and_progress(tmp_path: Path) -> None:
    folder = tagged_samples(tmp_path / "docs")
    calls: list[tuple[int, int]] = []
    when = datetime(2026, 3, 1, 9, 30, 15, 999, tzinfo=timezone.utc)
    summary = build_summary([folder], BOOK, timestamp=when,
                            progress=lambda done, total: calls.append((done, total)))
    assert summary.generated == "2026-03-01T09:30:15+00:00"
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert build_summary([folder], BOOK, timestamp=None).generated is None


def test_worker_processes_give_the_same_summary(tmp_path: Path) -> None:
    folder = tagged_samples(tmp_path / "docs")
    for n in range(5):
        shutil.copy(folder / SEED.name, folder / f"copy-{n}.txt")
        shutil.copy(folder / f"{SEED.name}.annotations.yaml",
                    folder / f"copy-{n}.txt.annotations.yaml")
    calls: list[int] = []
    one = build_summary([folder], BOOK, timestamp=None, workers=1)
    two = build_summary([folder], BOOK, timestamp=None, workers=2,
                        progress=lambda done, total: calls.append(done))
    assert one == two
    assert calls[-1] == len(one.documents) == 9


def test_summary_of_open_documents_sees_unsaved_work_and_changes_nothing(
        tmp_path: Path) -> None:
    path = tagged_seed(tmp_path)
    full = open_document(path)
    lazy = open_document(path, segment_chars=200)  # as the app opens a big file
    lazy.load_sidecar()
    assert not lazy.segmentation.complete
    tag(full, full.segmentation.sentence(0), ["diplomacy"])  # not saved
    summary = summary_of_documents([full, lazy], BOOK, tags=["diplomacy"])
    assert not lazy.segmentation.complete  # the app's worker still owns it
    assert full.dirty
    first, second = summary.documents
    assert (first.tagged, second.tagged) == (4, 3)
    items = summary.items["diplomacy"]
    assert len(items) == 7 and items[0].citation.sentence == 1
    assert [i.citation for i in items[4:]] == [i.citation for i in items[1:4]]


def test_stats_counts_shares_and_cooccurrence(tmp_path: Path) -> None:
    folder = tagged_samples(tmp_path / "docs")
    stats = compute_stats(build_summary([folder], BOOK, timestamp=None))
    assert stats.counts == {"security": 4, "migration": 4, "diplomacy": 4}
    assert stats.tagged == 8  # 7 in the seed, 1 in the Kabul dateline
    assert stats.cooccurrence["security"] == {"security": 4, "migration": 1, "diplomacy": 2}
    assert stats.cooccurrence["migration"]["diplomacy"] == 1
    assert all(stats.cooccurrence[a][b] == stats.cooccurrence[b][a]
               for a in stats.tags for b in stats.tags)
    data = json.loads(stats_json(stats))
    assert data["total"]["tagged"] == 8
    assert data["total"]["share"] == round(8 / stats.sentences, 4)
    seed = data["documents"][0]
    assert seed["counts"] == {"security": 4, "migration": 4, "diplomacy": 3}
    assert seed["share"] == round(7 / seed["sentences"], 4)
