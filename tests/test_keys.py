"""One source of truth for keys: bindings and codebook make help, palette and README."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.codebook import Codebook, Tag
from briefing_tui.tui.keys import (
    SCREEN_SECTIONS,
    clashes,
    help_rows,
    keys_of,
    markdown_table,
    tag_bindings,
)
from briefing_tui.tui.launch import keys_and_tags

from .app_helpers import copy_samples, make_app

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_key_table_is_the_bindings() -> None:
    """Regenerate with `python -m briefing_tui.tui.keys` when a binding changes."""
    assert markdown_table() in README.read_text(encoding="utf-8")


def test_codebook_keys_are_bound_whatever_the_character() -> None:
    book = Codebook([Tag("health", "h", "#5cb85c"), Tag("food", ".", "#aa5500")])
    assert [(b.key, b.action) for b in tag_bindings(book)] == [
        ("h", "app.toggle_tag('health')"), ("full_stop", "app.toggle_tag('food')")]


@pytest.mark.parametrize(("book", "keymap", "both"), [
    (Codebook(), {"quit": "j"}, ("next", "quit (keymap)")),
    (Codebook([Tag("health", "j", "#5cb85c")]), {}, ("next", "tag_health (codebook")),
    (Codebook(), {"tag_security": "?"}, ("tag_security (keymap", "help")),
])
def test_a_key_bound_twice_is_refused_naming_both(book: Codebook, keymap: dict[str, str],
                                                  both: tuple[str, str]) -> None:
    [problem] = clashes(book, keymap)
    assert all(name in problem for name in both), problem


def test_a_remap_that_moves_a_key_away_is_no_clash() -> None:
    assert clashes(Codebook(), {"next": "l", "quit": "j"}) == []


def test_launch_refuses_a_keymap_clash_with_one_line(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("keymap:\n  quit: j\n", encoding="utf-8")
    assert keys_and_tags(None, config) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'j'" in err and "next" in err and "quit" in err
    book = tmp_path / "book.yaml"
    book.write_text("tags:\n  - {name: health, key: h}\n", encoding="utf-8")
    config.write_text("keymap:\n  tag_health: z\n", encoding="utf-8")
    found = keys_and_tags(book, config)
    assert found is not None and found[0].keymap == {"tag_health": "z"}


async def test_help_and_palette_follow_a_keymap_remap(tmp_path: Path) -> None:
    from briefing_tui.tui.commands import reader_commands

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    app.settings.keymap = {"next": "l", "note": "N"}
    async with app.run_test(size=(120, 35)) as pilot:
        sections = help_rows(app.every_binding(), app.keymap_in_use())
        rows = dict(row for name, keys in sections for row in keys
                    if name not in SCREEN_SECTIONS.values())
        assert rows["l"] == "next sentence"
        assert "N" in rows and "n" not in rows
        commands = {c.title: c.help for c in reader_commands(app)}
        assert commands["Note"].endswith("(N)")
        assert commands["Next"].endswith("(l)")
        for wanted in ("Accept", "Write summary", "First", "Last", "Quit", "Screenshot"):
            assert wanted in commands
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles)), "two palette entries share a name"
        await pilot.press("l")
        assert app.active_reader().cursor == 1


def test_keys_of_applies_the_keymap() -> None:
    [binding] = [b for b in tag_bindings(Codebook()) if b.id == "tag_security"]
    assert keys_of(binding, {}) == ["1"]
    assert keys_of(binding, {"tag_security": "z,ctrl+z"}) == ["z", "ctrl+z"]


def test_the_default_keys_never_clash() -> None:
    """Every helper adds keys here; two on one key would silently lose one."""
    assert clashes(Codebook(), {}) == []


async def test_help_lists_each_screens_own_keys_under_its_heading(tmp_path: Path) -> None:
    """The summary's, the queue's and the adjudication screen's keys are in help too
    (a new user looked for the summary's `w` and `C` there)."""
    from briefing_tui.tui.dialogs import HelpScreen

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.rows)
        summary = dict(sections["Summary screen (e)"])
        assert summary["w"].startswith("write the summary as md")
        assert summary["esc / e"] == "back to the reader"
        assert summary["C"].startswith("show each quote with the sentence before")
        queue = dict(sections["Suggestion queue (S)"])
        assert queue["d"] == "never suggest this tag on this sentence again"
        assert dict(sections["Adjudication (A)"])["m"] == "keep both analysts' tags"
        names = [name for name, _ in app.screen.rows]
        assert names.index("Documents and panes") < names.index("Summary screen (e)")
