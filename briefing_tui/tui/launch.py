"""Starting the app from the command line: find documents, load the codebook, run."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing_tui.core.codebook import Codebook, CodebookError, load_codebook
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.extract import DOCUMENT_SUFFIXES
from briefing_tui.core.settings import ConfigError, load_settings
from briefing_tui.core.visible import visible
from briefing_tui.tui.app import BriefingApp, open_entries
from briefing_tui.tui.keys import binding_ids


def launch(paths: list[Path], codebook_path: Path | None,
           config_path: Path | None = None) -> int:
    try:
        settings = load_settings(config_path, binding_ids())
    except ConfigError as exc:
        print(f"briefing: config {visible(str(exc), keep_newlines=False)}", file=sys.stderr)
        return 2
    codebook = Codebook()
    codebook_path = codebook_path or settings.codebook
    if codebook_path is not None:
        try:
            codebook = load_codebook(codebook_path)
        except CodebookError as exc:
            print(f"briefing: codebook {visible(str(exc), keep_newlines=False)}",
                  file=sys.stderr)
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
    app = BriefingApp(open_entries(corpus.documents), codebook, notices, settings)
    status = app.run()
    for message in app.exit_messages:
        print(f"briefing: {visible(message, keep_newlines=False)}", file=sys.stderr)
    return status if isinstance(status, int) else 0
