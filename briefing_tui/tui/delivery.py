"""Files the app writes reach a browser user too: served (``briefing serve``), the written
file is also sent to the browser as a download (Textual's ``deliver_binary``), since the
person in the tab may have no access to the server's folders. The server's copy stays."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from textual.app import App

mimetypes.add_type("text/markdown", ".md")
mimetypes.add_type("application/ld+json", ".jsonld")


def send_to_browser(app: App[object], path: Path) -> bool:
    """True when ``path`` was handed to the browser (only when the app is served)."""
    if not app.is_web:
        return False
    mime, _ = mimetypes.guess_type(path.name)
    app.deliver_binary(path, save_filename=path.name,
                       mime_type=mime or "application/octet-stream")
    return True
