"""The floor for the first screen: a bare Textual app that paints one ``Static``.

    python -m benchmarks.floor_app FILE

It reads the file's first line and shows it, nothing else: interpreter start, importing
``textual.app`` and one frame from the terminal driver. No Textual app can show text sooner,
so ``bench_reader`` times it in the same run as ours (issue 17: at 1 MB ours should be
within 0.05 s of it).
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Floor(App[None]):
    """One Static with the document's first line."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        yield Static(self.line, markup=False)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8", errors="replace") as handle:
        line = handle.readline().strip()
    Floor(line).run()


if __name__ == "__main__":
    main()
