"""What every command shares: its exit statuses, one-line messages, a folder's skipped entries.

Exit statuses: 0 all done, 1 done but something needs the analyst's attention (a file
skipped, a folder unreadable), 2 bad input (nothing or not everything could be done).
"""

from __future__ import annotations

import sys

from briefing_tui.core.corpus import Corpus
from briefing_tui.core.visible import visible

EXIT_OK, EXIT_ATTENTION, EXIT_BAD_INPUT = 0, 1, 2


def say(message: str) -> None:
    """One line on stderr, control characters made visible (a file name cannot forge lines)."""
    print(visible(message, keep_newlines=False), file=sys.stderr)


def say_corpus_problems(corpus: Corpus) -> int:
    """Say each path given that is no briefing and each folder that could not be read;
    return the exit status they call for (bad input over attention)."""
    status = EXIT_OK
    for error in corpus.errors:
        say(f"briefing: {error}")
        status = EXIT_BAD_INPUT
    for folder in corpus.unreadable:
        say(f"briefing: {folder}")
        status = max(status, EXIT_ATTENTION)
    return status
