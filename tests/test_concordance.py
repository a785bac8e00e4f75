"""The concordance (core.concordance, ``briefing concordance``, K in the app): every
sentence with a word or phrase, one line per occurrence, cited, with its tags; whole
words, case-blind, across a hard-wrapped line, ``word*`` for any ending."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select

from briefing_tui.core.concordance import PhraseError, concordance, pattern_of
from briefing_tui.tui.concordance_screen import ConcordanceScreen

from .app_helpers import make_app, sentence, settle
from .test_cli_export import briefing
from .test_export_brief import brief_folder


def test_every_occurrence_cited_with_its_sentence_and_tags(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    found = concordance(sorted(folder.glob("*.txt")), "KUNAR  province")
    assert [(line.citation.file, line.citation.sentence, line.tags) for line in found.lines] \
        == [("kunar-ngo-update.txt", 2, ("migration",)),
            ("kunar-operation.txt", 2, ("security",)),
            ("kunar-operation.txt", 4, ("migration", "security"))]
    line = found.lines[1]
    assert line.words == "Kunar province" and line.sentence.startswith("KABUL")
    assert line.sentence[line.start:line.end] == line.words
    only = concordance(sorted(folder.glob("*.txt")), "kunar province", tags=["security"])
    assert len(only.lines) == 2
    endings = {w.words for w in concordance(sorted(folder.glob("*.txt")), "displac*").lines}
    assert endings == {"displacement", "displaced"}
    assert not concordance(sorted(folder.glob("*.txt")), "displace").lines  # whole words


def test_hard_wrapped_phrase_skipped_file_and_empty_phrase(tmp_path: Path) -> None:
    (tmp_path / "wrapped.txt").write_text("Officials said the border\ncrossing at Torkham "
                                          "reopened.\n", encoding="utf-8")
    found = concordance([tmp_path / "wrapped.txt", tmp_path / "gone.txt"], "border crossing")
    assert [line.words for line in found.lines] == ["border\ncrossing"]
    assert found.documents == 1 and len(found.skipped) == 1
    assert "gone.txt" in found.skipped[0]
    with pytest.raises(PhraseError):
        pattern_of("  ... ")


def test_kwic_keeps_the_texts_own_spacing_round_the_words(tmp_path: Path) -> None:
    from briefing_tui.cli_concordance import kwic

    (tmp_path / "a.txt").write_text(
        "Two guards have been killed. Killed too: a driver. Many were \"killed\" later.\n",
        encoding="utf-8")
    found = concordance([tmp_path / "a.txt"], "killed")
    rows = [kwic(line, 20) for line in found.lines]
    assert rows[0].endswith("Two guards have been [killed].")
    assert rows[1].endswith("[Killed] too: a driver.")
    assert rows[2].endswith('Many were "[killed]" later.')
    assert len({row.index("[") for row in rows}) == 1  # the words still in one column


def test_cli_lists_kwic_lines_json_and_says_when_nothing_is_found(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    done = briefing("concordance", "kunar province", folder, "--width", "20")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("kunar-operation.txt ¶2 s.2")
    assert len({line.index("[Kunar province]") for line in lines}) == 1  # one column
    assert lines[2].endswith("migration, security")
    records = [json.loads(x) for x in briefing("concordance", "kunar province", folder,
                                               "--json").stdout.splitlines()]
    assert records[0]["words"] == "Kunar province" and records[0]["sentence"] == 2
    missing = briefing("concordance", "zebra", folder)
    assert missing.returncode == 1 and missing.stdout == ""
    assert "'zebra' not found in 2 documents" in missing.stderr
    bad = briefing("concordance", "--", folder)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


async def test_app_concordance_screen_lists_and_jumps(tmp_path: Path) -> None:
    app = make_app(brief_folder(tmp_path / "kunar"))
    app.save_delay = 60
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        await pilot.press(*"insurgents", "enter")
        await settle(pilot)
        assert screen.found is not None
        assert [line.citation.sentence for line in screen.found.lines] == [1, 2, 3]
        rows = screen.query_one("#concordance-list", OptionList)
        columns = {str(rows.get_option_at_index(i).prompt).find("insurgents")
                   for i in range(rows.option_count)}
        assert len(columns) == 1, columns  # the words in one column, tagged rows too
        screen.query_one("#concordance-tag", Select).value = "security"
        await settle(pilot)
        assert [line.citation.sentence for line in screen.found.lines] == [2, 3]
        screen.query_one("#concordance-tag", Select).clear()
        await settle(pilot)
        assert len(screen.found.lines) == 3
        screen.query_one("#concordance-list").focus()
        await pilot.press("down", "down", "enter")  # the third line: s.3
        await settle(pilot)
        assert not isinstance(app.screen, ConcordanceScreen)
        assert sentence(app).startswith("Afghan officials said the force killed two")
