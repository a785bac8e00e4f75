"""Real git repositories in tmp_path, and sidecars built from the seed briefing's sentences."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from briefing_tui.core.annotations import Annotation, make_id, quote_at
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import SidecarData, dump_sidecar

from .constants import SEED

DOC = "article.txt"
SIDECAR = DOC + ".annotations.yaml"


def git_env(home: Path) -> dict[str, str]:
    """git that sees neither the machine's nor the developer's config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Analyst",
               GIT_AUTHOR_EMAIL="a@example.org", GIT_COMMITTER_NAME="Analyst",
               GIT_COMMITTER_EMAIL="a@example.org", GIT_EDITOR="true")
    return env


class Repo:
    """A git repository holding the seed briefing as ``article.txt``."""

    def __init__(self, root: Path, *, driver: bool = True) -> None:
        self.root = root
        self.home = root.parent / (root.name + "-home")
        self.home.mkdir(exist_ok=True)
        self.env = git_env(self.home)
        root.mkdir()
        self.git("init", "-q", "-b", "main")
        shutil.copy(SEED, root / DOC)
        if driver:
            done = self.briefing("git-setup")
            assert done.returncode == 0, done.stderr
        else:  # a clone that has the committed attributes but never ran git-setup
            (root / ".gitattributes").write_text("*.annotations.yaml merge=briefing\n")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["git", *args], cwd=self.root, env=self.env, text=True,
                              capture_output=True, timeout=60)
        if check:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done

    def briefing(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *args],
                              cwd=self.root, env=self.env, text=True, capture_output=True,
                              timeout=60)

    def write(self, text: str, name: str = SIDECAR) -> None:
        (self.root / name).write_text(text, encoding="utf-8")

    def read(self, name: str = SIDECAR) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def commit(self, message: str, *, allow_empty: bool = False) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, *(["--allow-empty"] if allow_empty else []))


class Seed:
    """The seed briefing's sentences, to build sidecars on (opened once per session)."""

    def __init__(self) -> None:
        document = open_document(SEED)
        self.text = document.text
        self.sha256 = document.loaded.sha256
        self.spans = [(s.start, s.end) for s in document.segmentation]

    def annotation(self, sentence: int, tags: tuple[str, ...] = (), note: str = "",
                   by: tuple[str, ...] = ()) -> Annotation:
        start, end = self.spans[sentence]
        quote, prefix, suffix = quote_at(self.text, start, end)
        made = Annotation(make_id(start, end, quote), start, end, quote, prefix, suffix,
                          tags=tags, note=note)
        return replace(made, by=by) if by else made

    def sidecar(self, annotations: list[Annotation], **extra: object) -> str:
        return dump_sidecar(SidecarData(DOC, self.sha256, annotations, extractor="text 1",
                                        extra=dict(extra)))
