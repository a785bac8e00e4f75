"""Extracted formats in the rest of the core: documents, sidecars, re-anchoring, the
documents pane's sniffing, and the extraction cache."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from briefing_tui.core.corpus import find_documents, glance
from briefing_tui.core.document import open_document
from briefing_tui.core.extract import DOCUMENT_SUFFIXES, extract, needs_extraction
from briefing_tui.core.extract import cache as extract_cache
from briefing_tui.core.extract import pdf as extract_pdf
from briefing_tui.core.sidecar import read_sidecar, sidecar_path
from briefing_tui.core.text import DocumentError, text_sha256
from devtools.docxgen import docx

from .extract_helpers import EXTRACT, SITREP, isolated_cache, write_pdf

__all__ = ["isolated_cache"]


def tag_first(path: Path, count: int, tag: str = "security") -> list[str]:
    document = open_document(path)
    split = document.segmentation
    quotes = []
    for index in range(count):
        document.annotations.toggle_tag(document.text, split.starts[index], split.ends[index],
                                        tag)
        quotes.append(split.sentence_text(index))
    document.save()
    return quotes


def test_a_pdf_opens_and_its_sidecar_records_extractor_and_text_hash(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "sitrep.pdf")
    tag_first(path, 3)
    found = read_sidecar(sidecar_path(path))
    assert found is not None
    data = found[0]
    document = open_document(path)
    assert data.extractor == extract_pdf.extractor_id() == document.loaded.extractor
    assert data.document_sha256 == text_sha256(document.text) == document.loaded.sha256
    assert [a.tags for a in document.annotations.sorted()] == [("security",)] * 3
    assert document.anchor_report is None and not document.extractor_changed
    assert document.page_of(len(document.text) - 1) == len(document.loaded.pages) >= 2


@pytest.mark.parametrize("name", ["news1.html", "sitrep.pdf"])
def test_html_and_pdf_documents_tag_and_reopen(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes((EXTRACT / name).read_bytes())
    quotes = tag_first(path, 4, "diplomacy")
    document = open_document(path)
    assert [document.text[a.start:a.end] for a in document.annotations.sorted()] == quotes


def test_text_files_are_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfOne.\r\nTwo.")
    loaded = extract(path)
    assert (loaded.text, loaded.extractor, loaded.pages) == ("One.\nTwo.", "text 1", ())
    tag_first(path, 1)
    found = read_sidecar(sidecar_path(path))
    assert found is not None and found[0].extractor == "text 1"
    assert not needs_extraction(path) and needs_extraction(tmp_path / "a.PDF")


def test_a_newer_extractor_with_slightly_different_text_keeps_the_tags(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tags made on an older extraction are re-anchored onto the new text."""
    path = write_pdf(tmp_path / "sitrep.pdf")
    real = extract(path, cache=False)
    old_text = real.text.replace("displacement", "displace- ment", 1).replace(
        "Key figures", "Key figures:")
    assert old_text != real.text
    old = replace(real, text=old_text, sha256=text_sha256(old_text),
                  extractor="pypdfium2 4.30.0+briefing.0")
    with monkeypatch.context() as patch:  # undo only this: the isolated cache stays
        patch.setattr("briefing_tui.core.document.extract", lambda p, **_: old)
        tag_first(path, 6)  # heading, prose and the changed "Key figures" heading
    document = open_document(path)
    assert document.extractor_changed
    report = document.anchor_report
    assert report is not None and report.orphan == 0
    assert report.exact + report.moved + report.review == 6
    assert len(document.annotations) == 6
    document.save()
    assert not document.extractor_changed
    found = read_sidecar(sidecar_path(path))
    assert found is not None and found[0].extractor == real.extractor
    assert found[0].document_sha256 == real.sha256


