"""``briefing export`` and ``briefing stats`` as a user runs them: real processes, real files.

Exit status: 0 written; 1 written but nothing matched the filters, or a file was skipped;
2 bad input and nothing written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui import cli_streams
from briefing_tui.core.export import FORMATS

from .constants import DATA, SEED
from .export_helpers import tagged_samples, tagged_seed


def briefing(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # An explicit environment: a plugin may have put COLUMNS into the inherited one.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=60, env=env)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tagged_samples(tmp_path / "docs")


def test_export_markdown_to_stdout(folder: Path) -> None:
    done = briefing("export", folder, "--no-timestamp")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Tagged summary\n\nFrom 4 documents.\n")
    for heading in ("## security (4)", "## migration (4)", "## diplomacy (4)",
                    "### Talks on border trade resume as deportations continue"):
        assert heading in done.stdout
    assert done.stderr == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_to_stdout(fmt: str, folder: Path) -> None:
    done = briefing("export", folder, "--format", fmt, "--no-timestamp")
    assert done.returncode == 0, done.stderr
    if fmt in ("json", "jsonld"):
        data = json.loads(done.stdout)
        assert (data["counts"]["diplomacy"] if fmt == "json" else data["total"]) >= 4
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
        assert len(rows) == 12
    elif fmt == "html":
        assert done.stdout.startswith("<!DOCTYPE html>")


def test_tag_filter_is_repeatable_and_unknown_tags_are_refused(folder: Path) -> None:
    done = briefing("export", folder, "--tag", "diplomacy", "--tag", "migration",
                    "--format", "json", "--no-timestamp")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["tags"] == ["migration", "diplomacy"]
    assert {r["tag"] for r in data["sentences"]} == {"migration", "diplomacy"}
    bad = briefing("export", folder, "--tag", "bogus")
    assert bad.returncode == 2 and bad.stdout == ""
    assert "unknown tag 'bogus' (known: security, migration, diplomacy)" in bad.stderr


def test_doc_glob_and_nothing_matched(folder: Path) -> None:
    done = briefing("export", folder, "--doc", "kabul-*", "--format", "csv")
    assert done.returncode == 0
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert {Path(r["document"]).name for r in rows} == {"kabul-dateline-talks.txt"}
    none = briefing("export", folder, "--doc", "nothing-*", "--format", "json")
    assert none.returncode == 1
    assert json.loads(none.stdout)["sentences"] == []  # still a valid export
    assert "no tagged sentences matched the filters" in none.stderr


def test_notes_can_be_left_out(folder: Path) -> None:
    with_notes = briefing("export", folder, "--no-timestamp").stdout
    without = briefing("export", folder, "--no-notes", "--no-timestamp").stdout
    assert "Figures from the Afghan side." in with_notes
    assert "Figures from the Afghan side." not in without and "Note:" not in without
    assert "notes left out" in without


def test_timestamp_or_the_same_bytes(folder: Path) -> None:
    dated = briefing("export", folder).stdout
    assert dated.startswith("# Tagged summary\n\nExported 20")
    runs = [briefing("export", folder, "--no-timestamp", "--format", fmt).stdout
            for fmt in ("html", "html")]
    assert runs[0] == runs[1]


def test_output_file_atomic_and_never_overwritten_silently(folder: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    done = briefing("export", folder, "-o", out, "--no-timestamp")
    assert done.returncode == 0 and done.stdout == ""
    assert "wrote" in done.stderr and "8 tagged sentences from 4 documents" in done.stderr
    first = out.read_bytes()
    assert first.startswith(b"# Tagged summary")
    again = briefing("export", folder, "-o", out, "--tag", "security")
    assert again.returncode == 2
    assert "exists; use --force to replace it" in again.stderr
    assert out.read_bytes() == first
    forced = briefing("export", folder, "-o", out, "--tag", "security", "--force")
    assert forced.returncode == 0 and out.read_bytes() != first
    assert not list(tmp_path.glob(".brief.md.tmp-*"))


def test_format_follows_the_output_suffix(folder: Path, tmp_path: Path) -> None:
    for name, start in (("brief.html", "<!DOCTYPE html>"), ("rows.csv", "document,"),
                        ("anno.jsonld", '{\n "@context"'), ("plain.txt", "# Tagged")):
        assert briefing("export", folder, "-o", tmp_path / name).returncode == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    explicit = tmp_path / "data.md"
    assert briefing("export", folder, "-o", explicit, "--format", "json").returncode == 0
    json.loads(explicit.read_text(encoding="utf-8"))


def test_refuses_to_write_over_its_inputs_or_into_nowhere(folder: Path,
                                                          tmp_path: Path) -> None:
    document = folder / SEED.name
    sidecar = folder / f"{SEED.name}.annotations.yaml"
    before = document.read_bytes(), sidecar.read_bytes()
    for target in (document, sidecar):
        done = briefing("export", folder, "-o", target, "--force")
        assert done.returncode == 2
        assert "is one of the briefings or sidecars being exported" in done.stderr
    assert (document.read_bytes(), sidecar.read_bytes()) == before
    nowhere = briefing("export", folder, "-o", tmp_path / "missing" / "x.md")
    assert nowhere.returncode == 2 and "cannot write" in nowhere.stderr
    folder_target = briefing("export", folder, "-o", tmp_path)
    assert folder_target.returncode == 2 and "is a folder" in folder_target.stderr


def test_bad_input_exits_2_with_a_message(tmp_path: Path, folder: Path) -> None:
    missing = briefing("export", tmp_path / "nowhere")
    assert missing.returncode == 2 and missing.stdout == ""
    assert "nowhere: no such file or folder" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = briefing("export", empty)
    assert nothing.returncode == 2 and "no briefings found" in nothing.stderr
    fmt = briefing("export", folder, "--format", "pdf")
    assert fmt.returncode == 2 and "invalid choice: 'pdf'" in fmt.stderr
    book = tmp_path / "book.yaml"
    book.write_text("tags:\n  - {name: 'Bad Name', key: '4'}\n", encoding="utf-8")
    codebook = briefing("export", folder, "--codebook", book)
    assert codebook.returncode == 2 and "name must be" in codebook.stderr


def test_unreadable_sidecar_is_skipped_and_listed(folder: Path) -> None:
    sidecar = folder / "kabul-dateline-talks.txt.annotations.yaml"
    sidecar.write_text("version: 1\nannotations: !!python/object/apply:os.system ['x']\n",
                       encoding="utf-8")
    done = briefing("export", folder, "--no-timestamp")
    assert done.returncode == 1
    assert "## Skipped (1)" in done.stdout and "## security (4)" in done.stdout
    assert "skipped kabul-dateline-talks.txt: sidecar unreadable" in done.stderr
    assert "!!python" in sidecar.read_text(encoding="utf-8")


def test_codebook_sets_order_and_colours(folder: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text("replace_defaults: true\ntags:\n"
                    "  - {name: diplomacy, key: '1', colour: '#123456'}\n"
                    "  - {name: security, key: '2', colour: '#abcdef'}\n", encoding="utf-8")
    page = briefing("export", folder, "--codebook", book, "--format", "html").stdout
    assert page.index('id="tag-diplomacy"') < page.index('id="tag-security"') < \
        page.index('id="tag-migration"')
    assert "#123456" in page and "#abcdef" in page


def test_stats_table_and_json(folder: Path) -> None:
    hostile = folder / "[bold]x[red] \x1b[2J.txt"
    hostile.write_text("Returnees crossed at Torkham.\n", encoding="utf-8")
    done = briefing("stats", folder)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for expected in ("Tagged sentences per document", "co-occurrence", "total (5 documents)",
                     "[bold]x[red] ␛[2J.txt", "afghan-deportations-2026.txt", "█"):
        assert expected in out, expected
    assert "\x1b" not in out
    data = json.loads(briefing("stats", folder, "--json").stdout)
    assert data["total"]["counts"] == {"security": 4, "migration": 4, "diplomacy": 4}
    assert data["cooccurrence"]["security"]["diplomacy"] == 2
    assert data["documents"][0]["document"] == "[bold]x[red] \x1b[2J.txt"
    only = json.loads(briefing("stats", folder, "--json", "--tag", "security").stdout)
    assert only["tags"] == ["security"]
    assert briefing("stats", folder, "--tag", "nope").returncode == 2


def test_progress_bar_only_on_a_terminal_after_a_second(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    quiet = cli_streams.ProgressBar("exporting")
    quiet.enabled = False
    quiet.DELAY = 0
    quiet(1, 10)
    assert quiet.bar is None
    fast = cli_streams.ProgressBar("exporting")
    fast.enabled = True
    fast(1, 10)  # within the first second: no bar
    assert fast.bar is None
    slow = cli_streams.ProgressBar("exporting")
    slow.enabled = True
    slow.DELAY = 0
    slow(1, 10)
    slow(10, 10)
    assert slow.bar is not None
    slow.close()
    read, write = os.pipe()
    with os.fdopen(read) as reader, os.fdopen(write, "w") as writer:
        assert cli_streams._is_pipe(writer) and cli_streams._is_pipe(reader)
        monkeypatch.setattr(sys, "stdout", writer)
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        assert not cli_streams.ProgressBar("exporting").enabled  # `briefing export . | less`
        assert cli_streams.ProgressBar("exporting", to_stdout=False).enabled  # with -o
    with (tmp_path / "file").open("w") as plain_file:
        assert not cli_streams._is_pipe(plain_file)


def test_hostile_note_reaches_no_terminal(tmp_path: Path) -> None:
    import yaml

    from briefing_tui.core.document import open_document

    path = tagged_seed(tmp_path)
    hostile = yaml.safe_load((DATA / "hostile_inputs.yaml").read_text(encoding="utf-8"))
    document = open_document(path)
    sentence = document.segmentation.sentence(0)
    document.annotations.set_tags(document.text, sentence.start, sentence.end, ["security"])
    document.annotations.set_note(document.text, sentence.start, sentence.end,
                                  "".join(hostile["terminal_escapes"]))
    document.save()
    for fmt in FORMATS:
        out = briefing("export", path, "--format", fmt).stdout
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out, fmt
