"""The brief's sections (key figures, timeline, brief.yaml) in every export format.

Golden files ``tests/golden/brief.<format>``: two invented Kunar releases
(tests/data/brief/) tagged with :data:`BRIEF_TAGS`, a brief.yaml with a title, a period
and one confirmed figure. Regenerate after an intended change with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_brief.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from briefing_tui.core.brief.file import BRIEF_NAME, BriefFileError, read_brief, set_confirmed
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.export import render
from briefing_tui.core.summary import Summary, build_summary

from .export_helpers import tag_document

DATA = Path(__file__).resolve().parent / "data" / "brief"
GOLDEN = Path(__file__).resolve().parent / "golden"
BOOK = Codebook()
BRIEF_TAGS = {
    "kunar-operation.txt": (
        ("KABUL, Afghanistan (Oct. 3", ("security",), ""),
        ("Afghan officials said", ("security",), "Which officials?"),
        ("Fighting between 28", ("migration", "security"), ""),
        ("Local elders met", ("diplomacy",), ""),
        ("The security force also", ("security",), ""),
    ),
    "kunar-ngo-update.txt": (("KABUL, Afghanistan (Oct. 4", ("migration",), ""),),
}
BRIEF_YAML = """\
# The analyst's words for this folder's brief.
title: Kunar, early October 2012
period: 2012-09-28 to 2012-10-04
places: [{name: Asadabad, aliases: [Asad Abad], level: city, iso: AFG}]
actors: [{name: Kunar elders, aliases: [local elders]}]
bottom_line: |-
  Fighting in Kunar displaced at least 2,000 people in late September.

  Two sources count them differently; neither is added to the other.
judgments:
- "Returns will stay slow while the fighting goes on."
- "Detentions point to a push against local networks."
outlook: More displacement is likely before winter.
trends:
  migration: deteriorated
  security: unchanged
