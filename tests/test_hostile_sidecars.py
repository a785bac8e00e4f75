"""Every hostile sidecar of hostile_inputs.yaml beside a briefing in the real app: the user is
told, nothing runs, unreadable sidecars are never rewritten, bad entries are kept.

The oracles are described in hostile_helpers.py.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml

from briefing_tui.core.codebook import TAG_NAME
from briefing_tui.core.safe_yaml import load_yaml
from briefing_tui.core.sidecar import MAX_SIDECAR_BYTES, read_sidecar, sidecar_path
from briefing_tui.tui.note_dialog import NoteDialog
from briefing_tui.tui.panes import AnnotationsPane, DocumentList

from .app_helpers import make_app, settle
from .hostile_fixtures import (
    FILE_CASES,
    SIDECAR_EXPECTS,
    UNREADABLE_SIDECARS,
    assert_sidecar_left_alone,
    symlink_target,
)
from .hostile_helpers import (
    BAD_ENTRIES,
    HOSTILE,
    SECTIONS,
    SIZE,
    ActionSpy,
    assert_screen_safe,
    entry_for,
    fingerprint,
    hostile,
    label_of,
    option_texts,
    plain_sentences,
    quit_app,
    sidecar_yaml,
    squash,
    status_text,
    write_document,
)


def test_every_hostile_item_has_a_test() -> None:
    assert set(FILE_CASES) == set(HOSTILE["hostile_files"])
    assert set(SIDECAR_EXPECTS) == set(HOSTILE["hostile_sidecars"])
    for section in SECTIONS:
        assert hostile(section), section


async def test_sidecar_that_is_a_symlink_is_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = symlink_target(tmp_path / "docs" / "hostile.txt")
    sidecar = await assert_sidecar_left_alone(tmp_path, monkeypatch, "symlink")
    assert sidecar.is_symlink() and sidecar.readlink() == target
    assert target.read_text(encoding="utf-8").endswith("# someone else's file\n")


async def test_sidecar_with_mode_000_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sidecar = await assert_sidecar_left_alone(tmp_path, monkeypatch, "mode-000")
    assert stat.S_IMODE(sidecar.lstat().st_mode) == 0


async def test_sidecar_over_16_mib_is_never_overwritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sidecar = await assert_sidecar_left_alone(tmp_path, monkeypatch, "over-16-MiB")
    assert sidecar.stat().st_size > MAX_SIDECAR_BYTES


@pytest.mark.parametrize("kind", list(UNREADABLE_SIDECARS))
async def test_documents_pane_says_why_a_sidecar_is_unreadable(
        kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_sidecar, says = UNREADABLE_SIDECARS[kind]
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    make_sidecar(doc, sidecar_path(doc), monkeypatch)
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        listed = option_texts(app.query_one(DocumentList))[0]
        assert squash(says) in squash(listed), listed


@pytest.mark.parametrize("name", list(HOSTILE["hostile_sidecars"]))
async def test_hostile_sidecar_is_reported_and_nothing_is_lost(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    says, untouched = SIDECAR_EXPECTS[name]
    content: str = HOSTILE["hostile_sidecars"][name]
    folder = tmp_path / "docs"
    doc = write_document(folder, plain_sentences(3))
    sidecar = sidecar_path(doc)
    sidecar.write_bytes(content.encode("utf-8"))
    before = fingerprint(sidecar)
    pwned = tmp_path / "pwned"
    monkeypatch.chdir(tmp_path)  # where `echo pwned > pwned` would land
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spy = ActionSpy(app, monkeypatch)
        await pilot.pause()  # the first document opens (and reads its sidecar) on mount
        entry = app.entries[0]
        assert entry.document is not None and not entry.error
        assert says in entry.attention.lower(), entry.attention
        assert label_of(entry.attention) in squash(option_texts(app.query_one(DocumentList))[0])
        if untouched:
            assert "read-only" in status_text(app)
        await pilot.press("1", "n")
        if isinstance(app.screen, NoteDialog):
            await pilot.press("escape")
        await settle(pilot)
        assert_screen_safe(app, f"the {name} sidecar")
        assert spy.injected() == []
        await quit_app(pilot)
    assert not pwned.exists()
    if untouched:
        assert fingerprint(sidecar) == before
        return
    found = read_sidecar(sidecar)
    assert found is not None
    original = load_yaml(content)["annotations"]
    kept = found[0].rejected + [
        {"start": a.start, "end": a.end, "text": a.text, "tags": list(a.tags)}
        for a in found[0].annotations]
    for bad in original:
        assert bad in kept, f"{bad!r} was dropped"


@pytest.mark.parametrize("section", SECTIONS)
async def test_hostile_tag_names_are_kept_and_never_drawn_raw(section: str,
                                                             tmp_path: Path) -> None:
    strings = hostile(section)
    sentences = plain_sentences(len(strings) + 2)
    doc = write_document(tmp_path / "docs", sentences, title="Tags.")
    text = doc.read_text(encoding="utf-8")
    entries = [entry_for(text, sentence, f"hostile-{n}", [string])
               for n, (string, sentence) in enumerate(zip(strings, sentences), 1)]
    unknown = entry_for(text, sentences[-2], "unknown-tag", ["health"])
    source = sidecar_yaml(doc, [*entries, unknown])
    loaded = yaml.safe_load(source)
    assert loaded["annotations"] == [*entries, unknown]  # the file says what we mean
    sidecar = sidecar_path(doc)
    sidecar.write_text(source, encoding="utf-8")
    valid = [e for e in entries if TAG_NAME.fullmatch(e["tags"][0])]
    rejected = [e for e in entries if e not in valid]

    app = make_app(doc.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        entry = app.entries[0]
        assert entry.document is not None
        if rejected:
            assert BAD_ENTRIES.search(entry.attention), entry.attention
            listed = squash(option_texts(app.query_one(DocumentList))[0])
            assert label_of(entry.attention) in listed
        pane = squash(" ".join(option_texts(app.query_one(AnnotationsPane))))
        for kept in [unknown, *valid]:
            assert kept["tags"][0] in pane  # an unknown tag is kept and shown
        assert_screen_safe(app, "a sidecar with hostile tag names")

        await pilot.press("end", "2")  # a change, so the app writes the sidecar
        await settle(pilot)
        assert "all saved" in status_text(app)
        found = read_sidecar(sidecar)
        assert found is not None
        data = found[0]
        assert sorted(data.rejected, key=lambda e: e["id"]) == \
            sorted(rejected, key=lambda e: e["id"])
        tags = {a.id: a.tags for a in data.annotations}
        assert tags["unknown-tag"] == ("health",)
        assert ("migration",) in tags.values()
        await quit_app(pilot)
    found = read_sidecar(sidecar)
    assert found is not None and len(found[0].rejected) == len(rejected)