def test_folders_list_every_format(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf", "g.csv", "h.PDF"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in find_documents([tmp_path]).documents]
    assert found == ["a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf", "h.PDF"]
    assert ".pdf" in DOCUMENT_SUFFIXES and ".docx" in DOCUMENT_SUFFIXES


def test_documents_pane_gets_one_line_reasons_without_extracting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pdf(tmp_path / "good.pdf")
    write_pdf(tmp_path / "locked.pdf", password="secret")
    (tmp_path / "fake.pdf").write_bytes(b"<!doctype html><html><body>Hi</body></html>")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    (tmp_path / "page.html").write_bytes((EXTRACT / "news1.html").read_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "brief.docx").write_bytes(docx([("p", "Text.")]))
    monkeypatch.setattr(extract_pdf, "extract_pdf", None)  # the pane never extracts
    errors = {p.name: glance(p).error for p in find_documents([tmp_path]).documents}
    assert errors == {
        "binary.html": "not an HTML page: it looks like a PNG image",
        "brief.docx": "",
        "fake.pdf": "not a PDF: it is an HTML page",
        "good.pdf": "",
        "locked.pdf": "encrypted PDF: it needs a password (save an unprotected copy to "
                      "open it)",
        "notes.docx": "damaged Word file: not a readable zip (File is not a zip file)",
        "page.html": "",
    }


def test_the_cache_serves_a_second_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        isolated_cache: Path) -> None:
    path = write_pdf(tmp_path / "r.pdf")
    first = extract(path)
    entries = list(isolated_cache.glob("*.json"))
    assert len(entries) == 1 and entries[0].name.startswith(
        __import__("hashlib").sha256(path.read_bytes()).hexdigest())
    monkeypatch.setattr(extract_pdf, "extract_pdf", None)  # must not be called again
    calls: list[tuple[int, int]] = []
    again = extract(path, progress=lambda *a: calls.append(a))
    assert again == first and calls == [(1, 1)]


def test_a_changed_file_or_a_newer_extractor_misses_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_cache: Path) -> None:
    path = write_pdf(tmp_path / "r.pdf")
    first = extract(path)
    write_pdf(path, SITREP[:3])
    assert extract(path).text != first.text
    monkeypatch.setattr(extract_pdf, "extractor_id", lambda: "pypdfium2 99+briefing.9")
    assert extract(path).extractor == "pypdfium2 99+briefing.9"
    assert len(list(isolated_cache.glob("*.json"))) == 3


def test_a_damaged_cache_entry_is_ignored_and_replaced(tmp_path: Path,
                                                       isolated_cache: Path) -> None:
    path = write_pdf(tmp_path / "r.pdf")
    good = extract(path)
    entry = next(isolated_cache.glob("*.json"))
    record = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**record, "text": record["text"] + " forged"}))
    assert extract(path) == good
    entry.write_bytes(b"\x00garbage")
    assert extract(path) == good
    assert json.loads(entry.read_text(encoding="utf-8"))["text"] == good.text


def test_the_cache_can_be_turned_off_and_is_pruned(tmp_path: Path, isolated_cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_pdf(tmp_path / "r.pdf")
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    extract(path)
    assert extract_cache.folder() is None and not list(isolated_cache.iterdir())
    for number in range(5):
        (isolated_cache / f"{number}.json").write_bytes(b"x" * 10)
        os.utime(isolated_cache / f"{number}.json", (number, number))
    extract_cache.prune(isolated_cache, max_entries=3)
    assert sorted(p.name for p in isolated_cache.iterdir()) == ["2.json", "3.json", "4.json"]
    extract_cache.prune(isolated_cache, max_bytes=15)
    assert [p.name for p in isolated_cache.iterdir()] == ["4.json"]


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    assert extract(write_pdf(tmp_path / "r.pdf")).text


def test_a_parser_failing_on_hostile_input_gives_a_reason_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise AssertionError("unexpected call to\nparse_marked_section()")

    monkeypatch.setattr("briefing_tui.core.extract.html.read_article", broken)
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>Text.</p>")
    with pytest.raises(DocumentError) as info:
        extract(path)
    assert str(info.value) == ("page.html: cannot be read (AssertionError: unexpected call "
                               "to parse_marked_section())")


def test_xdg_cache_home_is_the_default_place(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert extract_cache.folder() == tmp_path / "briefing_tui" / "extracted"
