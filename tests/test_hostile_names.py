"""Hostile names, links, locks and sidecar forms, in the real app and the real CLI.

Each case here could never be saved, was saved twice, or silently changed: names that are
not UTF-8 or too long for a temp file, a symlinked briefing, a zombie's lock, YAML 1.1
numbers, escaped surrogate pairs, UTF-32 text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.core import atomic
from briefing_tui.core.lock import DocumentLock, LockState, Owner, lock_path
from briefing_tui.core.sidecar import read_sidecar, sidecar_path

from .app_helpers import make_app, reader, saved, settle
from .hostile_helpers import listing, plain_sentences, quit_app, status_text, write_document

SIZE = (100, 30)


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


async def tag_first_sentence_and_quit(folder: Path, name: str | None = None) -> None:
    """Open the app on ``folder``, tag the first sentence of the document open first."""
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app)
        assert view.document is not None and not view.document.read_only_reason, \
            view.document and view.document.read_only_reason
        if name is not None:
            assert view.document.path.name == name
        await pilot.press("1")
        await settle(pilot)
        assert "all saved" in status_text(app), status_text(app)
        await quit_app(pilot)


async def test_a_latin1_file_name_saves(tmp_path: Path) -> None:
    """A name from a Windows share or zip: bytes that are not UTF-8 reach Python as
    surrogates, which the sidecar's ``document.name`` could never hold."""
    name = os.fsdecode(b"r\xe9sum\xe9-d\xe9plac\xe9s.txt")
    doc = write_document(tmp_path / "docs", plain_sentences(3), name=name)
    await tag_first_sentence_and_quit(doc.parent)
    [annotation] = saved(doc)
    assert annotation.tags == ("security",)
    found = read_sidecar(sidecar_path(doc))
    assert found is not None
    assert found[0].document_name == "r\ufffdsum\ufffd-d\ufffdplac\ufffds.txt"
    assert [n for n in os.listdir(os.fsencode(doc.parent)) if b".tmp-" in n] == []


@pytest.mark.parametrize("length", [226, 232, 238])
async def test_a_name_too_long_for_the_usual_temp_name_saves(length: int,
                                                             tmp_path: Path) -> None:
    """``.{name}.annotations.yaml.tmp-{pid}-{n}`` is over 255 bytes from ~226 on."""
    name = "d" * (length - 4) + ".txt"
    doc = write_document(tmp_path / "docs", plain_sentences(3), name=name)
    await tag_first_sentence_and_quit(doc.parent)
    assert [a.tags for a in saved(doc)] == [("security",)]
    assert [n for n in listing(doc.parent) if ".tmp-" in n] == []


def test_a_shortened_temp_name_is_recognisable_and_cleaned_up(tmp_path: Path) -> None:
    sidecar = tmp_path / ("e" * 230 + ".txt.annotations.yaml")
    stem = atomic._temp_stem(sidecar)
    assert stem.startswith(".eeee") and stem.endswith(".txt.annotations.yaml")
    assert len(os.fsencode(stem)) + 24 <= atomic.NAME_MAX
    stale = tmp_path / f"{stem}.tmp-99999-1"  # left by a killed save, long ago
    stale.write_bytes(b"half")
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    atomic.atomic_write(sidecar, b"whole\n")
    assert listing(tmp_path) == [sidecar.name]


