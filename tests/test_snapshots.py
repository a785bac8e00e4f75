"""What the screen shows, as SVG snapshots (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import sidecar_path
from briefing_tui.tui.app import BriefingApp

from .app_helpers import copy_samples, make_app
from .constants import DATA, SEED

SIZE = (120, 35)

# (sentence index, tags, note) tagged on the seed for the main-screen snapshot
SEED_TAGS = [
    (0, ["migration"], ""),
    (3, ["migration", "security"], "Figures from the Afghan side (Fitrat)."),
    (4, ["security", "diplomacy"], ""),
    (5, ["migration", "security", "diplomacy"], ""),
    (7, ["security"], ""),
]


def tagged_seed(folder: Path) -> Path:
    copy_samples(folder)
    document = open_document(folder / SEED.name)
    split = document.segmentation
    for index, tags, note in SEED_TAGS:
        start, end = split.starts[index], split.ends[index]
        document.annotations.set_tags(document.text, start, end, tags)
        if note:
            document.annotations.set_note(document.text, start, end, note)
    document.save()
    return folder


async def settled(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_with_the_seed_tagged(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tagged_seed(tmp_path / "docs"))
    assert snap_compare(app, press=["j", "j", "j", "j", "j"], terminal_size=SIZE,
                        run_before=settled)


def test_help_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(copy_samples(tmp_path / "docs"))
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=settled)


def test_note_dialog(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tagged_seed(tmp_path / "docs"))

    async def open_note(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("j", "j", "j", "n")
        area = pilot.app.screen.query_one(TextArea)
        for _ in range(50):  # the dialog gives its text area the focus a frame or two later
            await pilot.pause()
            if area.has_focus:
                break
        assert area.has_focus  # typing goes to the note
        # whether a frame catches the blinking cursor is timing, not the app: hide it
        area._pause_blink(visible=False)  # Textual's own blink pause, cursor off
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_note)


def test_error_states(snap_compare: Any, tmp_path: Path) -> None:
    """An unreadable sidecar (read-only tags), a binary file, invalid UTF-8, an empty file."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    sidecar_path(folder / SEED.name).write_text("version: 1\nannotations: [\n",
                                                encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    (folder / "broken.txt").write_bytes(b"Valid start. \xc0\xaf then bad bytes.")
    (folder / "empty.md").write_bytes(b"")

    async def try_to_tag(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(make_app(folder), terminal_size=SIZE, run_before=try_to_tag)


def test_document_full_of_hostile_strings(snap_compare: Any, tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load((DATA / "hostile_inputs.yaml").read_text(encoding="utf-8"))
    strings = [s for key in ("markup_injection", "terminal_escapes", "unicode_edge_cases",
                             "export_injection") for s in data[key]]
    folder = tmp_path / "docs"
    folder.mkdir()
    body = "\n\n".join(f"Item {n}: {s} end." for n, s in enumerate(strings, 1))
    (folder / "[bold]hostile[@click=app.quit].txt").write_text(
        "Hostile strings, shown literally\n\n" + body + "\n", encoding="utf-8")

    async def tag_some(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("j", "1", "j", "2", "j", "j", "3")
        await settled(pilot)

    app: BriefingApp = make_app(folder)
    assert snap_compare(app, terminal_size=SIZE, run_before=tag_some)
