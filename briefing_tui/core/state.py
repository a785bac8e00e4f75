"""What the app remembers between runs: the last document and sentence, the summary file.

Kept in ``$XDG_STATE_HOME/briefing_tui/state.json`` (``~/.local/state`` by default),
never beside the briefings: a shared folder must not carry one analyst's place. A state
file that cannot be read or written is ignored; it only ever saves a few key presses.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefing_tui.core.atomic import atomic_write

MAX_BYTES = 1 << 20
MAX_PLACES = 200  # documents whose last sentence is remembered


@dataclass
class AppState:
    last_document: str = ""  # an absolute path
    places: dict[str, int] = field(default_factory=dict)  # path -> text offset of the cursor
    summary_path: str = ""
    summary_format: str = ""

    def place_of(self, path: Path) -> int | None:
        return self.places.get(str(path.resolve()))

    def remember(self, path: Path, offset: int) -> None:
        key = str(path.resolve())
        self.places.pop(key, None)
        self.places[key] = offset
        while len(self.places) > MAX_PLACES:
            del self.places[next(iter(self.places))]
        self.last_document = key


def state_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "briefing_tui" / "state.json"


def load_state(path: Path | None = None) -> AppState:
    path = path or state_path()
    try:
        if path.stat().st_size > MAX_BYTES:
            return AppState()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppState()
    if not isinstance(data, dict):
        return AppState()
    places = data.get("places")
    return AppState(
        last_document=_text(data.get("last_document")),
        places={k: v for k, v in places.items() if isinstance(k, str) and
                isinstance(v, int) and not isinstance(v, bool) and v >= 0}
        if isinstance(places, dict) else {},
        summary_path=_text(data.get("summary_path")),
        summary_format=_text(data.get("summary_format")))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def save_state(state: AppState, path: Path | None = None) -> bool:
    """Write the state; False (and nothing else) when it cannot be written."""
    path = path or state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(asdict(state), indent=1).encode("utf-8"))
    except OSError:
        return False
    return True
