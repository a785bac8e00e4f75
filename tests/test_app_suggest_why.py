"""The whole reason of a suggestion under the reader, at 80 columns as at 120."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing_tui.tui.suggest_why import SuggestionWhy, key_hints

from .app_helpers import copy_samples, reader, settle
from .test_app_suggest import status_text, suggesting_app, suggestions_ready, why_text


def test_the_key_hints_follow_the_keymap() -> None:
    assert key_hints({}) == "a accepts · d rejects"
    assert key_hints({"reject_suggestion": "x,ctrl+x"}) == "a accepts · x / ctrl+x rejects"


async def _tag_ten_and_retrain(pilot: Any) -> None:
    """Six sentences security, six migration (each the other's known negatives): the
    model joins the rules; the cursor goes to the next sentence whose best suggestion is
    the model's (its reasons are the long ones)."""
    app = pilot.app
    await suggestions_ready(pilot)
    for key in "111111222222":
        await pilot.press(key, "j")
    document = reader(app).document
    assert document is not None
    split = document.segmentation
    for _ in range(60):
        await settle(pilot)
        found = app.suggestions_of(document)
        firsts = [i for i in range(12, len(split)) if found is not None and (
            shown := found.open_on(document.annotations, split.starts[i], split.ends[i]))
            and shown[0].reason.startswith("model ")]
        if firsts:
            break
    assert firsts, "the model did not join the rules"
    await pilot.press(*"j" * (firsts[0] - reader(app).cursor))
    app.clear_notifications()  # "the cursor was off screen": not what is looked at here
    await settle(pilot)


async def test_at_80_columns_the_reason_is_shown_whole_and_the_line_stays(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await _tag_ten_and_retrain(pilot)
        best = app.cursor_candidates(reader(app))[0]
        assert best.reason.startswith("model ") and len(best.reason) > 60, best.reason
        assert " ".join(best.reason.split()) in why_text(app)
        assert "a accepts · d rejects" in why_text(app)
        status = status_text(app)  # no room for the suggestion there: left out, not cut
        assert "sugge" not in status and status.rstrip().endswith("all saved")
        await pilot.press("H")  # hidden suggestions: no reason either
        await settle(pilot)
        assert why_text(app) == ""
        await pilot.press("H", "d")  # rejected: the next suggestion there, or none
        await settle(pilot)
        rest = app.cursor_candidates(reader(app))
        assert (rest[0].reason in why_text(app)) if rest else \
            why_text(app).startswith("no suggestion on this sentence")


async def test_the_reader_keeps_its_height_as_the_cursor_moves(tmp_path: Path) -> None:
    """Sentences with and without a suggestion, one after the other: the line under
    the reader keeps its rows (it said nothing and vanished before, and the reader grew
    and shrank by two or three rows at each step)."""
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)
    for size in ((80, 24), (120, 35)):
        async with app.run_test(size=size) as pilot:
            await suggestions_ready(pilot)
            view = app.query_one(f"#why-{reader(app).id}", SuggestionWhy)
            heights, said = set(), set()
            for _ in range(12):
                await pilot.press("j")
                await settle(pilot)
                heights.add((reader(app).region.height, view.region.height))
                said.add(bool(app.cursor_candidates(reader(app))))
                text = why_text(app)
                assert text.startswith("no suggestion on this sentence (g goes to the next)"
                                       if not app.cursor_candidates(reader(app)) else
                                       app.cursor_candidates(reader(app))[0].tag + "?")
            assert said == {True, False}, "both kinds of sentence were passed over"
            assert len(heights) == 1 and next(iter(heights))[1] == 3, heights
            await pilot.press("H")  # hidden suggestions: the rows go to the reader
            await settle(pilot)
            assert not view.display and reader(app).region.height == \
                next(iter(heights))[0] + 3
        app = suggesting_app(folder)


def test_a_reason_too_long_for_its_rows_loses_the_hints_then_its_end() -> None:
    view = SuggestionWhy()
    view.suggestion = ("security", 0.91, "model 60% (30 labels): " + "'word', " * 30)
    view._hints = "a accepts · d rejects"
    fitted = view._fitted(50)
    lines = fitted.wrap(50)
    assert len(lines) == 3 and fitted.plain.endswith("…") and "accepts" not in fitted.plain
    view.suggestion = ("security", 0.91, "rules only (0 of 5 labels): matched 'troops'")
    assert view._fitted(50).plain.endswith("(a accepts · d rejects)")
    assert len(view._fitted(50).wrap(50)) <= 3


def test_why_snapshot_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = suggesting_app(folder)

    async def on_the_sentence(pilot: Any) -> None:
        await _tag_ten_and_retrain(pilot)
        assert why_text(app).startswith(app.cursor_candidates(reader(app))[0].tag)

    assert snap_compare(app, terminal_size=(80, 24), run_before=on_the_sentence)
