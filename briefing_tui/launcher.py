"""The ``briefing`` console script: the collector paused before the first import.

:mod:`briefing_tui.core.collector` says why; the app turns it on after its first frame,
every other command as it starts (:func:`briefing_tui.cli.main`).
"""

from __future__ import annotations

from briefing_tui.core.collector import pause


def main() -> int:
    pause()
    from briefing_tui.cli import main as run  # after the pause: most of the start is imports

    return run()
