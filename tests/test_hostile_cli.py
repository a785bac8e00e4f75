"""Hostile folders and streams for the real ``briefing`` commands, run as processes.

A looping symlink, an over-long name, an unreadable subfolder, a FIFO as codebook, a
stdout that is a broken pipe, full or closed: each gets one line and an exit status, the
other documents are still done, and no traceback is ever printed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.sidecar import sidecar_path

from .constants import SEED

COMMANDS = [("check",), ("export",), ("stats", "--json")]
#: As root, permission bits do not stop reads: drop the two capabilities that bypass them.
UNPRIVILEGED = (["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                 "--inh-caps=-dac_override,-dac_read_search"]
                if os.geteuid() == 0 and shutil.which("setpriv") else [])


def briefing(*args: str | Path, stdout: int | None = subprocess.PIPE, prefix: list[str] | None
             = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [*(prefix or []), sys.executable, "-m", "briefing_tui.cli", *map(str, args)]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True,
                          timeout=60, env=env)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr, result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_looping_symlink_and_an_over_long_name_stop_nothing(
        command: tuple[str, ...], tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    good = folder / "a-good.txt"
    good.write_text("Talks resumed in Doha. Both sides met.\n", encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    long_name = "b" * 246 + ".txt"  # fits NAME_MAX; its sidecar's name cannot
    (folder / long_name).write_text("One sentence. Another one.\n", encoding="utf-8")
    result = briefing(command[0], folder, *command[1:])
    assert_no_traceback(result)
    out = result.stdout + result.stderr
    assert "loop.txt" in out and "symbolic links" in out  # listed, with its reason
    assert "over the file system's limit" in out  # the long name: why no sidecar
    lines = [line for line in out.splitlines() if "loop.txt" in line]
    assert all(len(line) < 200 for line in lines)
    if command[0] == "check":
        assert "no sidecar yet (read fine, nothing tagged)" in result.stdout
        assert str(good) in result.stdout  # the good one was still checked
        assert result.returncode == 2
    elif command[0] == "stats":
        names = [d["document"] for d in json.loads(result.stdout)["documents"]]
        assert "a-good.txt" in names
        assert result.returncode == 1
    else:
        assert result.returncode == 1  # written, with files skipped


@pytest.mark.skipif(os.geteuid() == 0 and not UNPRIVILEGED, reason="root reads everything")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unreadable_subfolder_is_named_and_exits_1(command: tuple[str, ...],
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text("Never seen. Really.\n", encoding="utf-8")
    (folder / "open.txt").write_text("Seen here. Counted.\n", encoding="utf-8")
    (folder / "open.txt.annotations.yaml").write_text(
        "version: 1\nannotations:\n- {start: 0, end: 10, text: \"Seen here.\", "
        "tags: [security]}\n", encoding="utf-8")
    os.chmod(folder / "locked", 0)
    try:
        result = briefing(command[0], folder, *command[1:], prefix=UNPRIVILEGED)
    finally:
        os.chmod(folder / "locked", 0o755)
    assert_no_traceback(result)
    assert f"{folder / 'locked'}: folder not read (permission denied)" in result.stderr
    assert result.returncode == 1
    if command[0] == "export":
        assert "Seen here." in result.stdout  # the readable part is still exported


def run_with_stdout(args: list[str], how: str) -> subprocess.CompletedProcess[str]:
    """Run with stdout a broken pipe (reader gone before we write), /dev/full or closed."""
    command = [sys.executable, "-m", "briefing_tui.cli", *args]
    if how == "closed":
        return subprocess.run(["sh", "-c", '"$@" >&-', "sh", *command], capture_output=True,
                              text=True, timeout=60)
    if how == "full":
        with open("/dev/full", "w") as full:
            return subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True,
                              timeout=60)
    finally:
        os.close(write)


@pytest.mark.parametrize("how", ["broken-pipe", "full", "closed"])
@pytest.mark.parametrize("args", [
    ["sentences", str(SEED)], ["sentences", str(SEED), "--json"], ["check", str(SEED)],
    ["export", str(SEED.parent)], ["export", str(SEED.parent), "--format", "json"],
    ["stats", str(SEED.parent)], ["stats", str(SEED.parent), "--json"], ["--help"],
    ["export", "--help"],
], ids=lambda a: "-".join(x for x in a if not x.startswith("/")))
def test_a_stdout_that_fails_gives_one_line_never_a_traceback(args: list[str],
                                                               how: str) -> None:
    result = run_with_stdout(args, how)
    assert_no_traceback(result)
    if how == "broken-pipe":
        assert result.stderr == ""  # the reader went away: nothing to say
        assert result.returncode == 141  # as `cat` after SIGPIPE
    else:
        assert result.returncode == 2
        reason = "No space left" if how == "full" else "closed"
        [line] = result.stderr.splitlines()[-1:]
        assert line.startswith("briefing: cannot write the output") and reason in line


def test_sentences_into_head_stops_quietly(tmp_path: Path) -> None:
    doc = tmp_path / "long.txt"
    doc.write_text("A short sentence here. " * 40_000, encoding="utf-8")
    shell = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m briefing_tui.cli sentences "$1" | head -n 2',
         "sh", str(doc)], capture_output=True, text=True, timeout=60)
    assert len(shell.stdout.splitlines()) == 2
    assert shell.stderr == ""


def test_dash_output_means_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    to_dash = briefing("export", SEED.parent, "--no-timestamp", "-o", "-", "--format", "json")
    plain = briefing("export", SEED.parent, "--no-timestamp", "--format", "json")
    assert not (tmp_path / "-").exists()
    assert to_dash.stdout == plain.stdout and json.loads(to_dash.stdout)
    assert to_dash.returncode == plain.returncode
    assert "wrote -" not in to_dash.stderr


@pytest.mark.parametrize("option", ["--codebook", "config"])
@pytest.mark.parametrize("command", [["export"], ["stats"], []], ids=["export", "stats", "app"])
def test_a_fifo_as_codebook_or_settings_is_refused_at_once(option: str, command: list[str],
                                                          tmp_path: Path) -> None:
    fifo = tmp_path / "codebook.yaml"
    os.mkfifo(fifo)
    env = dict(os.environ)
    args: list[str | Path] = [*command, SEED.parent]
    if option == "config":
        env["BRIEFING_CONFIG"] = str(fifo)
    else:
        args += ["--codebook", fifo]
    result = briefing(*args, env=env)  # the timeout (60 s) fails a hang
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "codebook.yaml: it is a FIFO (named pipe), not a file" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_symlinked_briefing_has_its_targets_sidecar(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "2026-06.txt"
    real.parent.mkdir()
    shutil.copy(SEED, real)
    link = tmp_path / "latest.txt"
    link.symlink_to(real)
    (real.parent / (real.name + ".annotations.yaml")).write_text(
        "version: 1\nannotations:\n- {start: 0, end: 5, text: \"Afgha\", tags: [security]}\n",
        encoding="utf-8")
    assert sidecar_path(link) == sidecar_path(real)
    via_link = briefing("check", link)
    assert "1 annotation:" in via_link.stdout, via_link.stdout
    both = briefing("export", link, real, "--format", "json", "--no-timestamp")
    assert len(json.loads(both.stdout)["documents"]) == 1  # one real file, listed once
    assert not (tmp_path / "latest.txt.annotations.yaml").exists()
