"""Starting the app from the command line: find documents, load the codebook, run."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from briefing_tui.core.analyst import AnalystError, resolve_analyst
from briefing_tui.core.codebook import Codebook, CodebookError, load_codebook
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.extract import DOCUMENT_SUFFIXES
from briefing_tui.core.settings import ConfigError, Settings, load_settings
from briefing_tui.core.state import load_state
from briefing_tui.core.visible import visible
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.entry import entries_for
from briefing_tui.tui.keys import binding_ids, clashes
from briefing_tui.tui.memory import return_big_buffers


def _say(message: str) -> None:
    print(f"briefing: {visible(message, keep_newlines=False)}", file=sys.stderr)


def keys_and_tags(codebook_path: Path | None,
                  config_path: Path | None) -> tuple[Settings, Codebook] | None:
    """The settings and codebook, or None after saying why they cannot be used.

    A key bound twice (a codebook tag on ``j``, ``quit: j`` in the keymap) is refused
    with both bindings named: one of them would silently never run.
    """
    codebook = Codebook()
    try:
        settings = load_settings(config_path)
        codebook_path = codebook_path or settings.codebook
        if codebook_path is not None:
            codebook = load_codebook(codebook_path)
        load_settings(config_path, binding_ids(codebook))  # the keymap's ids, checked
    except ConfigError as exc:
        _say(f"config {exc}")
        return None
    except CodebookError as exc:
        _say(f"codebook {exc}")
        return None
    problems = clashes(codebook, settings.keymap)
    for problem in problems:
        _say(f"keys: {problem}")
    return None if problems else (settings, codebook)


def _terminal_sets_the_size() -> None:
    """Drop inherited ``COLUMNS``/``LINES`` when the app runs in a terminal.

    Textual sizes its screen with :func:`shutil.get_terminal_size`, which prefers those
    variables to the terminal's own size (and keeps preferring them after a resize), so a
    shell or tool that exported them would draw the app at the wrong size for good.
    """
    if sys.stdout.isatty():
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def launch(paths: list[Path], codebook_path: Path | None,
           config_path: Path | None = None, analyst: str | None = None,
           layer: bool = False) -> int:
    return_big_buffers()  # before any briefing is read (tui/memory.py)
    found = keys_and_tags(codebook_path, config_path)
    if found is None:
        return 2
    settings, codebook = found
    try:
        name = resolve_analyst(analyst, settings.analyst)
    except AnalystError as exc:
        print(f"briefing: --as: {visible(str(exc), keep_newlines=False)}", file=sys.stderr)
        return 2
    corpus = find_documents(paths)
    if not corpus.documents:
        for error in corpus.errors:
            print(f"briefing: {visible(error, keep_newlines=False)}", file=sys.stderr)
        print("briefing: no briefings to open (it reads "
              f"{', '.join(DOCUMENT_SUFFIXES)} files)", file=sys.stderr)
        return 2
    notices = list(corpus.errors) + corpus.unreadable
    if corpus.truncated:
        notices.append(f"Only the first {len(corpus.documents)} documents are listed.")
    app = BriefingApp(entries_for(corpus.documents), codebook, notices, settings,
                      load_state())
    app.analyst, app.layer_mode = name, layer
    _terminal_sets_the_size()
    status = app.run()
    with contextlib.suppress(OSError):  # the terminal may be gone (tui/hangup.py)
        for message in app.exit_messages:
            print(f"briefing: {visible(message, keep_newlines=False)}", file=sys.stderr)
    return status if isinstance(status, int) else 0
