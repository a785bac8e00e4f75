"""The command line's streams: a stdout that is closed, full or a broken pipe.

``briefing sentences x | head``, ``> /dev/full`` and ``>&-`` must end with one line (or
quietly, for a reader that went away), never a traceback; :func:`briefing_tui.cli.main`
catches the errors, these helpers make them happen where they can be caught.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import stat
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class Parser(argparse.ArgumentParser):
    """argparse, except that a help text that cannot be written (``--help > /dev/full``)
    is an error: argparse itself swallows it and exits 0."""

    def print_help(self, file: Any = None) -> None:
        (file or sys.stdout).write(self.format_help())

    def print_usage(self, file: Any = None) -> None:
        (file or sys.stdout).write(self.format_usage())


def _is_pipe(stream: Any) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


class ProgressBar:
    """A bar on stderr once the work has taken over 1 s, and only when stderr is a
    terminal and stdout no pipe (``briefing export . | less`` would be garbled)."""

    DELAY = 1.0

    def __init__(self, label: str, *, to_stdout: bool = True) -> None:
        self.label = label
        self.began = time.monotonic()
        self.enabled = sys.stderr.isatty() and not (to_stdout and _is_pipe(sys.stdout))
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.enabled or done >= total or \
                    time.monotonic() - self.began < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class _ClosedStream:
    """What ``sys.stdout`` is when the command was started with stdout closed (``>&-``):
    writing fails the way a closed descriptor does, so it is reported, not ignored."""

    def write(self, text: str | bytes) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> _ClosedStream:
        return self

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def guard_stdout() -> None:
    """With fd 1 closed, the next file opened would get it and receive our output."""
    if sys.stdout is None:
        with contextlib.suppress(OSError):
            os.fstat(1)
            return
        with contextlib.suppress(OSError):
            os.open(os.devnull, os.O_WRONLY)  # takes fd 1: nothing else lands there
        sys.stdout = _ClosedStream()  # type: ignore[assignment,unused-ignore]


def drop_stdout() -> None:
    """Stop writing to a stdout that failed, so exiting does not try (and fail) again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def stdout_console(**options: Any) -> Console:
    """A Rich console on stdout whose broken pipe is ours to handle: Rich's own handler
    exits with status 1, where every other command here exits 141."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "broken pipe")

    return _Console(**options)


def _say(message: str) -> None:
    from briefing_tui.core.visible import visible

    with contextlib.suppress(OSError, ValueError):
        print(visible(message, keep_newlines=False), file=sys.stderr)


def run_guarded(run: Callable[[list[str]], int], argv: list[str]) -> int:
    """``run(argv)``'s exit status; a broken pipe (``| head``), a full or closed stdout end
    it quietly (141, as after SIGPIPE) or with one line (2), never with a traceback."""
    guard_stdout()
    try:
        try:
            status = run(argv)
        except SystemExit as done:  # argparse after --help or a usage error
            code = done.code
            status = code if isinstance(code, int) else 0 if code is None else 2
            if isinstance(code, str):
                _say(code)
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # the reader went away (`briefing sentences x | head`)
        drop_stdout()
        return 128 + signal.SIGPIPE
    except OSError as exc:  # /dev/full, a closed stdout, a failing disk
        drop_stdout()
        where = f" ({exc.filename})" if exc.filename else ""
        _say(f"briefing: cannot write the output{where}: {exc.strerror or exc}")
        return 2
