"""The command line as the ecosystem expects: --version, python -m, completion, NO_COLOR,
``briefing check``'s word diff, a second console script, the packaging metadata."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.document import open_document
from briefing_tui.core.word_diff import word_diff

from .app_helpers import copy_samples
from .constants import SEED

ROOT = Path(__file__).resolve().parent.parent
COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;)")


def run(*args: str | Path, env: dict[str, str] | None = None,
        module: str = "briefing_tui") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *map(str, args)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_version_and_verbose_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert re.fullmatch(r"briefing \d+\.\d+\.\d+\S*\n", done.stdout)
    verbose = run("--version", "--verbose").stdout
    for name in ("Python", "textual", "rich", "PDFium"):
        assert name in verbose, verbose


def test_python_dash_m_is_the_briefing_command(tmp_path: Path) -> None:
    copy_samples(tmp_path / "docs", only_seed=True)
    done = run("sentences", tmp_path / "docs" / SEED.name)
    assert done.returncode == 0 and done.stdout.startswith("1\t0\t")


def test_both_console_scripts_are_declared_and_the_licence_is_spdx() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["briefing"] == project["scripts"]["briefing-tui"]
    assert project["license"] == "MIT"  # an SPDX expression: no setuptools deprecation
    dev = project["optional-dependencies"]["dev"]
    assert any(re.fullmatch(r"ruff==[\d.]+", d) for d in dev)
    assert any(re.fullmatch(r"mypy==[\d.]+", d) for d in dev)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    done = run("completion", shell)
    assert done.returncode == 0, done.stderr
    for word in ("export", "stats", "check", "briefing-tui"):
        assert word in done.stdout
    assert ("-l tag" if shell == "fish" else "--tag") in done.stdout
    if shell == "bash" and shutil.which("bash"):
        probe = subprocess.run(
            ["bash", "-c", done.stdout + '\nCOMP_WORDS=(briefing ex); COMP_CWORD=1; _briefing;'
             ' echo "${COMPREPLY[@]}"'], capture_output=True, text=True, timeout=30)
        assert "export" in probe.stdout.split(), probe.stderr
        probe = subprocess.run(
            ["bash", "-c", done.stdout + '\nCOMP_WORDS=(briefing export --no-t); COMP_CWORD=2;'
             ' _briefing; echo "${COMPREPLY[@]}"'], capture_output=True, text=True, timeout=30)
        assert probe.stdout.split() == ["--no-timestamp"], probe.stderr


def test_completion_for_an_unknown_shell_says_how() -> None:
    done = run("completion", "tcsh")
    assert done.returncode == 2 and "bash|zsh|fish" in done.stderr and not done.stdout


def test_no_color_is_honoured_by_stats(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    document = open_document(folder / SEED.name)
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[1], split.ends[1], ["security"])
    document.save()
    coloured = run("stats", folder, env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert COLOUR.search(coloured.stdout)  # the probe can see colour when there is some
    plain = run("stats", folder, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"})
    assert plain.returncode == 0 and "security" in plain.stdout
    assert not COLOUR.search(plain.stdout)
    export = run("export", folder, "--no-timestamp", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in export.stdout + export.stderr


def test_check_shows_a_word_diff_of_a_review(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    doc = folder / SEED.name
    document = open_document(doc)
    split = document.segmentation
    document.annotations.set_tags(document.text, split.starts[3], split.ends[3], ["migration"])
    document.save()
    doc.write_text(doc.read_text(encoding="utf-8").replace("7,000 Afghan", "7,500 Afghan"),
                   encoding="utf-8")
    done = run("check", folder)
    assert done.returncode == 1
    assert "[-7,000-] {+7,500+}" in done.stdout, done.stdout


def test_word_diff_keeps_context_and_drops_the_rest() -> None:
    old = "one two three four five six seven eight nine ten"
    assert word_diff(old, old.replace("six", "SIX")) == \
        "… three four five [-six-] {+SIX+} seven eight nine …"
    assert word_diff("a b", "a b") == "(same words)"
    assert word_diff("a b", "a b c") == "a b {+c+}"
