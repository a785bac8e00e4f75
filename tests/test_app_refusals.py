"""A tag key that cannot act says why in words that fit the case, and changes nothing."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.sidecar import sidecar_path

from .app_helpers import make_app, reader, settle
from .extract_helpers import SITREP, isolated_cache, write_pdf

__all__ = ["isolated_cache"]  # autouse: extraction is not served from a cache here


async def test_a_tag_key_while_a_pdf_is_still_being_read_says_so(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "sitrep.pdf", SITREP * 12)  # long enough to be read a while
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.press("1")  # before its text is on screen
        said = [str(n.message) for n in app._notifications]
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert any("sitrep.pdf is still being read" in m for m in said), said
        assert reader(app).document is not None
    assert not sidecar_path(pdf).exists()  # nothing was tagged unseen
