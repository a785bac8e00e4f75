"""Paragraph labels in citations and U+2028/U+2029 in exports (issue 11 items 3-4)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import render
from briefing_tui.core.summary import build_summary

from .constants import DATA
from .export_helpers import find_sentence, tag, tag_document

BOOK = Codebook()
PAKISTAN = "ungdc_PAK_20_1965_pakistan_LFCR.txt"
RELEASE = ("ISAF Joint Command - Afghanistan\u2028For Immediate Release\u2028"
           "KABUL, Afghanistan (Jan. 10, 2011)\u2028Coalition forces detained two\u2028"
           "suspected insurgents. The patrol returned.\u2029A second paragraph follows.\n")


def pakistan(tmp_path: Path) -> Path:
    path = tmp_path / PAKISTAN
    shutil.copy(DATA / "real" / PAKISTAN, path)
    tag_document(path, [("Finally, India cannot deny it", ("security",), ""),
                        ("The question that the world community", ("diplomacy",), "")])
    return path


def test_every_export_cites_the_documents_own_paragraph_number(tmp_path: Path) -> None:
    summary = build_summary([pakistan(tmp_path)], BOOK, timestamp=None)
    security = summary.items["security"][0]
    assert (security.citation.label, security.citation.paragraph) == ("135", 59)
    assert summary.items["diplomacy"][0].citation.label == "95"
    assert f"¶135 s.{security.citation.sentence}" in render(summary, "md", BOOK)
    assert "¶135 s." in render(summary, "html", BOOK)
    data = json.loads(render(summary, "json", BOOK))
    assert {r["paragraph_label"] for r in data["sentences"]} == {"135", "95"}
    rows = list(csv.DictReader(io.StringIO(render(summary, "csv", BOOK), newline="")))
    assert {r["paragraph_label"] for r in rows} == {"135", "95"}
    assert all(not r["text"].startswith(("135", "95")) for r in rows)


def test_unlabelled_paragraphs_are_cited_by_position(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("One paragraph here.\n\nAnother one.\n", encoding="utf-8")
    tag_document(path, [("Another one", ("security",), "")])
    out = render(build_summary([path], BOOK, timestamp=None), "csv", BOOK)
    row = next(csv.DictReader(io.StringIO(out, newline="")))
    assert (row["paragraph"], row["paragraph_label"]) == ("2", "")
    assert "paragraph_label" not in render(build_summary([path], BOOK, timestamp=None),
                                           "json", BOOK)
    assert "¶2 s.2" in render(build_summary([path], BOOK, timestamp=None), "md", BOOK)


def test_separators_are_kept_in_data_exports_and_break_lines_in_md_and_html(
        tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    document = open_document(path)
    sentence = find_sentence(document, "Coalition forces detained")
    quote = document.text[sentence.start:sentence.end]
    assert quote == "Coalition forces detained two\u2028suspected insurgents."
    tag(document, sentence, ["security"], "first line\u2028second\u2029new paragraph")
    document.save()
    reopened = open_document(path)
    assert [a.text for a in reopened.annotations.sorted()] == [quote]  # the sidecar's quote
    summary = build_summary([path], BOOK, timestamp=None)
    data = json.loads(render(summary, "json", BOOK))
    assert data["sentences"][0]["text"] == quote
    row = next(csv.DictReader(io.StringIO(render(summary, "csv", BOOK), newline="")))
    assert row["text"] == quote
    md = render(summary, "md", BOOK)
    assert "> Coalition forces detained two\\\n> suspected insurgents." in md
    assert "> Note: first line\\\n> second\n>\n> new paragraph" in md
    assert "↵" not in md and "¶" not in md.replace("¶1 s.", "")
    html = render(summary, "html", BOOK)
    assert "Coalition forces detained two<br>suspected insurgents." in html
    assert "second<br><br>new paragraph" in html


def test_sentences_json_carries_the_paragraph_label(tmp_path: Path) -> None:
    path = tmp_path / PAKISTAN
    shutil.copy(DATA / "real" / PAKISTAN, path)
    done = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "sentences", "--json",
                           str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout.splitlines()[0])
    assert (first["paragraph"], first["paragraph_label"]) == (1, "93")
    assert first["text"].startswith("Mr. President")