async def test_the_app_opens_beside_a_looping_symlink(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    doc = write_document(folder, plain_sentences(3), name="a-first.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = [entry.path.name for entry in app.entries]
        assert names == ["a-first.txt", "loop.txt"]
        await pilot.press("1")
        await settle(pilot)
        await quit_app(pilot)
    assert [a.tags for a in saved(doc)] == [("security",)]


async def test_a_symlinked_briefing_is_tagged_in_its_targets_sidecar(tmp_path: Path) -> None:
    real = write_document(tmp_path / "reports", plain_sentences(3), name="2026-06.txt")
    folder = tmp_path / "desk"
    folder.mkdir()
    link = folder / "latest.txt"
    link.symlink_to(real)
    await tag_first_sentence_and_quit(folder, name="latest.txt")
    assert listing(folder) == ["latest.txt"]  # no second sidecar, no lock left here
    assert [a.tags for a in saved(real)] == [("security",)]
    found = read_sidecar(sidecar_path(real))
    assert found is not None and found[0].document_name == "2026-06.txt"
    assert lock_path(link) == lock_path(real)


def zombie() -> subprocess.Popen[bytes]:
    """A child that has exited and is not reaped: ``kill(pid, 0)`` still succeeds."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    for _ in range(500):
        with open(f"/proc/{child.pid}/stat") as handle:
            if handle.read().rpartition(")")[2].split()[0] == "Z":
                return child
        time.sleep(0.01)
    raise AssertionError("the child never became a zombie")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
async def test_a_zombies_lock_does_not_count_as_live(tmp_path: Path) -> None:
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    child = zombie()
    try:
        me = Owner.me()
        with open(f"/proc/{child.pid}/stat") as handle:
            start = handle.read().rpartition(")")[2].split()[19]
        held = DocumentLock(doc, me=Owner(me.host, child.pid, "amina", me.started,
                                          "theirs", me.boot, start))
        assert held.acquire() is LockState.HELD  # the lock file is now the zombie's
        os.kill(child.pid, 0)  # still "there" to kill(0)
        await tag_first_sentence_and_quit(doc.parent)  # editable: no "also open by"
        assert [a.tags for a in saved(doc)] == [("security",)]
    finally:
        child.wait()


SIDECAR_HEAD = "version: 1\ndocument:\n  name: a.txt\nannotations:\n"


@pytest.mark.parametrize(("written", "meaning"), [
    ("055", "45"), ("4:04", "244"), ("0x10", "16"), ("1_000", "1000")])
def test_yaml_1_1_numbers_in_offsets_are_refused_and_kept(written: str, meaning: str,
                                                          tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("A" * 2000 + ". Then more.\n", encoding="utf-8")
    sidecar = sidecar_path(doc)
    sidecar.write_text(SIDECAR_HEAD + f"- {{start: {written}, end: 2002, text: x, "
                       "tags: [security]}\n", encoding="utf-8")
    result = briefing("check", doc)
    assert f"{written} is not a plain decimal number (YAML 1.1 would read it as {meaning})" \
        in result.stdout, result.stdout
    assert result.returncode == 1
    fixed = briefing("check", doc, "--fix")
    assert "Traceback" not in fixed.stderr
    text = sidecar.read_text(encoding="utf-8")
    assert f'{{"start": {written}, "end": 2002' in text.split("rejected:")[1]  # verbatim


async def test_escaped_surrogate_pairs_read_and_are_written_as_characters(
        tmp_path: Path) -> None:
    doc = write_document(tmp_path / "docs", plain_sentences(3))
    sentence = "Hostile strings, one per paragraph."
    sidecar = sidecar_path(doc)
    sidecar.write_text(SIDECAR_HEAD + f'- {{"start": 0, "end": {len(sentence)}, "text": '
                       f'"{sentence}", "tags": ["migration"], '
                       '"note": "seen \\ud83d\\ude00 \\ud83c\\uddfa\\ud83c\\uddf3"}\n',
                       encoding="utf-8")
    checked = briefing("check", doc)
    assert "sidecar unreadable" not in checked.stdout, checked.stdout
    app = make_app(doc.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "2")
        await settle(pilot)
        await quit_app(pilot)
    text = sidecar.read_text(encoding="utf-8")
    assert "\\ud83d" not in text and "seen \U0001f600 \U0001f1fa\U0001f1f3" in text
    assert saved(doc)[0].note == "seen \U0001f600 \U0001f1fa\U0001f1f3"


def test_typed_surrogate_halves_in_a_note_are_saved_as_one_character(tmp_path: Path) -> None:
    from briefing_tui.core.document import open_document

    doc = write_document(tmp_path, plain_sentences(2))
    document = open_document(doc)
    first = document.segmentation.sentence_text(0)
    document.annotations.set_note(document.text, 0, len(first), "ok \ud83d\udc4d")
    assert document.save()
    assert "ok \U0001f44d" in sidecar_path(doc).read_text(encoding="utf-8")


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_files_are_read_as_utf32(codec: str, tmp_path: Path) -> None:
    bom = b"\xff\xfe\x00\x00" if codec.endswith("le") else b"\x00\x00\xfe\xff"
    doc = tmp_path / "utf32.txt"
    doc.write_bytes(bom + "Kabul talks \U0001f600 resumed. Both sides met.\n".encode(codec))
    result = briefing("sentences", doc)
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[3] for line in result.stdout.splitlines()] == [
        "Kabul talks \U0001f600 resumed.", "Both sides met."]