"""


def brief_folder(folder: Path, brief: str = BRIEF_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, tags in BRIEF_TAGS.items():
        shutil.copy(DATA / name, folder / name)
        tag_document(folder / name, tags)
    (folder / BRIEF_NAME).write_text(brief, encoding="utf-8")
    return folder


def brief_summary(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Summary:
    monkeypatch.chdir(folder)
    return build_summary([Path(".")], BOOK, timestamp=None)


def confirm_nrc(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Summary:
    summary = brief_summary(folder, monkeypatch)
    nrc = next(f for f in summary.figures if f.figure.value == 2000)
    set_confirmed(Path("."), nrc, True)
    return brief_summary(folder, monkeypatch)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "jsonld"])
def test_golden_brief(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = render(confirm_nrc(brief_folder(tmp_path / "kunar"), monkeypatch), fmt, BOOK)
    golden = GOLDEN / f"brief.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == golden.read_bytes(), \
        f"{golden.name} differs; if intended, regenerate with UPDATE_GOLDEN=1"


def test_two_sources_on_one_thing_side_by_side_never_summed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = confirm_nrc(brief_folder(tmp_path / "kunar"), monkeypatch)
    md = render(summary, "md", BOOK)
    rows = [line for line in md.splitlines() if line.startswith("| displaced people, Kunar")]
    assert len(rows) == 2
    assert "Norwegian Refugee Council" in rows[0] and "at least 2,000" in rows[0]
    assert "OCHA" in rows[1] and "about 1,200" in rows[1]
    assert "3,200" not in md and "3200" not in render(summary, "json", BOOK)
    assert rows[0].endswith("| confirmed |") and rows[1].endswith("| machine-read — check |")


def test_every_figure_is_cited_to_its_sentence(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    summary = brief_summary(brief_folder(tmp_path / "kunar"), monkeypatch)
    assert len(summary.figures) == 4
    data = json.loads(render(summary, "json", BOOK))
    for record in data["figures"]:
        text = (Path(record["path"])).read_text(encoding="utf-8")
        assert text[record["start"]:record["end"]] == record["words"]
        assert record["status"] == "machine-read — check"
    ld = json.loads(render(summary, "jsonld", BOOK))["first"]["items"]
    figures = [i for i in ld if i["motivation"] == "describing"]
    assert len(figures) == 4
    for item in figures:
        quote, position = item["target"]["selector"]
        text = Path(item["target"]["source"]).read_text(encoding="utf-8")
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert {b["purpose"] for b in item["body"]} == {"describing", "classifying",
                                                        "assessing"}


def test_timeline_resolves_dates_against_the_dateline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = brief_summary(brief_folder(tmp_path / "kunar"), monkeypatch)
    seen = {e.text.split()[0] + " " + e.text.split()[1]: (e.date, e.until, e.stated)
            for e in summary.timeline if e.citation.file == "kunar-operation.txt"}
    assert seen == {
        "KABUL, Afghanistan": ("2012-10-02", "", True),          # yesterday
        "Afghan officials": ("2012-10-01", "", True),            # Monday, in a Wednesday release
        "Fighting between": ("2012-09-28", "2012-09-30", True),  # a range
        "Local elders": ("2012-09-24", "2012-09-30", True),      # last week
        "The security": ("2012-10-03", "", False),               # undated: the release's day
    }
    assert [e.date for e in summary.timeline] == sorted(e.date for e in summary.timeline)
    assert "2012-10-03 (document date)" in render(summary, "md", BOOK)


def test_brief_yaml_keeps_the_analysts_lines_and_is_byte_stable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = brief_folder(tmp_path / "kunar")
    summary = brief_summary(folder, monkeypatch)
    one, two = summary.figures[0], summary.figures[1]
    set_confirmed(folder, two, True)
    set_confirmed(folder, one, True)
    first = (folder / BRIEF_NAME).read_bytes()
    assert first.startswith(BRIEF_YAML.encode())  # title, period and the comment kept
    set_confirmed(folder, one, False)
    set_confirmed(folder, one, True)
    set_confirmed(folder, two, True)  # confirming twice changes nothing
    assert (folder / BRIEF_NAME).read_bytes() == first  # same confirmations, same bytes
    assert read_brief(folder).confirmed == {one.id, two.id}
    lines = first.decode().splitlines()
    assert lines[lines.index("confirmed:") + 1:] == [
        line for line in lines[lines.index("confirmed:") + 1:] if line.startswith("- {")]


def test_an_unreadable_brief_yaml_is_reported_and_never_written_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = brief_folder(tmp_path / "kunar", brief="title: [unclosed\n")
    summary = brief_summary(folder, monkeypatch)
    assert len(summary.figures) == 4 and summary.brief.title == ""
    assert [line for line in summary.skipped if line.startswith(BRIEF_NAME)]
    with pytest.raises(BriefFileError, match=BRIEF_NAME):
        set_confirmed(folder, summary.figures[0], True)
    assert (folder / BRIEF_NAME).read_text() == "title: [unclosed\n"
    assert "Skipped (1)" in render(summary, "md", BOOK)


def test_sections_follow_brief_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = brief_folder(tmp_path / "kunar", brief="sections: [tags, timeline]\n")
    md = render(brief_summary(folder, monkeypatch), "md", BOOK)
    assert "## Key figures" not in md
    assert md.index("## security") < md.index("## Timeline")


def test_places_and_actors_are_found_per_sentence(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    summary = brief_summary(brief_folder(tmp_path / "kunar"), monkeypatch)
    about = {i.text.split()[0] + " " + i.text.split()[1]: summary.about(i)
             for t in summary.tags for i in summary.items[t]}
    assert about["Afghan officials"] == ("Asadabad",)  # brief.yaml's own place
    assert about["Local elders"] == ("Kunar elders",)  # brief.yaml's actor, case-blind
    assert about["Fighting between"] == ("Kunar", "OCHA")  # gazetteer, shipped actor
    assert "Norwegian Refugee Council" in about["KABUL, Afghanistan"] or \
        "ISAF" not in about["KABUL, Afghanistan"]
    md = render(summary, "md", BOOK)
    assert "· about: Kunar, OCHA" in md


def test_mentions_prefer_the_longest_name_and_short_capitals_as_written() -> None:
    from briefing_tui.core.brief.mentions import Known, Mentions

    found = Mentions([Known("Asadabad", "place", ("Asad Abad",))])
    assert found.in_text("The Pakistani Taliban (TTP) struck near Asad Abad, Kunar "
                         "province.") == ("Tehrik-i-Taliban Pakistan", "Asadabad", "Kunar")
    assert found.in_text("They let the Taliban go; ttp in lower case is no name.") == (
        "Taliban",)


def test_export_about_a_place_or_actor_keeps_only_their_sentences(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = brief_folder(tmp_path / "kunar")
    done = subprocess.run([sys.executable, "-m", "briefing_tui", "export", str(folder),
                           "--format", "json", "--about", "NRC", "--no-timestamp"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [r["document"] for r in data["sentences"]] == ["kunar-ngo-update.txt"]
    assert [f["value"] for f in data["figures"]] == [2000]
    assert data["filters"]["about"] == ["NRC"]
    assert all("Norwegian Refugee Council" in r["about"] for r in data["sentences"])
