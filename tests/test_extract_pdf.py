"""PDF briefings: reading order, paragraphs, hyphens, ligatures, running heads, pages, and
every kind of bad PDF with a one-line reason."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefing_tui.core.extract import extract, page_of, sniff_document
from briefing_tui.core.extract import pdf as extract_pdf
from briefing_tui.core.text import DocumentError
from devtools.pdfgen import Layout, flow

from .extract_helpers import (
    EXTRACT,
    HEAD,
    SITREP,
    expected,
    image_only_pdf,
    isolated_cache,
    real_paragraphs,
    write_pdf,
)

__all__ = ["isolated_cache"]


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def without_head(got: list[str], head: str = HEAD) -> list[str]:
    """The paragraphs without the running head, which must be there exactly once."""
    assert got.count(head) == 1
    return [p for p in got if p != head]


def test_report_reads_as_its_paragraphs_with_its_running_head_once(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "sitrep.pdf")
    loaded = extract(path)
    assert without_head(paragraphs(loaded.text)) == expected(SITREP)
    assert len(loaded.pages) >= 2  # the test means something only across pages
    assert loaded.text.count(HEAD) == 1 and "Page " not in loaded.text
    assert page_of(loaded.pages, loaded.text.index(HEAD)) == 1  # at the end of page 1
    assert loaded.extractor.startswith("pypdfium2 ") and "+briefing." in loaded.extractor


def test_words_hyphenated_at_line_ends_are_joined(tmp_path: Path) -> None:
    text = ("Humanitarian organisations reported unprecedented displacement, overwhelmingly "
            "affecting communities, notwithstanding extraordinary international commitments. ")
    blocks = [("p", text * 6)]
    pdf = flow(blocks, Layout(size=11))
    raw = b"".join(op.encode("latin-1") for page in pdf.pages for _, _, op in page.ops)
    assert b"-) Tj" in raw  # the typesetter did hyphenate some line ends
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf.to_bytes())
    assert extract(path).text == (text * 6).strip()


def test_ligature_glyphs_become_letters(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "l.pdf", [("p", "The \ufb01rst families \ufb02ed the "
                                                 "\ufb01ghting in El Fasher.")],
                     layout=Layout(header=""))
    text = extract(path).text
    assert text == "The first families fled the fighting in El Fasher."


def test_two_columns_written_line_by_line_across_the_page_read_in_order(
        tmp_path: Path) -> None:
    blocks = [("p", p) for p in real_paragraphs(7, 2)]
    for interleave in (False, True):
        path = write_pdf(tmp_path / f"cols-{interleave}.pdf", blocks,
                         layout=Layout(columns=2, header="Digest"), interleave=interleave)
        got = paragraphs(extract(path, cache=False).text)
        assert without_head(got, "Digest") == expected(blocks), interleave


def test_table_rows_are_rows_of_text(tmp_path: Path) -> None:
    blocks = [("p", real_paragraphs(1, 2)[0]), ("row", "State | Displaced | Returned"),
              ("row", "Khartoum | 2,851,000 | 12,400"), ("row", "West Darfur | 402,000 | 0"),
              ("p", real_paragraphs(1, 3)[0])]
    path = write_pdf(tmp_path / "t.pdf", blocks, layout=Layout(header=""))
    assert paragraphs(extract(path).text) == expected(blocks)


def test_page_offsets_say_where_each_page_starts(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "p.pdf")
    loaded = extract(path)
    assert loaded.pages[0] == 0 and list(loaded.pages) == sorted(loaded.pages)
    second = loaded.pages[1]
    assert page_of(loaded.pages, second - 1) == 1
    assert page_of(loaded.pages, second) == 2
    assert page_of(loaded.pages, len(loaded.text)) == len(loaded.pages)
    assert page_of((), 10) == 0


def test_a_real_producers_pdf(tmp_path: Path) -> None:
    """reportlab with an embedded TrueType subset, pyphen hyphenation, justified text."""
    loaded = extract(EXTRACT / "sitrep.pdf")
    got = [p.removeprefix("\u2022 ") for p in paragraphs(loaded.text)]
    want = (EXTRACT / "sitrep.expected.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert got == want
    assert "seventy-eighth" in loaded.text  # a real hyphen at a line end is kept
    assert "\ufb01" not in loaded.text and "displacements" in loaded.text
    assert len(loaded.pages) == 3


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "p.pdf")
    calls: list[tuple[int, int]] = []
    extract(path, progress=lambda done, total: calls.append((done, total)), cache=False)
    total = calls[-1][1]
    assert calls == [(n, total) for n in range(1, total + 1)] and total >= 2


def test_extraction_from_two_threads_at_once(tmp_path: Path) -> None:
    """PDFium is not thread-safe: the module's lock must make this safe."""
    path = write_pdf(tmp_path / "p.pdf")
    want = extract(path, cache=False).text
    results: list[str] = []

    def work() -> None:
        for _ in range(3):
            results.append(extract(path, cache=False).text)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [want] * 9


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: write_pdf(p, password="secret"), "encrypted PDF: it needs a password"),
    (lambda p: p.write_bytes(write_pdf(p).read_bytes()[:1500]), "damaged PDF"),
    (lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20), "damaged PDF"),
    (lambda p: image_only_pdf(p, pages=2), "no text layer: a scanned or image-only PDF"),
    (lambda p: p.write_bytes(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>"),
     "not a PDF: it is an HTML page"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40), "not a PDF: it looks like a ZIP"),
    (lambda p: p.write_bytes(b"Just some words in a text file.\n"),
     "not a PDF: it holds plain text"),
    (lambda p: p.write_bytes(b""), "empty file"),
])
def test_bad_pdfs_get_one_line_reasons(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    make(path)  # type: ignore[operator]
    with pytest.raises(DocumentError) as info:
        extract(path)
    message = str(info.value)
    assert message.startswith("bad.pdf: ") and reason in message and "\n" not in message


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: write_pdf(p, password="secret"), "encrypted PDF"),
    (lambda p: p.write_bytes(write_pdf(p).read_bytes()[:1500]), "damaged PDF"),
    (lambda p: p.write_bytes(b"<html><body>x</body></html>"), "it is an HTML page"),
])
def test_sniff_finds_bad_pdfs_without_extracting(tmp_path: Path, make: object, reason: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad.pdf"
    make(path)  # type: ignore[operator]
    monkeypatch.setattr(extract_pdf, "extract_pdf", None)  # any extraction would crash
    with pytest.raises(DocumentError, match=reason):
        sniff_document(path)


def test_sniff_accepts_a_good_pdf_cheaply(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_pdf(tmp_path / "good.pdf")
    monkeypatch.setattr(extract_pdf, "probe", None)  # a normal PDF is not even opened
    assert sniff_document(path) == path.stat().st_size


def test_a_password_free_encryption_opens(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "owner.pdf", password="")  # permissions only, no password
    assert without_head(paragraphs(extract(path).text)) == expected(SITREP)


def test_scanned_pages_among_text_pages_are_named(tmp_path: Path) -> None:
    path = image_only_pdf(tmp_path / "mixed.pdf", pages=1, text_pages=1)
    loaded = extract(path)
    assert loaded.text.startswith(real_paragraphs(1)[0][:40])
    assert loaded.warning == "page 2: only images, no text (scanned?)"


def test_missing_pdf_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_pdf(tmp_path / "r.pdf")

    def missing() -> None:
        raise ImportError(extract_pdf.MISSING)

    monkeypatch.setattr(extract_pdf, "_pdfium", missing)
    extract_pdf.extractor_id.cache_clear()
    try:
        for action in (extract, sniff_document):
            with pytest.raises(DocumentError) as info:
                action(path)
            assert str(info.value) == \
                "r.pdf: PDF support is not installed: pip install 'briefing-tui[pdf]'"
    finally:
        extract_pdf.extractor_id.cache_clear()
