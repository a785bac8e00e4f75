"""Word (.docx) briefings: body text in order, and every kind of file that is not one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from briefing_tui.core.extract import docx as extract_docx
from briefing_tui.core.extract import extract, sniff_document
from briefing_tui.core.text import DocumentError
from devtools.docxgen import W_NS, document_xml, docx

from .extract_helpers import isolated_cache, real_paragraphs

__all__ = ["isolated_cache"]
BLOCKS = [("h", "Sudan: flash update No. 12"), ("p", real_paragraphs(1, 2)[0]),
          ("h", "Key figures"), ("li", "Four million displaced"), ("li", "Aid blocked"),
          ("ol", "Agree a truce"), ("ol", "Open corridors"),
          ("row", "State | Displaced | Returned"), ("row", "Khartoum | 2,851,000 | 12,400"),
          ("p", "Fighting reached El Fasher & Tawila <again>.")]


def write(tmp_path: Path, data: bytes, name: str = "brief.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_paragraphs_headings_lists_and_tables_in_order(tmp_path: Path) -> None:
    loaded = extract(write(tmp_path, docx(BLOCKS)))
    assert loaded.text.split("\n\n") == [
        "Sudan: flash update No. 12", real_paragraphs(1, 2)[0], "Key figures",
        "• Four million displaced", "• Aid blocked", "1. Agree a truce", "2. Open corridors",
        "State | Displaced | Returned", "Khartoum | 2,851,000 | 12,400",
        "Fighting reached El Fasher & Tawila <again>."]
    assert loaded.extractor == extract_docx.EXTRACTOR and loaded.pages == ()


def test_what_word_shows_is_what_is_read(tmp_path: Path) -> None:
    blocks = [("tracked", "Talks resumed in |Geneva|Jeddah"), ("field", "3"),
              ("textbox", "Text in a box"), ("breaks", "Left|right|next line"),
              ("sdt", "Inside a content control")]
    text = extract(write(tmp_path, docx(blocks))).text
    assert text.split("\n\n") == ["Talks resumed in Jeddah", "3", "Text in a box",
                                  "Left right\nnext line", "Inside a content control"]


def test_list_items_numbered_by_their_style(tmp_path: Path) -> None:
    styles = (f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="ListNumber"><w:pPr><w:numPr>'
              '<w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:styleId="MyList">'
              '<w:basedOn w:val="ListNumber"/></w:style></w:styles>').encode()
    body = document_xml([("p", "x")]).replace(
        b'<w:p><w:r><w:t xml:space="preserve">x</w:t></w:r></w:p>',
        b'<w:p><w:pPr><w:pStyle w:val="MyList"/></w:pPr><w:r><w:t>One</w:t></w:r></w:p>'
        b'<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>Two</w:t></w:r></w:p>')
    data = docx([], document=body, extra={"word/styles.xml": styles})
    assert extract(write(tmp_path, data)).text == "1. One\n\n2. Two"


def zip_of(members: dict[str, bytes]) -> bytes:
    """A zip of these members, the same bytes every time (test ids are made from them)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                             zipfile.ZIP_DEFLATED)
    return out.getvalue()


BOMB = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document/>'


@pytest.mark.parametrize(("data", "reason"), [
    (b"Plain words, saved with the wrong name.", "not a Word .docx file: it holds plain text"),
    (b"%PDF-1.7\n", "not a Word .docx file: it is a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "it is an old Word .doc or a password-protected Office file"),
    (b"PK\x03\x04 truncated zip", "damaged Word file: not a readable zip"),
    (zip_of({"notes.txt": b"hello"}), "not a Word document: a zip without word/document.xml"),
    (zip_of({"xl/workbook.xml": b"<x/>"}), "not a Word document: it is an Excel workbook"),
    (zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
     "an OpenDocument file"),
    (zip_of({"word/document.xml": BOMB}), "refused: word/document.xml declares a DTD"),
    (zip_of({"word/document.xml": b"<w:document><w:body>"}), "is not well-formed XML"),
    (docx([("p", "")]), "no text: the Word document's body is empty"),
    (b"", "empty file"),
], ids=["text", "pdf", "ole", "bad-zip", "no-document", "excel", "odt", "dtd", "bad-xml",
        "empty-body", "empty"])
def test_bad_word_files_get_one_line_reasons(tmp_path: Path, data: bytes, reason: str,
                                             ) -> None:
    path = write(tmp_path, data, "bad.docx")
    with pytest.raises(DocumentError) as info:
        extract(path)
    assert str(info.value).startswith("bad.docx: ") and reason in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("members", [{"notes.txt": b"x"}, {"xl/workbook.xml": b"<x/>"}],
                         ids=["notes", "excel"])
def test_sniff_reads_only_the_zip_directory(tmp_path: Path, members: dict[str, bytes]) -> None:
    with pytest.raises(DocumentError, match="not a Word document"):
        sniff_document(write(tmp_path, zip_of(members)))
    assert sniff_document(write(tmp_path, docx(BLOCKS), "ok.docx")) > 0


def test_a_zip_bomb_is_cut_off_while_reading(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The size in the zip's header is not trusted: reading stops at the limit."""
    monkeypatch.setattr(extract_docx, "MAX_XML_BYTES", 100_000)
    body = document_xml([("p", "word " * 50_000)])
    data = bytearray(zip_of({"word/document.xml": body}))
    header = data.index(b"PK\x01\x02")  # central directory: claim a tiny size
    data[header + 24:header + 28] = (1000).to_bytes(4, "little")
    with pytest.raises(DocumentError, match=r"damaged Word file: .* \(Bad CRC-32"):
        extract(write(tmp_path, bytes(data)))  # zipfile stops at the size it was told
    with pytest.raises(DocumentError, match="unpacks to over 98 KiB"):
        extract(write(tmp_path, zip_of({"word/document.xml": body}), "honest.docx"))


def test_a_zip_needing_a_newer_unzip_is_damaged_not_a_crash(tmp_path: Path) -> None:
    """zipfile raises NotImplementedError for it (found by fuzzing)."""
    data = bytearray(docx(BLOCKS))
    header = data.index(b"PK\x01\x02")
    data[header + 6] = 90  # "version needed to extract": 9.0
    for action in (extract, sniff_document):
        with pytest.raises(DocumentError, match=r"damaged Word file: .*zip file version 9\.0"):
            action(write(tmp_path, bytes(data)))


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_docx, "MAX_MEMBERS", 3)
    data = docx(BLOCKS, extra={"a.xml": b"x", "b.xml": b"y"})
    with pytest.raises(DocumentError, match="a zip of 6 files"):
        extract(write(tmp_path, data))
