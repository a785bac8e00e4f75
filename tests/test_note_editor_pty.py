"""ctrl+e in the note dialog runs $EDITOR in the real terminal, then saves what it wrote."""

from __future__ import annotations

from pathlib import Path

from .app_helpers import copy_samples, saved
from .constants import SEED
from .pty_helpers import PtyApp


def test_a_long_note_written_in_editor_is_saved(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nprintf 'Written in the editor, line one.\\nLine two.\\n' "
                      '> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    env = {"EDITOR": str(editor), "VISUAL": "", "XDG_STATE_HOME": str(tmp_path / "state")}
    with PtyApp(folder, env=env) as app:
        assert app.wait_for("all saved", timeout=30)
        mark = app.mark()
        app.send("n")
        assert app.wait_for("Note on this sentence", since=mark)
        mark = app.mark()
        app.send("\x05")  # ctrl+e: the editor runs and returns
        assert app.wait_for("Written in the editor", since=mark, timeout=20, squashed=True)
        app.send("\x13")  # ctrl+s
        mark = app.mark()
        assert app.wait_for("all saved", since=mark, timeout=20)
        app.send("q")
        assert app.wait() == 0
    assert saved(folder / SEED.name)[0].note == "Written in the editor, line one.\nLine two."
