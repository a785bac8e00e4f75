"""The codebook: defaults, a user's YAML file over them, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.codebook import (
    UNKNOWN_COLOUR,
    Codebook,
    CodebookError,
    load_codebook,
)


def test_defaults_are_security_migration_diplomacy_on_1_2_3() -> None:
    book = Codebook()
    assert [(t.name, t.key) for t in book] == [("security", "1"), ("migration", "2"),
                                                ("diplomacy", "3")]
    migration = book.by_key("2")
    assert migration is not None and migration.name == "migration"
    assert book.colour("nonsense") == UNKNOWN_COLOUR


def test_order_puts_codebook_tags_first_then_unknown_alphabetically() -> None:
    assert Codebook().order({"zeta", "diplomacy", "alpha", "security"}) == [
        "security", "diplomacy", "alpha", "zeta"]


def test_user_codebook_adds_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    path.write_text(
        "tags:\n"
        "  - {name: security, key: '1', colour: '#aa0000', description: Armed conflict}\n"
        "  - {name: health, key: '4', colour: '#00aa00', keywords: [cholera, clinic]}\n",
        encoding="utf-8")
    book = load_codebook(path)
    assert [t.name for t in book] == ["security", "migration", "diplomacy", "health"]
    assert book.colour("security") == "#aa0000"
    health = book.by_key("4")
    assert health is not None and health.keywords == ("cholera", "clinic")


def test_replace_defaults(tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    path.write_text("replace_defaults: true\ntags:\n  - {name: health, key: '1'}\n")
    assert [t.name for t in load_codebook(path)] == ["health"]


@pytest.mark.parametrize(("content", "message"), [
    ("tags: {}\n", "expected a 'tags:' list"),
    ("tags:\n  - {name: 'Has Space'}\n", "name must be"),
    ("tags:\n  - {name: \"sec\\n\"}\n", "name must be"),
    ("tags:\n  - {name: x, key: '12'}\n", "key must be one character"),
    ("tags:\n  - {name: x, colour: red}\n", "colour must look like"),
    ("tags:\n  - {name: x, key: '1'}\n", "'security' and 'x' both use key '1'"),
    ("tags:\n  - {name: x, key: h}\n  - {name: x, key: g}\n",
     "tags #1 and #2 are both named 'x'"),
    ("tags:\n  - {name: x, colour: \"#5cb85c\\n\"}\n", "colour must look like"),
    ("tags:\n  - {name: x, keywords: cholera}\n", "keywords must be a list"),
    ("tags: !!python/object/apply:os.system ['x']\n", "not allowed"),
    ("tags:\n  - just a string\n", "is not a mapping"),
])
def test_bad_codebooks_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "book.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        load_codebook(path)


def test_missing_codebook_file(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="no such file"):
        load_codebook(tmp_path / "absent.yaml")
