"""The app takes its size from the terminal, not from inherited COLUMNS/LINES.

Textual asks :func:`shutil.get_terminal_size`, which prefers those variables; test runners
(xdist workers) and some shells export them, and the app then drew itself 80 columns wide
in a 120-column terminal, and kept that size after every resize.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .crash_model import drill_text
from .pty_helpers import PtyApp

pytestmark = pytest.mark.system

#: Textual places each line with a cursor-position escape: ESC [ row ; column H.
_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")


def _rows_and_columns(raw: bytes) -> tuple[int, int]:
    moves = [(int(row), int(column)) for row, column in _MOVE.findall(raw)]
    assert moves, "the app placed no line at all"
    return max(row for row, _ in moves), max(column for _, column in moves)


def test_inherited_columns_and_lines_do_not_size_the_app(tmp_path: Path) -> None:
    doc = tmp_path / "brief.txt"
    doc.write_text(drill_text(), encoding="utf-8")
    app = PtyApp(tmp_path, size=(120, 35), env={"COLUMNS": "50", "LINES": "12"})
    try:
        assert app.wait_for("sentence 1/")
        app.pump(0.5)
        rows, _columns = _rows_and_columns(app.raw)
        assert rows == 35, f"drawn {rows} rows high in a 35-row terminal"
        assert "sentence 1/" in app.text()
        app.send("q")
        assert app.wait() == 0
    finally:
        app.close()
