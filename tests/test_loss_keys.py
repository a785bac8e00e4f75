"""Unknown sidecar keys survive every save, in place, in order and byte for byte.

Another tool (or a colleague by hand) adds keys we do not know, at the top level and in
``document:``. The real app (``run_test``) and ``briefing check --fix`` (a real process)
save the file; everything but the annotation lines (and a re-anchored hash) must be the
same bytes, and a second save must give the first save's bytes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import sidecar_path

from .app_helpers import copy_samples, make_app, saved, settle
from .constants import SEED
from .pty_helpers import ROOT

TOP_FIRST = "origin: other-tool 2.1\n"
DOCUMENT_MIDDLE = "  feed: UNHCR flash update   # as delivered\n"
DOCUMENT_LAST = "  # the licence of the text\n  licence:\n    name: CC0\n    url: 'https://x'\n"
TOP_MIDDLE = "reviewer:\n  name: Ann\n  rounds: [1, 2]\n"
TOP_LAST = "# checked by hand\nzz_checked: yes_really\n"


def with_unknown_keys(doc: Path) -> str:
    """Tag sentence 1, save, then add unknown keys all over the file (as a person would)."""
    document = open_document(doc)
    split = document.segmentation
    document.annotations.toggle_tag(document.text, split.starts[0], split.ends[0], "security")
    document.save()
    lines = sidecar_path(doc).read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    for line in lines:
        if line.startswith("version:"):
            out.append(TOP_FIRST)
        out.append(line)
        if line.startswith("  name:"):
            out.append(DOCUMENT_MIDDLE)
        elif line.startswith("  extractor:"):
            out.append(DOCUMENT_LAST)
        elif line.startswith("segmenter:"):
            out.append(TOP_MIDDLE)
    out.append(TOP_LAST)
    text = "".join(out)
    sidecar_path(doc).write_text(text, encoding="utf-8")
    return text


def frame(text: str, *skip: str) -> list[str]:
    """Every line but the annotation lines (and lines starting with ``skip``)."""
    return [line for line in text.splitlines()
            if not line.startswith("- {") and not line.startswith(skip)]


async def test_the_app_keeps_unknown_keys_in_place_and_byte_for_byte(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    before = with_unknown_keys(doc)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "2")
        await settle(pilot)
        first = sidecar_path(doc).read_text(encoding="utf-8")
        assert frame(first) == frame(before)
        assert [a.tags for a in saved(doc)] == [("security",), ("migration",)]
        await pilot.press("3", "3")  # a tag on and off again: the same bytes
        await settle(pilot)
        assert sidecar_path(doc).read_text(encoding="utf-8") == first


def test_check_fix_keeps_unknown_keys_in_place_and_byte_for_byte(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    before = with_unknown_keys(doc)
    doc.write_text("A new first line.\n\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "check", "--fix",
                           str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "re-anchored sidecar written" in done.stdout, done.stdout + done.stderr
    after = sidecar_path(doc).read_text(encoding="utf-8")
    assert after != before
    assert frame(after, "  sha256:") == frame(before, "  sha256:")
    assert [a.tags for a in saved(doc)] == [("security",)]


def test_unknown_keys_written_by_a_program_go_to_their_usual_place(tmp_path: Path) -> None:
    """Keys set in code (no layout) keep the order they were given, after the known ones."""
    from briefing_tui.core.sidecar import SidecarData, dump_sidecar, parse_sidecar

    data = SidecarData("a.txt", "00", [], extra={"zeta": 1, "alpha": [2]},
                       document_extra={"x-b": "b", "x-a": "a"})
    text = dump_sidecar(data)
    assert text.index("\nzeta: 1") < text.index("\nalpha: [2]") < text.index("annotations:")
    assert text.index('\n  x-b: "b"') < text.index('\n  x-a: "a"') < text.index("segmenter:")
    again = parse_sidecar(text)
    assert dump_sidecar(again) == text and not again.hand_edited
