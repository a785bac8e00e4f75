"""Quit while a big briefing loads: finish() must not wait on a worker that waits on it.

The app's loading worker reports progress through ``call_from_thread``, which blocks until
the app's own thread runs the callback. If that thread is in ``finish()`` (quit saves
everything) and the worker held the opening's lock while it reported, neither moved again:
the app hung on quit with the tags unsaved. Real files, the real Opening, real threads; the
progress callback blocks exactly as ``call_from_thread`` does.
"""

from __future__ import annotations

import threading
from pathlib import Path

from briefing_tui.core.opening import Opening

SENTENCE = "Returns through Torkham rose for the third day in a row. "


def _big_briefing(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    path.write_text((SENTENCE * 40 + "\n\n") * 60, encoding="utf-8")  # ~140,000 characters
    return path


def _tag_first_sentence(path: Path) -> None:
    """A sidecar with one tag, written the way the app writes it."""
    opening = Opening(path)
    document = opening.first()
    opening.finish()
    first = document.segmentation.sentence(0)
    start, end = first.start, first.end
    document.annotations.toggle_tag(document.text, start, end, "migration")
    assert document.save()


def test_finish_while_the_worker_waits_for_the_app_thread(tmp_path: Path) -> None:
    path = _big_briefing(tmp_path)
    _tag_first_sentence(path)
    opening = Opening(path, sync_chars=1_000, step_chars=5_000)
    document = opening.first()
    assert not opening.done
    reporting = threading.Event()
    app_thread_free = threading.Event()

    def progress(covered: int) -> bool:  # call_from_thread: waits for the app's thread
        reporting.set()
        app_thread_free.wait(20)
        return True

    worker = threading.Thread(target=opening.rest, args=(progress,), daemon=True)
    worker.start()
    assert reporting.wait(20)
    quitting = threading.Thread(target=opening.finish, daemon=True)  # the app's thread
    quitting.start()
    quitting.join(10)
    stuck = quitting.is_alive()
    app_thread_free.set()  # let the worker go either way, so a failure does not hang
    assert not stuck, "finish() waited for a worker that was waiting for it"
    worker.join(20)
    assert not worker.is_alive()
    assert opening.done
    assert [a.tags for a in document.annotations] == [("migration",)]


def test_a_worker_left_alone_splits_everything_and_reads_the_sidecar(tmp_path: Path) -> None:
    path = _big_briefing(tmp_path)
    _tag_first_sentence(path)
    opening = Opening(path, sync_chars=1_000, step_chars=5_000)
    document = opening.first()
    reports: list[int] = []

    def report(covered: int) -> bool:
        reports.append(covered)
        return True

    opening.rest(report)
    assert len(reports) > 3 and reports == sorted(reports)
    assert reports[-1] == len(document.text)
    assert opening.finish() is None  # nothing pressed meanwhile: nothing merged
    assert [a.tags for a in document.annotations] == [("migration",)]


def test_a_caller_gone_stops_the_split(tmp_path: Path) -> None:
    path = _big_briefing(tmp_path)
    opening = Opening(path, sync_chars=1_000, step_chars=5_000)
    document = opening.first()
    calls: list[int] = []

    def gone(covered: int) -> bool:
        calls.append(covered)
        return False  # the app is gone

    opening.rest(gone)
    assert len(calls) == 1
    assert document.segmentation.covered < len(document.text)
    assert not opening.done
