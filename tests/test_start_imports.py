"""What the first screen loads: only what it shows (issue 17).

Every module imported before the first frame is paid for by every start, so the ones the
first screen does not need (the suggestion model, figures, summaries and exports, the
Word reader, YAML, dialogs and screens opened by a key) load when first used. Each run is
a fresh interpreter that imports what the console script imports and starts the app on a
folder of briefings, stopped once the first frame is drawn.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from briefing_tui.core.document import open_document

_RUN = """
import asyncio, json, sys
from pathlib import Path
import briefing_tui.cli  # the console script's module, as `briefing FOLDER` imports it
from briefing_tui.tui.launch import BriefingApp, entries_for, find_documents, load_state
from briefing_tui.tui.launch import keys_and_tags

class FirstFrame(BriefingApp):
    CSS_PATH = str(Path(sys.modules[BriefingApp.__module__].__file__).with_name(
        "briefing.tcss"))
    modules: dict[str, str] = {}

    def on_mount(self) -> None:  # Textual runs BriefingApp's own on_mount as well
        self.call_after_refresh(self.record)

    def record(self) -> None:
        self.modules = {name: type(module).__name__
                        for name, module in list(sys.modules.items())}
        self.shown = self.reader("reader-1").document is not None

async def main() -> None:
    settings, codebook = keys_and_tags(None, None)
    found = find_documents([Path(sys.argv[1])])
    app = FirstFrame(entries_for(found.documents), codebook, [], settings, load_state())
    async with app.run_test(size=(120, 35)) as pilot:
        while not app.modules:
            await pilot.pause(0.01)
        print(json.dumps({"shown": app.shown, "modules": app.modules}))
        await pilot.press("q")

asyncio.run(main())
"""

#: Not needed until a key, a retrain or a command asks for them.
LATER = ("briefing_tui.core.suggest", "briefing_tui.core.figures", "briefing_tui.core.brief",
         "briefing_tui.core.summary", "briefing_tui.core.export",
         "briefing_tui.core.anchoring", "briefing_tui.cli_check", "briefing_tui.tui.choosers",
         "briefing_tui.tui.fix_dialogs", "briefing_tui.tui.suggest_queue",
         "briefing_tui.tui.summary_screen", "briefing_tui.tui.note_dialog", "docx",
         "pypdfium2", "textual.widgets._text_area")


def _folder(tmp_path: Path, tagged: bool) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    for number in range(3):
        path = folder / f"b{number}.txt"
        path.write_text(f"Briefing {number}.\n\nTroops shelled the town. Aid arrived by "
                        "road.\n\nThe talks resumed on Monday.\n", encoding="utf-8")
        if tagged:
            document = open_document(path)
            first = document.segmentation
            document.annotations.set_tags(document.text, first.starts[1], first.ends[1],
                                          ["security"])
            document.save()
    return folder


def _first_frame_modules(folder: Path) -> dict[str, str]:
    script = folder.parent / "first_frame.py"  # a file: Textual reads the app's source
    script.write_text(_RUN, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["shown"], "the first briefing was not on the first screen"
    modules: dict[str, str] = result["modules"]
    return modules


def test_the_first_frame_loads_nothing_a_key_or_a_worker_loads_later(tmp_path: Path) -> None:
    modules = _first_frame_modules(_folder(tmp_path, tagged=True))  # a retrain is due
    early = sorted(name for name in modules
                   if any(name == later or name.startswith(f"{later}.") for later in LATER))
    assert early == []
    assert "briefing_tui.tui.reader" in modules  # and the test does see the app's modules


def test_untagged_briefings_start_without_running_yaml(tmp_path: Path) -> None:
    """No sidecar, no codebook, no settings file: nothing to read YAML from yet. PyYAML
    may be registered (core.safe_yaml's lazy module) but not executed. (A sidecar's
    header is read with it, so a tagged briefing does load it.)"""
    modules = _first_frame_modules(_folder(tmp_path, tagged=False))
    assert modules.get("yaml", "_LazyModule") == "_LazyModule"
    assert not any(name.startswith("briefing_tui.core.suggest") for name in modules)
