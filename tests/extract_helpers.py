"""Fixtures for the extraction tests: PDFs and .docx files written by the tests themselves.

PDFs come from :mod:`devtools.pdfgen` (no reportlab at test time), Word files from
:mod:`devtools.docxgen`; the text is real (UN General Debate statements, CC0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.pdfgen import Layout, MiniPdf, flow

from .constants import DATA

EXTRACT = DATA / "extract"


def real_paragraphs(count: int, start: int = 0) -> list[str]:
    """Paragraphs of the Sudan 2023 statement, whitespace flattened."""
    text = (DATA / "real" / "ungdc_SDN_78_2023_sudan.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in text.replace("\r", "").split("\n") if p.strip()]
    return paragraphs[start:start + count]


#: A sitrep as (kind, text) blocks: heading, prose, a list, prose with long words.
SITREP = [
    ("h", "Sudan emergency: flash update"),
    *[("p", p) for p in real_paragraphs(2, 2)],
    ("h", "Key figures"),
    ("li", "More than four million people displaced inside the Sudan"),
    ("li", "Refugees crossed into Chad, Egypt and South Sudan"),
    *[("p", p) for p in real_paragraphs(6, 4)],
]


def expected(blocks: list[tuple[str, str]]) -> list[str]:
    """The paragraphs the extractor should give for ``blocks``."""
    return [f"\u2022 {text}" if kind == "li" else text for kind, text in blocks]


#: The running head of :func:`write_pdf`'s pages: read once, where it first appears.
HEAD = "Sudan Emergency — Flash Update No. 12"


def write_pdf(path: Path, blocks: list[tuple[str, str]] = SITREP, *,
              layout: Layout | None = None, password: str | None = None,
              interleave: bool = False) -> Path:
    pdf = flow(blocks, layout or Layout(header=HEAD))
    path.write_bytes(pdf.to_bytes(password=password, interleave=interleave))
    return path


def image_only_pdf(path: Path, pages: int = 1, text_pages: int = 0) -> Path:
    """``text_pages`` pages of text, then ``pages`` pages holding only an image."""
    pdf = flow([("p", p) for p in real_paragraphs(text_pages)]) if text_pages else MiniPdf()
    pdf.pages = pdf.pages[:text_pages]
    for _ in range(pages):
        pdf.new_page().image = True
    path.write_bytes(pdf.to_bytes())
    return path


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """Extraction results never land in (or come from) the developer's own cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    return folder
