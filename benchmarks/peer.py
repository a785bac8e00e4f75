"""SLATE (``slate-nlp`` on PyPI), a curses text annotator, as a peer to compare against.

It is installed into a throwaway venv under ``benchmarks/data/peer-venv`` — never into the
project's venv — and launched the way its users launch it: its console script on a file.
Reading its source (``slate/annotate.py``) shows ``slate [options] FILE ...``; it writes
``<log-prefix>.log`` and ``.config`` into the current folder on start, so it is run in a
temporary folder with ``-l`` pointing there. Its Datum reads and tokenizes the whole
file before the first paint.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

from benchmarks._common import DATA

PACKAGE = "slate-nlp"
VENV = DATA / "peer-venv"


class PeerUnavailable(RuntimeError):
    """SLATE could not be installed or found; the message says why."""


def _run(argv: list[str], timeout: float) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PeerUnavailable(f"{' '.join(argv[:3])} ...: {exc}") from exc
    if done.returncode:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise PeerUnavailable(f"{' '.join(argv[:3])} ... failed: {' | '.join(tail)}")


def _console_script(venv: Path) -> Path:
    """SLATE's console script, found from its own entry points (not guessed)."""
    for info in sorted(venv.glob("lib/python*/site-packages/slate_nlp-*.dist-info")):
        entry_points = configparser.ConfigParser()
        entry_points.read(info / "entry_points.txt", encoding="utf-8")
        if entry_points.has_section("console_scripts"):
            for name, target in entry_points.items("console_scripts"):
                script = venv / "bin" / name
                if target.strip().startswith("slate.") and script.exists():
                    return script
    raise PeerUnavailable(f"no console script of {PACKAGE} in {venv}")


def _takes_log_prefix(venv: Path) -> bool:
    """Whether this SLATE version has ``-l/--log-prefix`` (read from its argparse setup)."""
    for source in venv.glob("lib/python*/site-packages/slate/annotate.py"):
        if "--log-prefix" in source.read_text(encoding="utf-8", errors="replace"):
            return True
    return False


def version(venv: Path = VENV) -> str:
    """The installed SLATE version, from its dist-info folder name."""
    for info in venv.glob("lib/python*/site-packages/slate_nlp-*.dist-info"):
        return info.name.removeprefix("slate_nlp-").removesuffix(".dist-info")
    return "?"


def install(venv: Path = VENV) -> Path:
    """Make sure SLATE is installed in ``venv``; return its console script."""
    try:
        return _console_script(venv)
    except PeerUnavailable:
        pass
    if not (venv / "bin" / "python").exists():
        _run([sys.executable, "-m", "venv", str(venv)], timeout=120)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
          "--disable-pip-version-check", PACKAGE], timeout=600)
    return _console_script(venv)


def launch_argv(script: Path, document: Path, workdir: Path,
                venv: Path = VENV) -> list[str]:
    """How SLATE is started on ``document`` (its log files go to ``workdir``)."""
    if _takes_log_prefix(venv):
        return [str(script), "-l", str(workdir / "slate-log"), str(document)]
    return [str(script), str(document)]
