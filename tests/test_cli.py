"""The command line: sentences, check, errors and exit codes, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from briefing_tui.core.document import open_document

from .app_helpers import copy_samples
from .constants import SEED


def briefing(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def test_sentences_plain_and_json() -> None:
    plain = briefing("sentences", SEED)
    assert plain.returncode == 0
    first = plain.stdout.splitlines()[0].split("\t")
    assert first == ["1", "0", "61", "Afghans have left Pakistan and returned to their home "
                                     "country"]
    records = [json.loads(line) for line in briefing("sentences", SEED, "--json")
               .stdout.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert len(records) == len(plain.stdout.splitlines())
    for record in records:
        assert text[record["start"]:record["end"]] == record["text"]
    assert records[3]["paragraph"] == 2


def test_sentences_never_prints_terminal_escapes(tmp_path: Path) -> None:
    doc = tmp_path / "evil.txt"
    doc.write_text("Title \x1b]0;pwned\x07 here. Next \x9b2J one \u202eRLO.\n", encoding="utf-8")
    for args in (("sentences", doc), ("sentences", doc, "--json")):
        out = briefing(*args).stdout
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    records = [json.loads(line) for line in briefing("sentences", doc, "--json")
               .stdout.splitlines()]
    assert "\x1b]0;pwned\x07" in records[0]["text"]  # JSON keeps the real text, escaped


def test_unknown_and_bad_paths_exit_2(tmp_path: Path) -> None:
    missing = briefing("sentences", tmp_path / "nope.txt")
    assert missing.returncode == 2
    assert "nope.txt: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    bad = briefing("sentences", png)
    assert bad.returncode == 2
    assert "PNG" in bad.stderr
    assert briefing("check", tmp_path / "nowhere").returncode == 2
    other = tmp_path / "data.csv"
    other.write_text("a,b\n")
    result = briefing("check", other)
    assert result.returncode == 2
    assert "not a format briefing reads" in result.stderr


def tag_first_sentences(doc: Path, count: int) -> None:
    document = open_document(doc)
    split = document.segmentation
    for index in range(count):
        document.annotations.toggle_tag(document.text, split.starts[index], split.ends[index],
                                        "security")
    document.save()


def test_check_reports_exact_moved_review_and_orphans(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    tag_first_sentences(doc, 6)
    clean = briefing("check", folder)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "6 annotations, all exact" in clean.stdout
    text = doc.read_text(encoding="utf-8")
    text = "New first line.\n\n" + text  # moves every annotation
    text = text.replace("UN Women/Sayed Habib Bidell/Flickr", "")  # orphans one
    text = text.replace("7,000 Afghan refugees", "7,200 Afghan refugees")  # one for review
    doc.write_text(text, encoding="utf-8")
    result = briefing("check", folder)
    assert result.returncode == 1
    assert "1 needs review, 1 orphaned" in result.stdout
    assert "orphan:" in result.stdout
    fixed = briefing("check", "--fix", folder)
    assert "re-anchored sidecar written" in fixed.stdout
    again = briefing("check", folder)
    assert again.returncode == 1  # the orphan and the review still need a person
    assert "6 annotations" in again.stdout


def test_check_unreadable_sidecar_exits_2_and_leaves_it(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    sidecar = folder / (SEED.name + ".annotations.yaml")
    sidecar.write_text("version: 1\nannotations: !!python/object/apply:os.system ['x']\n")
    before = sidecar.read_bytes()
    result = briefing("check", "--fix", folder)
    assert result.returncode == 2
    assert "sidecar unreadable" in result.stdout
    assert sidecar.read_bytes() == before


def test_no_subcommand_with_bad_codebook_says_why(tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text("tags:\n  - {name: 'Bad Name', key: '4'}\n")
    result = briefing("--codebook", book, SEED)
    assert result.returncode == 2
    assert "codebook" in result.stderr and "name must be" in result.stderr


def test_export_uses_the_codebook_named_in_the_settings_file(tmp_path: Path) -> None:
    import os

    folder = copy_samples(tmp_path / "docs", only_seed=True)
    tag_first_sentences(folder / SEED.name, 1)
    config_dir = Path(os.environ["XDG_CONFIG_HOME"]) / "briefing_tui"
    config_dir.mkdir(parents=True)
    (config_dir / "book.yaml").write_text(
        "replace_defaults: true\ntags:\n  - {name: security, key: '1'}\n"
        "  - {name: health, key: '2'}\n", encoding="utf-8")
    (config_dir / "config.yaml").write_text("codebook: book.yaml\n", encoding="utf-8")
    result = briefing("export", folder, "--format", "json", "--no-timestamp")
    assert result.returncode == 0, result.stderr
    assert list(json.loads(result.stdout)["counts"]) == ["security", "health"]


def test_check_names_untagged_briefings_on_one_line(tmp_path: Path) -> None:
    """A folder of new briefings: one line for all the untagged ones, ten named, the rest
    counted, and the exit status says nothing is wrong."""
    for number in range(12):
        (tmp_path / f"b{number:02d}.txt").write_text("Talks resumed. Both sides met.\n",
                                                      encoding="utf-8")
    result = briefing("check", tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("no sidecar yet (read fine, nothing tagged): 12 briefings: ")
    assert f"{tmp_path / 'b09.txt'} and 2 more" in lines[0]
    assert "b10.txt" not in lines[0]
