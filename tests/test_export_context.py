"""Context: each quote with its neighbouring sentences (``export --context N``, C in the
summary screen), in every format; a document's first sentence has nothing before it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export import render, render_bytes
from briefing_tui.core.summary import build_summary
from briefing_tui.tui.summary_screen import SummaryScreen

from .app_helpers import make_app, settle
from .test_app_summary import open_summary
from .test_cli_export import briefing
from .test_export_brief import brief_folder

BOOK = Codebook()
OFFICIALS = "Afghan officials said the force killed two insurgents in Asadabad district on Monday."
BEFORE = ("KABUL, Afghanistan (Oct. 3, 2012) — An Afghan and coalition security force detained "
          "three suspected insurgents during an operation in Kunar province yesterday.")
NOTE = "Which officials?"  # the note on OFFICIALS (BRIEF_TAGS)
AFTER = ("Fighting between 28 and 30 September displaced about 1,200 people in Kunar "
         "province, according to OCHA.")


def test_neighbours_are_kept_with_each_quote_in_every_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(brief_folder(tmp_path / "kunar"))
    summary = build_summary([Path(".")], BOOK, timestamp=None, context=1)
    item = next(i for i in summary.items["security"] if i.text == OFFICIALS)
    assert (item.before, item.after) == ((BEFORE,), (AFTER,))
    first = summary.items["security"][0]  # s.2: only the title before it
    assert first.before == ("Afghan and coalition forces detain insurgents in Kunar",)
    plain = build_summary([Path(".")], BOOK, timestamp=None)
    assert all(not i.before and not i.after for t in plain.tags for i in plain.items[t])
    md = render(summary, "md", BOOK)
    # the note right under its own quote: after the next sentence it read as that one's
    assert f"> *{BEFORE}*\n>\n> {OFFICIALS}\n>\n> Note: {NOTE}\n>\n> *{AFTER}*\n>\n> — " \
        in md.replace("\\-", "-").replace("\\,", ",").replace("\\?", "?")
    html = render(summary, "html", BOOK)
    assert f'<blockquote>{OFFICIALS}</blockquote>\n<p class="note">Note: {NOTE}</p>\n' \
        f'<p class="context">{AFTER}</p>' in html
    record = next(r for r in json.loads(render(summary, "json", BOOK))["sentences"]
                  if r["text"] == OFFICIALS)
    assert (record["context_before"], record["context_after"]) == ([BEFORE], [AFTER])
    assert "context_before" not in render(plain, "json", BOOK)  # old exports keep their bytes
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in
                  docx.Document(io.BytesIO(render_bytes(summary, "docx", BOOK))).paragraphs]
    at = paragraphs.index(("Quote", OFFICIALS))
    assert paragraphs[at - 1][1] == BEFORE
    assert [text for _, text in paragraphs[at + 1:at + 3]] == [f"Note: {NOTE}", AFTER]


def test_csv_gets_two_context_columns_only_when_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.core.export.data import CSV_CONTEXT_JOIN, csv_unneutralise

    monkeypatch.chdir(brief_folder(tmp_path / "kunar"))
    two = build_summary([Path(".")], BOOK, timestamp=None, context=2)
    rows = list(csv.DictReader(io.StringIO(render(two, "csv", BOOK), newline="")))
    assert list(rows[0])[-3:] == ["paragraph_label", "context_before", "context_after"]
    row = next(r for r in rows if r["text"] == OFFICIALS and r["tag"] == "security")
    item = next(i for i in two.items["security"] if i.text == OFFICIALS)
    assert csv_unneutralise(row["context_before"]).split(CSV_CONTEXT_JOIN) == list(item.before)
    assert row["context_after"].split(CSV_CONTEXT_JOIN) == list(item.after)
    assert len(item.before) == 2 and item.after[0] == AFTER
    # the same neighbours as JSON gives, sentence for sentence ("" where there are none)
    records = json.loads(render(two, "json", BOOK))["sentences"]
    by_key = {(r["document"], r["sentence"], r["tag"]): r for r in rows}
    for record in records:
        row = by_key[(record["path"], str(record["sentence"]), record["tag"])]
        for side in ("context_before", "context_after"):
            cell = csv_unneutralise(row[side])
            assert (cell.split(CSV_CONTEXT_JOIN) if cell else []) == record.get(side, [])
    plain = render(build_summary([Path(".")], BOOK, timestamp=None), "csv", BOOK)
    assert "context_before" not in plain.splitlines()[0]  # old exports keep their bytes


def test_cli_context_option_and_a_bad_count(tmp_path: Path) -> None:
    folder = brief_folder(tmp_path / "kunar")
    done = briefing("export", folder, "--context", "2", "--tag", "security", "--format",
                    "json", "--no-timestamp")
    assert done.returncode == 0, done.stderr
    record = next(r for r in json.loads(done.stdout)["sentences"] if r["text"] == OFFICIALS)
    assert len(record["context_before"]) == 2 and record["context_after"][0] == AFTER
    done = briefing("export", folder, "--context", "1", "--format", "csv", "--no-timestamp")
    assert done.returncode == 0, done.stderr
    row = next(r for r in csv.DictReader(io.StringIO(done.stdout, newline=""))
               if r["text"] == OFFICIALS)
    assert (row["context_before"], row["context_after"]) == (BEFORE, AFTER)
    refused = briefing("export", folder, "--context", "many")
    assert refused.returncode == 2
    assert "--context: give a number of sentences from 0 to 5" in refused.stderr
    assert "Traceback" not in refused.stderr


async def test_summary_screen_shows_context_with_c(tmp_path: Path) -> None:
    app = make_app(brief_folder(tmp_path / "kunar"))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_summary(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen) and screen.context == 1
        assert screen.summary is not None
        item = next(i for i in screen.summary.items["security"] if i.text == OFFICIALS)
        assert item.after == (AFTER,)
        key = next(k for k, v in screen._targets.items() if v is item)
        prompt = str(screen.query_one("#summary-list").get_option(key).prompt)  # type: ignore[attr-defined]
        assert prompt.index(BEFORE[:40]) < prompt.index(OFFICIALS[:40]) \
            < prompt.index(f"✎ {NOTE}") < prompt.index(AFTER[:40])
        await pilot.press("C", "C")  # two, then none again
        await settle(pilot)
        assert screen.context == 0
        assert all(not i.after for i in screen.summary.items["security"])
