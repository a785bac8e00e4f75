"""The cyclic garbage collector waits while the program starts (issue 17: first screen).

Starting the app makes a few hundred thousand long-lived objects (modules, classes,
styles, the first screen's split) and next to no cyclic garbage, yet the collector,
triggered by allocation counts, walks the growing heap again and again on the way: the
first screen of a 1 MB briefing took 1.05 s of CPU with it, 0.88 s without (7 runs each,
interleaved on a pty, load 9). So the console script (:mod:`briefing_tui.launcher`)
pauses it before its first import, and :func:`resume` (the app after its first frame,
any other command as it starts) collects once, moves what is left alive into the
permanent generation, where later full collections no longer walk it (it is still freed
by reference counting), and turns the collector back on; the one collection frees the
start's few cycles, which frozen would be kept for good. Peak memory with a 10 MB
briefing open is unchanged within its run-to-run spread (75-80 MiB). Nothing here acts
unless :func:`pause` did: a library user's or a test's collector is left alone.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off until :func:`resume` (only if it was on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """After start-up: collect, freeze what is alive and turn the collector on again, if
    :func:`pause` turned it off; otherwise nothing."""
    global _paused
    if _paused:
        _paused = False
        gc.collect()
        gc.freeze()
        gc.enable()


def paused() -> bool:
    return _paused
