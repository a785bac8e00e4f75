"""Annotations that do not cover exactly one sentence: the reader, ``x`` and exports agree.

Two ids on one sentence (a hand merge, another tool) and a span inside a sentence are
shown on their sentence, cleared by ``x`` (one undo step), toggled by the tag keys, and
what the reader no longer shows is no longer in the sidecar (the exports' source).
Drives the real app (``run_test``); asserts on the sidecar on disk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing_tui.core.annotations import Annotation, make_id, quote_at
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import SidecarData, dump_sidecar, sidecar_path

from .app_helpers import copy_samples, make_app, reader, saved, settle
from .constants import SEED
from .pty_helpers import ROOT


def annotation(text: str, start: int, end: int, tags: tuple[str, ...],
               salt: str = "") -> Annotation:
    quote, prefix, suffix = quote_at(text, start, end)
    return Annotation(make_id(start, end, quote + salt), start, end, quote, prefix, suffix,
                      tags)


def odd_sidecar(doc: Path) -> tuple[int, int]:
    """Sentence 2 carries two ids; sentence 4 a tag on a few words inside it."""
    document = open_document(doc)
    split, text = document.segmentation, document.text
    s2, e2 = split.starts[1], split.ends[1]
    s4, e4 = split.starts[3], split.ends[3]
    items = [annotation(text, s2, e2, ("security",)),
             annotation(text, s2, e2, ("migration",), salt="other tool"),
             annotation(text, s4 + 4, min(e4, s4 + 24), ("diplomacy",))]
    data = SidecarData(doc.name, document.loaded.sha256, items, extractor="text 1")
    sidecar_path(doc).write_text(dump_sidecar(data), encoding="utf-8")
    return 1, 3


def exported(folder: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "export", "--format", "csv",
                           "--force",
                           "-o", str(folder.parent / "out.csv"), str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return (folder.parent / "out.csv").read_text(encoding="utf-8")


async def test_two_ids_on_a_sentence_are_shown_and_cleared_by_x(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    two, _ = odd_sidecar(doc)
    assert "migration" in exported(folder) and "security" in exported(folder)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        view = reader(app)
        assert view.nav.tags_of(two) == ("security", "migration")
        assert two in view.nav.tagged_indices("migration")
        await pilot.press("j", "x")
        await settle(pilot)
        assert view.nav.tags_of(two) == ()
        assert [a.tags for a in saved(doc)] == [("diplomacy",)]
        await pilot.press("u")  # one step brings both back
        await settle(pilot)
        assert sorted(a.tags for a in saved(doc))[:2] == [("diplomacy",), ("migration",)]
        assert sorted(view.nav.tags_of(two)) == ["migration", "security"]
        await pilot.press("x")
        await settle(pilot)
    text = exported(folder)
    assert "migration" not in text and "security" not in text and "diplomacy" in text


async def test_a_span_inside_a_sentence_is_shown_toggled_and_cleared(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    _, four = odd_sidecar(doc)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        view = reader(app)
        assert view.nav.tags_of(four) == ("diplomacy",)
        assert four in view.nav.tagged_indices("diplomacy")
        await pilot.press("j", "j", "j", "3")  # the tag it shows is the tag 3 takes off
        await settle(pilot)
        assert view.nav.tags_of(four) == ()
        assert all("diplomacy" not in a.tags for a in saved(doc))
        await pilot.press("u", "x")  # back, then cleared with x
        await settle(pilot)
        assert view.nav.tags_of(four) == ()
        assert len(saved(doc)) == 2  # only sentence 2's two annotations are left
    assert "diplomacy" not in exported(folder)
