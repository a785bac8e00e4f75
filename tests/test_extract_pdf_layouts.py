"""Real sitrep layouts read right (issue #11): no word broken or glued, reading order kept.

The PDFs are look-alikes of the OCHA/PAHO/WFP reports (which cannot be committed) built by
:mod:`devtools.pdflookalike`: text written in kerned glyph runs with narrowed spaces,
a letter-spaced title, a sidebar box beside the main column, a boilerplate box the text
flows past onto the next page, prose beside a photo with its caption, a table.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest

from briefing_tui.core.extract import extract, page_of
from devtools.pdfgen import MiniPdf
from devtools.pdflookalike import BOILERPLATE, CAPTION, FIGURES, HEAD, NAMES, TABLE, sitrep

from .extract_helpers import isolated_cache, real_paragraphs

__all__ = ["isolated_cache"]
WORD = re.compile(r"\S+")


@functools.cache
def _built(interleave: bool) -> tuple[bytes, list[str]]:
    return sitrep(real_paragraphs(7, 2), interleave=interleave)


def _lookalike(tmp_path: Path, interleave: bool = False) -> tuple[list[str], list[str], str]:
    data, want = _built(interleave)
    path = tmp_path / "sitrep.pdf"
    path.write_bytes(data)
    text = extract(path, cache=False).text
    return want, text.split("\n\n"), text


@pytest.mark.parametrize("interleave", [False, True])
def test_no_word_is_broken_or_glued(tmp_path: Path, interleave: bool) -> None:
    want, got, text = _lookalike(tmp_path, interleave)
    expected = Counter(w for p in want for w in WORD.findall(p.replace(" | ", " ")))
    found = Counter(w for p in got for w in WORD.findall(p.replace(" | ", " ")))
    assert found == expected  # nothing split, glued, doubled or lost
    for name in NAMES:
        assert name in text
    assert "23 October 2025" in text and "US$950,000" in text
    # the running head once (at the end of page 1, where it first appears); page numbers
    # never
    assert text.count(HEAD) == 1 and "Page 1 of 2" not in text


@pytest.mark.parametrize("interleave", [False, True])
def test_reading_order_sidebar_box_photo_caption_and_table(tmp_path: Path,
                                                           interleave: bool) -> None:
    want, got, _ = _lookalike(tmp_path, interleave)
    assert got == want
    # the paragraph that runs past the sidebar and the boilerplate box onto page 2 is whole,
    # and the boxes are paragraphs of their own after it
    assert got.index("Key figures") < got.index(FIGURES[0]) < got.index(BOILERPLATE)
    assert CAPTION in got and all(" | ".join(row) in got for row in TABLE)


def test_a_paragraph_rejoined_across_a_box_is_cited_on_its_first_page(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.pdf"
    path.write_bytes(_built(False)[0])
    loaded = extract(path, cache=False)
    assert page_of(loaded.pages, loaded.text.index(BOILERPLATE)) == 1
    assert page_of(loaded.pages, loaded.text.index(CAPTION)) == 2


def test_letter_spaced_and_kerned_words_stay_whole(tmp_path: Path) -> None:
    pdf = MiniPdf()
    page = pdf.new_page()
    page.text(56, 760, "HUMANITARIAN RESPONSE", 14, bold=True, tracking=3.0)
    page.text(56, 730, "Strong winds hit the Tiburon Peninsula on 23 October 2025 in "
                       "Port-au-Prince with the MSPP and health partners.", kerned=True)
    path = tmp_path / "k.pdf"
    path.write_bytes(pdf.to_bytes())
    assert extract(path, cache=False).text == (
        "HUMANITARIAN RESPONSE\n\nStrong winds hit the Tiburon Peninsula on 23 October 2025 "
        "in Port-au-Prince with the MSPP and health partners.")
