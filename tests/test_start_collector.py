"""The collector waits while the program starts and is back on after it (core/collector.py).

Each run is a fresh interpreter, as the console script starts one: the collector is paused
first, then the app starts (until its first frame) or a command runs.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from briefing_tui.core import collector

_APP = """
import asyncio, gc, json, sys
from pathlib import Path
from briefing_tui.core import collector
collector.pause()
from briefing_tui.tui.launch import BriefingApp, entries_for, find_documents

class Watched(BriefingApp):
    CSS_PATH = str(Path(sys.modules[BriefingApp.__module__].__file__).with_name(
        "briefing.tcss"))
    at_mount: bool | None = None

    def on_mount(self) -> None:
        self.at_mount = gc.isenabled()

async def main() -> None:
    app = Watched(entries_for(find_documents([Path(sys.argv[1])]).documents))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # up to ~2 s for the first frame and what follows it
            if gc.isenabled():
                break
            await pilot.pause(0.01)
        print(json.dumps({"at_mount": app.at_mount, "after": gc.isenabled(),
                          "frozen": gc.get_freeze_count()}))
        await pilot.press("q")

asyncio.run(main())
"""

_COMMAND = """
import gc, json, sys
from briefing_tui.core import collector
collector.pause()
from briefing_tui.cli import main
status = main(["sentences", sys.argv[1]])
print(json.dumps({"status": status, "after": gc.isenabled()}))
"""


def _briefing(tmp_path: Path) -> Path:
    path = tmp_path / "b.txt"
    path.write_text("Troops shelled the town. Aid arrived by road.\n\nTalks resumed.\n",
                    encoding="utf-8")
    return path


def _run(tmp_path: Path, code: str, *args: str) -> dict[str, object]:
    script = tmp_path / "run.py"  # a file: Textual reads the app's source for its CSS
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_app_starts_with_the_collector_paused_and_turns_it_on_after_the_first_frame(
        tmp_path: Path) -> None:
    _briefing(tmp_path)
    result = _run(tmp_path, _APP, str(tmp_path / "b.txt"))
    assert result["at_mount"] is False  # paused while the first screen is made
    assert result["after"] is True
    assert isinstance(result["frozen"], int) and result["frozen"] > 10_000  # the start-up heap


def test_a_command_turns_the_collector_on_as_it_starts(tmp_path: Path) -> None:
    result = _run(tmp_path, _COMMAND, str(_briefing(tmp_path)))
    assert result == {"status": 0, "after": True}


def test_resume_without_a_pause_leaves_the_collector_alone() -> None:
    assert gc.isenabled() and not collector.paused()
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # nothing frozen


def test_pause_leaves_a_collector_someone_else_turned_off_to_them() -> None:
    gc.disable()
    try:
        collector.pause()
        assert not collector.paused()  # not ours to turn back on
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
