"""The command line on PDF, HTML and Word briefings, and page numbers in every export."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import render
from briefing_tui.core.summary import build_summary
from devtools.docxgen import docx

from .constants import SEED
from .extract_helpers import EXTRACT, image_only_pdf, isolated_cache, write_pdf

__all__ = ["isolated_cache"]


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60, env=env)


def tag_on_page_two(path: Path) -> str:
    """Tag the first sentence that starts on page 2; return its text."""
    document = open_document(path)
    split = document.segmentation
    index = next(i for i in range(len(split)) if document.page_of(split.starts[i]) == 2)
    document.annotations.toggle_tag(document.text, split.starts[index], split.ends[index],
                                    "migration")
    document.save()
    return split.sentence_text(index)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_pdf(folder / "sitrep.pdf")
    shutil.copy(EXTRACT / "news1.html", folder / "news1.html")
    (folder / "brief.docx").write_bytes(docx([("h", "Word brief"), ("p", "Convoys left.")]))
    return folder


def test_sentences_of_a_pdf(corpus: Path) -> None:
    done = briefing("sentences", corpus / "sitrep.pdf")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "1\t0\t29\tSudan emergency: flash update"
    records = [json.loads(line) for line in
               briefing("sentences", corpus / "brief.docx", "--json").stdout.splitlines()]
    assert [(r["paragraph"], r["text"]) for r in records] == [(1, "Word brief"),
                                                              (2, "Convoys left.")]


def test_sentences_name_a_page_without_a_text_layer(tmp_path: Path) -> None:
    path = image_only_pdf(tmp_path / "mixed.pdf", pages=1, text_pages=1)
    done = briefing("sentences", path)
    assert done.returncode == 0 and done.stdout.startswith("1\t0\t")
    assert done.stderr == "briefing: mixed.pdf: page 2: only images, no text (scanned?)\n"


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("locked.pdf", None, "locked.pdf: encrypted PDF: it needs a password"),
    ("cut.pdf", b"%PDF-1.4\n1 0 obj <<", "cut.pdf: damaged PDF"),
    ("page.pdf", b"<html><body>x</body></html>", "page.pdf: not a PDF: it is an HTML page"),
    ("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, "image.html: not an HTML page"),
    ("fake.docx", b"PK\x03\x04junk", "fake.docx: damaged Word file: not a readable zip"),
])
def test_bad_files_get_one_line_in_the_cli(tmp_path: Path, name: str, data: bytes | None,
                                           reason: str) -> None:
    path = tmp_path / name
    if data is None:
        write_pdf(path, password="x")
    else:
        path.write_bytes(data)
    done = briefing("sentences", path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"briefing: {reason}") and done.stderr.count("\n") == 1
    check = briefing("check", path)
    assert check.returncode == 2 and f"{name}: unreadable: " in check.stdout


def test_check_a_folder_of_every_format(corpus: Path) -> None:
    tag_on_page_two(corpus / "sitrep.pdf")
    write_pdf(corpus / "locked.pdf", password="x")
    done = briefing("check", corpus)
    lines = sorted(line.replace(str(corpus) + os.sep, "") for line in done.stdout.splitlines())
    assert lines == ["locked.pdf: unreadable: encrypted PDF: it needs a password (save an "
                     "unprotected copy to open it)",
                     "no sidecar yet (read fine, nothing tagged): 2 briefings: brief.docx, "
                     "news1.html",
                     "sitrep.pdf: 1 annotation, all exact"]
    assert done.returncode == 2


def test_exports_cite_pages(corpus: Path) -> None:
    quote = tag_on_page_two(corpus / "sitrep.pdf")
    shutil.copy(SEED, corpus / SEED.name)
    text_doc = open_document(corpus / SEED.name)
    split = text_doc.segmentation
    text_doc.annotations.toggle_tag(text_doc.text, split.starts[3], split.ends[3], "migration")
    text_doc.save()
    summary = build_summary([corpus], Codebook(), timestamp=None)
    items = {i.citation.file: i for i in summary.items["migration"]}
    assert items["sitrep.pdf"].text == quote and items["sitrep.pdf"].citation.page == 2
    assert items[SEED.name].citation.page == 0
    book = Codebook()
    markdown = render(summary, "md", book)
    assert "sitrep.pdf, p. 2, ¶" in markdown and f"{SEED.name}, ¶" in markdown
    assert "sitrep.pdf, p. 2, ¶" in render(summary, "html", book)
    records = json.loads(render(summary, "json", book))
    assert {r["document"]: r["page"] for r in records["sentences"]} == {
        "sitrep.pdf": 2, SEED.name: None}
    assert {d["document"]: d["pages"] for d in records["documents"]}["sitrep.pdf"] >= 2
    rows = list(csv.DictReader(io.StringIO(render(summary, "csv", book), newline="")))
    assert {r["document"].rsplit("/", 1)[-1]: r["page"] for r in rows} == {
        "sitrep.pdf": "2", SEED.name: ""}
    jsonld = json.loads(render(summary, "jsonld", book))
    pdf_note = next(a for a in jsonld["first"]["items"]
                    if a["target"]["source"].endswith("sitrep.pdf"))
    fragment = pdf_note["target"]["selector"][-1]
    assert fragment["type"] == "FragmentSelector" and fragment["value"] == "page=2"
    assert fragment["refinedBy"]["exact"] == quote


def test_export_command_with_pdf_pages(corpus: Path) -> None:
    tag_on_page_two(corpus / "sitrep.pdf")
    done = briefing("export", corpus, "--no-timestamp", "--format", "md")
    assert done.returncode == 0, done.stderr
    assert "— *Sudan emergency: flash update*, sitrep.pdf, p. 2, ¶" in done.stdout
    csv_out = briefing("export", corpus, "--no-timestamp", "--format", "csv").stdout
    tail = ",anchor,page,id,title,date,author,source,by,paragraph_label"
    assert csv_out.splitlines()[0].endswith(tail)


def test_text_only_exports_have_no_page_field(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    document = open_document(tmp_path / SEED.name)
    split = document.segmentation
    document.annotations.toggle_tag(document.text, split.starts[2], split.ends[2], "security")
    document.save()
    summary = build_summary([tmp_path], Codebook(), timestamp=None)
    assert not summary.paginated
    header = render(summary, "csv", Codebook()).splitlines()[0]
    # the columns never change with the documents
    assert header.endswith(",anchor,page,id,title,date,author,source,by,paragraph_label")
    assert '"page"' not in render(summary, "json", Codebook())
    assert "p. " not in render(summary, "md", Codebook())
