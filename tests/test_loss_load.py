"""Opening a briefing loses nothing: tags pressed while it loads are merged, never dropped.

Drives the real app (``run_test``) on real files; every assertion is on the sidecar on
disk. The core loader is :mod:`briefing_tui.core.opening`.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.opening import SYNC_SEGMENT_CHARS
from briefing_tui.core.sidecar import sidecar_path

from .app_helpers import make_app, reader, saved, settle
from .test_app_big import many_sentences

#: Sentences in the briefing these tests press keys into while it loads. Its split must
#: outlast the app's start-up by a wide margin even on a loaded machine: at 20,000
#: sentences it took 0.19 s after this wave's faster splitting, and a key pressed after
#: the sidecar was read (read-only: unreadable) made no copy (a CI run failed so).
LOADING = 100_000


def tagged_briefing(folder: Path, sentences: int, tags: dict[int, str]) -> Path:
    """A briefing of ``sentences`` sentences whose sidecar holds ``tags`` (index: tag)."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = folder / "big.txt"
    doc.write_text(many_sentences(sentences), encoding="utf-8")
    document = open_document(doc)
    split = document.segmentation
    for index, tag in tags.items():
        document.annotations.toggle_tag(document.text, split.starts[index], split.ends[index],
                                        tag)
    document.save()
    return doc


def tags_by_sentence(doc: Path) -> dict[int, tuple[str, ...]]:
    split = open_document(doc).segmentation
    return {split.index_at(a.start) or 0: a.tags for a in saved(doc)}


async def wait_loaded(pilot: object, app: object) -> None:
    view = reader(app)  # type: ignore[arg-type]
    for _ in range(600):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        document = view.document
        if document is not None and document.ready:
            break
    await settle(pilot)  # type: ignore[arg-type]


async def test_a_tag_pressed_while_a_big_briefing_is_split_is_merged_into_its_sidecar(
        tmp_path: Path) -> None:
    doc = tagged_briefing(tmp_path / "big", LOADING, {2: "migration"})
    assert len(doc.read_text(encoding="utf-8")) > SYNC_SEGMENT_CHARS
    app = make_app(doc.parent)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "1")  # at once: the sidecar is not read yet
        await wait_loaded(pilot, app)
        assert len(app.screen_stack) == 1, "no 'Sidecar changed on disk' dialog"
        view = reader(app)
        assert view.document is not None and not view.document.dirty
        assert view.nav.tags_of(1) == ("security",) and view.nav.tags_of(2) == ("migration",)
    assert tags_by_sentence(doc) == {1: ("security",), 2: ("migration",)}


async def test_a_tag_pressed_on_a_saved_sentence_while_loading_adds_to_it(
        tmp_path: Path) -> None:
    doc = tagged_briefing(tmp_path / "big", LOADING, {0: "migration"})
    app = make_app(doc.parent)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1")
        await wait_loaded(pilot, app)
    assert tags_by_sentence(doc) == {0: ("security", "migration")}


async def test_quit_while_a_big_briefing_loads_keeps_the_tag_and_the_saved_ones(
        tmp_path: Path) -> None:
    doc = tagged_briefing(tmp_path / "big", LOADING, {2: "migration"})
    app = make_app(doc.parent)
    app.save_delay = 30  # only quit saves
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "1", "q")
        await pilot.pause(0.1)
    assert app.return_code == 0
    assert tags_by_sentence(doc) == {1: ("security",), 2: ("migration",)}


async def test_a_sidecar_that_cannot_be_read_keeps_tags_pressed_while_loading(
        tmp_path: Path) -> None:
    doc = tagged_briefing(tmp_path / "big", LOADING, {})
    sidecar = sidecar_path(doc)
    sidecar.write_text("version: 1\nannotations: [unclosed\n", encoding="utf-8")
    before = sidecar.read_bytes()
    app = make_app(doc.parent)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("1")
        await wait_loaded(pilot, app)
        await pilot.press("q")
        await pilot.pause(0.1)
    assert sidecar.read_bytes() == before  # never overwritten
    copies = sorted(doc.parent.glob("big.txt.annotations.mine-*.yaml"))
    assert copies, "the tag pressed while loading is kept in a copy"
    assert "security" in copies[0].read_text(encoding="utf-8")
