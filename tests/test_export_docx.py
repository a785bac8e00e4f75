"""The Word export, read back with python-docx: headings, the key-figures table, quotes
with citations, notes and co-tags, in order; the same summary gives the same bytes.

Golden files are the documents' text as read back (``tests/golden/*.docx.txt``: one line
per paragraph, ``style | text``, and per table row ``[cells]``); regenerate with
``UPDATE_GOLDEN=1`` after an intended change and read the diff.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export import render_bytes
from briefing_tui.core.summary import build_summary

from .export_helpers import tag_document, tagged_seed
from .test_export_brief import brief_folder, confirm_nrc

GOLDEN = Path(__file__).resolve().parent / "golden"
BOOK = Codebook()


def read_back(data: bytes) -> str:
    """The document's body in order, as a person reading it sees it."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    lines: list[str] = []
    paragraphs = iter(document.paragraphs)
    tables = iter(document.tables)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = next(paragraphs)
            style = paragraph.style.name if paragraph.style is not None else ""
            lines.append(f"{style} | {paragraph.text}")
        elif tag == "tbl":
            for row in next(tables).rows:
                lines.append(str([cell.text for cell in row.cells]))
    return "\n".join(lines) + "\n"


def check_golden(name: str, data: bytes) -> None:
    text = read_back(data)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), \
        f"{golden.name} differs; if intended, regenerate with UPDATE_GOLDEN=1"


def test_golden_brief_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = confirm_nrc(brief_folder(tmp_path / "kunar"), monkeypatch)
    data = render_bytes(summary, "docx", BOOK)
    check_golden("brief.docx.txt", data)
    text = read_back(data)
    assert text.startswith("Title | Kunar, early October 2012\n")
    assert "['displaced people, Kunar, 2012-09-28', 'at least 2,000', " \
           "'Norwegian Refugee Council'" in text
    assert "3,200" not in text  # two sources, never added
    assert render_bytes(summary, "docx", BOOK) == data  # same summary, same bytes


def test_golden_seed_docx_with_notes_and_co_tags(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seed = tagged_seed(tmp_path)
    monkeypatch.chdir(tmp_path)
    summary = build_summary([Path(seed.name)], BOOK, timestamp=None)
    data = render_bytes(summary, "docx", BOOK)
    check_golden("seed.docx.txt", data)
    text = read_back(data)
    assert "Normal | Note: Figures from the Afghan side." in text
    assert "· also: migration" in text
    when = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    dated = render_bytes(build_summary([Path(seed.name)], BOOK, timestamp=when), "docx", BOOK)
    assert dated != data and "Exported 2026-03-01T09:30:00+00:00" in read_back(dated)
    assert docx.Document(io.BytesIO(dated)).core_properties.created == when


def test_hostile_text_is_shown_not_written_raw(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "hostile.txt"
    path.write_text("Bad \x1b[31mred\x07 and \u202eevil\u202c text killed two insurgents.\n",
                    encoding="utf-8")
    tag_document(path, (("Bad", ("security",), "note \x00\x0b with \ufffe odd"),))
    summary = build_summary([folder], BOOK, timestamp=None)
    text = read_back(render_bytes(summary, "docx", BOOK))
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "red" in text and "evil" in text and "Note: note " in text


def test_cli_writes_docx_and_refuses_nothing_else(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    out = tmp_path / "brief.docx"
    done = subprocess.run([sys.executable, "-m", "briefing_tui", "export", str(folder),
                           "-o", str(out), "--no-timestamp"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Heading 1 | Key figures" in read_back(out.read_bytes())
