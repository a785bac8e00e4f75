"""The summary screen names each document once: its title and file, or the file alone
when the document has no title of its own (a statement opening with a sentence)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from .app_helpers import make_app, settle
from .export_helpers import tag_document
from .test_app_summary import open_summary


async def test_a_document_without_a_title_is_named_once(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "statement.txt").write_text(
        "Mr. President, more than 350 displaced persons have returned home.\n\n"
        "We call on donors to support them.\n", encoding="utf-8")
    (folder / "update.txt").write_text(
        "Kunar flash update\n\nFighting displaced about 1,200 people in Kunar.\n",
        encoding="utf-8")
    tag_document(folder / "statement.txt", (("Mr. President", ("migration",), ""),))
    tag_document(folder / "update.txt", (("Fighting displaced", ("migration",), ""),))
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_summary(pilot)
        listing = screen.query_one("#summary-list", OptionList)
        rows = [str(listing.get_option_at_index(i).prompt)
                for i in range(listing.option_count)]
        headers = [r.strip() for r in rows if r.startswith("  ") and not r.startswith("   ")]
        assert "statement.txt" in headers and "Kunar flash update — update.txt" in headers
        assert not [r for r in rows if "statement.txt — statement.txt" in r]
