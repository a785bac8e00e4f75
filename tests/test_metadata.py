"""Document metadata: read from each format, set on the command line, stored in the
sidecar, and cited in the exports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import render
from briefing_tui.core.metadata import Metadata, date_problem, parse_date
from briefing_tui.core.summary import build_summary
from devtools.docxgen import docx

from .extract_helpers import isolated_cache, real_paragraphs, write_pdf

__all__ = ["isolated_cache"]


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def _meta(tmp_path: Path, name: str, content: str | bytes) -> Metadata:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return open_document(path).metadata


def test_a_first_line_is_a_title_only_when_it_looks_like_one(tmp_path: Path) -> None:
    speech = "On behalf of the Government and the people of Pakistan.\n\nI congratulate you.\n"
    assert _meta(tmp_path, "speech.txt", speech).title is None
    assert open_document(tmp_path / "speech.txt").title == "speech.txt"
    credit = "Photo: UNHCR/A. Khan\n\nRefugees crossed the border on Monday.\n"
    assert _meta(tmp_path, "credit.txt", credit).title is None
    assert _meta(tmp_path, "h.md", "# Torkham: Situation Report No. 3\n\nText.\n").title == \
        "Torkham: Situation Report No. 3"


def test_front_matter_and_datelines(tmp_path: Path) -> None:
    front = ("---\ntitle: Border talks\ndate: 2012-10-03\nauthor: [A. Khan, B. Noori]\n"
             "source: https://example.org/talks\n---\n\nKABUL — Talks resumed.\n")
    assert _meta(tmp_path, "f.md", front) == Metadata(
        "Border talks", "2012-10-03", "https://example.org/talks", "A. Khan; B. Noori")
    release = ("ISAF Joint Command Morning Operational Update\n\n"
               "KABUL, Afghanistan (Oct. 3, 2012) — An Afghan and coalition force detained "
               "two suspects.\n")
    found = _meta(tmp_path, "isaf.txt", release)
    assert (found.title, found.date) == ("ISAF Joint Command Morning Operational Update",
                                         "2012-10-03")


def test_html_head_tags(tmp_path: Path) -> None:
    page = ("<html><head><title>Talks resume | Example News</title>"
            '<meta property="og:title" content="Talks on border trade resume">'
            '<meta property="article:published_time" content="2025-11-24T08:00:00Z">'
            '<meta name="author" content="Amina Rahimi">'
            '<link rel="canonical" href="https://news.example/talks">'
            "</head><body><article><h1>Talks on border trade resume</h1>"
            "<p>Officials met in Kabul on Monday to discuss trade across the border.</p>"
            "<p>They agreed to meet again next month in Islamabad.</p></article></body></html>")
    assert _meta(tmp_path, "talks.html", page) == Metadata(
        "Talks on border trade resume", "2025-11-24", "https://news.example/talks",
        "Amina Rahimi")
    scholarly = page.replace('<meta name="author" content="Amina Rahimi">',
                             '<meta name="citation_author" content="Khan, A.">'
                             '<meta name="citation_author" content="Noori, B.">'
                             '<meta name="citation_title" content="Trade and war">')
    found = _meta(tmp_path, "paper.html", scholarly)
    assert (found.title, found.author) == ("Trade and war", "Khan, A.; Noori, B.")


def test_docx_core_properties(tmp_path: Path) -> None:
    core = (b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats'
            b'.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements'
            b'/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Flash update 12'
            b"</dc:title><dc:creator>OCHA Sudan</dc:creator><dcterms:created>"
            b"2023-06-01T09:00:00Z</dcterms:created></cp:coreProperties>")
    data = docx([("p", "Fighting reached El Fasher. Aid is blocked.")],
                extra={"docProps/core.xml": core})
    assert _meta(tmp_path, "flash.docx", data) == Metadata(
        "Flash update 12", "2023-06-01", None, "OCHA Sudan")


def test_pdf_first_page_heading(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    path = write_pdf(tmp_path / "sitrep.pdf")
    assert open_document(path).metadata.title == "Sudan emergency: flash update"


def test_dates_are_validated_with_a_reason() -> None:
    assert date_problem("2012-10-03") == "" and date_problem("2012-10") == ""
    assert "no such day" in date_problem("2023-02-30")
    assert "YYYY-MM-DD" in date_problem("3 Oct 2012")
    assert "no month 13" in date_problem("2012-13")
    assert parse_date("D:20121003101500Z") == "2012-10-03"
    assert parse_date("3 October 2012") == "2012-10-03"


def test_cli_sets_shows_and_resets_metadata(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text("Talks on border trade resume\n\nOfficials met in Kabul.\n",
                    encoding="utf-8")
    bad = briefing("meta", path, "--date", "2012-02-30")
    assert bad.returncode == 2 and bad.stderr.strip() == \
        "briefing: there is no such day: 2012-02-30"
    assert not (tmp_path / "talks.txt.annotations.yaml").exists()
    done = briefing("meta", path, "--date", "2012-10-03", "--author", "ISAF", "--source",
                    "https://isaf.example/r/1", "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["title"] == "Talks on border trade resume"
    assert record["set"] == {"date": "2012-10-03", "source": "https://isaf.example/r/1",
                             "author": "ISAF"}
    sidecar = (tmp_path / "talks.txt.annotations.yaml").read_text(encoding="utf-8")
    assert '  date: "2012-10-03"\n  source: "https://isaf.example/r/1"\n  author: "ISAF"\n' \
        in sidecar
    hidden = briefing("meta", path, "--title", "", "--reset", "author")
    assert hidden.returncode == 0
    assert "title:\ttalks.txt\t(the file name)" in hidden.stdout
    assert "author:\t—" in hidden.stdout
    again = briefing("meta", path, "--reset", "title")
    assert "title:\tTalks on border trade resume\t(from the file)" in again.stdout


def test_metadata_is_cited_in_every_export(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text("Talks on border trade resume\n\nOfficials met in Kabul on Monday.\n",
                    encoding="utf-8")
    document = open_document(path)
    split = document.segmentation
    document.annotations.toggle_tag(document.text, split.starts[1], split.ends[1], "diplomacy")
    document.set_metadata(Metadata(date="2025-11-24", author="Amina Rahimi",
                                   source="Briefing Agency"))
    document.save()
    summary = build_summary([path], Codebook(), timestamp=None)
    md = render(summary, "md", Codebook())
    assert "— *Talks on border trade resume* (Amina Rahimi, 2025-11-24), talks.txt, ¶2 s.2" \
        in md
    assert "Amina Rahimi · 2025-11-24 · Briefing Agency — talks.txt" in md
    html = render(summary, "html", Codebook())
    assert "<cite>Talks on border trade resume</cite> (Amina Rahimi, 2025-11-24)" in html
    record = json.loads(render(summary, "json", Codebook()))["sentences"][0]
    assert (record["date"], record["author"], record["source"]) == \
        ("2025-11-24", "Amina Rahimi", "Briefing Agency")
    (row,) = csv.DictReader(io.StringIO(render(summary, "csv", Codebook()), newline=""))
    assert (row["title"], row["date"], row["author"], row["source"]) == (
        "Talks on border trade resume", "2025-11-24", "Amina Rahimi", "Briefing Agency")


def test_a_stray_glyph_line_is_passed_over_for_the_heading(tmp_path: Path) -> None:
    # WFP's sitrep: PDFium reads an icon font's glyph as a first line "f"
    found = _meta(tmp_path, "g.txt", "f\n\nWFP HAITI Situation Report #1\n\n4 November 2025\n")
    assert (found.title, found.date) == ("WFP HAITI Situation Report #1", "2025-11-04")
    assert _meta(tmp_path, "s.txt", "f\n\nTalks resumed in Doha.\n").title is None


def test_a_date_line_is_a_date_not_a_title(tmp_path: Path) -> None:
    found = _meta(tmp_path, "d.txt", "3 October 2012\n\nTalks resumed in Doha on Monday.\n")
    assert (found.title, found.date) == (None, "2012-10-03")


def _sitrep_pdf(path: Path, first_lines: list[tuple[str, str]]) -> Path:
    pytest.importorskip("pypdfium2")
    from devtools.pdfgen import flow

    blocks = [*first_lines, *[("p", p) for p in real_paragraphs(2, 2)]]
    # the file was made (exported again) two weeks after the report it holds
    path.write_bytes(flow(blocks).to_bytes(info={"CreationDate": "D:20251106093000Z",
                                                 "Title": "sitrep.docx"}))
    return path


def test_a_pdf_is_dated_by_its_first_page_before_its_creation_date(tmp_path: Path) -> None:
    dated = _sitrep_pdf(tmp_path / "sitrep5.pdf", [
        ("h", "Hurricane Melissa \u2013 Haiti"),
        ("h", "Situation Report No. 5 \u2014 23 October 2025")])
    assert open_document(dated).metadata.date == "2025-10-23"
    issue = _sitrep_pdf(tmp_path / "wfp.pdf", [("h", "WFP Haiti Situation Report #1"),
                                               ("p", "4 November 2025")])
    assert open_document(issue).metadata.date == "2025-11-04"
    # the creation date stays the fallback when the first page states none
    undated = _sitrep_pdf(tmp_path / "undated.pdf", [("h", "Hurricane Melissa \u2013 Haiti")])
    assert open_document(undated).metadata.date == "2025-11-06"


def test_the_date_a_text_states_of_itself_is_its_metadata_date(tmp_path: Path) -> None:
    # a dateline without its year, under a release number that has it
    number = ("2012-06-S-026\nFor Immediate Release\n\nKABUL, Afghanistan (June 14) \u2014 "
              "An Afghan-led force detained two suspects yesterday.\n")
    assert _meta(tmp_path, "n.txt", number).date == "2012-06-14"
    # a dateline behind the page's furniture on the same line
    furniture = ("Security Forces Clear a Valley\nISAF Joint Command - Afghanistan "
                 "2010-11-CA-167 For Immediate Release\nDownload PDF  KABUL, Afghanistan "
                 "(Nov. 13, 2010) \u2014 Forces killed three insurgents Friday.\n")
    assert _meta(tmp_path, "f.txt", furniture).date == "2010-11-13"
    # a headline that opens with its day, the year from the release number
    headline = ("Dec. 6: Operations Conducted in Laghman and Kandahar\nISAF Joint Command - "
                "Afghanistan 2010-12-CA-020\n\nA joint force detained a facilitator.\n")
    assert _meta(tmp_path, "h.txt", headline).date == "2010-12-06"


def test_the_document_date_of_figures_is_the_metadata_date(tmp_path: Path) -> None:
    from briefing_tui.core.figures import document_date

    text = ("2012-06-S-026\n\nKABUL, Afghanistan (June 14) \u2014 An Afghan-led force "
            "detained two suspects yesterday.\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    meta = open_document(path).metadata
    found = document_date(text, meta.date)
    assert meta.date == "2012-06-14" and found is not None and found.isoformat() == meta.date
    # the analyst's "" (the file's date is wrong) leaves no date to resolve "yesterday" by
    assert document_date(text, "") is None
    # a month alone is kept to: the text's date inside it, else none
    assert document_date(text, "2012-06") == found and document_date(text, "2012-07") is None


@pytest.mark.parametrize(("head", "title"), [
    # a bracketed editor's note above the headline is no title
    ("[leader/facilitator]\n\nISAF Joint Command Morning Operational Update, Feb. 21, 2011\n"
     "ISAF Joint Command - Afghanistan 2011-02-S-154 For Immediate Release\n",
     "ISAF Joint Command Morning Operational Update, Feb. 21, 2011"),
    # nor is a release number or the issuing office: a release without a headline has none
    ("2010-11-CA-123\nISAF Joint Command - Afghanistan\nFor Immediate Release\n\n"
     "Forces Clear the Watapur Valley\n", "Forces Clear the Watapur Valley"),
    ("ISAF Joint Command- Afghanistan\n2011-07-S-003\nFor Immediate Release\n\n"
     "An Afghan-led force detained two suspects in Khost province.\n", None),
    ("2012-10-S-005\nFor Immediate Release\n\nKABUL, Afghanistan (Oct. 4, 2012) \u2014 "
     "Afghan forces concluded an operation in Wardak province yesterday.\n", None),
])
def test_a_release_title_is_its_headline(tmp_path: Path, head: str, title: str | None,
                                         ) -> None:
    found = _meta(tmp_path, "release.txt", head + "\nA joint force detained a facilitator.\n")
    assert found.title == title


def test_a_word_file_is_dated_by_its_first_lines_before_its_creation_date(
        tmp_path: Path) -> None:
    core = (b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats'
            b'.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/'
            b'terms/"><dcterms:created>2023-06-01T09:00:00Z</dcterms:created>'
            b"</cp:coreProperties>")
    data = docx([("h1", "Sudan: Flash Update No. 12 \u2014 30 May 2023"),
                 ("p", "Fighting reached El Fasher. Aid is blocked.")],
                extra={"docProps/core.xml": core})
    assert _meta(tmp_path, "flash.docx", data).date == "2023-05-30"
