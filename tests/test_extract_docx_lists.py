"""Word list labels as Word shows them, footnotes and endnotes, and equations as text.

Every document is generated here with :mod:`devtools.docxgen` (numbering definitions,
notes parts and OMML written as Word writes them) and read through the real extractor.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.extract import extract
from briefing_tui.core.extract.docx import EXTRACTOR
from briefing_tui.core.extract.docx_lists import format_number
from devtools.docxgen import docx, list_item, note_reference, notes_xml, numbering_xml
from devtools.docxgen import text_run as _run

from .extract_helpers import isolated_cache

__all__ = ["isolated_cache"]


def read(tmp_path: Path, blocks: list[tuple[str, str]], **parts: bytes) -> list[str]:
    numbering = parts.pop("numbering", None)
    extra = {f"word/{name}.xml": data for name, data in parts.items()}
    path = tmp_path / "brief.docx"
    path.write_bytes(docx(blocks, numbering=numbering, extra=extra))
    loaded = extract(path)
    assert loaded.extractor == EXTRACTOR == "briefing-docx 2"
    return loaded.text.split("\n\n")


def test_each_level_has_its_format_and_label_and_restarts_under_a_new_parent(
        tmp_path: Path) -> None:
    numbering = numbering_xml(
        {0: [("decimal", "%1.", 1), ("lowerLetter", "%2)", 1), ("lowerRoman", "(%3)", 1)]},
        {1: (0, {})})
    items = [(0, "Protect civilians"), (1, "in Darfur"), (1, "in Kordofan"),
             (2, "El Fasher"), (2, "Tawila"), (0, "Open corridors"), (1, "by road")]
    text = read(tmp_path, [list_item(1, lvl, t) for lvl, t in items], numbering=numbering)
    assert text == ["1. Protect civilians", "a) in Darfur", "b) in Kordofan", "(i) El Fasher",
                    "(ii) Tawila", "2. Open corridors", "a) by road"]


def test_multi_level_labels_starts_and_legal_numbering(tmp_path: Path) -> None:
    numbering = numbering_xml(
        {0: [("decimal", "%1.", 1), ("decimal", "%1.%2", 1)],
         1: [("upperLetter", "%1.", 3)],
         2: [("upperRoman", "Article %1.", 4), ("decimal", "%1.%2", 1)],
         3: [("decimalZero", "%1.", 9), ("ordinal", "%2", 1)]},
        {1: (0, {}), 2: (1, {}), 3: (2, {}), 4: (3, {})}, legal=(2, 1))
    blocks = [list_item(1, 0, "Scope"), list_item(1, 1, "Areas"), list_item(1, 1, "Dates"),
              list_item(1, 0, "Parties"), list_item(1, 1, "Signatories"),
              list_item(2, 0, "Third"), list_item(2, 0, "Fourth"),
              list_item(3, 0, "Ceasefire"), list_item(3, 1, "Monitoring"),
              list_item(4, 0, "Ninth"), list_item(4, 0, "Tenth"), list_item(4, 1, "First")]
    assert read(tmp_path, blocks, numbering=numbering) == [
        "1. Scope", "1.1 Areas", "1.2 Dates", "2. Parties", "2.1 Signatories",
        "C. Third", "D. Fourth", "Article IV. Ceasefire", "4.1 Monitoring",
        "09. Ninth", "10. Tenth", "1st First"]


def test_restart_by_start_override_and_continuing_across_a_paragraph(tmp_path: Path) -> None:
    numbering = numbering_xml({0: [("decimal", "%1.", 1)], 1: [("bullet", "", 1)]},
                              {1: (0, {}), 2: (0, {0: 1}), 3: (0, {}), 4: (1, {})})
    blocks = [list_item(1, 0, "One"), list_item(1, 0, "Two"), ("p", "A note between."),
              list_item(1, 0, "Three"), list_item(2, 0, "Again one"),
              list_item(2, 0, "Again two"), list_item(3, 0, "Carried on"),
              list_item(4, 0, "A bullet in the Symbol font")]
    assert read(tmp_path, blocks, numbering=numbering) == [
        "1. One", "2. Two", "A note between.", "3. Three", "1. Again one", "2. Again two",
        "3. Carried on", "• A bullet in the Symbol font"]


def test_number_formats() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14, 1990)] == \
        ["IV", "IX", "XIV", "MCMXC"]
    assert [format_number(n, "ordinal") for n in (1, 2, 3, 4, 11, 12, 21, 112)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "21st", "112th"]
    assert format_number(7, "decimalZero") == "07" and format_number(7, "none") == ""
    assert format_number(7, "chineseCounting") == "7"  # unknown formats as decimal


def paragraph(*runs: str) -> tuple[str, str]:
    return ("raw", "<w:p>" + "".join(runs) + "</w:p>")


def test_footnotes_and_endnotes_follow_the_body_marked_as_in_the_text(tmp_path: Path) -> None:
    blocks = [paragraph(_run("Some 24,000 people crossed"), note_reference("footnote", 3),
                        _run(" in a week"), note_reference("endnote", 1), _run(".")),
              paragraph(_run("Most were children"), note_reference("footnote", 2),
                        _run(" and women"), note_reference("footnote", 7, custom="*"),
                        _run(".")),
              ("p", "Agencies appealed for funds.")]
    footnotes = notes_xml("footnote", {2: ["Registration data, 2 November."],
                                       3: ["Border officials' figures.", "Not verified."],
                                       5: ["Never referred to."],
                                       7: ["A custom mark."]})
    endnotes = notes_xml("endnote", {1: ["See the reception centre report."]})
    assert read(tmp_path, blocks, footnotes=footnotes, endnotes=endnotes) == [
        "Some 24,000 people crossed[1] in a week[i].",
        "Most were children[2] and women*.",
        "Agencies appealed for funds.",
        "[1] Border officials' figures.", "Not verified.",
        "[2] Registration data, 2 November.",
        "[*] A custom mark.",
        "[i] See the reception centre report."]


def test_note_numbering_follows_the_document_settings(tmp_path: Path) -> None:
    settings = (b'<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                b'2006/main"><w:footnotePr><w:numFmt w:val="lowerLetter"/><w:numStart '
                b'w:val="3"/></w:footnotePr></w:settings>')
    blocks = [paragraph(_run("Returns rose"), note_reference("footnote", 1), _run("."))]
    text = read(tmp_path, blocks, settings=settings,
                footnotes=notes_xml("footnote", {1: ["IOM figures."]}))
    assert text == ["Returns rose[c].", "[c] IOM figures."]


def omml(body: str) -> str:
    return f"<m:oMath>{body}</m:oMath>"


def r(text: str) -> str:
    return f"<m:r><m:t>{text}</m:t></m:r>"


def test_equations_are_linear_text(tmp_path: Path) -> None:
    fraction = f"<m:f><m:num>{r('a+b')}</m:num><m:den>{r('2')}</m:den></m:f>"
    square = f"<m:sSup><m:e>{r('x')}</m:e><m:sup>{r('2')}</m:sup></m:sSup>"
    root = (f"<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>"
            f"<m:sSup><m:e>{r('b')}</m:e><m:sup>{r('2')}</m:sup></m:sSup>{r('-4ac')}"
            "</m:e></m:rad>")
    total = (f'<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr><m:sub>{r("i=1")}</m:sub>'
             f"<m:sup>{r('n')}</m:sup><m:e><m:sSub><m:e>{r('x')}</m:e><m:sub>{r('i')}"
             "</m:sub></m:sSub></m:e></m:nary>")
    brackets = (f'<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="]"/></m:dPr><m:e>'
                f"{r('0')}</m:e><m:e>{r('1')}</m:e></m:d>")
    matrix = (f"<m:m><m:mr><m:e>{r('a')}</m:e><m:e>{r('b')}</m:e></m:mr><m:mr><m:e>{r('c')}"
              f"</m:e><m:e>{r('d')}</m:e></m:mr></m:m>")
    function = f"<m:func><m:fName>{r('sin')}</m:fName><m:e>{r('θ')}</m:e></m:func>"
    blocks = [paragraph(_run("The mean is "), omml(fraction), _run(" and the area "),
                        omml(square), _run(".")),
              ("raw", f"<w:p><m:oMathPara>{omml(r('D=') + root)}</m:oMathPara></w:p>"),
              paragraph(omml(r("S=") + total), _run(" over "), omml(brackets), _run(", "),
                        omml(matrix), _run(", "), omml(function))]
    assert read(tmp_path, blocks) == [
        "The mean is (a+b)/2 and the area x^2.",
        "D=√(b^2-4ac)",
        "S=∑_(i=1)^n x_i over [0|1], [a, b; c, d], sin θ"]
