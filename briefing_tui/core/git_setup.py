"""``briefing git-setup``: tell git to merge sidecars with ``briefing merge-driver``.

Two things are needed. The driver definition (``merge.briefing.name`` and
``merge.briefing.driver``) lives in git config, which is never committed: each clone (or
each user, with ``--global``) runs the setup once. The attributes line that routes the
sidecars and analyst layers to it lives in ``.gitattributes`` (committed, so the whole
team shares it) or, with ``--global``, in the user's attributes file. A clone that has the
attributes but not the driver is harmless: git then merges the file as text, as before.
Running the setup again changes nothing.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.errors import BriefingError

DRIVER_NAME = "briefing sidecar merge (by annotation id)"
ATTRIBUTE_LINES = ("*.annotations.yaml merge=briefing", "*.annotations.*.yaml merge=briefing")


class SetupError(BriefingError):
    """The setup could not be done; ``str()`` is a one-line reason."""


@dataclass
class SetupReport:
    config: str  # where the driver was written ("this repository" or "your user")
    attributes: Path
    added: list[str] = field(default_factory=list)  # attribute lines that were missing


def driver_command() -> str:
    """The driver as git runs it: this very interpreter, so the installed package is used
    even where ``briefing`` is not on git's PATH."""
    return f"{shlex.quote(sys.executable)} -m briefing_tui.cli merge-driver %O %A %B %P"


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, check=False)
    except OSError as exc:
        raise SetupError(f"cannot run git ({exc.strerror or exc})") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise SetupError(f"git {args[0]}: {reason}")
    return done.stdout.strip()


def _global_attributes(cwd: Path) -> Path:
    try:
        configured = _git(["config", "--global", "--get", "core.attributesFile"], cwd)
    except SetupError:
        configured = ""
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "git" / "attributes"


def _add_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupError(f"cannot read {path}: {exc}") from None
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in ATTRIBUTE_LINES if line not in present]
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "".join(line + "\n" for line in missing), encoding="utf-8")
        except OSError as exc:
            raise SetupError(f"cannot write {path}: {exc.strerror or exc}") from None
    return missing


def git_setup(cwd: Path, *, user_wide: bool = False) -> SetupReport:
    """Write the driver config and the attributes lines; idempotent."""
    scope = ["--global"] if user_wide else ["--local"]
    if user_wide:
        attributes = _global_attributes(cwd)
    else:
        attributes = Path(_git(["rev-parse", "--show-toplevel"], cwd)) / ".gitattributes"
    _git(["config", *scope, "merge.briefing.name", DRIVER_NAME], cwd)
    _git(["config", *scope, "merge.briefing.driver", driver_command()], cwd)
    added = _add_lines(attributes)
    return SetupReport("your user (--global)" if user_wide else "this repository",
                       attributes, added)
