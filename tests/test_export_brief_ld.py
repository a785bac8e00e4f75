"""The analyst's words in the JSON-LD export: bottom line, key judgments, outlook and a
trend per theme on the collection as schema.org terms, read back by parsing the output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.core.export import render

from .test_export_brief import BOOK, brief_folder, brief_summary

SCHEMA = "https://schema.org/"


def test_the_brief_words_are_schema_org_terms_of_the_collection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(render(brief_summary(brief_folder(tmp_path / "k"), monkeypatch),
                             "jsonld", BOOK))
    assert data["@context"] == ["http://www.w3.org/ns/anno.jsonld", {"schema": SCHEMA}]
    assert data["type"] == "AnnotationCollection"
    assert data["label"] == "Kunar, early October 2012"
    assert data["schema:temporalCoverage"] == "2012-09-28 to 2012-10-04"
    assert data["schema:abstract"] == (
        "Fighting in Kunar displaced at least 2,000 people in late September.\n\n"
        "Two sources count them differently; neither is added to the other.")
    listed = data["schema:additionalProperty"]
    assert {p["type"] for p in listed} == {"schema:PropertyValue"}
    said = [(p["schema:name"], p.get("schema:propertyID", ""), p["schema:value"])
            for p in listed]
    assert said == [
        ("key judgment", "", "Returns will stay slow while the fighting goes on."),
        ("key judgment", "", "Detentions point to a push against local networks."),
        ("outlook", "", "More displacement is likely before winter."),
        ("trend", "migration", "deteriorated"),
        ("trend", "security", "unchanged")]
    # the annotations are as before: the total still counts only them
    assert data["total"] == len(data["first"]["items"])


def test_hostile_words_survive_and_no_words_keep_the_plain_context(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = 'Quotes " and \\ back\u2028slash, <b>tags</b> and \u202eRTL stay exact.'
    brief = f"title: K\nbottom_line: {json.dumps(line)}\njudgments: []\n"
    data = json.loads(render(brief_summary(brief_folder(tmp_path / "h", brief), monkeypatch),
                             "jsonld", BOOK))
    assert data["schema:abstract"] == line
    assert "schema:additionalProperty" not in data  # nothing listed: no empty list
    plain = json.loads(render(brief_summary(brief_folder(tmp_path / "p", "title: K\n"),
                                            monkeypatch), "jsonld", BOOK))
    assert plain["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert not [key for key in plain if key.startswith("schema:")]
